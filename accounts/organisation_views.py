"""Organisation pages: sign-up, members and invitations (routed under /organisation/ by missions.urls)."""
from allauth.account.internal import flows
from allauth.account.utils import complete_signup, setup_user_email
from allauth.decorators import rate_limit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.access import get_admin_membership, get_current_membership
from accounts.forms import InvitationForm, InvitationSignupForm, MemberRoleForm, OrganisationSignupForm
from accounts.models import Invitation, Membership

# Where an organisation member lands: the client dashboard, by URL name (accounts imports no app above it).
DASHBOARD = "client:dashboard"


@rate_limit(action="signup")  # allauth's sign-up limit (ACCOUNT_RATE_LIMITS), per client address, POSTs only
def signup(request):
    if request.user.is_authenticated:
        return redirect(DASHBOARD)
    form = OrganisationSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form.account_already_exists:
            return _signup_address_taken(request, email=data["email"], password=data["password1"])
        with transaction.atomic():
            user = services.organisation_signup(
                email=data["email"], password=data["password1"], organisation_name=data["organisation_name"],
                kind=data["kind"], city=data["city"], first_name=data["first_name"], last_name=data["last_name"],
            )
            setup_user_email(request, user, [])
        # allauth sends the verification e-mail and, verification being mandatory, shows "check your inbox".
        return complete_signup(request, user, settings.ACCOUNT_EMAIL_VERIFICATION, reverse(DASHBOARD))
    return render(request, "accounts/organisation_signup.html", {"form": form})


def _signup_address_taken(request, *, email: str, password: str):
    """allauth's own answer to a sign-up with a known address, as its freelancer sign-up gives it: the same
    "check your inbox" page and message, and the owner gets an e-mail instead (accounts.adapter words it for
    an organisation) within the verification mails' cooldown."""
    make_password(password)  # as long as a real sign-up takes: the delay tells nothing either
    return flows.signup.prevent_enumeration(request, email=email)


@login_required
def members(request):
    membership = get_current_membership(request.user)
    organisation = membership.organisation
    form = None
    if membership.is_admin:
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.invitation_create(
                    organisation=organisation, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                    invited_by=request.user, accept_url_builder=request.build_absolute_uri,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": form.cleaned_data["email"]})
                return redirect("client:members")
    elif request.method == "POST":
        get_admin_membership(request.user)  # 403
    context = {
        "organisation": organisation,
        "membership": membership,
        "memberships": organisation.memberships.select_related("user").order_by("joined_at", "id"),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by").order_by("-created_at"),
        "form": form,
        "roles": Membership.Role.choices,
    }
    return render(request, "accounts/members.html", context)


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
        for e in errors:
            form.add_error(field if field in form.fields else None, e)


@login_required
@require_POST
def member_role(request, membership_pk):
    admin = get_admin_membership(request.user)
    membership = get_object_or_404(Membership, pk=membership_pk, organisation=admin.organisation)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except services.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Rôle mis à jour."))
    return redirect("client:members")


@login_required
@require_POST
def member_remove(request, membership_pk):
    admin = get_admin_membership(request.user)
    membership = get_object_or_404(Membership, pk=membership_pk, organisation=admin.organisation)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Membre retiré de l'organisation."))
    return redirect("client:members")


@login_required
@require_POST
def invitation_revoke(request, invitation_pk):
    admin = get_admin_membership(request.user)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organisation=admin.organisation)
    if services.invitation_revoke(invitation=invitation, by=request.user):
        messages.success(request, _("Invitation retirée : son lien ne fonctionne plus."))
    else:
        messages.error(request, _("Cette invitation n'était plus en attente."))
    return redirect("client:members")


def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    refusal = services.invitation_refusal(invitation=invitation)
    usable = refusal is None
    form = None
    if usable and not request.user.is_authenticated:
        form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and usable:
        if request.user.is_authenticated or form.is_valid():
            try:
                user = services.invitation_accept(
                    invitation=invitation, user=request.user if request.user.is_authenticated else None,
                    password=form.cleaned_data["password1"] if form else "",
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if not request.user.is_authenticated:
                    login(request, user, backend="accounts.backends.ModelBackend")
                messages.success(request, _("Bienvenue chez %(name)s.") % {"name": invitation.organisation.name})
                return redirect(DASHBOARD)
    return render(request, "accounts/invitation_accept.html",
                  {"invitation": invitation, "usable": usable, "refusal": refusal, "form": form,
                   "login_url": f"{reverse('account_login')}?next={request.path}"})

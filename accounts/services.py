"""Accounts and organisations: sign-up, invitations, members, API tokens (no other app needed)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, Invitation, Membership, Organisation, User


class MembershipError(ValueError):
    """A member change that would leave the organisation without an administrator, or similar."""


def user_signup_account_type(*, user: User) -> User:
    """The public sign-up form is the freelancer's: a new account from it is a freelancer account.

    Organisations sign up through their own page, which sets its own type.
    """
    user.account_type = User.AccountType.FREELANCER
    return user


def user_tokens_revoke(*, user: User) -> int:
    """Revoke every active API token of the user (password changed or reset, account closed);
    returns how many were revoked. Browser sessions end by themselves: Django checks the password
    hash stored in each session, so a new password logs every other session out."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def organisation_signup(
    *, email: str, password: str, organisation_name: str, kind: str = Organisation.Kind.CLIENT, city: str = "",
    first_name: str = "", last_name: str = "",
) -> User:
    """Create an organisation account: the user, the organisation and the user's admin membership."""
    user = User.objects.create_user(
        email=email, password=password, account_type=User.AccountType.ORGANISATION,
        first_name=first_name, last_name=last_name,
    )
    organisation = Organisation.objects.create(name=organisation_name, kind=kind, city=city)
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, role: str, invited_by: User,
                      accept_url_builder=None) -> Invitation:
    """Invite an address to join the organisation and e-mail the link (after commit).

    `accept_url_builder(path) -> absolute URL` lets the page build links with its host.
    """
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Cette personne fait déjà partie de l'organisation.")})
    if Invitation.objects.filter(organisation=organisation, email__iexact=email, accepted_at__isnull=True,
                                 revoked_at__isnull=True).exists():
        raise ValidationError({"email": _("Une invitation est déjà en attente pour cette adresse.")})
    invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=invited_by)
    url = invitation.get_absolute_url()
    if accept_url_builder is not None:
        url = accept_url_builder(url)
    context = {"invitation": invitation, "url": url, "inviter": invited_by}
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_message.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return invitation


def invitation_refusal(*, invitation: Invitation) -> str | None:
    """Why the invitation can no longer be accepted, or None. An invitation speaks for its inviter: it lapses
    when they are no longer an administrator of the organisation (removed, demoted, account deleted)."""
    if invitation.revoked_at is not None:
        return _("Un administrateur a retiré cette invitation.")
    if invitation.accepted_at is not None or invitation.is_expired:
        return _("Cette invitation n'est plus valable.")
    inviter_is_admin = Membership.objects.filter(
        organisation_id=invitation.organisation_id, user_id=invitation.invited_by_id, role=Membership.Role.ADMIN,
    ).exists()
    if invitation.invited_by_id is None or not inviter_is_admin:
        return _("La personne qui vous a invité n'est plus administrateur de cette organisation : "
                 "cette invitation n'est plus valable.")
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User | None = None, password: str = "") -> User:
    """Join the organisation; creates the account (its address verified by the link) when there is none."""
    from allauth.account.models import EmailAddress

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    # The inviter's membership is locked too: a removal or demotion waits for this acceptance, or wins before it.
    list(Membership.objects.select_for_update().filter(organisation_id=invitation.organisation_id,
                                                       user_id=invitation.invited_by_id))
    refusal = invitation_refusal(invitation=invitation)
    if refusal is not None:
        raise ValidationError(refusal)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("Un compte existe déjà pour cette adresse : connectez-vous pour accepter."))
        user = User.objects.create_user(
            email=invitation.email, password=password, account_type=User.AccountType.ORGANISATION
        )
        EmailAddress.objects.create(user=user, email=invitation.email, primary=True, verified=True)
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(_("Cette invitation a été envoyée à une autre adresse."))
    Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> bool:
    """Withdraw a pending invitation: its link stops working. False when it was no longer pending (accepted
    or already revoked), which changes nothing."""
    return _invitations_revoke(Invitation.objects.filter(pk=invitation.pk), by=by) == 1


def _invitations_revoke(invitations, *, by: User) -> int:
    return invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by)


def _invitations_sent_by(membership: Membership):
    return Invitation.objects.filter(organisation_id=membership.organisation_id, invited_by_id=membership.user_id)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Make a member an administrator or back; the last administrator cannot step down. A former
    administrator's pending invitations are revoked with the demotion."""
    if role == membership.role:
        return membership
    if role != Membership.Role.ADMIN:
        _ensure_another_admin(membership)
        _invitations_revoke(_invitations_sent_by(membership), by=by)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a member from the organisation; never the last administrator. Their pending invitations are
    revoked with the removal."""
    if membership.is_admin:
        _ensure_another_admin(membership)
    _invitations_revoke(_invitations_sent_by(membership), by=by)
    membership.delete()


def _ensure_another_admin(membership: Membership) -> None:
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Membership.Role.ADMIN
    ).exclude(pk=membership.pk)
    if not admins.exists():
        raise MembershipError(_("L'organisation doit garder au moins un administrateur."))

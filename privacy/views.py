"""The freelancer's GDPR page: download all their data, erase their account."""
import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from privacy.services import contact_unlocks_of, freelancer_account_erase, freelancer_data_export
from profiles.services import profile_for_user


class EraseForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Mot de passe"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=gettext_lazy("Je comprends que mon compte, mon profil et mon CV seront "
                                                    "effacés définitivement."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."), code="wrong_password")
        return password


def _own_profile(request):
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404  # organisation and staff accounts are handled by the staff
    return profile


@login_required
def privacy_page(request):
    profile = _own_profile(request)
    return render(request, "privacy/account.html", {
        "profile": profile, "form": EraseForm(user=request.user), "unlocks": contact_unlocks_of(profile=profile),
    })


@login_required
@require_GET
def privacy_export(request):
    """All of the freelancer's data as a JSON file (the CV is downloaded from its own link)."""
    _own_profile(request)
    body = json.dumps(freelancer_data_export(user=request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="amoe-match-donnees-{timezone.now():%Y%m%d}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def privacy_erase(request):
    profile = _own_profile(request)
    form = EraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        freelancer_account_erase(user=user)
        messages.success(request, _("Votre compte et toutes vos données ont été effacés."))
        return redirect("home")
    return render(request, "privacy/erase.html", {"profile": profile, "form": form})

from allauth.account.forms import SignupForm
from allauth.account.utils import filter_users_by_email
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organisation, User


class _LowerCaseEmail:
    """Addresses are stored in lower case, as UserManager and allauth store them."""

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class AdminUserCreationForm(_LowerCaseEmail, UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "account_type")


class AdminUserChangeForm(_LowerCaseEmail, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class FreelancerSignupForm(SignupForm):
    """allauth's sign-up with the name a client will read; allauth's adapter saves both fields."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Nom"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "family-name"}))

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse e-mail")
        self.fields["password2"].label = _("Mot de passe (confirmation)")


def _check_passwords(form: forms.Form, *, email: str) -> None:
    """password2 repeats password1, which passes the password validators (for an account at `email`)."""
    p1, p2 = form.cleaned_data.get("password1"), form.cleaned_data.get("password2")
    if p1 and p2 and p1 != p2:
        form.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
    elif p1:
        try:
            password_validation.validate_password(p1, User(email=email))
        except forms.ValidationError as error:
            form.add_error("password1", error)


class OrganisationSignupForm(forms.Form):
    organisation_name = forms.CharField(label=_("Nom de l'entreprise"), max_length=200)
    kind = forms.ChoiceField(label=_("Type d'organisation"), choices=Organisation.Kind.choices,
                             initial=Organisation.Kind.CLIENT)
    city = forms.CharField(label=_("Ville"), max_length=100, required=False)
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    email = forms.EmailField(label=_("Adresse e-mail professionnelle"))
    password1 = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Mot de passe (confirmation)"),
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self):
        # A known address is no error: the page answers the same and its owner is told by e-mail (like
        # allauth's freelancer sign-up), so the form tells nobody who has an account.
        email = self.cleaned_data["email"].strip().lower()
        self.account_already_exists = bool(filter_users_by_email(email))
        return email

    def clean(self):
        cleaned = super().clean()
        _check_passwords(self, email=cleaned.get("email") or "")
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"))
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class InvitationSignupForm(forms.Form):
    password1 = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Mot de passe (confirmation)"),
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        _check_passwords(self, email=self.email)
        return cleaned


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)

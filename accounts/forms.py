from allauth.account.forms import SignupForm
from django import forms
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


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

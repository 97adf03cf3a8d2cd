"""allauth adapter: who signs up through allauth, and where each kind of user lands after log-in."""
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from rest_framework.throttling import BaseThrottle

from accounts.models import User
from accounts.services import user_signup_account_type
from accounts.views import ORGANISATION_SIGNUP

# Landing pages by account type, as URL names (reversed at call time): accounts imports no app above it.
LANDINGS = {
    User.AccountType.FREELANCER: "freelancer:profile",
    User.AccountType.ORGANISATION: "client:dashboard",
}


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user_signup_account_type(user=user)
        if commit:
            user.save()
        return user

    def get_client_ip(self, request) -> str:
        # allauth trusts the first X-Forwarded-For entry, which the client writes. Its log-in and sign-up limits
        # count by the address DRF's throttles use: TRUSTED_PROXY_COUNT (NUM_PROXIES) says which one.
        return BaseThrottle().get_ident(request)

    def send_account_already_exists_mail(self, email: str) -> None:
        # The organisation sign-up answers a known address with allauth's own flow (accounts.organisation_views.signup);
        # the owner is told what was tried, with the way back in.
        request = context.request
        if request.path != reverse(ORGANISATION_SIGNUP):
            return super().send_account_already_exists_mail(email)
        self.send_mail("account/email/organisation_signup_exists", email, {
            "email": email,
            "login_url": request.build_absolute_uri(reverse("account_login")),
            "password_reset_url": request.build_absolute_uri(reverse("account_reset_password")),
        })

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.is_staff and user.account_type in LANDINGS:
            return reverse(LANDINGS[user.account_type])
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_signup_redirect_url(self, request):
        # Reached once the e-mail is verified (log-in on confirmation): straight to the profile editor.
        if request.user.is_authenticated:
            return self.get_login_redirect_url(request)
        return super().get_signup_redirect_url(request)

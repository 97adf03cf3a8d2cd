"""The allauth adapter in use (settings.ACCOUNT_ADAPTER).

It lives in profiles because signing up as a freelancer creates the profile,
and accounts may not import profiles (imports point matching → missions →
profiles → accounts).
"""
from accounts.adapter import AccountAdapter
from accounts.models import User
from profiles.services import profile_create


class FreelancerAccountAdapter(AccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit and user.account_type == User.AccountType.FREELANCER:
            profile_create(user=user)
        return user

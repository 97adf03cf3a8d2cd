"""Account rules that do not depend on any other app."""
from accounts.models import User


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
    from django.utils import timezone

    from accounts.models import ApiToken

    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())

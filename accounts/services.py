"""Account rules that do not depend on any other app."""
from accounts.models import User


def user_signup_account_type(*, user: User) -> User:
    """The public sign-up form is the freelancer's: a new account from it is a freelancer account.

    Organisations sign up through their own page, which sets its own type.
    """
    user.account_type = User.AccountType.FREELANCER
    return user

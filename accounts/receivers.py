"""A new password, whichever way it was set (changed, reset by e-mail, set for the first time),
revokes the user's API tokens; allauth's password change logs the other browser sessions out
(ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE and Django's session hash check).

User.save revokes them as well whenever set_password was called (the admin's password form,
`manage.py changepassword`): these receivers keep allauth's flows explicit, and a second revocation
changes nothing."""
from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from accounts.services import user_tokens_revoke


@receiver(password_changed, dispatch_uid="accounts-revoke-tokens-on-password-changed")
@receiver(password_reset, dispatch_uid="accounts-revoke-tokens-on-password-reset")
@receiver(password_set, dispatch_uid="accounts-revoke-tokens-on-password-set")
def _password_renewed(sender, request=None, user=None, **kwargs):
    if user is not None:
        user_tokens_revoke(user=user)

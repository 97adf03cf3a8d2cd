"""A new password, whichever way it was set (changed, reset by e-mail, set for the first time),
revokes the user's API tokens; allauth's password change logs the other browser sessions out
(ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE and Django's session hash check).

User.save revokes them as well whenever set_password was called (the admin's password form,
`manage.py changepassword`): these receivers keep allauth's flows explicit, and a second revocation
changes nothing.

The API keeps each checked token with its user and membership in the shared cache for a minute
(accounts.authentication), and the pages a logged-in session's account (accounts.backends): any save or
delete of a token, a user or a membership forgets them, so a revoked token, a deactivated account or a
removed member is refused at the next request."""
from allauth.account.signals import password_changed, password_reset, password_set
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.authentication import api_token_forget
from accounts.backends import session_user_forget
from accounts.models import ApiToken, Membership, User
from accounts.services import user_tokens_revoke


@receiver(password_changed, dispatch_uid="accounts-revoke-tokens-on-password-changed")
@receiver(password_reset, dispatch_uid="accounts-revoke-tokens-on-password-reset")
@receiver(password_set, dispatch_uid="accounts-revoke-tokens-on-password-set")
def _password_renewed(sender, request=None, user=None, **kwargs):
    if user is not None:
        user_tokens_revoke(user=user)
        api_token_forget(user_id=user.pk)


@receiver(post_save, sender=ApiToken, dispatch_uid="accounts-forget-token-on-save")
@receiver(post_delete, sender=ApiToken, dispatch_uid="accounts-forget-token-on-delete")
def _token_changed(sender, instance, **kwargs):
    api_token_forget(digests=[instance.digest])


@receiver(post_save, sender=User, dispatch_uid="accounts-forget-tokens-on-user-save")
def _user_changed(sender, instance, created=False, **kwargs):
    if not created:
        api_token_forget(user_id=instance.pk)
        session_user_forget(instance.pk)


@receiver(post_delete, sender=User, dispatch_uid="accounts-forget-session-user-on-delete")
def _user_deleted(sender, instance, **kwargs):
    session_user_forget(instance.pk)


@receiver(post_save, sender=Membership, dispatch_uid="accounts-forget-tokens-on-membership-save")
@receiver(post_delete, sender=Membership, dispatch_uid="accounts-forget-tokens-on-membership-delete")
def _membership_changed(sender, instance, **kwargs):
    api_token_forget(user_id=instance.user_id)
    session_user_forget(instance.user_id)

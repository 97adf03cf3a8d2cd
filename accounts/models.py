import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    @transaction.atomic
    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        user.email_address_verify()
        return user


class User(AbstractUser):
    """A person who logs in with an e-mail address."""

    class AccountType(models.TextChoices):
        FREELANCER = "freelancer", _("Freelance")
        ORGANISATION = "organisation", _("Membre d'une organisation")
        STAFF = "staff", _("Équipe AMOE match")

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    account_type = models.CharField(
        _("type de compte"), max_length=20, choices=AccountType.choices, default=AccountType.FREELANCER
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(account_type__in=["freelancer", "organisation", "staff"]),
                name="user_account_type_valid",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # A new password (set_password, whatever the page: allauth, the admin, changepassword) revokes the
        # API tokens; a hash upgraded at log-in is not a new password (Django clears _password for it).
        renewed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if renewed:
            from accounts.services import user_tokens_revoke

            user_tokens_revoke(user=self)

    def email_address_verify(self) -> None:
        """Make `email` the account's only address, primary and verified, for accounts made without the
        sign-up form (createsuperuser, the admin, demo data). Without a verified record, allauth's mandatory
        verification stops the first browser log-in and leaves an unverified record that the API refuses."""
        from allauth.account.models import EmailAddress

        email = self.email.lower()
        EmailAddress.objects.filter(user=self).exclude(email=email).delete()
        EmailAddress.objects.update_or_create(user=self, email=email, defaults={"primary": True, "verified": True})


class Organisation(models.Model):
    """A client company, an ESN, a web agency or a consulting firm."""

    class Kind(models.TextChoices):
        CLIENT = "client", _("Entreprise cliente")
        ESN = "esn", _("ESN")
        WEB_AGENCY = "web_agency", _("Agence web")
        CONSULTING = "consulting", _("Cabinet de conseil")

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.CLIENT)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    website = models.URLField(_("site web"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations", verbose_name=_("membres")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["client", "esn", "web_agency", "consulting"]),
                name="organisation_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrateur")
        MEMBER = "member", _("Membre")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(condition=models.Q(role__in=["admin", "member"]), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class ApiToken(models.Model):
    """A REST API token. Only the sha256 of the secret is stored; the prefix stays in clear to find
    the row and to show which token is which. See accounts.authentication for issuing and checking."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("utilisateur"))
    prefix = models.CharField(_("préfixe"), max_length=16, unique=True, editable=False)
    digest = models.CharField(_("empreinte (sha256)"), max_length=64, editable=False)
    name = models.CharField(_("nom"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=models.F("created_at")),
                                   name="api_token_expires_after_created"),
        ]
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_idx")]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mail invitation to join an organisation; the link's token proves the address."""

    VALID_DAYS = 14

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "missions_invitation"  # created by missions before organisations moved here
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "organisation", condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email",
            ),
            models.CheckConstraint(condition=models.Q(role__in=["admin", "member"]), name="invitation_role_valid"),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("client:invitation_accept", args=[self.token])

    @property
    def is_expired(self) -> bool:
        return timezone.now() > self.created_at + datetime.timedelta(days=self.VALID_DAYS)

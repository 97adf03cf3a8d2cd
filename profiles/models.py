import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from profiles.choices import (
    CefrLevel,
    DiplomaKind,
    DiplomaLevel,
    Proficiency,
    ProjectScale,
    Role,
    ToolCategory,
    WorkMode,
)
from profiles.fields import ChoiceListField, choice_list_constraint
from profiles.querysets import FreelancerProfileQuerySet

CEFR_CODES = list(CefrLevel.values)
DAILY_RATE_MAX = 10000
MOBILITY_KM_MAX = 2000
MISSION_MONTHS_MIN, MISSION_MONTHS_MAX = 1, 60  # the range a mission's duration may take


class PrivateStorage(LazyObject):
    """Storage under PRIVATE_MEDIA_ROOT, which no URL serves directly."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


_private_storage = PrivateStorage()


def private_storage():
    # A callable, so that migrations name it instead of freezing one machine's PRIVATE_MEDIA_ROOT.
    return _private_storage


def cv_upload_to(instance, filename):
    # The client's file name is never trusted for the path.
    return f"cv/{instance.pk or 'new'}/{timezone.now():%Y%m%d%H%M%S}.pdf"


class VocabularyItem(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    label_fr = models.CharField(_("libellé (français)"), max_length=120)
    label_en = models.CharField(_("libellé (anglais)"), max_length=120)
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "fr").startswith("en") else self.label_fr


class Sector(VocabularyItem):
    adjacent = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("secteurs proches"),
        help_text=_("L'expérience dans un secteur proche compte en partie."),
    )

    class Meta:
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")


class Tool(VocabularyItem):
    category = models.CharField(_("catégorie"), max_length=20, choices=ToolCategory.choices)

    class Meta:
        verbose_name = _("outil")
        verbose_name_plural = _("outils")
        constraints = [
            models.CheckConstraint(condition=models.Q(category__in=ToolCategory.values), name="tool_category_valid"),
        ]


class Skill(VocabularyItem):
    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")


class FreelancerProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    headline = models.CharField(_("titre du profil"), max_length=160, blank=True)
    summary = models.TextField(_("présentation"), blank=True)
    roles = ChoiceListField(_("rôles proposés"), choices_enum=Role)
    years_experience = models.PositiveSmallIntegerField(
        _("années d'expérience"), default=0, validators=[MaxValueValidator(60)]
    )
    english_written = models.CharField(_("anglais écrit"), max_length=2, choices=CefrLevel.choices, blank=True)
    english_spoken = models.CharField(_("anglais parlé"), max_length=2, choices=CefrLevel.choices, blank=True)
    daily_rate = models.IntegerField(
        _("taux journalier (€ HT)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(DAILY_RATE_MAX)],
    )
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("jours par semaine"), default=5, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    work_modes = ChoiceListField(_("modes de travail"), choices_enum=WorkMode)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    mobility_km = models.PositiveIntegerField(
        _("mobilité (km)"), default=50, validators=[MaxValueValidator(MOBILITY_KM_MAX)],
        help_text=_("Distance que vous acceptez de parcourir pour une mission sur site."),
    )
    is_visible = models.BooleanField(
        _("visible par les clients"), default=True,
        help_text=_("Un profil masqué n'apparaît dans aucun classement."),
    )
    cv = models.FileField(_("CV (PDF)"), storage=private_storage, upload_to=cv_upload_to, blank=True)
    # Preferences: what the freelancer would accept; empty means "no preference". Never used to hide the
    # profile from clients, only to mark missions that fit. work_modes and mobility_km above complete them.
    min_daily_rate = models.IntegerField(
        _("taux journalier minimum accepté (€ HT)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(DAILY_RATE_MAX)],
    )
    min_mission_months = models.PositiveSmallIntegerField(
        _("durée de mission minimum (mois)"), null=True, blank=True,
        validators=[MinValueValidator(MISSION_MONTHS_MIN), MaxValueValidator(MISSION_MONTHS_MAX)],
    )
    max_mission_months = models.PositiveSmallIntegerField(
        _("durée de mission maximum (mois)"), null=True, blank=True,
        validators=[MinValueValidator(MISSION_MONTHS_MIN), MaxValueValidator(MISSION_MONTHS_MAX)],
    )
    earliest_start_date = models.DateField(_("début de mission au plus tôt"), null=True, blank=True)
    latest_start_date = models.DateField(_("début de mission au plus tard"), null=True, blank=True)
    wanted_scales = ChoiceListField(_("envergures recherchées"), choices_enum=ProjectScale)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    sectors = models.ManyToManyField(Sector, through="ProfileSector", related_name="profiles", blank=True)
    tools = models.ManyToManyField(Tool, through="ProfileTool", related_name="profiles", blank=True)
    skills = models.ManyToManyField(Skill, related_name="profiles", blank=True, verbose_name=_("compétences"))
    wanted_sectors = models.ManyToManyField(
        Sector, related_name="wanted_by", blank=True, verbose_name=_("secteurs souhaités")
    )
    refused_sectors = models.ManyToManyField(
        Sector, related_name="refused_by", blank=True, verbose_name=_("secteurs refusés")
    )

    objects = FreelancerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil freelance")
        verbose_name_plural = _("profils freelance")
        constraints = [
            models.CheckConstraint(condition=models.Q(daily_rate__gte=0), name="profile_daily_rate_non_negative"),
            models.CheckConstraint(condition=models.Q(years_experience__lte=60), name="profile_years_range"),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=1, days_per_week__lte=5), name="profile_days_per_week_range"
            ),
            models.CheckConstraint(
                condition=models.Q(english_written__in=["", *CEFR_CODES]), name="profile_english_written_cefr"
            ),
            models.CheckConstraint(
                condition=models.Q(english_spoken__in=["", *CEFR_CODES]), name="profile_english_spoken_cefr"
            ),
            models.CheckConstraint(
                condition=models.Q(mobility_km__lte=MOBILITY_KM_MAX), name="profile_mobility_km_range"
            ),
            models.CheckConstraint(
                condition=models.Q(min_daily_rate__gte=0, min_daily_rate__lte=DAILY_RATE_MAX),
                name="profile_min_daily_rate_range",
            ),
            models.CheckConstraint(
                condition=models.Q(min_mission_months__gte=MISSION_MONTHS_MIN,
                                   min_mission_months__lte=MISSION_MONTHS_MAX),
                name="profile_min_mission_months_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_mission_months__gte=MISSION_MONTHS_MIN,
                                   max_mission_months__lte=MISSION_MONTHS_MAX),
                name="profile_max_mission_months_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_mission_months__gte=models.F("min_mission_months")),
                name="profile_mission_months_ordered",
                violation_error_message=_("La durée maximum doit être au moins égale à la durée minimum."),
            ),
            models.CheckConstraint(
                condition=models.Q(latest_start_date__gte=models.F("earliest_start_date")),
                name="profile_start_dates_ordered",
                violation_error_message=_("Le début au plus tard doit suivre le début au plus tôt."),
            ),
            choice_list_constraint("wanted_scales", ProjectScale, name="profile_wanted_scales_valid"),
        ]
        indexes = [
            models.Index(fields=["is_visible", "available_from"], name="profile_visible_avail_idx"),
            models.Index(fields=["daily_rate"], name="profile_rate_idx"),
            models.Index(fields=["years_experience"], name="profile_years_idx"),
            # The ranking processes fold in the profiles changed since their last sync.
            models.Index(fields=["updated_at"], name="profile_updated_idx"),
            # Rankings and searches keep the visible profiles (shown(), visible()) by id: read from this small
            # index alone rather than a scan of the whole profile table.
            models.Index(fields=["id"], include=["user"], condition=models.Q(is_visible=True),
                         name="profile_visible_id_idx"),
        ]

    def __str__(self):
        return f"{self.user} – {self.headline}" if self.headline else str(self.user)

    def get_absolute_url(self):
        return reverse("freelancer:profile_public", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        low, high = self.min_mission_months, self.max_mission_months
        if low is not None and high is not None and high < low:
            errors["max_mission_months"] = ValidationError(
                _("La durée maximum doit être au moins égale à la durée minimum."), code="months_order")
        earliest, latest = self.earliest_start_date, self.latest_start_date
        if earliest and latest and latest < earliest:
            errors["latest_start_date"] = ValidationError(
                _("Le début au plus tard doit suivre le début au plus tôt."), code="start_order")
        if errors:
            raise ValidationError(errors)

    def sector_preferences_clean(self, *, wanted=None, refused=None) -> None:
        """A sector cannot be both wanted and refused: an m2m rule that clean() cannot see, so the service
        and the form that save the sectors call it. None stands for the stored sectors."""
        if wanted is None:
            wanted = self.wanted_sectors.all() if self.pk else []
        if refused is None:
            refused = self.refused_sectors.all() if self.pk else []
        wanted_ids = {sector.pk for sector in wanted}
        both = [str(sector) for sector in refused if sector.pk in wanted_ids]
        if both:
            raise ValidationError({"refused_sectors": ValidationError(
                _("Un secteur ne peut pas être à la fois souhaité et refusé : %(sectors)s."),
                code="sector_wanted_and_refused", params={"sectors": ", ".join(both)})})


class ProfileSector(models.Model):
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="sector_years")
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, verbose_name=_("secteur"))
    years = models.PositiveSmallIntegerField(_("années"), validators=[MaxValueValidator(60)])

    class Meta:
        verbose_name = _("expérience sectorielle")
        verbose_name_plural = _("expériences sectorielles")
        constraints = [
            models.UniqueConstraint(fields=["profile", "sector"], name="profile_sector_unique"),
            models.CheckConstraint(condition=models.Q(years__lte=60), name="profile_sector_years_range"),
        ]
        indexes = [models.Index(fields=["sector", "years"], name="profile_sector_years_idx")]

    def __str__(self):
        return f"{self.sector} ({self.years})"


class ProfileTool(models.Model):
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="tool_levels")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, verbose_name=_("outil"))
    proficiency = models.PositiveSmallIntegerField(
        _("maîtrise"), choices=Proficiency.choices, default=Proficiency.INTERMEDIATE
    )

    class Meta:
        verbose_name = _("outil maîtrisé")
        verbose_name_plural = _("outils maîtrisés")
        constraints = [
            models.UniqueConstraint(fields=["profile", "tool"], name="profile_tool_unique"),
            models.CheckConstraint(
                condition=models.Q(proficiency__gte=1, proficiency__lte=4), name="profile_tool_proficiency_range"
            ),
        ]
        indexes = [models.Index(fields=["tool", "proficiency"], name="profile_tool_prof_idx")]

    def __str__(self):
        return f"{self.tool} ({self.get_proficiency_display()})"


def validate_not_future_year(value):
    if value > datetime.date.today().year:
        raise ValidationError(_("L'année ne peut pas être dans le futur."), code="future_year")


class Diploma(models.Model):
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="diplomas")
    kind = models.CharField(_("type de diplôme"), max_length=20, choices=DiplomaKind.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=DiplomaLevel.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    school = models.CharField(_("établissement"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("année d'obtention"), validators=[MinValueValidator(1950), validate_not_future_year]
    )

    class Meta:
        verbose_name = _("diplôme")
        verbose_name_plural = _("diplômes")
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=2, level__lte=8), name="diploma_level_range"),
            models.CheckConstraint(condition=models.Q(kind__in=DiplomaKind.values), name="diploma_kind_valid"),
            models.CheckConstraint(condition=models.Q(year__gte=1950), name="diploma_year_min"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"


class Certification(models.Model):
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(_("certification"), max_length=200)
    issuer = models.CharField(_("organisme"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("année"), null=True, blank=True, validators=[MinValueValidator(1950), validate_not_future_year]
    )

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self):
        return self.name


class Experience(models.Model):
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="experiences")
    client = models.CharField(_("client"), max_length=200)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("secteur"))
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.AMOE)
    scale = models.CharField(_("envergure du projet"), max_length=20, choices=ProjectScale.choices)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True, help_text=_("Laisser vide si en cours."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("expérience")
        verbose_name_plural = _("expériences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="experience_end_after_start",
                violation_error_message=_("La date de fin doit être postérieure à la date de début."),
            ),
            models.CheckConstraint(condition=models.Q(scale__in=ProjectScale.values), name="experience_scale_valid"),
        ]

    def __str__(self):
        return f"{self.client} ({self.start_date:%Y})"

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La date de fin doit être postérieure à la date de début.")})
        if self.start_date and self.start_date > datetime.date.today():
            raise ValidationError({"start_date": _("La date de début ne peut pas être dans le futur.")})

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from missions.querysets import MissionQuerySet
from profiles.choices import CefrLevel, Complexity, DiplomaLevel, Importance, ProjectScale, Role, WorkMode
from profiles.models import FreelancerProfile, Sector, Skill, Tool

CEFR_CODES = list(CefrLevel.values)


class Mission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        OPEN = "open", _("Publiée")
        FILLED = "filled", _("Pourvue")
        CLOSED = "closed", _("Clôturée")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="missions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    role = models.CharField(_("rôle recherché"), max_length=20, choices=Role.choices, default=Role.AMOE)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("secteur"))
    scale = models.CharField(_("envergure"), max_length=20, choices=ProjectScale.choices, default=ProjectScale.MEDIUM)
    complexity = models.CharField(
        _("complexité"), max_length=20, choices=Complexity.choices, default=Complexity.MODERATE
    )
    english_written_min = models.CharField(
        _("anglais écrit minimum"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    english_spoken_min = models.CharField(
        _("anglais parlé minimum"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    is_international = models.BooleanField(_("projet international"), default=False)
    start_date = models.DateField(_("date de début"))
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("jours par semaine"), default=5, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    work_mode = models.CharField(_("mode de travail"), max_length=10, choices=WorkMode.choices, default=WorkMode.HYBRID)
    city = models.CharField(_("lieu"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    daily_rate_max = models.IntegerField(
        _("plafond du taux journalier (€ HT)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10000)],
    )
    min_diploma_level = models.PositiveSmallIntegerField(
        _("diplôme minimum"), choices=DiplomaLevel.choices, null=True, blank=True
    )
    exclude_missing_must_haves = models.BooleanField(
        _("exclure les profils sans un indispensable"), default=False,
        help_text=_("Par défaut, un outil ou une compétence indispensable manquant pénalise fortement sans exclure."),
    )
    weights = models.JSONField(_("pondération des critères"), default=dict, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    tools = models.ManyToManyField(Tool, through="MissionTool", related_name="missions", blank=True)
    skills = models.ManyToManyField(Skill, through="MissionSkill", related_name="missions", blank=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(daily_rate_max__isnull=True) | models.Q(daily_rate_max__gte=0),
                name="mission_rate_ceiling_non_negative",
            ),
            models.CheckConstraint(condition=models.Q(status__in=["draft", "open", "filled", "closed"]),
                                   name="mission_status_valid"),
            models.CheckConstraint(condition=models.Q(scale__in=ProjectScale.values), name="mission_scale_valid"),
            models.CheckConstraint(condition=models.Q(complexity__in=Complexity.values),
                                   name="mission_complexity_valid"),
            models.CheckConstraint(condition=models.Q(work_mode__in=WorkMode.values), name="mission_work_mode_valid"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="mission_role_valid"),
            models.CheckConstraint(condition=models.Q(english_written_min__in=["", *CEFR_CODES]),
                                   name="mission_english_written_cefr"),
            models.CheckConstraint(condition=models.Q(english_spoken_min__in=["", *CEFR_CODES]),
                                   name="mission_english_spoken_cefr"),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=1, days_per_week__lte=5), name="mission_days_per_week_range"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_months__gte=1, duration_months__lte=60), name="mission_duration_range"
            ),
            models.CheckConstraint(
                condition=models.Q(daily_rate_max__isnull=True) | models.Q(daily_rate_max__lte=10000),
                name="mission_rate_ceiling_at_most_10000",
            ),
            models.CheckConstraint(
                condition=models.Q(min_diploma_level__isnull=True)
                | models.Q(min_diploma_level__gte=2, min_diploma_level__lte=8),
                name="mission_min_diploma_range",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="mission_org_status_idx"),
            models.Index(fields=["status", "start_date"], name="mission_status_start_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("client:mission_detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        mission = super().from_db(db, field_names, values)
        # What clean() compares with: a stored start date may have passed since, a new one may not be past.
        mission._stored_start_date = mission.__dict__.get("start_date")
        return mission

    def clean(self):
        stored = getattr(self, "_stored_start_date", None)
        if self.start_date and self.start_date < timezone.localdate() and (self.pk is None or self.start_date != stored):
            raise ValidationError(
                {"start_date": ValidationError(_("La date de début ne peut pas être dans le passé."), code="past")}
            )

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class MissionTool(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="tool_requirements")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, verbose_name=_("outil"))
    importance = models.CharField(_("importance"), max_length=4, choices=Importance.choices,
                                  default=Importance.MUST_HAVE)
    min_proficiency = models.PositiveSmallIntegerField(_("maîtrise attendue"), default=2,
                                                       validators=[MinValueValidator(1), MaxValueValidator(4)])

    class Meta:
        verbose_name = _("outil requis")
        verbose_name_plural = _("outils requis")
        constraints = [
            models.UniqueConstraint(fields=["mission", "tool"], name="mission_tool_unique"),
            models.CheckConstraint(condition=models.Q(importance__in=Importance.values),
                                   name="mission_tool_importance_valid"),
            models.CheckConstraint(condition=models.Q(min_proficiency__gte=1, min_proficiency__lte=4),
                                   name="mission_tool_proficiency_range"),
        ]

    def __str__(self):
        return f"{self.tool} ({self.get_importance_display()})"


class MissionSkill(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="skill_requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, verbose_name=_("compétence"))
    importance = models.CharField(_("importance"), max_length=4, choices=Importance.choices,
                                  default=Importance.MUST_HAVE)

    class Meta:
        verbose_name = _("compétence requise")
        verbose_name_plural = _("compétences requises")
        constraints = [
            models.UniqueConstraint(fields=["mission", "skill"], name="mission_skill_unique"),
            models.CheckConstraint(condition=models.Q(importance__in=Importance.values),
                                   name="mission_skill_importance_valid"),
        ]

    def __str__(self):
        return f"{self.skill} ({self.get_importance_display()})"


class QuestionnaireQuestion(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        verbose_name = _("question du questionnaire")
        verbose_name_plural = _("questions du questionnaire")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text


class Recommendation(models.Model):
    """A former client's recommendation; the engine's reputation criterion averages them."""

    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="recommendations")
    mission = models.ForeignKey(Mission, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="recommendations")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="recommendations_given")
    author_name = models.CharField(_("auteur"), max_length=200)
    author_company = models.CharField(_("entreprise"), max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(_("note"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("recommandation"), blank=True)
    # True only once the freelancer has confirmed the collaboration (a trial or hire) in their workspace.
    verified = models.BooleanField(_("vérifiée"), default=False)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    response = models.TextField(_("réponse du freelance"), blank=True, max_length=2000)
    responded_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    reported_at = models.DateTimeField(_("signalée le"), null=True, blank=True)
    report_reason = models.TextField(_("motif du signalement"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("recommandation")
        verbose_name_plural = _("recommandations")
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="recommendation_rating_1_5"),
            models.UniqueConstraint(fields=["mission", "profile"], condition=models.Q(mission__isnull=False),
                                    name="recommendation_once_per_mission"),
        ]
        indexes = [models.Index(fields=["profile", "rating"], name="recommendation_profile_idx")]

    def __str__(self):
        return f"{self.author_name} → {self.profile} ({self.rating}/5)"

"""What people do with rankings: shortlists and their moves, questionnaire answers, the contact details an
organisation unlocked, the e-mails sent to freelancers and their digest subscriptions.

The tables keep the names they had in matching (db_table), where these models lived before.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, QuestionnaireQuestion
from profiles.models import FreelancerProfile


class ShortlistEntry(models.Model):
    class Status(models.TextChoices):
        SHORTLISTED = "shortlisted", _("Présélectionné")
        CONTACTED = "contacted", _("Contacté")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        TRIAL = "trial", _("Période d'essai")
        HIRED = "hired", _("Retenu")
        REJECTED = "rejected", _("Non retenu")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="shortlist")
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="shortlist_entries")
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.SHORTLISTED)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # The freelancer's own word that the trial or hire happened: what makes a recommendation verified.
    collaboration_confirmed_at = models.DateTimeField(_("collaboration confirmée le"), null=True, blank=True)
    collaboration_declined_at = models.DateTimeField(_("collaboration contestée le"), null=True, blank=True)

    class Meta:
        db_table = "matching_shortlistentry"
        verbose_name = _("présélection")
        verbose_name_plural = _("présélections")
        constraints = [
            models.UniqueConstraint(fields=["mission", "profile"], name="shortlist_entry_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["shortlisted", "contacted", "questionnaire", "trial", "hired",
                                               "rejected"]),
                name="shortlist_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["profile", "status"], name="shortlist_profile_idx")]

    def __str__(self):
        return f"{self.profile} – {self.mission} ({self.get_status_display()})"


class ShortlistMove(models.Model):
    entry = models.ForeignKey(ShortlistEntry, on_delete=models.CASCADE, related_name="moves")
    from_status = models.CharField(_("de"), max_length=20, choices=ShortlistEntry.Status.choices, blank=True)
    to_status = models.CharField(_("vers"), max_length=20, choices=ShortlistEntry.Status.choices)
    note = models.TextField(_("note"), blank=True)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    moved_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        db_table = "matching_shortlistmove"
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


class QuestionnaireAnswer(models.Model):
    entry = models.ForeignKey(ShortlistEntry, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(QuestionnaireQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("réponse"))
    answered_at = models.DateTimeField(_("répondu le"), auto_now=True)

    class Meta:
        db_table = "matching_questionnaireanswer"
        verbose_name = _("réponse au questionnaire")
        verbose_name_plural = _("réponses au questionnaire")
        constraints = [models.UniqueConstraint(fields=["entry", "question"], name="questionnaire_answer_unique")]

    def __str__(self):
        return self.text[:60]


class ContactUnlock(models.Model):
    """An organisation saw a freelancer's e-mail, phone and CV because it shortlisted them for a mission.

    Kept when the shortlist entry is removed: the freelancer's privacy page lists who saw what, and when.
    """

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="contact_unlocks")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="contact_unlocks")
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="contact_unlocks")
    unlocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    unlocked_at = models.DateTimeField(_("débloqué le"))

    class Meta:
        db_table = "matching_contactunlock"
        verbose_name = _("accès aux coordonnées")
        verbose_name_plural = _("accès aux coordonnées")
        constraints = [models.UniqueConstraint(fields=["mission", "profile"], name="contact_unlock_once_per_mission")]
        indexes = [models.Index(fields=["profile", "organisation"], name="contact_unlock_profile_idx")]

    def __str__(self):
        return f"{self.organisation_id} → {self.profile_id} ({self.mission_id})"


class FreelancerNotice(models.Model):
    """An e-mail sent to a freelancer about a mission: at most one per mission, freelancer and kind, so
    moving a candidate back and forth never sends the same e-mail twice."""

    class Kind(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("Questionnaire à remplir")
        CONTACT_UNLOCKED = "contact", _("Coordonnées consultées")
        RECOMMENDATION = "recommendation", _("Recommandation reçue")
        DIGEST = "digest", _("Mission dans le résumé quotidien")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(_("envoyé le"))

    class Meta:
        db_table = "matching_freelancernotice"
        verbose_name = _("e-mail envoyé à un freelance")
        verbose_name_plural = _("e-mails envoyés aux freelances")
        constraints = [
            models.UniqueConstraint(fields=["mission", "profile", "kind"], name="freelancer_notice_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["questionnaire", "contact", "recommendation", "digest"]),
                name="freelancer_notice_kind_valid"),
        ]

    def __str__(self):
        return f"{self.kind} {self.mission_id}/{self.profile_id}"


class DigestSubscription(models.Model):
    """A freelancer who asked for the daily digest of new missions that rank them: in the top 10, or at
    `min_score` or more when they chose a score."""

    profile = models.OneToOneField(FreelancerProfile, on_delete=models.CASCADE, related_name="digest_subscription")
    min_score = models.PositiveSmallIntegerField(
        _("score minimum"), null=True, blank=True,
        help_text=_("Vide : les missions où vous entrez dans le top 10."),
    )
    subscribed_at = models.DateTimeField(_("abonné le"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    class Meta:
        db_table = "matching_digestsubscription"
        verbose_name = _("abonnement au résumé quotidien")
        verbose_name_plural = _("abonnements au résumé quotidien")
        constraints = [
            models.CheckConstraint(condition=models.Q(min_score__isnull=True) | models.Q(min_score__lte=100),
                                   name="digest_min_score_0_100"),
        ]

    def __str__(self):
        return str(self.profile)

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from matching.engine.criteria import ENGINE_VERSION, ENGINE_VERSIONS
from matching.engine.explanations import stored_items
from missions.models import Mission
from profiles.models import FreelancerProfile


class MissionRanking(models.Model):
    """The header of a mission's stored ranking: when, which engine, who was excluded and why."""

    mission = models.OneToOneField(Mission, on_delete=models.CASCADE, related_name="ranking")
    engine_version = models.CharField(_("version du moteur"), max_length=20)
    computed_at = models.DateTimeField(_("calculé le"))
    profiles_considered = models.PositiveIntegerField(_("profils examinés"), default=0)
    profiles_scored = models.PositiveIntegerField(_("profils notés"), default=0)
    excluded_total = models.PositiveIntegerField(_("profils exclus"), default=0)
    excluded_counts = models.JSONField(_("exclusions par motif"), default=dict)
    top10_entered = models.JSONField(
        _("nouveaux dans le top 10"), default=list, blank=True,
        help_text=_("Profils du top 10 qui n'y étaient pas lors du dernier classement nocturne."),
    )
    nightly_top10 = models.JSONField(_("top 10 du dernier classement nocturne"), default=list, blank=True)
    # The mission's part of every stored breakdown (explanations.py): written once, not once per row.
    weights = models.JSONField(_("poids par critère"), default=dict, blank=True)
    reason_context = models.JSONField(_("exigences de la mission par critère"), default=dict, blank=True)
    # Scores at evenly spaced positions of all scored candidates: a position beyond the stored rows
    # (matching.engine.positions). Empty for rankings stored before it existed.
    score_quantiles = models.JSONField(_("répartition des scores"), default=list, blank=True)

    class Meta:
        verbose_name = _("classement")
        verbose_name_plural = _("classements")

    def __str__(self):
        return f"{self.mission} @ {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def is_current(self) -> bool:
        """Ranked by the engine that runs now: its figures (counts, score_quantiles) may be compared with a
        score computed live; an older ranking's may not, and it is re-ranked at deploy."""
        return self.engine_version == ENGINE_VERSION


RETIRED_ENGINE_VERSIONS = ENGINE_VERSIONS[:-1]


class RankingEntryQuerySet(models.QuerySet):
    def shown(self):
        """Entries a client may see: the freelancer still agrees to be shown and the account is active, and the
        ranking is not of an older engine (its scores mean something else: never put beside today's)."""
        return self.filter(profile__is_visible=True, profile__user__is_active=True).exclude(
            engine_version__in=RETIRED_ENGINE_VERSIONS)


class RankingEntry(models.Model):
    # No single-column indexes: the unique (mission, …) pairs and (profile, -score) lead with these columns,
    # and every index costs the nightly run a write per row.
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="ranking_entries", db_index=False)
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="ranking_entries",
                                db_index=False)
    rank = models.PositiveIntegerField(_("rang"))
    score = models.FloatField(_("score"))
    # Compact: [score, code, params] per criterion; entry.explained() gives the full items.
    breakdown = models.JSONField(_("détail par critère"), default=list)
    engine_version = models.CharField(_("version du moteur"), max_length=20)
    computed_at = models.DateTimeField(_("calculé le"))
    # The freelancer's side, worked out when the row is stored (matching.engine.preferences): each way the
    # mission falls outside their preferences as {code, params}, [] when it fits. Pages render the words.
    preference_misses = models.JSONField(_("hors des préférences du freelance"), default=list, blank=True)
    fits_preferences = models.BooleanField(_("convient dans les deux sens"), default=True)

    objects = RankingEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidat classé")
        verbose_name_plural = _("candidats classés")
        constraints = [
            models.UniqueConstraint(fields=["mission", "profile"], name="ranking_entry_unique_profile"),
            models.UniqueConstraint(fields=["mission", "rank"], name="ranking_entry_unique_rank"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100), name="ranking_entry_score_0_100"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="ranking_entry_rank_positive"),
        ]
        indexes = [
            models.Index(fields=["profile", "-score"], name="ranking_entry_profile_idx"),
            # "Fits both ways" and the mutual ordering (fits first, then rank) within a mission's rows.
            models.Index(fields=["mission", "-fits_preferences", "rank"], name="ranking_entry_mutual_idx"),
        ]

    def __str__(self):
        return f"#{self.rank} {self.profile_id} ({self.score:.1f})"

    def explained(self) -> list[dict]:
        """The breakdown as {criterion, score, weight, points, reason{code, params}} items.

        The mission's part comes from the ranking header: read entries with
        select_related("mission__ranking"), so that rows and header come from one query and
        a ranking replaced in between cannot pair old rows with a new header.
        """
        if not self.breakdown:
            return []
        try:
            ranking = self.mission.ranking
        except MissionRanking.DoesNotExist:
            return []
        return stored_items(self.breakdown, weights=ranking.weights, reasons=ranking.reason_context)


class RankingRun(models.Model):
    class Kind(models.TextChoices):
        NIGHTLY = "nightly", _("Nocturne")
        MANUAL = "manual", _("Manuel")

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        SUCCEEDED = "succeeded", _("Réussi")
        PARTIAL = "partial", _("Réussi avec des échecs")
        FAILED = "failed", _("Échoué")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.NIGHTLY)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("démarré le"))
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    missions_total = models.PositiveIntegerField(_("missions à classer"), default=0)
    missions_done = models.PositiveIntegerField(_("missions classées"), default=0)
    profiles_scored = models.PositiveBigIntegerField(_("profils notés"), default=0)
    rows_written = models.PositiveBigIntegerField(_("lignes écrites"), default=0)
    failures = models.PositiveIntegerField(_("échecs"), default=0)
    errors = models.JSONField(_("erreurs"), default=list, blank=True)

    class Meta:
        verbose_name = _("passe de classement")
        verbose_name_plural = _("passes de classement")
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=["running", "succeeded", "partial", "failed"]),
                                   name="ranking_run_status_valid"),
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True) | models.Q(finished_at__gte=models.F("started_at")),
                name="ranking_run_finished_after_started",
            ),
            # The nightly lock: the database lets one nightly run be "running" at a time.
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="nightly", status="running"),
                                    name="ranking_run_one_nightly_running"),
        ]
        indexes = [models.Index(fields=["-started_at"], name="ranking_run_started_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class RankingRequest(models.Model):
    """Outbox: a change that needs re-ranking, recorded in the same transaction as the change.

    A periodic sweep enqueues any request whose task never ran (broker down, worker lost).
    """

    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission")
        PROFILE = "profile", _("Profil")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField(_("identifiant"))
    requested_at = models.DateTimeField(_("demandé le"))
    processed_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande de reclassement")
        verbose_name_plural = _("demandes de reclassement")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["mission", "profile"]),
                                   name="ranking_request_kind_valid"),
            models.UniqueConstraint(fields=["kind", "object_id"], condition=models.Q(processed_at__isnull=True),
                                    name="ranking_request_one_pending"),
        ]
        indexes = [models.Index(fields=["processed_at", "requested_at"], name="ranking_request_pending_idx")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class ProfileFeatureRow(models.Model):
    """A profile's features packed for the engine (matching.engine.packing), kept in step by receivers.

    A missing row means "recompute": receivers delete it when anything that feeds the
    features changes, and the next index build packs it again.
    """

    profile = models.OneToOneField(FreelancerProfile, on_delete=models.CASCADE, primary_key=True, related_name="+")
    layout = models.CharField(max_length=16)
    packed = models.BinaryField()
    # The change horizon (matching.index_cache) of the build that packed it: a ProfileChange stamped at or
    # above it may have committed after the build read the profile, so the record is not trusted then.
    horizon = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("caractéristiques compactes d'un profil")
        verbose_name_plural = _("caractéristiques compactes des profils")

    def __str__(self):
        return f"{self.profile_id} ({self.layout})"


class RankingRunMission(models.Model):
    """One mission ranked by a run: written with the ranking itself, so a retried task never counts twice."""

    run = models.ForeignKey(RankingRun, on_delete=models.CASCADE, related_name="missions")
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(_("classée le"))
    profiles_scored = models.PositiveIntegerField(_("profils notés"), default=0)
    rows_written = models.PositiveIntegerField(_("lignes écrites"), default=0)
    entered_top10 = models.JSONField(_("entrés dans le top 10"), default=list)
    left_top10 = models.JSONField(_("sortis du top 10"), default=list)

    class Meta:
        verbose_name = _("mission d'une passe")
        verbose_name_plural = _("missions d'une passe")
        constraints = [models.UniqueConstraint(fields=["run", "mission"], name="ranking_run_mission_once")]

    def __str__(self):
        return f"{self.run_id}/{self.mission_id}"


class TopTenEntry(models.Model):
    """A profile's first entry into a mission's top 10; notifications go out once per pair."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="top10_entries")
    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="top10_entries")
    entered_at = models.DateTimeField(_("entré le"))
    owners_notified_at = models.DateTimeField(_("client prévenu le"), null=True, blank=True)
    freelancer_notified_at = models.DateTimeField(_("freelance prévenu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("entrée dans le top 10")
        verbose_name_plural = _("entrées dans le top 10")
        constraints = [models.UniqueConstraint(fields=["mission", "profile"], name="top10_entry_once")]
        indexes = [
            models.Index(fields=["owners_notified_at"], name="top10_owner_pending_idx"),
            models.Index(fields=["freelancer_notified_at"], name="top10_freelancer_pending_idx"),
        ]

    def __str__(self):
        return f"{self.profile_id} → {self.mission_id}"


class ProfileChange(models.Model):
    """The latest change to a profile's features, stamped with the sequence in-memory indexes sync by
    (matching.index_cache says why a sequence and not a timestamp).

    No foreign key: a deleted profile keeps its row, which tells every index to drop it, and on SQLite
    the sequence is the largest one plus one, which must never go down.
    """

    profile_id = models.BigIntegerField(primary_key=True)
    sequence = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("changement de profil")
        verbose_name_plural = _("changements de profils")

    def __str__(self):
        return f"{self.profile_id} @ {self.sequence}"


class ShownVersion(models.Model):
    """A number that moves, in the writing transaction, whenever the rows RankingEntry.objects.shown() returns
    change without a re-ranking: a profile hidden or shown again, an account deactivated or reactivated, a
    profile deleted, a profile's rows withdrawn. Answers cached per freelancer (recruiting.freelancer_missions)
    read it in their key: one row, where a sum over every profile would grow with the platform.

    One row (SHOWN_VERSION_ID); none until the first change, which reads as a version of its own."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("version des classements affichés")
        verbose_name_plural = _("versions des classements affichés")

    def __str__(self):
        return str(self.value)


SHOWN_VERSION_ID = 1


def shown_version_bump() -> None:
    """Move the version in the caller's transaction (after the change itself): a reader whose stamp was taken
    before the commit gets a different one after it. The row lock is held until the commit; the changes that
    take it are rare (consent, account status, erasure)."""
    table = ShownVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (id, value) VALUES (%s, 1) "
                       f"ON CONFLICT (id) DO UPDATE SET value = {table}.value + 1", [SHOWN_VERSION_ID])

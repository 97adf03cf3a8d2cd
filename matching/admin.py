from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from matching.models import (
    MissionRanking,
    ProfileChange,
    ProfileFeatureRow,
    RankingEntry,
    RankingRequest,
    RankingRun,
    RankingRunMission,
    TopTenEntry,
)
from recruiting.models import (
    ContactUnlock,
    DigestSubscription,
    FreelancerNotice,
    QuestionnaireAnswer,
    ShortlistEntry,
    ShortlistMove,
)


@admin.register(ContactUnlock)
class ContactUnlockAdmin(admin.ModelAdmin):
    list_display = ["profile", "organisation", "mission", "unlocked_by", "unlocked_at"]
    search_fields = ["profile__user__email", "organisation__name", "mission__title"]
    raw_id_fields = ["mission", "organisation", "profile", "unlocked_by"]
    list_select_related = ["profile__user", "organisation", "mission", "unlocked_by"]
    date_hierarchy = "unlocked_at"


@admin.register(FreelancerNotice)
class FreelancerNoticeAdmin(admin.ModelAdmin):
    list_display = ["profile", "mission", "kind", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["mission", "profile"]
    list_select_related = ["profile__user", "mission"]


@admin.register(MissionRanking)
class MissionRankingAdmin(admin.ModelAdmin):
    list_display = ["mission", "computed_at", "engine_version", "profiles_scored", "excluded_total"]
    search_fields = ["mission__title"]
    raw_id_fields = ["mission"]


@admin.register(RankingEntry)
class RankingEntryAdmin(admin.ModelAdmin):
    list_display = ["mission", "rank", "profile", "score", "engine_version", "computed_at"]
    list_filter = ["engine_version"]
    search_fields = ["mission__title", "profile__user__email"]
    raw_id_fields = ["mission", "profile"]
    list_select_related = ["mission", "profile__user"]


class ShortlistMoveInline(admin.TabularInline):
    model = ShortlistMove
    extra = 0
    readonly_fields = ["moved_at"]


class QuestionnaireAnswerInline(admin.TabularInline):
    model = QuestionnaireAnswer
    extra = 0


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(admin.ModelAdmin):
    list_display = ["mission", "profile", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["mission__title", "profile__user__email"]
    raw_id_fields = ["mission", "profile", "added_by"]
    inlines = [ShortlistMoveInline, QuestionnaireAnswerInline]


class RankingRunMissionInline(admin.TabularInline):
    model = RankingRunMission
    extra = 0
    raw_id_fields = ["mission"]
    readonly_fields = ["mission", "done_at", "profiles_scored", "rows_written", "entered_top10", "left_top10"]


@admin.register(RankingRun)
class RankingRunAdmin(admin.ModelAdmin):
    """The monitoring page of ranking runs: figures, failures and their errors."""

    list_display = ["started_at", "kind", "status", "missions_done", "missions_total", "profiles_scored",
                    "rows_written", "failures", "finished_at", "duration"]
    list_filter = ["kind", "status"]
    readonly_fields = ["errors"]
    inlines = [RankingRunMissionInline]

    @admin.display(description=_("durée"))
    def duration(self, run):
        if run.finished_at is None:
            return "—"
        return f"{(run.finished_at - run.started_at).total_seconds():.1f} s"


@admin.register(RankingRunMission)
class RankingRunMissionAdmin(admin.ModelAdmin):
    list_display = ["run", "mission", "done_at", "profiles_scored", "rows_written"]
    raw_id_fields = ["run", "mission"]


@admin.register(TopTenEntry)
class TopTenEntryAdmin(admin.ModelAdmin):
    list_display = ["mission", "profile", "entered_at", "owners_notified_at", "freelancer_notified_at"]
    raw_id_fields = ["mission", "profile"]


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["profile", "subscribed_at", "last_sent_at"]
    raw_id_fields = ["profile"]


@admin.register(RankingRequest)
class RankingRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "requested_at", "processed_at"]
    list_filter = ["kind"]


@admin.register(ShortlistMove)
class ShortlistMoveAdmin(admin.ModelAdmin):
    list_display = ["entry", "from_status", "to_status", "moved_by", "moved_at"]
    list_filter = ["to_status"]
    raw_id_fields = ["entry", "moved_by"]


@admin.register(QuestionnaireAnswer)
class QuestionnaireAnswerAdmin(admin.ModelAdmin):
    list_display = ["entry", "question", "answered_at"]
    raw_id_fields = ["entry", "question"]


@admin.register(ProfileFeatureRow)
class ProfileFeatureRowAdmin(admin.ModelAdmin):
    list_display = ["profile", "layout"]
    raw_id_fields = ["profile"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["profile_id", "sequence"]


# ---------------------------------------------------------------- GDPR requests received by e-mail
# The actions go on the profile admin of profiles (which may not import matching): added here.
@admin.action(description=_("Exporter les données personnelles (JSON, demande reçue par e-mail)"))
def privacy_export_action(modeladmin, request, queryset):
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.http import HttpResponse

    from matching.privacy import freelancer_data_export

    exports = [freelancer_data_export(user=profile.user) for profile in queryset.select_related("user")]
    response = HttpResponse(json.dumps(exports, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="amoe-match-export.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@admin.action(description=_("Effacer le compte et les données (demande reçue par e-mail)"),
              permissions=["delete"])
def privacy_erase_action(modeladmin, request, queryset):
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    from matching.privacy import freelancer_account_erase

    erased = 0
    for profile in queryset.select_related("user"):
        try:
            freelancer_account_erase(user=profile.user, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            erased += 1
    modeladmin.message_user(request, _("%(count)d compte(s) effacé(s).") % {"count": erased}, messages.SUCCESS)


def _add_privacy_actions():
    from profiles.models import FreelancerProfile

    if not admin.site.is_registered(FreelancerProfile):
        return
    profile_admin = admin.site.get_model_admin(FreelancerProfile)
    profile_admin.actions = [*(profile_admin.actions or []), privacy_export_action, privacy_erase_action]


_add_privacy_actions()

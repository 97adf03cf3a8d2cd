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
    ShownVersion,
    TopTenEntry,
)


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


@admin.register(RankingRequest)
class RankingRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "requested_at", "processed_at"]
    list_filter = ["kind"]


@admin.register(ProfileFeatureRow)
class ProfileFeatureRowAdmin(admin.ModelAdmin):
    list_display = ["profile", "layout"]
    raw_id_fields = ["profile"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["profile_id", "sequence"]


@admin.register(ShownVersion)
class ShownVersionAdmin(admin.ModelAdmin):
    list_display = ["id", "value"]

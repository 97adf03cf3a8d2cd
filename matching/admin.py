from django.contrib import admin

from matching.models import (
    MissionRanking, ProfileFeatureRow, QuestionnaireAnswer, RankingEntry, RankingRequest, RankingRun, ShortlistEntry, ShortlistMove,
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


@admin.register(RankingRun)
class RankingRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "kind", "status", "missions_done", "missions_total", "profiles_scored",
                    "rows_written", "failures", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["errors"]


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

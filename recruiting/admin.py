from django.contrib import admin

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


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["profile", "subscribed_at", "last_sent_at"]
    raw_id_fields = ["profile"]


@admin.register(ShortlistMove)
class ShortlistMoveAdmin(admin.ModelAdmin):
    list_display = ["entry", "from_status", "to_status", "moved_by", "moved_at"]
    list_filter = ["to_status"]
    raw_id_fields = ["entry", "moved_by"]


@admin.register(QuestionnaireAnswer)
class QuestionnaireAnswerAdmin(admin.ModelAdmin):
    list_display = ["entry", "question", "answered_at"]
    raw_id_fields = ["entry", "question"]

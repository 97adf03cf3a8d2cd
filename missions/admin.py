from django.contrib import admin

from missions.models import Mission, MissionSkill, MissionTool, QuestionnaireQuestion, Recommendation


class MissionToolInline(admin.TabularInline):
    model = MissionTool
    extra = 0
    autocomplete_fields = ["tool"]


class MissionSkillInline(admin.TabularInline):
    model = MissionSkill
    extra = 0
    autocomplete_fields = ["skill"]


class QuestionInline(admin.TabularInline):
    model = QuestionnaireQuestion
    extra = 0


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "role", "sector", "scale", "complexity", "start_date"]
    list_filter = ["status", "role", "sector", "scale", "complexity", "work_mode", "is_international"]
    search_fields = ["title", "description", "organisation__name", "city"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["created_by"]
    list_select_related = ["organisation", "sector"]
    date_hierarchy = "start_date"
    inlines = [MissionToolInline, MissionSkillInline, QuestionInline]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["profile", "author_name", "author_company", "rating", "verified", "reported_at", "created_at"]
    # "Signalée" finds what freelancers reported; staff delete a recommendation that breaks the rules.
    list_filter = ["verified", ("reported_at", admin.EmptyFieldListFilter), "rating"]
    search_fields = ["author_name", "author_company", "text", "profile__user__email"]
    raw_id_fields = ["profile", "mission", "organisation"]


@admin.register(MissionTool)
class MissionToolAdmin(admin.ModelAdmin):
    list_display = ["mission", "tool", "importance", "min_proficiency"]
    list_filter = ["importance"]
    raw_id_fields = ["mission"]


@admin.register(MissionSkill)
class MissionSkillAdmin(admin.ModelAdmin):
    list_display = ["mission", "skill", "importance"]
    list_filter = ["importance"]
    raw_id_fields = ["mission"]


@admin.register(QuestionnaireQuestion)
class QuestionnaireQuestionAdmin(admin.ModelAdmin):
    list_display = ["mission", "position", "text"]
    search_fields = ["text", "mission__title"]
    raw_id_fields = ["mission"]

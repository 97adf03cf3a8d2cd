from django.contrib import admin

from profiles.models import (
    Certification,
    Diploma,
    Experience,
    FreelancerProfile,
    ProfileSector,
    ProfileTool,
    Sector,
    Skill,
    Tool,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "label_en", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "label_fr", "label_en"]
    filter_horizontal = ["adjacent"]


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "label_en", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["code", "label_fr", "label_en"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "label_en", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "label_fr", "label_en"]


class ProfileSectorInline(admin.TabularInline):
    model = ProfileSector
    extra = 0


class ProfileToolInline(admin.TabularInline):
    model = ProfileTool
    extra = 0
    autocomplete_fields = ["tool"]


class DiplomaInline(admin.TabularInline):
    model = Diploma
    extra = 0


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0


@admin.register(FreelancerProfile)
class FreelancerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "years_experience", "daily_rate", "available_from", "city", "is_visible"]
    list_filter = ["is_visible", "english_spoken", "sectors"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "headline", "city"]
    autocomplete_fields = ["user", "skills"]
    list_select_related = ["user"]
    inlines = [ProfileSectorInline, ProfileToolInline, DiplomaInline, CertificationInline, ExperienceInline]


@admin.register(Diploma)
class DiplomaAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "level", "school", "year", "profile"]
    list_filter = ["kind", "level"]
    search_fields = ["title", "school", "profile__user__email"]
    raw_id_fields = ["profile"]


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["client", "sector", "role", "scale", "start_date", "end_date", "profile"]
    list_filter = ["sector", "role", "scale"]
    search_fields = ["client", "description", "profile__user__email"]
    raw_id_fields = ["profile"]


@admin.register(ProfileSector)
class ProfileSectorAdmin(admin.ModelAdmin):
    list_display = ["profile", "sector", "years"]
    list_filter = ["sector"]
    raw_id_fields = ["profile"]


@admin.register(ProfileTool)
class ProfileToolAdmin(admin.ModelAdmin):
    list_display = ["profile", "tool", "proficiency"]
    list_filter = ["tool__category", "proficiency"]
    raw_id_fields = ["profile"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer", "year", "profile"]
    search_fields = ["name", "issuer"]
    raw_id_fields = ["profile"]

"""GDPR requests received by e-mail: the staff picks the freelancers and exports or erases their data."""
import json

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from privacy.models import PersonalDataRequest
from privacy.services import freelancer_account_erase, freelancer_data_export


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "city", "is_visible"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
    fields = ["user", "headline", "city", "is_visible"]
    readonly_fields = fields
    actions = ["privacy_export_action", "privacy_erase_action"]

    @admin.action(description=_("Exporter les données personnelles (JSON, demande reçue par e-mail)"))
    def privacy_export_action(self, request, queryset):
        exports = [freelancer_data_export(user=profile.user) for profile in queryset.select_related("user")]
        response = HttpResponse(json.dumps(exports, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="amoe-match-export.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Effacer le compte et les données (demande reçue par e-mail)"),
                  permissions=["delete"])
    def privacy_erase_action(self, request, queryset):
        erased = 0
        for profile in queryset.select_related("user"):
            try:
                freelancer_account_erase(user=profile.user, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                erased += 1
        self.message_user(request, _("%(count)d compte(s) effacé(s).") % {"count": erased}, messages.SUCCESS)

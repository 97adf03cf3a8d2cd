from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recruiting"
    verbose_name = _("Recrutement")

    def ready(self):
        # Connects the vocabulary-label cache's receivers in every process (workers and shell too), not
        # only once a URLconf has imported the pages.
        from recruiting import dashboard  # noqa: F401

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing with no domain: no models, imports no other app."""

    name = "core"

    def ready(self):
        from core import converters  # noqa: F401  (registers <id:…> before any URLconf is read)

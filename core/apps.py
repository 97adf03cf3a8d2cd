from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing with no domain: no models, imports no other app."""

    name = "core"

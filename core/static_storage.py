"""Static files storages whose url() is worked out once per file name in each process.

A page links four or five static files, and each {% static %} asks the storage for the URL again (the manifest's
hashed name, quoting, joining): a few tens of microseconds each, a tenth of a cached page. The answer is a function
of the deployed files alone, so each process keeps its own; a settings change in tests forgets it.
"""
from django.contrib.staticfiles.storage import StaticFilesStorage as DjangoStaticFilesStorage
from django.core.signals import setting_changed
from whitenoise.storage import CompressedManifestStaticFilesStorage as WhiteNoiseManifestStorage

_urls: dict[tuple, str] = {}


class _UrlsKept:
    def url(self, name, *args, **kwargs):
        key = (type(self), name, args, tuple(sorted(kwargs.items())))
        found = _urls.get(key)
        if found is None:
            found = _urls[key] = super().url(name, *args, **kwargs)
        return found


class StaticFilesStorage(_UrlsKept, DjangoStaticFilesStorage):
    pass


class CompressedManifestStaticFilesStorage(_UrlsKept, WhiteNoiseManifestStorage):
    pass


def _forget(**kwargs) -> None:
    _urls.clear()


setting_changed.connect(_forget, dispatch_uid="amoe-static-urls")

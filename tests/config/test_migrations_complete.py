"""The models and the migrations agree, on any clone: nothing machine-specific is frozen in a migration."""
import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_makemigrations_finds_nothing_to_add(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"  # a clone at another path must agree too
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

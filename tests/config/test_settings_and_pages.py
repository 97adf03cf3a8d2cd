import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _run_check(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_ENV", "DEBUG"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "amoe_platform.settings"}, capture_output=True, text=True,
    )


def test_production_mode_refuses_to_start_without_a_real_secret_key():
    result = _run_check({"DJANGO_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_mode_starts_with_a_real_secret_key():
    result = _run_check({"DJANGO_ENV": "production", "SECRET_KEY": "k" * 64, "ALLOWED_HOSTS": "amoe.example"})
    assert result.returncode == 0, result.stderr


def test_a_malformed_boolean_setting_fails_loudly():
    result = _run_check({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_without_a_broker_celery_runs_tasks_in_process():
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER)"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "amoe_platform.settings"}, capture_output=True, text=True,
    )
    assert result.stdout.strip() == "True"


@pytest.mark.django_db
def test_the_home_page_speaks_french_by_default_and_english_on_request(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "AMOE match" in page and 'lang="fr"' in page
    assert reverse("account_login") in page and reverse("account_signup") in page
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_staff_can_open_the_admin_add_and_list_pages_of_every_model(client, staff_user):
    client.force_login(staff_user)
    for model in apps.get_models():
        if model not in admin.site._registry:
            continue
        opts = model._meta
        for view in ("changelist", "add"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            assert client.get(url).status_code == 200, url


def test_every_project_model_is_in_the_admin():
    ours = [m for m in apps.get_models() if m._meta.app_label in {"accounts", "profiles", "missions", "matching", "recruiting", "privacy"}]
    missing = [m.__name__ for m in ours if m not in admin.site._registry and not m._meta.auto_created]
    assert missing == []

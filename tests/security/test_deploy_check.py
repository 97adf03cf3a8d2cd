"""Production settings: `check --deploy` prints no issue, and every response carries the security headers."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]


def _production_env(**extra) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DJANGO_ENV="production", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="amoe.example",
               REDIS_URL="redis://127.0.0.1:6379/5", DJANGO_SETTINGS_MODULE="amoe_platform.settings", **extra)
    return env


def test_check_deploy_prints_no_issue_with_production_settings():
    """Only DJANGO_ENV, a real SECRET_KEY, ALLOWED_HOSTS and Redis: nothing else to switch."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=_production_env(), capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output


def test_check_deploy_refuses_a_cache_of_each_process_in_production():
    """Without Redis every worker would count log-in failures and throttles alone."""
    env = _production_env()
    env.pop("REDIS_URL")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "amoe.E001" in result.stderr and "REDIS_URL" in result.stderr


def test_redis_url_gives_a_cache_that_every_process_shares_and_proxies_are_trusted_only_when_counted():
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.CACHES['default']['BACKEND'], s.REST_FRAMEWORK['NUM_PROXIES'])")

    def run(**env):
        base = {k: v for k, v in os.environ.items()
                if k not in {"REDIS_URL", "CACHE_URL", "TRUSTED_PROXY_COUNT", "DJANGO_SETTINGS_MODULE"}}
        result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, capture_output=True, text=True,
                                env={**base, "DJANGO_SETTINGS_MODULE": "amoe_platform.settings", **env}, timeout=120)
        return result.stdout.strip() or result.stderr

    assert run() == "django.core.cache.backends.locmem.LocMemCache 0"
    assert run(REDIS_URL="redis://127.0.0.1:6379/0", TRUSTED_PROXY_COUNT="1") == (
        "core.cache_backends.RedisCache 1")


def test_production_refuses_to_start_without_a_real_secret_key():
    env = _production_env()
    env.pop("SECRET_KEY")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_redirect_to_https_and_send_hsts_behind_the_proxy():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=_production_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False True ('HTTP_X_FORWARDED_PROTO', 'https') True True True DENY", result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "account_login", "api:sectors", "api:docs", "api:redoc"])
def test_every_answer_carries_the_security_headers(client, url_name):
    response = client.get(reverse(url_name))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_no_page_of_the_site_has_an_inline_script(client, freelancer):
    """The CSP forbids them: a page with one would break in the browser."""
    client.force_login(freelancer)
    for url in (reverse("home"), reverse("freelancer:profile"), reverse("api:docs"), reverse("api:redoc")):
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            assert "src=" in tag.split(">", 1)[0], f"inline script on {url}"


def test_https_redirect_and_hsts_behind_the_proxy_header(client, db):
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
                           SECURE_HSTS_SECONDS=31536000, ALLOWED_HOSTS=["amoe.example"]):
        plain = client.get("/", HTTP_HOST="amoe.example")
        assert plain.status_code == 301 and plain["Location"] == "https://amoe.example/"
        proxied = client.get("/", HTTP_HOST="amoe.example", HTTP_X_FORWARDED_PROTO="https")
        assert proxied.status_code == 200
        assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_admin_has_no_inline_script_either(client, staff_user):
    client.force_login(staff_user)
    for url in (reverse("admin:index"), reverse("admin:profiles_freelancerprofile_changelist"),
                reverse("admin:profiles_freelancerprofile_add")):
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, f"inline script on {url}"


def test_the_cv_may_be_framed_by_our_own_pages_only(client, freelancer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from profiles.services import profile_cv_replace
    from tests.profiles.pdfs import minimal_pdf

    profile_cv_replace(profile=freelancer.profile, upload=SimpleUploadedFile("cv.pdf", minimal_pdf()))
    client.force_login(freelancer)
    response = client.get(reverse("freelancer:cv", args=[freelancer.profile.pk]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]

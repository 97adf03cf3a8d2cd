"""Reliability: a database error answers 503 (never a stack trace), the web keeps serving when Redis is
down, and an upload interrupted half-way leaves no partial file."""
import json
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerOperationalError

from matching.models import RankingRequest
from profiles.services import profile_cv_replace
from tests.profiles.pdfs import minimal_pdf, padded_pdf
from tests.security.test_permission_matrix import _client_for


def _files_under(root) -> set[Path]:
    return {p for p in Path(root).rglob("*") if p.is_file()}


# ---------------------------------------------------------------- database down
@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")])
def test_a_database_error_on_a_page_answers_503_with_a_plain_page(client, client_member, error):
    client.force_login(client_member)
    with mock.patch("recruiting.views.organisation.dashboard.dashboard_rows", side_effect=error):
        response = client.get(reverse("client:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "indisponible" in body
    assert "Traceback" not in body and "server closed" not in body and "connection already" not in body


def test_a_database_error_in_the_api_answers_503_in_the_apis_error_shape(esn_recruiter):
    api = _client_for("esn_recruiter", esn_recruiter, api=True, client_class=None)
    with mock.patch("missions.api._missions_of", side_effect=OperationalError("could not connect to server")):
        response = api.get(reverse("api:missions"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = json.loads(response.content)
    assert body["code"] == "service_unavailable" and body["detail"]
    assert "could not connect" not in response.content.decode()


def test_a_database_error_in_a_middleware_answers_503_too(client):
    client.raise_request_exception = False
    with mock.patch("django.contrib.messages.middleware.MessageMiddleware.process_response",
                    side_effect=OperationalError("the database system is shutting down")):
        response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "shutting down" not in response.content.decode()


def test_other_errors_are_not_turned_into_503(client, client_member):
    client.raise_request_exception = False
    client.force_login(client_member)
    with mock.patch("recruiting.views.organisation.dashboard.dashboard_rows", side_effect=ValueError("bug")):
        response = client.get(reverse("client:dashboard"))
    assert response.status_code == 500


# ---------------------------------------------------------------- Redis down
def test_a_profile_save_answers_normally_when_the_broker_is_unreachable(client, freelancer,
                                                                        django_capture_on_commit_callbacks):
    client.force_login(freelancer)
    RankingRequest.objects.all().delete()  # nothing pending: the save records and enqueues a new request
    refused = BrokerOperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch("matching.tasks.process_ranking_request_task.apply_async", side_effect=refused) as enqueue, \
            django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("freelancer:profile_edit", args=["identity"]), {
            "profile-first_name": "Camille", "profile-last_name": "Martin", "profile-phone": "",
            "profile-headline": "AMOE industrie", "profile-city": "Lyon",
        })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert enqueue.called  # it tried, failed fast, and the save went through
    freelancer.profile.refresh_from_db()
    assert freelancer.profile.headline == "AMOE industrie"
    # The re-ranking stays in the outbox for the sweep to enqueue once Redis is back.
    assert RankingRequest.objects.filter(object_id=freelancer.profile.pk, processed_at=None).exists()


# ---------------------------------------------------------------- interrupted uploads
class _Interrupted(OSError):
    pass


def _cut_half_way(self, chunk_size=None):
    data = self.read()
    yield data[: len(data) // 2]
    raise _Interrupted("connection reset by peer")


def _no_path(self):
    raise AttributeError("temporary_file_path")


def test_a_cv_write_interrupted_half_way_leaves_no_partial_file(freelancer):
    profile = freelancer.profile
    before = _files_under(settings.PRIVATE_MEDIA_ROOT)
    upload = SimpleUploadedFile("cv.pdf", minimal_pdf(), "application/pdf")
    with mock.patch.object(InMemoryUploadedFile, "chunks", _cut_half_way), pytest.raises(_Interrupted):
        profile_cv_replace(profile=profile, upload=upload)
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == before
    profile.refresh_from_db()
    assert not profile.cv


def test_a_cv_upload_failing_in_the_page_leaves_nothing_behind(client, freelancer, settings, tmp_path):
    """Large uploads go through Django's temporary files: they are removed as well."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # force a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.raise_request_exception = False
    client.force_login(freelancer)
    before = _files_under(settings.PRIVATE_MEDIA_ROOT)
    upload = SimpleUploadedFile("cv.pdf", padded_pdf(300_000), "application/pdf")
    # Streamed through chunks() rather than moved, so that the write can stop half-way.
    with mock.patch.object(TemporaryUploadedFile, "temporary_file_path", property(_no_path)), \
            mock.patch.object(TemporaryUploadedFile, "chunks", _cut_half_way):
        response = client.post(reverse("freelancer:profile_cv"), {"action": "upload", "cv": upload})
    assert response.status_code == 500
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == before
    assert list(tmp_path.iterdir()) == []  # Django's temporary upload file is gone too
    freelancer.profile.refresh_from_db()
    assert not freelancer.profile.cv


def test_a_database_error_after_the_cv_is_written_removes_the_new_file(freelancer):
    profile = freelancer.profile
    before = _files_under(settings.PRIVATE_MEDIA_ROOT)
    with mock.patch.object(type(profile), "save", side_effect=OperationalError("gone")), \
            pytest.raises(OperationalError):
        profile_cv_replace(profile=profile, upload=SimpleUploadedFile("cv.pdf", minimal_pdf(), "application/pdf"))
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == before

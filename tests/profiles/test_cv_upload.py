from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profiles.cv import cv_validate
from profiles.services import profile_cv_replace
from tests.profiles.pdfs import minimal_pdf, padded_pdf

pytestmark = pytest.mark.django_db

SIX_MB = 6 * 1024 * 1024


def _upload(content, name="cv.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_real_pdf_is_accepted_whatever_its_name():
    cv_validate(_upload(minimal_pdf(), name="mon-cv.bin", content_type="application/octet-stream"))


def test_a_non_pdf_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        cv_validate(_upload(b"PK\x03\x04 this is a zip, or a docx", name="cv.pdf"))
    assert error.value.code == "not_pdf"


def test_a_pdf_over_the_limit_is_refused_from_its_size_alone():
    upload = _upload(padded_pdf(SIX_MB))
    with pytest.raises(ValidationError) as error:
        cv_validate(upload)
    assert error.value.code == "too_large"
    assert upload.tell() == 0  # refused before reading any of it


def test_the_limit_itself_is_accepted():
    cv_validate(_upload(padded_pdf(settings.CV_MAX_BYTES)))


def test_the_cv_is_stored_on_the_private_storage_outside_the_media_root(profile):
    profile_cv_replace(profile=profile, upload=_upload(minimal_pdf()))
    path = Path(profile.cv.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert path.read_bytes().startswith(b"%PDF-")


def test_replacing_the_cv_removes_the_old_file(profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        profile_cv_replace(profile=profile, upload=_upload(minimal_pdf("premier")))
    first = Path(profile.cv.path)
    with django_capture_on_commit_callbacks(execute=True):
        profile_cv_replace(profile=profile, upload=_upload(minimal_pdf("second")))
    assert not first.exists() and Path(profile.cv.path).exists()


def test_uploading_a_pdf_through_the_page(freelancer_client, profile):
    response = freelancer_client.post(reverse("freelancer:profile_cv"), {"action": "upload", "cv": _upload(minimal_pdf())})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.cv.name.startswith("cv/")


def test_a_renamed_non_pdf_is_refused_with_a_message_and_the_saved_cv_is_kept(freelancer_client, profile):
    profile_cv_replace(profile=profile, upload=_upload(minimal_pdf()))
    saved = profile.cv.name
    response = freelancer_client.post(reverse("freelancer:profile_cv"), {
        "action": "upload", "cv": _upload(b"<html>not a pdf</html>", name="cv.pdf")})
    assert response.status_code == 200
    assert "n'est pas un PDF" in response.context["form"].errors["cv"][0]
    assert "n&#x27;est pas un PDF" in response.content.decode()
    profile.refresh_from_db()
    assert profile.cv.name == saved


def test_a_6_mb_pdf_is_refused_with_a_message_and_never_stored(freelancer_client, profile):
    stored_before = set(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"))
    response = freelancer_client.post(reverse("freelancer:profile_cv"), {"action": "upload", "cv": _upload(padded_pdf(SIX_MB))})
    assert response.status_code == 200
    assert "taille maximale" in response.context["form"].errors["cv"][0]
    profile.refresh_from_db()
    assert not profile.cv
    assert set(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*")) == stored_before


def test_the_cv_can_be_removed(freelancer_client, profile):
    profile_cv_replace(profile=profile, upload=_upload(minimal_pdf()))
    assert freelancer_client.post(reverse("freelancer:profile_cv"), {"action": "remove"}).status_code == 302
    profile.refresh_from_db()
    assert not profile.cv


def test_the_upload_page_checks_csrf(client, freelancer, profile):
    client = client.__class__(enforce_csrf_checks=True)
    client.force_login(freelancer)
    response = client.post(reverse("freelancer:profile_cv"), {"action": "upload", "cv": _upload(minimal_pdf())})
    assert response.status_code == 403
    profile.refresh_from_db()
    assert not profile.cv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.profiles.pdfs import minimal_pdf


@pytest.fixture
def profile(freelancer):
    return freelancer.profile


@pytest.fixture
def freelancer_client(client, freelancer):
    client.force_login(freelancer)
    return client


@pytest.fixture
def pdf_upload():
    return SimpleUploadedFile("cv.pdf", minimal_pdf(), content_type="application/pdf")

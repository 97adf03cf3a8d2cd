"""CV checks: a PDF by its content (magic bytes), never by its name, and not too large."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"


def cv_too_large_error() -> ValidationError:
    return ValidationError(
        _("Le fichier dépasse la taille maximale de %(max)s.") % {"max": filesizeformat(settings.CV_MAX_BYTES)},
        code="too_large",
    )


def cv_validate(upload) -> None:
    """Raise ValidationError unless the upload is a PDF of at most CV_MAX_BYTES.

    The size is checked first (from the upload's metadata, nothing read); then
    only the first bytes are read to recognise a PDF.
    """
    if upload.size is not None and upload.size > settings.CV_MAX_BYTES:
        raise cv_too_large_error()
    if upload.size == 0:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("Ce fichier n'est pas un PDF : son contenu ne commence pas par l'en-tête %(magic)s, quel que soit son nom.")
            % {"magic": PDF_MAGIC.decode()},
            code="not_pdf",
        )


class CvSizeLimitUploadHandler(FileUploadHandler):
    """Stops receiving a file once it passes CV_MAX_BYTES, so an oversized upload is never stored whole.

    Installed before the body is parsed; the view reads `request.cv_too_large` afterwards.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        request.cv_too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.CV_MAX_BYTES:
            self.request.cv_too_large = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None

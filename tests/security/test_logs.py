"""Personal data is never written to the logs."""
import io
import logging

from django.conf import settings

from core.logfilters import RedactPersonalData, redact


def test_e_mail_addresses_and_phone_numbers_are_masked():
    assert redact("Refus pour camille.martin+test@example.co.uk, tél. 06 12 34 56 78 ou +33 6.12.34.56.78") == (
        "Refus pour [e-mail], tél. [téléphone] ou [téléphone]")
    assert redact("mission 1234567890 rang 12") == "mission 1234567890 rang 12"


def test_messages_and_tracebacks_go_through_the_filter():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalData())
    logger = logging.getLogger("tests.security.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        raise ValueError('duplicate key value violates unique constraint: Key (email)=(jean@dupont.fr) exists')
    except ValueError:
        logger.exception("Échec pour %s", "jean@dupont.fr")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "jean@dupont.fr" not in output
    assert "Échec pour [e-mail]" in output and "Key (email)=([e-mail])" in output


def test_the_console_handler_uses_the_filter():
    assert "redact_personal_data" in settings.LOGGING["handlers"]["console"]["filters"]

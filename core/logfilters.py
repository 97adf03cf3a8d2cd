"""Keeps personal data out of the logs: e-mail addresses and phone numbers are masked in every record's
message and traceback (a database error's message may quote the values of a row, for instance)."""
import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w.])(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")


def redact(text: str) -> str:
    return PHONE.sub("[téléphone]", EMAIL.sub("[e-mail]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True

"""Fast inserts of many rows whose primary keys nobody needs back."""
import datetime
import io
import json

from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

_CHUNK = 50_000


def copy_text(value, *, json_field: bool = False) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if json_field:
        value = json.dumps(value, separators=(",", ":"))
    elif isinstance(value, bool):
        value = "t" if value else "f"
    elif isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    # COPY's text format: backslash, tab and newline are the only special characters.
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def insert_many(model, objects) -> int:
    """COPY on PostgreSQL (several times faster than INSERT), bulk_create elsewhere."""
    objects = list(objects)
    if not objects:
        return 0
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=1000)
        return len(objects)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    json_fields = [isinstance(f, JSONField) for f in fields]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            for obj in objects:
                setattr(obj, field.attname, now)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    for start in range(0, len(objects), _CHUNK):
        chunk = objects[start:start + _CHUNK]
        data = io.StringIO("".join(
            "\t".join(copy_text(getattr(obj, f.attname), json_field=j) for f, j in zip(fields, json_fields)) + "\n"
            for obj in chunk
        ))
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", data)
    return len(objects)

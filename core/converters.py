"""`<id:…>` in URLs: a database id, digits that fit a signed 64-bit integer.

`<int:…>` passes any number of digits to the view, and a query with one past 2**63 - 1 fails in the
database driver (an OverflowError on SQLite: a 500). Past the bound, `<id:…>` matches no URL: a 404.
"""
from django.urls import register_converter

ID_MAX = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > ID_MAX:
            raise ValueError("beyond a 64-bit id")  # Django then tries the next pattern: no match, 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")

"""An API string longer than its documented maxLength is refused, spaces included (the schema counts them)."""
import pytest
from rest_framework import serializers

from core import fields


class _Input(serializers.Serializer):
    city = fields.CharField(max_length=5, allow_blank=True)


@pytest.mark.parametrize("city, valid", [("Lyon", True), ("  Lyon", False), ("Lyon   ", False), ("Paris", True)])
def test_max_length_counts_what_was_sent(city, valid):
    data = _Input(data={"city": city})
    assert data.is_valid() is valid
    if valid:
        assert data.validated_data["city"] == city.strip()

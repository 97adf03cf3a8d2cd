"""API input fields whose limits mean what the OpenAPI schema says."""
from rest_framework import serializers


class CharField(serializers.CharField):
    """`max_length` counts the characters the caller sent, surrounding spaces included, as the schema's
    maxLength does; DRF's own field trims first, so it accepted a longer string than documented."""

    def to_internal_value(self, data):
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)

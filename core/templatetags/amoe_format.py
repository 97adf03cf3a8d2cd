"""Amounts in the user's locale: `{{ rate|euros }}` gives « 1 250,00 € » in French and « €1,250.00 » in English."""
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@register.filter
def euros(value, decimal_places=2):
    """A sum of euros, grouped and with the currency where the active language puts it; "" for None or junk."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
        places = int(decimal_places)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    number = formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    if (get_language() or "fr").lower().startswith("en"):
        return f"€{number}"
    return f"{number}\xa0€"

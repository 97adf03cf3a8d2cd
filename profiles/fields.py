from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Left, Replace
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of choice codes stored as JSON, portable across SQLite and PostgreSQL.

    Forms show it as checkboxes; validation refuses unknown codes and duplicates.
    """

    def __init__(self, *args, choices_enum=None, **kwargs):
        self.choices_enum = choices_enum
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_enum"] = self.choices_enum
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Une liste est attendue."), code="invalid")
        allowed = set(self.choices_enum.values)
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Valeur inconnue : %(values)s."), code="invalid_choice", params={"values": ", ".join(map(str, unknown))}
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Une valeur est répétée."), code="duplicate")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices_enum.choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        defaults.pop("encoder", None)
        defaults.pop("decoder", None)
        form_class = defaults.pop("form_class")
        return form_class(**{k: v for k, v in defaults.items() if k in {
            "choices", "widget", "required", "label", "help_text", "initial", "disabled", "show_hidden_initial"
        }})


def choice_list_constraint(field_name: str, choices_enum, *, name: str) -> models.CheckConstraint:
    """A CHECK that a ChoiceListField holds a list of known codes, written so that SQLite and PostgreSQL
    both run it: the JSON text must start with "[" and nothing may be left once every quoted code, the
    brackets, commas and spaces are removed (a quoted code cannot match inside another one)."""
    text = Cast(field_name, models.CharField())
    rest = text
    for code in sorted(choices_enum.values, key=len, reverse=True):
        rest = Replace(rest, Value(f'"{code}"'), Value(""))
    for char in "[], ":
        rest = Replace(rest, Value(char), Value(""))
    return models.CheckConstraint(
        condition=models.Q(Exact(Left(text, 1), Value("[")), Exact(rest, Value(""))), name=name
    )

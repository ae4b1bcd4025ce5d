"""A model field for a set of weekdays, stored as "mo,tu,th" and edited as boxes."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    ("mo", _("Monday")),
    ("tu", _("Tuesday")),
    ("we", _("Wednesday")),
    ("th", _("Thursday")),
    ("fr", _("Friday")),
    ("sa", _("Saturday")),
    ("su", _("Sunday")),
]
WEEKDAY_CODES = [code for code, _label in WEEKDAYS]


def weekdays_split(value):
    """Return the weekday codes in ``value`` ("mo,th") as a list in week order."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    wanted = {v.strip().lower() for v in value if v and v.strip()}
    return [code for code in WEEKDAY_CODES if code in wanted]


class WeekdaysFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        for key in ("max_length", "empty_value"):
            kwargs.pop(key, None)
        kwargs["choices"] = WEEKDAYS
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return weekdays_split(value)

    def clean(self, value):
        return ",".join(weekdays_split(super().clean(value)))


class WeekdaysField(models.CharField):
    """Days of the week as comma-separated two-letter codes, in week order."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs["form_class"] = WeekdaysFormField
        kwargs.pop("choices_form_class", None)
        return models.Field.formfield(self, **kwargs)

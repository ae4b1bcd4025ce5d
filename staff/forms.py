"""Admin forms for staff management and the spreadsheet import and export."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from centres.models import Province
from staff.spreadsheet import Format


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.code})"


class AccountForm(forms.Form):
    """A person's account: an existing username, or a new one with an email."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("An existing account, or a new one to create."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "Required for a new account: the person sets their password with "
            "“Forgotten password?” on the sign-in page."
        ),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        user_model._meta.get_field(user_model.USERNAME_FIELD).run_validators(username)
        return username

    def clean(self):
        cleaned = super().clean()
        username = cleaned.get("username")
        exists = get_user_model().objects.filter(username=username).exists()
        if username and not exists and not cleaned.get("email"):
            self.add_error("email", _("A new account needs an email address."))
        elif cleaned.get("email"):
            validate_email(cleaned["email"])
        return cleaned


class StaffAddForm(AccountForm):
    """Add a person to one of the centres the editor manages (``centres``)."""

    centre = CentreChoiceField(queryset=None, label=_("Centre"))
    field_order = ["centre", "username", "email"]

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres.order_by("title")


class TranslatorAddForm(AccountForm):
    """Make a person a translator into one of ``languages`` (``(code, name)``)."""

    language = forms.ChoiceField(label=_("Language"), choices=())
    field_order = ["language", "username", "email"]

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages


class ImportForm(forms.Form):
    """Upload a spreadsheet (CSV, XLSX) or a catalogue JSON file."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx), CSV (.csv) or catalogue JSON (.json)."),
    )
    publish = forms.BooleanField(
        label=_("Publish new and changed courses"),
        required=False,
        help_text=_("Otherwise they are saved as drafts for review."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.STAFF_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in Format.values:
            raise forms.ValidationError(_("Upload a .xlsx, .csv or .json file."))
        upload.format = extension
        return upload


class ExportScope(models.TextChoices):
    CENTRE = "centre", _("One centre")
    PROVINCE = "province", _("A province")
    NATION = "nation", _("The whole country")


class ExportForm(forms.Form):
    """Export the catalogue of a centre, a province or the nation."""

    scope = forms.ChoiceField(
        label=_("What"), choices=ExportScope.choices, initial=ExportScope.CENTRE
    )
    centre = forms.CharField(
        label=_("Centre code"), required=False, help_text=_("For one centre.")
    )
    province = forms.ModelChoiceField(
        queryset=Province.objects.all(), label=_("Province"), required=False
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, initial=Format.XLSX
    )

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == ExportScope.CENTRE and not cleaned.get("centre"):
            self.add_error("centre", _("Give the centre's code."))
        if scope == ExportScope.PROVINCE and not cleaned.get("province"):
            self.add_error("province", _("Choose a province."))
        return cleaned

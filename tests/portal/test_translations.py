"""The Vietnamese and English interface catalogues are complete: no untranslated or
fuzzy entry, and every string of the code is in both."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation


def catalogue(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


@pytest.mark.parametrize("language", settings.INTERFACE_LANGUAGES)
def test_every_string_has_a_translation(language):
    entries = catalogue(language)
    assert [e.msgid for e in entries.untranslated_entries()] == []
    assert [e.msgid for e in entries.fuzzy_entries()] == []
    assert not entries.metadata_is_fuzzy


def test_both_catalogues_hold_the_same_strings():
    vi, en = catalogue("vi"), catalogue("en")
    assert {e.msgid for e in vi if not e.obsolete} == {
        e.msgid for e in en if not e.obsolete
    }


def test_the_compiled_catalogue_is_used():
    with translation.override("vi"):
        assert translation.gettext("Free") == "Miễn phí"

"""The Vietnamese interface catalogue is complete: no untranslated or fuzzy entry."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(scope="module")
def catalogue():
    path = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


def test_every_string_has_a_vietnamese_translation(catalogue):
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_is_used():
    with translation.override("vi"):
        assert translation.gettext("Free") == "Miễn phí"

"""The Vietnamese and English interface catalogues are complete: no untranslated or
fuzzy entry, and every string of the code is in both. The Vietnamese catalogue of
the packages' strings (portal/locale_packages) translates strings the packages
still have, and every translation keeps its placeholders and HTML tags."""

import re
from pathlib import Path

import django
import polib
import pytest
import wagtail
import wagtail_localize
from django.conf import settings
from django.utils import translation

PACKAGES_DIR = Path(settings.LOCALE_PATHS[1]) / "vi" / "LC_MESSAGES"
# The server's strings (django) and the admin scripts' (djangojs).
DOMAINS = ("django", "djangojs")
# %(name)s, %d, %s and str.format()'s {name} and {}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
TAG = re.compile(r"</?\w+")


def catalogue(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


def every_catalogue():
    return sorted(
        str(path)
        for locale_dir in settings.LOCALE_PATHS
        for path in Path(locale_dir).glob("*/LC_MESSAGES/*.po")
    )


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


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_packages_catalogue_is_complete_and_comes_after_the_projects(domain):
    entries = polib.pofile(str(PACKAGES_DIR / f"{domain}.po"))
    assert [e.msgid for e in entries.untranslated_entries()] == []
    assert [e.msgid for e in entries.fuzzy_entries()] == []
    assert entries.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert settings.LOCALE_PATHS[0] == settings.BASE_DIR / "portal" / "locale"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_packages_catalogue_translates_strings_the_packages_have(domain):
    """Each entry's msgid, context and plural is one of Wagtail's,
    wagtail-localize's or Django's: a string a package renamed in an upgrade
    shows up here instead of silently going back to English."""
    known = set()
    for package in (wagtail, wagtail_localize, django):
        root = Path(package.__file__).parent
        for path in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            known |= {
                (e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(path))
            }
    ours = polib.pofile(str(PACKAGES_DIR / f"{domain}.po"))
    assert [
        e.msgid for e in ours if (e.msgctxt, e.msgid, e.msgid_plural) not in known
    ] == []


@pytest.mark.parametrize("path", every_catalogue())
def test_translations_keep_placeholders_and_tags(path):
    """A translation shows every placeholder and tag of its msgid, and no other
    (a missing placeholder drops a value, an unknown one raises). With one plural
    form, a plural's translation may take placeholders from either English form
    but must keep those both have."""
    wrong = []
    for entry in polib.pofile(path):
        if entry.obsolete:
            continue
        plural = entry.msgid_plural or entry.msgid
        for pattern in (PLACEHOLDER, TAG):
            one = set(pattern.findall(entry.msgid))
            other = set(pattern.findall(plural))
            translations = (
                entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            )
            for text in filter(None, translations):
                if not (one & other <= set(pattern.findall(text)) <= one | other):
                    wrong.append((entry.msgid, text))
    assert wrong == []


def test_the_packages_catalogue_is_used():
    with translation.override("vi"):
        assert translation.gettext("Save draft") == "Lưu bản nháp"
        assert (
            translation.ngettext(
                "Please submit at least %(num)d form.",
                "Please submit at least %(num)d forms.",
                2,
            )
            % {"num": 2}
            == "Vui lòng nhập ít nhất 2 mục."
        )

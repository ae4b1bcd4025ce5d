"""Reads behind the province and centre pages, and place-name matching."""

from itertools import groupby

from centres.models import CentrePage, Commune, Province
from courses.models import CoursePage
from courses.selectors import course_cards
from search.text import nfc, place_key, strip_place_type


class PlaceNotFound(LookupError):
    """No province or commune matches the name."""


class PlaceAmbiguous(LookupError):
    """Several communes match the name; ``candidates`` lists them."""

    def __init__(self, name, candidates):
        super().__init__(name)
        self.candidates = candidates


def _match(name, items):
    """Return the single item of ``items`` (objects with ``name``) matching ``name``.

    Tries, in order: the exact name (any case and Unicode form), the name without
    its type word, then the folded key (no marks, no ``đ``, no spaces). The first
    rule that finds exactly one item wins; several at the last rule is ambiguous.
    """
    wanted = nfc(name).casefold()
    rules = (
        lambda item: nfc(item.name).casefold() == wanted,
        lambda item: (
            strip_place_type(item.name).casefold()
            == strip_place_type(wanted).casefold()
        ),
        lambda item: place_key(item.name) == place_key(name),
    )
    found = []
    for rule in rules:
        found = [item for item in items if rule(item)]
        if len(found) == 1:
            return found[0]
    if found:
        raise PlaceAmbiguous(name, found)
    raise PlaceNotFound(name)


def province_find(name_or_code, provinces=None):
    """Return the Province named or coded ``name_or_code`` ("dak lak", "66").

    Raises PlaceNotFound (or PlaceAmbiguous, which cannot happen with today's 34).
    """
    text = nfc(str(name_or_code))
    provinces = provinces if provinces is not None else list(Province.objects.all())
    if text.isdigit():
        for province in provinces:
            if province.code == text.zfill(2):
                return province
        raise PlaceNotFound(text)
    return _match(text, provinces)


def commune_find(name, province, communes=None):
    """Return the Commune of ``province`` named ``name`` ("ea kao" = "Phường Ea Kao").

    Raises PlaceNotFound, or PlaceAmbiguous when two communes of the province share
    the folded name (for example "Phường Mỹ Tho" and "Xã Mỹ Thọ" for "my tho").
    """
    if communes is None:
        communes = list(Commune.objects.filter(province=province))
    return _match(name, communes)


def centre_page_context(page):
    courses = course_cards(CoursePage.objects.live().child_of(page).order_by("title"))
    return {"province": page.commune.province, "courses": courses}


def province_page_context(page):
    centres = (
        CentrePage.objects.live()
        .child_of(page)
        .select_related("commune")
        .order_by("commune__name", "title")
    )
    by_commune = [
        (commune, list(items))
        for commune, items in groupby(centres, key=lambda centre: centre.commune)
    ]
    return {"centres_by_commune": by_commune, "centre_count": len(centres)}

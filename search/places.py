"""Place names typed by readers: "ea kao", "Ea Kao, Đắk Lắk", "dak lak".

Matched like the catalogue import does (centres.selectors), against the 34
provinces and 3,321 communes, which are read once per process: they change only
by migration.
"""

from functools import lru_cache

from django.utils.translation import gettext as _

from centres.models import Commune, Province
from centres.selectors import PlaceAmbiguous, PlaceNotFound, commune_find, province_find
from search.text import exact_token, place_key, strip_place_type, tokens


@lru_cache(maxsize=1)
def _places():
    provinces = list(Province.objects.all())
    communes = list(Commune.objects.select_related("province"))
    by_key = {}
    for commune in communes:
        by_key.setdefault(place_key(commune.name), []).append(commune)
    return provinces, communes, by_key


def places_reset():
    """Forget the cached places (tests that change reference data call this)."""
    _places.cache_clear()


def place_lookup(text):
    """Return the Place (centre point) of the commune or province named ``text``.

    A commune wins over a province of the same name. Raises FinderInputError when
    nothing matches or when a commune name exists in several provinces and none
    was given ("An Ninh, Tây Ninh").
    """
    from search.finder import FinderInputError, Place

    provinces, communes, by_key = _places()
    name, _sep, province_name = text.partition(",")
    name, province_name = name.strip(), province_name.strip()
    if province_name:
        try:
            province = province_find(province_name, provinces)
            commune = commune_find(
                name, province, [c for c in communes if c.province_id == province.pk]
            )
        except (PlaceNotFound, PlaceAmbiguous):
            raise FinderInputError(
                _("We do not know the place “%(place)s”.") % {"place": text}
            ) from None
        return Place(commune.latitude, commune.longitude, commune.name)
    candidates = by_key.get(place_key(name), [])
    if len(candidates) > 1:
        # Folded, "Thuận Hóa" is also "Thuận Hòa": the one written with the
        # same marks (and the same type word, when one was typed) is meant.
        candidates = _as_written(name, candidates) or candidates
    if len(candidates) == 1:
        commune = candidates[0]
        return Place(commune.latitude, commune.longitude, commune.name)
    try:
        province = province_find(name, provinces)
        return Place(province.latitude, province.longitude, province.name)
    except (PlaceNotFound, PlaceAmbiguous):
        pass
    if len(candidates) > 1:
        options = "; ".join(f"{c.name}, {c.province.name}" for c in candidates[:5])
        raise FinderInputError(
            _("Several places are called “%(place)s”: %(options)s. Add the province.")
            % {"place": text, "options": options}
        )
    raise FinderInputError(_("We do not know the place “%(place)s”.") % {"place": text})


def _exact(name):
    """``name``'s words with their marks, whatever their case, Unicode form and
    tone placement ("Thuận Hoà" is "Thuận Hòa")."""
    return tuple(exact_token(word) for word in tokens(name))


def _as_written(name, candidates):
    """The ``candidates`` (communes of one folded name) whose name has the
    marks ``name`` has: their full name when ``name`` begins with a type word
    ("Phường Thuận Hóa"), else their name without it."""
    typed = _exact(name)
    typed_bare = _exact(strip_place_type(name))
    full = typed != typed_bare
    return [
        c
        for c in candidates
        if (_exact(c.name) if full else _exact(strip_place_type(c.name))) == typed
    ]


def place_suggestions(prefix, limit=5):
    """Return up to ``limit`` commune and province names starting with ``prefix``
    (folded), provinces first."""
    key = place_key(prefix)
    if len(key) < 2:
        return []
    provinces, communes, _by_key = _places()
    found = [p.name for p in provinces if place_key(p.name).startswith(key)]
    found += [
        f"{c.name}, {c.province.name}"
        for c in communes
        if place_key(c.name).startswith(key)
    ]
    return found[:limit]

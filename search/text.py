"""Vietnamese text normalisation: one small module for the import matcher, the search
index and the query parser alike.

Facts it handles (see shared/guide/search.md): the same letter arrives precomposed,
decomposed or half-composed; tone marks sit in old (hòa) or new (hoà) position; ``đ``
and its look-alike ``Ð`` have no Unicode decomposition; place names are written with
or without their type word ("Tỉnh", "Phường") and with or without spaces ("Daklak").
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")

# Administrative type words that prefix province and commune names, folded.
PLACE_TYPE_WORDS = ("thanh pho", "dac khu", "thi tran", "tinh", "phuong", "xa", "tp")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of white space collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Return ``text`` lower-cased with every tone mark and diacritic removed.

    ``"Đắk Lắk"``, ``"ĐĂK LĂK"`` and ``"dak lak"`` all fold to ``"dak lak"``.
    Punctuation becomes a single space, so the result is a list of syllables.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped.translate(_D_MAP))).strip()


def place_key(name: str) -> str:
    """Return the key two spellings of one place name share.

    Folds the name, drops a leading administrative type word and every space, so
    ``"Tỉnh Đắk Lắk"``, ``"dak lak"`` and ``"Daklak"`` share the key ``"daklak"``.
    """
    folded = fold(name)
    for word in PLACE_TYPE_WORDS:
        if folded.startswith(word + " ") and len(folded) > len(word) + 1:
            folded = folded[len(word) + 1 :]
            break
    return folded.replace(" ", "")


def strip_place_type(name: str) -> str:
    """Return a place name without its leading type word, keeping its marks.

    ``"Phường Ea Kao"`` becomes ``"Ea Kao"``; a name without a type word is returned
    unchanged.
    """
    text = nfc(name)
    folded = fold(text)
    for word in PLACE_TYPE_WORDS:
        if folded.startswith(word + " "):
            return text.split(" ", word.count(" ") + 1)[-1]
    return text


def ascii_slug(text: str, max_length: int = 80) -> str:
    """Return a URL slug without marks: "Tin học cơ bản" -> "tin-hoc-co-ban"."""
    return "-".join(fold(text).split())[:max_length].strip("-")

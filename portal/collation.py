"""Alphabetical order for Vietnamese (and English) text, in pure Python.

The database sorts by character code: "Huế" before "Hà Nội" (ế is U+1EBF, past
every ASCII letter), "Đà Nẵng" after "Vĩnh Long", "Thanh Hóa" before "Thái
Nguyên". Lists a reader scans by name are short (34 provinces, a centre's
courses, the curricula) and are sorted in Python with ``sort_key``.

The order is Vietnamese dictionary order, as Unicode's Vietnamese tailoring
(CLDR) has it:

* letters first, case ignored: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u
  ư v x y (f, j, w and z, which Vietnamese words do not use, where the Latin
  alphabet has them, so English titles sort as in English);
* then the tones, as a second key, read left to right: no mark, grave (huyền),
  hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng);
* then the text itself, so that the order is total and stable.

A space sorts before every letter, so names sort word by word ("Hà Nội" before
"Hải Phòng"); other punctuation and digits come before letters, in character
order; letters of other scripts after them.
"""

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Combining tone marks, in the order of the tones; 0 is no mark.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Primary classes: what is not a letter, then letters, then other scripts.
_SPACE, _OTHER, _LETTER, _FOREIGN = 0, 1, 2, 3


def _letters(text):
    """Yield ``(character without its tone, tone)`` for each character of
    ``text``, lower-cased, with ă â ê ô ơ ư đ kept as letters of their own."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    base, marks, tone = None, "", 0
    for char in decomposed:
        if unicodedata.combining(char):
            if char in TONES:
                tone = TONES[char]
            else:
                marks += char
            continue
        if base is not None:
            yield unicodedata.normalize("NFC", base + marks), tone
        base, marks, tone = char, "", 0
    if base is not None:
        yield unicodedata.normalize("NFC", base + marks), tone


def _primary(char):
    """The primary weight of ``char``: a character and the combining marks that
    are not tones, which in other scripts (Khmer) may not compose into one."""
    if char in LETTER_RANK:
        return (_LETTER, (LETTER_RANK[char],))
    codes = tuple(ord(c) for c in char)
    if char.isspace():
        return (_SPACE, ())
    if char[0].isalpha():
        return (_FOREIGN, codes)
    return (_OTHER, codes)


# Each character's (primary weight, tone), as _letters and _primary give them
# for the character alone; bounded by the characters names use.
_WEIGHTS = {}
_WEIGHTS_KEPT = 20_000


def _weight(char):
    weight = _WEIGHTS.get(char)
    if weight is None:
        ((letter, tone),) = _letters(char)
        weight = (_primary(letter), tone)
        if len(_WEIGHTS) < _WEIGHTS_KEPT:
            _WEIGHTS[char] = weight
    return weight


def sort_key(text):
    """Return the key that sorts ``text`` in Vietnamese alphabetical order:
    ``sorted(names, key=sort_key)``. Works for English (ASCII) text too.

    A text whose characters are all precomposed (NFC leaves no combining mark
    on its own, as in Vietnamese and English) is weighed character by
    character from ``_WEIGHTS``: the same key, and a province page sorts its
    centres and communes (about 520 keys) in a fraction of the time. Any other
    text (Khmer, a mark NFC cannot compose) is read as a whole."""
    text = unicodedata.normalize("NFC", str(text or "")).strip()
    folded = unicodedata.normalize("NFC", text.casefold())
    if any(unicodedata.combining(char) for char in folded):
        letters = list(_letters(text))
        return (
            tuple(_primary(char) for char, _tone in letters),
            tuple(tone for _char, tone in letters),
            text,
        )
    weights = [_weight(char) for char in folded]
    return (
        tuple(weight[0] for weight in weights),
        tuple(weight[1] for weight in weights),
        text,
    )


def place_sort_key(name):
    """``sort_key`` of a place name without its type word: "Thành phố Hà Nội"
    sorts at H, with "Huế" and "Hưng Yên"."""
    from search.text import strip_place_type

    return sort_key(strip_place_type(name or ""))


def sorted_by_title(items, key=sort_key):
    """Return ``items`` (pages or anything with ``title``) sorted by title."""
    return sorted(items, key=lambda item: key(item.title))

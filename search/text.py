"""Vietnamese text normalisation: one small module for the import matcher, the search
index and the query parser alike.

Facts it handles (see shared/guide/search.md): the same letter arrives precomposed,
decomposed or half-composed; tone marks sit in old (hòa) or new (hoà) position; ``đ``
and its look-alike ``Ð`` have no Unicode decomposition; place names are written with
or without their type word ("Tỉnh", "Phường") and with or without spaces ("Daklak").
"""

import re
import unicodedata
from html import unescape

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")

# The C0 control characters but tab, line feed and carriage return: they mean
# nothing in the portal's texts, and XML, so an XLSX cell, cannot hold them
# (openpyxl refuses them). Vertical tab and form feed are a word processor's
# line and page breaks, pasted with the text: they become a space, so that the
# words they parted stay apart.
_CONTROL_CHARACTERS = {
    code: " " if code in (0x0B, 0x0C) else None
    for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))
}

# Administrative type words that prefix province and commune names, folded.
PLACE_TYPE_WORDS = ("thanh pho", "dac khu", "thi tran", "tinh", "phuong", "xa", "tp")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of white space collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_control_characters(text: str) -> str:
    """Return ``text`` without the control characters no text of the portal
    holds (those an XLSX cell cannot hold); a vertical tab or form feed
    becomes a space. Tab, line feed and carriage return are kept."""
    return text.translate(_CONTROL_CHARACTERS)


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


# --- Analysis for the search index and queries -------------------------------------
# Every engine indexes and queries the tokens produced here, so SQLite, PostgreSQL
# and Elasticsearch agree on what matches: the engines only match and rank.

# The five Vietnamese tone marks, numbered as in the usual telex order.
_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
# A Khmer orthographic syllable: a consonant or independent vowel, then subscript
# consonants (COENG + consonant), dependent vowels and signs.
_KHMER_SYLLABLE = re.compile(
    r"[\u1780-\u17B3](?:\u17D2[\u1780-\u17B3]|[\u17B4-\u17D1\u17D3\u17DD\u200C\u200D])*"
)
_KHMER_RUN = re.compile(r"[\u1780-\u17FF\u200C\u200D]+")
_TOKEN = re.compile(r"(?:\w|[\u0300-\u036F\u17B4-\u17D3\u17DD])+")


def _khmer_spaced(text):
    """Put a space between Khmer syllables (Khmer writes no spaces between words)."""
    # Khmer letters are U+1780 to U+17FF, E1 9E xx and E1 9F xx in UTF-8: finding
    # those bytes took 2 us for a course's text, the regular expression 5 us.
    # (A run of joiners alone splits words as the spaces it would become do.
    # A lone surrogate, which no UTF-8 holds, must not raise.)
    encoded = text.encode("utf-8", "surrogatepass")
    if b"\xe1\x9e" not in encoded and b"\xe1\x9f" not in encoded:
        return text
    return _KHMER_RUN.sub(
        lambda m: " " + " ".join(_KHMER_SYLLABLE.findall(m.group(0))) + " ", text
    )


def _is_khmer(token):
    return "\u1780" <= token[0] <= "\u17ff"


class _Memo(dict):
    """``function``'s results by token: a dict lookup took half the time of an
    lru_cache call, and the index analyses every word of every course. Emptied
    when it holds ``size`` tokens, so memory stays bounded."""

    def __init__(self, function, size=200_000):
        super().__init__()
        self.function = function
        self.size = size

    def __missing__(self, token):
        if len(self) >= self.size:
            self.clear()
        value = self[token] = self.function(token)
        return value


def _memoised(function):
    """``function`` of one token, answered from a _Memo."""
    return _Memo(function).__getitem__


@_memoised
def exact_token(token):
    """Return ``token`` with its tone mark moved to a trailing digit.

    Old and new tone placement give the same token (``hòa`` and ``hoà`` are both
    ``hoa2``); vowel marks stay (``mạ`` is ``ma5``, ``mã`` is ``ma4``).
    """
    if _is_khmer(token):
        return token
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", token.casefold()):
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


# English plurals the endings below do not make singular, by their singular.
# Listed, not guessed: "-ves" is "-f" only for these ("leaves" may be the verb,
# and the regular rule keeps it "leave" but in English text: ENGLISH_PLURALS),
# "-oes" is "-o" only for these ("shoes", "does"). None is a Vietnamese
# syllable without its marks (no Vietnamese syllable begins with f, w or a
# vowel cluster like "ee", none ends in a vowel after c, or in s, x, th), so
# the same analysis serves mixed text.
IRREGULAR_PLURALS = {
    # Vowel change.
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "lice": "louse",
    "oxen": "ox",
    # -ves
    "calves": "calf",
    "elves": "elf",
    "halves": "half",
    "hooves": "hoof",
    "knives": "knife",
    "lives": "life",
    "loaves": "loaf",
    "scarves": "scarf",
    "sheaves": "sheaf",
    "shelves": "shelf",
    "thieves": "thief",
    "wolves": "wolf",
    # -oes
    "buffaloes": "buffalo",
    "cargoes": "cargo",
    "dominoes": "domino",
    "echoes": "echo",
    "embargoes": "embargo",
    "heroes": "hero",
    "mangoes": "mango",
    "mosquitoes": "mosquito",
    "mottoes": "motto",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "tornadoes": "tornado",
    "torpedoes": "torpedo",
    "vetoes": "veto",
    "volcanoes": "volcano",
    # -ies of a singular in -ie (the rule makes "-y" of the others).
    "brownies": "brownie",
    "calories": "calorie",
    "cookies": "cookie",
    "movies": "movie",
    "smoothies": "smoothie",
    # Latin and Greek.
    "alumni": "alumnus",
    "analyses": "analysis",
    "appendices": "appendix",
    "bacteria": "bacterium",
    "cacti": "cactus",
    "crises": "crisis",
    "criteria": "criterion",
    "curricula": "curriculum",
    "diagnoses": "diagnosis",
    "fungi": "fungus",
    "hypotheses": "hypothesis",
    "indices": "index",
    "matrices": "matrix",
    "nuclei": "nucleus",
    "phenomena": "phenomenon",
    "stimuli": "stimulus",
    "syllabi": "syllabus",
    "theses": "thesis",
}
# Plural endings of compounds too, by their singular: "grandchildren",
# "salespeople", "midwives".
IRREGULAR_PLURAL_ENDINGS = (
    ("children", "child"),
    ("people", "person"),
    ("wives", "wife"),
)
# Words in -men that are not the plural of a word in -man ("fishermen",
# "craftsmen", "businesswomen" are). Bare "men" is made "man" only in English
# text (ENGLISH_PLURALS): it is a Vietnamese syllable ("men", "mèn") and "man"
# is another ("màn", "mận"), so the finder would mix yeast with plums; words of
# three letters are left alone.
NOT_PLURALS_IN_MEN = frozenset({
    "abdomen", "acumen", "agnomen", "albumen", "amen", "bitumen", "bremen",
    "carmen", "cognomen", "culmen", "cyclamen", "dolmen", "duramen", "examen",
    "flamen", "foramen", "germen", "gravamen", "hegumen", "hymen", "limen", "lumen",
    "nomen", "numen", "omen", "praenomen", "putamen", "ramen", "regimen", "rumen",
    "semen", "specimen", "stamen", "tegmen", "velamen", "yemen",
})  # fmt: skip


def _irregular_singular(word):
    """The singular of an irregular English plural ``word``, or None."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    for ending, single in IRREGULAR_PLURAL_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + single
    if word.endswith("men") and len(word) > 3 and word not in NOT_PLURALS_IN_MEN:
        return word[:-3] + "man"
    return None


def singular(word):
    """Return an English plural's singular form (``classes`` -> ``class``,
    ``libraries`` -> ``library``, ``children`` -> ``child``, ``fishermen`` ->
    ``fisherman``); other words unchanged. Only ASCII words longer than three
    letters change, and no Vietnamese syllable without its marks is one that
    changes (none ends in ``s``; see IRREGULAR_PLURALS and NOT_PLURALS_IN_MEN),
    so this is safe on mixed text."""
    if not word.isascii() or len(word) <= 3:
        return word
    irregular = _irregular_singular(word)
    if irregular is not None:
        return irregular
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        # "childrens", "womens": the plural with a regular ending besides.
        stem = word[:-1]
        return (_irregular_singular(stem) if len(stem) > 3 else None) or stem
    return word


@_memoised
def _folded(token):
    if _is_khmer(token):
        return token
    return singular(fold(token).replace(" ", "")).replace("y", "i")


# English plurals that other words share, by their singular: folded so only in
# English text (an English entry, an English reader's query), and only as
# written without marks. "men" is a Vietnamese syllable too ("men", "mèn" fold
# to it; "man" is "màn", "mận"), so elsewhere it stays "men"; "leaves" is also
# the verb, made "leave" elsewhere by the regular rule. A course's English
# text means the leaves of a plant ("tea leaves", "mulberry leaves") far more
# often than someone leaving.
ENGLISH_PLURALS = {"men": "man", "mens": "man", "leaves": "leaf"}
ENGLISH = "en"


def singulars_begun(begun, locale):
    """The folded singulars of the plurals ``locale`` alone folds (ENGLISH_PLURALS)
    that ``begun``, the first two letters or more of a word being typed, may
    begin: English "me" may be "men", which English text holds as "man"."""
    if locale != ENGLISH or len(begun) < 2:
        return []
    begun = begun.casefold()
    return sorted(
        {one for many, one in ENGLISH_PLURALS.items() if many.startswith(begun)}
    )


@_memoised
def _english_folded(token):
    return ENGLISH_PLURALS.get(token.casefold()) or _folded(token)


def _folder(locale):
    """The memoised folding of ``locale``'s words (a language code)."""
    return _english_folded if locale == ENGLISH else _folded


def folded_token(token, locale=None):
    """Return the token every spelling of a word shares: no marks, ``đ`` as ``d``,
    ``y`` as ``i`` (``kỹ`` = ``kĩ``), English plurals singular; in ``locale``'s
    text (a language code), which may fold more of them (ENGLISH_PLURALS)."""
    return _folder(locale)(token)


def tokens(text):
    """Return the words of ``text`` (NFC, Khmer split into syllables), in order."""
    return _TOKEN.findall(_khmer_spaced(unicodedata.normalize("NFC", text or "")))


_TAG = re.compile(r"<[^>]*>")


def html_words(html):
    """Return the text of rich text (HTML) for the index: every tag becomes a
    space, so the last word of a list item or paragraph and the first of the
    next stay two words, and entities are decoded. Never displayed."""
    return unescape(_TAG.sub(" ", html or ""))


def analyse(text, locale=None):
    """Return ``(exact, folded)``: two space-separated token strings of ``text``
    (in ``locale``, a language code) for the index, position by position the
    same words."""
    words = tokens(text)
    return " ".join(map(exact_token, words)), " ".join(map(_folder(locale), words))


def has_marks(text):
    """Return whether ``text`` carries any Vietnamese mark (tone, vowel mark or
    ``đ``): only then do exact-tone matches outrank folded ones."""
    return any(not _is_khmer(w) and fold(w) != w.casefold() for w in tokens(text))

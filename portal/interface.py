"""The language of the interface: the words, dates and numbers around the content.

Vietnamese and English have complete interface catalogues
(``settings.INTERFACE_LANGUAGES``). A reader of another content language (Khmer,
Tày, Hmong) reads the content in that language and the interface in Vietnamese.
The active Django language stays the reader's: it gives the ``/km/`` URLs
(``i18n_patterns``), the content's locale (``Locale.get_active()``, page
routing), the finder's default locale and the content's ``lang``. Only what
gettext and the date and number formats give is Vietnamese.

Django has no setting for this. It builds a language's translation from its own
catalogue for the language, every installed app's, then ``LOCALE_PATHS``, and
falls back to ``LANGUAGE_CODE`` for what none of them holds. Tày and Hmong have
no catalogue in any package, so their interface fell through to Vietnamese; but
Django ships Khmer catalogues, and Khmer pages showed their words inside the
Vietnamese interface ("Home" in the breadcrumbs, the weekday names of the class
days, "This month" and "English" among the finder's filters, "Time" over a
course's classes). ``InterfaceTranslation`` leaves the packages' catalogues out
for a language without an interface of its own, so that every string falls
through to Vietnamese, as for Tày and Hmong. Its dates and numbers come from
``portal/formats/<code>/``, the Vietnamese formats.
"""

from django.conf import settings
from django.utils.translation import get_language, trans_real


def borrows_interface(language):
    """Return True when ``language`` is a content language of the portal
    (``settings.LANGUAGES``) without an interface catalogue of its own: its
    interface is the Vietnamese one."""
    return language not in settings.INTERFACE_LANGUAGES and language in {
        code for code, _name in settings.LANGUAGES
    }


def reader_language():
    """Return the active language's base code ("vi", "en", "km", ...)."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def interface_language():
    """Return the language the interface is written in for the reader: the
    active language when it has an interface catalogue, else Vietnamese
    (``settings.LANGUAGE_CODE``)."""
    language = reader_language()
    if language in settings.INTERFACE_LANGUAGES:
        return language
    return settings.LANGUAGE_CODE


class InterfaceTranslation(trans_real.DjangoTranslation):
    """Django's translation of a language, except that a content language
    without an interface catalogue takes none of Django's or an installed app's
    catalogues for it: only the project's own (``LOCALE_PATHS``; empty or
    absent), then, for everything else, Vietnamese. Its ``language()`` stays
    the reader's, so ``get_language()`` does too."""

    def _init_translation_catalog(self):
        if not borrows_interface(self.language()):
            super()._init_translation_catalog()

    def _add_installed_apps_translations(self):
        if not borrows_interface(self.language()):
            super()._add_installed_apps_translations()


def use_interface_translations():
    """Have Django build every translation as an ``InterfaceTranslation``
    (called once, from ``PortalConfig.ready``).

    Every activation of a language goes through Django's cache of
    translations, which builds each with ``trans_real.DjangoTranslation``:
    LocaleMiddleware's, the finder API's ``translation.override``, and
    Wagtail's and Django's own ``override`` around a page's URL, whose exit
    activates the reader's language again. Replacing the active translation in
    a middleware would have been undone by the first of those. The cache is
    emptied when a test changes the languages or the autoreloader sees a
    catalogue change, and rebuilt with this class."""
    trans_real.DjangoTranslation = InterfaceTranslation

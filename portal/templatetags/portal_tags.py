"""Template tags and filters for the public portal templates.

Load with ``{% load portal_tags %}``.

Filters:

* ``number``: an integer or decimal with the interface's digit grouping
  ("1.234.567" in Vietnamese, "1,234,567" in English), independent of Django's
  ``USE_THOUSAND_SEPARATOR`` setting.
* ``vnd``: a fee in Vietnamese dong ("150.000 ₫" / "150,000 VND", "Free" for 0).
* ``tel_href``: a phone number reduced to what a ``tel:`` link needs.

Tags:

* ``{% site_name %}`` and ``{% site_description %}``: the portal's name and
  one-line description from the settings.
* ``{% curriculum_index home as index %}``: the home page's live list of
  national curricula, or None.
* ``{% page_numbers results as numbers %}``: page numbers for pagination links,
  with "…" in long ranges.
* ``{% language_links as languages %}``: the versions of the current page in each
  language (see ``language_links``), for the language switcher and the
  ``hreflang`` alternates.
* ``{% readerurl page %}``: a link to ``page`` that keeps the reader's language: a
  Vietnamese page in a list shown to a reader of another language (because it is
  not translated) is linked under the reader's prefix, where it is served in
  Vietnamese with a note (``HomePage.route``).
* ``{% lang_attr page %}``: `` lang="vi"`` when ``page`` is not in the language
  of the page it is shown on, for screen readers; nothing otherwise.
* ``{% ui_lang_attr %}``: the interface's ``lang`` for labels and headings
  inside content of another language; ``{% source_lang_attr %}``: `` lang="vi"``
  for untranslated Vietnamese text (the site's name) in another interface;
  ``{% title_lang_attr page %}`` for a skeleton page's title kept in
  Vietnamese; ``{% written_in_attr code %}`` for text written in language
  ``code`` (a taxonomy label, a finder result).
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.templatetags.wagtailcore_tags import pageurl

from portal import interface
from portal.interface import reader_language
from portal.selectors import page_language, reader_url, title_language

register = template.Library()


# The active language's base code ("vi", "en", ...).
_language = reader_language


def _as_number(value):
    """Return ``value`` as an int or Decimal, or None when it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    try:
        text = str(value).strip()
        return int(text) if text.lstrip("+-").isdigit() else Decimal(text)
    except (InvalidOperation, ValueError):
        return None


@register.filter
def number(value):
    """Format a number with the grouping and decimal mark of the active
    language's formats (``portal/formats`` for the languages whose interface is
    Vietnamese, Django's for the others).

    ``1234567`` gives "1.234.567" in Vietnamese, Khmer, Tày and Hmong and
    "1,234,567" in English; ``1234.5`` gives "1.234,5" and "1,234.5". Values
    that are not numbers are returned unchanged, None as "".
    """
    if value is None or value == "":
        return ""
    parsed = _as_number(value)
    if parsed is None:
        return value
    text = f"{parsed:,}"  # "," groups, "." decimals
    thousands = get_format("THOUSAND_SEPARATOR")
    decimal = get_format("DECIMAL_SEPARATOR")
    return "".join(
        thousands if ch == "," else decimal if ch == "." else ch for ch in text
    )


@register.filter
def vnd(value):
    """Format a fee in dong: "150.000 ₫" in a Vietnamese interface, "150,000
    VND" in an English one.

    A fee of 0 is shown as the translated word "Free"; None or a value that is
    not a number gives "".
    """
    parsed = _as_number(value)
    if parsed is None:
        return ""
    if parsed == 0:
        return gettext("Free")
    unit = "₫" if interface.interface_language() == settings.LANGUAGE_CODE else "VND"
    return f"{number(parsed)} {unit}"


@register.filter
def tel_href(value):
    """Reduce a phone number to digits and a leading "+" for a ``tel:`` link.

    "0262 3851 234" gives "02623851234"; "+84 262 385 1234" gives "+842623851234".
    """
    text = str(value or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"+{digits}" if text.startswith("+") else digits


@register.simple_tag
def site_name():
    """Return the portal's name (``WAGTAIL_SITE_NAME``)."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def site_description():
    """Return the portal's translated one-line description."""
    return str(getattr(settings, "PORTAL_SITE_DESCRIPTION", ""))


@register.simple_tag
def interface_language():
    """Return the language the interface strings are shown in: the active
    language when its catalogue is complete, else Vietnamese (the fallback)."""
    return interface.interface_language()


@register.simple_tag(takes_context=True)
def content_language(context):
    """Return the language of the page's content: the active language, or
    Vietnamese when the page is shown because it is not translated yet."""
    request = context.get("request")
    if getattr(request, "translation_fallback", False):
        return settings.LANGUAGE_CODE
    return _language()


@register.simple_tag
def language_name(code=None):
    """Return the name of language ``code`` (the active one by default) in itself."""
    code = code or _language()
    return _language_names().get(code, code)


@register.simple_tag
def language_name_marked():
    """Return the reader's language named in itself, marked with its own
    ``lang`` when the interface around it is in another: "ភាសាខ្មែរ" inside
    a Vietnamese sentence on a Khmer page."""
    code = _language()
    name = language_name(code)
    if code != interface_language():
        return format_html('<span lang="{}">{}</span>', code, name)
    return name


@register.simple_tag(takes_context=True)
def readerurl(context, page):
    """Return ``pageurl`` of ``page``, under the reader's language prefix when
    ``page`` is a Vietnamese page shown to a reader of another language; the
    ``reader_href`` a list's selector gave it, when it has one
    (``portal.selectors.with_reader_urls``)."""
    href = getattr(page, "reader_href", None)
    if href:
        return href
    return reader_url(pageurl(context, page), page_language(page))


@register.simple_tag(takes_context=True)
def lang_attr(context, page):
    """Return `` lang="…"`` when ``page`` is not in the language of the page it
    is shown on (``content_language``): a Vietnamese course on an English page,
    and an English course on an English page shown in Vietnamese because it is
    not translated."""
    return written_in_attr(context, page_language(page))


@register.simple_tag(takes_context=True)
def title_lang_attr(context, page):
    """Return `` lang="…"`` when ``page``'s title is written in another
    language than the content around it (``selectors.title_language``: the
    Vietnamese title a Khmer home or curricula index page keeps)."""
    return written_in_attr(context, title_language(page))


@register.simple_tag(takes_context=True)
def written_in_attr(context, code):
    """Return `` lang="…"`` for text written in language ``code`` when it is
    not the language of the page's content: a taxonomy term's label
    (``courses.selectors.Label.lang``: a category not yet translated into
    Khmer keeps its Vietnamese name), a finder result from the Vietnamese
    content on a Khmer page (its ``locale``). Nothing for no ``code``."""
    if code and code != content_language(context):
        return format_html(' lang="{}"', code)
    return ""


@register.simple_tag(takes_context=True)
def ui_lang_attr(context):
    """Return `` lang="…"`` for interface text (labels, headings, notes) inside
    a page's content when the interface is not in the content's language: an
    English label on an English page shown in Vietnamese, a Vietnamese label
    on a Khmer page (Khmer has no interface catalogue); nothing otherwise."""
    return written_in_attr(context, interface_language())


@register.simple_tag(takes_context=True)
def source_lang_attr(context, within="interface"):
    """Return `` lang="vi"`` for Vietnamese text that is never translated (the
    site's name, a class's place) inside text of another language: the
    interface's (``within="interface"``: a header, a card's facts) or the
    content's (``within="content"``)."""
    source = settings.LANGUAGE_CODE
    if within == "interface":
        around = interface_language()
    else:
        around = content_language(context)
    return format_html(' lang="{}"', source) if around != source else ""


def _language_names():
    return {code: str(name) for code, name in settings.LANGUAGES}


@register.simple_tag(takes_context=True)
def language_links(context):
    """Return the current page in each language, as a list of dicts with
    ``code``, ``name`` (the language's own name), ``url``, ``full_url`` and
    ``is_current``, in the order of ``settings.LANGUAGES``.

    On a Wagtail page (``page`` in the context) these are its live translations
    and the page itself; on any other view, the same path in every language.
    """
    from wagtail.models import Page

    request = context.get("request")
    page = context.get("page")
    names = _language_names()
    order = list(names)
    current = _language()
    links = []
    if isinstance(page, Page):
        # One query over the page table, the languages from page_language:
        # Wagtail's form joined the page type's table, and the page's own
        # locale was a query more.
        translations = Page.objects.filter(
            translation_key=page.translation_key, live=True
        ).exclude(pk=page.pk)
        for item in [page, *translations]:
            code = page_language(item)
            links.append(
                {
                    "code": code,
                    "name": names.get(code, code),
                    "url": item.get_url(request),
                    "full_url": item.get_full_url(request),
                    "is_current": item.pk == page.pk,
                }
            )
    elif request is not None:
        path = request.get_full_path()
        for code in order:
            url = translate_url(path, code)
            if url == path and code != current:
                continue  # not a translatable URL
            links.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": url,
                    "full_url": request.build_absolute_uri(url),
                    "is_current": code == current,
                }
            )
    links = [link for link in links if link["url"]]
    links.sort(
        key=lambda link: (
            order.index(link["code"]) if link["code"] in order else len(order)
        )
    )
    return links


@register.simple_tag
def page_numbers(page_obj, on_each_side=2, on_ends=1):
    """Return the page numbers to link to around ``page_obj`` (a paginator Page),
    with the paginator's ellipsis ("…") standing for the numbers left out."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.simple_tag
def curriculum_index(home):
    """Return the live curriculum index page under ``home``, or None."""
    from courses.models import CurriculumIndexPage

    if home is None:
        return None
    # ``pk__in`` over the small curriculum index table lets SQLite look the page
    # up by key instead of scanning every page under the home page.
    return (
        CurriculumIndexPage.objects.live()
        .child_of(home)
        .filter(pk__in=CurriculumIndexPage.objects.values("pk"))
        .first()
    )


@register.filter
def get_item(mapping, key):
    """Return ``mapping[key]`` (None when absent), for dicts keyed by variables."""
    return (mapping or {}).get(key)


@register.filter
def language_label(code):
    """Return the name of teaching language ``code`` in the reader's language."""
    from courses.models import teaching_language_choices

    return dict(teaching_language_choices()).get(code, code)

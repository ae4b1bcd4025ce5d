"""Writes for the site skeleton (home, province pages per locale) and centres."""

import re
from html import unescape

from django.conf import settings
from django.db import transaction
from django.utils.html import escape, strip_tags
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from centres.models import CENTRE_FACTS, CentrePage, Province, ProvincePage
from portal.models import HomePage
from portal.services import free_slug, page_add, page_latest, page_save, page_update
from search.text import ascii_slug, strip_place_type
from translations.services import translation_record

SITE_TITLE = "Học tập cộng đồng"
HOME_INTRO = (
    "Cổng thông tin của các trung tâm học tập cộng đồng trên cả nước: tìm lớp học "
    "gần nhà, từ kỹ năng số cơ bản đến nghề nghiệp, sức khỏe và ngoại ngữ."
)
HOME_TITLES = {"en": "Community learning", "vi": SITE_TITLE}
HOME_INTROS = {
    "en": "The portal of Vietnam's community learning centres: find a class near "
    "you, from basic digital skills to vocational training, health and languages.",
}
CURRICULA_TITLES = {"vi": "Chương trình quốc gia", "en": "National curricula"}


def text_to_richtext(text):
    """Return plain ``text`` as rich-text HTML, one paragraph per blank-line block."""
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.DOTALL)


def richtext_to_text(html):
    """Return rich-text ``html`` as plain text, paragraphs separated by blank lines
    (as the catalogue exports it)."""
    paragraphs = _PARAGRAPH.findall(html or "") or [html or ""]
    return "\n\n".join(
        unescape(strip_tags(p)).strip() for p in paragraphs if strip_tags(p).strip()
    )


def richtext_markup_kept(current, new):
    """Return the rich text ``current`` when ``new`` holds the same plain text (as
    the catalogue exports it), else ``new``. The admin writes rich text with its
    own markup (``<p data-block-key=...>``, bold, links): an import of the same
    text leaves it as it is, or every unchanged export would add a revision
    when imported back."""
    return current if richtext_to_text(current) == richtext_to_text(new) else new


def province_title(province, language_code):
    """Return the province page title in ``language_code``."""
    if language_code == "en":
        short = strip_place_type(province.name)
        return f"{short} City" if province.unit_type == "thành phố" else short
    return province.name


def locales_ensure():
    """Create a Locale for every content language in settings; return them by code."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return {locale.language_code: locale for locale in Locale.objects.all()}


@transaction.atomic
def site_setup():
    """Make sure the page skeleton exists and is live, in every content locale:
    the home page (as the default site's root), the curricula index and one page
    per province. Idempotent; returns the Vietnamese home page."""
    locales = locales_ensure()
    source = locales[settings.LANGUAGE_CODE]
    home = HomePage.objects.filter(locale=source).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's install leaves a plain "Welcome" page at the top; it is replaced.
        for welcome in root.get_children().filter(content_type__model="page"):
            welcome.delete()
        home = page_add(
            root,
            HomePage(title=SITE_TITLE, slug="home", locale=source, intro=HOME_INTRO),
            publish=True,
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": SITE_TITLE,
            },
        )

    from courses.models import CurriculumIndexPage

    curricula = CurriculumIndexPage.objects.child_of(home).first()
    if curricula is None:
        page_add(
            home,
            CurriculumIndexPage(title=CURRICULA_TITLES["vi"], slug="chuong-trinh"),
            publish=True,
        )
    existing = set(
        ProvincePage.objects.child_of(home).values_list("province_id", flat=True)
    )
    for province in Province.objects.exclude(pk__in=existing).order_by("name"):
        page_add(
            home,
            ProvincePage(
                title=province.name,
                slug=ascii_slug(strip_place_type(province.name)),
                province=province,
            ),
            publish=True,
        )
    for code, locale in locales.items():
        if code != settings.LANGUAGE_CODE:
            _translate_skeleton(home, locale)
    return home


def _translate_skeleton(home, locale):
    code = locale.language_code
    home_tr = page_translation_ensure(
        home,
        locale,
        {
            "title": HOME_TITLES.get(code, SITE_TITLE),
            "intro": HOME_INTROS.get(code, ""),
        },
        publish=True,
        # A language the portal has no home texts for shows the Vietnamese ones.
        translated=("title", "intro") if code in HOME_TITLES else (),
    )
    for child in home.get_children().specific():
        if isinstance(child, ProvincePage):
            title = province_title(child.province, code)
        else:
            title = CURRICULA_TITLES.get(code, child.title)
        if not child.has_translation(locale):
            page_translation_ensure(
                child,
                locale,
                {"title": title},
                publish=True,
                translated=("title",) if title != child.title else (),
            )
    return home_tr


def page_translation_ensure(
    source, locale, fields, publish, sync=(), extra=None, translated=None
):
    """Create or update ``source``'s translation into ``locale``.

    ``fields`` holds the translated values; ``sync`` names fields copied from the
    source (facts such as codes and coordinates are never re-typed per language);
    ``extra(page)`` may change more (child objects) and returns whether it did.
    The parent must already exist in ``locale``. Saves one revision when anything
    changed. The translation is recorded with wagtail-localize, and the fields in
    ``translated`` (all of ``fields`` unless given: a placeholder copied from the
    source is not a translation) as its translated segments. Returns
    ``(page, changed)``.
    """
    page = source.get_translation_or_none(locale)
    created = page is None
    if created:
        page = source.copy_for_translation(locale)
    page = page.specific
    # A copy made just now is its own latest state.
    latest = page if created else page_latest(page)
    before = {name: getattr(latest, name) for name in (*fields, *sync)}
    for name, value in fields.items():
        setattr(latest, name, value)
    for name in sync:
        setattr(latest, name, getattr(source, name))
    after = {name: getattr(latest, name) for name in (*fields, *sync)}
    changed = created or before != after
    if extra is not None and extra(latest):
        changed = True
    needs_publish = publish and (not page.live or page.has_unpublished_changes)
    if changed or needs_publish:
        page_save(latest, publish)
    if (
        changed
        or not Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=locale
        ).exists()
    ):
        translation_record(source, latest, fields if translated is None else translated)
    return latest, changed


CENTRE_SYNCED_FIELDS = CENTRE_FACTS


def province_page_for(province, locale=None):
    """Return the province's page in ``locale`` (default: the source language)."""
    locale = locale or Locale.get_default()
    return ProvincePage.objects.get(province=province, locale=locale)


def centre_upsert(record, publish, user=None):
    """Create or update the Vietnamese centre page described by ``record`` (a
    validated dict from the catalogue), then its translations.

    Moves the centre when its commune lies in another province. Returns the
    action taken: "created", "updated" or "unchanged".
    """
    source = Locale.get_default()
    commune = record["commune"]
    parent = province_page_for(commune.province, source)
    values = {
        "title": record["name"],
        "code": record["code"],
        "commune": commune,
        "address": record.get("address", ""),
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "phone": record.get("phone", ""),
        "email": record.get("email", ""),
        "opening_hours": record.get("opening_hours", ""),
        "has_computers": record.get("facilities", {}).get("computers", False),
        "has_wifi": record.get("facilities", {}).get("wifi", False),
        "step_free_access": record.get("facilities", {}).get("step_free", False),
        "description": text_to_richtext(record.get("description", "")),
    }
    page = CentrePage.objects.filter(code=record["code"], locale=source).first()
    if page is None:
        page = CentrePage(
            slug=free_slug(parent, record["name"], record["code"]), **values
        )
        page_add(parent, page, publish, user)
        action = "created"
        moved = False
    else:
        moved = page.get_parent().pk != parent.pk
        if moved:
            page.move(parent, pos="last-child", user=user)
            page.refresh_from_db()
        values["description"] = richtext_markup_kept(
            page_latest(page).description, values["description"]
        )
        action = page_update(page, values, publish, user)
    for code, texts in record.get("translations", {}).items():
        locale = Locale.objects.get(language_code=code)
        province_tr = parent.get_translation_or_none(locale)
        tr_page = page.get_translation_or_none(locale)
        if tr_page and province_tr and tr_page.get_parent().pk != province_tr.pk:
            tr_page.move(province_tr, pos="last-child", user=user)
        fields = {"title": texts.get("name", record["name"])}
        if "description" in texts:
            fields["description"] = text_to_richtext(texts["description"])
            if tr_page is not None:
                fields["description"] = richtext_markup_kept(
                    page_latest(tr_page.specific).description, fields["description"]
                )
        _tr, tr_changed = page_translation_ensure(
            page_latest(page),
            locale,
            fields,
            publish,
            sync=CENTRE_SYNCED_FIELDS,
            translated=[
                name
                for name, key in (("title", "name"), ("description", "description"))
                if key in texts
            ],
        )
        if tr_changed and action == "unchanged":
            action = "updated"
    if action != "unchanged" or moved:
        # Staff groups, permissions and collections follow the centre and its
        # translations (idempotent; renames and moves included).
        from staff.services import centre_groups_ensure

        centre_groups_ensure(page)
    return action

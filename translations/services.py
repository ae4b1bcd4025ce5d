"""Writes that keep wagtail-localize's record of translations true.

wagtail-localize knows a translation segment by segment: the source's texts are
extracted into segments, and each translated segment is a ``StringTranslation``.
The catalogue import writes translated pages directly, so
``translation_record`` stores what it wrote as those segments: the translator
then finds them filled in the segment editor, and the PO export carries them.

When a source page is published, ``source_refresh`` re-reads it: a segment whose
text changed has no translation yet, so the translation counts as out of date and
the editor shows exactly that segment as untranslated.
"""

from collections import defaultdict

from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def source_refresh(page):
    """Re-read the published ``page`` into its translation source, when it is the
    source of translations. Returns whether anything changed."""
    page = page.specific
    if not TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).exists():
        return False
    _source, changed = TranslationSource.update_or_create_from_instance(page)
    return changed


def translation_record(source, target, fields):
    """Record ``target`` (a translation of ``source``) with wagtail-localize: its
    translation source and enabled ``Translation``, and, for each field named in
    ``fields`` (texts a person translated), the target's text of every segment as
    the translation of the source's. A field whose structure differs between the
    two (another number of paragraphs) is left for the translator."""
    source = source.specific
    translation_source, _created = TranslationSource.update_or_create_from_instance(
        source
    )
    translation, _created = Translation.objects.get_or_create(
        source=translation_source,
        target_locale_id=target.locale_id,
        defaults={"enabled": True},
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    if not fields:
        return translation
    wanted = _strings_by_path(source, fields)
    written = _strings_by_path(target, fields)
    now = timezone.now()
    for path, originals in wanted.items():
        translated = written.get(path, [])
        if len(translated) != len(originals):
            continue
        context, _created = TranslationContext.objects.get_or_create(
            object_id=translation_source.object_id, path=path
        )
        for original, text in zip(originals, translated, strict=True):
            string = String.from_value(translation_source.locale, original.string)
            StringTranslation.objects.update_or_create(
                translation_of=string,
                locale_id=target.locale_id,
                context=context,
                defaults={
                    "data": text.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "import_catalogue",
                    "updated_at": now,
                    "has_error": False,
                    "field_error": "",
                },
            )
    return translation


def _strings_by_path(instance, fields):
    by_path = defaultdict(list)
    for segment in extract_segments(instance):
        field = segment.path.split(".")[0]
        if isinstance(segment, StringSegmentValue) and field in fields:
            by_path[segment.path].append(segment)
    for segments in by_path.values():
        segments.sort(key=lambda s: s.order)
    return by_path


def translations_follow(page):
    """After ``page`` (a source page, in the default locale) moved, move each of
    its translations under its new parent's translation in the same language,
    creating that as an untranslated copy when it is missing. Every language's
    tree then keeps the source's shape, which wagtail-localize's tree
    synchronisation relies on (wagtail-localize#906)."""
    default = Locale.get_default()
    if page.locale_id != default.pk:
        return
    parent = page.get_parent().specific
    for translation in page.get_translations().select_related("locale"):
        target = _translation_or_copy(parent, translation.locale)
        if translation.get_parent().pk != target.pk:
            translation.move(target, pos="last-child")


def _translation_or_copy(page, locale):
    translated = page.get_translation_or_none(locale)
    if translated is not None or page.is_root():
        return translated or page
    from centres.services import page_translation_ensure

    _translation_or_copy(page.get_parent().specific, locale)
    translated, _changed = page_translation_ensure(
        page, locale, {"title": page.title}, publish=page.live, translated=()
    )
    return translated


def synchronised_fields(model):
    """Return the names of ``model``'s facts held in its own columns (not the
    slug, nor child objects): what ``facts_sync`` copies."""
    names = []
    for item in getattr(model, "translatable_fields", ()):
        if not isinstance(item, SynchronizedField) or item.field_name == "slug":
            continue
        field = model._meta.get_field(item.field_name)
        if field.concrete and not field.many_to_many:
            names.append(field.attname)
    return names


def facts_sync(source, user=None):
    """Copy the published Vietnamese ``source``'s facts onto each translation (a
    new revision only where one differs). A translation that was live without
    pending changes is published again; a translator's draft stays a draft.
    Courses also carry sessions and cancellations: courses.services does them."""
    source = source.specific
    if source.locale_id != Locale.get_default().pk:
        return
    names = synchronised_fields(type(source))
    if not names:
        return
    from portal.services import page_latest, page_save

    for translation in source.get_translations().specific():
        latest = page_latest(translation)
        changed = [n for n in names if getattr(latest, n) != getattr(source, n)]
        if not changed:
            continue
        for name in changed:
            setattr(latest, name, getattr(source, name))
        republish = translation.live and not translation.has_unpublished_changes
        page_save(latest, republish, user)

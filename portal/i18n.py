"""What a translator translates and what is copied from the Vietnamese source.

Every translatable model names its texts (translated segment by segment in
wagtail-localize) and its facts (codes, coordinates, fees, schedules: synchronised
from the source, never re-typed per language). The same lists drive the catalogue
import's translation sync, so the two can never disagree.

A fact is not offered to the translator to override: the sync would put the
source's value back at the next publish. (Each overridable field also cost
wagtail-localize five queries per page it records.)
"""

from wagtail_localize.fields import SynchronizedField, TranslatableField

# Wagtail's own page fields: the title and search texts are translated; the slug is
# kept, so a translation lives at the source's path under its language prefix.
PAGE_TEXTS = ("title", "seo_title", "search_description")
PAGE_FACTS = ("slug",)


def translatable_fields(texts=(), facts=(), page=True):
    """Return wagtail-localize's field list for a model with these ``texts`` and
    ``facts`` (Wagtail's page fields are added for pages)."""
    if page:
        texts, facts = (*PAGE_TEXTS, *texts), (*PAGE_FACTS, *facts)
    return [
        *(TranslatableField(name) for name in texts),
        *(SynchronizedField(name, overridable=False) for name in facts),
    ]

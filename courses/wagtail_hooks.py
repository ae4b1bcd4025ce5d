"""The national taxonomies as translatable snippets (their labels are translated with
wagtail-localize; their slugs are stable identifiers used by the catalogue)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import Audience, Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("National taxonomies")
    menu_icon = "tag"
    menu_order = 700
    items = (CategoryViewSet, AudienceViewSet)


register_snippet(TaxonomyGroup)

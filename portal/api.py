"""The public read API (Wagtail's API v2 at ``/api/v2/``): centres, courses and
every other page, live and without view restrictions only, paginated with
``limit`` and ``offset``."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, minus every page with a view restriction (and
    its descendants) whoever asks: Wagtail's own lets a signed-in member of a
    restricting group see them, but this API is for the public."""

    def get_base_queryset(self):
        return super().get_base_queryset().public()


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

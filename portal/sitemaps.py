"""sitemap.xml: every live public page of the site in every language."""

from wagtail.contrib.sitemaps import Sitemap


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists the pages under the site's root page, which is the
    Vietnamese home; the English and Khmer trees hang beside it under their own
    translated home pages and are listed too."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = root.get_descendants(inclusive=True)
        for translation in root.get_translations():
            pages = pages | translation.get_descendants(inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from courses import views as course_views
from courses.feeds import CentreCoursesFeed, ProvinceCoursesFeed
from portal import views as portal_views
from portal.api import api_router
from portal.sitemaps import AllLocalesSitemap
from search import api as search_api
from search import views as search_views

urlpatterns = [
    path("favicon.ico", portal_views.favicon, name="favicon"),
    path("api/v1/courses/search", search_api.course_search, name="api_course_search"),
    path(
        "api/v1/courses/autocomplete",
        search_api.course_autocomplete,
        name="api_course_autocomplete",
    ),
    path("api/v1/openapi.json", search_api.openapi_schema, name="api_openapi"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.course_search, name="course_search"),
    path(
        "calendar/course/<str:code>.ics",
        course_views.course_calendar,
        name="course_calendar",
    ),
    path(
        "calendar/centre/<str:code>.ics",
        course_views.centre_calendar,
        name="centre_calendar",
    ),
    path("feeds/centre/<str:code>.atom", CentreCoursesFeed(), name="centre_feed"),
    path("feeds/province/<str:code>.atom", ProvinceCoursesFeed(), name="province_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

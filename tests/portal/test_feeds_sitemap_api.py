"""Atom feeds, sitemap.xml and the read API show live public content only: never
a draft, an unpublished page or a page with a view restriction."""

import pytest
from defusedxml import ElementTree as ET
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from centres.models import CentrePage
from courses.models import Audience, Category, CoursePage
from courses.selectors import taxonomy_labels
from portal.services import page_latest, page_save
from tests.courses import schedule_data as data

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_url(kind, code, language="vi"):
    with translation.override(language):
        return reverse(f"{kind}_feed", kwargs={"code": code})


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, {e.find(f"{ATOM}title").text: e for e in feed.findall(f"{ATOM}entry")}


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


def test_centre_feed_lists_its_courses_newest_first(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    feed, entries = atom_entries(client, feed_url("centre", data.CENTRE_CODE))
    assert data.centre().title in feed.find(f"{ATOM}title").text
    entry = entries[course.title]
    assert entry.find(f"{ATOM}link").get("href") == course.full_url
    assert entry.find(f"{ATOM}updated").text.startswith(
        f"{course.last_published_at:%Y-%m-%d}"
    )
    summary = entry.find(f"{ATOM}summary").text
    assert "trùng lịch họp thôn" in summary


def test_province_feed_in_english(client, tmp_path):
    data.publish_schedule(tmp_path)
    province = data.centre().get_parent().specific
    url = feed_url("province", province.province.code, "en")
    _feed, entries = atom_entries(client, url)
    assert "Basic computing, evenings" in entries
    assert "Tin học cơ bản, buổi tối" not in entries


def test_feeds_hide_drafts_unpublished_and_private_courses(client, tmp_path):
    catalogue = data.catalogue()
    second = dict(catalogue["courses"][0], code="SCHED-TH02", title="Lớp thứ hai")
    second.pop("translations")
    third = dict(second, code="SCHED-TH03", title="Lớp riêng")
    draft_only = dict(second, code="SCHED-TH04", title="Lớp còn nháp")
    catalogue["courses"] += [second, third]
    data.import_catalogue(tmp_path, catalogue)
    data.import_catalogue(tmp_path, {"courses": [draft_only]}, publish=False)
    course = data.course()
    draft = page_latest(course)
    draft.title = "Tiêu đề nháp"
    page_save(draft, publish=False)
    course = type(course).objects.get(pk=course.pk)
    assert course.has_unpublished_changes and course.title != "Tiêu đề nháp"
    CoursePage.objects.get(code="SCHED-TH02", locale__language_code="vi").unpublish()
    restrict(CoursePage.objects.get(code="SCHED-TH03", locale__language_code="vi"))
    for kind, code in (
        ("centre", data.CENTRE_CODE),
        ("province", data.centre().get_parent().specific.province.code),
    ):
        _feed, entries = atom_entries(client, feed_url(kind, code))
        assert course.title in entries
        for hidden in ("Tiêu đề nháp", "Lớp thứ hai", "Lớp riêng", "Lớp còn nháp"):
            assert hidden not in entries


def test_feed_of_a_private_centre_is_not_found(client, tmp_path):
    data.publish_schedule(tmp_path)
    restrict(data.centre())
    assert client.get(feed_url("centre", data.CENTRE_CODE)).status_code == 404
    assert client.get(feed_url("centre", "NO-SUCH")).status_code == 404


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return {u.find(f"{SITEMAP}loc").text for u in tree.findall(f"{SITEMAP}url")}


def test_sitemap_covers_every_language(client, tmp_path):
    data.publish_schedule(tmp_path)
    urls = sitemap_urls(client)
    for language in ("vi", "en"):
        assert data.course(language).full_url in urls
        assert data.centre(language).full_url in urls
    km_home = Page.objects.get(depth=2, locale__language_code="km")
    assert km_home.full_url in urls
    live = Page.objects.live().public().filter(depth__gte=2).count()
    assert len(urls) == live


def test_sitemap_leaves_out_drafts_and_private_pages(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    restrict(data.centre("en"))
    course.unpublish()
    urls = sitemap_urls(client)
    assert course.full_url not in urls
    assert data.centre("en").full_url not in urls
    assert data.course("en").full_url not in urls  # under the private centre
    assert data.centre("vi").full_url in urls


def api_status(client, url):
    # A 404 outside the language prefixes stays a 404 (portal.middleware).
    return client.get(url).status_code


def api(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200
    return response.json()


def test_api_lists_courses_with_sessions_and_translations(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    listing = api(client, type="courses.CoursePage", code=data.COURSE_CODE, fields="*")
    (item,) = [i for i in listing["items"] if i["meta"]["locale"] == "vi"]
    assert item["code"] == data.COURSE_CODE
    assert item["is_free"] is True
    assert item["category"]["slug"] == "digital-skills"
    assert [a["slug"] for a in item["audiences"]] == ["older-adults"]
    first = item["sessions"][0]
    assert first["start"] == "2030-12-17T18:00:00+07:00"
    assert first["repeat_weekdays"] == "tu,th"
    assert first["repeat_until"] == "2031-01-23"
    assert {c["date"]: c["reason"] for c in item["cancellations"]} == {
        "2031-01-14": data.CANCEL_REASON,
        "2031-01-02": data.MOVE_REASON,
    }
    (english,) = item["translations"]
    assert english["locale"] == "en"
    assert english["title"] == "Basic computing, evenings"
    detail = client.get(f"/api/v2/pages/{course.pk}/").json()
    assert detail["meta"]["type"] == "courses.CoursePage"
    assert detail["code"] == data.COURSE_CODE


def test_api_lists_centres_with_coordinates(client, tmp_path):
    data.publish_schedule(tmp_path)
    centre = data.centre()
    detail = client.get(f"/api/v2/pages/{centre.pk}/").json()
    assert detail["code"] == data.CENTRE_CODE
    assert (detail["latitude"], detail["longitude"]) == (12.63, 108.07)
    assert detail["commune"]["name"] == "Phường Ea Kao"
    assert detail["province"]["name"] == "Tỉnh Đắk Lắk"
    assert [t["locale"] for t in detail["translations"]] == ["en"]


def test_api_is_paginated(client):
    first = api(client, type="centres.CentrePage", limit=5)
    second = api(client, type="centres.CentrePage", limit=5, offset=5)
    assert first["meta"]["total_count"] == CentrePage.objects.live().count()
    assert len(first["items"]) == len(second["items"]) == 5
    assert {i["id"] for i in first["items"]}.isdisjoint(
        {i["id"] for i in second["items"]}
    )


def test_api_never_shows_drafts_unpublished_or_private_pages(
    admin_client, client, tmp_path
):
    course = data.publish_schedule(tmp_path)
    draft = page_latest(course)
    draft.title = "Tiêu đề nháp"
    page_save(draft, publish=False)
    course = type(course).objects.get(pk=course.pk)
    assert course.has_unpublished_changes and course.title != "Tiêu đề nháp"
    item = client.get(f"/api/v2/pages/{course.pk}/").json()
    assert item["title"] == course.title
    # Wagtail lets signed-in users through a "login" restriction; this API is for
    # the public and shows such pages to nobody.
    restriction = PageViewRestriction.objects.create(
        page=data.centre(), restriction_type=PageViewRestriction.LOGIN
    )
    for who in (client, admin_client):
        listing = who.get(
            "/api/v2/pages/",
            {"type": "courses.CoursePage", "fields": "code", "limit": 20},
        ).json()
        assert course.pk not in {i["id"] for i in listing["items"]}
        assert api_status(who, f"/api/v2/pages/{course.pk}/") == 404
        assert api_status(who, f"/api/v2/pages/{data.centre().pk}/") == 404
    restriction.delete()
    course.unpublish()
    assert api_status(client, f"/api/v2/pages/{course.pk}/") == 404
    assert api_status(client, f"/api/v2/pages/{data.centre().pk}/") == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/courses/no-such-endpoint",
        "/api/v2/pages/999999999/",
        "/documents/999999999/nothing.pdf",
    ],
)
def test_a_404_outside_the_language_prefixes_is_answered_directly(client, url):
    assert client.get(url).status_code == 404


def test_an_admin_404_is_not_redirected_to_a_public_url(admin_client):
    response = admin_client.get("/admin/pages/999999999/edit/")
    assert response.status_code == 404


@pytest.mark.parametrize("reader", ["vi", "en"])
def test_api_names_a_courses_terms_in_the_courses_language(client, reader):
    """An English course's category and audiences are named in English, as its
    page names them, whatever language the API is asked in (a translation
    holds its Vietnamese source's terms)."""
    course = (
        CoursePage.objects.live()
        .public()
        .filter(locale__language_code="en", audiences__isnull=False)
        .order_by("pk")
        .first()
    )
    source = course.get_translation(Locale.objects.get(language_code="vi")).specific
    with translation.override("en"):
        category = taxonomy_labels(Category)[course.category_id]
        audiences = [taxonomy_labels(Audience)[a.pk] for a in course.audiences.all()]
    assert category != source.category.name
    page = client.get(course.url).content.decode()
    assert category in page and all(name in page for name in audiences)
    detail = client.get(
        f"/api/v2/pages/{course.pk}/", headers={"accept-language": reader}
    ).json()
    assert detail["category"] == {"slug": course.category.slug, "name": category}
    assert [a["name"] for a in detail["audiences"]] == audiences
    listing = api(client, type="courses.CoursePage", id=course.pk, fields="*")
    assert listing["items"][0]["category"]["name"] == category
    # The Vietnamese course keeps its Vietnamese names.
    detail = client.get(f"/api/v2/pages/{source.pk}/").json()
    assert detail["category"]["name"] == source.category.name


def test_a_text_stored_with_a_control_character_still_makes_the_feeds(client, tmp_path):
    """Pages strip control characters on save, but a course stored with one
    before (a word processor's line break in its title, a form feed in its
    summary) made its centre's and its province's feeds answer 500: XML
    cannot hold them. The feed leaves them out, a vertical tab as a space."""
    course = data.publish_schedule(tmp_path)
    CoursePage.objects.filter(pk=course.pk).update(
        title=f"{course.title}\x0bbuổi tối", summary="Lớp\x0cmới\x01"
    )
    province = data.centre().get_parent().specific
    for url in (
        feed_url("centre", data.CENTRE_CODE),
        feed_url("province", province.province.code),
    ):
        feed, entries = atom_entries(client, url)
        entry = entries[f"{course.title} buổi tối"]
        assert "Lớp mới" in entry.find(f"{ATOM}summary").text

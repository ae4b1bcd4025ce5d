"""The public JSON API, through HTTP."""

import json
import unicodedata

import pytest

from courses.models import CoursePage
from tests.factories import retitled

pytestmark = pytest.mark.django_db

URL = "/api/v1/courses/search"


def get(client, **params):
    response = client.get(URL, params)
    return response, json.loads(response.content)


def test_search_returns_the_documented_shape(client):
    response, data = get(client, q="tin hoc", page_size=5)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(data) >= {"count", "results", "facets", "fallback"}
    assert data["count"] >= 1 and len(data["results"]) <= 5
    result = data["results"][0]
    assert set(result) >= {
        "code",
        "title",
        "url",
        "locale",
        "centre",
        "distance_km",
        "next_session",
        "fee_vnd",
        "category",
    }
    assert set(result["centre"]) == {"code", "name", "url"}
    course = CoursePage.objects.get(code=result["code"], locale__language_code="vi")
    assert result["url"] == course.url
    assert set(data["facets"]) >= {"category", "audience", "weekday", "mode"}


def test_near_by_coordinates_carries_distances(client):
    _response, data = get(client, near="12.68,108.05", radius_km=50)
    assert data["count"] >= 1
    distances = [r["distance_km"] for r in data["results"] if r["distance_km"]]
    assert distances and all(d <= 50 for d in distances)


def test_near_by_place_name(client):
    response, _data = get(client, near="Buôn Ma Thuột")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "locale", "message"),
    [
        ({"near": "91,108"}, "en", "not a valid latitude,longitude"),
        ({"near": "12.6,200"}, "en", "not a valid latitude,longitude"),
        ({"near": "abc,def"}, "en", "do not know the place"),
        ({"near": "48.85,2.35"}, "en", "outside Vietnam"),
        ({"near": "Atlantis"}, "en", "do not know the place"),
        ({"category": "astrology"}, "en", "Unknown category"),
        ({"weekday": "xx"}, "en", "Unknown weekday"),
        ({"radius_km": "7"}, "en", "radius must be one of"),
        ({"radius_km": "ten"}, "en", "must be a whole number"),
        ({"page_size": "51"}, "en", "between 1 and 50"),
        ({"page": "0"}, "en", "Page must be at least 1"),
        ({"page": "-1"}, "en", "Page must be a whole number"),
        ({"page": "²"}, "en", "Page must be a whole number"),
        ({"sort": "random"}, "en", "Unknown sort order"),
        ({"free": "maybe"}, "en", "free must be true or false"),
        ({"q": "x" * 201}, "en", "too long"),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, params, locale, message):
    response, data = get(client, locale=locale, **params)
    assert response.status_code == 400
    assert message in data["error"]


def test_errors_speak_the_reader_language(client):
    _response, data = get(client, near="Atlantis", locale="vi")
    assert data["error"] == "Không tìm thấy địa danh “Atlantis”."


@pytest.mark.parametrize("page", ["999", "100001", "9999999", "9" * 5000])
def test_page_past_the_end_is_empty_not_an_error(client, page):
    """However far past the end: a page number is a whole number of any size."""
    response, data = get(client, q="tin hoc", page=page)
    assert response.status_code == 200
    assert data["results"] == [] and data["count"] >= 1
    response, data = get(client, near="Buôn Ma Thuột", page=page)
    assert response.status_code == 200 and data["results"] == []


def test_too_long_is_counted_in_nfc(client):
    """A text under the limit typed with combining marks (NFD, more code points)
    is the same text."""
    text = "Tin học cơ bản cho người cao tuổi " * 5  # 170 characters in NFC
    nfd = unicodedata.normalize("NFD", text)
    assert len(text) <= 200 < len(nfd)
    response, data = get(client, q=nfd)
    assert response.status_code == 200, data
    assert data == get(client, q=text)[1]


def test_locale_in_any_case(client):
    response, data = get(client, locale="EN", category="astrology")
    assert response.status_code == 400
    assert data["error"].startswith("Unknown category")
    data = json.loads(
        client.get(
            "/api/v1/courses/autocomplete", {"q": "computi", "locale": "EN"}
        ).content
    )
    assert (
        data["courses"]
        == json.loads(
            client.get(
                "/api/v1/courses/autocomplete", {"q": "computi", "locale": "en"}
            ).content
        )["courses"]
    )


def test_too_many_parameters_is_a_json_400(client):
    query = "&".join(["category=health"] * 1500)
    for url in (URL, "/api/v1/courses/autocomplete"):
        response = client.get(f"{url}?q=tin&{query}")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "quá nhiều tham số" in json.loads(response.content)["error"]


def test_a_place_written_with_its_marks_is_not_ambiguous(client):
    """Folded, "Thuận Hóa" (a ward of Huế) is also "Thuận Hòa" (two communes
    elsewhere): the name as written is meant. Without marks it stays
    ambiguous, and says where each is."""
    from search.places import place_lookup

    hue = place_lookup("Phường Thuận Hóa")
    assert place_lookup("thuận hóa") == place_lookup("THUẬN HÓA") == hue
    assert "Huế" not in hue.name and hue.name == "Phường Thuận Hóa"
    response, data = get(client, near="Phường Thuận Hóa", locale="en")
    assert response.status_code == 200
    response, data = get(client, near="thuan hoa", locale="en")
    assert response.status_code == 400 and "Several places" in data["error"]
    # Two communes called Xã Thuận Hòa: their marks do not tell them apart.
    response, data = get(client, near="Thuận Hoà", locale="en")
    assert response.status_code == 400
    assert "Thuận Hóa" not in data["error"] and "Tuyên Quang" in data["error"]


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "tin AND hoc",
        "NEAR(a b)",
        "ma:*",
        "\\",
        "%",
    ],
)
def test_hostile_text_is_just_text(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_autocomplete(client):
    data = json.loads(
        client.get("/api/v1/courses/autocomplete", {"q": "tin h"}).content
    )
    assert any(title.startswith("Tin học") for title in data["courses"])
    data = json.loads(
        client.get("/api/v1/courses/autocomplete", {"q": "ea ka"}).content
    )
    assert "Phường Ea Kao, Tỉnh Đắk Lắk" in data["places"]


def test_openapi_schema_describes_the_api(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/v1/courses/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {
        "q",
        "locale",
        "near",
        "radius_km",
        "category",
        "audience",
        "weekday",
        "time_of_day",
        "free",
        "language",
        "mode",
        "starts_within",
        "sort",
        "page",
        "page_size",
    }
    locale = next(p for p in operation["parameters"] if p["name"] == "locale")
    assert locale["schema"]["enum"] == ["vi", "en", "km", "tyz", "hmn"]
    for code in locale["schema"]["enum"]:
        assert get(client, q="tin hoc", locale=code)[0].status_code == 200
    course = schema["components"]["schemas"]["Course"]
    _response, data = get(client, q="tin hoc")
    assert set(course["required"]) <= set(data["results"][0])


def test_near_me_follows_an_online_course_unpublished_in_the_admin(
    client, admin_client
):
    """Near me's online courses are tallied once and kept between searches
    (search.engines.database._online_counts): an editor's unpublish in the
    admin shows in the next search's count and facets."""
    near = {"near": "22.4412,103.397", "radius_km": 10}
    _response, before = get(client, **near)
    assert get(client, **near)[1] == before  # the kept tally answers the same
    online = CoursePage.objects.get(code="LC-A-03", locale__language_code="vi")
    assert online.mode == "online"
    response = admin_client.post(f"/admin/pages/{online.pk}/unpublish/")
    assert response.status_code == 302
    _response, after = get(client, **near)
    assert after["count"] == before["count"] - 1
    assert "LC-A-03" not in {r["code"] for r in after["results"]}
    mode = after["facets"]["mode"]
    assert mode.get("online", 0) == before["facets"]["mode"]["online"] - 1


@pytest.mark.parametrize(
    "q", ["children", "child", "women", "woman", "fishermen", "fisherman"]
)
def test_an_irregular_plural_and_its_singular_find_each_other(
    client, plural_and_singular_titles, q
):
    _response, data = get(client, q=q, locale="en")
    assert data["fallback"] is None
    assert {"LC-A-01", "LC-C-01"} <= {r["code"] for r in data["results"]}


@pytest.mark.parametrize(
    "q, found",
    [
        ("men", "LC-A-01"),
        ("man", "LC-A-01"),
        ("leaves", "LC-C-01"),
        ("leaf", "LC-C-01"),
    ],
)
def test_english_men_and_leaves_find_their_singular(client, q, found):
    """English folds "men" and "leaves" too, though elsewhere they are a
    Vietnamese syllable and a verb."""
    retitled(
        "en",
        {"LC-A-01": "Tailoring shirts for MEN", "LC-C-01": "Drying a tea leaf"},
    )
    _response, data = get(client, q=q, locale="en")
    assert data["fallback"] is None
    codes = {r["code"] for r in data["results"]}
    assert found in codes and not {"LC-A-01", "LC-C-01"} - {found} & codes
    retitled(
        "en",
        {"LC-A-01": "Tailoring shirts for a man", "LC-C-01": "Drying tea leaves"},
    )
    _response, data = get(client, q=q, locale="en")
    assert found in {r["code"] for r in data["results"]}


def test_an_english_readers_men_finds_vietnamese_yeast_when_english_has_none(
    client,
):
    """With no English match, the same query runs in the Vietnamese content
    as Vietnamese is analysed: "men" there is yeast, not "mận"."""
    retitled(
        "vi",
        {"LC-A-02": "Ủ men phân chuồng hoai", "LC-B-01": "Trồng mận phân chuồng hoai"},
    )
    _response, data = get(client, q="men chuong hoai", locale="en")
    assert data["fallback"]
    codes = [r["code"] for r in data["results"]]
    assert "LC-A-02" in codes and "LC-B-01" not in codes


SHIRTS = "Tailoring shirts for men"
MENU = "Menu planning for a food stall"


@pytest.mark.parametrize(
    "titles, q, suggested",
    [
        ((SHIRTS, MENU), "shirts for men", SHIRTS),
        ((SHIRTS, MENU), "shirts for me", SHIRTS),
        ((SHIRTS, MENU), "men", SHIRTS),
        ((SHIRTS, MENU), "men", MENU),
        ((SHIRTS, "Drying a tea leaf"), "tea leaves", "Drying a tea leaf"),
    ],
)
def test_english_autocomplete_takes_the_last_word_begun_or_whole(
    client, titles, q, suggested
):
    """The last word typed may begin another ("men" begins "menu") or be
    whole, as English folds it ("men" is "man")."""
    retitled("en", dict(zip(("LC-A-01", "LC-C-01"), titles, strict=True)))
    data = client.get("/api/v1/courses/autocomplete", {"q": q, "locale": "en"}).json()
    assert suggested in data["courses"]


def test_vietnamese_men_is_not_taken_for_english(client):
    """ "men" (yeast) is a Vietnamese syllable, and so is "man" ("mận",
    plums): neither is made the other, as English "men" would be."""
    retitled("vi", {"LC-A-02": "Làm men vi sinh ủ phân", "LC-B-01": "Trồng mận hậu"})
    for q, found, not_found in (
        ("men", "LC-A-02", "LC-B-01"),
        ("mận", "LC-B-01", "LC-A-02"),
        ("man", "LC-B-01", "LC-A-02"),
    ):
        _response, data = get(client, q=q)
        codes = [r["code"] for r in data["results"]]
        assert found in codes and not_found not in codes, q


def bee_courses_imported(tmp_path, *courses):
    """Import and publish ``courses`` (code, title, the day of their one class)
    at centre LC-A."""
    from django.core.management import call_command

    path = tmp_path / "bees.json"
    path.write_text(
        json.dumps(
            {
                "courses": [
                    {
                        "code": code,
                        "centre": "LC-A",
                        "title": title,
                        "category": "agriculture",
                        "audiences": ["farmers"],
                        "sessions": [{"start": f"{day}T08:00", "end": f"{day}T10:00"}],
                    }
                    for code, title, day in courses
                ]
            }
        )
    )
    call_command("import_catalogue", str(path), "--publish", "--no-progress")


def suggested(client, q):
    response = client.get("/api/v1/courses/autocomplete", {"q": q})
    return response.json()["courses"]


def test_autocomplete_suggests_only_titles_the_finder_finds(client, tmp_path):
    """The finder hides a course once its last class has ended: autocomplete
    does not suggest its title, unless a running course has that title too
    (and only while it has)."""
    bee_courses_imported(
        tmp_path,
        ("LC-A-90", "Nuôi ong lấy mật", "2021-03-02"),
        ("LC-A-91", "Nuôi ong lấy sáp", "2030-03-02"),
    )
    assert suggested(client, "nuoi ong") == ["Nuôi ong lấy sáp"]
    assert suggested(client, "Nuôi ong lấy m") == []
    _response, data = get(client, q="Nuôi ong lấy mật")
    assert "LC-A-90" not in [r["code"] for r in data["results"]]
    running = CoursePage.objects.get(code="LC-A-91", locale__language_code="vi")
    running.title = "Nuôi ong lấy mật"
    running.save_revision().publish()
    assert suggested(client, "nuoi ong") == ["Nuôi ong lấy mật"]
    running.unpublish()
    assert suggested(client, "nuoi ong") == []


def test_autocomplete_counts_only_the_running_courses(client, tmp_path):
    """Most taught first among the courses the finder finds: three courses of
    honey that ended in 2021 do not put honey, running at one centre, before
    wax, running at two."""
    bee_courses_imported(
        tmp_path,
        ("LC-A-90", "Nuôi ong lấy mật", "2021-03-02"),
        ("LC-A-91", "Nuôi ong lấy mật", "2021-04-02"),
        ("LC-A-92", "Nuôi ong lấy mật", "2021-05-02"),
        ("LC-A-93", "Nuôi ong lấy mật", "2030-03-02"),
        ("LC-A-94", "Nuôi ong lấy sáp", "2030-03-02"),
        ("LC-A-95", "Nuôi ong lấy sáp", "2030-04-02"),
    )
    assert suggested(client, "nuoi ong") == ["Nuôi ong lấy sáp", "Nuôi ong lấy mật"]


def test_autocomplete_counts_a_title_again_once_one_of_its_courses_ends(
    client, tmp_path, settings, monkeypatch
):
    """Honey runs at four centres now and wax at two; once three of the honey
    courses have had their last class, wax comes first: autocomplete counts
    the titles due again itself, at most FINDER_REFRESH_LIMIT of them (here
    enough for the demo's titles, whose courses have ended by then too)."""
    import datetime as dt

    from courses.schedule import LOCAL_TZ
    from search.engines import database, get_engine

    settings.FINDER_REFRESH_LIMIT = 1000
    monkeypatch.setattr(database, "_last_titles_refresh", {"at": None})

    bee_courses_imported(
        tmp_path,
        ("LC-A-90", "Nuôi ong lấy mật", "2030-03-02"),
        ("LC-A-91", "Nuôi ong lấy mật", "2030-03-03"),
        ("LC-A-92", "Nuôi ong lấy mật", "2030-03-04"),
        ("LC-A-93", "Nuôi ong lấy mật", "2032-03-02"),
        ("LC-A-94", "Nuôi ong lấy sáp", "2031-03-02"),
        ("LC-A-95", "Nuôi ong lấy sáp", "2031-04-02"),
    )
    assert suggested(client, "nuoi ong") == ["Nuôi ong lấy mật", "Nuôi ong lấy sáp"]
    june = dt.datetime(2030, 6, 1, 9, 0, tzinfo=LOCAL_TZ)
    assert get_engine().autocomplete("nuoi ong", "vi", 8, june) == [
        "Nuôi ong lấy sáp",
        "Nuôi ong lấy mật",
    ]

"""The finder page works as a plain GET form, without JavaScript."""

import pytest

pytestmark = pytest.mark.django_db


def test_empty_finder_page_shows_the_form(client):
    response = client.get("/vi/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="finder"' in html and 'name="q"' in html
    assert 'name="near"' in html and 'name="radius_km"' in html


def test_results_show_what_a_reader_needs(client):
    html = client.get(
        "/vi/search/", {"q": "tin hoc", "near": "12.68,108.05", "radius_km": "50"}
    ).content.decode()
    assert "khóa học" in html  # "N courses found", in Vietnamese
    assert 'class="card-centre"' in html
    assert " km</dd>" in html or "Trực tuyến" in html
    assert "<time datetime=" in html


def test_filters_come_with_counts_and_keep_the_query(client):
    html = client.get("/vi/search/", {"q": "tin hoc"}).content.decode()
    assert 'name="category" value="digital-skills"' in html
    assert 'class="count">(' in html


def test_unknown_place_is_explained_not_a_crash(client):
    response = client.get("/vi/search/", {"near": "Atlantis"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_query_is_escaped(client):
    html = client.get(
        "/vi/search/", {"q": "<script>alert(1)</script>"}
    ).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_pagination_links_keep_the_filters(client):
    html = client.get(
        "/vi/search/", {"q": "hoc", "category": "digital-skills"}
    ).content.decode()
    assert 'rel="next"' in html
    assert (
        "category=digital-skills" in html.split('rel="next"')[0].rsplit("href=", 1)[1]
    )


def test_english_finder_searches_english_content(client):
    html = client.get("/en/search/", {"q": "computers"}).content.decode()
    assert 'href="/en/' in html


def test_search_without_tone_marks_finds_courses(client):
    html = client.get("/vi/search/", {"q": "tin hoc"}).content.decode()
    assert "Tin học cơ bản" in html


def test_search_is_limited_to_the_reader_locale(client):
    html = client.get("/en/search/", {"q": "digital"}).content.decode()
    assert "/vi/" not in html.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.parametrize(
    "query",
    ['"', "' OR 1=1 --", "<script>alert(1)</script>", "tin AND", "*"],
)
def test_hostile_queries_are_just_text(client, query):
    response = client.get("/vi/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_too_long_a_query_is_refused_with_a_message(client):
    response = client.get("/vi/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "tối đa 200 ký tự" in response.content.decode()


def test_the_first_form_already_offers_every_filter(client):
    """Before any search a reader can ask for a subject, a day or free classes
    (no counts yet: nothing was searched); nearest first needs a place."""
    html = client.get("/vi/search/").content.decode()
    for name, value in (
        ("category", "digital-skills"),
        ("weekday", "mo"),
        ("time_of_day", "evening"),
        ("mode", "online"),
        ("free", "1"),
        ("starts_within", "week"),
    ):
        assert f'name="{name}" value="{value}"' in html, name
    assert 'class="count"' not in html
    assert 'value="distance"' not in html
    assert (
        'value="distance"'
        in client.get("/vi/search/", {"near": "Ea Kao"}).content.decode()
    )


def test_a_request_it_cannot_read_keeps_the_readers_choices(client):
    response = client.get(
        "/vi/search/",
        {"q": "tin hoc", "near": "Atlantis", "category": "digital-skills", "free": "1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="digital-skills" checked' in html
    assert 'name="free" value="1" checked' in html
    assert 'value="tin hoc"' in html


def test_pages_left_out_are_marked(client):
    html = client.get("/vi/search/", {"q": "hoc", "page_size": "2"}).content.decode()
    nav = html.split('class="pagination"')[1].split("</nav>")[0]
    assert "…" in nav and "các trang ở giữa" in nav


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("vi", r"(Thứ \w+|Chủ [Nn]hật) \d{1,2}/\d{1,2}/20\d\d \d\d:\d\d"),
        ("en", r"[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ 20\d\d \d\d:\d\d"),
    ],
)
def test_next_class_is_written_the_readers_way(client, language, written):
    """English readers get "Tuesday 8 December 2026", not 08/12/2026, which
    reads as 12 August."""
    import re

    html = client.get(
        f"/{language}/search/", {"near": "Ea Kao", "radius_km": "50"}
    ).content.decode()
    times = re.findall(r"<time datetime=[^>]*>([^<]*)</time>", html)
    assert times and all(re.fullmatch(written, t) for t in times), times[:3]


@pytest.mark.parametrize("q", ["children", "child"])
def test_an_irregular_plural_and_its_singular_find_each_other(
    client, plural_and_singular_titles, q
):
    html = client.get("/en/search/", {"q": q}).content.decode()
    assert "Net mending for fishermen" in html
    assert "Weaving: a child" in html

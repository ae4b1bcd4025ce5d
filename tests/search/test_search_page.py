import pytest

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def test_search_without_tone_marks_finds_courses(client):
    response = client.get("/vi/search/", {"q": "tin hoc"})
    assert response.status_code == 200
    html = response.content.decode()
    expected = CoursePage.objects.live().filter(
        locale__language_code="vi", title__icontains="Tin học"
    )
    assert expected.exists()
    assert expected.first().title in html


def test_search_is_limited_to_the_reader_locale(client):
    html = client.get("/en/search/", {"q": "digital"}).content.decode()
    assert "/vi/" not in html.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.parametrize(
    "query",
    ['"', "' OR 1=1 --", "<script>alert(1)</script>", "tin AND", "*", "x" * 500],
)
def test_hostile_queries_are_just_text(client, query):
    response = client.get("/vi/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()

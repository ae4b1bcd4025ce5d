"""A page with a password, or for logged-in readers only, asks for it in the
site's layout: readable on a 360 px phone (a viewport), with the landmarks and
skip link a screen reader navigates by, in the reader's interface language.
Wagtail's own templates are bare documents with none of these."""

import pytest
from wagtail.models import PageViewRestriction

from centres.models import ProvincePage

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau"  # noqa: S105
HEADINGS = {
    PageViewRestriction.PASSWORD: {"vi": "Cần mật khẩu", "en": "Password required"},
    PageViewRestriction.LOGIN: {"vi": "Đăng nhập", "en": "Log in"},
}


def restricted_province(kind, language="vi"):
    province = (
        ProvincePage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    PageViewRestriction.objects.create(
        page=province, restriction_type=kind, password=PASSWORD
    )
    return province


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
@pytest.mark.parametrize(
    ("language", "interface"), [("vi", "vi"), ("en", "en"), ("km", "vi")]
)
def test_the_restricted_page_asks_in_the_sites_layout(
    client, kind, language, interface
):
    province = restricted_province(kind, language)
    response = client.get(province.url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    )
    assert f'<html lang="{interface}">' in html
    assert '<a class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert f"<h1>{HEADINGS[kind][interface]}</h1>" in html
    assert '<label for="id_password">' in html
    # Wagtail's templates do not name the page either.
    assert province.title not in html.split("<main", 1)[1]


def test_the_password_form_still_opens_the_page(client):
    province = restricted_province(PageViewRestriction.PASSWORD)
    form = client.get(province.url)
    action = form.content.decode().split(
        '<form class="plain-form" method="post" action="'
    )[1]
    response = client.post(
        action.split('"', 1)[0],
        {"password": PASSWORD, "return_url": province.url},
        follow=True,
    )
    assert f"<h1>{province.title}</h1>" in response.content.decode()


def test_the_login_form_still_opens_the_page(client, django_user_model):
    province = restricted_province(PageViewRestriction.LOGIN)
    django_user_model.objects.create_user("ban-doc", password=PASSWORD)
    login = client.get(province.url, follow=True)
    assert f'<input type="hidden" name="next" value="{province.url}">' in (
        login.content.decode()
    )
    response = client.post(
        login.redirect_chain[-1][0].split("?", 1)[0],
        {"username": "ban-doc", "password": PASSWORD, "next": province.url},
        follow=True,
    )
    assert f"<h1>{province.title}</h1>" in response.content.decode()

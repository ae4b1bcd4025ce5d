"""The site's icon: linked from every page as SVG, and /favicon.ico (asked for
by browsers and feed readers whatever the page links) answered without a 404."""

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_pages_link_a_small_svg_icon(client):
    html = client.get("/vi/").content.decode()
    assert (
        '<link rel="icon" href="/static/portal/favicon.svg" type="image/svg+xml">'
        in (html)
    )
    svg = finders.find("portal/favicon.svg")
    assert svg
    with open(svg, "rb") as file:
        data = file.read()
    assert data.startswith(b"<svg") and len(data) < 1024


@pytest.mark.django_db
def test_favicon_ico_redirects_to_a_small_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/portal/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    icon = finders.find("portal/favicon.ico")
    with open(icon, "rb") as file:
        data = file.read()
    assert data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert len(data) < 1024

"""What only a browser shows: "use my location", suggestions as you type, the
finder without JavaScript and on a 360 px wide phone. Debian's Chromium, driven by
Playwright.

A live server needs a transactional database, which Django empties after the test
(reference data included), so every browser check lives in this one test, which
pytest-django runs after all other database tests.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOAN_KET = {"latitude": 22.4412, "longitude": 103.397}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason="Chromium is not installed (apt-get install chromium)",
)
def test_finder_in_a_browser(live_server, tmp_path):
    from playwright.sync_api import sync_playwright

    finder = f"{live_server.url}/vi/search/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

        # "Use my location" fills in the reader's position and finds classes there.
        context = browser.new_context(
            geolocation=DOAN_KET, permissions=["geolocation"], locale="vi-VN"
        )
        page = context.new_page()
        page.goto(finder)
        with page.expect_navigation():
            page.get_by_role("button", name="Dùng vị trí của tôi").click()
        assert "near=22.44120%2C103.39700" in page.url
        results = page.locator("ol.results").inner_text()
        assert "Tin học cơ bản cho người cao tuổi" in results
        assert "0,0 km" in results or "0.0 km" in results
        context.close()

        # Suggestions appear while typing.
        page = browser.new_page()
        page.goto(finder)
        page.locator("#finder-q").press_sequentially("gieo m", delay=50)
        page.wait_for_function(
            "document.querySelectorAll('#finder-q-suggestions option').length > 0"
        )
        options = page.eval_on_selector_all(
            "#finder-q-suggestions option", "els => els.map(e => e.value)"
        )
        assert "Gieo mạ khay cho lúa xuân" in options

        # Without JavaScript the plain form still searches; no dead button shows.
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(finder)
        assert not page.get_by_role("button", name="Dùng vị trí của tôi").is_visible()
        page.fill("#finder-q", "gieo mạ")
        with page.expect_navigation():
            page.locator("form.finder button[type=submit]").first.click()
        assert "Gieo mạ khay cho lúa xuân" in page.locator("ol.results").inner_text()
        context.close()

        # A 360 px wide phone: nothing wider than the screen.
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{finder}?q=tin+hoc")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path=tmp_path / "finder-360.png")
        browser.close()

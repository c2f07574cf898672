"""The corpus page in headless Chromium: the seeded synthetic demo corpus of four outlets,
its charts and stories, and a story opened on the comparison page. Refreshes the README's
docs/screenshots/corpus.png only when asked (``make screenshots``), like the compare page."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="pip install playwright pytest-playwright")
from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.test_dashboard_browser import (  # noqa: E402
    TIMEOUT,
    keep,
    screenshot,
    wait_for_idle,
)

pytestmark = pytest.mark.browser


def test_corpus_page_shows_outlets_and_opens_a_story(page: Page, tmp_path):
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    page.goto("/")
    expect(page.locator(".wb-article")).to_have_count(2, timeout=TIMEOUT)
    wait_for_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Outlets across a corpus").click()
    expect(page.get_by_text("60 articles,")).to_be_visible(timeout=90_000)
    wait_for_idle(page)
    expect(page.locator(".vega-embed")).to_have_count(3, timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page.get_by_text("Main frame per outlet")).to_be_visible()
    screenshot(page, tmp_path / "corpus.png", height=1600)
    keep(tmp_path / "corpus.png", "corpus.png")
    page.get_by_role("button", name="Compare its").click()
    expect(page.locator(".wb-article").first).to_be_visible(timeout=60_000)
    wait_for_idle(page)
    assert page.locator(".wb-article").count() >= 2
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert not errors, errors

"""The dashboard as a person sees it: `streamlit run app.py` in headless Chromium.

Run alone with ``pytest -m browser``; skipped (with the reason) when Chromium is absent.
The two comparison screenshots for the README are written to docs/screenshots/ when they
look different from the committed ones.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import polars as pl
import pytest

pytest.importorskip("playwright", reason="pip install playwright pytest-playwright")
from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
SEEDS = ("101_wire_named_sources", "102_anonymous_hedged")
TIMEOUT = 30_000  # ms: the first page load runs the script (and its imports) for the first time
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
XSS_IFRAME = '<iframe srcdoc="<script>alert(2)</script>"></iframe>'
MARKDOWN = "# not a heading *not bold* [not a link](javascript:alert(3)) `x` $y$"


def wait_for_idle(page: Page) -> None:
    """Only meaningful once the content expected from a rerun has appeared."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=TIMEOUT)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=TIMEOUT)


def open_app(page: Page, url: str = "/") -> None:
    page.goto(url)
    expect(page.locator(".wb-article")).to_have_count(2, timeout=TIMEOUT)
    wait_for_idle(page)


def no_errors(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def keep_screenshot(shot: Path, target: Path, *, tolerance: float = 0.001) -> None:
    """Copy ``shot`` to ``target`` unless they differ in under ``tolerance`` of the pixels.

    Chromium renders a few pixels (scrollbar edges) differently from run to run; without
    the tolerance every test run would rewrite the committed images.
    """
    from PIL import Image, ImageChops

    new = Image.open(shot).convert("RGB")
    if target.exists():
        old = Image.open(target).convert("RGB")
        if old.size == new.size:
            diff = ImageChops.difference(old, new).convert("L").point(lambda v: v > 0 and 255)
            if diff.histogram()[255] <= tolerance * new.width * new.height:
                return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(shot.read_bytes())


def screenshot(page: Page, path: Path, *, top: str | None = None, height: int = 1500) -> None:
    """Screenshot ``height`` pixels of the page from the element ``top`` (or the top).

    Streamlit scrolls inside stMain, not the document: grow the viewport to the whole
    page first (BROWSER_TESTING.md, gotcha 5), then clip.
    """
    page.evaluate("document.activeElement && document.activeElement.blur()")
    size = page.viewport_size
    full = page.get_by_test_id("stMain").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": full + 20})
    page.wait_for_timeout(400)  # charts re-layout after the resize
    wait_for_idle(page)
    y = page.locator(top).first.bounding_box()["y"] - 12 if top else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), clip={"x": 0, "y": y, "width": size["width"],
                                          "height": min(height, full + 20 - y)})
    page.set_viewport_size(size)
    assert path.stat().st_size > 50_000  # a real page, not a blank one


def test_two_seeds_side_by_side_highlighted_and_aligned(page: Page, tmp_path):
    open_app(page)
    columns = page.locator("[data-testid='stColumn']:has(.wb-article)")
    expect(columns).to_have_count(2)
    # Both boxes in one call: the page above them still grows while charts load.
    left, right = columns.evaluate_all(
        "cols => cols.map(c => { const r = c.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width}; })")
    assert left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) < 5
    expect(columns.nth(0).locator(".wb-title")).to_contain_text("Trump and Putin discuss")
    expect(columns.nth(1).locator(".wb-title")).to_contain_text("Trump may have floated")
    # Named sources on the wire story, anonymous ones and many hedges on the other.
    expect(columns.nth(0).locator(".wb-named_source").first).to_be_visible()
    expect(columns.nth(0).locator(".wb-named_source").first).to_have_css(
        "text-decoration-style", "solid")
    expect(columns.nth(1).locator(".wb-anonymous_source").first).to_have_css(
        "text-decoration-style", "dashed")
    assert columns.nth(1).locator(".wb-hedge").count() > 20
    expect(columns.nth(1).locator(".wb-hedge").first).to_have_css(
        "background-color", "rgb(255, 233, 122)")
    expect(columns.nth(0).locator(".wb-direct_quote").first).to_have_css("font-style", "italic")
    expect(columns.nth(0).locator(".wb-boiler").first).to_have_css("opacity", "0.45")
    expect(page.locator(".wb-legend span")).to_have_count(7)
    expect(page.locator(".wb-badge").first).to_be_visible()
    screenshot(page, tmp_path / "side.png", height=1700)
    keep_screenshot(tmp_path / "side.png", SHOTS / "compare-side-by-side.png")

    page.get_by_role("tab", name="Aligned paragraphs").click()
    grid = page.locator(".wb-align")
    expect(grid).to_be_visible(timeout=TIMEOUT)
    assert grid.locator(".wb-pair").count() >= 6  # at least three pairs, both sides
    expect(grid.locator(".wb-only").first).to_be_visible()
    expect(grid.locator(".wb-flag").first).to_have_text("only in 101_wire_named_sources",
                                                        ignore_case=True)
    pair = grid.locator(".wb-pair").nth(1)
    expect(pair.locator(".wb-sim")).to_contain_text("similarity 0.")
    no_errors(page)
    screenshot(page, tmp_path / "aligned.png", top="[role='tablist']", height=1300)
    keep_screenshot(tmp_path / "aligned.png", SHOTS / "compare-aligned.png")


def test_download_is_the_cli_table(page: Page, tmp_path, server_env):
    from workbench import cli

    open_app(page)
    button = page.get_by_role("button", name="Download paragraph scores (CSV)")
    expect(button).to_be_visible(timeout=TIMEOUT)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "scores.csv"
    got = Path(download.value.path()).read_bytes()
    table = pl.read_csv(io.BytesIO(got))
    assert table["article_id"].unique(maintain_order=True).to_list() == list(SEEDS)
    counts = table.group_by("article_id", maintain_order=True).len()["len"].to_list()
    assert counts == [15, 15]
    model = server_env["WORKBENCH_MODEL"]
    model_arg = model if Path(model).exists() else "none"
    out = tmp_path / "cli.csv"
    assert cli.main(["score", *(str(ROOT / "seeds" / f"{s}.txt") for s in SEEDS),
                     "--model", model_arg, "--out", str(out)]) == 0
    assert got == out.read_bytes()


def test_uploaded_file_joins_the_comparison(page: Page, tmp_path):
    story = tmp_path / "local report.txt"
    story.write_text("Local headline on the call\n\nOfficials said the call may have "
                     "lasted an hour.\n\nNo transcript was released.", encoding="utf-8")
    open_app(page)
    page.get_by_text("Add articles: upload files or paste text").click()
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(story)
    articles = page.locator(".wb-article")
    expect(articles).to_have_count(3, timeout=TIMEOUT)
    third = page.locator("[data-testid='stColumn']:has(.wb-article)").nth(2)
    expect(third.locator(".wb-title")).to_have_text("Local headline on the call")
    expect(third.locator(".wb-para").first).to_contain_text("Officials said the call may")
    expect(third.locator(".wb-hedge")).to_have_text(["may"])
    no_errors(page)


@pytest.mark.parametrize("payload", [XSS, XSS_IFRAME], ids=["script+img", "iframe-srcdoc"])
def test_hostile_article_is_shown_as_literal_text(page: Page, payload):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page)
    page.get_by_text("Add articles: upload files or paste text").click()
    page.get_by_label("Title").fill(payload)
    page.get_by_label("Outlet").fill("*Outlet*")
    body = f"{payload} officials said.\n\n{MARKDOWN}"
    page.get_by_label("Article text (paragraphs separated by blank lines)").fill(body)
    page.get_by_role("button", name="Add pasted article").click()
    column = page.locator("[data-testid='stColumn']:has(.wb-article)").nth(2)
    expect(column.locator(".wb-para")).to_have_count(2, timeout=TIMEOUT)
    wait_for_idle(page)
    paras = column.locator(".wb-para")
    expect(paras.nth(0)).to_contain_text(f"{payload} officials said.")
    expect(paras.nth(1)).to_contain_text(MARKDOWN)
    expect(column.locator(".wb-title")).to_have_text(payload)
    expect(column.locator(".wb-meta")).to_contain_text("*Outlet*")
    injected = "script, img, iframe, h1, em, strong, a, code, .katex"
    assert column.locator(injected).count() == 0
    assert page.locator("[data-testid='stMain'] iframe, [data-testid='stMain'] img").count() == 0
    page.wait_for_timeout(500)  # time for an onerror or srcdoc script to fire, if any
    assert dialogs == [], f"JavaScript dialog fired: {dialogs}"
    no_errors(page)


def test_first_interaction_right_after_start_does_not_race(page: Page, fresh_server):
    """Click while the first script run (and its imports) may still be going on."""
    page.goto(fresh_server)
    radio = page.get_by_test_id("stSidebar").get_by_text("Train a frame model")
    expect(radio).to_be_visible(timeout=TIMEOUT)
    radio.click()
    page.get_by_test_id("stSidebar").get_by_text("Compare articles").click()
    expect(page.locator(".wb-article")).to_have_count(2, timeout=TIMEOUT)
    page.get_by_role("tab", name="Charts").click()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3, timeout=TIMEOUT)
    wait_for_idle(page)
    no_errors(page)


def test_train_a_model_and_download_it(page: Page, tmp_path):
    pytest.importorskip("workbench.model",
                        reason="the frame classifier (workbench/model/__init__.py) is not here yet")
    labelled = tmp_path / "labels.csv"
    folder = ROOT / "seeds" / "framing_paragraphs"
    pl.concat([pl.read_csv(folder / f"{f}.csv").head(10) for f in ("crime", "health", "economic")]
              ).select("text", "frame").write_csv(labelled)
    open_app(page)
    page.get_by_test_id("stSidebar").get_by_text("Train a frame model").click()
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_be_visible(timeout=TIMEOUT)
    uploader.locator("input[type=file]").set_input_files(labelled)
    expect(page.get_by_role("button", name="Train")).to_be_visible(timeout=TIMEOUT)
    folds = page.get_by_label("Cross-validation folds")
    folds.fill("2")
    folds.press("Enter")
    wait_for_idle(page)
    page.get_by_role("button", name="Train").click()
    report = page.get_by_test_id("stCode")
    expect(report).to_contain_text("health", timeout=TIMEOUT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=TIMEOUT)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download model (.skops)").click()
    saved = Path(download.value.path())
    assert download.value.suggested_filename.endswith(".skops") and saved.stat().st_size > 1000
    from workbench.model import load_model

    load_model(saved.rename(tmp_path / download.value.suggested_filename))
    page.get_by_role("button", name="Use this model for scoring").click()
    page.get_by_test_id("stSidebar").get_by_text("Compare articles").click()
    expect(page.locator(".wb-article")).to_have_count(2, timeout=TIMEOUT)
    # The trained model's badges: a frame with its probability, or "no clear frame" below the
    # model's calibrated threshold (cue-based badges end in "cues").
    expect(page.locator(".wb-badge").nth(1)).to_have_text(
        re.compile(r"(\d+%|no clear frame)$"), timeout=TIMEOUT)
    expect(page.locator(".wb-badge").filter(has_text=re.compile(r"\d+%$")).first).to_be_visible()
    no_errors(page)

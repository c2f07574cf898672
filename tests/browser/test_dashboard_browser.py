"""The dashboard as a person sees it: `streamlit run app.py` in headless Chromium.

Run alone with ``pytest -m browser``; skipped (with the reason) when Chromium is absent.
The two comparison screenshots go to pytest's temporary folder; they replace the README's
images in docs/screenshots/ only when asked (``make screenshots``, which sets
``WORKBENCH_SCREENSHOTS=docs/screenshots``), so that ``make test`` leaves the tree clean.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

import polars as pl
import pytest

pytest.importorskip("playwright", reason="pip install playwright pytest-playwright")
from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
README_SHOTS = ROOT / "docs" / "screenshots"
SHOTS = ROOT / os.environ["WORKBENCH_SCREENSHOTS"] if os.environ.get("WORKBENCH_SCREENSHOTS") \
    else None
"""Where the README's screenshots are refreshed (``make screenshots``); None: nowhere."""
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


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.png")}


def keep(shot: Path, name: str) -> None:
    """Refresh the README's image ``name`` from ``shot``, only when asked to."""
    if SHOTS is not None:
        keep_screenshot(shot, SHOTS / name)


def test_two_seeds_side_by_side_highlighted_and_aligned(page: Page, tmp_path):
    committed = digests(README_SHOTS)
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
    keep(tmp_path / "side.png", "compare-side-by-side.png")

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
    keep(tmp_path / "aligned.png", "compare-aligned.png")
    if SHOTS is None:  # `make test` must leave the git tree as it found it
        assert digests(README_SHOTS) == committed


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


def test_uploaded_files_replace_the_samples(page: Page, tmp_path):
    story = tmp_path / "local report.txt"
    story.write_text("Local headline on the call\n\nOfficials said the call may have "
                     "lasted an hour.\n\nNo transcript was released.", encoding="utf-8")
    other = tmp_path / "wire.txt"
    other.write_text("Wire headline on the call\n\nThe minister said the call lasted an "
                     "hour.", encoding="utf-8")
    open_app(page)
    page.get_by_text("Add articles: upload files or paste text").click()
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(
        [story, other])
    titles = page.locator("[data-testid='stColumn'] .wb-title")
    expect(titles).to_have_text(["Local headline on the call", "Wire headline on the call"],
                                timeout=TIMEOUT)
    first = page.locator("[data-testid='stColumn']:has(.wb-article)").nth(0)
    expect(first.locator(".wb-para").first).to_contain_text("Officials said the call may")
    expect(first.locator(".wb-hedge")).to_have_text(["may"])
    # The samples come back beside them with one click.
    page.get_by_test_id("stCheckbox").get_by_text("Compare only my articles").click()
    expect(page.locator(".wb-article")).to_have_count(4, timeout=TIMEOUT)
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
    # One article of one's own replaces the samples: bring them back to compare it with.
    toggle = page.get_by_test_id("stCheckbox").get_by_text("Compare only my articles")
    expect(toggle).to_be_visible(timeout=TIMEOUT)
    toggle.click()
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


OVERFLOW = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const edge = main.getBoundingClientRect().right + 1;
  const past = e => e.getBoundingClientRect().right > edge;
  const out = [...main.querySelectorAll("*")].filter(e => past(e) && !past(e.parentElement))
    .slice(0, 5).map(e => `${e.tagName}.${e.className.baseVal ?? e.className}: `
                          + (e.textContent || "").slice(0, 40));
  return {doc: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
          main: [main.scrollWidth, main.clientWidth], out};
}"""
"""The page's and stMain's widths, and the outermost elements reaching past stMain's right
edge: a table scrolling sideways inside itself, or a chart legend clipped by its canvas."""


def add_seed(page: Page, title_start: str) -> None:
    """Pick one more seed article in the chooser."""
    page.get_by_test_id("stMultiSelect").first.locator("input").click()
    page.get_by_role("option", name=re.compile(re.escape(title_start))).click()
    page.keyboard.press("Escape")


def assert_no_horizontal_overflow(page: Page, where: str) -> None:
    wait_for_idle(page)
    page.wait_for_timeout(300)  # charts and grids settle after the rerun
    got = page.evaluate(OVERFLOW)
    assert got["doc"][0] <= got["doc"][1] and got["main"][0] <= got["main"][1], (where, got)
    assert not got["out"], (where, got)


@pytest.mark.parametrize("width", [1400, 1024])
@pytest.mark.parametrize("n", [3, 4])
def test_three_and_four_articles_fit_the_page_width(page: Page, n, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_app(page)
    add_seed(page, "A phone call that could sell out Ukraine")
    if n == 4:
        add_seed(page, "Trump-Putin call signals shift")
    expect(page.locator(".wb-article")).to_have_count(n, timeout=TIMEOUT)
    for view in ("Side by side", "Aligned paragraphs", "Charts", "Paragraph details"):
        page.get_by_role("tab", name=view).click()
        expect(page.get_by_role("tab", name=view)).to_have_attribute("aria-selected", "true")
        assert_no_horizontal_overflow(page, f"{n} articles, {view}")
    no_errors(page)


BADGES = """cols => cols.flatMap(col => {
  const box = col.getBoundingClientRect();
  const probe = document.createElement("div");  // one badge of each kind, styled by our CSS
  probe.className = "wb-para";
  probe.innerHTML = '<span class="wb-badge">¶9 · Legality, constitutionality and '
    + 'jurisprudence 62%</span><span class="wb-badge wb-unsure">¶10 · no clear frame</span>';
  col.querySelector(".wb-article").append(probe);
  const badges = [...col.querySelectorAll(".wb-para:not(.wb-boiler) > .wb-badge")];
  const out = badges.map(b => {
    const s = getComputedStyle(b), r = b.getBoundingClientRect();
    let back = s.backgroundColor, e = b;
    while (back === "rgba(0, 0, 0, 0)" && e.parentElement) {
      e = e.parentElement; back = getComputedStyle(e).backgroundColor;
    }
    return {text: b.textContent, size: parseFloat(s.fontSize), color: s.color, back,
            cut: b.scrollWidth > b.clientWidth + 1,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1};
  });
  probe.remove();
  return out;
})"""


def luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("n", [2, 4])
def test_paragraph_badges_are_legible_and_whole(page: Page, n):
    """Frame badges and "no clear frame" badges: at least 12 px, WCAG AA contrast (4.5:1),
    never cut off or reaching out of their column, with two or four articles side by side."""
    page.set_viewport_size({"width": 1024, "height": 900})
    open_app(page)
    if n == 4:
        add_seed(page, "A phone call that could sell out Ukraine")
        add_seed(page, "Trump-Putin call signals shift")
    expect(page.locator(".wb-article")).to_have_count(n, timeout=TIMEOUT)
    wait_for_idle(page)
    columns = page.locator("[data-testid='stColumn']:has(.wb-article)")
    badges = columns.evaluate_all(BADGES)
    assert {"¶10 · no clear frame"} <= {b["text"] for b in badges}
    assert len(badges) > 10 * n
    for badge in badges:
        assert badge["size"] >= 12, badge
        assert contrast(badge["color"], badge["back"]) >= 4.5, badge
        assert not badge["cut"] and badge["inside"], badge


SUMMARY_SCROLL = """() => {
  // the summary (a data grid before it was an HTML table: the first on the page)
  const root = document.querySelector(".st-key-summary_table, [data-testid='stDataFrame']");
  if (!root) return null;
  const edge = root.getBoundingClientRect().right + 1;
  const boxes = [root, ...root.querySelectorAll("*")].filter(e => e.clientWidth > 0);
  return {n: boxes.length, columns: root.querySelectorAll("thead th").length,
          scrolls: boxes.filter(e => e.scrollWidth > e.clientWidth)
            .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`),
          past: [...root.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > edge)
            .slice(0, 5).map(e => `${e.tagName}.${e.className}`)};
}"""
"""In the summary table's container (``key="summary_table"``): every box that scrolls
sideways inside itself (scrollWidth over clientWidth), and the elements reaching past its
right edge."""


def test_summary_table_of_four_articles_fits_800_px(page: Page):
    page.set_viewport_size({"width": 800, "height": 900})
    open_app(page)
    add_seed(page, "A phone call that could sell out Ukraine")
    add_seed(page, "Trump-Putin call signals shift")
    expect(page.locator(".wb-article")).to_have_count(4, timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Summary")).to_be_visible(timeout=TIMEOUT)
    wait_for_idle(page)
    page.wait_for_timeout(300)  # tables and grids settle after the rerun
    got = page.evaluate(SUMMARY_SCROLL)
    assert got is not None and got["n"] > 1, got
    assert not got["scrolls"] and not got["past"], got
    assert got["columns"] == 6, got  # measure, four articles, range
    assert_no_horizontal_overflow(page, "4 articles at 800 px")
    no_errors(page)

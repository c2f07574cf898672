"""Several sessions at once: each sees its own comparison, nobody sees another's articles,
and uploads over the size limit are refused.

The browser tests (marked ``browser``; skipped with the reason when Chromium is absent)
drive concurrent contexts of one headless Chromium against a fresh ``streamlit run app.py``
(the helpers of ``tests/browser/conftest.py``). The rest runs everywhere: the score cache's
key (the cache is shared by all sessions of a server), two AppTest sessions sharing one
process's caches, and the size checks. Timings are in ``benchmarks/load.py``, not here.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import polars as pl
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.browser.conftest import (  # noqa: F401  (fixtures, used by name)
    browser_context_args,
    browser_type_launch_args,
    chromium_path,
    start_server,
    stop_server,
)
from workbench import dashboard as wd
from workbench.dashboard import training as wt
from workbench.errors import InputError
from workbench.io.articles import Article
from workbench.text.segment import to_frame

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CONFIG = ROOT / ".streamlit" / "config.toml"
SEED_TITLES = ("Trump and Putin discuss", "Trump may have floated")
N_SESSIONS = 6
TIMEOUT = 120_000  # ms: six tabs at once on a small, busy machine
MARKERS = r"ISOMARK\d+X"


def config_limit_mb() -> int:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]["maxUploadSize"]


# ------------------------------------------------------------------ the shared score cache
# app.score_article is st.cache_data keyed on (wd.article_hash(article), model key): one
# session's scored table is served to any session whose key is equal. Equal keys must
# therefore mean equal tables, or a session could be shown, or poisoned by, another's data.
pieces = st.sampled_from(["", "a", "b", "a\x00", "\x00b", "a\x00b", "\x00"])
optional = st.one_of(st.none(), pieces)
articles = st.builds(Article, article_id=pieces, title=pieces,
                     paragraphs=st.lists(pieces, max_size=3).map(tuple),
                     outlet=optional, date=optional, url=optional)


@st.composite
def recut(draw) -> tuple[Article, Article]:
    """An article, and another made of the same characters cut into fields differently.

    Joined with NUL separators (None as ""), both give the same string: a key that
    concatenates the fields could not tell them apart.
    """
    a = draw(articles)
    parts = [a.article_id, a.title, a.outlet or "", a.date or "", a.url or "", *a.paragraphs]
    pieces = "\x00".join(parts).split("\x00")
    fields = [pieces[0]]
    for piece in pieces[1:]:
        if draw(st.booleans()):
            fields[-1] += "\x00" + piece
        else:
            fields.append(piece)
    assume(len(fields) >= 5)
    meta = [draw(st.sampled_from(["", None])) if v == "" else v for v in fields[2:5]]
    return a, Article(fields[0], fields[1], tuple(fields[5:]), *meta)


@given(recut())
def test_equal_cache_keys_mean_equal_tables(pair):
    a, b = pair
    if wd.article_hash(a) == wd.article_hash(b):
        assert to_frame([a]).equals(to_frame([b]))


@pytest.mark.parametrize("a, b", [
    (Article("x", "T", ("one", "two")), Article("x", "T", ("one\x00two",))),
    (Article("x", "T", ("p",), outlet=None), Article("x", "T", ("p",), outlet="")),
    (Article("x", "T\x00W", ("p",)), Article("x", "T", ("", "p"), outlet="W")),
], ids=["paragraph-boundary", "none-vs-empty", "field-boundary"])
def test_cache_key_tells_apart_what_a_plain_join_would_not(a, b):
    assert not to_frame([a]).equals(to_frame([b]))
    assert wd.article_hash(a) != wd.article_hash(b)


def test_cache_key_ignores_only_what_the_table_does_not_show():
    a = Article("x", "T", ("p",), outlet="W", source="/tmp/a.txt", meta={"k": "v"})
    assert wd.article_hash(a) == wd.article_hash(dataclasses.replace(a, source="b", meta={}))
    assert to_frame([a]).columns[:5] == ["article_id", "outlet", "title", "date", "url"]


# ----------------------------------------------------- two sessions in one process (AppTest)
def run(target) -> AppTest:
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    """Everything a session was sent that can hold article text."""
    parts = [h.proto.body for h in at.get("html")]
    parts += [str(o) for o in at.multiselect(key="articles").options]
    parts += [str(v) for v in at.multiselect(key="articles").value]
    parts += [m.value for m in (*at.markdown, *at.caption, *at.warning, *at.error, *at.info)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def paste(at: AppTest, text: str, title: str) -> AppTest:
    at.text_input(key="paste_title").input(title)
    at.text_area(key="paste_text").input(text)
    return run(at.button(key="paste_add").click())


@pytest.fixture
def no_model(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_MODEL", str(tmp_path / "absent.skops"))


def test_sessions_share_the_seeds_but_never_each_others_articles(no_model):
    one = run(AppTest.from_file(APP, default_timeout=60))
    two = run(AppTest.from_file(APP, default_timeout=60))
    paste(one, "Officials said ISOMARK1X may rise.\n\nMore on ISOMARK1X.", "Pasted ISOMARK1X")
    same_name = "story.txt"  # both sessions upload a file of the same name
    one.file_uploader(key="upload").upload(
        same_name, b"Upload ISOMARK2X\n\nAides said ISOMARK2X could fall.", "text/plain")
    run(one)
    run(two)  # after session one filled the shared caches
    two.file_uploader(key="upload").upload(
        same_name, b"Upload ISOMARK3X\n\nAides said ISOMARK3X could fall.", "text/plain")
    run(two)
    paste(two, "Officials said ISOMARK4X may rise.\n\nMore on ISOMARK4X.", "Pasted ISOMARK4X")
    run(one)
    seen_one = set(re.findall(MARKERS, page_text(one)))
    seen_two = set(re.findall(MARKERS, page_text(two)))
    assert seen_one == {"ISOMARK1X", "ISOMARK2X"}
    assert seen_two == {"ISOMARK3X", "ISOMARK4X"}
    for at in (one, two):  # each compares only its own two articles (the default) ...
        assert len(at.multiselect(key="articles").value) == 2
        assert len(at.multiselect(key="articles").options) == 2
        run(at.toggle(key="only_mine").set_value(False))  # ... until the samples come back
    assert set(re.findall(MARKERS, page_text(one))) == {"ISOMARK1X", "ISOMARK2X"}
    assert set(re.findall(MARKERS, page_text(two))) == {"ISOMARK3X", "ISOMARK4X"}
    for at in (one, two):  # the seeds are shared, and both sessions compare four articles
        assert sum(t in page_text(at) for t in SEED_TITLES) == 2
        assert len(at.multiselect(key="articles").value) == 4
        assert len(at.multiselect(key="articles").options) == len(wd.seed_articles(
            ROOT / "seeds")[0]) + 2


def corpus_csv(word: str) -> bytes:
    """30 articles as a corpus CSV; one word of article 8 is ``word``."""
    sentence = " ".join(["The council met on roads and budgets in town and talked at length."]
                        * 22)
    texts = ["\n\n".join([sentence] * 10) for _ in range(30)]
    texts[8] = texts[8].replace("council", word, 1)
    frame = pl.DataFrame({"id": [f"a{i:02d}" for i in range(30)],
                          "title": [f"Story {i}" for i in range(30)], "text": texts})
    return frame.write_csv().encode()


def test_downloads_of_two_sessions_never_share_a_file(no_model):
    """Streamlit keeps download files in one store for all sessions, keyed by a fingerprint
    of length, head, middle and tail for files over 1 MiB (app.py hashes every byte)."""
    # same length, and no sentence end in either ("PARISH!" split a sentence, which changed
    # attribution_per_sentence once "talked" became a cue): the CSVs differ in one word only
    ours, theirs = "COUNCIL", "BOROUGH"
    tables = [wd.paragraph_csv(wd.combine([wd.score_article(a) for a in
                                           wd.read_upload("c.csv", corpus_csv(w))[0]]))
              for w in (ours, theirs)]
    size, at = len(tables[0]), tables[0].find(ours.encode())
    sample = 64 * 1024
    assert size == len(tables[1]) > 2**20 and tables[1].find(theirs.encode()) == at
    assert sample < at < (size - sample) // 2 - 1  # outside the fingerprint's samples
    urls = []
    for word in (ours, theirs):
        session = run(AppTest.from_file(APP, default_timeout=120))
        session.file_uploader(key="upload").upload("c.csv", corpus_csv(word), "text/csv")
        run(session)
        run(session.multiselect(key="articles").set_value(
            [f"upload:c.csv:a{i:02d}" for i in range(30)]))
        urls.append({d.label: d.proto.url for d in session.get("download_button")})
    label = "Download paragraph scores (CSV)"
    assert urls[0][label] != urls[1][label]


# ----------------------------------------------------------------------------- size limits
def test_config_limit_is_the_apps_limit():
    assert config_limit_mb() == wd.MAX_UPLOAD_MB
    assert wd.MAX_UPLOAD_BYTES == wd.MAX_UPLOAD_MB * 1024 * 1024  # Streamlit's MB


def test_app_check_refuses_one_byte_over_before_reading():
    with pytest.raises(InputError, match=f"reads up to {wd.MAX_UPLOAD_MB} MB"):
        wd.read_upload("big.txt", b"x" * (wd.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(InputError, match=f"reads up to {wd.MAX_UPLOAD_MB} MB"):
        wt.csv_columns("big.csv", b"x" * (wd.MAX_UPLOAD_BYTES + 1))
    articles, errors = wd.read_upload("ok.txt", b"Title\n\nOne paragraph.", max_bytes=100)
    assert len(articles) == 1 and not errors
    with pytest.raises(InputError, match="reads up to"):
        wd.read_upload("ok.txt", b"Title\n\nOne paragraph." + b" " * 100, max_bytes=100)


def test_training_page_refuses_an_oversized_csv_with_a_message(no_model):
    at = run(AppTest.from_file(APP, default_timeout=60))
    run(at.switch_page("pages/train.py"))
    big = b"text,frame\n" + b"x" * wd.MAX_UPLOAD_BYTES
    at.file_uploader(key="train_upload").upload("labels.csv", big, "text/csv")
    run(at)
    assert any(f"up to {wd.MAX_UPLOAD_MB} MB" in e.value for e in at.error)
    assert not at.selectbox  # nothing of the file was read


# ------------------------------------------------------------------------ in the browser
@pytest.fixture(scope="module")
def load_server(tmp_path_factory, chromium_path) -> str:  # noqa: F811
    """A server of our own, so its caches hold nothing from other tests."""
    pytest.importorskip("playwright", reason="pip install playwright pytest-playwright")
    tmp = tmp_path_factory.mktemp("load")
    proc, url = start_server(tmp / "server.log", {"WORKBENCH_MODEL": str(tmp / "none.skops")})
    try:
        yield url
    finally:
        stop_server(proc)


# Records every marker that is ever in the page, however briefly, not only at the end.
WATCH = """
window.__markers = new Set();
new MutationObserver(() => {
  const text = document.documentElement ? document.documentElement.textContent : "";
  for (const m of text.matchAll(/MARKERS/g)) window.__markers.add(m[0]);
}).observe(document, {subtree: true, childList: true, characterData: true});
""".replace("MARKERS", MARKERS)


def open_pages(new_context, url: str, n: int) -> list:
    pages = []
    for _ in range(n):
        page = new_context().new_page()
        page.set_default_timeout(TIMEOUT)
        page.add_init_script(WATCH)
        page.errors = []
        page.on("pageerror", lambda e, p=page: p.errors.append(str(e)))
        page.on("dialog", lambda d, p=page: (p.errors.append(d.message), d.dismiss()))
        page.goto(url, wait_until="commit")  # all sessions start before any is waited for
        pages.append(page)
    return pages


@pytest.mark.browser
def test_concurrent_sessions_see_their_own_comparison_and_nothing_else(new_context,
                                                                        load_server, tmp_path):
    from playwright.sync_api import expect

    pages = open_pages(new_context, load_server, N_SESSIONS)
    for page in pages:
        expect(page.locator(".wb-article")).to_have_count(2, timeout=TIMEOUT)
        page.get_by_text("Add articles: upload files or paste text").click()
    for i, page in enumerate(pages):  # each action goes out before the last one is done
        marker = f"ISOMARK{i}X"
        body = f"Officials said {marker} may change.\n\nCritics said {marker} could fail."
        if i % 2:  # every upload has the same file name
            story = tmp_path / str(i) / "story.txt"
            story.parent.mkdir()
            story.write_text(f"Story {marker}\n\n{body}", encoding="utf-8")
            page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(
                story)
        else:
            page.get_by_label("Title").fill(f"Story {marker}")
            page.get_by_label("Article text (paragraphs separated by blank lines)").fill(body)
            page.get_by_role("button", name="Add pasted article").click()
    for page in pages:  # one article of one's own: bring the samples back beside it
        toggle = page.get_by_test_id("stCheckbox").get_by_text("Compare only my articles")
        expect(toggle).to_be_visible(timeout=TIMEOUT)
        toggle.click()
    for i, page in enumerate(pages):
        marker = f"ISOMARK{i}X"
        articles = page.locator(".wb-article")
        expect(articles).to_have_count(3, timeout=TIMEOUT)
        expect(articles.nth(2).locator(".wb-hedge").first).to_be_visible(timeout=TIMEOUT)
        expect(articles.nth(2)).to_contain_text(marker, timeout=TIMEOUT)
        titles = page.locator("[data-testid='stColumn'] .wb-title")
        expect(titles).to_have_count(3, timeout=TIMEOUT)
        for title, expected in zip(titles.all_inner_texts(), (*SEED_TITLES, f"Story {marker}"),
                                   strict=True):
            assert title.startswith(expected)
        expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state",
                                                                "notRunning", timeout=TIMEOUT)
        page.mouse.move(0, 0)  # off the toggle (its help tooltip)
        page.keyboard.press("Escape")
        chooser = page.get_by_test_id("stMultiSelect")  # lists what this session may pick
        chooser.locator("input").click()
        options = page.get_by_role("option")
        if not options.first.is_visible():
            page.keyboard.press("ArrowDown")
        expect(options.first).to_be_visible(timeout=TIMEOUT)
        listed = " ".join(options.all_inner_texts())
        assert "Select all" in listed and "103_opinion_loaded" in listed  # the other seeds
        assert re.findall(MARKERS, listed) == []  # its own article is picked, none other
        page.keyboard.press("Escape")
    for i, page in enumerate(pages):
        seen = set(page.evaluate("[...window.__markers]"))
        assert seen == {f"ISOMARK{i}X"}, f"session {i} was shown {sorted(seen)}"
        expect(page.get_by_test_id("stException")).to_have_count(0, timeout=TIMEOUT)
        assert page.errors == []


@pytest.mark.browser
def test_uploads_over_the_limit_are_refused_by_page_and_server(new_context, load_server,
                                                               tmp_path):
    from playwright.sync_api import expect

    limit = config_limit_mb() * 1024 * 1024
    (page,) = open_pages(new_context, load_server, 1)
    expect(page.locator(".wb-article")).to_have_count(2, timeout=TIMEOUT)
    page.get_by_text("Add articles: upload files or paste text").click()
    chooser = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (limit // 5) + b"x")  # limit + 1 bytes
    assert big.stat().st_size == limit + 1
    chooser.set_input_files(big)
    refusal = page.get_by_text(re.compile(r"File must be .* or smaller"))
    expect(refusal).to_be_visible(timeout=TIMEOUT)

    # A client that skips the page's check: replay a real upload with an oversized body.
    small = tmp_path / "small.txt"
    small.write_text("Small story\n\nOfficials said it may rain.", encoding="utf-8")
    with page.expect_request(lambda r: "/_stcore/upload_file/" in r.url
                             and r.method == "PUT") as sent:
        chooser.set_input_files(small)
    # Read: it replaces the samples, and the page asks for a second article.
    expect(page.get_by_text("Add one more article of your own")).to_be_visible(timeout=TIMEOUT)
    headers = {k: v for k, v in sent.value.all_headers().items() if k.lower() == "x-xsrftoken"}
    reply = page.request.put(sent.value.url, headers=headers, multipart={
        "file": {"name": "big.txt", "mimeType": "text/plain", "buffer": big.read_bytes()}})
    assert reply.status == 413
    again = page.request.put(sent.value.url, headers=headers, multipart={
        "file": {"name": "small.txt", "mimeType": "text/plain", "buffer": small.read_bytes()}})
    assert again.status == 204  # the same request, within the limit, is accepted
    expect(page.get_by_test_id("stException")).to_have_count(0, timeout=TIMEOUT)
    assert page.errors == []

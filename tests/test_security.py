"""The claims of SECURITY.md, checked: no dangerous calls in the code, no network access,
uploads confined to a temporary folder, inert HTML, formula-free CSV cells.

Model-file loading is checked in ``test_model_files_*`` below. The browser test (marked
``browser``; skipped with the reason when Chromium is absent) shows a hostile upload in
every view of the real page and records every request the page makes.
"""

from __future__ import annotations

import asyncio
import csv
import io
import ipaddress
import os
import re
import socket
import subprocess
import sys
import tempfile
import tokenize
import tomllib
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import polars as pl
import psutil
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.browser.conftest import (  # noqa: F401  (fixtures, used by name)
    browser_context_args,
    browser_type_launch_args,
    chromium_path,
    free_port,
    start_server,
    stop_server,
    wait_healthy,
)
from workbench import cli
from workbench import dashboard as wd
from workbench.dashboard import training as wt
from workbench.io.articles import Article, read_file
from workbench.io.tables import TableWriter, write_table
from workbench.score import score

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
IFRAME = '<iframe srcdoc="<script>alert(2)</script>"></iframe>'
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


# ----------------------------------------------------------------- dangerous calls: a grep
SOURCES = sorted((ROOT / "workbench").rglob("*.py")) + [ROOT / "app.py"] + \
    sorted((ROOT / "pages").glob("*.py"))
DANGEROUS = {
    "eval(": r"(?<![\w.])eval\(",
    "exec(": r"(?<![\w.])exec\(",
    "compile(": r"(?<![\w.])compile\(",
    "__import__(": r"__import__\(",
    "pickle.load": r"\bc?pickle\.loads?\b",
    "joblib.load": r"\bjoblib\.load\b",
    "marshal.load": r"\bmarshal\.loads?\b",
    "shelve": r"\bshelve\.",
    "yaml.load": r"\byaml\.(unsafe_)?load\b",
    "urlopen": r"\burlopen\b",
    "requests.": r"\brequests\.",
    "fetch_url": r"\bfetch_url\b",
    "os.system": r"\bos\.(system|popen|exec\w*|spawn\w*)\b",
    "subprocess": r"\bsubprocess\b",
    "import of a pickle, network or shell module":
        r"^\s*(?:import|from)\s+(?:c?pickle|joblib|dill|cloudpickle|marshal|shelve|requests|"
        r"httpx|aiohttp|urllib|http|socket|ftplib|smtplib|subprocess)\b",
}
ALLOWED: dict[tuple[str, str], str] = {
    # (file, pattern name): why it is safe. Keep this list short and justified.
}


def code_only(path: Path) -> str:
    """The source with comments and plain string literals blanked (f-strings are kept,
    since code can run inside them), so that prose about ``pickle.load`` is no hit."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    blanks = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        is_fstring = tok.type == tokenize.STRING and re.match(r"(?i)[rb]*f", tok.string)
        if tok.type == tokenize.COMMENT or (tok.type == tokenize.STRING and not is_fstring):
            blanks.append((tok.start, tok.end))
    chars = [list(line) for line in lines]
    for (r0, c0), (r1, c1) in blanks:
        for row in range(r0, r1 + 1):
            start = c0 if row == r0 else 0
            end = c1 if row == r1 else len(chars[row - 1])
            for col in range(start, end):
                if chars[row - 1][col] != "\n":
                    chars[row - 1][col] = " "
    return "".join("".join(c) for c in chars)


def dangerous_calls() -> list[tuple[str, str, int, str]]:
    found = []
    for path in SOURCES:
        rel = path.relative_to(ROOT).as_posix()
        for n, line in enumerate(code_only(path).splitlines(), 1):
            for name, pattern in DANGEROUS.items():
                if re.search(pattern, line) and (rel, name) not in ALLOWED:
                    found.append((rel, name, n, line.strip()))
    return found


def test_no_eval_exec_pickle_or_network_calls_in_the_code():
    assert len(SOURCES) > 20
    assert dangerous_calls() == []


def test_the_grep_finds_what_it_looks_for(tmp_path, monkeypatch):
    bad = tmp_path / "bad.py"
    bad.write_text('"""pickle.load in a docstring is fine."""\nimport pickle  # eval( too\n'
                   "x = pickle.loads(b'')\ny = eval('1')\nz = f\"{exec('2')}\"\n"
                   "w = ast.literal_eval('1')\nfrom urllib.request import urlopen\n",
                   encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "SOURCES", [bad])
    hits = {(name, n) for _, name, n, _ in dangerous_calls()}
    assert hits == {("import of a pickle, network or shell module", 2), ("pickle.load", 3),
                    ("eval(", 4), ("exec(", 5), ("urlopen", 7),
                    ("import of a pickle, network or shell module", 7)}


# ------------------------------------------------------------------------------ network
def test_streamlit_config_keeps_the_dashboard_local():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert ipaddress.ip_address(config["server"]["address"]).is_loopback
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True


@pytest.fixture
def no_network(monkeypatch) -> list:
    """Refuse, and record, every DNS lookup and every connection except loopback/Unix."""
    attempts: list = []

    def local(address) -> bool:
        if isinstance(address, str | bytes):  # a Unix socket path
            return True
        try:
            return ipaddress.ip_address(address[0]).is_loopback
        except ValueError:
            return address[0] == "localhost"

    real_connect = socket.socket.connect

    def connect(self, address):
        if not local(address):
            attempts.append(("connect", address))
            raise OSError("network access in a test")
        return real_connect(self, address)

    def getaddrinfo(host, *args, **kwargs):
        attempts.append(("getaddrinfo", host))
        raise socket.gaierror("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


REMOTE_HTML = """<html><head><title>Remote bits</title>
<link rel="stylesheet" href="http://203.0.113.5/style.css">
<script src="https://example.com/x.js"></script>
<meta http-equiv="refresh" content="0; url=http://example.com/"></head>
<body><article><h1>Remote bits</h1>
<p>Officials said the plan may be delayed, according to a person familiar with it.</p>
<img src="http://example.com/tracker.png"><iframe src="https://example.com/frame"></iframe>
<p>The mayor told reporters: "We will publish every figure." <a href="http://example.com">
link</a></p></article></body></html>"""


def test_reading_html_scoring_and_export_make_no_network_access(no_network, tmp_path):
    page = tmp_path / "remote.html"
    page.write_text(REMOTE_HTML, encoding="utf-8")
    articles = read_file(page)
    uploaded, errors = wd.read_upload("remote.html", REMOTE_HTML.encode())
    table = score([*articles, *uploaded], cues=True)
    write_table(table, tmp_path / "out.csv")
    wd.paragraph_csv(table)
    assert "Officials said" in " ".join(articles[0].paragraphs) and not errors
    assert no_network == []


def test_the_dashboard_script_makes_no_network_access(no_network, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_MODEL", str(tmp_path / "absent.skops"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="upload").upload("remote.html", REMOTE_HTML.encode(), "text/html")
    at.run()
    at.toggle(key="only_mine").set_value(False).run()  # the samples beside the upload
    for view in ("Aligned paragraphs", "Charts", "Paragraph details"):
        at.session_state["view"] = view
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.multiselect(key="articles").value) == 3
    assert no_network == []


NET_LOG = """
import os, socket, sys
log = open(os.environ["NET_LOG"], "a", buffering=1)
real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo
def connect(self, address):
    log.write(f"connect {address!r}\\n")
    return real_connect(self, address)
def getaddrinfo(host, *args, **kwargs):
    log.write(f"getaddrinfo {host!r}\\n")
    return real_getaddrinfo(host, *args, **kwargs)
socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
from streamlit.web.cli import main
sys.argv = ["streamlit", *sys.argv[1:]]
sys.exit(main())
"""


def test_make_run_serves_on_loopback_only_and_calls_nobody(tmp_path):
    """`make run`'s command (no --server.address): the project config must keep it local."""
    from benchmarks.load import ws_session

    wrapper, log, out = tmp_path / "netlog.py", tmp_path / "net.log", tmp_path / "server.log"
    wrapper.write_text(NET_LOG, encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NET_LOG": str(log), "WORKBENCH_MODEL": str(tmp_path / "none.skops")}
    with open(out, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, str(wrapper), "run", APP, "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.port", str(port)],
            cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_healthy(proc, url, out)
        server = psutil.Process(proc.pid)
        connections = getattr(server, "net_connections", None) or server.connections  # < 6.0
        listening = {c.laddr.ip for c in connections("inet") if c.status == psutil.CONN_LISTEN}
        # A full script run, in a thread of its own: pytest-playwright's sync API may hold
        # this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            session = pool.submit(asyncio.run, ws_session(url, 7, "paste", 60_000)).result()
    finally:
        stop_server(proc)
    assert session.error is None and session.seconds is not None
    assert listening and all(ipaddress.ip_address(ip).is_loopback for ip in listening)
    calls = log.read_text().splitlines() if log.exists() else []
    outside = [c for c in calls if not re.search(r"'(127\.0\.0\.1|localhost|::1)'", c)]
    assert outside == [], f"the server reached out: {outside}"


# ---------------------------------------------------------------------------- model files
class RunsOnLoad:
    """Unpickling this object opens (creates) ``marker``: the side effect of a hostile file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    """Model files that would create ``ran`` if anything unpickled them or ran their code."""
    import pickle

    import joblib
    import skops.io
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    marker = tmp_path / "ran"
    files = {}
    for name in ("model.pkl", "model.skops"):  # a pickle, also under the skops suffix
        files[name] = tmp_path / name
        files[name].write_bytes(pickle.dumps(RunsOnLoad(marker)))
    files["model.joblib"] = tmp_path / "model.joblib"
    joblib.dump(RunsOnLoad(marker), files["model.joblib"])
    # A valid skops file whose "model" calls os.system on every transform.
    files["system.skops"] = tmp_path / "system.skops"
    skops.io.dump(make_pipeline(FunctionTransformer(func=os.system)), files["system.skops"])
    # Only trusted types, but not a frame model.
    files["estimator.skops"] = tmp_path / "estimator.skops"
    skops.io.dump(make_pipeline(FunctionTransformer(func=np.negative)), files["estimator.skops"])
    return files


@pytest.mark.parametrize("name, problem", [
    ("model.pkl", "looks like a pickle or joblib file"),
    ("model.skops", "looks like a pickle or joblib file"),
    ("model.joblib", "looks like a pickle or joblib file"),
    ("system.skops", "outside the trusted list: posix.system"),
    ("estimator.skops", "not a usable frame model"),
])
def test_model_files_that_would_run_code_are_refused(name, problem, tmp_path):
    model = pytest.importorskip("workbench.model", reason="workbench/model/ not there yet")
    from workbench.errors import ModelError

    path = hostile_files(tmp_path)[name]
    with pytest.raises(ModelError, match=problem):
        model.load_model(path)
    assert not (tmp_path / "ran").exists()


def test_the_hostile_pickle_does_run_code_when_unpickled(tmp_path):
    """The control: what load_model refuses would have run."""
    import pickle

    pickle.loads(hostile_files(tmp_path)["model.pkl"].read_bytes())  # noqa: S301
    assert (tmp_path / "ran").exists()


def test_security_md_quotes_the_trusted_types():
    model = pytest.importorskip("workbench.model", reason="workbench/model/ not there yet")
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    quoted = re.search(r"TRUSTED_TYPES: tuple\[str, \.\.\.\] = \((.*?)\n\)", text, re.S)
    assert quoted, "SECURITY.md no longer quotes TRUSTED_TYPES"
    assert tuple(re.findall(r'"([^"]+)"', quoted.group(1))) == model.TRUSTED_TYPES


def test_security_md_names_only_tests_that_exist():
    """Each `tests/x.py::name` (and each `::name` after it, same file) is a real test."""
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    current, missing, named = None, [], 0
    for match in re.finditer(r"`(tests/[\w/]+\.py)?::(\w+)`", text):
        current = match.group(1) or current
        named += 1
        source = (ROOT / current).read_text(encoding="utf-8") if current else ""
        if not re.search(rf"^def {match.group(2)}\(", source, re.M):
            missing.append(f"{current}::{match.group(2)}")
    assert named > 30 and missing == []


# ----------------------------------------------------------------------- upload file names
@given(st.text())
def test_any_upload_name_becomes_one_harmless_path_component(name):
    safe = wd.safe_filename(name)
    assert safe and safe not in {".", ".."} and not safe.startswith(".")
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert re.fullmatch(r"[A-Za-z0-9._-]+", safe)
    base = Path(tempfile.gettempdir()) / "workbench-upload-x"
    assert (base / safe).resolve().parent == base.resolve()


NAMES = {
    "../../etc/x.txt": "x.txt",
    "/abs/path.txt": "path.txt",
    "..\\..\\windows\\win.ini.txt": "win.ini.txt",
    "C:\\Users\\me\\story.md": "story.md",
    "a/../../b.html": "b.html",
    "~/.bashrc.txt": "bashrc.txt",
    "a\x00b.txt": "a_b.txt",
    "%2e%2e%2fsecret.txt": "2e_2e_2fsecret.txt",
    "x" * 300 + ".txt": "x" * 80 + ".txt",
}


@pytest.fixture
def confined(tmp_path, monkeypatch):
    """Temporary files go to tmp/; the working folder is work/; both start empty."""
    (tmp_path / "tmp").mkdir()
    (tmp_path / "work" / "a" / "b").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.chdir(tmp_path / "work" / "a" / "b")

    def files() -> list[str]:
        return sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))

    return tmp_path, files


@pytest.mark.parametrize("name, expected", NAMES.items(), ids=list(NAMES)[:-1] + ["long"])
def test_upload_is_read_in_memory_and_written_nowhere(name, expected, confined, monkeypatch):
    root, files = confined
    before = files()
    writes = []
    real_open = open

    def spy(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+"):
            writes.append(file)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    data = REMOTE_HTML.encode() if expected.endswith("html") else \
        b"Headline\n\nOfficials said it may rain."
    articles, errors = wd.read_upload(name, data)
    assert writes == [] and files() == before  # nothing written anywhere
    assert articles and not errors
    assert all((a.source or "").startswith(expected) for a in articles)  # the sanitised name
    assert all(str(root) not in (a.source or "") for a in articles)


def test_training_upload_is_written_only_inside_a_fresh_temp_folder(confined, monkeypatch):
    model = pytest.importorskip("workbench.model", reason="workbench/model/ not there yet")
    root, files = confined
    before = files()
    seen = {}
    real_train, real_save = model.train_from_file, model.save_model

    def train_from_file(source, **kwargs):
        seen["source"], seen["during"] = Path(source), files()
        return real_train(source, **kwargs)

    def save_model(trained, path, **kwargs):
        seen["model"] = Path(path)
        return real_save(trained, path, **kwargs)

    monkeypatch.setattr(model, "train_from_file", train_from_file)
    monkeypatch.setattr(model, "save_model", save_model)
    labelled = pl.concat([pl.read_csv(ROOT / "seeds" / "framing_paragraphs" / f"{f}.csv").head(6)
                          for f in ("economic", "crime")])
    csv_bytes = labelled.select("text", "frame").write_csv().encode()
    result = wt.train_upload("../../../etc/labels.csv", csv_bytes, text_column="text",
                             label_column="frame", cv=2)
    assert seen["source"].name == "labels.csv"
    tmp = seen["source"].parent
    assert tmp.parent == root / "tmp" and tmp.name.startswith("workbench-train-")
    assert seen["model"].parent.parent == tmp and seen["model"].name == "framing-labels.skops"
    assert all(f.startswith(f"tmp/{tmp.name}") for f in set(seen["during"]) - set(before))
    assert files() == before
    assert result["file_name"] == "framing-labels.skops"
    assert result["model_bytes"].startswith(b"PK\x03\x04")
    assert str(root) not in result["card_bytes"].decode()  # no temporary path in the card


# ------------------------------------------------------------------------- CSV formulas
def formula_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: starting with = + - @ tab or CR, and not a number."""
    bad = []
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    bad.append(cell)
    return bad


def hostile_table() -> pl.DataFrame:
    articles = [Article(article_id=f, title=f, paragraphs=(f, f"Officials said {f}."),
                        outlet=f, date=f, url=f) for f in FORMULAS]
    return score(articles, cues=True)


def test_every_csv_the_project_writes_has_no_formula_cells(tmp_path, capsys):
    table = hostile_table()
    assert any(c.startswith("=") for c in table["text"].to_list())
    outputs = {"paragraph download": wd.paragraph_csv(table).decode(),
               "summary download": wd.summary_csv(table).decode()}
    write_table(table, tmp_path / "scores.csv")
    outputs["write_table"] = (tmp_path / "scores.csv").read_text(encoding="utf-8")
    with TableWriter(tmp_path / "bulk.csv") as writer:
        writer.write(table.head(5))
        writer.write(table.tail(-5))
    outputs["bulk writer"] = (tmp_path / "bulk.csv").read_text(encoding="utf-8")
    cli.emit(table, None)
    outputs["cli to stdout"] = capsys.readouterr().out
    for name, text in outputs.items():
        assert "'=HYPERLINK" in text, name
        assert formula_cells(text) == [], name


# -------------------------------------------------------------------------------- HTML
class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


@pytest.mark.parametrize("payload", [XSS, IFRAME], ids=["script+img", "iframe-srcdoc"])
def test_the_app_sends_only_its_own_markup_whatever_the_article(payload, monkeypatch,
                                                                tmp_path):
    monkeypatch.setenv("WORKBENCH_MODEL", str(tmp_path / "absent.skops"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    story = (f"---\nid: {payload}\noutlet: {payload}\ntitle: {payload}\n---\n"
             f"{payload} officials said.\n\n[x](javascript:alert(3)) may {payload}\n")
    at.file_uploader(key="upload").upload("story.txt", story.encode(), "text/plain")
    at.run()
    at.toggle(key="only_mine").set_value(False).run()  # the samples beside the upload
    assert len(at.multiselect(key="articles").value) == 3
    bodies, markdown = [], []
    for view in ("Side by side", "Aligned paragraphs", "Charts", "Paragraph details"):
        at.session_state["view"] = view
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        bodies += [h.proto.body for h in at.get("html")]
        markdown += [m.proto for m in (*at.markdown, *at.caption, *at.info, *at.warning)]
    parser = Tags()
    for body in bodies:
        parser.feed(body.replace(hl_style(), ""))
    # the summary is an HTML table (wbr: where a long article id may break)
    table = {"table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "wbr"}
    assert parser.tags <= {"div", "span", "br", *table}
    assert parser.attrs <= {"class", "title", "data-paragraph"}
    joined = "".join(bodies)
    assert "&lt;script&gt;" in joined and payload not in joined
    assert all(not getattr(m, "allow_html", False) for m in markdown)


def hl_style() -> str:
    from workbench.dashboard.highlight import STYLE

    return STYLE


# ---------------------------------------------------------------------- in the browser
@pytest.mark.browser
def test_hostile_upload_in_every_view_runs_nothing_and_fetches_nothing(page, tmp_path):
    """``page`` needs ``browser_type_launch_args``, which skips when Chromium is absent."""
    from playwright.sync_api import expect

    proc, url = start_server(tmp_path / "server.log",
                             {"WORKBENCH_MODEL": str(tmp_path / "none.skops")})
    requests, dialogs = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(url)
        expect(page.locator(".wb-article")).to_have_count(2, timeout=60_000)
        story = tmp_path / "story.txt"
        story.write_text(f"---\nid: {XSS}\noutlet: {IFRAME}\n---\n{XSS} Headline\n\n"
                         f"Officials said {IFRAME} taxes and the economy may suffer.\n\n"
                         f"Police said crime rose {XSS}.",
                         encoding="utf-8")
        page.get_by_text("Add articles: upload files or paste text").click()
        page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(story)
        page.get_by_test_id("stCheckbox").get_by_text("Compare only my articles").click(
            timeout=60_000)  # the samples beside the upload
        expect(page.locator(".wb-article")).to_have_count(3, timeout=60_000)
        main = page.get_by_test_id("stMain")
        for view in ("Aligned paragraphs", "Charts", "Paragraph details", "Side by side"):
            page.get_by_role("tab", name=view).click()
            expect(page.get_by_role("tab", name=view)).to_have_attribute(
                "aria-selected", "true", timeout=60_000)
            expect(page.get_by_test_id("stApp")).to_have_attribute(
                "data-test-script-state", "notRunning", timeout=60_000)
            if view == "Charts":  # the tooltips show article ids: hover until ours shows
                marks = page.get_by_test_id("stVegaLiteChart").first.locator("g.mark-rect path")
                expect(marks.first).to_be_attached(timeout=60_000)
                tip = page.locator("#vg-tooltip-element")
                ours = marks.evaluate_all(  # bars of our article with a width (share > 0)
                    "ps => ps.map((p, i) => [i, p.getAttribute('aria-label') || ''])"
                    ".filter(([i, l]) => l.includes('<script>') && !l.includes('share: 0.0%'))"
                    ".map(([i]) => i)")
                assert ours
                marks.nth(ours[0]).hover(force=True)
                expect(tip).to_contain_text("<script>", timeout=10_000)
                assert XSS in tip.inner_text()  # as text
                assert tip.locator("script, img, iframe").count() == 0
            page.wait_for_timeout(300)
            injected = main.locator("script, iframe, img[src='x'], img[onerror]")
            assert injected.count() == 0, view
        expect(page.get_by_text(XSS).first).to_be_attached()  # shown as text somewhere
        expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        stop_server(proc)
    assert dialogs == []
    elsewhere = [u for u in requests if not u.startswith((url + "/", "data:", "blob:"))]
    assert requests and elsewhere == [], elsewhere

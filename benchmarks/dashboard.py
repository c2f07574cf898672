"""How fast the dashboard compares two long articles, and how much memory its server uses.

    .venv/bin/python benchmarks/dashboard.py [--runs 5] [--words 1500] [--model PATH|none]

Builds two ~1,500-word articles by concatenating seed paragraphs, in a temporary folder
passed to the app as WORKBENCH_SEEDS (beside copies of the two default seeds, so the page
opens on a short comparison). It starts ``streamlit run app.py`` on a free loopback port,
drives Debian's Chromium with Playwright (never ``playwright install``) and prints:

* ``cold_start_s``: opening the page on a fresh server until the default comparison is
  rendered (includes the first script run's imports and the model load);
* ``select_cold_s``: selecting the two long articles for the first time (scored anew)
  until their comparison is rendered and the script is idle;
* ``select_warm_s``: the same selection again, scores cached (median of ``--runs``);
  "rendered" means the summary table and both highlighted articles are on the page and
  the script is idle (the other views are tabs, built when opened: ``tab_*_s``);
* the streamlit server's RSS (process and children) at idle, after the first page and
  at the end.

Targets (issue 4): warm under 1 s, cold under 3 s. The load average is printed too:
figures taken on a busy machine are not comparable with ones taken on an idle one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TIMEOUT = 60_000
LONG = {"201_long_wire": ("Long wire report on the call", "Benchmark Wire", "101"),
        "202_long_hedged": ("Long hedged report on the call", "Benchmark Insider", "102")}


def body_paragraphs(path: Path) -> list[str]:
    from workbench.io.articles import read_file
    from workbench.text.segment import is_boilerplate

    return [p for a in read_file(path) for p in a.paragraphs if not is_boilerplate(p)]


def build_seeds(folder: Path, words: int) -> dict[str, int]:
    """Write the two default seeds and two long articles into ``folder``; return word counts."""
    for name in ("101_wire_named_sources.txt", "102_anonymous_hedged.txt"):
        shutil.copy(SEEDS / name, folder / name)
    pool = {p.name[:3]: body_paragraphs(p) for p in sorted(SEEDS.glob("[0-9]*.txt"))}
    counts = {}
    for stem, (title, outlet, first) in LONG.items():
        order = [first] + [k for k in pool if k != first]
        paragraphs, n = [], 0
        while n < words:
            for key in order:
                for paragraph in pool[key]:
                    if n >= words:
                        break
                    paragraphs.append(paragraph)
                    n += len(paragraph.split())
        text = f"---\ntitle: {title}\noutlet: {outlet}\n---\n{title}\n" + "\n".join(paragraphs)
        (folder / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        counts[stem] = n
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    proc = psutil.Process(pid)
    procs = [proc, *proc.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs) / 2**20


def wait_idle(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=TIMEOUT)


def rendered(page: Page, titles: list[str]) -> None:
    """Wait until the comparison of ``titles`` is on the page, charts included, and idle."""
    expect(page.locator(".wb-title")).to_have_text(titles, timeout=TIMEOUT)
    expect(page.locator(".wb-article .wb-para").last).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)


def open_tab(page: Page, name: str, content) -> float:
    """Click a tab (tabs are built lazily); return seconds until ``content`` is visible."""
    page.keyboard.press("Escape")  # close the chooser's option list (it hides the tabs)
    tab = page.get_by_role("tab", name=name)
    expect(tab).to_be_visible(timeout=TIMEOUT)
    start = time.perf_counter()
    tab.click()
    expect(content).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)
    return time.perf_counter() - start


def select(page: Page, labels: list[str], titles: list[str] | None = None) -> float:
    """Replace the selection with ``labels``; return seconds from the last pick until the
    comparison of ``titles`` is rendered (or, without titles, until the script is idle)."""
    chooser = page.get_by_test_id("stMultiSelect")
    page.keyboard.press("Escape")  # an open option list hides the chips from the a11y tree
    remove = chooser.locator("button[aria-label^='Remove']")
    while remove.count():
        before = remove.count()
        remove.first.click()
        expect(remove).to_have_count(before - 1, timeout=TIMEOUT)
        wait_idle(page)
    box = chooser.get_by_role("combobox")
    for n, label in enumerate(labels):
        box.click()
        box.fill(label)
        option = page.get_by_role("option", name=label).first
        expect(option).to_be_visible(timeout=TIMEOUT)
        if n == len(labels) - 1:
            start = time.perf_counter()
            option.click()
            if titles:
                rendered(page, titles)
            else:
                wait_idle(page)
            return time.perf_counter() - start
        option.click()
        page.keyboard.press("Escape")
        wait_idle(page)
    raise ValueError("no labels")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm selections (median)")
    parser.add_argument("--words", type=int, default=1500, help="words per long article")
    parser.add_argument("--model", default=None,
                        help="model file for WORKBENCH_MODEL ('none': no model; default: "
                             "the app's default model)")
    args = parser.parse_args(argv)
    if not os.access(CHROMIUM, os.X_OK):
        print(f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)", file=sys.stderr)
        return 2
    from workbench.paths import default_model_path

    env = dict(os.environ)
    if args.model == "none":
        env["WORKBENCH_MODEL"] = "/nonexistent/no-model.skops"
    elif args.model:
        env["WORKBENCH_MODEL"] = str(Path(args.model).resolve())
    model = Path(env.get("WORKBENCH_MODEL", default_model_path()))
    result: dict[str, object] = {"model": str(model) if model.exists() else "none",
                                 "cpus": os.cpu_count(),
                                 "load_average_before": round(os.getloadavg()[0], 1)}
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as tmp:
        result["words"] = build_seeds(Path(tmp), args.words)
        env["WORKBENCH_SEEDS"] = tmp
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError("streamlit exited early")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                        if r.read() == b"ok":
                            break
                except OSError:
                    time.sleep(0.05)
            result["rss_idle_mb"] = round(rss_mb(proc.pid))
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(url)
                expect(page.locator(".wb-title")).to_have_count(2, timeout=TIMEOUT)
                expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=TIMEOUT)
                wait_idle(page)
                result["cold_start_s"] = round(time.perf_counter() - start, 3)
                result["rss_after_first_page_mb"] = round(rss_mb(proc.pid))
                from workbench.dashboard import article_label
                from workbench.io.articles import read_file

                labels = {p.stem: article_label(read_file(p)[0])
                          for p in sorted(Path(tmp).glob("*.txt"))}
                long_pair = [labels[k] for k in LONG]
                short_pair = [labels["101_wire_named_sources"], labels["102_anonymous_hedged"]]
                titles = [title for title, _, _ in LONG.values()]
                result["select_cold_s"] = round(select(page, long_pair, titles), 3)
                warm = []
                for _ in range(args.runs):
                    select(page, short_pair[:1])
                    warm.append(select(page, long_pair, titles))
                result["select_warm_s"] = round(statistics.median(warm), 3)
                result["select_warm_all_s"] = [round(w, 3) for w in warm]
                result["tab_alignment_s"] = round(open_tab(
                    page, "Aligned paragraphs", page.locator(".wb-align .wb-cell").last), 3)
                result["tab_charts_s"] = round(open_tab(
                    page, "Charts", page.get_by_test_id("stVegaLiteChart").nth(2)
                    .locator("svg").first), 3)
                result["rss_end_mb"] = round(rss_mb(proc.pid))
                result["load_average_after"] = round(os.getloadavg()[0], 1)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

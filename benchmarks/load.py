"""Dashboard under load: concurrent sessions against one ``streamlit run app.py``.

Run ``.venv/bin/python benchmarks/load.py`` (options: ``--sessions``, ``--rounds``,
``--client``, ``--mode``, ``--timeout``, ``--model``, ``--no-warmup``). It starts the
dashboard on a free loopback port with the flags of the browser tests (it reuses the server
and Chromium helpers of ``tests/browser/conftest.py``) and, per round, opens ``--sessions``
sessions at once, each a real Streamlit session:

- ``--client browser`` (default): one browser context each in one headless Debian Chromium
  (never ``playwright install``); the time runs from ``page.goto`` until the comparison is
  rendered in the page, cue highlights included.
- ``--client ws``: Streamlit's own websocket protocol (``/_stcore/stream``, protobuf
  ``BackMsg``/``ForwardMsg``) without a browser; the time runs from connecting until the
  script run that holds the highlighted comparison has finished. This is the server's share
  of the latency: on a small machine the 20 browser tabs, not the server, use most CPU.

``--mode seeds`` (default) compares the two default seed articles (their scores come from
the shared cache after the first session); ``--mode paste`` then pastes an article of the
session's own, a unique text carrying the marker ``LOADMARK<n>`` (a cache miss: the server
scores it), and waits for it to be shown, highlighted, as a third article.

A session counts as an error when it times out, shows an exception or an error box, raises
a JavaScript error, shows the wrong articles, or shows another session's marker. All rounds
share one global deadline (``--timeout``); unfinished sessions are cancelled and counted as
errors. The table gives p50/p95/max of the times, and the RSS of the server process tree
(psutil, sampled every 50 ms): idle, after the warm-up session, peak during each round and
one second after it, with the CPU seconds used by the server and by the client in the
round. Closed sessions stay in the server's memory for ``server.disconnectedSessionTTL``
(120 s by default), so ``after`` includes them.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("browser_fixtures",
                                               ROOT / "tests" / "browser" / "conftest.py")
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)  # start_server, stop_server, CHROMIUM, CHROMIUM_ARGS

SEED_TITLES = ("Trump and Putin discuss", "Trump may have floated")
PASTE_TITLE = "Council budget {marker}"
PASTE_TEXT = ("Officials said on {marker} that the council may review the budget plan.\n\n"
              "Critics, who asked not to be named, suggested the plan could possibly "
              "raise taxes.\n\nThe mayor told reporters: \"We will publish every figure.\"")
MARKER = re.compile(r"LOADMARK\d{3}")
MS = 1000


def marker_of(n: int) -> str:
    return f"LOADMARK{n:03d}"


@dataclass
class Sample:
    """One session's outcome."""

    seconds: float | None = None
    error: str | None = None


@dataclass
class Round:
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    peak_rss: int = 0
    after_rss: int = 0
    server_cpu: float = 0.0
    client_cpu: float = 0.0


class TreeSampler(threading.Thread):
    """Sample a process tree every ``every`` s: RSS (now, peak since reset) and CPU seconds.

    CPU is summed over every process ever seen (its last sample), so Chromium renderers
    that exit when their context closes still count. ``skip``: a subtree left out.
    """

    def __init__(self, pid: int, *, skip: int | None = None, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.proc, self.skip, self.every = psutil.Process(pid), skip, every
        self.peak, self.stopped, self.cpu_seen = 0, threading.Event(), {}

    def processes(self) -> list[psutil.Process]:
        found = [self.proc, *self.proc.children(recursive=True)]
        if self.skip is None:
            return found
        skipped = {self.skip, *(c.pid for c in psutil.Process(self.skip).children(True))}
        return [p for p in found if p.pid not in skipped]

    def rss(self) -> int:
        total = 0
        for p in self.processes():
            try:
                total += p.memory_info().rss
                times = p.cpu_times()
                self.cpu_seen[(p.pid, p.create_time())] = times.user + times.system
            except psutil.Error:
                pass
        return total

    def cpu(self) -> float:
        return sum(self.cpu_seen.values())

    def reset(self) -> int:
        self.peak = now = self.rss()
        return now

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                self.peak = max(self.peak, self.rss())
            except psutil.Error:  # a process ended while being listed: sample again
                continue


def check(titles: list[str], text: str, n: int, mode: str) -> list[str]:
    """Problems with what one session shows: its article titles and its whole text."""
    problems = []
    expected = [*SEED_TITLES, *([PASTE_TITLE.format(marker=marker_of(n))] if mode == "paste"
                                else [])]
    if len(titles) != len(expected) or any(not t.startswith(w)
                                           for t, w in zip(titles, expected, strict=False)):
        problems.append(f"wrong articles {titles}")
    foreign = set(MARKER.findall(text)) - {marker_of(n)}
    if foreign:
        problems.append(f"shows another session's article {sorted(foreign)}")
    return problems


# ------------------------------------------------------------------------ browser client
async def browser_session(browser, url: str, n: int, mode: str, timeout_ms: float) -> Sample:
    """One browser context: open the page, wait for the highlighted comparison."""
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(timeout_ms)
    js_errors: list[str] = []
    try:
        page = await context.new_page()
        page.on("pageerror", lambda e: js_errors.append(str(e)))
        start = time.perf_counter()
        await page.goto(url, wait_until="commit")
        articles = page.locator(".wb-article")
        await expect(articles).to_have_count(2, timeout=timeout_ms)
        await expect(articles.nth(1).locator(".wb-hedge").first).to_be_visible(
            timeout=timeout_ms)
        if mode == "paste":
            marker = marker_of(n)
            await page.get_by_text("Add articles: upload files or paste text").click()
            await page.get_by_label("Title").fill(PASTE_TITLE.format(marker=marker))
            await page.get_by_label("Article text (paragraphs separated by blank lines)").fill(
                PASTE_TEXT.format(marker=marker))
            await page.get_by_role("button", name="Add pasted article").click()
            # One's own article replaces the samples: bring them back to compare it with.
            toggle = page.get_by_test_id("stCheckbox").get_by_text("Compare only my articles")
            await toggle.click(timeout=timeout_ms)
            await expect(articles).to_have_count(3, timeout=timeout_ms)
            await expect(articles.nth(2).locator(".wb-hedge").first).to_be_visible(
                timeout=timeout_ms)
            await expect(articles.nth(2)).to_contain_text(marker)
        seconds = time.perf_counter() - start
        await expect(page.get_by_test_id("stApp")).to_have_attribute(
            "data-test-script-state", "notRunning", timeout=timeout_ms)
        problems = check(await page.locator(".wb-title").all_inner_texts(),
                         await page.content(), n, mode)
        if await page.get_by_test_id("stException").count():
            problems.append("stException shown")
        if await page.get_by_test_id("stAlertContentError").count():
            problems.append("error box shown")
        if js_errors:
            problems.append(f"JavaScript error {js_errors[0][:80]}")
        return Sample(seconds, "; ".join(problems) or None)
    except Exception as err:  # a timeout or a crash is this session's error, not the run's
        return Sample(None, f"{type(err).__name__}: {str(err).splitlines()[0][:120]}")
    finally:
        await context.close()


# ---------------------------------------------------------------------- websocket client
async def script_run(ws, widgets: list | None = None) -> tuple[dict, list[str], list[str]]:
    """Ask for a script run; return widget ids by key, the st.html bodies and problems."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.widget_states.widgets.extend(widgets or [])
    await ws.send(msg.SerializeToString())
    ids, html, problems = {}, [], []
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await ws.recv())
        kind = reply.WhichOneof("type")
        if kind == "script_finished":
            if reply.script_finished != 0:  # FINISHED_SUCCESSFULLY
                problems.append(f"script run ended with status {reply.script_finished}")
            return ids, html, problems
        if kind != "delta" or reply.delta.WhichOneof("type") != "new_element":
            continue
        element = reply.delta.new_element
        what = element.WhichOneof("type")
        body = getattr(element, what)
        if what == "html":
            html.append(body.body)
        elif what == "exception":
            problems.append(f"exception {body.type}: {body.message[:80]}")
        elif what == "alert" and body.format == body.ERROR:
            problems.append(f"error box {body.body[:80]}")
        elif "-" in (widget_id := getattr(body, "id", "") or ""):
            ids[widget_id.rsplit("-", 1)[1]] = widget_id  # "$$ID-<hash>-<key>"


async def ws_session(url: str, n: int, mode: str, timeout_ms: float) -> Sample:
    """One session over Streamlit's websocket: run the page (and paste), check the HTML."""
    import websockets
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    def titles(html: list[str]) -> list[str]:
        return [re.sub(r"<[^>]+>", "", m) for h in html
                for m in re.findall(r'<div class="wb-title">(.*?)</div>', h)]

    try:
        async with asyncio.timeout(timeout_ms / MS):
            start = time.perf_counter()
            async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream",
                                          subprotocols=["streamlit"], origin=url,
                                          max_size=None) as ws:
                ids, html, problems = await script_run(ws)
                if mode == "paste":
                    marker = marker_of(n)
                    ids, html, more = await script_run(ws, [
                        WidgetState(id=ids["paste_title"],
                                    string_value=PASTE_TITLE.format(marker=marker)),
                        WidgetState(id=ids["paste_text"],
                                    string_value=PASTE_TEXT.format(marker=marker)),
                        WidgetState(id=ids["paste_add"], trigger_value=True)])
                    problems += more
                    # One's own article replaces the samples: bring them back beside it.
                    ids, html, more = await script_run(ws, [
                        WidgetState(id=ids["only_mine"], bool_value=False)])
                    problems += more
                seconds = time.perf_counter() - start
        bodies = [h for h in html if h.startswith('<div class="wb-article">')]
        if not bodies or any('class="wb-hedge' not in b for b in bodies[1:]):
            problems.append("comparison without highlights")
        problems += check(titles(html), "".join(html), n, mode)
        return Sample(seconds, "; ".join(problems) or None)
    except Exception as err:  # a timeout or a crash is this session's error, not the run's
        first = (str(err).splitlines() or [""])[0][:120]
        return Sample(None, f"{type(err).__name__}: {first}")


# ------------------------------------------------------------------------------ the run
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions per round")
    parser.add_argument("--rounds", type=int, default=1, help="rounds on the same server")
    parser.add_argument("--client", choices=("browser", "ws"), default="browser")
    parser.add_argument("--mode", choices=("seeds", "paste"), default="seeds")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="global deadline in seconds for all rounds")
    parser.add_argument("--model", default="auto",
                        help="auto (the default model if present) | none | PATH of a .skops")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false",
                        help="start the round on a server no session has used yet")
    return parser.parse_args(argv)


def server_env(choice: str, tmp: Path) -> tuple[dict[str, str], str]:
    """The environment for the server, and the model it will use (for the report)."""
    from workbench.paths import default_model_path

    if choice == "none" or (choice == "auto" and not default_model_path().exists()):
        return {"WORKBENCH_MODEL": str(tmp / "absent.skops")}, "none (frame-cue counts)"
    path = default_model_path() if choice == "auto" else Path(choice).resolve()
    return {"WORKBENCH_MODEL": str(path)}, str(path)


async def run_round(open_session, args: argparse.Namespace, deadline: float,
                    offset: int) -> Round:
    left = max(deadline - time.monotonic(), 1.0)
    tasks = [asyncio.create_task(open_session(offset + i, args.mode, left * MS))
             for i in range(args.sessions)]
    start = time.perf_counter()
    done, pending = await asyncio.wait(tasks, timeout=left)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    result = Round(wall=time.perf_counter() - start)
    result.samples = [t.result() if t in done else Sample(None, "global timeout")
                      for t in tasks]
    return result


async def rounds_on(open_session, server: TreeSampler, client: TreeSampler,
                    args: argparse.Namespace) -> tuple[Sample | None, int, list[Round]]:
    deadline = time.monotonic() + args.timeout
    warm = await open_session(999, "seeds", args.timeout * MS) if args.warmup else None
    warm_rss = server.reset()
    rounds = []
    for r in range(args.rounds):
        server.reset()
        client.rss()
        cpu = server.cpu(), client.cpu()
        result = await run_round(open_session, args, deadline, offset=r * args.sessions)
        result.peak_rss = server.peak
        await asyncio.sleep(1.0)  # let the last reruns and websocket closes settle
        result.after_rss = server.rss()
        client.rss()
        result.server_cpu = server.cpu() - cpu[0]
        result.client_cpu = client.cpu() - cpu[1]
        rounds.append(result)
    return warm, warm_rss, rounds


async def drive(url: str, server: TreeSampler, client: TreeSampler,
                args: argparse.Namespace) -> tuple[Sample | None, int, list[Round]]:
    if args.client == "ws":
        return await rounds_on(lambda n, mode, ms: ws_session(url, n, mode, ms),
                               server, client, args)
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=fixtures.CHROMIUM,
                                           args=fixtures.CHROMIUM_ARGS)
        try:
            return await rounds_on(
                lambda n, mode, ms: browser_session(browser, url, n, mode, ms),
                server, client, args)
        finally:
            await browser.close()


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile: the p95 of 20 values is the 19th smallest.

    Examples
    --------
    >>> quantile([float(i) for i in range(1, 21)], 0.95)
    19.0
    """
    ordered = sorted(values)
    rank = -(-round(q * 100) * len(ordered) // 100)  # ceil(q * n)
    return ordered[max(0, min(len(ordered), rank) - 1)]


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def report(args, url, healthy, model, load, idle, warm, warm_rss, rounds, log) -> int:
    """Print the run's table; return the exit status (1 when anything failed)."""
    print(f"machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
          f"load average before {load:.1f}, after {os.getloadavg()[0]:.1f}; "
          f"Python {sys.version.split()[0]}")
    print(f"server: {url} healthy after {healthy:.2f} s; model: {model}")
    print(f"client: {args.client}; mode: {args.mode}; {args.sessions} concurrent sessions "
          f"x {args.rounds} round(s); global timeout {args.timeout:.0f} s")
    if warm is not None:
        failed = f"; ERROR {warm.error}" if warm.error else ""
        print(f"warm-up session (first script run, imports included): "
              f"{warm.seconds or float('nan'):.2f} s{failed}")
    print(f"server RSS (process tree): idle {mb(idle)} MB, after warm-up {mb(warm_rss)} MB\n")
    head = (f"{'round':>5} {'sessions':>8} {'errors':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
            f"{'wall s':>7} {'RSS peak MB':>11} {'RSS after MB':>12} {'server CPU s':>12} "
            f"{'client CPU s':>12}")
    print(head)
    print("-" * len(head))
    errors = 0
    for i, r in enumerate(rounds, 1):
        times = [s.seconds for s in r.samples if s.seconds is not None and s.error is None]
        bad = [s.error for s in r.samples if s.error]
        errors += len(bad)
        stats = (f"{statistics.median(times):7.2f} {quantile(times, 0.95):7.2f} {max(times):7.2f}"
                 if times else f"{'-':>7} {'-':>7} {'-':>7}")
        print(f"{i:>5} {len(r.samples):>8} {len(bad):>6} {stats} {r.wall:7.2f} "
              f"{mb(r.peak_rss):>11} {mb(r.after_rss):>12} {r.server_cpu:12.1f} "
              f"{r.client_cpu:12.1f}")
        for err in dict.fromkeys(bad):
            print(f"      error x{bad.count(err)}: {err}")
    tracebacks = log.count("Traceback")
    print(f"\nserver log: {tracebacks} traceback(s)")
    if tracebacks:
        print(log[log.index("Traceback"):][:2000])
    return 1 if errors or tracebacks or (warm is not None and warm.error) else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.client == "browser" and not os.access(fixtures.CHROMIUM, os.X_OK):
        print(f"Chromium not found at {fixtures.CHROMIUM}: apt-get install -y chromium "
              "(never `playwright install`), or use --client ws", file=sys.stderr)
        return 2
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="workbench-load-") as tmp:
        env, model = server_env(args.model, Path(tmp))
        started = time.perf_counter()
        proc, url = fixtures.start_server(Path(tmp) / "server.log", env)
        healthy = time.perf_counter() - started
        server = TreeSampler(proc.pid)
        client = TreeSampler(os.getpid(), skip=proc.pid)
        try:
            idle = server.reset()
            server.start()
            client.start()
            warm, warm_rss, rounds = asyncio.run(drive(url, server, client, args))
        finally:
            server.stopped.set()
            client.stopped.set()
            fixtures.stop_server(proc)
        log = (Path(tmp) / "server.log").read_text(errors="replace")
    return report(args, url, healthy, model, load, idle, warm, warm_rss, rounds, log)


if __name__ == "__main__":
    sys.exit(main())

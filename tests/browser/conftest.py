"""Real-browser fixtures: `streamlit run app.py` on a free loopback port, driven by Debian's
Chromium through pytest-playwright (never `playwright install`).

Follows /work/shared/docs/BROWSER_TESTING.md: check the server process before and after
the health check (a stale server on a busy port must not answer for ours), stop it by its
own PID, and skip every browser test with a clear message when Chromium is absent.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_FILE = ROOT / "app.py"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, url: str, log: Path, timeout: float = 60) -> float:
    """Poll /_stcore/health until it says ok; the process is checked first on every loop."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200 and reply.read().strip() == b"ok" and proc.poll() is None:
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"streamlit not healthy after {timeout}s:\n{log.read_text()}")


def start_server(log: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` from the project folder (so .streamlit/ applies)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP_FILE),
           "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, **env}, start_new_session=True)
    try:
        wait_healthy(proc, url, log)
    except BaseException:
        stop_server(proc)
        raise
    return proc, url


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM exactly the process we started, and reap it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: run `apt-get install -y "
                    "chromium` (Debian package; `make test` does it when root) or set "
                    "CHROMIUM_PATH. Do not use `playwright install`.")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    """pytest-playwright's fixture, pointed at the system Chromium (skips when absent)."""
    return {**browser_type_launch_args, "executable_path": chromium_path,
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 900},
            "accept_downloads": True}


@pytest.fixture(scope="session")
def server_env(request, tmp_path_factory) -> dict[str, str]:
    """The server scores with the small fixture model, never with the big default file.

    Without the frame classifier in the checkout, it runs model-less (frame-cue counts).
    """
    try:
        model = request.getfixturevalue("dashboard_model_path")
    except pytest.skip.Exception:
        model = tmp_path_factory.mktemp("no-model") / "absent.skops"
    return {"WORKBENCH_MODEL": str(model)}


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory, chromium_path, server_env) -> Iterator[str]:
    """One server for the browser tests; yields its base URL."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    proc, url = start_server(log, server_env)
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture
def fresh_server(tmp_path, chromium_path, server_env) -> Iterator[str]:
    """A server nobody has talked to yet (its first script run has not happened)."""
    proc, url = start_server(tmp_path / "server.log", server_env)
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def base_url(streamlit_server) -> str:
    """pytest-base-url's fixture: page.goto('/') opens our server."""
    return streamlit_server

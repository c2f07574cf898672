"""No partial outputs: an interrupted or failing run leaves the previous file or a complete one.

Signals go to a real ``python -m workbench score`` process, part-way through a corpus that
takes several seconds; a full disk is a tiny tmpfs (as root) or a writer that fails half-way.
Exit codes are those of the ``workbench.cli`` docstring: 0, 1, 2, 130.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import psutil
import pytest

from workbench.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, main
from workbench.io.tables import read_table

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS = "previous,run\n1,2\n"


def seed_paragraphs() -> list[str]:
    lines = (ROOT / "seeds" / "101_wire_named_sources.txt").read_text(encoding="utf-8")
    return [p for p in lines.splitlines()[1:] if p.strip() and not p.startswith("---")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL corpus of 12,000 articles (96,000 paragraphs, 33 MB, four chunks of
    :data:`workbench.bulk.scoring.CHUNK_BYTES`): a run of many seconds, in worker processes."""
    rng = random.Random(0)
    pars = seed_paragraphs()
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(12_000):
            text = "\n".join(rng.choices(pars, k=8))
            fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder of 5,000 article files: the in-memory path (read all, score, write once),
    long enough to be interrupted after 3 CPU seconds."""
    rng = random.Random(1)
    pars = seed_paragraphs()
    path = tmp_path_factory.mktemp("articles")
    for i in range(5000):
        body = "\n".join(rng.choices(pars, k=8))
        (path / f"a{i:05}.txt").write_text(f"Headline {i}\n{body}\n", encoding="utf-8")
    return path


def part_files(out: Path) -> list[Path]:
    """Temporary files ``atomic_path`` leaves behind if it fails to clean up."""
    return sorted(out.parent.glob(f".{out.name}.*.part"))


def start_score(inputs: Path, out: Path) -> subprocess.Popen:
    # a session of its own, so that a "Ctrl-C" can go to its whole process group
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "score", str(inputs), "--out", str(out),
         "--model", "none"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_until(condition, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Poll ``condition`` until true; fail if the process ends first (it was meant to be busy)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"finished before the signal: {proc.stderr.read()!r}"
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.05)


def cpu_seconds(proc: subprocess.Popen) -> float:
    try:
        times = psutil.Process(proc.pid).cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system


def interrupt(proc: subprocess.Popen, how: str) -> tuple[int, str, float]:
    """Send the signal (``ctrl-c``: SIGINT to the process group, as a terminal does); return
    the exit code, stderr and the seconds it took to stop. Every worker must be gone too."""
    children = psutil.Process(proc.pid).children(recursive=True)
    start = time.monotonic()
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, getattr(signal, how))
    try:
        _, err = proc.communicate(timeout=60)
        seconds = time.monotonic() - start
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    _, alive = psutil.wait_procs(children, timeout=15)
    assert not alive, f"worker processes left running: {alive}"
    return proc.returncode, err.decode(errors="replace"), seconds


@pytest.mark.parametrize(("how", "previous"), [("ctrl-c", True), ("SIGINT", False),
                                               ("SIGTERM", True)])
def test_signal_during_corpus_scoring(corpus, tmp_path, how, previous):
    out = tmp_path / "scores.csv"
    if previous:
        out.write_text(PREVIOUS)
    proc = start_score(corpus, out)
    wait_until(lambda: part_files(out), proc)  # the output is open: scoring has begun
    time.sleep(1.0)
    code, err, seconds = interrupt(proc, how)
    assert code == EXIT_INTERRUPTED, err
    assert "interrupted: no partial output was written" in err
    # not at the end of the chunk in progress (about 10 s here): SIGINT with Python's
    # default handler waited for it when sent to the main process alone
    assert seconds < 6
    assert (out.read_text() == PREVIOUS) if previous else not out.exists()
    assert part_files(out) == []


@pytest.mark.parametrize("how", ["SIGTERM", "ctrl-c"])
def test_signal_during_article_scoring(folder, tmp_path, how):
    out = tmp_path / "scores.csv"
    out.write_text(PREVIOUS)
    proc = start_score(folder, out)
    wait_until(lambda: cpu_seconds(proc) > 3.0, proc)  # past the imports, into the work
    code, err, _ = interrupt(proc, how)
    assert code == EXIT_INTERRUPTED, err
    assert out.read_text() == PREVIOUS
    assert part_files(out) == []


def test_sigkill_keeps_the_previous_file(corpus, tmp_path):
    # SIGKILL cannot be caught: a .part file may stay, but the output is never half-written
    out = tmp_path / "scores.csv"
    out.write_text(PREVIOUS)
    proc = start_score(corpus, out)
    wait_until(lambda: part_files(out), proc)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert out.read_text() == PREVIOUS


def test_a_run_left_alone_writes_a_complete_file(seeds_dir, tmp_path):
    out = tmp_path / "scores.csv"
    out.write_text(PREVIOUS)
    proc = start_score(seeds_dir, out)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_OK, err
    table = read_table(out)
    assert table.height > 20 and table["text"].null_count() == 0
    assert part_files(out) == []


class FailingFile:
    """A file that accepts half of what is written to it, then fails as a full disk does."""

    def __init__(self, real, exc: BaseException) -> None:
        self.real, self.exc = real, exc

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        raise self.exc

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def fail_writes(monkeypatch, exc: BaseException) -> None:
    """Make every output write fail half-way: polars' writer and the streaming writer."""
    real_csv = pl.DataFrame.write_csv

    def write_csv(self, file=None, *args, **kwargs):
        if file is None or isinstance(file, io.BytesIO):  # in memory: the streaming writer
            return real_csv(self, file, *args, **kwargs)  # writes it out itself
        with open(file, "w") as fh:
            fh.write(real_csv(self, None, *args, **kwargs)[:100])
        raise exc

    def open_failing(file, mode="r", *args, **kwargs):
        handle = builtins.open(file, mode, *args, **kwargs)
        return FailingFile(handle, exc) if "w" in mode else handle

    monkeypatch.setattr(pl.DataFrame, "write_csv", write_csv)
    monkeypatch.setattr("workbench.io.tables.open", open_failing, raising=False)


@pytest.mark.parametrize("inputs", ["articles", "corpus"])
@pytest.mark.parametrize(("exc", "code", "message"), [
    (OSError(errno.ENOSPC, "No space left on device"), EXIT_FAILED, "No space left on device"),
    (KeyboardInterrupt(), EXIT_INTERRUPTED, "interrupted: no partial output was written"),
])
def test_failure_half_way_through_writing(seeds_dir, tmp_path, monkeypatch, capsys, inputs,
                                          exc, code, message):
    if inputs == "articles":
        source = seeds_dir
    else:
        source = tmp_path / "small.jsonl"
        source.write_text("".join(json.dumps({"text": p}) + "\n" for p in seed_paragraphs()))
    out = tmp_path / "out" / "scores.csv"
    out.parent.mkdir()
    out.write_text(PREVIOUS)
    fail_writes(monkeypatch, exc)
    assert main(["score", str(source), "--out", str(out), "--model", "none"]) == code
    assert message in capsys.readouterr().err
    assert out.read_text() == PREVIOUS
    assert part_files(out) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 32 KiB tmpfs (needs root); skipped where mounting is not permitted."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a tmpfs needs root and mount(8); the monkeypatched full disk covers it")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("inputs", ["articles", "corpus"])
def test_full_disk_keeps_the_previous_file(tiny_disk, seeds_dir, tmp_path, capsys, inputs):
    if inputs == "articles":
        source = seeds_dir
    else:
        source = tmp_path / "big.jsonl"
        pars = seed_paragraphs()
        source.write_text("".join(json.dumps({"text": "\n".join(pars)}) + "\n"
                                  for _ in range(40)))
    out = tiny_disk / "scores.csv"
    out.write_text(PREVIOUS)
    assert main(["score", str(source), "--out", str(out), "--model", "none"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"error: {out}: cannot write the output (No space left on device" in err
    assert out.read_text() == PREVIOUS
    assert part_files(out) == []


def test_output_has_the_permissions_of_a_plain_write(seeds_dir, tmp_path):
    # the temporary file used to come from mkstemp: mode 0600, kept by the finished output
    out = tmp_path / "scores.csv"
    assert main(["score", str(seeds_dir), "--out", str(out), "--model", "none"]) == EXIT_OK
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_main_restores_the_signal_handlers(seed_article, tmp_path):
    # main() is called in-process by tests and the dashboard: it must not leave its handlers
    before = [signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)]
    main(["score", str(seed_article), "--out", str(tmp_path / "s.csv"), "--model", "none"])
    assert [signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)] == before


def test_an_unexpected_error_exits_2_not_1(seed_article, tmp_path, monkeypatch, capsys):
    # exit 1 means "some inputs were bad, the rest was written": a crash must not say that
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("workbench.cli.score_corpus", broken)
    out = tmp_path / "s.csv"
    assert main(["score", str(seed_article), "--out", str(out), "--model", "none"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "unexpected error, nothing was written" in err and "RuntimeError: a bug" in err
    assert not out.exists()


# --- workbench train: the model file and its two card files ----------------------------

def model_files(out: Path) -> dict[str, str]:
    """The model and its cards, as text (a previous run's content in these tests)."""
    paths = [out, out.with_suffix(".card.json"), out.with_suffix(".card.md")]
    return {p.name: p.read_text() for p in paths if p.exists()}


def previous_model(folder: Path) -> Path:
    out = folder / "frames.skops"
    for path in (out, out.with_suffix(".card.json"), out.with_suffix(".card.md")):
        path.write_text(f"previous {path.name}\n")
    return out


def full_disk_training_keeps(out: Path, before: dict[str, str], labelled_csv: Path,
                             capsys: pytest.CaptureFixture) -> None:
    """Train onto ``out`` while the disk fails: exit 1 naming the full disk, the previous
    model and cards as ``before``, and no temporary file left beside them."""
    assert main(["train", str(labelled_csv), "--out", str(out), "--cv", "2"]) == EXIT_FAILED
    assert "No space left on device" in capsys.readouterr().err
    assert model_files(out) == before
    assert leftovers(out.parent) == []


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("how", ["SIGTERM", "ctrl-c"])
def test_signal_during_training(tmp_path, how):
    out = previous_model(tmp_path)
    before = model_files(out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "train", str(ROOT / "seeds" / "framing_paragraphs"),
         "--label-column", "frame", "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True)
    wait_until(lambda: cpu_seconds(proc) > 3.0, proc)  # into the cross-validation
    code, err, _ = interrupt(proc, how)
    assert code == EXIT_INTERRUPTED, err
    assert model_files(out) == before
    assert leftovers(tmp_path) == []


@pytest.fixture
def labelled_csv(tmp_path) -> Path:
    """A tiny labelled table that trains in a second."""
    texts = ["Taxes rose again and wages fell.", "Jobs and budgets were cut.",
             "The court struck the law down.", "Judges ruled on the statute."] * 3
    frames = ["economic", "economic", "legality", "legality"] * 3
    path = tmp_path / "labels.csv"
    pl.DataFrame({"text": texts, "frame": frames}).write_csv(path)
    return path


def test_train_write_failing_half_way_keeps_the_previous_model(labelled_csv, tmp_path,
                                                               monkeypatch, capsys):
    import skops.io as sio

    real_dump = sio.dump

    def dump(obj, file, **kwargs):
        real_dump(obj, file, **kwargs)
        Path(file).write_bytes(Path(file).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sio, "dump", dump)
    folder = tmp_path / "models"
    folder.mkdir()
    out = previous_model(folder)
    before = model_files(out)
    full_disk_training_keeps(out, before, labelled_csv, capsys)


def test_train_on_a_full_disk(tiny_disk, labelled_csv, capsys):
    out = previous_model(tiny_disk)
    before = model_files(out)
    stat = os.statvfs(tiny_disk)  # leave 4 KiB free: less than the tiny model needs
    (tiny_disk / "filler").write_bytes(b"x" * (stat.f_bavail * stat.f_frsize - 4096))
    full_disk_training_keeps(out, before, labelled_csv, capsys)


@pytest.mark.parametrize("failing", [".card.json", ".card.md"])
def test_train_never_leaves_a_new_model_beside_an_old_card(labelled_csv, tmp_path,
                                                            monkeypatch, capsys, failing):
    # the model used to be moved into place before its cards were written: a full disk
    # then left the new model, a new card.json and the previous card.md
    real_write = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name.startswith(".") and failing in self.name:  # a temporary card file
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    folder = tmp_path / "models"
    folder.mkdir()
    out = previous_model(folder)
    before = model_files(out)
    full_disk_training_keeps(out, before, labelled_csv, capsys)


def test_interrupted_corpus_on_standard_output_says_the_rows_are_incomplete(
        tmp_path, monkeypatch, capsys):
    from workbench.bulk import scoring as bulk
    source = tmp_path / "corpus.jsonl"
    article = json.dumps({"text": "\n\n".join(seed_paragraphs())}) + "\n"
    source.write_text(article * (2 * bulk.CHUNK_BYTES // len(article) + 1))  # over two chunks
    real, calls = bulk.score_chunk, []

    def interrupted(chunk, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(chunk, **kwargs)

    monkeypatch.setattr(bulk, "score_chunk", interrupted)
    code = main(["score", str(source), "--model", "none", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == EXIT_INTERRUPTED and out.startswith("article_id,")  # the first chunk went out
    assert "rows already printed to standard output are only part of the table" in err
    assert "no partial output" not in err

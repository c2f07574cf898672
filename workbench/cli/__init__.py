"""Command line: ``workbench score|compare|train|evaluate``. A thin shell over the library.

Exit codes: 0 success; 1 some inputs were bad (the rest was written and the bad ones
listed); 2 usage error or nothing could be done; 130 interrupted by Ctrl-C or SIGTERM
(no partial file; rows already streamed to standard output are incomplete).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from workbench.bulk.scoring import score_corpus
from workbench.cli import corpus_commands, model_commands
from workbench.errors import NoArticlesError, ResourceError, WorkbenchError
from workbench.io.articles import read_articles
from workbench.io.tables import output_format, write_table
from workbench.paths import default_model_path
from workbench.schema import FRAMES_FOUND
from workbench.score import score, summarise_articles

log = logging.getLogger(__name__)
EXIT_OK, EXIT_PARTIAL, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_WARNING_LINES = 20
"""Segmentation warnings printed one per file; beyond this, one line counts the rest."""


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that reads articles."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files (.txt .md .html), corpora (.jsonl .csv .parquet, "
                             "optionally .gz) or folders of them")
    parser.add_argument("--model", default="auto",
                        help="frame model (.skops); 'auto' uses models/framing-mfc.skops "
                             "when present, 'none' skips frame probabilities")


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Output options shared by ``score`` and ``compare``, defined once."""
    parser.add_argument("--out", type=Path, help="write .csv or .parquet here "
                        "(atomically); without it, CSV goes to standard output")
    parser.add_argument("--by", choices=("paragraph", "article"), default="paragraph",
                        help="one row per paragraph (default) or per article")
    parser.add_argument("--cues", action=argparse.BooleanOptionalAction, default=True,
                        help="add the cue columns (default); --no-cues leaves them out, "
                             "which makes scoring large corpora about 6x faster")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``workbench`` command."""
    parser = argparse.ArgumentParser(prog="workbench", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("score", help="score articles, one row per paragraph",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="example:\n  workbench score seeds/ --out scores.csv")
    add_input_options(p)
    add_output_options(p)
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes for inputs of more than one chunk "
                        "(default: one per CPU)")
    p.set_defaults(func=run_score)

    p = sub.add_parser("compare", help="compare articles: one row per article, side by side",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="example:\n  workbench compare seeds/101_wire_named_sources.txt "
                              "seeds/102_anonymous_hedged.txt")
    add_input_options(p)
    p.add_argument("--out", type=Path, help="also write the article table (.csv or .parquet)")
    p.set_defaults(func=run_compare)

    model_commands.add_parsers(sub)
    corpus_commands.add_parsers(sub)
    return parser


def resolve_model(choice: str) -> object | None:
    """Load the model named on the command line; ``auto`` is the default model if present."""
    if choice == "none":
        return None
    from workbench.model import load_model

    if choice == "auto":
        try:
            path = default_model_path()
        except ResourceError as err:
            log.warning("%s: frame probabilities left out", err)
            return None
        if not path.exists():
            log.warning("no default model at %s: frame probabilities left out", path)
            return None
        return load_model(path)
    return load_model(choice)


def read_inputs(paths: Sequence[str]) -> tuple[list, int]:
    """Read articles, report bad inputs on stderr; return articles and the exit code so far.

    Articles whose paragraphs look wrong (``Article.warnings``) get one ``warning:`` line
    each; they are still scored and the exit code does not change.
    """
    result = read_articles(paths)
    for err in result.errors:
        print(f"error: {err}", file=sys.stderr)
    print_warnings([f"{a.source or a.article_id}: {'; '.join(a.warnings)}"
                    for a in result.articles if a.warnings])
    if not result.articles:
        raise NoArticlesError(result.errors)  # each printed above
    return result.articles, EXIT_PARTIAL if result.errors else EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    """``workbench score``: article files and corpora alike, read in chunks
    (:func:`workbench.io.reader.read_chunks`), scored (in worker processes when there is
    more than one chunk) and streamed to the output."""
    if args.out is not None:
        output_format(args.out)  # refuse a bad suffix before any work
    try:
        report = score_corpus(args.paths, args.out, model=resolve_model(args.model),
                              cues=args.cues, by=args.by, workers=args.workers)
    except NoArticlesError as err:  # say why each input failed, then that nothing was read
        for input_error in err.errors:
            print(f"error: {input_error}", file=sys.stderr)
        raise
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
    print_warnings(report.warnings)
    print(report.summary() + (f"; wrote {args.out}" if args.out else ""), file=sys.stderr)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def print_warnings(lines: Sequence[str]) -> None:
    """Print ``warning: FILE: ...`` lines on stderr, at most :data:`MAX_WARNING_LINES`."""
    for line in lines[:MAX_WARNING_LINES]:
        print(f"warning: {line}", file=sys.stderr)
    if len(lines) > MAX_WARNING_LINES:
        print(f"warning: {len(lines) - MAX_WARNING_LINES} more files whose paragraphs may be "
              "split wrongly (not listed)", file=sys.stderr)


def run_compare(args: argparse.Namespace) -> int:
    """``workbench compare``: print the article-level figures side by side."""
    articles, code = read_inputs(args.paths)
    from workbench.model.article_frames import model_frames_found

    model = resolve_model(args.model)
    table = score(articles, model=model, cues=False)
    summary = model_frames_found(summarise_articles(table), model)
    if args.out is not None:
        write_table(summary, args.out)
    shown = [c for c in ("hedge_per_100w", "hedged_sentence_share", "booster_per_100w",
                         "attribution_per_sentence", "named_source_count",
                         "anonymous_source_count", "anonymous_source_share",
                         "direct_quote_share", "quoted_word_share", "frame_primary",
                         FRAMES_FOUND, "n_paragraphs", "n_confident_paragraphs")
             if c in summary.columns]
    from workbench.dashboard.summary import figures_by_article

    wide = figures_by_article(summary, shown)  # counts as integers, figures to 3 digits
    with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=40, tbl_width_chars=200,
                   tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=True):
        print(wide)
    return code


def emit(table: pl.DataFrame, out: Path | None) -> None:
    """Write ``table`` to ``out`` atomically, or as CSV to standard output."""
    write_table(table, out)
    if out is not None:
        print(f"wrote {table.height} rows to {out}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s: %(message)s")
    restore = _signals_as_interrupt()
    try:
        return args.func(args)
    except WorkbenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(_interrupted_message(args), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # a bug: keep the traceback, but never exit 1, which means "partial"
        traceback.print_exc(file=sys.stderr)
        print("error: unexpected error, nothing was written; please report it with the "
              "traceback above", file=sys.stderr)
        return EXIT_FAILED
    finally:
        restore()


def _interrupted_message(args: argparse.Namespace) -> str:
    """What an interrupted run left: no file, but maybe a part printed on standard output
    (corpus scores stream there as they are made)."""
    if getattr(args, "out", "") is None:
        return ("interrupted: no file was written; rows already printed to standard output "
                "are only part of the table")
    return "interrupted: no partial output was written"


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _signals_as_interrupt() -> Callable[[], None]:
    """Make SIGTERM (``kill``, a job scheduler) and SIGINT raise KeyboardInterrupt; return
    the undo.

    SIGINT gets the same Python handler because, with Python's default one, a Ctrl-C sent
    while ``workbench score`` waited on a worker took effect only when the chunk was done;
    with a Python-level handler, at once (measured in docs/scaling.md, section "cli").
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # handlers can only be set from the main thread
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGINT):
        if signal.getsignal(signum) is signal.SIG_IGN:
            continue  # e.g. SIGINT in a background job: keep it ignored
        old = signal.signal(signum, _raise_interrupt)
        previous[signum] = signal.SIG_DFL if old is None else old  # None: set outside Python

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore

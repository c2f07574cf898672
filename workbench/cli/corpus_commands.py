"""Command-line subcommands for corpora (``stories``, ``outlets``): thin shells over
:mod:`workbench.corpus`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

STORIES_EXAMPLE = """example:
  workbench stories corpus.jsonl --out groups.parquet"""

OUTLETS_EXAMPLE = """example:
  workbench outlets scores.parquet --by outlet --stories groups.parquet \\
      --out outlets.csv --report report.md"""


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register the corpus subcommands on ``sub``."""
    from workbench.corpus.stories import StoryGrouper

    d = StoryGrouper()
    p = sub.add_parser("stories", help="group a corpus's articles into same-event stories",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=STORIES_EXAMPLE)
    p.add_argument("corpus", metavar="CORPUS", type=Path, help="a corpus (.jsonl .csv "
                   ".parquet, one article per row) or a table from `workbench score`")
    p.add_argument("--out", type=Path, required=True, help="groups table (.parquet or .csv)")
    p.add_argument("--threshold", type=float, default=d.threshold,
                   help=f"mean similarity at which two groups of articles merge (average "
                        f"link; default {d.threshold}, on a plateau of F1 on the dev gold "
                        "set; links also need a shared rare name or figure)")
    p.add_argument("--window-days", type=int, default=d.window_days,
                   help=f"largest date gap inside a story (default {d.window_days})")
    p.set_defaults(func=run_stories)

    p = sub.add_parser("outlets", help="compare outlets: every measure with a bootstrap "
                       "interval, and paired differences over shared stories",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=OUTLETS_EXAMPLE)
    p.add_argument("scores", metavar="SCORES", type=Path,
                   help="a table from `workbench score` (paragraph or article rows)")
    p.add_argument("--by", default="outlet", help="column naming the outlet (default outlet)")
    p.add_argument("--stories", type=Path, help="groups from `workbench stories`: resample "
                   "stories, and add paired differences between outlets")
    p.add_argument("--out", type=Path, required=True, help="intervals table (.csv .parquet); "
                   "differences go beside it as NAME.differences.EXT")
    p.add_argument("--report", type=Path, help="also write a Markdown report here")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap draws (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.set_defaults(func=run_outlets)


def run_stories(args: argparse.Namespace) -> int:
    from workbench.corpus.stories import StoryGrouper
    from workbench.corpus.tables import read_grouping_input, story_table
    from workbench.io.tables import write_table

    articles = read_grouping_input(args.corpus)
    grouper = StoryGrouper(threshold=args.threshold, window_days=args.window_days)
    table = story_table(articles, grouper.fit_predict(articles))
    write_table(table, args.out)
    n = table["story_id"].n_unique()
    print(f"wrote {table.height} articles in {n} stories to {args.out}", file=sys.stderr)
    return 0


def run_outlets(args: argparse.Namespace) -> int:
    from itertools import combinations

    import polars as pl

    from workbench.corpus.outlets import outlet_intervals, paired_differences
    from workbench.corpus.report import markdown_report
    from workbench.corpus.tables import article_measures
    from workbench.io.tables import read_table, write_table

    articles = article_measures(read_table(args.scores))
    if args.by not in articles.columns:
        print(f"error: {args.scores} has no column {args.by!r}", file=sys.stderr)
        return 2
    articles = articles.with_columns(pl.col(args.by).cast(pl.String).fill_null("(none)"))
    stories = read_table(args.stories).select("article_id", "story_id") if args.stories else None
    intervals = outlet_intervals(articles, by=args.by, stories=stories, n_boot=args.n_boot,
                                 seed=args.seed)
    write_table(intervals, args.out)
    diffs = None
    if stories is not None:
        outlets = sorted(articles[args.by].unique().to_list())
        parts = [paired_differences(articles, stories, a, b, by=args.by, n_boot=args.n_boot,
                                    seed=args.seed) for a, b in combinations(outlets, 2)]
        if parts:
            diffs = pl.concat(parts)
            write_table(diffs, args.out.with_name(
                f"{args.out.stem}.differences{args.out.suffix}"))
    if args.report:
        chart = write_chart(intervals, args.report, by=args.by)
        args.report.write_text(markdown_report(intervals, diffs, by=args.by, chart_path=chart),
                               encoding="utf-8")
    print(f"wrote {intervals.height} outlet-measure rows to {args.out}", file=sys.stderr)
    return 0


def write_chart(intervals, report: Path, *, by: str) -> Path | None:
    """Write the outlets chart as NAME.png beside the report (needs ``vl-convert-python``,
    offline); without it, say so and return None."""
    from workbench.corpus.report import interval_chart

    try:
        import vl_convert  # noqa: F401
    except ImportError:
        print("note: no chart in the report (pip install vl-convert-python for PNG charts)",
              file=sys.stderr)
        return None
    path = report.with_suffix(".png")
    interval_chart(intervals, by=by).save(str(path), format="png")
    return path

"""`workbench compare` prints figures people can read: counts as integers, other figures
rounded (at most 3 significant digits), never a float's full repr."""

from __future__ import annotations

import re

from workbench.cli import main

COUNTS = ("named_source_count", "anonymous_source_count", "n_paragraphs")


def test_compare_prints_rounded_figures_and_integer_counts(seeds_dir, capsys):
    assert main(["compare", str(seeds_dir / "101_wire_named_sources.txt"),
                 str(seeds_dir / "102_anonymous_hedged.txt"), "--model", "none"]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines():
        cells = [c.strip() for c in re.split(r"[│┆]", line)[1:-1]]
        if len(cells) == 3:
            rows[cells[0]] = cells[1:]
    assert rows["measure"] == ["101_wire_named_sources", "102_anonymous_hedged"]
    for name in COUNTS:
        assert all(re.fullmatch(r"\d+", v) for v in rows[name]), (name, rows[name])
    assert int(rows["named_source_count"][0]) > 5
    for name in ("hedge_per_100w", "quoted_word_share", "attribution_per_sentence"):
        for value in rows[name]:
            digits = value.replace(".", "").lstrip("0")
            assert re.fullmatch(r"\d+(\.\d+)?", value) and len(digits) <= 3, (name, value)

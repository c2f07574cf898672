"""Boilerplate seen in real news (issue 14): NYT archive labels and wire-service credits.

The paragraphs in the parametrised test are written by us in the shape of those seen in the
PolNeAR texts; the last test counts the real ones (skips when ``../shared/datasets`` is
absent).
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from workbench.text.segment import is_boilerplate, paragraph_kind_expr


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("ABSTRACT.", True),
    ("FULL TEXT.", True),
    ("Full text:", True),
    ("___.", True),
    ("__.", True),
    ("***", True),
    ("(Reporting by Ann Lee in Denver; Editing by Tom Ruiz.)", True),
    ("(Additional reporting by Ann Lee; Writing by Tom Ruiz; Editing by Eva Marsh.)", True),
    ("--additional reporting by Ann Lee.", True),
    ("Reporting by Ann Lee; Editing by Tom Ruiz", True),
    ("Editing by Tom Ruiz and Eva Marsh", True),
    # body text that only looks like it
    ("The abstract of the ruling ran to four pages.", False),
    ("Full text of the speech was released on Monday.", False),
    ("Reporting by local papers drove the story for a week.", False),
    ("She said the count was 12 - 0.", False),
])
def test_real_news_boilerplate(paragraph, expected):
    assert is_boilerplate(paragraph) is expected


LABELS = re.compile(r"^\s*(?:ABSTRACT\.|FULL TEXT\.|_{2,}\.)\s*$")
CREDIT = re.compile(r"^\s*[(\-]*\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.I)


@pytest.mark.datasets
def test_polnear_labels_and_credits_are_boilerplate(datasets_dir):
    root = datasets_dir / "polnear" / "original" / "data"
    if not root.is_dir():
        pytest.skip(f"PolNeAR texts not found under {root}")
    lines = [line for path in sorted(root.glob("*/text/*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = [line for line in lines if LABELS.match(line)]
    credits = [line for line in lines if CREDIT.match(line)]
    # counted when the rules were written: 104 ABSTRACT., 104 FULL TEXT., 235 ___./__.
    assert len(labels) == 443
    assert len(credits) >= 8
    kinds = pl.DataFrame({"text": labels + credits}).select(paragraph_kind_expr("text"))
    assert kinds.to_series().to_list() == ["boilerplate"] * (len(labels) + len(credits))


@pytest.mark.datasets
def test_polnear_no_body_paragraph_keeps_a_wire_credit(datasets_dir):
    """A credit glued to a paragraph's end (one in PolNeAR, HuffPost quoting Reuters) is split
    off as boilerplate; every credit ends up out of the body text."""
    from workbench.io.articles import article_from_text
    from workbench.text.segment import to_frame

    root = datasets_dir / "polnear" / "original" / "data"
    if not root.is_dir():
        pytest.skip(f"PolNeAR texts not found under {root}")
    table = to_frame(article_from_text(p.read_text(encoding="utf-8"), source=p)
                     for p in sorted(root.glob("*/text/*.txt")))
    cue = r"(?i)\((?:additional )?(?:reporting|writing|editing) by\b"
    credited = table.filter(pl.col("text").str.contains(cue))
    assert credited.height >= 8   # 7 on a line of their own, 1 glued (counted 2026-12)
    assert credited["is_boilerplate"].all(), credited.filter(~pl.col("is_boilerplate"))["text"]

"""The labelled paragraphs the default frame model is trained on: schema and labels."""

from __future__ import annotations

from collections import Counter

import polars as pl
import pytest

from tests.conftest import SEEDS
from workbench.schema import MFC_FRAMES

FOLDERS = ("framing_paragraphs", "framing_frac")
FILES = sorted(p for folder in FOLDERS for p in (SEEDS / folder).glob("*.csv"))


def test_the_training_folders_hold_tables_and_a_credit_line():
    assert len(FILES) >= 30
    for folder in FOLDERS:
        assert (SEEDS / folder / "CREDIT.txt").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_row_has_text_and_one_of_the_15_frames(path):
    frame = pl.read_csv(path, infer_schema=False)
    assert frame.columns[:2] == ["text", "frame"]
    assert frame.height > 0
    assert frame["text"].str.strip_chars().str.len_chars().min() >= 20
    unknown = set(frame["frame"].to_list()) - set(MFC_FRAMES)
    assert not unknown, f"{path.name}: labels outside the 15 frames: {unknown}"
    if path.parent.name == "framing_paragraphs":
        assert frame.columns == ["text", "frame", "topic"]
        assert frame["topic"].null_count() == 0


def test_no_paragraph_appears_twice_and_every_frame_has_examples():
    texts, labels = [], []
    for path in FILES:
        frame = pl.read_csv(path, infer_schema=False)
        texts += frame["text"].str.strip_chars().to_list()
        labels += frame["frame"].to_list()
    repeated = [t[:60] for t, n in Counter(texts).items() if n > 1]
    assert not repeated, f"paragraphs repeated: {repeated[:5]}"
    counts = Counter(labels)
    assert set(counts) == set(MFC_FRAMES)
    assert min(counts.values()) >= 75

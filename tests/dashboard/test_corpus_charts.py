"""The corpus page's frame chart speaks the codebook's names, like the compare page."""

from __future__ import annotations

import polars as pl

from workbench.dashboard import corpus as wc
from workbench.schema import FRAME_PRIMARY


def test_frame_chart_names_frames_as_the_codebook_does():
    shares = pl.DataFrame({"outlet": ["A", "A", "B"],
                           FRAME_PRIMARY: ["capacity", "economic", "none"],
                           "len": [1, 3, 2], "share": [0.25, 0.75, 1.0]})
    rows = wc.frame_chart(shares).to_dict()["datasets"]
    values = next(iter(rows.values()))
    assert [v["main frame"] for v in values] == ["Capacity and resources", "Economic", "none"]

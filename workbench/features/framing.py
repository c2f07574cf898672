"""Framing cues: lexicon hits for each of the 15 Media Frames Corpus dimensions."""

from __future__ import annotations

import re

import polars as pl

from workbench import lexicons
from workbench.errors import bad_option_message
from workbench.features._base import TextFeatures, fold_case, spans
from workbench.features._lexicon_passes import lexicon_pass_counts
from workbench.features._shared import shared_text
from workbench.schema import MFC_FRAMES


class FramingCues(TextFeatures):
    """Count cue words of each frame (``frame_cue_<frame>``), from ``lexicons/framing/``.

    These are transparent lexicon hits, not the trained frame classifier
    (:mod:`workbench.model`), which adds ``frame_<label>`` probabilities.

    Parameters
    ----------
    frames : tuple of str
        Frame keys to count, each with a lexicon ``framing/<key>``.

    Examples
    --------
    >>> out = FramingCues().fit_transform(["Taxpayers face higher costs."])
    >>> int(out["frame_cue_economic"][0]) >= 1
    True
    """

    def __init__(self, *, frames: tuple[str, ...] = tuple(MFC_FRAMES)) -> None:
        self.frames = frames

    @property
    def feature_names(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(f"frame_cue_{key}" for key in self.frames)

    def _compile(self) -> None:
        available = [n.split("/", 1)[1] for n in lexicons.names() if n.startswith("framing/")]
        for key in self.frames:
            if key not in available:
                raise ValueError(bad_option_message("frames", key, sorted(available)))
        self.terms_ = {k: lexicons.load(f"framing/{k}") for k in self.frames}
        self.patterns_ = {k: lexicons.alternation(t) for k, t in self.terms_.items()}
        self._res = {k: re.compile(p) for k, p in self.patterns_.items()}

    def _summarise(self, texts: pl.Series) -> pl.DataFrame:
        return lexicon_pass_counts(shared_text(texts).lexicon, self.terms_, prefix="frame_cue_")

    def cues(self, text: str) -> list[dict]:
        """Return each frame cue in one paragraph, with its frame as ``frame``."""
        folded = fold_case(text)
        found = [c for k, r in self._res.items() for c in spans(r, folded, "frame_cue", frame=k)]
        for cue in found:
            cue["text"] = text[cue["start"]:cue["end"]]
        return sorted(found, key=lambda c: (c["start"], c["end"]))

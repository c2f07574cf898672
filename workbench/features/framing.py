"""Framing cues: lexicon hits for each of the 15 Media Frames Corpus dimensions."""

from __future__ import annotations

import polars as pl

from workbench import lexicons
from workbench.errors import bad_option_message
from workbench.features._base import TextFeatures
from workbench.features._lexicon_passes import LexiconPasses
from workbench.schema import MFC_FRAMES


class FramingCues(TextFeatures):
    """Count cue words of each frame (``frame_cue_<frame>``), from ``lexicons/framing/``.

    These are transparent lexicon hits, not the trained frame classifier
    (:mod:`workbench.model`), which adds ``frame_<label>`` probabilities. The frame model's
    cue-rate step reads these counts (:class:`workbench.model.ngrams.CueRates`).

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

    reads = ("text", "lower")

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
        self.lexicons_ = LexiconPasses(self.terms_, "frame_cue")

    def _summarise(self, prepared: pl.DataFrame) -> pl.DataFrame:
        return self.lexicons_.counts(prepared, prefix="frame_cue_")

    def cue_lists(self, prepared: pl.DataFrame) -> list[list[dict]]:
        """Return each frame cue, with its frame as ``frame``, row by row."""
        texts = prepared["text"].to_list()
        return [sorted(({"text": texts[row][a:b], "start": a, "end": b, "kind": "frame_cue",
                         "frame": key} for a, b, key in found),
                       key=lambda c: (c["start"], c["end"]))
                for row, found in enumerate(self.lexicons_.spans(prepared))]

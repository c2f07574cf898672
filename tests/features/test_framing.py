"""Framing cue counts from the frame lexicons."""

from __future__ import annotations

import pytest

from workbench import lexicons
from workbench.features import FramingCues
from workbench.schema import MFC_FRAMES


def test_one_column_per_frame():
    names = FramingCues().fit([""]).get_feature_names_out()
    assert list(names) == [f"frame_cue_{k}" for k in MFC_FRAMES]


@pytest.mark.parametrize("frame", list(MFC_FRAMES))
def test_each_lexicon_term_hits_its_own_frame(frame):
    terms = lexicons.load(f"framing/{frame}")
    assert terms, f"lexicon framing/{frame} is empty"
    text = f"Officials spoke about {terms[0]} on Monday."
    out = FramingCues().fit([text]).transform([text]).row(0, named=True)
    assert out[f"frame_cue_{frame}"] >= 1


def test_no_term_in_two_frames():
    seen: dict[str, str] = {}
    for frame in MFC_FRAMES:
        for term in lexicons.load(f"framing/{frame}"):
            assert term not in seen, f"{term!r} is in both {seen.get(term)} and {frame}"
            seen[term] = frame


def test_unknown_frame_is_refused():
    with pytest.raises(ValueError, match="not valid"):
        FramingCues(frames=("economic", "astrology")).fit([""])

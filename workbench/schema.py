"""The per-paragraph table's columns and dtypes, and the frame list: one place for all of them.

Every stage reads or writes the same table (``docs/STYLE.md``): identity columns from
segmentation, each extractor's feature columns, the cue columns, then the frame model's
``frame_<label>`` probabilities with ``frame_primary`` and ``frame_confidence``. Code that
needs to know which columns are which asks here (:func:`frame_probability_columns`,
:func:`frame_cue_columns`) rather than guessing from a prefix.

This module imports nothing of the package, so anything may import it.

Examples
--------
>>> frame_probability_columns(["text", "frame_cue_crime", "frame_crime", "frame_primary"])
['frame_crime']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

MFC_FRAMES: dict[str, str] = {
    "economic": "Economic",
    "capacity": "Capacity and resources",
    "morality": "Morality",
    "fairness": "Fairness and equality",
    "legality": "Legality, constitutionality and jurisprudence",
    "policy": "Policy prescription and evaluation",
    "crime": "Crime and punishment",
    "security": "Security and defense",
    "health": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation and reputation",
    "other": "Other",
}
"""The 15 Media Frames Corpus dimensions (Boydstun et al. 2014): key (used in column names
and label files) to its codebook name."""

SEMEVAL_TO_MFC: dict[str, str] = {
    "Economic": "economic",
    "Capacity_and_resources": "capacity",
    "Morality": "morality",
    "Fairness_and_equality": "fairness",
    "Legality_Constitutionality_and_jurisprudence": "legality",
    "Policy_prescription_and_evaluation": "policy",
    "Crime_and_punishment": "crime",
    "Security_and_defense": "security",
    "Health_and_safety": "health",
    "Quality_of_life": "quality_of_life",
    "Cultural_identity": "cultural_identity",
    "Public_opinion": "public_opinion",
    "Political": "political",
    "External_regulation_and_reputation": "external_regulation",
}
"""SemEval-2023 Task 3 frame names to our keys (SemEval has no "Other")."""

IDENTITY_COLUMNS: dict[str, pl.DataType] = {
    "article_id": pl.String(), "outlet": pl.String(), "title": pl.String(),
    "date": pl.String(), "url": pl.String(), "paragraph_index": pl.Int32(),
    "paragraph_kind": pl.String(), "is_boilerplate": pl.Boolean(), "text": pl.String(),
}
"""Leading columns of the table (from segmentation), before any feature column."""

FRAME_CUE_PREFIX = "frame_cue_"
"""Prefix of the framing extractor's count columns, ``frame_cue_<frame>``."""

FEATURE_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "text": {"n_words": pl.Int32(), "n_sentences": pl.Int32()},
    "hedging": {
        "hedge_count": pl.Int32(), "hedge_quoted_count": pl.Int32(),
        "hedge_per_100w": pl.Float64(), "hedged_sentence_share": pl.Float64(),
        "booster_count": pl.Int32(), "booster_per_100w": pl.Float64(),
    },
    "attribution": {
        "attribution_count": pl.Int32(), "attribution_per_sentence": pl.Float64(),
        "named_source_count": pl.Int32(), "anonymous_source_count": pl.Int32(),
        "direct_quote_count": pl.Int32(), "quoted_word_share": pl.Float64(),
    },
    "framing": {f"{FRAME_CUE_PREFIX}{key}": pl.Int32() for key in MFC_FRAMES},
}
"""Extractor name (as in :data:`workbench.features.EXTRACTORS`) to its columns, in order."""

CUE_COLUMNS: dict[str, str] = {
    "hedging": "hedge_cues",
    "attribution": "attribution_cues",
    "framing": "frame_cues",
}
"""Extractor name to the column holding its cues (a JSON list of spans, a String column)."""

FRAME_PREFIX = "frame_"
FRAME_PRIMARY = "frame_primary"
FRAME_CONFIDENCE = "frame_confidence"
FRAME_CONFIDENT = "frame_confident"
"""The frame model's columns: ``frame_<label>`` (Float64) for each label it was trained on,
then the most probable label (String), its probability (Float64) and whether that reaches
the model's calibrated abstention threshold (Boolean; false: "no clear frame")."""

FRAMES_FOUND = "frames_found"
"""Article summary column: the frames found in the article (each frame's share against its
threshold, :mod:`workbench.model.article_frames`), in label order, joined by ``"; "``."""

_NOT_PROBABILITIES = {FRAME_PRIMARY, FRAME_CONFIDENCE, FRAME_CONFIDENT, CUE_COLUMNS["framing"]}


def frame_column(label: str) -> str:
    """Return the probability column of a frame label: ``frame_<label>``.

    Examples
    --------
    >>> frame_column("crime")
    'frame_crime'
    """
    return f"{FRAME_PREFIX}{label}"


def frame_label(column: str) -> str:
    """Return the label of a probability or cue column (``frame_crime``, ``frame_cue_crime``).

    Examples
    --------
    >>> frame_label("frame_cue_crime"), frame_label("frame_crime")
    ('crime', 'crime')
    """
    if column.startswith(FRAME_CUE_PREFIX):
        return column.removeprefix(FRAME_CUE_PREFIX)
    return column.removeprefix(FRAME_PREFIX)


def frame_probability_columns(columns: Iterable[str] | Mapping[str, object]) -> list[str]:
    """Return the frame model's ``frame_<label>`` probability columns, in table order.

    ``columns`` is a table's column names or its schema (``table.schema``); given a schema,
    only float columns count, so a label or text column named ``frame_...`` is left out.
    Cue counts, ``frame_cues``, ``frame_primary`` and ``frame_confidence`` never count.

    Examples
    --------
    >>> frame_probability_columns({"frame_crime": pl.Float64, "frame_note": pl.String})
    ['frame_crime']
    """
    typed = columns if isinstance(columns, Mapping) else None
    return [c for c in columns if c.startswith(FRAME_PREFIX)
            and not c.startswith(FRAME_CUE_PREFIX) and c not in _NOT_PROBABILITIES
            and (typed is None or _is_float(typed[c]))]


def frame_cue_columns(columns: Iterable[str]) -> list[str]:
    """Return the ``frame_cue_<frame>`` count columns among ``columns``, in order.

    Examples
    --------
    >>> frame_cue_columns(["n_words", "frame_cue_crime", "frame_cues", "frame_crime"])
    ['frame_cue_crime']
    """
    return [c for c in columns if c.startswith(FRAME_CUE_PREFIX)]


def paragraph_schema(*, extractors: Iterable[str] | None = None, cues: bool = False,
                     labels: Iterable[str] = ()) -> dict[str, pl.DataType]:
    """Return the table's columns and dtypes, in order, for these extractors, cue columns
    and frame-model labels (none: no model columns).

    Examples
    --------
    >>> list(paragraph_schema(extractors=["text"], labels=["crime"]))[-5:]
    ['n_sentences', 'frame_crime', 'frame_primary', 'frame_confidence', 'frame_confident']
    """
    names = list(FEATURE_COLUMNS) if extractors is None else list(extractors)
    out = dict(IDENTITY_COLUMNS)
    for name in names:
        out.update(FEATURE_COLUMNS[name])
    labels = list(labels)
    if labels:
        out.update({frame_column(label): pl.Float64() for label in labels})
        out.update({FRAME_PRIMARY: pl.String(), FRAME_CONFIDENCE: pl.Float64(),
                    FRAME_CONFIDENT: pl.Boolean()})
    if cues:
        out.update({CUE_COLUMNS[n]: pl.String() for n in names if n in CUE_COLUMNS})
    return out


def _is_float(dtype: object) -> bool:
    return dtype in (pl.Float64, pl.Float32)


COLUMN_LABELS: dict[str, str] = {
    "n_paragraphs": "Paragraphs (body)",
    "n_words": "Words",
    "n_sentences": "Sentences",
    "hedge_count": "Hedges",
    "hedge_quoted_count": "Hedges by quoted speakers",
    "hedge_per_100w": "Hedges per 100 words",
    "hedged_sentence_share": "Share of sentences hedged",
    "booster_count": "Boosters",
    "booster_per_100w": "Boosters per 100 words",
    "attribution_count": "Attributions",
    "attribution_per_sentence": "Attributions per sentence",
    "named_source_count": "Named sources",
    "anonymous_source_count": "Anonymous sources",
    "anonymous_source_share": "Anonymous-source share",
    "direct_quote_count": "Direct quotations",
    "direct_quote_share": "Direct-quote share",
    "quoted_word_share": "Share of words quoted",
    "n_confident_paragraphs": "Paragraphs with a clear frame",
    FRAME_PRIMARY: "Main frame",
    FRAME_CONFIDENCE: "Frame confidence",
    FRAME_CONFIDENT: "Clear frame",
    FRAMES_FOUND: "Frames found",
    "story_id": "Story",
    "n_articles": "Articles",
    "outlets": "Outlets",
    "first_date": "First date",
    "title": "Title",
}
"""Column (of the paragraph table, the article summary or the corpus page's story list) to the
name people read: the dashboard's tables and charts and the outlet report show these, never
the raw column names. Frame probability
and cue-count columns are named by :func:`column_label` from :data:`MFC_FRAMES`."""


def column_label(column: str) -> str:
    """Return the display name of a column: :data:`COLUMN_LABELS`, or for a frame column
    its frame's codebook name; an unknown column keeps its own name.

    Examples
    --------
    >>> column_label("hedge_per_100w"), column_label("frame_cue_crime")
    ('Hedges per 100 words', 'Frame cues: Crime and punishment')
    >>> column_label("frame_economic"), column_label("my_column")
    ('Frame probability: Economic', 'my_column')
    """
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    if column.startswith(FRAME_CUE_PREFIX):
        label = frame_label(column)
        return f"Frame cues: {MFC_FRAMES.get(label, label)}"
    if column.startswith(FRAME_PREFIX) and column != CUE_COLUMNS["framing"]:
        label = frame_label(column)
        return f"Frame probability: {MFC_FRAMES.get(label, label)}"
    return column

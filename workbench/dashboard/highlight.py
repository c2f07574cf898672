"""Safe HTML for the dashboard's reading view: paragraphs with their cues highlighted.

Every piece of article text is escaped (:func:`escape_text`) before any markup is
added: cue offsets are applied to the *raw* text, the text between two offsets is
escaped on its own, and only our own ``<span>`` tags are put around it. Overlapping
and nested cues (a reporting verb inside a named-source span inside a quotation)
are handled by cutting the text at every cue boundary and giving each piece the
classes of all the cues covering it, so no tag is ever left open or crossed.

Escaping also neutralises Markdown (``*``, ``_``, backticks, ``[``, ``#``, ``$`` ...
become numeric entities), so the HTML can go to ``st.markdown(unsafe_allow_html=True)``
or ``st.html`` and still show what the article says, character for character.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from workbench.schema import MFC_FRAMES
from workbench.score import parse_cues

CUE_KINDS: dict[str, str] = {
    "hedge": "hedge",
    "booster": "booster",
    "cue": "reporting cue",
    "named_source": "named source",
    "anonymous_source": "anonymous source",
    "direct_quote": "direct quotation",
    "frame_cue": "frame cue",
}
"""Cue ``kind`` (as in the score table's cue columns) to its legend label."""

CUE_COLUMNS = ("hedge_cues", "attribution_cues", "frame_cues")
"""Score-table columns holding cue lists (JSON)."""

_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#~$|:!\"'"}
_MARKDOWN["\n"] = "<br>"
_MARKDOWN["\r"] = ""
_TABLE = str.maketrans(_MARKDOWN)
"""After ``html.escape(quote=False)``: Markdown syntax and quotes to numeric entities."""

STYLE = """<style>
.wb-article .wb-para, .wb-detail .wb-para { margin: 0 0 .8em 0; line-height: 1.55; }
.wb-para.wb-boiler { opacity: .45; font-size: .9em; }
.wb-badge { display: table; max-width: 100%; box-sizing: border-box; margin: 0 0 .2em 0;
  padding: .05em .55em; font-size: .8rem; line-height: 1.45; font-weight: 600;
  border-radius: .35em; border: 1px solid #b8c2d1; background: #e8edf5; color: #1f2937;
  white-space: normal; overflow-wrap: anywhere; }
.wb-badge.wb-unsure { background: #ffffff; border: 1px dashed #6b7280; color: #374151;
  font-weight: 500; font-style: italic; }
.wb-hedge { background: #ffe97a; }
.wb-hedge.wb-voice-quoted { background: #fff6c4; }
.wb-booster { background: #ffc58a; }
.wb-cue { font-weight: 600; color: #0d47a1; }
.wb-named_source { text-decoration: underline solid #2e7d32 2px; text-underline-offset: 3px; }
.wb-anonymous_source { text-decoration: underline dashed #c62828 2px;
  text-underline-offset: 3px; background: #fde0e0; }
.wb-direct_quote { font-style: italic; color: #6a1b9a; }
.wb-frame_cue { border-bottom: 1px dotted #455a64; }
.wb-legend { display: flex; flex-wrap: wrap; gap: .25em .9em; }
.wb-legend span { white-space: nowrap; }
.wb-article, .wb-detail, .wb-align, .wb-head { overflow-wrap: anywhere; }
.wb-align > .wb-cell { min-width: 0; }
.wb-align { display: grid; grid-template-columns: 1fr 1fr; gap: .3em 1.2em; }
.wb-align .wb-cell { padding: .4em .6em; border-left: 3px solid #d8dee9; }
.wb-align .wb-only { border-left-color: #c62828; background: #fff5f5; }
.wb-align .wb-missing { color: #8a8a8a; font-style: italic; font-size: .9em; }
.wb-align .wb-sim, .wb-align .wb-flag { font-size: .72em; color: #4c566a; }
.wb-align .wb-flag { color: #c62828; font-weight: 600; text-transform: uppercase; }
.wb-align .wb-unsure { border-left-color: #b0b7c3; border-left-style: dashed; }
.wb-align .wb-flag-unsure { color: #6b7280; }
.wb-align .wb-colhead { font-weight: 700; border-left: none; }
.wb-head .wb-title { font-size: 1.25em; font-weight: 700; line-height: 1.3; }
.wb-head .wb-meta { color: #6b7280; font-size: .85em; margin-bottom: .6em; }
.wb-summary { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: .875rem; }
.wb-summary col.wb-measure { width: 34%; }
.wb-summary th, .wb-summary td { padding: .3em .45em; vertical-align: top; text-align: left;
  border-bottom: 1px solid rgba(128, 128, 128, .25); overflow-wrap: anywhere; }
.wb-summary th { font-weight: 600; }
.wb-summary .wb-num { text-align: right; font-variant-numeric: tabular-nums; }
</style>"""
"""CSS for the classes used below; send it once per page (``st.html(STYLE)``)."""


def escape_text(text: str) -> str:
    """Return ``text`` as inert HTML: markup escaped, Markdown syntax as entities.

    Examples
    --------
    >>> escape_text('<b>*x*</b> & "y"')
    '&lt;b&gt;&#42;x&#42;&lt;/b&gt; &amp; &#34;y&#34;'
    """
    return html.escape(text, quote=False).translate(_TABLE)


def cues_of(row: Mapping[str, object], columns: Sequence[str] = CUE_COLUMNS) -> list[dict]:
    """Return every cue of one score-table row, from whichever cue columns it has."""
    found: list[dict] = []
    for column in columns:
        cell = row.get(column)
        if isinstance(cell, str):
            found.extend(parse_cues(cell))
        elif isinstance(cell, list):
            found.extend(cell)
    return found


def cue_classes(cue: Mapping[str, object]) -> list[str]:
    """Return the CSS classes of one cue (its kind, and the voice of a hedge)."""
    kind = str(cue.get("kind", ""))
    classes = [f"wb-{kind}"]
    if kind == "hedge" and cue.get("voice") == "quoted":
        classes.append("wb-voice-quoted")
    return classes


def cue_title(cue: Mapping[str, object]) -> str:
    """Return the hover text of one cue, e.g. ``hedge (quoted speaker)``."""
    kind = str(cue.get("kind", ""))
    label = CUE_KINDS.get(kind, kind)
    if kind == "hedge":
        label += " (quoted speaker)" if cue.get("voice") == "quoted" else " (reporter)"
    if kind == "frame_cue" and cue.get("frame"):
        frame = str(cue["frame"])
        label += f": {MFC_FRAMES.get(frame, frame)}"
    return label


def highlight_html(text: str, cues: Iterable[Mapping[str, object]],
                   *, kinds: Collection[str] | None = None) -> str:
    """Return ``text`` as safe HTML with each cue's characters wrapped in a ``<span>``.

    Parameters
    ----------
    text : str
        The raw paragraph; cue offsets index into it.
    cues : iterable of mapping
        ``{"start", "end", "kind", ...}`` as in the score table's cue columns.
        Out-of-range offsets are clipped; empty spans are ignored.
    kinds : collection of str, optional
        Cue kinds to show (default: all of :data:`CUE_KINDS`).

    Examples
    --------
    >>> highlight_html("a<b said", [{"start": 4, "end": 8, "kind": "cue"}])
    'a&lt;b <span class="wb-cue" title="reporting cue">said</span>'
    """
    shown = set(CUE_KINDS) if kinds is None else set(kinds)
    spans = []
    for cue in cues:
        if cue.get("kind") not in shown:
            continue
        start = max(0, min(int(cue.get("start", 0)), len(text)))
        end = max(0, min(int(cue.get("end", 0)), len(text)))
        if start < end:
            spans.append((start, end, cue))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape_text(text[a:b])
        covering = [cue for s, e, cue in spans if s <= a and b <= e]
        if not covering:
            out.append(piece)
            continue
        classes = list(dict.fromkeys(c for cue in covering for c in cue_classes(cue)))
        title = "; ".join(dict.fromkeys(cue_title(cue) for cue in covering))
        out.append(f'<span class="{" ".join(classes)}" title="{escape_text(title)}">'
                   f"{piece}</span>")
    return "".join(out)


def badge_text(row: Mapping[str, object]) -> str:
    """Return the plain-text badge of one paragraph: its primary frame and confidence.

    A paragraph below the model's calibrated confidence (``frame_confident`` false) gets
    "no clear frame" instead. Without model columns, the frame with the most cue words
    (and their count) is used.

    Examples
    --------
    >>> badge_text({"paragraph_index": 2, "frame_primary": "economic",
    ...             "frame_confidence": 0.62, "frame_confident": True})
    '¶3 · Economic 62%'
    >>> badge_text({"paragraph_index": 4, "frame_primary": "economic",
    ...             "frame_confidence": 0.14, "frame_confident": False})
    '¶5 · no clear frame'
    >>> badge_text({"paragraph_index": 0, "frame_cue_health": 2, "frame_cue_crime": 1})
    '¶1 · Health and safety (2 cues)'
    """
    number = f"¶{int(row.get('paragraph_index', 0)) + 1}"
    primary = row.get("frame_primary")
    if primary and row.get("frame_confident") is False:
        return f"{number} · no clear frame"
    if primary:
        name = MFC_FRAMES.get(str(primary), str(primary))
        confidence = row.get("frame_confidence")
        return f"{number} · {name} {float(confidence):.0%}" if confidence is not None \
            else f"{number} · {name}"
    counts = {k.removeprefix("frame_cue_"): int(v or 0) for k, v in row.items()
              if k.startswith("frame_cue_")}
    if not counts or max(counts.values()) == 0:
        return f"{number} · no frame cues"
    best = max(counts, key=lambda k: counts[k])
    n = counts[best]
    return f"{number} · {MFC_FRAMES.get(best, best)} ({n} cue{'s' if n != 1 else ''})"


def badge_title(row: Mapping[str, object]) -> str:
    """Return the hover text of a paragraph's badge, saying what its figure means.

    Examples
    --------
    >>> badge_title({"paragraph_index": 4, "frame_primary": "economic",
    ...              "frame_confidence": 0.14, "frame_confident": False})
    "Paragraph 5: no frame reaches the model's calibrated confidence (best: Economic 14%)"
    """
    number = f"Paragraph {int(row.get('paragraph_index', 0)) + 1}"
    primary = row.get("frame_primary")
    if not primary:
        return f"{number}: frame with the most frame-cue words (no model)"
    name = MFC_FRAMES.get(str(primary), str(primary))
    confidence = row.get("frame_confidence")
    share = f" {float(confidence):.0%}" if confidence is not None else ""
    if row.get("frame_confident") is False:
        return (f"{number}: no frame reaches the model's calibrated confidence "
                f"(best: {name}{share})")
    return f"{number}: most probable frame {name}, model confidence{share}"


def paragraph_html(row: Mapping[str, object], *, kinds: Collection[str] | None = None,
                   badge: bool = True) -> str:
    """Return one paragraph of the score table as a single-line ``<div>``.

    Boilerplate and headings (``is_boilerplate``) get the ``wb-boiler`` class (dimmed).
    """
    classes = "wb-para wb-boiler" if row.get("is_boilerplate") else "wb-para"
    unsure = " wb-unsure" if row.get("frame_primary") and row.get("frame_confident") is False \
        else ""
    head = (f'<span class="wb-badge{unsure}" title="{escape_text(badge_title(row))}">'
            f"{escape_text(badge_text(row))}</span>" if badge else "")
    body = highlight_html(str(row.get("text") or ""), cues_of(row), kinds=kinds)
    index = int(row.get("paragraph_index", 0))
    return f'<div class="{classes}" data-paragraph="{index}">{head}{body}</div>'


def article_html(rows: Iterable[Mapping[str, object]], *,
                 kinds: Collection[str] | None = None) -> str:
    """Return an article's paragraphs (score-table rows) as one HTML block.

    Each paragraph is one line and no line is blank, so a Markdown renderer sees a
    single raw HTML block and interprets nothing inside it.
    """
    inner = "\n".join(paragraph_html(row, kinds=kinds) for row in rows)
    return f'<div class="wb-article">\n{inner}\n</div>'


def legend_html(kinds: Collection[str] | None = None) -> str:
    """Return the legend: one sample of each shown cue kind in its own style.

    Examples
    --------
    >>> legend_html(["hedge"])
    '<div class="wb-legend"><span class="wb-hedge">hedge</span></div>'
    """
    shown = [k for k in CUE_KINDS if kinds is None or k in kinds]
    items = "".join(f'<span class="wb-{k}">{escape_text(CUE_KINDS[k])}</span>' for k in shown)
    return f'<div class="wb-legend">{items}</div>'


def markdown_literal(text: str) -> str:
    r"""Return ``text`` backslash-escaped for Streamlit's Markdown (messages, captions).

    Examples
    --------
    >>> markdown_literal("my_file [1].txt")
    'my\\_file \\[1\\]\\.txt'
    """
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~$:<>])", r"\\\1", text)


def article_header_html(title: str, *, outlet: str | None = None, date: str | None = None,
                        article_id: str | None = None) -> str:
    """Return an article's heading (title, then outlet, date and id) as safe HTML."""
    details = " · ".join(escape_text(p) for p in (outlet, date, article_id) if p)
    return (f'<div class="wb-head"><div class="wb-title">{escape_text(title)}</div>'
            f'<div class="wb-meta">{details}</div></div>')


def alignment_html(rows: Sequence[object], a_rows: Sequence[Mapping[str, object]],
                   b_rows: Sequence[Mapping[str, object]], *, a_name: str, b_name: str,
                   kinds: Collection[str] | None = None) -> str:
    """Return the aligned view: A's paragraphs beside their counterparts in B, as a grid.

    ``rows`` come from :func:`workbench.align.aligned_rows`; a paragraph with no
    counterpart is flagged as reported by one article only. Boilerplate rows are left out.
    """
    cells = [f'<div class="wb-cell wb-colhead">{escape_text(a_name)}</div>',
             f'<div class="wb-cell wb-colhead">{escape_text(b_name)}</div>']
    for row in rows:
        left, right = row.left, row.right
        unsure = getattr(row, "unsure", False)
        if left is not None and a_rows[left].get("is_boilerplate"):
            continue
        if left is None:
            (j, _), = right
            cells.append(_missing(a_name, unsure))
            cells.append(_cell([paragraph_html(b_rows[j], kinds=kinds)], only=b_name,
                               unsure=unsure))
        elif not right:
            cells.append(_cell([paragraph_html(a_rows[left], kinds=kinds)], only=a_name,
                               unsure=unsure))
            cells.append(_missing(b_name, unsure))
        else:
            cells.append(_cell([paragraph_html(a_rows[left], kinds=kinds)]))
            cells.append(_cell([f'<div class="wb-sim">similarity {s:.2f}</div>'
                                + paragraph_html(b_rows[j], kinds=kinds) for j, s in right]))
    return '<div class="wb-align">' + "".join(cells) + "</div>"


def _cell(parts: Sequence[str], *, only: str | None = None, unsure: bool = False) -> str:
    if only is None:
        return '<div class="wb-cell wb-pair">' + "".join(parts) + "</div>"
    if unsure:
        flag = '<div class="wb-flag wb-flag-unsure">no clear counterpart</div>'
        return '<div class="wb-cell wb-unsure">' + flag + "".join(parts) + "</div>"
    flag = f'<div class="wb-flag">only in {escape_text(only)}</div>'
    return '<div class="wb-cell wb-only">' + flag + "".join(parts) + "</div>"


def _missing(name: str, unsure: bool) -> str:
    text = "no clear counterpart" if unsure else f"not in {escape_text(name)}"
    return f'<div class="wb-cell wb-missing">{text}</div>'

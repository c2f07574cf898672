"""The reading view's HTML: every character of the article shown literally, cues wrapped."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.align import align, aligned_rows
from workbench.dashboard import highlight as hl
from workbench.io.articles import read_file
from workbench.score import score

TAG = re.compile(r"<span [^>]*>|</span>")
ENTITY = re.compile(r"&(?:#\d+|amp|lt|gt);")
PAYLOADS = [
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    '<iframe srcdoc="<script>alert(2)</script>"></iframe>',
    "# Heading *bold* _em_ `code` [link](javascript:alert(3)) ![i](x) $x^2$ :smile: \\ ~~s~~ | a |",
    "&amp; &lt;b&gt; &#60;script&#62; AT&T",
]


def visible_text(fragment: str) -> str:
    """What a browser shows for one highlighted paragraph: tags dropped, entities decoded."""
    return html.unescape(TAG.sub("", fragment).replace("<br>", "\n"))


def span(start: int, end: int, kind: str = "hedge", **extra) -> dict:
    return {"start": start, "end": end, "kind": kind, **extra}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_become_inert_text(payload):
    out = hl.highlight_html(payload + " might", [span(len(payload) + 1, len(payload) + 6)])
    assert visible_text(out) == payload + " might"
    literal = ENTITY.sub("", TAG.sub("", out))
    # Outside our tags and entities, no character that could open a tag, an attribute,
    # an entity or a Markdown construct is left.
    assert not set(literal) & set("<>&\"'`*_[]#$\\|~:!")
    assert '<span class="wb-hedge"' in out


@pytest.mark.parametrize("payload", PAYLOADS[:2])
def test_payload_inside_a_cue_is_escaped_too(payload):
    out = hl.highlight_html(payload, [span(0, len(payload), "direct_quote")])
    assert "<script" not in out and "<img" not in out and "<iframe" not in out
    assert visible_text(out) == payload


def test_offsets_apply_to_raw_text_not_to_escaped_text():
    text = 'AT&T <b> "said"'
    start = text.index("said")
    out = hl.highlight_html(text, [span(start, start + 4, "cue")])
    assert out.endswith('<span class="wb-cue" title="reporting cue">said</span>&#34;')
    assert out.startswith("AT&amp;T &lt;b&gt; &#34;")


def test_overlapping_and_nested_cues_give_flat_balanced_spans():
    text = 'Keller said "it might rain," he said.'
    cues = [span(0, 11, "named_source"), span(7, 11, "cue"), span(12, 28, "direct_quote"),
            span(16, 21, "hedge", voice="quoted")]
    out = hl.highlight_html(text, cues)
    assert visible_text(out) == text
    # Spans never nest: each opening tag is closed before the next one opens.
    tags = TAG.findall(out)
    assert [t.startswith("</") for t in tags] == [False, True] * (len(tags) // 2)
    said = re.search(r'<span class="([^"]*)"[^>]*>said</span>', out)
    assert said.group(1).split() == ["wb-named_source", "wb-cue"]
    might = re.search(r'<span class="([^"]*)"[^>]*>might</span>', out).group(1).split()
    assert set(might) == {"wb-direct_quote", "wb-hedge", "wb-voice-quoted"}


def test_partially_overlapping_spans_are_cut_at_every_boundary():
    out = hl.highlight_html("abcdefghij", [span(0, 5, "hedge"), span(3, 8, "cue")])
    pieces = re.findall(r'<span class="([^"]*)"[^>]*>([^<]*)</span>', out)
    assert pieces == [("wb-hedge", "abc"), ("wb-hedge wb-cue", "de"), ("wb-cue", "fgh")]
    assert out.endswith("</span>ij")


def test_bad_offsets_are_clipped_or_ignored():
    out = hl.highlight_html("short", [span(-3, 2), span(4, 99, "cue"), span(3, 3), span(5, 1)])
    assert visible_text(out) == "short"
    assert re.findall(r">([^<]+)</span>", out) == ["sh", "t"]


def test_kinds_filter_and_unknown_kinds():
    cues = [span(0, 3, "hedge"), span(4, 7, "cue"), span(8, 11, "mystery")]
    out = hl.highlight_html("may say foo", cues, kinds=["cue"])
    assert "wb-hedge" not in out and "wb-cue" in out and "mystery" not in out


def test_hover_titles_name_the_cue():
    out = hl.highlight_html("taxes might", [span(0, 5, "frame_cue", frame="economic"),
                                             span(6, 11, "hedge", voice="reporter")])
    assert 'title="frame cue&#58; Economic"' in out
    assert 'title="hedge (reporter)"' in out


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70),
                                                st.sampled_from(list(hl.CUE_KINDS))),
                                      max_size=6))
def test_any_text_and_spans_round_trip(text, raw):
    out = hl.highlight_html(text, [span(a, b, k) for a, b, k in raw])
    assert visible_text(out) == text.replace("\r", "")
    assert out.count("<span") == out.count("</span>")
    assert "\n" not in out


def row(text="Plain text.", **extra):
    base = {"paragraph_index": 0, "is_boilerplate": False, "text": text,
            "hedge_cues": "[]", "attribution_cues": "[]", "frame_cues": "[]"}
    return {**base, **extra}


def test_paragraph_html_reads_cue_columns_and_badge():
    r = row("It may rain.", paragraph_index=4, frame_primary="health", frame_confidence=0.81,
            hedge_cues=json.dumps([span(3, 6, "hedge", voice="reporter")]))
    out = hl.paragraph_html(r)
    assert out.startswith('<div class="wb-para" data-paragraph="4"><span class="wb-badge" title=')
    assert "¶5 · Health and safety 81%" in out
    assert '<span class="wb-hedge" title="hedge (reporter)">may</span>' in out


def test_boilerplate_is_dimmed():
    assert 'class="wb-para wb-boiler"' in hl.paragraph_html(row(is_boilerplate=True))
    assert "wb-boiler" not in hl.paragraph_html(row())


@pytest.mark.parametrize(("extra", "badge"), [
    ({}, "¶1 · no frame cues"),
    ({"frame_cue_crime": 1, "frame_cue_health": 0}, "¶1 · Crime and punishment (1 cue)"),
    ({"frame_primary": "my <label>", "frame_confidence": 0.5}, "¶1 · my <label> 50%"),
])
def test_badge_text(extra, badge):
    assert hl.badge_text(row(**extra)) == badge


def test_badge_of_a_model_label_is_escaped():
    out = hl.paragraph_html(row(frame_primary="<b>x</b>", frame_confidence=0.5))
    assert "<b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out


def test_article_html_is_one_block_without_blank_lines():
    out = hl.article_html([row("# one *x*"), row("two\nlines", paragraph_index=1)])
    assert "\n\n" not in out
    lines = out.split("\n")
    assert lines[0] == '<div class="wb-article">' and lines[-1] == "</div>"
    assert len(lines) == 4 and "two<br>lines" in lines[2]


def test_legend_shows_every_kind_in_its_style():
    out = hl.legend_html()
    for kind, label in hl.CUE_KINDS.items():
        assert f'<span class="wb-{kind}">{hl.escape_text(label)}</span>' in out


def test_header_escapes_title_and_outlet():
    out = hl.article_header_html("<img src=x onerror=alert(1)>", outlet="*Wire*", date=None)
    assert "<img" not in out and "&#42;Wire&#42;" in out


def test_markdown_literal_escapes_markdown_syntax():
    assert hl.markdown_literal("[x](javascript:y) *b*") == \
        r"\[x\]\(javascript\:y\) \*b\*"


def test_seed_articles_are_shown_in_full(seeds_dir):
    (article,) = read_file(seeds_dir / "102_anonymous_hedged.txt")
    rows = score([article]).to_dicts()
    out = hl.article_html(rows)
    paragraphs = re.findall(r'<div class="wb-para[^"]*" data-paragraph="\d+">'
                            r'<span class="wb-badge"[^>]*>[^<]*</span>(.*?)</div>', out)
    assert [visible_text(p) for p in paragraphs] == list(article.paragraphs)
    assert out.count("wb-hedge") >= 20 and "wb-anonymous_source" in out


def test_alignment_html_flags_paragraphs_reported_by_one_side_only():
    a = [row("The minister resigned on Friday after the audit."),
         row("Read more: other news", paragraph_index=1, is_boilerplate=True),
         row("Rain fell in the capital.", paragraph_index=2)]
    b = [row("After the audit the minister resigned on Friday."),
         row("Shares rose in Tokyo.", paragraph_index=1)]
    result = align([r["text"] for r in a], [r["text"] for r in b],
                   skip_a=[r["is_boilerplate"] for r in a])
    out = hl.alignment_html(aligned_rows(result, skip_a=[r["is_boilerplate"] for r in a]),
                            a, b, a_name="<A>", b_name="B")
    assert out.count('class="wb-cell wb-pair"') == 2  # A's paragraph 1 and its counterpart
    assert out.count("only in &lt;A&gt;") == 1 and out.count("only in B") == 1
    assert "Read more" not in out  # boilerplate is not part of the comparison
    assert "<A>" not in out

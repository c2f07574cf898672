"""Paragraphs by the layout of the whole file, and the warnings a doubtful split raises.

The texts are written for these tests in the shapes found in real news files (PolNeAR):
no text is copied from any dataset.
"""

from __future__ import annotations

import pytest

from workbench.io.articles import article_from_text, read_file
from workbench.text.layout import paragraph_warnings, read_layout
from workbench.text.segment import paragraphs

HEADLINE_THEN_LINES = (
    "Council Votes To Delay Budget After Long Night Of Debate.\n"
    "\n"
    "The city council voted 7 to 2 early on Wednesday to put off the budget until March, "
    "after a meeting that ran past midnight.\n"
    "“We owe residents a plan we can defend,” council member Rosa Quint said before the vote.\n"
    "The mayor’s office said in a statement that it was disappointed by the delay.\n"
    "Two members who voted no said the city could not afford another month without a budget.\n"
    "The council meets again on Friday.\n"
)

WRAPPED_BLOCKS = (
    "Harbor Plan Wins Approval\n"
    "\n"
    "The port authority approved a plan on Tuesday to deepen the main\n"
    "channel, a project that officials said would take six years and\n"
    "cost more than the agency had first estimated.\n"
    "\n"
    "Shipping companies welcomed the decision. Fishermen, who worry about\n"
    "silt, said they would ask a court to review it.\n"
    "\n"
    "The authority's chairman, Dev Okafor, said the work would start in\n"
    "the spring.\n"
)

MIXED = (
    "Turnout Climbs In Early Voting;\n"
    "Officials credit longer hours.\n"
    "\n"
    "Early voting turnout rose by a fifth compared with the last election, the state's\n"
    "elections office said on Monday, with the largest gains in rural counties.\n"
    "\n"
    "Polling places will stay open until 8 p.m. this week.\n"
    "Voters can check wait times online.\n"
    "Ballots mailed by Friday will be counted.\n"
    "\n"
    "Editor's note: this story was updated to\n"
    "correct the number of counties with\n"
    "extended hours.\n"
)


def sentence(n: int) -> str:
    return f"Sentence {n} of the report adds one more detail about the long inquiry."


def test_headline_blank_line_then_one_paragraph_per_line():
    pars = paragraphs(HEADLINE_THEN_LINES)
    assert len(pars) == 6
    assert pars[0].startswith("Council Votes")
    assert pars[2].startswith("“We owe residents")
    assert read_layout(HEADLINE_THEN_LINES).form == "line"


def test_txt_file_in_that_layout_gives_one_article_paragraph_per_line(tmp_path):
    path = tmp_path / "council.txt"
    path.write_text(HEADLINE_THEN_LINES, encoding="utf-8")
    [article] = read_file(path)
    assert article.title.startswith("Council Votes")
    assert len(article.paragraphs) == 5
    assert article.warnings == ()


def test_blank_line_paragraphs_of_wrapped_lines_are_joined():
    layout = read_layout(WRAPPED_BLOCKS)
    assert layout.form == "wrapped"
    assert layout.paragraphs == (
        "Harbor Plan Wins Approval",
        "The port authority approved a plan on Tuesday to deepen the main channel, a project "
        "that officials said would take six years and cost more than the agency had first "
        "estimated.",
        "Shipping companies welcomed the decision. Fishermen, who worry about silt, said they "
        "would ask a court to review it.",
        "The authority's chairman, Dev Okafor, said the work would start in the spring.",
    )


def test_a_wrapped_line_that_ends_a_sentence_stays_in_its_paragraph():
    text = ("Night Shift\n\nThe plant ran all night. Workers said\nthe line never stopped.\n"
            "Managers agreed.\nNobody went home early that week, the union\nsaid.\n\n"
            "A second shift begins in May, and the plant\nwill hire forty people.\n")
    pars = paragraphs(text)
    assert len(pars) == 3
    assert pars[1].endswith("the union said.")


def test_mixed_file_is_read_block_by_block():
    pars = paragraphs(MIXED)
    assert pars == [
        "Turnout Climbs In Early Voting; Officials credit longer hours.",
        "Early voting turnout rose by a fifth compared with the last election, the state's "
        "elections office said on Monday, with the largest gains in rural counties.",
        "Polling places will stay open until 8 p.m. this week.",
        "Voters can check wait times online.",
        "Ballots mailed by Friday will be counted.",
        "Editor's note: this story was updated to correct the number of counties with "
        "extended hours.",
    ]
    assert read_layout(MIXED).form == "mixed"


def test_a_line_left_in_an_open_quotation_continues_into_its_attribution():
    text = ('Headline Here\n\nFirst paragraph.\nSecond paragraph.\n\n'
            '"We are not going anywhere, and neither is this fight.\nA union organizer."\n')
    assert paragraphs(text)[-1] == ('"We are not going anywhere, and neither is this fight. '
                                    'A union organizer."')


def test_one_huge_paragraph_is_flagged(tmp_path):
    body = " ".join(sentence(i) for i in range(30))  # about 390 words in one line
    path = tmp_path / "merged.txt"
    path.write_text(f"A Headline\n\n{body}\n\nA short closing line.\n", encoding="utf-8")
    [article] = read_file(path)
    assert len(article.paragraphs) == 2
    assert len(article.warnings) == 1
    assert "paragraph 1 has" in article.warnings[0] and "over 250" in article.warnings[0]


def test_wildly_uneven_lengths_are_flagged():
    long = " ".join(sentence(i) for i in range(14))  # about 180 words
    pars = [sentence(1), sentence(2), long, sentence(3), sentence(4)]
    [warning] = paragraph_warnings(pars)
    assert "uneven" in warning and "paragraph 3" in warning


def test_short_subheadings_do_not_make_lengths_uneven():
    body = " ".join(sentence(i) for i in range(12))  # about 155 words each
    pars = ["Where it started", body, "What comes next", body, "Who pays", body]
    assert paragraph_warnings(pars) == []


def test_no_warning_on_a_normal_article():
    article = article_from_text(WRAPPED_BLOCKS, source="harbor.txt")
    assert article.warnings == ()
    assert article_from_text(HEADLINE_THEN_LINES, source="council.txt").warnings == ()


def test_a_doubtful_block_is_said_to_be_doubtful():
    text = ("Two Readings\n\nThe board met on Monday.\nIt approved the plan\n"
            "that critics opposed\nand then\nMembers left the room.\n")  # 2 of 4 breaks wrap
    layout = read_layout(text)
    assert layout.doubtful_blocks == 1
    assert any("could be one paragraph per line or wrapped" in w
               for w in paragraph_warnings(layout.paragraphs,
                                           doubtful_blocks=layout.doubtful_blocks))


@pytest.mark.parametrize(("text", "expected"), [
    ("One line only.", ["One line only."]), ("", []), ("\n\n", []),
    ("A  b\n\nC", ["A b", "C"]), ("a\n \t\nb", ["a", "b"])])
def test_texts_without_line_breaks_inside_blocks_are_the_blank_line_rule(text, expected):
    assert read_layout(text).form == "blank-line"
    assert paragraphs(text) == expected


def test_markdown_list_items_stay_apart(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes From The Hearing\nwith a subtitle line\n\nWhat was said:\n"
                    "- the first witness spoke for an hour\n- the second declined\n",
                    encoding="utf-8")
    [article] = read_file(path)
    assert article.paragraphs[-2:] == ("the first witness spoke for an hour",
                                       "the second declined")


def test_cli_names_the_file_on_stderr_and_keeps_the_exit_code(tmp_path, capsys):
    from workbench.cli import main

    merged = tmp_path / "merged.txt"
    merged.write_text("A Headline\n\n" + " ".join(sentence(i) for i in range(30)) + "\n",
                      encoding="utf-8")
    normal = tmp_path / "council.txt"
    normal.write_text(HEADLINE_THEN_LINES, encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert main(["score", str(merged), str(normal), "--model", "none", "--no-cues",
                 "--out", str(out)]) == 0
    warnings = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: {merged}: paragraph 1 has")


def test_bulk_corpus_scoring_warns_once_per_file_naming_the_rows(tmp_path, capsys):
    import json

    from workbench.cli import main

    corpus = tmp_path / "news.jsonl"
    rows = [{"id": "a", "text": HEADLINE_THEN_LINES},
            {"id": "b", "text": " ".join(sentence(i) for i in range(30)) + "\n\nShort."},
            {"id": "c", "text": WRAPPED_BLOCKS}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert main(["score", str(corpus), "--model", "none", "--workers", "1",
                 "--out", str(out)]) == 0
    warnings = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning:")]
    assert warnings == [f"warning: {corpus}: 1 row(s) have paragraphs that may be split "
                        "wrongly (rows 2); row 2: paragraph 1 has 390 words (over 250): the "
                        "paragraph breaks may have been missed"]


def test_cli_lists_at_most_twenty_warned_files_then_counts_the_rest(tmp_path, capsys):
    from workbench.cli import MAX_WARNING_LINES, main

    merged = "A Headline\n\n" + " ".join(sentence(i) for i in range(30)) + "\n"
    for i in range(MAX_WARNING_LINES + 5):
        (tmp_path / f"m{i:02}.txt").write_text(merged, encoding="utf-8")
    assert main(["score", str(tmp_path), "--model", "none", "--no-cues",
                 "--out", str(tmp_path / "s.csv")]) == 0
    warnings = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == MAX_WARNING_LINES + 1
    assert warnings[-1].startswith("warning: 5 more files")


NAME_HEAVY = [
    "Senate Vote Delayed Again",
    "Senator Maria Lopez and Senator Tom Reyes asked on Tuesday for more time, and Majority "
    "Leader Ana Cruz agreed. Lopez said the text was not ready. Reyes said Cruz had been fair. "
    "Cruz said Lopez and Reyes would get one more week.",
    "Governor Sam Ortiz, Mayor Lee Park and Treasurer Dana Webb met Lopez on Wednesday. Ortiz "
    "told reporters that Park and Webb backed the delay. Webb said Ortiz spoke for all three.",
    "Reyes declined to comment. Lopez's office said Lopez would speak on Friday.",
]


@pytest.mark.parametrize("width", [50, 60, 72])
def test_text_wrapped_at_a_fixed_width_is_read_by_its_line_lengths(width):
    import textwrap

    text = "\n\n".join(textwrap.fill(p, width) for p in NAME_HEAVY)
    assert paragraphs(text) == NAME_HEAVY
    assert read_layout(text).form == "wrapped"


def test_short_lines_of_one_paragraph_each_are_not_taken_for_wrapping():
    items = ["Seven Things To Know", "Polls open at 7 a.m.", "Bring an ID with a photo.",
             "Lines are longest at noon.", "Results come in after 9 p.m.",
             "Mail ballots count if sent by Tuesday."]
    assert paragraphs(items[0] + "\n\n" + "\n".join(items[1:])) == items


def test_equal_short_paragraphs_one_per_line_are_not_taken_for_wrapping():
    pars = [f"Paragraph {i} of the council report, with enough words." for i in range(5)]
    assert paragraphs("\n".join(pars)) == pars

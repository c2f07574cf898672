"""The dashboard shows a doubtful paragraph split beside the article, not hidden."""

from __future__ import annotations

from tests.dashboard.test_app import app, no_model, paste, run  # noqa: F401 - fixtures, helpers


def beside_the_samples(at):
    """One pasted article replaces the samples; turn that off so that it is shown."""
    run(at.toggle(key="only_mine").set_value(False))
    assert len([h for h in at.get("html") if 'class="wb-article"' in h.proto.body]) == 3


def test_pasted_article_with_one_huge_paragraph_gets_a_warning(app):  # noqa: F811
    huge = " ".join(f"Sentence {i} of the report adds one more detail about the inquiry."
                    for i in range(30))
    paste(app, f"{huge}\n\nA short closing line.", title="Merged story")
    beside_the_samples(app)
    shown = [w.value.replace("\\", "") for w in app.warning]  # Markdown escapes removed
    assert len(shown) == 1
    assert "Paragraphs: paragraph 1 has" in shown[0] and "(over 250)" in shown[0]


def test_normal_articles_get_no_paragraph_warning(app):  # noqa: F811
    paste(app, "Talks Resume\n\nOfficials met on Monday.\nThey will meet again on Friday.",
          title="Normal story")
    beside_the_samples(app)
    assert not [w for w in app.warning if "Paragraphs:" in w.value]

"""A frame model takes any text: finite probabilities of the right shape, and explanations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import paragraph_text
from workbench.io.articles import Article
from workbench.model import explain, train
from workbench.score import score

TEXTS = ["Taxes rose again and wages fell.", "Jobs and budgets were cut.",
         "The court struck the law down.", "Judges ruled on the statute."] * 3


@pytest.fixture(scope="module")
def models() -> dict:
    """A single-label and a multi-label model, trained in a second."""
    return {
        "single-label": train(TEXTS, ["economic", "economic", "legality", "legality"] * 3,
                              cv=2).model,
        "multi-label": train(TEXTS, ["economic", "economic;legality", "legality", ""] * 3,
                             cv=2, multi_label=True).model,
    }


@pytest.mark.parametrize("kind", ["single-label", "multi-label"])
@settings(max_examples=50)
@given(texts=st.lists(paragraph_text | st.none(), min_size=1, max_size=5))
def test_probabilities_for_any_text(models, kind, texts):
    model = models[kind]
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts), len(model.labels))
    assert np.isfinite(proba).all() and (proba >= 0).all() and (proba <= 1 + 1e-9).all()
    if not model.multi_label:
        assert np.allclose(proba.sum(axis=1), 1)
    for text in texts:
        if text is not None:
            for term, weight in explain(model, text):
                assert isinstance(term, str) and np.isfinite(weight)


@settings(max_examples=20)
@given(st.lists(paragraph_text.filter(str.strip), min_size=1, max_size=4))
def test_score_with_a_model(models, pars):
    table = score([Article(article_id="a", title="t", paragraphs=tuple(pars))],
                  model=models["single-label"], cues=False)
    assert table["frame_primary"].is_in(["economic", "legality"]).all()
    assert table["frame_confidence"].is_between(0, 1).all()

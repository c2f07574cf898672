"""An evaluation measured after training (benchmarks/framing.py --record-card) is kept in the
model card beside the training metrics, and recording it again replaces it."""

from __future__ import annotations

import json

from workbench.model import save_model, train
from workbench.model.modelcard import card_paths, record_evaluation

TEXTS = ["Taxes rose and wages fell.", "Jobs and prices dominate.", "Budgets were cut again.",
         "The court struck down the law.", "Judges ruled it unconstitutional.",
         "An appeal is pending in court."]
LABELS = ["economic"] * 3 + ["legality"] * 3


def evaluation(micro: float) -> dict:
    return {"name": "held-out news", "note": "Articles it never saw.",
            "rows": [{"row": "shares >= 1/2", "n": 10, "micro": micro, "macro": 0.25},
                     {"row": "most frequent", "n": 10, "micro": 0.4, "macro": 0.2}],
            "abstention_rate": 0.125, "paragraphs": 80, "command": "bench --x",
            "date": "2026-12-05"}


def test_an_evaluation_is_added_to_both_cards_and_replaced_by_name(tmp_path):
    path = save_model(train(TEXTS, LABELS, cv=3).model, tmp_path / "m.skops")
    json_path, md_path = card_paths(path)
    record_evaluation(path, evaluation(0.5))
    record_evaluation(path, evaluation(0.75))
    card = json.loads(json_path.read_text(encoding="utf-8"))
    assert [e["rows"][0]["micro"] for e in card["evaluations"]] == [0.75]
    assert card["metrics"]["micro_f1"] is not None  # the training metrics stay
    text = md_path.read_text(encoding="utf-8")
    assert "## Evaluation: held-out news" in text
    assert "| shares >= 1/2 | 10 | 0.750 | 0.250 |" in text
    assert "| shares >= 1/2 | 10 | 0.500" not in text
    assert "No clear frame on 12.5% of its 80 paragraphs." in text
    assert "`bench --x`" in text

"""Seeded synthetic corpora: several outlets covering recurring events, for tests, the scale
benchmark and the dashboard's browser test. Nothing here is real news.

Each event has its own made-up names and figures and a date; several outlets write an
article on it within a couple of days, drawing shared topic words (so different events on one
topic look alike, as real campaign coverage does). Outlets differ by plan: ``hedging`` sets how
often an outlet's sentences carry a hedge, ``anonymous`` how often its sources go unnamed.

Examples
--------
>>> arts = synthetic_articles(20, seed=1)
>>> arts.columns
['article_id', 'outlet', 'date', 'title', 'text', 'event']
>>> arts.height
20
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl

SYLLABLES = ("ka", "lo", "mer", "tan", "vi", "ro", "sel", "dun", "pa", "gri", "hol", "ben",
             "sta", "quo", "mir", "zel", "tor", "fa", "nek", "lu")
TOPICS = (
    ("election", "vote", "candidate", "campaign", "ballot", "poll", "debate", "primary"),
    ("storm", "flood", "rain", "damage", "rescue", "shelter", "weather", "coast"),
    ("court", "judge", "ruling", "appeal", "law", "trial", "verdict", "case"),
    ("market", "price", "shares", "bank", "trade", "economy", "rates", "growth"),
)
FILLER = ("the", "said", "on", "after", "with", "new", "week", "people", "report", "city",
          "state", "officials", "plan", "time", "year", "local", "group", "public")
HEDGES = ("may", "might", "reportedly", "possibly", "appears to", "could")


def _name(rng: np.random.Generator) -> str:
    return "".join(rng.choice(SYLLABLES, size=rng.integers(2, 4))).capitalize()


def synthetic_articles(n: int, *, outlets: Sequence[str] = ("Alpha", "Beta", "Gamma", "Delta"),
                       per_event: int = 3, start: str = "2024-01-01", days: int = 365,
                       hedging: Sequence[float] | None = None,
                       anonymous: Sequence[float] | None = None, sentences: int = 6,
                       seed: int = 0) -> pl.DataFrame:
    """Return ``n`` articles: ``article_id, outlet, date, title, text, event``.

    About ``per_event`` outlets cover each event (at most all of them); ``hedging`` and
    ``anonymous`` give each outlet's per-sentence hedge and unnamed-source rates.
    """
    rng = np.random.default_rng(seed)
    k = len(outlets)
    hedging = list(hedging) if hedging is not None else [0.2] * k
    anonymous = list(anonymous) if anonymous is not None else [0.3] * k
    first = dt.date.fromisoformat(start)
    rows: list[dict] = []
    event = 0
    while len(rows) < n:
        names = [_name(rng) for _ in range(3)]
        figure = f"{rng.integers(2, 999)}"
        topic = TOPICS[rng.integers(len(TOPICS))]
        day = first + dt.timedelta(days=int(rng.integers(days)))
        cover = rng.choice(k, size=min(k, max(1, per_event)), replace=False)
        for o in cover:
            if len(rows) >= n:
                break
            rows.append(_article(rng, len(rows), outlets[o], day, names, figure, topic,
                                 hedging[o], anonymous[o], sentences, event))
        event += 1
    return pl.DataFrame(rows)


def as_corpus(articles: pl.DataFrame) -> pl.DataFrame:
    """Return the articles as a corpus file's rows (``id`` names the article, no ``event``),
    ready for ``write_ndjson`` and ``workbench score``."""
    return articles.drop("event").rename({"article_id": "id"})


def _article(rng, i, outlet, day, names, figure, topic, hedge, anon, sentences, event) -> dict:
    out = []
    for s in range(sentences):
        words = list(rng.choice(topic, size=4)) + list(rng.choice(FILLER, size=5))
        if s < 2 or rng.random() < 0.5:
            words += [names[s % 3], figure if s == 0 else names[(s + 1) % 3]]
        rng.shuffle(words)
        source = ("sources familiar with the talks said" if rng.random() < anon
                  else f"{names[0]} said")
        hedged = f" {rng.choice(HEDGES)}" if rng.random() < hedge else ""
        out.append(f"{' '.join(words).capitalize()}{hedged} happen, {source}.")
    date = (day + dt.timedelta(days=int(rng.integers(0, 2)))).isoformat()
    return {"article_id": f"{outlet.lower()}-{i:06d}", "outlet": outlet, "date": date,
            "title": f"{names[0]} {topic[0]} {figure}", "text": " ".join(out), "event": event}


def synthetic_measures(n_stories: int, *, outlets: Sequence[str] = ("A", "B"),
                       effect: float = 0.0, coverage: float = 0.8, story_sd: float = 0.1,
                       noise_sd: float = 0.1, seed: int = 0) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return ``(articles, stories)``: an article table with one measure
    (``anonymous_source_share``) and its story groups. Each story has its own level
    (``story_sd``); outlet ``i`` adds ``i * effect``; each outlet covers a story with
    probability ``coverage``. The true difference between outlets 1 and 0 is therefore ``effect``.
    """
    rng = np.random.default_rng(seed)
    level = 0.3 + rng.normal(0, story_sd, n_stories)
    rows = []
    for s in range(n_stories):
        for i, o in enumerate(outlets):
            if rng.random() < coverage:
                value = level[s] + i * effect + rng.normal(0, noise_sd)
                rows.append({"article_id": f"{o}-{s}", "outlet": o, "story_id": s,
                             "anonymous_source_share": float(value)})
    arts = pl.DataFrame(rows)
    return arts.drop("story_id"), arts.select("article_id", "story_id")

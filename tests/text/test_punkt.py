"""The fast Punkt spans equal NLTK's, character for character, on any text."""

from __future__ import annotations

import random
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from tests.fuzz.strategies import hostile_text, paragraph_text
from workbench import lexicons
from workbench.text import punkt
from workbench.text.punkt import is_untrained, span_tokenize

ABBREVIATIONS = set(lexicons.load("abbreviations"))

TRICKY = [
    "", " ", "\n", ".", "..", "...", ". . .", "?!", "a.b.c. D.", "J. Bach went. Then.",
    "Mr. Smith met Gen. Lee in the U.S. on Jan. 5. They talked.",
    "It rose 5. percent. In 2024. the", "(He left.) She stayed.", 'He said "yes." She said no!',
    "Very bad acting!!! I promise.", "e.g. this. etc.. more", "The U.S.-led talks. Then",
    "No. 5 is here. no. 6 is not.", "“Quoted.” Next one.", "«Cité.» Suite.", "end.\n\nNew para.",
    "wait... What? ok", "x.\x0bY", "x.\u2028Y", "A.\tB. c", "He said.   \t  ", "x .Y .z",
    "Sen.-elect Warren spoke. Then", "I. II. III. iv.", "5.. 6. 7.",
    "In 2019.; then 2020.: now 21.! ok", "left.\n\x1c Then", "left?\n\x1f\x1e x", "a.\n\x1d",
    "No.\n\x1c Bar", "The 1.\u2028\x1c", "ok.\x85\x1c Next", "Gen.\xa0Lee. Then",
]


def nltk_tokenizer(abbrevs: set[str]) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbrevs)
    return PunktSentenceTokenizer(params)


REFERENCE = nltk_tokenizer(ABBREVIATIONS)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_cases_match_nltk(text):
    assert span_tokenize(text, REFERENCE) == list(REFERENCE.span_tokenize(text))


@settings(max_examples=800, deadline=None)
@given(st.one_of(hostile_text, paragraph_text))
def test_hostile_text_matches_nltk(text):
    assert span_tokenize(text, REFERENCE) == list(REFERENCE.span_tokenize(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY + ["Mr.", "J.", "5.", "said.", "The", "the", "!", "\n"]),
                max_size=25).map(" ".join))
def test_sentence_pieces_match_nltk(text):
    assert span_tokenize(text, REFERENCE) == list(REFERENCE.span_tokenize(text))


def test_seed_paragraphs_match_nltk(seeds_dir):
    from workbench.io.articles import read_articles

    texts = [p for a in read_articles([seeds_dir]).articles for p in a.paragraphs]
    rng = random.Random(5)
    words = " ".join(texts).split()
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    for text in texts:
        assert span_tokenize(text, REFERENCE) == list(REFERENCE.span_tokenize(text)), text


INSERTS = ["\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "  ", ". ", "? ", "!", '"',
           "”", "’", "(", ")", "..", "...", ". . .", "5.", "2019.", "Mr.", "mr.", "U.S.", "J.",
           "a.", " a", " The", " the", ",", ";", ":", "-", "--", "—", "St.", "e.g.", "No.", "İ.",
           "ß.", "１.", "٣.", "x\u0301.", "'", "» ", "1.5", "p.m. "]


def mutated(text: str, rng: random.Random) -> str:
    """``text`` with a few snippets that steer Punkt's decisions inserted at random."""
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(INSERTS))
    return "".join(chars)


def test_news_corpus_paragraphs_match_nltk():
    """Thousands of paragraphs like the benchmark corpus's, as they are and mutated."""
    from benchmarks.corpus import Generator

    generator = Generator(seed=7)
    texts = [generator.paragraph() for _ in range(3000)]
    texts += [p for a in (generator.article(20) for _ in range(50)) for p in a]
    rng = random.Random(11)
    texts += [mutated(t, rng) for t in texts for _ in range(2)]
    wrong = [t for t in texts if span_tokenize(t, REFERENCE) != list(REFERENCE.span_tokenize(t))]
    assert not wrong, wrong[:5]


def test_character_classes_are_nltks():
    """The sets the fast path tests characters against are NLTK's regular expressions'."""
    import regex
    from nltk.tokenize.punkt import PunktLanguageVars

    lang = PunktLanguageVars()
    chars = [chr(c) for c in range(0x3000)]
    non_word = regex.compile(lang._re_non_word_chars)
    realign = punkt._engine(lang.re_boundary_realignment).pattern
    closers = regex.compile(realign[:realign.index("]+?") + 1])
    assert punkt._NON_WORD == {c for c in chars if non_word.fullmatch(c)}
    assert punkt._CLOSERS == {c for c in chars if closers.fullmatch(c)}


def nltk_ends(text: str) -> list[tuple[int, int]]:
    contexts = punkt._engine(REFERENCE._lang_vars.period_context_re())
    return [(m.start(), m.start("next_tok")) for m in contexts.finditer(text)]


def test_candidates_are_nltks_for_every_character():
    codes = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for lo in range(0, len(codes), 4096):
        chars = map(chr, codes[lo:lo + 4096])
        text = "".join(f"x.{c}y!{c}{c}?{c} {c}z.{c}" for c in chars) + ".\u3000"
        assert punkt._ends(text) == nltk_ends(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(hostile_text, st.lists(st.sampled_from(INSERTS), max_size=20).map("".join)))
def test_candidates_are_nltks(text):
    assert punkt._ends(text) == nltk_ends(text)


def test_other_abbreviation_lists_are_honoured():
    tokenizer = nltk_tokenizer({"approx"})
    text = "It is approx. ten. Then Mr. Lee left."
    assert span_tokenize(text, tokenizer) == list(tokenizer.span_tokenize(text))
    assert len(span_tokenize(text, tokenizer)) == 3


def test_trained_tokenizers_are_left_to_nltk():
    tokenizer = nltk_tokenizer(ABBREVIATIONS)
    tokenizer._params.collocations.add(("s", "bach"))
    assert not is_untrained(tokenizer)
    text = "J. S. Bach wrote. Then"
    assert span_tokenize(text, tokenizer) == list(tokenizer.span_tokenize(text))

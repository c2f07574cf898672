"""An error message is one safe line, whatever the file it quotes holds."""

from __future__ import annotations

import unicodedata

from hypothesis import given

from tests.fuzz.strategies import hostile_text
from workbench.errors import InputError, ModelError

BIDI_CONTROLS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@given(source=hostile_text, problem=hostile_text)
def test_messages_are_one_safe_line(source, problem):
    for error in (InputError(source, problem), ModelError(source, problem)):
        message = str(error)
        # no line break, no terminal escape, no text-reversing control
        assert not [ch for ch in message if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
                    or ch in BIDI_CONTROLS], repr(message)

"""Errors a user can act on: each names the input and the problem in one line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    r"""Escape line breaks, control and bidi characters, so a message stays one safe line.

    Messages quote what a file holds (column names, parser errors); raw, a newline split
    the message and an escape sequence reached the terminal.

    Examples
    --------
    >>> print(one_line("columns: a\nb, \x1b[2J"))
    columns: a\nb, \x1b[2J
    """
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class WorkbenchError(ValueError):
    """Base class for the workbench's own, user-facing errors."""


class InputError(WorkbenchError):
    """A file or text the workbench cannot read.

    Examples
    --------
    >>> str(InputError("seeds/a.txt", "the file is empty"))
    'seeds/a.txt: the file is empty'
    """

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(one_line(f"{self.source}: {problem}"))


class ModelError(WorkbenchError):
    """A model file that cannot or must not be loaded."""

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(one_line(f"{self.source}: {problem}"))


class NoArticlesError(WorkbenchError):
    """No article could be read; ``errors`` holds why, one InputError per failed input.

    Examples
    --------
    >>> str(NoArticlesError([InputError("a.txt", "the file is empty")]))
    'no article could be read (1 input(s) failed)'
    """

    def __init__(self, errors: Sequence[InputError] = ()) -> None:
        self.errors = list(errors)
        failed = f" ({len(self.errors)} input(s) failed)" if self.errors else ""
        super().__init__(f"no article could be read{failed}")


def single_str_message(name: str) -> str:
    """Message for a bare ``str`` passed where an iterable of paragraphs is expected."""
    return (
        f"{name} expected an iterable of paragraphs, got a single str; "
        "wrap it in a list: [text]"
    )


def bad_option_message(name: str, value: object, allowed: object) -> str:
    """Message for a parameter holding a value outside its allowed options."""
    return f"{name}={value!r} is not valid; expected one of {allowed}"


class ResourceError(WorkbenchError):
    """A model or folder the workbench looks for by default and cannot find; the message
    says where it looked and how to point to it."""

"""Errors a user can act on: each names the input and the problem in one line."""

from __future__ import annotations

from pathlib import Path


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
        super().__init__(f"{self.source}: {problem}")


class ModelError(WorkbenchError):
    """A model file that cannot or must not be loaded."""

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


def single_str_message(name: str) -> str:
    """Message for a bare ``str`` passed where an iterable of paragraphs is expected."""
    return (
        f"{name} expected an iterable of paragraphs, got a single str; "
        "wrap it in a list: [text]"
    )


def bad_option_message(name: str, value: object, allowed: object) -> str:
    """Message for a parameter holding a value outside its allowed options."""
    return f"{name}={value!r} is not valid; expected one of {allowed}"

"""Compare how news outlets hedge, attribute and frame the same story, paragraph by paragraph.

The package is laid out in the order of the pipeline; a stage imports only earlier ones
(``tests/test_layout.py`` checks it):

0. :mod:`workbench.schema` (the table's columns), :mod:`~workbench.errors`,
   :mod:`~workbench.types`, :mod:`~workbench.paths`, :mod:`~workbench.lexicons`
1. :mod:`workbench.text`: paragraphs and sentences
2. :mod:`workbench.io`: article files, corpora, labelled files, score tables
3. :mod:`workbench.features`: the extractors
4. :mod:`workbench.model`: the frame model
5. :mod:`workbench.score` (the pipeline), :mod:`workbench.align` (counterpart paragraphs)
6. :mod:`workbench.bulk`: corpus-scale scoring
7. :mod:`workbench.dashboard` and :mod:`workbench.cli`: the shells

The names below are imported when first used, so ``import workbench.schema`` loads nothing
else of the package.

Examples
--------
>>> from workbench import score, segment
>>> table = score(segment.to_frame([]))
>>> table.height
0
"""

from __future__ import annotations

import importlib
import sys
import types

_PUBLIC: dict[str, str] = {
    "Article": "workbench.io.articles",
    "AttributionFeatures": "workbench.features",
    "FramingCues": "workbench.features",
    "HedgingFeatures": "workbench.features",
    "InputError": "workbench.errors",
    "ModelError": "workbench.errors",
    "TextStats": "workbench.features",
    "WorkbenchError": "workbench.errors",
    "make_features": "workbench.features",
    "parse_cues": "workbench.score",
    "read_articles": "workbench.io.articles",
    "read_file": "workbench.io.articles",
    "read_table": "workbench.io.tables",
    "score": "workbench.score",
    "summarise_articles": "workbench.score",
    "write_table": "workbench.io.tables",
}
"""Public name to the module that holds it."""

_MODULES: dict[str, str] = {"segment": "workbench.text.segment"}
"""Public names that are modules."""

__all__ = sorted([*_PUBLIC, *_MODULES])


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562)."""
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    elif name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
    else:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: ``workbench.score`` stays the function when the module of the
    same name is imported (Python then sets the submodule as an attribute of the package)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "score" and isinstance(value, types.ModuleType):
            value = value.score
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

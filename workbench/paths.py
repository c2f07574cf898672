"""Where the default frame model and the sample articles are: set by environment variables,
else found in the source checkout the package runs from.

An installed package (a wheel in ``site-packages``) has no ``models/`` or ``seeds/`` beside
it; then :func:`default_model_path` and :func:`seeds_dir` raise a one-line
:class:`~workbench.errors.ResourceError` naming what was looked for and how to fix it.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from workbench.errors import ResourceError

PACKAGE_DIR = Path(__file__).resolve().parent
"""The folder of the ``workbench`` package; its parent is the checkout when run from one."""

MODEL_ENV = "WORKBENCH_MODEL"
SEEDS_ENV = "WORKBENCH_SEEDS"
MODEL_FILE = Path("models") / "framing-mfc.skops"
SEEDS_FOLDER = Path("seeds")


def source_root() -> Path | None:
    """Return the checkout the package runs from (the parent of the package folder, whose
    ``pyproject.toml`` names the ``workbench`` project), or None for an installed package."""
    root = PACKAGE_DIR.parent
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return root if project.get("project", {}).get("name") == "workbench" else None


def default_model_path() -> Path:
    """Return the default frame model: ``$WORKBENCH_MODEL``, else the checkout's
    ``models/framing-mfc.skops`` (which may not be built yet: callers check it exists).

    Raises
    ------
    ResourceError
        When the variable is unset and the package does not run from a checkout.
    """
    return _located(MODEL_ENV, MODEL_FILE, "no default frame model",
                    f"pass --model PATH or set {MODEL_ENV}=PATH")


def seeds_dir() -> Path:
    """Return the folder of sample articles the dashboard shows: ``$WORKBENCH_SEEDS``, else
    the checkout's ``seeds/``; raises :class:`ResourceError` as :func:`default_model_path`."""
    return _located(SEEDS_ENV, SEEDS_FOLDER, "no sample articles", f"set {SEEDS_ENV}=FOLDER")


def _located(env: str, relative: Path, missing: str, fix: str) -> Path:
    value = os.environ.get(env)
    if value:
        return Path(value)
    root = source_root()
    if root is not None:
        return root / relative
    raise ResourceError(f"{missing}: ${env} is unset and {PACKAGE_DIR} is not in a source "
                        f"checkout (looked for {relative.as_posix()} beside it); {fix}")

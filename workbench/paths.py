"""Where the shipped default model and sample articles live."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout holding ``models/`` and ``seeds/`` (the package is installed editable)."""


def default_model_path() -> Path:
    """Return the default frame model: ``$WORKBENCH_MODEL`` or ``models/framing-mfc.skops``."""
    return Path(os.environ.get("WORKBENCH_MODEL", PROJECT_ROOT / "models" / "framing-mfc.skops"))


def seeds_dir() -> Path:
    """Return the folder of sample articles shown by the dashboard."""
    return Path(os.environ.get("WORKBENCH_SEEDS", PROJECT_ROOT / "seeds"))

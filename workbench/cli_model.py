"""Command-line subcommands for frame models (``train``, ``evaluate``)."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register the model subcommands on ``sub`` (filled in with the framing classifier)."""

"""Hypothesis profiles for the fuzz suite: a fixed, deterministic budget in CI.

``ci`` (the default) replays the same examples on every run, so a red build is always
reproducible; ``dev`` explores fresh random examples, ten times as many. Choose with
``HYPOTHESIS_PROFILE=dev pytest tests/fuzz``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=600,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

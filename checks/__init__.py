"""Turning claims into verdicts: the verdict model, the law suites, the claim reader,
the engines, the CLI, the report writers and the pytest plugin.

The assertion helpers for ordinary tests are importable from here and loaded on first
use, so ``import coherence.checks`` stays light:

>>> from coherence.checks import Outcome
>>> Outcome.PROVED.value
'proved'
"""

from __future__ import annotations

import importlib
from typing import Any

from coherence.checks.verdict import Location, Outcome, Verdict

_LAZY = {
    "assert_proved": "coherence.checks.assertions",
    "assert_refuted": "coherence.checks.assertions",
    "assert_holds": "coherence.checks.assertions",
    "ClaimFailed": "coherence.checks.assertions",
    "claim": "coherence.checks.claims",
    "decide": "coherence.checks.decide",
    "check_laws": "coherence.checks.laws",
}

__all__ = ["Location", "Outcome", "Verdict", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'coherence.checks' has no attribute {name!r}")

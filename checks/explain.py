"""Explain one verdict in a few aligned lines — kept as an import path only.

The text lives in :mod:`coherence.checks.render`, the one renderer every report and
screen uses; these names are the same functions.

>>> from coherence.checks import render
>>> explain is render.explain and reproduce_command is render.reproduce_command
True
"""

from __future__ import annotations

from coherence.checks.render import explain, layout_value, reproduce_command

__all__ = ["explain", "layout_value", "reproduce_command"]

"""Measure the coder: gold-standard scores (`evaluate`) and cross-lingual agreement (`agree`)."""
from __future__ import annotations

from dyad.evaluate.agreement import agree
from dyad.evaluate.scoring import evaluate

__all__ = ["agree", "evaluate"]

"""Match predicted events to gold events within one sentence and count the outcome.

The rule (the same for every dimension scored): a gold event and a predicted event of the same
sentence MATCH when their labels agree (same CAMEO root, same PLOVER type, or same source,
target and root) and, when the gold trigger text can be found in the sentence, the predicted
trigger span overlaps it; a gold trigger that cannot be found (annotators' typos) only needs the
label. Matching is greedy in text order, one-to-one. Unmatched pairs whose triggers overlap are
CONFUSIONS (gold label × predicted label); other leftovers are misses ("-" as predicted) and
spurious events ("-" as gold).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dyad.actors.roles import NO_STATE, is_stateless
from dyad.evaluate.gold import GoldEvent
from dyad.identity import side
from dyad.model import Actor

NONE = "-"


def scored_side(actor: Actor) -> str:
    """What the scores compare of an actor: its state, "IGO" for any international
    organisation, "---" when the text named no state (a group, or no target at all)."""
    if is_stateless(actor):
        return NO_STATE
    code = side(actor)
    return "IGO" if code.startswith("IGO") else code


@dataclass(frozen=True)
class Predicted:
    """One coded event reduced to what is scored."""

    spans: tuple[tuple[int, int], ...]  # trigger spans, sentence-relative
    root: str
    plover: str | None
    source: str  # state alpha-3 or IGO code
    target: str
    source_text: str = ""
    target_text: str = ""


@dataclass
class Tally:
    """True positives, false positives and false negatives, with the confusion counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    confusion: Counter = field(default_factory=Counter)

    def scores(self) -> dict[str, float | int | None]:
        """P, R, F1 (None when nothing was there to score) and the counts."""
        if not self.tp + self.fp + self.fn:
            return {"precision": None, "recall": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def overlaps(span: tuple[int, int] | None, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the gold span is unknown or meets one of the predicted spans."""
    if span is None:
        return True
    return any(s < span[1] and span[0] < e for s, e in spans)


def match(golds: Sequence[GoldEvent], preds: Sequence[Predicted],
          same: Callable[[GoldEvent, Predicted], bool],
          gold_label: Callable[[GoldEvent], str], pred_label: Callable[[Predicted], str],
          tally: Tally) -> list[tuple[GoldEvent, Predicted]]:
    """Add one sentence's outcome to `tally`; return the matched pairs."""
    free = list(range(len(preds)))
    pairs: list[tuple[GoldEvent, Predicted]] = []
    missed: list[GoldEvent] = []
    for gold in golds:
        hit = next((i for i in free if same(gold, preds[i]) and overlaps(gold.span, preds[i].spans)), None)
        if hit is None:
            missed.append(gold)
            continue
        free.remove(hit)
        pairs.append((gold, preds[hit]))
    for gold in missed:
        crossed = next((i for i in free if gold.span is not None
                        and overlaps(gold.span, preds[i].spans)), None)
        if crossed is not None:
            free.remove(crossed)
            tally.fp += 1
        tally.confusion[(gold_label(gold), pred_label(preds[crossed]) if crossed is not None else NONE)] += 1
    for i in free:
        tally.confusion[(NONE, pred_label(preds[i]))] += 1
    tally.tp += len(pairs)
    tally.fn += len(missed)
    tally.fp += len(free)
    return pairs

"""Plain-text tables of evaluation and agreement results (the CLI's `--format table`)."""
from __future__ import annotations

from typing import Any


def eval_table(result: dict[str, Any]) -> str:
    lines = [f"gold: {result['gold']}  sentences={result['sentences']} "
             f"gold_events={result['gold_events']} predicted_events={result['predicted_events']}",
             f"{'lang':<5} {'dimension':<7} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for lang, dims in result["scores"].items():
        for dim, s in dims.items():
            lines.append(f"{lang:<5} {dim:<7} {_share(s['precision']):>6} {_share(s['recall']):>6} "
                         f"{_share(s['f1']):>6} {s['tp']:>5} {s['fp']:>5} {s['fn']:>5}")
    for dim, rows in result["confusion"].items():
        lines.append(f"top {dim} confusions (gold -> predicted; '-' = none):")
        lines += [f"  {g:>10} -> {p:<10} {n}" for g, p, n in rows]
    a = result["arguments"]
    lines.append(f"arguments of {a['matched_events']} root-matched events: source text agrees "
                 f"{_share(a['source_text_agreement'])} (of {a['source_annotated']}), target text "
                 f"{_share(a['target_text_agreement'])} (of {a['target_annotated']})")
    return "\n".join(lines)


def agree_table(result: dict[str, Any]) -> str:
    lines = [f"documents={result['documents']} not coded: "
             + (", ".join(f"{k} ({v})" for k, v in result["skipped_languages"].items()) or "-"),
             f"{'pair':<6} {'docs':>5} {'empty':>5} {'|A|':>5} {'|B|':>5} {'shared':>6} "
             f"{'union':>6} {'agreement':>9}"]
    for pair, s in result["pairs"].items():
        lines.append(f"{pair:<6} {s['documents']:>5} {s['empty_documents']:>5} {s['triples_a']:>5} "
                     f"{s['triples_b']:>5} {s['shared']:>6} {s['union']:>6} {_share(s['agreement']):>9}")
    for pair, s in result["pairs"].items():
        a, b = pair.split("-")
        if s["only_a"] or s["only_b"]:
            lines.append(f"{pair}: only {a}: " + "; ".join(f"{t} ×{n}" for t, n in s["only_a"])
                         + f" | only {b}: " + "; ".join(f"{t} ×{n}" for t, n in s["only_b"]))
    lines += [f"problem: {p}" for p in result["problems"]]
    return "\n".join(lines)


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"

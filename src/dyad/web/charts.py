"""Plotly figures (plain dicts) for the dashboard; static/charts.js draws them."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import pandas as pd

QUADS = ((1, "verbal cooperation", "#4393c3"), (2, "material cooperation", "#2166ac"),
         (3, "verbal conflict", "#f4a582"), (4, "material conflict", "#b2182b"))
CONFLICT, NEUTRAL, COOPERATION = (178, 24, 43), (190, 190, 190), (33, 102, 172)
SCALE = [[0.0, "rgb(178,24,43)"], [0.5, "rgb(190,190,190)"], [1.0, "rgb(33,102,172)"]]


def goldstein_colour(value: float) -> str:
    """Red for conflict (-10), grey for 0, blue for cooperation (+10)."""
    t = max(-1.0, min(1.0, value / 10))
    far = COOPERATION if t > 0 else CONFLICT
    rgb = (round(n + (f - n) * abs(t)) for n, f in zip(NEUTRAL, far, strict=True))
    return "rgb({},{},{})".format(*rgb)


def undirected(dyads: pd.DataFrame) -> list[tuple[str, str, int, float]]:
    """Directed pair counts merged per unordered pair: (a, b, events, mean Goldstein)."""
    events: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], float] = defaultdict(float)
    for row in dyads.itertuples(index=False):
        if row.source_country == row.target_country:
            continue
        key = tuple(sorted((row.source_country, row.target_country)))
        events[key] += int(row.events)
        total[key] += float(row.goldstein_mean) * int(row.events)
    return sorted(((a, b, n, round(total[(a, b)] / n, 2)) for (a, b), n in events.items()),
                  key=lambda e: (-e[2], e[0], e[1]))


def network(edges: list[tuple[str, str, int, float]]) -> dict[str, Any]:
    """Countries on a circle; an edge per pair, width = events, colour = mean Goldstein."""
    nodes = sorted({c for a, b, _, _ in edges for c in (a, b)})
    where = {c: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
             for i, c in enumerate(nodes)}
    most = max((n for _, _, n, _ in edges), default=1)
    data: list[dict[str, Any]] = [
        {"type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False,
         "x": [where[a][0], where[b][0]], "y": [where[a][1], where[b][1]],
         "line": {"width": 1.5 + 8 * n / most, "color": goldstein_colour(g)}}
        for a, b, n, g in edges]
    data.append({"type": "scatter", "mode": "markers", "showlegend": False, "hoverinfo": "text",
                 "x": [(where[a][0] + where[b][0]) / 2 for a, b, _, _ in edges],
                 "y": [(where[a][1] + where[b][1]) / 2 for a, b, _, _ in edges],
                 "text": [f"{a}–{b}: {n} events, mean Goldstein {g:+.1f}" for a, b, n, g in edges],
                 "customdata": [f"/dyad/{a}/{b}" for a, b, _, _ in edges],
                 "marker": {"size": 9, "color": [g for *_, g in edges], "cmin": -10, "cmax": 10,
                            "colorscale": SCALE, "showscale": True,
                            "colorbar": {"title": {"text": "Goldstein"}, "thickness": 12}}})
    degree = defaultdict(int)
    for a, b, n, _ in edges:
        degree[a] += n
        degree[b] += n
    data.append({"type": "scatter", "mode": "markers+text", "showlegend": False,
                 "x": [where[c][0] for c in nodes], "y": [where[c][1] for c in nodes],
                 "text": nodes, "textposition": "top center", "hoverinfo": "text",
                 "hovertext": [f"{c}: {degree[c]} events" for c in nodes],
                 "marker": {"size": [10 + 3 * math.sqrt(degree[c]) for c in nodes],
                            "color": "#333"}})
    axis = {"visible": False, "range": [-1.3, 1.3]}
    return {"data": data, "layout": {"height": 460, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                                     "xaxis": axis, "yaxis": {**axis, "scaleanchor": "x"},
                                     "hovermode": "closest", "plot_bgcolor": "#fff"}}


def timeline(series: pd.DataFrame) -> dict[str, Any]:
    """Events per period stacked by QuadClass, with the mean Goldstein line on a second axis."""
    periods = series["period"].tolist()
    data: list[dict[str, Any]] = [
        {"type": "bar", "name": f"{q} {name}", "x": periods, "y": series[f"quad{q}"].tolist(),
         "marker": {"color": colour}} for q, name, colour in QUADS]
    data.append({"type": "scatter", "mode": "lines+markers", "name": "mean Goldstein",
                 "x": periods, "y": series["goldstein_mean"].tolist(), "yaxis": "y2",
                 "line": {"color": "#222"}})
    return {"data": data, "layout": {
        "barmode": "stack", "height": 360, "margin": {"l": 50, "r": 50, "t": 10, "b": 40},
        "xaxis": {"type": "category", "title": {"text": "month"}},
        "yaxis": {"title": {"text": "events"}, "rangemode": "tozero"},
        "yaxis2": {"title": {"text": "Goldstein"}, "overlaying": "y", "side": "right",
                   "range": [-10, 10], "dtick": 5, "zeroline": False},
        "legend": {"orientation": "h", "y": -0.25, "traceorder": "normal"}}}

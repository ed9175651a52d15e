"""Event identity across articles and languages, kept at insert time (issue 6).

Each article's deduplicated events are stored as *reports*. Reports that may be one event share a
block (unordered sides, root, polarity, year); when a block gains a report, all its reports are
clustered again by `dyad.identity` and the block's events rewritten. Clustering depends only on
the set of reports, so any insertion order of the same articles gives the same events and ids.
An event keeps the id of its founding report (its most specific one).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from dyad.identity import PRECISION_RANK, Report, block_key, cluster, event_id, side
from dyad.model import Actor, Article, Event
from dyad.neardup import NearDupRules, bands, from_blob, signature, similarity, to_blob
from dyad.store.rows import EVENT_COLUMNS, event_from_row, event_row

REPORT_COLUMNS = ("report_id",) + EVENT_COLUMNS[1:]
REPORT_EXTRA = ("article_pk", "event_id", "block", "symmetric", "merge_reasons")


def outlet(article: Article, content_hash: str) -> str:
    """The outlet NumSources counts: the `source` field, else the URL's host, else the article."""
    if article.source and article.source.strip():
        return article.source.strip()
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        return host.removeprefix("www.")
    return f"article:{content_hash[:16]}"


def insert_report(conn: sqlite3.Connection, article_pk: int, event: Event, symmetric: bool,
                  now: str) -> tuple[int, str]:
    """Store one article-level event as a report; returns its row id and block."""
    block = block_key(Report(event.source, event.target, event.cameo, event.date, event.negated,
                             symmetric, group=""))
    columns = REPORT_COLUMNS + REPORT_EXTRA
    cursor = conn.execute(
        f"INSERT INTO reports ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (*event_row(event, now), article_pk, event.event_id, block, int(symmetric),
         json.dumps(list(event.merge_reasons), ensure_ascii=False)))
    return int(cursor.lastrowid or 0), block


def link_near_duplicates(conn: sqlite3.Connection, pk: int, lang: str, text: str,
                         rules: NearDupRules) -> set[int]:
    """Record `duplicate_of` for a new article's near-duplicate group; returns its members."""
    sig = signature(text, rules)
    if sig is None:
        return set()
    keys = bands(sig, rules)
    conn.execute("INSERT INTO minhashes (article_pk, lang, signature) VALUES (?, ?, ?)",
                 (pk, lang, to_blob(sig)))
    conn.executemany("INSERT INTO minhash_bands (lang, band, hash, article_pk) VALUES (?, ?, ?, ?)",
                     [(lang, b, h, pk) for b, h in keys])
    candidates: set[int] = set()
    for band, value in keys:
        candidates.update(row[0] for row in conn.execute(
            "SELECT article_pk FROM minhash_bands WHERE lang = ? AND band = ? AND hash = ?"
            " AND article_pk != ?", (lang, band, value, pk)))
    confirmed = [c for c in sorted(candidates) if similarity(sig, from_blob(conn.execute(
        "SELECT signature FROM minhashes WHERE article_pk = ?", (c,)).fetchone()[0]))
        >= rules.threshold]
    if not confirmed:
        return set()
    marks = ", ".join("?" * len(confirmed))
    roots = {row[0] for row in conn.execute(
        f"SELECT coalesce(duplicate_of, id) FROM articles WHERE id IN ({marks})", confirmed)}
    marks = ", ".join("?" * len(roots))
    members = {row[0]: row[1] for row in conn.execute(
        f"SELECT id, content_hash FROM articles WHERE id IN ({marks}) OR duplicate_of IN ({marks})"
        " OR id = ?", (*roots, *roots, pk))}
    root = min(members, key=lambda m: members[m])  # by content hash: insertion order free
    conn.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                     [(None if m == root else root, m) for m in members])
    return set(members)


def blocks_of(conn: sqlite3.Connection, article_pks: Iterable[int]) -> set[str]:
    """The blocks holding reports of these articles."""
    pks = sorted(article_pks)
    if not pks:
        return set()
    marks = ", ".join("?" * len(pks))
    return {row[0] for row in conn.execute(
        f"SELECT DISTINCT block FROM reports WHERE article_pk IN ({marks})", pks)}


@dataclass(frozen=True)
class StoredReport:
    """One report row, with what identity and merging need."""

    pk: int
    event: Event  # event_id is the report's own (article-level) id
    report: Report
    article_id: str
    mentions: int


def _load(conn: sqlite3.Connection, block: str) -> list[StoredReport]:
    columns = ", ".join(f"r.{c}" for c in REPORT_COLUMNS)
    rows = conn.execute(
        f"SELECT r.id, {columns}, r.symmetric, r.merge_reasons, a.article_id, a.content_hash,"
        " coalesce(d.content_hash, a.content_hash),"
        " (SELECT count(*) FROM mentions m WHERE m.report_pk = r.id)"
        " FROM reports r JOIN articles a ON a.id = r.article_pk"
        " LEFT JOIN articles d ON d.id = a.duplicate_of WHERE r.block = ?", (block,)).fetchall()
    out = []
    n = len(REPORT_COLUMNS)
    for pk, *rest in rows:
        event = event_from_row(tuple(rest[:n]))
        symmetric, reasons, article_id, own_hash, group, mentions = rest[n:]
        event = replace(event, merge_reasons=tuple(json.loads(reasons)))
        report = Report(event.source, event.target, event.cameo, event.date, event.negated,
                        bool(symmetric), group=group, tiebreak=f"{own_hash}:{event.event_id}")
        out.append(StoredReport(pk, event, report, article_id, mentions))
    return out


def recluster(conn: sqlite3.Connection, blocks: Iterable[str]) -> None:
    """Cluster each block's reports again and rewrite its events, counts and mention links."""
    for block in sorted(blocks):
        reports = _load(conn, block)
        conn.execute("DELETE FROM events WHERE block = ?", (block,))
        used: set[str] = set()
        for group in cluster([r.report for r in reports]):
            members = [reports[i] for i in group.members]
            founder = members[0]
            eid = founder.event.event_id
            if eid in used:  # two events founded by equal ids (undated, other articles)
                eid = event_id(f"{eid}|{founder.report.group}")
            used.add(eid)
            why = [group.reason(i) for i in group.members]
            merged = _merge(eid, members, why)
            first_seen = min(conn.execute(
                f"SELECT min(first_seen) FROM reports WHERE id IN ({', '.join('?' * len(members))})",
                [m.pk for m in members]).fetchone())
            conn.execute(
                f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}, block, merge_reasons, num_mentions,"
                f" num_sources, num_articles) VALUES ({', '.join('?' * len(EVENT_COLUMNS))}, ?, ?,"
                " 0, 0, 0)",
                (*event_row(merged, first_seen), block,
                 json.dumps(list(merged.merge_reasons), ensure_ascii=False)))
            conn.executemany("UPDATE reports SET event_id = ? WHERE id = ?",
                             [(eid, m.pk) for m in members])
            conn.executemany("UPDATE OR REPLACE mentions SET event_id = ? WHERE report_pk = ?",
                             [(eid, m.pk) for m in members])
        conn.execute(
            "UPDATE events SET"
            " num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.event_id),"
            " num_articles = (SELECT count(DISTINCT m.article_pk) FROM mentions m"
            "   WHERE m.event_id = events.event_id),"
            " num_sources = (SELECT count(DISTINCT a.outlet) FROM mentions m"
            "   JOIN articles a ON a.id = m.article_pk WHERE m.event_id = events.event_id)"
            " WHERE block = ?", (block,))


def _code_rank(e: Event) -> int:
    """"0254" over "025" over "020" over "02"."""
    return len(e.cameo.rstrip("0")) + len(e.cameo)


def _merge(eid: str, members: list[StoredReport], why: list[str]) -> Event:
    """One event from reports in canonical order (founder first); ties go to the earlier."""
    def best(score: Callable[[StoredReport], Any]) -> StoredReport:
        return max(enumerate(members), key=lambda im: (score(im[1]), -im[0]))[1]

    coded = best(lambda m: (_code_rank(m.event), m.event.confidence))
    dated = best(lambda m: PRECISION_RANK.get(m.event.date.precision, 0))
    sure = best(lambda m: m.event.confidence)
    founder = members[0].event
    source = _richest(founder.source, members, True)
    target = _richest(founder.target, members, False)
    total = sum(m.mentions for m in members)
    confidence = min(0.99, max(sure.event.confidence + 0.05 * (total - sure.mentions),
                               sure.event.confidence))
    reasons: list[str] = []
    for m, reason in zip(members, why, strict=True):
        reasons.extend(m.event.merge_reasons)
        if reason != "founder":
            reasons.append(f"{m.article_id}: {reason}")
    e = coded.event
    return replace(e, event_id=eid, source=source, target=target, date=dated.event.date,
                   location=next((m.event.location for m in members if m.event.location), None),
                   confidence=confidence, merge_reasons=tuple(reasons), mentions=())


def _richest(actor: Actor, members: list[StoredReport], is_source: bool) -> Actor:
    """The most informative description of the same side among the cluster's reports."""
    candidates = [m.event.source if is_source else m.event.target for m in members]
    candidates += [m.event.target if is_source else m.event.source for m in members
                   if m.report.symmetric]
    same = [a for a in candidates if side(a) == side(actor)]
    return max(same, key=lambda a: (bool(a.name), bool(a.agent)), default=actor)

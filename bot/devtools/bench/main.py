"""`python -m bot bench [classify|ingest|storage|learning|all] [--json]`: figures next to their
baselines and the targets of the performance issue, as a table or one JSON object.

Benchmarks are not tests: nothing here fails a build; a figure past its target is marked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

__all__ = ["BENCHES", "run_bench"]

DIGEST_TARGET_MS = 50.0
LIST_TARGET_MS = 50.0
IMPORT_TARGET_ROWS_PER_S = 50_000
RSS_TARGET_MB = 150.0
CLASSIFY_TARGET_RATIO = 1.5


def _mark(ok: bool, missed: str = "OVER TARGET") -> str:
    return "ok" if ok else missed


def _table(title: str, rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [title]
    for row in rows:
        lines.append("  " + "  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines)


def _classify(options: dict[str, Any]) -> dict[str, Any]:
    from bot.devtools.bench.classify import bench_classify

    return bench_classify(options["messages"])


def _format_classify(f: dict[str, Any]) -> str:
    from bot.devtools.bench.classify import format_bench

    return format_bench(f)


def _ingest(options: dict[str, Any]) -> dict[str, Any]:
    from bot.devtools.bench.ingest import measure_ingest

    return measure_ingest(options["complaints"], options["groups"])


def _format_ingest(f: dict[str, Any]) -> str:
    n = int(f["messages"])
    rows = [
        ("", "Yuanzi (limits enforced)", "bare PTB echo bot (no limits)", "target"),
        ("wall time (s)", f"{f['ingest_seconds']:.2f}", f"{f['echo_seconds']:.2f}",
         f"sooner than echo: {_mark(f['ingest_seconds'] < f['echo_seconds'])}"),
        ("every message filed (s)", f"{f['filed_seconds']:.2f}", "", ""),
        ("429 answers drawn", f"{f['limit_hits_429']:.0f}", "", _mark(f["limit_hits_429"] == 0)),
        ("reports / tickets", f"{f['reports']:.0f} / {f['tickets']:.0f}", "",
         f"every message in a ticket: {_mark(f['reports'] == n)}"),
        ("bot messages sent", f"{f['bot_messages']:.0f}", f"{f['echo_messages']:.0f}", ""),
    ]  # fmt: skip
    process = [
        ("", "figure", "target"),
        ("start to ready (s)", f"{f['startup_seconds']:.2f}", ""),
        ("RSS idle (MB)", f"{f['rss_idle_mb']:.0f}", _mark(f["rss_idle_mb"] < RSS_TARGET_MB)),
        ("RSS peak under load (MB)", f"{f['rss_peak_mb']:.0f}",
         f"< {RSS_TARGET_MB:.0f}: {_mark(f['rss_peak_mb'] < RSS_TARGET_MB)}"),
    ]  # fmt: skip
    title = f"bench ingest: {n} complaints in {f['groups']:.0f} groups over HTTP"
    return _table(title, rows) + "\n" + _table("bench process (the bot under that load)", process)


def _storage(options: dict[str, Any]) -> dict[str, Any]:
    from bot.devtools.bench.storage import measure_storage

    return measure_storage(options["sizes"], options["samples"], options["import_rows"])


def _format_storage(f: dict[str, Any]) -> str:
    rows = [("tickets", "digest ms", "bare", "/list ms", "bare", "/ticket ms", "bare",
             "month export s", "bare", "rows")]  # fmt: skip
    for size, s in f["sizes"].items():
        rows.append((
            f"{int(size):,}",
            f"{s['digest']['median_ms']:.2f}", f"{s['digest_baseline']['median_ms']:.2f}",
            f"{s['list']['median_ms']:.2f}", f"{s['list_baseline']['median_ms']:.2f}",
            f"{s['ticket']['median_ms']:.2f}", f"{s['ticket_baseline']['median_ms']:.2f}",
            f"{s['export_month']['seconds']:.2f}", f"{s['export_month_baseline']['seconds']:.2f}",
            f"{s['export_month']['rows']:,}",
        ))  # fmt: skip
    largest = f["sizes"][max(f["sizes"], key=int)]
    digest_p95, list_p95 = largest["digest"]["p95_ms"], largest["list"]["p95_ms"]
    i = f["import"]
    lines = [
        _table(
            f"bench storage: {f['groups']} groups, medians (bare = the same queries in "
            "plain sqlite3)",
            rows,
        ),
        f"  at the largest size, p95: digest {digest_p95:.2f} ms, /list {list_p95:.2f} ms "
        f"(target < {DIGEST_TARGET_MS:.0f} ms: "
        f"{_mark(max(digest_p95, list_p95) < DIGEST_TARGET_MS)})",
        f"  import of {i['tickets']:,} tickets ({i['db_rows']:,} database rows: tickets, "
        f"reports, history), best of {i['runs']} runs: {i['seconds']:.2f} s "
        f"(median {i['median_seconds']:.2f} s, {i['median_db_rows_per_s']:,} rows/s):",
        f"    {i['db_rows_per_s']:,} database rows/s "
        f"(target ≥ {IMPORT_TARGET_ROWS_PER_S:,}/s: "
        f"{_mark(i['db_rows_per_s'] >= IMPORT_TARGET_ROWS_PER_S, 'BELOW TARGET')}); "
        f"{i['tickets_per_s']:,} ledger rows (tickets)/s "
        f"({_mark(i['tickets_per_s'] >= IMPORT_TARGET_ROWS_PER_S, 'below, if read as tickets')})",
        f"    bare executemany of the same rows: {i['baseline_tickets_per_s']:,} tickets/s, "
        f"{i['baseline_db_rows_per_s']:,} rows/s (median {i['baseline_median_db_rows_per_s']:,})",
    ]
    return "\n".join(lines)


def _learning(options: dict[str, Any]) -> dict[str, Any]:
    from bot.devtools.bench.learning import measure_learning

    return measure_learning(options["lessons"])


def _format_learning(f: dict[str, Any]) -> str:
    before, later = f["every_start_before_s"], f["later_start_s"]
    rows = [
        ("", "seconds"),
        ("every lesson learned again (each start before they were kept)", f"{before:.2f}"),
        ("the first start: every lesson learned, what they taught kept",
         f"{f['first_start_s']:.2f}"),
        (f"a later start: the kept state and the {f['taught_since']:,} lessons since",
         f"{later:.2f} ({before / max(later, 0.001):.0f}× sooner)"),
    ]  # fmt: skip
    title = (
        f"bench learning: {f['lessons']:,} lessons (a community's second year: a /done each); "
        f"the kept state {f['kept_state_mb']:.1f} MB"
    )
    return _table(title, rows)


def _engines(options: dict[str, Any]) -> dict[str, Any]:
    from bot.core.redact import is_postgres_url, mask_url
    from bot.devtools.bench.engines import measure_engines
    from storage.pg_database import unreachable_reason

    url = options.get("postgres")
    if not url or not is_postgres_url(url):
        raise SystemExit(
            "bench engines: give --postgres URL (or YUANZI_BENCH_POSTGRES), a server where the "
            "bench may create a database, e.g. postgresql://postgres@127.0.0.1:5432/postgres"
        )
    try:
        return measure_engines(url, options["size"], options["samples"], options["complaints"])
    except Exception as exc:
        reason = unreachable_reason(exc)
        if reason is None:
            raise
        raise SystemExit(f"bench engines: {mask_url(url)} unreachable: {reason}") from None


def _format_engines(f: dict[str, Any]) -> str:
    s, p = f["sqlite"], f["postgres"]
    rows = [
        ("", "SQLite", "PostgreSQL"),
        ("digest, median / p95 ms", f"{s['digest']['median_ms']:.2f} / {s['digest']['p95_ms']:.2f}",
         f"{p['digest']['median_ms']:.2f} / {p['digest']['p95_ms']:.2f}"),
        ("/list, median / p95 ms", f"{s['list']['median_ms']:.2f} / {s['list']['p95_ms']:.2f}",
         f"{p['list']['median_ms']:.2f} / {p['list']['p95_ms']:.2f}"),
        ("intake, complaints/s", f"{s['intake']['per_s']:,}", f"{p['intake']['per_s']:,}"),
        ("one filing, median / p95 ms",
         f"{s['intake']['median_ms']:.2f} / {s['intake']['p95_ms']:.2f}",
         f"{p['intake']['median_ms']:.2f} / {p['intake']['p95_ms']:.2f}"),
        ("moved in by migrate-to-postgres (s)", "", f"{p['moved_in_s']:.1f}"),
    ]  # fmt: skip
    title = (
        f"bench engines: {f['tickets']:,} tickets in {f['groups']} groups; intake by "
        f"{f['callers']} concurrent callers ({s['intake']['complaints']:,} complaints)"
    )
    return _table(title, rows)


BENCHES: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], Callable[..., str]]] = {
    "classify": (_classify, _format_classify),
    "ingest": (_ingest, _format_ingest),
    "storage": (_storage, _format_storage),
    "learning": (_learning, _format_learning),
    "engines": (_engines, _format_engines),
}
ALL = (
    "classify",
    "ingest",
    "storage",
    "learning",
)  # `engines` needs a PostgreSQL server: asked by name


def run_bench(what: str, options: dict[str, Any], as_json: bool, out: TextIO) -> int:
    """Run one benchmark or all; print a table per benchmark, or one JSON object."""
    names = list(ALL) if what == "all" else [what]
    figures: dict[str, Any] = {}
    for name in names:
        measure, show = BENCHES[name]
        figures[name] = measure(options)
        if not as_json:
            out.write(show(figures[name]) + "\n\n")
            out.flush()
    if as_json:
        out.write(json.dumps(figures if what == "all" else figures[what], ensure_ascii=False))
        out.write("\n")
    return 0

"""The benchmark: `make bench`, or `python bench/run.py --claims N --database-url URL`.

1. Fills the database with `generate_data --claims N` unless it already holds exactly that.
2. In process, with Django's test Client and the cache switched off: p50/p95 and SQL queries per
   request for the API and the public pages; for each API request, the floor (bench/cases.py) run
   over psycopg, and our time ÷ the floor.
3. On PostgreSQL, unless --no-wrk: gunicorn (gunicorn.conf.py, 5 sync workers) on 127.0.0.1 under
   `wrk --latency`, 32 connections, uncached and cached, with errors and worker memory; and Datasette
   (in its own venv, bench/.venv-datasette) serving the same claims exported to SQLite, for the
   requests both can answer.
Prints one table and writes everything to bench/results/<label>.json.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/factcheck_bench")
    parser.add_argument("--label", help="Name of the results file; default <vendor>-<claims>.")
    parser.add_argument("--iterations", type=int, default=30, help="Timed requests per case (fewer if slow).")
    parser.add_argument("--budget", type=float, default=8.0, help="Seconds per case before stopping early.")
    parser.add_argument("--no-wrk", action="store_true", help="Skip gunicorn/wrk and Datasette.")
    parser.add_argument("--wrk-duration", type=int, default=30)
    parser.add_argument("--only", help="Run only the cases whose name contains this text.")
    parser.add_argument("--wrk-only", action="store_true", help="Skip the in-process measurements.")
    return parser.parse_args()


def configure_django(args):
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ["DEBUG"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["BENCH_CACHE"] = "off"
    import django

    django.setup()


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "?")
    info = {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
        "note": "2 cores shared with other helpers' processes (tests, browsers) during the run",
    }
    import django

    info["django"] = django.get_version()
    return info


def ensure_data(claims: int, seed: int) -> None:
    from django.core.management import call_command

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    have = Claim.objects.filter(slug__startswith="gen-").count()
    if have != claims:
        print(f"Database holds {have:,} generated claims; generating {claims:,} ...", flush=True)
        call_command("generate_data", claims=claims, seed=seed)


def pick_samples() -> dict:
    """Rows to request: a typical claim, the busiest and a typical source, an article, a deep cursor."""
    from django.db.models import Count

    from claims.models import Attribution, Rating
    from claims.selectors import claims_public
    from sources.models import Source

    public = claims_public().order_by("-published_at", "-id")
    n_public = public.count()
    middle = public.values_list("published_at", "id")[n_public // 2]
    claim = public.filter(id__gte=middle[1], appearances__isnull=False, verdict__isnull=False).order_by("id").first()
    made = (
        Attribution.objects.filter(role="made").values("source_id").annotate(n=Count("id")).order_by("-n", "source_id")
    )
    ranked = list(made.values_list("source_id", "n")[:60])
    big, typical = ranked[0], ranked[min(50, len(ranked) - 1)]
    article = claim.appearances.select_related("article").first().article
    try:
        from factcheck.api.pagination import KeysetPagination, SortKey

        cursor = KeysetPagination().encode_cursor(SortKey("sort_published", "datetime"), middle[0], middle[1], False)
    except ImportError:
        cursor = ""
    try:
        from claims.paging import keyset_position

        page_position = keyset_position(max(1, n_public // 2 // 20), "o", middle[0], middle[1])
    except ImportError:
        page_position = str(max(1, n_public // 2 // 20))
    return {
        "public_claims": n_public,
        "claim_id": claim.id,
        "claim_slug": claim.slug,
        "big_source_id": big[0],
        "big_source_slug": Source.objects.get(pk=big[0]).slug,
        "big_source_claims": big[1],
        "typical_source_slug": Source.objects.get(pk=typical[0]).slug,
        "typical_source_claims": typical[1],
        "article_id": article.id,
        "article_slug": article.slug,
        "rating": "false",
        "rating_id": Rating.objects.get(slug="false").pk,
        "query": "inflation",
        "deep_cursor": cursor,
        "deep_published": middle[0],
        "deep_id": middle[1],
        "deep_page": max(1, n_public // 2 // 20),
        "deep_page_position": page_position,  # the public list pages past its numbered pages by keyset
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def measure_request(client, path: str, iterations: int, budget: float) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up: a worker in service has already looked up the ratings and sources it filters by
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    result = {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(captured),
        "sql": [q["sql"][:300] for q in captured.captured_queries],
    }
    if response.status_code != 200:
        return result
    times, cpu = [], []
    started = time.perf_counter()
    for _ in range(iterations):
        t0, c0 = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if time.perf_counter() - started > budget and len(times) >= 5:
            break
    # CPU time of this process: what the request costs Python, whatever else the shared machine runs.
    result.update(
        p50_ms=statistics.median(times),
        p95_ms=percentile(times, 0.95),
        samples=len(times),
        cpu_p50_ms=statistics.median(cpu),
    )
    return result


def page_size_queries(client, path: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (10, 50, 100):
        with CaptureQueriesContext(connection) as captured:
            client.get(path.replace("page_size=50", f"page_size={size}"))
        counts[size] = len(captured)
    return counts


def measure_floor(dsn: str, sql: str, params: dict, iterations: int, budget: float) -> dict:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(sql, params).fetchone()
        size = len(row[0] or "")
        times = []
        started = time.perf_counter()
        for _ in range(iterations):
            t0 = time.perf_counter()
            conn.execute(sql, params).fetchone()
            times.append((time.perf_counter() - t0) * 1000)
            if time.perf_counter() - started > budget and len(times) >= 5:
                break
    return {"p50_ms": statistics.median(times), "p95_ms": percentile(times, 0.95), "bytes": size}


def fmt(value, digits=1, suffix="") -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def print_table(rows: list[dict]) -> str:
    header = "| request | p50 ms | p95 ms | queries | floor p50 ms | ratio | Datasette ratio | Python CPU ms |"
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        queries = row.get("queries", "–")
        if row.get("queries_by_page_size"):
            queries = "/".join(str(n) for n in row["queries_by_page_size"].values()) + " (10/50/100)"
        status = "" if row.get("status", 200) == 200 else f" **HTTP {row.get('status')}**"
        lines.append(
            f"| {row['name']}{status} | {fmt(row.get('p50_ms'))} | {fmt(row.get('p95_ms'))} | {queries} "
            f"| {fmt(row.get('floor_p50_ms'), 2)} | {fmt(row.get('ratio'), 1, '×')} "
            f"| {fmt(row.get('datasette_ratio'), 2, '×')} | {fmt(row.get('cpu_p50_ms'))} |"
        )
    table = "\n".join(lines)
    print(table)
    return table


def main():
    args = parse_args()
    configure_django(args)
    from django.db import connection
    from django.test import Client

    from bench.cases import build_cases

    vendor = connection.vendor
    label = args.label or f"{vendor}-{args.claims}"
    info = machine()
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    else:
        import sqlite3

        info["sqlite"] = sqlite3.sqlite_version
    t_gen = time.monotonic()
    ensure_data(args.claims, args.seed)
    samples = pick_samples()
    print(f"Samples: {json.dumps(samples, default=str)}  ({time.monotonic() - t_gen:.0f} s)", flush=True)

    client = Client()
    rows = []
    cases = [c for c in build_cases(samples) if (not args.only or args.only in c.name) and not args.wrk_only]
    for i, case in enumerate(cases, 1):
        print(f"[{i}/{len(cases)}] {case.name} {case.path}", flush=True)
        row = {"name": case.name, "path": case.path, "kind": case.kind}
        row.update(measure_request(client, case.path, args.iterations, args.budget))
        if case.kind == "api" and "page_size=50" in case.path and row["status"] == 200:
            row["queries_by_page_size"] = page_size_queries(client, case.path)
        if vendor == "postgresql" and case.floor_sql and row.get("p50_ms"):
            floor = measure_floor(args.database_url, case.floor_sql, case.floor_params, args.iterations, args.budget)
            row.update(floor_p50_ms=floor["p50_ms"], floor_p95_ms=floor["p95_ms"], floor_bytes=floor["bytes"])
            row["ratio"] = row["p50_ms"] / floor["p50_ms"]
        rows.append(row)

    load = {}
    if vendor == "postgresql" and not args.no_wrk:
        from bench.load import run_load

        load = run_load(args, samples, rows)

    info["load_average_at_end"] = os.getloadavg()
    print()
    print(
        f"## {label}: {args.claims:,} claims on {vendor} ({info.get('postgresql') or info.get('sqlite')}), "
        f"{info['nproc']} cores, {info['ram_gb']} GB RAM"
    )
    table = print_table(rows)
    if load:
        from bench.load import print_load_table

        load["table"] = print_load_table(load)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{label}.json"
    payload = {
        "label": label,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),
        "claims": args.claims,
        "database": vendor,
        "machine": info,
        "samples": samples,
        "rows": rows,
        "table": table,
        "load": load,
    }
    out.write_text(json.dumps(payload, indent=2, default=str))
    print(f"\nWrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Throughput through gunicorn on loopback with wrk, and the same for Datasette on the same claims.

gunicorn runs gunicorn.conf.py (5 sync workers unless GUNICORN_WORKERS says otherwise) with
CONN_MAX_AGE=600, once with the cache off ("uncached": every request does its full work) and once
with the production cache in Redis ("cached": the page cache, and 304 answers to conditional GETs).
Datasette (its own venv, bench/.venv-datasette) serves the public claims exported to one flat SQLite
table with an FTS5 index, immutable, counts off, for a like-for-like comparison of the three
requests both can answer.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETTE = ROOT / "bench" / ".venv-datasette" / "bin" / "datasette"
GUNICORN = Path(sys.executable).parent / "gunicorn"
OUR_PORT, DATASETTE_PORT = 8101, 8102
CONNECTIONS, THREADS = 32, 2
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, duration: int, headers: dict | None = None) -> dict:
    cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    return {"url": url, "raw": out, **wrk_summary(out)}


def wrk_summary(out: str) -> dict:
    """Requests/s, latency percentiles and errors (non-2xx/3xx plus socket errors) from `wrk --latency`."""
    result = {}
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    for pct in ("50", "90", "99"):
        found = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        result[f"p{pct}_ms"] = _ms(found.group(1)) if found else None
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return result


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def worker_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True).stdout
    sizes = []
    for pid in children.split():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sorted(sizes)


class Server:
    def __init__(self, cmd: list[str], env: dict, url: str):
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(url)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def gunicorn(database_url: str, cache: str) -> Server:
    env = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_CACHE": cache,
        "REDIS_URL": REDIS_URL if cache == "on" else "",
        "CONN_MAX_AGE": "600",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 50),
        "GUNICORN_BIND": f"127.0.0.1:{OUR_PORT}",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    return Server([str(GUNICORN), "-c", "gunicorn.conf.py"], env, f"http://127.0.0.1:{OUR_PORT}/api/v1/ratings/")


def export_for_datasette(label: str) -> Path:
    """The public claims as one flat table (rating and claimant inlined), with FTS5 on the text."""
    from django.db import connection, transaction

    path = ROOT / "bench" / f"datasette-{label}.db"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claim WHERE status IN ('published', 'corrected', 'retracted')")
        expected = cursor.fetchone()[0]
    if path.exists():
        with sqlite3.connect(path) as db:
            try:
                if db.execute("SELECT count(*) FROM claims").fetchone()[0] == expected:
                    return path
            except sqlite3.Error:
                pass
        path.unlink()
    print(f"  exporting {expected:,} public claims to {path.name} ...", flush=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE claims (id INTEGER PRIMARY KEY, slug TEXT, text TEXT, claim_date TEXT, language TEXT, "
        "status TEXT, published_at TEXT, rating TEXT, rating_label TEXT, summary TEXT, claimant TEXT, "
        "claimant_name TEXT)"
    )
    sql = """
        SELECT c.id, c.slug, c.text, c.claim_date::text, c.language, c.status, c.published_at::text, r.slug, r.label,
               v.summary, s.slug, s.name
        FROM claims_claim c
        LEFT JOIN claims_verdict v ON v.claim_id = c.id LEFT JOIN claims_rating r ON r.id = v.rating_id
        LEFT JOIN LATERAL (SELECT source_id FROM claims_attribution a WHERE a.claim_id = c.id AND a.role = 'made'
                           ORDER BY a.id LIMIT 1) a ON true
        LEFT JOIN sources_source s ON s.id = a.source_id
        WHERE c.status IN ('published', 'corrected', 'retracted')
    """
    connection.ensure_connection()
    with transaction.atomic(), connection.connection.cursor(name="datasette_export") as cursor:
        cursor.itersize = 20000
        cursor.execute(sql)
        while rows := cursor.fetchmany(20000):
            db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("CREATE INDEX claims_published ON claims (published_at DESC)")
    db.execute("CREATE INDEX claims_rating ON claims (rating, published_at DESC)")
    db.execute("CREATE INDEX claims_claimant ON claims (claimant, published_at DESC)")
    db.execute('CREATE VIRTUAL TABLE claims_fts USING fts5(text, content="claims", content_rowid="id")')
    db.execute("INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims")
    db.commit()
    db.execute("VACUUM")
    db.close()
    return path


def ensure_datasette() -> None:
    """Datasette lives in its own venv so that its dependencies never meet the app's."""
    if DATASETTE.exists():
        return
    venv = DATASETTE.parent.parent
    print(f"  installing Datasette into {venv.relative_to(ROOT)} ...", flush=True)
    subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "datasette"], check=True)


def datasette(path: Path) -> Server:
    ensure_datasette()
    cmd = [
        str(DATASETTE),
        "serve",
        "-i",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(DATASETTE_PORT),
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "sql_time_limit_ms",
        "5000",
        "--setting",
        "default_page_size",
        "50",
    ]
    return Server(cmd, {}, f"http://127.0.0.1:{DATASETTE_PORT}/-/versions.json")


def etag_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers["ETag"]


def run_load(args, samples: dict, rows: list[dict]) -> dict:
    """wrk against gunicorn (uncached, cached, 304) and Datasette; fills rows' Datasette ratios."""
    from django.db import connection

    label = args.label or f"{connection.vendor}-{args.claims}"
    duration = args.wrk_duration
    base = f"http://127.0.0.1:{OUR_PORT}"
    query = samples["query"]
    ours = {
        "flat list (50)": "/api/v1/claims/?page_size=50",
        "filter by rating (50)": f"/api/v1/claims/?page_size=50&rating={samples['rating']}",
        "full-text search (50)": f"/api/v1/claims/?page_size=50&q={query}",
    }
    runs = []

    def run(name, server, url, headers=None, rss_of=None):
        print(f"  wrk {duration}s: {name} {url}", flush=True)
        result = wrk(url, duration, headers)
        result["name"], result["server"] = name, server
        if rss_of is not None:
            result["worker_rss_mb_after"] = worker_rss_mb(rss_of)
        runs.append(result)
        return result

    print("Through gunicorn, uncached ...", flush=True)
    server = gunicorn(args.database_url, cache="off")
    try:
        for path in ours.values():  # one request each to warm every worker's connection and caches
            for _ in range(10):
                urllib.request.urlopen(base + path, timeout=60).read()
        rss_before = worker_rss_mb(server.proc.pid)
        for name, path in ours.items():
            run(f"ours uncached: {name}", "gunicorn", base + path, rss_of=server.proc.pid)
        rss_after = worker_rss_mb(server.proc.pid)
    finally:
        server.stop()

    print("Through gunicorn, cached (Redis) ...", flush=True)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "FLUSHDB"], capture_output=True, check=False)
    server = gunicorn(args.database_url, cache="on")
    try:
        list_url = base + ours["flat list (50)"]
        etag = etag_of(list_url)
        run("ours cached: flat list (50), If-None-Match → 304", "gunicorn", list_url, {"If-None-Match": etag})
        # A plain GET answered from the API response cache (rendered bytes in Redis, keyed on the ETag seed).
        for name in ("flat list (50)", "full-text search (50)"):
            urllib.request.urlopen(base + ours[name], timeout=60).read()
            run(f"ours cached: {name}, response cache", "gunicorn", base + ours[name])
        urllib.request.urlopen(base + "/claims/", timeout=60).read()
        run("ours cached: claims page (page cache)", "gunicorn", base + "/claims/", rss_of=server.proc.pid)
    finally:
        server.stop()

    print("Datasette ...", flush=True)
    path = export_for_datasette(label)
    db = path.stem
    theirs = {
        "flat list (50)": f"/{db}/claims.json?_shape=array&_size=50&_sort_desc=published_at&_nocount=1",
        "filter by rating (50)": f"/{db}/claims.json?_shape=array&_size=50&_sort_desc=published_at&_nocount=1"
        f"&rating={samples['rating']}",
        "full-text search (50)": f"/{db}/claims.json?_shape=array&_size=50&_search={query}&_nocount=1",
    }
    server = datasette(path)
    try:
        ds_base = f"http://127.0.0.1:{DATASETTE_PORT}"
        for name, url in theirs.items():
            urllib.request.urlopen(ds_base + url, timeout=60).read()
            run(f"Datasette: {name}", "datasette", ds_base + url)
    finally:
        server.stop()

    by_name = {r["name"]: r for r in runs}
    comparison = {}
    for name in ours:
        mine, theirs_run = by_name[f"ours uncached: {name}"], by_name[f"Datasette: {name}"]
        comparison[name] = mine["rps"] / theirs_run["rps"]
    row_names = {
        "flat list (50)": "API list, first page (50)",
        "filter by rating (50)": "API list, filtered by rating (50)",
        "full-text search (50)": f"API full-text search '{query}' (50)",
    }
    for name, ratio in comparison.items():
        for row in rows:
            if row["name"] == row_names[name]:
                row["datasette_ratio"] = ratio
    for run_result in runs:
        run_result.pop("raw", None)
    return {
        "connections": CONNECTIONS,
        "duration_s": duration,
        "workers": int(os.environ.get("GUNICORN_WORKERS", 5)),
        "worker_rss_mb_before": rss_before,
        "worker_rss_mb_after": rss_after,
        "runs": runs,
        "datasette_ratio": comparison,
    }


def print_load_table(load: dict) -> str:
    lines = [
        f"\nwrk --latency, {load['connections']} connections, {load['duration_s']} s, 127.0.0.1; "
        f"gunicorn {load['workers']} sync workers",
        "| run | req/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in load["runs"]:
        lines.append(f"| {r['name']} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |")
    before = ", ".join(f"{v:.0f}" for v in load["worker_rss_mb_before"])
    after = ", ".join(f"{v:.0f}" for v in load["worker_rss_mb_after"])
    lines.append(f"\nWorker RSS (MB), uncached server: before [{before}] → after [{after}]")
    table = "\n".join(lines)
    print(table)
    return table

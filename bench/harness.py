"""`make bench`: generate a tier of national data on SQLite and on PostgreSQL, run
every benchmark beside its limit, write var/bench/results.json and print a table.

    python -m bench.harness --tier S [--databases sqlite,postgresql]
    python -m bench.harness --tier S --only finder,pages,throughput

``--only`` runs some parts: the writes part publishes a course and imports new
ones, so before/after comparisons of the finder and the pages leave it out.

Tiers: S = 3,321 centres x 30 courses (about 100,000 courses); M = 11,000 x 30
(330,000 courses, 3.3 million classes). Each database is generated once per tier
and reused while var/bench/<vendor>-<tier>.ready exists (delete it to regenerate).
Only 127.0.0.1 is ever contacted; every load run is bounded in time and count.
"""

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.load import requests_per_second

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
TIERS = {"S": (3321, 30), "M": (11000, 30), "XS": (200, 30)}
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
GUNICORN = [
    "--workers",
    "2",
    "--threads",
    "4",
    "--worker-class",
    "gthread",
    "--log-level",
    "warning",
]
# What a run measures; --only picks some of them.
PARTS = ("rebuild", "finder", "pages", "admin", "writes", "rawload", "throughput")
GOALS = {
    "finder_p95_ms": 100,
    "finder_p50_vs_raw": 2.0,
    "facets_vs_plain": 1.5,
    "uncached_vs_bare": 0.15,
    "cached_vs_bare": 0.7,
    "rebuild_vs_raw": 3.0,
    "memory_10x": 1.3,
}


def database_url(vendor, tier):
    if vendor == "sqlite":
        return f"sqlite:///{OUT / f'bench-{tier}.sqlite3'}"
    return f"{PG_BASE}/bench_{tier.lower()}"


def env_for(vendor, tier, **extra):
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url(vendor, tier)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env.update(extra)
    return env


def manage(vendor, tier, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env_for(vendor, tier),
        check=True,
        **kwargs,
    )


def prepare(vendor, tier):
    """Create and fill the tier's database unless its marker says it is ready."""
    marker = OUT / f"{vendor}-{tier}.ready"
    if marker.exists():
        return json.loads(marker.read_text())
    if vendor == "sqlite":
        (OUT / f"bench-{tier}.sqlite3").unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(
            PG_BASE.replace("postgres://", "postgresql://") + "/postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS bench_{tier.lower()}")
            conn.execute(f"CREATE DATABASE bench_{tier.lower()}")
    manage(vendor, tier, "migrate", "--noinput", "-v0")
    centres, courses = TIERS[tier]
    started = time.perf_counter()
    output = manage(
        vendor,
        tier,
        "generate_scale_data",
        "--centres",
        str(centres),
        "--courses-per-centre",
        str(courses),
        "--locales",
        "vi,en",
        "--no-index",  # the harness times its own rebuild next
        capture_output=True,
        text=True,
    ).stdout
    info = {
        "generate_seconds": round(time.perf_counter() - started, 1),
        "generate_output": output.strip(),
    }
    if vendor == "postgresql":
        # Production's autovacuum would have taken statistics of the bulk load by
        # the time readers arrive; this server runs with autovacuum off, and
        # without them the planner chose scans of every page for the home page.
        import psycopg

        with psycopg.connect(
            PG_BASE.replace("postgres://", "postgresql://") + f"/bench_{tier.lower()}",
            autocommit=True,
        ) as conn:
            conn.execute("VACUUM ANALYZE")
    marker.write_text(json.dumps(info))
    return info


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(vendor, tier, app, **extra):
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", *GUNICORN],
        cwd=ROOT,
        env=env_for(vendor, tier, **extra),
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def throughput(vendor, tier, paths, seconds):
    figures = {}
    runs = [
        (
            "bare_view_limit",
            "bench.bare:application",
            {"DJANGO_SETTINGS_MODULE": "bench.bare"},
            ["/"],
        ),
        ("uncached", "portal.wsgi:application", {}, paths),
        ("cached", "portal.wsgi:application", {"PAGE_CACHE_SECONDS": "60"}, paths),
    ]
    for name, app, extra, urls in runs:
        process, port = serve(vendor, tier, app, **extra)
        try:
            requests_per_second(port, urls, 2, seconds=1.0)  # warm up
            figures[name] = {
                f"clients_{n}": requests_per_second(port, urls, n, seconds=seconds)
                for n in (1, 16)
            }
        finally:
            process.terminate()
            process.wait(timeout=30)
    return figures


def rebuild(vendor, tier, limit=None):
    """Time and peak memory (max RSS of the process) of a full index rebuild."""
    args = [PYTHON, "manage.py", "rebuild_course_index", "--no-progress"]
    if limit:
        args += ["--limit", str(limit)]
    started = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=ROOT, env=env_for(vendor, tier), stdout=subprocess.PIPE, text=True
    )
    _pid, _status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "output": process.stdout.read().strip(),
    }


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def summarise(vendor_results):
    """Return the table rows: figure, value, limit, ratio, goal, verdict (only for
    the parts that ran)."""
    rows = []
    for vendor, r in vendor_results.items():
        for name, f in r.get("finder", {}).items():
            p = f["finder"]
            raw = f.get("limit_raw_engine_top20") or f.get("limit_raw_bbox_top20")
            rows.append(
                (
                    vendor,
                    f"finder {name} p50/p95 ms",
                    f"{p['p50']}/{p['p95']}",
                    raw and raw["p50"],
                    ratio(p["p50"], raw and raw["p50"]),
                    f"p95<{GOALS['finder_p95_ms']}, p50<=2x raw",
                    p["p95"] < GOALS["finder_p95_ms"]
                    and (not raw or p["p50"] <= 2 * raw["p50"]),
                )
            )
            if "finder_without_facets" in f:
                plain = f["finder_without_facets"]["p50"]
                rows.append(
                    (
                        vendor,
                        f"facets cost {name}",
                        p["p50"],
                        plain,
                        ratio(p["p50"], plain),
                        "<=1.5x plain",
                        p["p50"] <= GOALS["facets_vs_plain"] * plain,
                    )
                )
        t = r.get("throughput")
        for n in ("clients_1", "clients_16") if t else ():
            bare = t["bare_view_limit"][n]["rps"]
            for kind, goal in (
                ("uncached", "uncached_vs_bare"),
                ("cached", "cached_vs_bare"),
            ):
                rps = t[kind][n]["rps"]
                rows.append(
                    (
                        vendor,
                        f"pages {kind} rps {n}",
                        rps,
                        bare,
                        ratio(rps, bare),
                        f">={GOALS[goal]}x bare",
                        ratio(rps, bare) >= GOALS[goal],
                    )
                )
        for name, q in r.get("queries_per_page", {}).items():
            rows.append(
                (vendor, f"queries/page {name}", q["queries"], "", "", "constant", None)
            )
        for name, p in r.get("pages", {}).items():
            rows.append(
                (
                    vendor,
                    f"page {name} p50/p95 ms",
                    f"{p['p50']}/{p['p95']}",
                    "",
                    "",
                    "",
                    None,
                )
            )
        for name, a in r.get("admin", {}).items():
            if isinstance(a, dict):
                rows.append(
                    (
                        vendor,
                        f"admin {name} p50/p95 ms",
                        f"{a['p50']}/{a['p95']}",
                        "",
                        "",
                        "",
                        None,
                    )
                )
        rb = r.get("rebuild")
        raw = r.get("index_limit_raw_bulk_load_seconds")
        if rb:
            rows.append(
                (
                    vendor,
                    "index rebuild s",
                    rb["seconds"],
                    raw,
                    ratio(rb["seconds"], raw),
                    "<=3x raw bulk load",
                    rb["seconds"] <= GOALS["rebuild_vs_raw"] * raw if raw else None,
                )
            )
            small = r["rebuild_tenth"]
            rows.append(
                (
                    vendor,
                    "rebuild peak RSS MB (full vs 1/10)",
                    rb["peak_rss_mb"],
                    small["peak_rss_mb"],
                    ratio(rb["peak_rss_mb"], small["peak_rss_mb"]),
                    "<=1.3x",
                    ratio(rb["peak_rss_mb"], small["peak_rss_mb"]) <= 1.3,
                )
            )
        w = r.get("writes")
        if w:
            rows.append(
                (
                    vendor,
                    "publish course with 100 sessions p50 ms",
                    w["publish_course_with_100_sessions"]["p50"],
                    "",
                    "",
                    "",
                    None,
                )
            )
            rows.append(
                (
                    vendor,
                    "catalogue import rows/s",
                    w["catalogue_import"]["rows_per_second"],
                    "",
                    "",
                    "",
                    None,
                )
            )
    return rows


def print_table(rows):
    header = ("db", "figure", "value", "limit", "ratio", "goal", "met")
    table = [header] + [tuple("" if v is None else v for v in row) for row in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--tier", default=os.environ.get("TIER", "S"), choices=sorted(TIERS)
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--load-seconds", type=float, default=5.0)
    parser.add_argument("--import-courses", type=int, default=None)
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts, among {', '.join(PARTS)} (default: all); "
        "writes changes the data (a publish and an import), so leave it out to "
        "compare finder and page figures before and after a change",
    )
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    tier = args.tier
    imports = args.import_courses or (10_000 if tier == "M" else 1_000)
    results = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "memory_gb": round(
                os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
            ),
        },
        "tier": tier,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "goals": GOALS,
        "databases": {},
    }
    only = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = only - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    in_process = [p for p in PARTS if p in only and p not in ("rebuild", "throughput")]
    for vendor in args.databases.split(","):
        print(f"[{vendor}] preparing tier {tier}…", file=sys.stderr)
        info = prepare(vendor, tier)
        part = OUT / f"part-{vendor}-{tier}.json"
        r = {"generate": info}
        if "rebuild" in only:
            print(f"[{vendor}] rebuild…", file=sys.stderr)
            full = rebuild(vendor, tier)
            count = int(full["output"].split()[1])
            tenth = rebuild(vendor, tier, limit=max(1, count // 10))
            rebuild(vendor, tier)  # leave the full index in place
            r.update(rebuild=full, rebuild_tenth=tenth)
        if in_process:
            print(f"[{vendor}] in-process benchmarks…", file=sys.stderr)
            manage(
                vendor,
                tier,
                "run_bench",
                "--json",
                str(part),
                "--runs",
                str(args.runs),
                "--import-courses",
                str(imports),
                "--only",
                ",".join(in_process),
            )
            r.update(json.loads(part.read_text()))
        if "throughput" in only:
            print(f"[{vendor}] throughput…", file=sys.stderr)
            if "queries_per_page" not in r:  # the page URLs come from that part
                pages = OUT / f"pages-{vendor}-{tier}.json"
                manage(
                    vendor,
                    tier,
                    "run_bench",
                    "--json",
                    str(pages),
                    "--runs",
                    "1",
                    "--only",
                    "pages",
                )
                r.update(json.loads(pages.read_text()))
            paths = [page["url"] for page in r["queries_per_page"].values()]
            r["throughput"] = throughput(vendor, tier, paths, args.load_seconds)
        results["databases"][vendor] = r
    results["table"] = summarise(results["databases"])
    (OUT / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str)
    )
    print_table(results["table"])
    print(f"\nWritten {OUT / 'results.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every list page at a small and a large database: time, queries, memory.

    python bench/pages.py [--sizes 1000,100000] [--reuse] [--times 35]
                          [--prefix P] [--pages WORDS]

Builds one PostgreSQL database per size (<prefix>_<size>, prefix hub_bench
unless --prefix or BENCH_DB_PREFIX names another, so two checkouts measuring
at once do not drop each other's databases) and, for every
list page and both roles (manager, coordinator), prints the median time of
`--times` requests and the queries of one, at each size, the ratio
large/small, what the page answered at each size (the rows it shows of how
many: a page whose answer grows with the data shows it), and the peak memory
of the process that served them. One process serves each database; they are
asked in turn, request by request, so each page is timed at both sizes under
the same load of the machine.

The data is the demo's, multiplied: `seed_demo` drives 100 people through the
real flows and services into a seed database (<prefix>_seed, kept for the
next run); each size is a copy of it grown by bench/grow.py in bulk SQL, so
every row (cases, people, referrals, stage records, Viewflow processes and
tasks, concerns, history) is one the app wrote itself. Copies spread over ten
years are closed (the history: ×990 at 100k); the open work grows ×10 from 1k
to 100k. `--reuse` keeps and reuses the databases found; without it they are
dropped when done. Needs a local PostgreSQL (BENCH_PG, default
postgres://postgres@127.0.0.1:5432).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PREFIX = os.environ.get("BENCH_DB_PREFIX", "hub_bench")
SEED_PEOPLE = 100
PY = sys.executable

# (label, url, roles): {surname}, {fullname}, {nhs} come from the database.
PAGES = [
    ("my day", "/hub/", ("manager", "coordinator")),
    ("case list, default", "/hub/cases/", ("manager", "coordinator")),
    ("case list, closed", "/hub/cases/?status=closed", ("manager", "coordinator")),
    ("case list, all statuses", "/hub/cases/?status=all", ("manager", "coordinator")),
    ("case list, all, by person", "/hub/cases/?status=all&sort=person", ("manager",)),
    ("case list, stage + delayed", "/hub/cases/?stage=triage&delayed=1", ("manager",)),
    ("search by surname", "/hub/search/?q={surname}", ("manager", "coordinator")),
    ("search by full name", "/hub/search/?q={fullname}", ("manager", "coordinator")),
    ("search by NHS number", "/hub/search/?q={nhs}", ("manager", "coordinator")),
    ("Viewflow inbox", "/discharge/inbox/", ("manager", "coordinator")),
    ("Viewflow queue", "/discharge/queue/", ("manager", "coordinator")),
    ("Viewflow archive", "/discharge/archive/", ("manager", "coordinator")),
    ("Viewflow process list", "/discharge/flows/", ("manager", "coordinator")),
    ("Viewflow task list", "/discharge/tasks/", ("manager", "coordinator")),
    ('"concerns I raised"', "/safeguarding/mine/", ("manager", "coordinator")),
    ("open concerns", "/safeguarding/dashboard/", ("manager",)),
    ("leads' queue", "/section42/queue/", ("manager",)),
    ("capacity grid *", "/hub/capacity/", ("manager", "coordinator")),
    ("allocation page *", "/hub/allocation/", ("manager", "coordinator")),
    ("today's problem (JSON) *", "/hub/allocation/problem.json", ("manager",)),
]


def psql(sql: str, db: str = "postgres") -> str:
    import psycopg

    with psycopg.connect(f"{PG}/{db}", autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchone()[0] if cur.description else ""


def db_exists(name: str) -> bool:
    found = psql(f"SELECT count(*) FROM pg_database WHERE datname = '{name}'")  # noqa: S608
    return bool(found)


def env_for(db: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{db}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-pages-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_LOG_LEVEL": "WARNING",
        # WhiteNoise's warning that `collectstatic` has not been run: no page
        # measured here serves a static file (the tests ignore it too).
        "PYTHONWARNINGS": "ignore:No directory at",
    }


def run(args: list[str], db: str) -> str:
    done = subprocess.run(  # noqa: S603 - this interpreter and bench scripts
        args, cwd=ROOT, env=env_for(db), check=True, capture_output=True, text=True
    )
    return done.stdout


def build_seed(prefix: str) -> str:
    seed = f"{prefix}_seed"
    if db_exists(seed):
        run([PY, "manage.py", "migrate", "--noinput"], seed)
        return seed
    started = time.monotonic()
    psql(f"CREATE DATABASE {seed}")
    run([PY, "manage.py", "migrate", "--noinput"], seed)
    run([PY, "manage.py", "seed_demo", "--people", str(SEED_PEOPLE)], seed)
    print(f"seed database built in {time.monotonic() - started:.0f} s", flush=True)
    return seed


def build(size: int, reuse: bool, prefix: str, seed: str) -> str:
    db = f"{prefix}_{size}"
    if reuse and db_exists(db):
        # migrations added since the database was built (data ones included)
        run([PY, "manage.py", "migrate", "--noinput"], db)
        print(f"{db}: reused", flush=True)
        return db
    psql(f"DROP DATABASE IF EXISTS {db}")
    started = time.monotonic()
    psql(f"CREATE DATABASE {db} TEMPLATE {seed}")
    try:
        out = run([PY, "bench/grow.py", str(size)], db)
    except subprocess.CalledProcessError as failed:
        psql(f"DROP DATABASE {db}")  # not left to be reused half-built
        raise SystemExit(f"{db}: bench/grow.py failed\n{failed.stderr}") from None
    print(f"{db}: {out.strip()} in {time.monotonic() - started:.0f} s", flush=True)
    return db


def chosen(words: str) -> list:
    """The pages whose label contains one of the comma-separated words."""
    if not words:
        return PAGES
    asked = [w.strip().lower() for w in words.split(",") if w.strip()]
    return [page for page in PAGES if any(w in page[0].lower() for w in asked)]


class Server:
    """A bench/serve.py process serving one database's pages on request."""

    def __init__(self, db: str):
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter
            [PY, "bench/serve.py"],
            cwd=ROOT,
            env=env_for(db),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.about = self._read()  # its size and search terms
        self.pages: dict[str, dict] = {}
        self.times: dict[str, list[float]] = {}

    def first(self, key: str, url: str, role: str) -> None:
        """Warm the page; keep its queries and what it answered."""
        self.pages[key] = self._ask({"url": url, "role": role, "what": "first"})

    def time(self, key: str, url: str, role: str) -> None:
        """Request the page once; keep how long it took."""
        answer = self._ask({"url": url, "role": role, "what": "time"})
        self.times.setdefault(key, []).append(answer["ms"])

    def close(self) -> dict:
        """The database's size, what was measured and the peak memory."""
        for key, times in self.times.items():
            self.pages[key]["ms"] = statistics.median(times)
        rss = self._ask({})
        self.process.wait()
        return {**self.about, **rss, "pages": self.pages}

    def _ask(self, asked: dict) -> dict:
        self.process.stdin.write(json.dumps(asked) + "\n")
        self.process.stdin.flush()
        return self._read()

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"bench/serve.py stopped (exit {self.process.wait()})")
        return json.loads(line)


def measure(dbs: dict, pages: list, times: int) -> dict:
    """Every page at every size, request by request: one server per
    database; each warms the page and counts its queries, then the page is
    timed `times` times at each size, the sizes in turn (A B B A A B ...), so
    whatever else the machine does for a moment slows both sizes alike. A
    page's time is the median of its times at that size.

    Before (each size asked for 7 requests in turn, each page's fastest
    median over 5 rounds), pages whose work does not change with the size
    measured 0.73× to 1.44× on a shared machine whose requests of one page
    varied from 32 to 61 ms one after another: a median of 7 requests at one
    size and then 7 at the other met different moments of the machine."""
    servers = {size: Server(db) for size, db in dbs.items()}
    order = list(servers.values())
    for label, url, roles in pages:
        for role in roles:
            key = f"{role} {label}"
            for server in order:
                server.first(key, url, role)
            for n in range(times):
                for server in order if n % 2 == 0 else order[::-1]:
                    server.time(key, url, role)
    return {size: server.close() for size, server in servers.items()}


def table(sizes: list[int], results: dict, pages: list) -> str:
    small, large = sizes[0], sizes[-1]
    head = (
        f"| page | role | {_k(small)} → {_k(large)} (ms) | ratio | queries | "
        "rows shown of |"
    )
    lines = [head, "| --- | --- | --- | --- | --- | --- |"]
    for label, _url, roles in pages:
        for role in roles:
            a = results[small]["pages"][f"{role} {label}"]
            b = results[large]["pages"][f"{role} {label}"]
            ratio = b["ms"] / a["ms"] if a["ms"] else float("nan")
            lines.append(
                f"| {label} | {role} | {a['ms']:.0f} → {b['ms']:.0f} | "
                f"{ratio:.2f}× | {a['queries']} → {b['queries']} | "
                f"{a.get('answer') or '–'} → {b.get('answer') or '–'} |"
            )
    for size in sizes:
        r = results[size]
        lines.append(
            f"\n{_k(size)}: {r['cases']} cases, {r['tasks']} tasks, peak RSS "
            f"{r['rss_mb']:.0f} MB"
        )
    return "\n".join(lines)


def _k(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 else str(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument(
        "--times",
        type=int,
        default=35,
        help="time every page this many times at each size, the sizes in turn",
    )
    parser.add_argument("--reuse", action="store_true", help="keep and reuse DBs")
    parser.add_argument("--prefix", default=PREFIX, help="database names' prefix")
    parser.add_argument(
        "--pages",
        default="",
        help="measure only the pages whose label contains one of these "
        'comma-separated words (e.g. "archive,search,problem")',
    )
    args = parser.parse_args()
    if not args.prefix.isidentifier():
        parser.error("--prefix: letters, digits and underscores only")
    pages = chosen(args.pages)
    if not pages:
        parser.error(f"--pages: no page's label contains {args.pages!r}")
    sizes = [int(s) for s in args.sizes.split(",")]
    seed = build_seed(args.prefix)
    dbs = {size: build(size, args.reuse, args.prefix, seed) for size in sizes}
    results = measure(dbs, pages, args.times)
    if not args.reuse:
        for db in dbs.values():
            psql(f"DROP DATABASE {db}")
    print(table(sizes, results, pages))
    print(f"\nload average after: {os.getloadavg()[0]:.1f} (1 min)")
    print(
        "\n* the pathways pages: a fixed number of queries however many cases"
        " wait; today's problem answers every waiting case (ten times as many"
        " at 100k)."
    )


if __name__ == "__main__":
    main()

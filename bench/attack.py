"""Attack the hub as the issue 7 audit did: a bounded script against a local
server only (127.0.0.1), never anything else.

    # 1. a production-like server on PostgreSQL, seeded (see README, "Settings")
    export DJANGO_DEBUG=false DJANGO_SECRET_KEY=<random 50 characters> \
           DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=false \
           DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_attack
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/gunicorn config.wsgi -b 127.0.0.1:8765 -w 3 -k gthread --threads 8 &
    # 2. what each identity may see, read from that database (same environment)
    .venv/bin/python bench/attack.py dump > /tmp/hub_truth.json
    # 3. the attack (HTTP to 127.0.0.1 only); exit status 1 on any 500 or leak
    .venv/bin/python bench/attack.py attack --port 8765 --truth /tmp/hub_truth.json

The attack signs in as every seeded identity (TOTP computed from the key the
enrol page shows), crawls each identity's pages (bounded), replays every page
a manager reached as every other identity, fuzzes every GET filter and form
field with odd values, posts select_all=1 to the bulk pages, races twenty
takes of one task and many accepts of one proposal, checks headers, and tries
30 wrong passwords. A leak is a 2xx body naming a person (name, NHS number,
case or concern reference) outside what the identity may see. Use a
throwaway database: the fuzzing submits forms, and some are accepted.
"""

from __future__ import annotations

import argparse
import base64
import collections
import hashlib
import hmac
import http.client
import io
import json
import os
import re
import struct
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser

HOST = "127.0.0.1"  # the only host this script ever talks to
PASSWORD = "hub-demo-2026"  # noqa: S105 - the demo data's published password
LOCKED_OUT = "ot.southbrook"
LOCALITIES = ["northfield", "riverside", "eastvale", "southbrook"]
ODD = ["a\x00b", "²", "-1", "1e9", "9" * 30, "x" * 3000, "Zoë 🚑 ‮", "' OR 1=1--"]
ODD += ["<script>alert(1)</script>", "", "0001-01-01", "9999-12-31", "../..//"]
SKIP = re.compile(r"logout|/static/|^/admin/.*(delete|password)")
# Not fuzzed: the accounts the attack signs in with (tests/access/test_user_admin.py)
NOT_FUZZED = re.compile(r"^/admin/auth/user/\d+/")
STATS = collections.Counter()
ERRORS: list[str] = []
LEAKS: list[str] = []
LOCK = threading.Lock()


def totp(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(secret.replace(" ", "").upper())
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6
    return f"{code:06d}"


class Client:
    def __init__(self, port: int, who: str = "anonymous"):
        self.port, self.who, self.cookies = port, who, {}

    def request(self, method, path, data=None, raw=None, ctype=None):
        if not path.startswith("/"):  # never another host
            raise ValueError(path)
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = raw
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
            body = urllib.parse.urlencode(data, doseq=True).encode()
            ctype = "application/x-www-form-urlencoded"
        if ctype:
            headers["Content-Type"] = ctype
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        conn.close()
        for cookie in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        with LOCK:
            STATS["sent"] += 1
            STATS[response.status] += 1
            if response.status >= 500:
                ERRORS.append(f"{response.status} {self.who} {method} {path[:200]}")
        return response, content

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data=data)


SECRETS: dict[str, str] = {}  # username: TOTP key, kept for a re-run's sign-in
SECRETS_FILE = os.path.join(tempfile.gettempdir(), "hub_attack_totp.json")


def sign_in(port: int, username: str) -> Client:
    client = Client(port, username)
    client.get("/accounts/login/")
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    response, _ = client.get("/")
    where = response.getheader("Location") or ""
    if "/mfa/enrol/" in where:
        _, page = client.get(where)
        key = re.search(rb'hub-mfa__secret">([A-Z2-7 ]+)<', page)[1]
        SECRETS[username] = key.decode()
        client.post(where, {"code": totp(SECRETS[username]), "next": "/"})
        with open(SECRETS_FILE, "w") as file:
            json.dump(SECRETS, file)
    elif "/mfa/verify/" in where:
        # The next window's code (within django-otp's tolerance): the current
        # one may have been used by this user a moment ago, and is refused again.
        code = totp(SECRETS[username], time.time() + 30)
        client.post(where, {"code": code, "next": "/"})
    response, _ = client.get("/")
    where = response.getheader("Location") or ""
    if response.status not in (200, 302) or "/accounts/" in where:
        raise SystemExit(f"could not sign in as {username}")
    return client


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").upper()
            self._form = {"action": attrs.get("action"), "method": method, "f": {}}
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None:
            if attrs.get("name") and attrs.get("type") not in ("submit", "button"):
                self._form["f"].setdefault(attrs["name"], attrs.get("value") or "")
        elif tag == "option" and self._form is not None and self._form["f"]:
            last = list(self._form["f"])[-1]
            if not self._form["f"][last] and attrs.get("value"):
                self._form["f"][last] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def shape(path: str) -> str:
    parts = urllib.parse.urlsplit(path)
    keys = ",".join(sorted(urllib.parse.parse_qs(parts.query)))
    return re.sub(r"\d+", "N", parts.path) + "?" + keys


def crawl(client: Client, budget: int, per_shape: int = 3):
    seen, shapes, queue, pages = set(), collections.Counter(), ["/"], {}
    while queue and len(pages) < budget:
        path = queue.pop(0)
        if path in seen or SKIP.search(path) or shapes[shape(path)] >= per_shape:
            continue
        seen.add(path)
        shapes[shape(path)] += 1
        response, content = client.get(path)
        pages[path] = (response, content)
        where = response.getheader("Location") or ""
        if response.status in (301, 302) and where.startswith("/"):
            queue.append(where)
        if response.status == 200 and b"<html" in content[:2000].lower():
            parser = Page()
            parser.feed(content.decode("utf-8", "replace"))
            for href in parser.links:
                href = urllib.parse.urljoin(path, href.split("#")[0])
                if href.startswith("/") and not href.startswith("//"):
                    queue.append(href)
            pages[path] = (response, content, parser.forms)
    return pages


def body_text(response, content: bytes) -> str:
    if (response.getheader("Content-Type") or "").startswith("application/pdf"):
        try:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(content))
            return " ".join(page.extract_text() or "" for page in reader.pages)
        except Exception as error:  # noqa: BLE001 - a broken PDF is reported
            return f"unreadable pdf {error}"
    return content.decode("utf-8", "replace")


def leaks_in(who: str, response, content: bytes, path: str, truth: dict) -> None:
    if not 200 <= response.status < 300:
        return
    text = body_text(response, content)
    allowed = set(truth["allowed"].get(who, []))
    known = set(truth["shared"]) | set(truth["extra"].get(who, []))
    for person, strings in truth["people"].items():
        if person in allowed:
            continue
        for string in strings:
            if string not in known and re.search(
                rf"(?<![\w-]){re.escape(string)}(?![\w-])", text
            ):
                with LOCK:
                    LEAKS.append(f"{who} {path[:160]} shows {string!r}")
                return


def identities() -> list[str]:
    names = ["admin"]
    for code in LOCALITIES:
        names += [f"coordinator.{code}", f"ot.{code}", f"lead.{code}"]
        names.append(f"manager.{code}")
    names.remove(LOCKED_OUT)  # the lockout check's account, locked for a while
    return names


def dump() -> None:
    """What each identity may see, from the database the server uses."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from cases.models import DischargeCase, Person
    from safeguarding.models import Concern

    people = {
        str(p.pk): [p.full_name, p.nhs_number, p.nhs_number_display]
        for p in Person.objects.all()
    }
    allowed = collections.defaultdict(set)
    extra = collections.defaultdict(set)
    for case in DischargeCase.objects.select_related("referral__person", "locality"):
        pid = str(case.referral.person_id)
        people[pid].append(case.reference)
        for role in ("coordinator", "ot", "lead"):
            allowed[f"{role}.{case.locality.code}"].add(pid)
        for user in (case.coordinator, case.ot):
            if user:
                allowed[user.username].add(pid)
    for person in Person.objects.select_related("locality"):
        for role in ("coordinator", "ot"):
            allowed[f"{role}.{person.locality.code}"].add(str(person.pk))
    for concern in Concern.objects.select_related("raised_by"):
        pid = str(concern.person_id)
        people[pid].append(concern.reference)
        for code in LOCALITIES:
            allowed[f"lead.{code}"].add(pid)  # leads: every concern in the county
        # the raiser knows the concern and the number they typed, not the name
        extra[concern.raised_by.username] |= {concern.reference, *people[pid][1:3]}
    for code in LOCALITIES:
        allowed[f"manager.{code}"] = set(people)
    counts = collections.Counter(s for strings in people.values() for s in strings)
    from cases.models import Referral

    for name in Referral.objects.values_list("referrer_name", flat=True):
        counts[name.split(",")[0]] += 2  # a referrer who shares a person's name
    json.dump(
        {
            "people": people,
            "allowed": {k: sorted(v) for k, v in allowed.items()},
            "extra": {k: sorted(v) for k, v in extra.items()},
            "shared": sorted(s for s, n in counts.items() if n > 1),
        },
        sys.stdout,
    )


def replay(port, clients, manager_pages, truth) -> None:
    """Every page a manager reached, as every other identity (own session)."""
    paths = [p for p in manager_pages if not SKIP.search(p)]

    def run(who):
        client = clients[who]
        for path in paths:
            response, content = client.get(path)
            leaks_in(who, response, content, path, truth)

    threads = [threading.Thread(target=run, args=(w,)) for w in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def fuzz(client: Client, pages: dict, budget: int) -> None:
    """Each GET filter and form field, one at a time, with each odd value."""
    sent = 0
    done = set()
    for path, page in pages.items():
        parts = urllib.parse.urlsplit(path)
        query = urllib.parse.parse_qs(parts.query)
        targets = [("GET", path, {k: v[0] for k, v in query.items()})] if query else []
        for form in page[2] if len(page) > 2 else []:
            action = urllib.parse.urljoin(path, form["action"] or path)
            fields = {k: v for k, v in form["f"].items() if k != "csrfmiddlewaretoken"}
            if fields and not SKIP.search(action) and not NOT_FUZZED.search(action):
                targets.append((form["method"], action, fields))
        for method, action, fields in targets:
            key = (method, shape(action), tuple(sorted(fields)))
            if key in done:
                continue
            done.add(key)
            base = urllib.parse.urlsplit(action).path
            for name in fields:
                for odd in ODD:
                    if sent >= budget:
                        return
                    sent += 1
                    data = {**fields, name: odd}
                    if method == "GET":
                        client.get(f"{base}?{urllib.parse.urlencode(data)}")
                    else:
                        client.post(action, data)


def bulk(clients, truth) -> None:
    for who, client in clients.items():
        for flow in ("discharge", "section42"):
            for path in (f"/{flow}/queue/assign/", f"/{flow}/inbox/unassign/"):
                response, content = client.post(path, {"select_all": "1"})
                leaks_in(who, response, content, path, truth)


def race(port: int, n: int, path: str, who: str) -> collections.Counter:
    clients = [sign_in(port, who) for _ in range(n)]
    for client in clients:
        client.get(path)  # the CSRF cookie
    results = collections.Counter()
    barrier = threading.Barrier(n)

    def go(client):
        barrier.wait()
        response, _ = client.post(path, {})
        with LOCK:
            results[response.status] += 1

    threads = [threading.Thread(target=go, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def races(port: int, clients) -> dict:
    coordinator = clients["coordinator.northfield"]
    _, queue = coordinator.get("/discharge/queue/")
    take = re.search(rb'href="(/discharge/\d+/\w+/\d+/)"', queue)
    out = {}
    if take:
        path = take[1].decode() + "assign/"
        out["take"] = race(port, 20, path, "coordinator.northfield")
    coordinator.post("/hub/allocation/run/", {})
    _, page = coordinator.get("/hub/allocation/")
    accepts = re.findall(rb'action="(/hub/allocation/proposals/\d+/accept/)"', page)
    out["accept"] = collections.Counter()
    for path in accepts[:5]:
        out["accept"] += race(port, 10, path.decode(), "coordinator.northfield")
    return out


def headers(clients) -> list[str]:
    problems = []
    client = clients["coordinator.northfield"]
    _, cases = client.get("/hub/cases/")
    found = re.search(rb'href="(/hub/cases/\d+/)"', cases)
    paths = ["/hub/", "/hub/cases/"]
    if found:
        case = found[1].decode()
        paths += [case, case + "timeline/", case + "timeline.pdf"]
    for path in paths:
        response, _ = client.get(path)
        if "no-store" not in (response.getheader("Cache-Control") or ""):
            problems.append(f"no no-store on {path}")
        policy = response.getheader("Content-Security-Policy") or ""
        if "script-src 'self'" not in policy:
            problems.append(f"no CSP on {path}")
    probe = Client(client.port)
    probe.get("/accounts/login/")
    response, _ = probe.post(
        "/accounts/login/", {"username": "ot.eastvale", "password": PASSWORD}
    )
    cookie = [c for c in response.msg.get_all("Set-Cookie") or [] if "sessionid" in c]
    flags = cookie[0].lower() if cookie else ""
    if not all(f in flags for f in ("secure", "httponly", "samesite=lax")):
        problems.append(f"session cookie flags: {cookie}")
    return problems


def lockout(port: int) -> list[int]:
    client = Client(port, "lockout")
    client.get("/accounts/login/")
    statuses = []
    for attempt in range(30):
        response, _ = client.post(
            "/accounts/login/", {"username": LOCKED_OUT, "password": f"no{attempt}"}
        )
        statuses.append(response.status)
    response, _ = client.post(
        "/accounts/login/", {"username": LOCKED_OUT, "password": PASSWORD}
    )
    statuses.append(response.status)  # the right password, once locked out
    return statuses


def attack(port: int, truth: dict, crawl_budget: int, fuzz_budget: int) -> int:
    started = time.time()
    clients = {who: sign_in(port, who) for who in identities()}
    clients["anonymous"] = Client(port)
    crawled = {}
    crawlers = ["manager.northfield", "admin", "coordinator.northfield"]
    crawlers += ["ot.northfield", "lead.northfield"]
    for who in crawlers:
        crawled[who] = crawl(clients[who], crawl_budget)
        for path, page in crawled[who].items():
            leaks_in(who, page[0], page[1], path, truth)
    print(f"crawled {sum(map(len, crawled.values()))} pages", flush=True)
    others = {w: c for w, c in clients.items() if not w.startswith("manager.")}
    seen_by_all = list(crawled["manager.northfield"]) + list(crawled["admin"])
    replay(port, others, seen_by_all, truth)
    print(f"replayed; {STATS['sent']} requests so far", flush=True)
    for who in crawlers:
        fuzz(clients[who], crawled[who], fuzz_budget)
    print(f"fuzzed; {STATS['sent']} requests so far", flush=True)
    bulk(clients, truth)
    raced = races(port, clients)
    problems = headers(clients)
    locked = lockout(port)
    summary = {
        "requests": STATS["sent"],
        "status": {str(k): v for k, v in STATS.items() if k != "sent"},
        "5xx": len(ERRORS),
        "leaks": len(LEAKS),
        "races": {k: dict(v) for k, v in raced.items()},
        "header_problems": problems,
        "lockout_statuses": locked,
        "seconds": round(time.time() - started),
    }
    print(json.dumps(summary))
    for line in ERRORS[:60] + LEAKS[:60]:
        print(line)
    return 1 if ERRORS or LEAKS or problems else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["dump", "attack"])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--truth", default=os.path.join(tempfile.gettempdir(), "hub_truth.json")
    )
    parser.add_argument("--crawl", type=int, default=400, help="pages per identity")
    parser.add_argument("--fuzz", type=int, default=800, help="requests per identity")
    args = parser.parse_args()
    if args.mode == "dump":
        dump()
        return 0
    with open(args.truth) as file:
        truth = json.load(file)
    if os.path.exists(SECRETS_FILE):
        with open(SECRETS_FILE) as file:
            SECRETS.update(json.load(file))
    return attack(args.port, truth, args.crawl, args.fuzz)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Reference smart-childcare platform server (docs/platform-api.md).

Debian's python3 standard library only.  Serves the v1 API over HTTPS on
127.0.0.1 with its own SQLite store, and a plain-HTTP admin API on another
loopback port for the tests (fault modes, certificates, seeding the pull,
counting what arrived).  Exits by itself after --idle-timeout seconds
without a request, so nothing is left running after a test.

    server.py --certs DIR --db FILE --ready-file FILE [--idle-timeout 120]

Once listening it writes {"port": P, "admin_port": A} to the ready file
(atomically) and to stdout.
"""

import argparse
import base64
import gzip
import hashlib
import hmac
import http.server
import json
import os
import re
import secrets
import socket
import sqlite3
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zlib

MAX_EVENTS = 1000
MAX_BODY = 4 * 1024 * 1024
MAX_INFLATED = 16 * 1024 * 1024
MAX_PAYLOAD = 64 * 1024
PULL_LIMIT = 5000
SECTIONS = ("rooms", "children", "guardians", "pickups", "staff", "cards",
            "menus", "checkups", "classroom_sessions", "deletions")
QUARANTINE_CODES = ("invalid", "duplicate", "reference", "dependency", "conflict", "refused")
FAULT_MODES = ("none", "500", "503", "429", "slow", "reset", "truncated",
               "invalid-json", "duplicate-ack", "redirect", "poison")
PRE_STORE = ("500", "503", "429", "redirect")

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TYPE_RE = re.compile(r"^[a-z][a-z0-9_.]{0,63}$")
AT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class State:
    """Everything the two servers share, behind one lock."""

    def __init__(self, db_path, certs):
        self.lock = threading.Lock()
        self.db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self.db.executescript("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = OFF;
            CREATE TABLE IF NOT EXISTS events (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
              type TEXT NOT NULL, at TEXT NOT NULL, device_id TEXT NOT NULL,
              payload TEXT NOT NULL, received REAL NOT NULL,
              batch INTEGER NOT NULL DEFAULT 0, batch_size INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS rejected (id TEXT, reason TEXT);
            CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, device_id TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS codes (
              code TEXT PRIMARY KEY, kind TEXT NOT NULL, device_id TEXT, used INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS changes (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, section TEXT NOT NULL, body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS pull_rejections (
              event_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, section TEXT NOT NULL,
              record_id TEXT NOT NULL, code TEXT NOT NULL, field TEXT, reason TEXT NOT NULL);
        """)
        self.fault = {"mode": "none", "count": 0, "retry_after": 1, "delay": 2.0, "path": "any"}
        self.raw_pulls = []
        self.raw_repeat = None   # served on every pull until cleared
        self.counters = {"received": 0, "duplicates": 0, "rejected": 0, "requests": 0,
                         "faults": 0, "pulls": 0, "moved": 0, "unauthorised": 0}
        relay_init(self)
        # The push requests answered, across restarts on the same database.
        self.batches = self.db.execute("SELECT IFNULL(MAX(batch), 0) FROM events").fetchone()[0]
        self.last_activity = time.monotonic()
        self.contexts = {}
        for name, stem in (("good", "server"), ("wrong-ca", "wrong-ca"),
                           ("wrong-host", "wrong-host"), ("expired", "expired")):
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            ctx.load_cert_chain(os.path.join(certs, stem + ".pem"), os.path.join(certs, stem + ".key"))
            self.contexts[name] = ctx
        self.cert = "good"

    def touch(self):
        self.last_activity = time.monotonic()

    def take_fault(self, path, moved=False):
        """The fault mode for this request (consumes one count), or None.
        "poison" is not taken here: events() checks the batch for it.
        A request that followed a redirect is never faulted."""
        with self.lock:
            f = self.fault
            if f["mode"] in ("none", "poison") or f["count"] == 0 or moved:
                return None
            if f["path"] != "any" and f["path"] != path:
                return None
            if f["count"] > 0:
                f["count"] -= 1
            self.counters["faults"] += 1
            return dict(f)


def error_body(code, message):
    return json.dumps({"error": {"code": code, "message": message}}).encode()


class PlatformHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "NurseryKioskReferencePlatform/1"
    timeout = 30

    def log_message(self, fmt, *args):
        if os.environ.get("NK_PLATFORM_VERBOSE"):
            sys.stderr.write("platform: " + (fmt % args) + "\n")

    def finish(self):
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    @property
    def state(self):
        return self.server.state

    # -- answers -------------------------------------------------------

    def send_json(self, status, body, extra=None):
        if not isinstance(body, bytes):
            body = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_error_json(self, status, code, message, extra=None):
        self.send_json(status, error_body(code, message), extra)

    def answer_pre_fault(self, fault):
        mode = fault["mode"]
        if mode == "redirect":
            # Same server, so a client that follows would deliver the body
            # (and its token): the "moved" counter shows it did.
            sep = "&" if "?" in self.path else "?"
            location = "https://127.0.0.1:%d%s%smoved=1" % (self.server.server_address[1], self.path, sep)
            self.send_error_json(307, "moved", "Injected redirect", {"Location": location})
        elif mode == "500":
            self.send_error_json(500, "internal", "Injected internal error")
        elif mode == "503":
            self.send_error_json(503, "unavailable", "Injected maintenance",
                                 {"Retry-After": str(fault["retry_after"])})
        elif mode == "429":
            self.send_error_json(429, "rate_limited", "Injected rate limit",
                                 {"Retry-After": str(fault["retry_after"])})

    def answer_post_fault(self, fault, status, body):
        """Sends body (already stored server side) spoiled by the fault."""
        mode = fault["mode"]
        if mode == "slow":
            time.sleep(float(fault["delay"]))
            self.send_json(status, body)
        elif mode == "reset":
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: max(1, len(body) // 2)])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        elif mode == "truncated":
            self.send_json(status, body[: max(1, len(body) // 2)])
        elif mode == "invalid-json":
            self.send_json(status, b"<html><body>502 Bad Gateway</body></html>{\"results\": [")
        else:
            self.send_json(status, body)

    # -- request plumbing ----------------------------------------------

    def authorised_device(self):
        auth = self.headers.get("Authorization", "")
        row = None
        with self.state.lock:
            if auth.startswith("Bearer "):
                row = self.state.db.execute("SELECT device_id FROM tokens WHERE token = ?",
                                            (auth[7:].strip(),)).fetchone()
            if row is None:
                self.state.counters["unauthorised"] += 1
        return row[0] if row else None

    def read_body(self):
        """The request body, inflated; None after answering an error."""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            self.send_error_json(411, "bad_request", "Content-Length required")
            return None
        length = int(length)
        if length > MAX_BODY:
            self.close_connection = True
            self.send_error_json(413, "payload_too_large", "Body larger than 4 MiB")
            return None
        raw = self.rfile.read(length)
        enc = self.headers.get("Content-Encoding", "identity").strip().lower()
        if enc == "gzip":
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                data = d.decompress(raw, MAX_INFLATED + 1)
            except zlib.error:
                self.send_error_json(400, "bad_request", "Body is not valid gzip")
                return None
            if len(data) > MAX_INFLATED or d.unconsumed_tail:
                self.send_error_json(413, "payload_too_large", "Body larger than 16 MiB inflated")
                return None
            return data
        if enc != "identity":
            self.send_error_json(415, "unsupported_encoding", "Unknown Content-Encoding " + enc)
            return None
        return raw

    def read_json(self):
        body = self.read_body()
        if body is None:
            return None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.send_error_json(400, "bad_request", "Body is not JSON")
            return None

    def moved(self):
        """True for a request that followed an injected redirect (counted)."""
        moved = "moved=1" in urllib.parse.urlsplit(self.path).query
        if moved:
            with self.state.lock:
                self.state.counters["moved"] += 1
        return moved

    def do_GET(self):
        self.state.touch()
        with self.state.lock:
            self.state.counters["requests"] += 1
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/api/v1/changes":
            self.changes(urllib.parse.parse_qs(url.query))
        elif url.path.startswith("/families/day/"):
            self.family_day(url)
        else:
            self.send_error_json(404, "not_found", "No such resource")

    def do_POST(self):
        self.state.touch()
        with self.state.lock:
            self.state.counters["requests"] += 1
        path = urllib.parse.urlsplit(self.path).path
        if path == "/api/v1/events":
            self.events()
        elif path == "/api/v1/enrol":
            self.enrol()
        else:
            self.read_body()
            self.send_error_json(404, "not_found", "No such resource")

    # -- the API -------------------------------------------------------

    def enrol(self):
        req = self.read_json()
        if req is None:
            return
        if not isinstance(req, dict) or not isinstance(req.get("code"), str) \
                or not isinstance(req.get("device_id"), str):
            self.send_error_json(400, "bad_request", "code and device_id required")
            return
        code, device = req["code"], req["device_id"]
        mode = req.get("mode", "typed")
        st = self.state
        with st.lock:
            row = st.db.execute("SELECT kind, device_id, used FROM codes WHERE code = ?",
                                (code,)).fetchone()
            if row is None or row[2]:
                pending = row is None and mode == "qr"
                token = None
            elif row[0] == "qr" and row[1] != device:
                pending, token = False, None
            else:
                token = secrets.token_urlsafe(32)
                st.db.execute("UPDATE codes SET used = 1, device_id = ? WHERE code = ?", (device, code))
                st.db.execute("INSERT INTO tokens (token, device_id) VALUES (?, ?)", (token, device))
                pending = False
        if token:
            self.send_json(200, {"device_id": device, "token": token,
                                 "centre": {"id": "centre-1", "name": "Reference centre"}})
        elif pending:
            self.send_json(202, {"status": "pending"})
        else:
            self.send_error_json(403, "invalid_code", "Unknown, expired or used enrolment code")

    def events(self):
        moved = self.moved()
        device = self.authorised_device()
        if device is None:
            self.read_body()
            self.send_error_json(401, "unauthorized", "Missing or unknown token")
            return
        fault = self.state.take_fault("events", moved)
        if fault and fault["mode"] in PRE_STORE:
            self.read_body()
            self.answer_pre_fault(fault)
            return
        req = self.read_json()
        if req is None:
            return
        events = req.get("events") if isinstance(req, dict) else None
        if not isinstance(events, list):
            self.send_error_json(400, "bad_request", "events must be an array")
            return
        if len(events) > MAX_EVENTS:
            self.send_error_json(413, "too_many_events", "At most 1000 events per batch")
            return
        if self.state.fault["mode"] == "poison" and any(
                isinstance(ev, dict) and isinstance(ev.get("payload"), dict) and ev["payload"].get("poison")
                for ev in events):
            with self.state.lock:
                self.state.counters["faults"] += 1
            self.send_error_json(400, "bad_request", "Injected: the batch holds a poisoned event")
            return
        results = []
        now = time.time()
        st = self.state
        with st.lock:
            st.batches += 1
            st.db.execute("BEGIN")
            for ev in events:
                eid = ev.get("id") if isinstance(ev, dict) else None
                reason = validate_event(ev, device)
                text = None
                if reason is None:
                    text = json.dumps(ev["payload"], ensure_ascii=False, separators=(",", ":"))
                    if len(text) > MAX_PAYLOAD:
                        reason = "payload_too_large"
                st.counters["received"] += 1
                if reason:
                    st.counters["rejected"] += 1
                    st.db.execute("INSERT INTO rejected (id, reason) VALUES (?, ?)", (str(eid), reason))
                    results.append({"id": eid, "status": "rejected", "reason": reason})
                    continue
                cur = st.db.execute(
                    "INSERT OR IGNORE INTO events (id, type, at, device_id, payload, received, batch, batch_size) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (eid, ev["type"], ev["at"], ev["device_id"], text, now, st.batches, len(events)))
                if cur.rowcount == 1 and ev["type"] == "pull.rejected":
                    # What a kiosk set aside: the platform's list of records to fix.
                    p = ev["payload"]
                    st.db.execute(
                        "INSERT OR IGNORE INTO pull_rejections (event_id, device_id, section, record_id, "
                        "code, field, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (eid, device, p["section"], p["id"], p["code"], p.get("field"), p["reason"]))
                if cur.rowcount == 1 and ev["type"] == "classroom.signup":
                    classroom_count_signup(st.db, ev["payload"])
                if cur.rowcount == 1:
                    results.append({"id": eid, "status": "accepted"})
                else:
                    st.counters["duplicates"] += 1
                    results.append({"id": eid, "status": "duplicate"})
            st.db.execute("COMMIT")
        if fault and fault["mode"] == "duplicate-ack":
            doubled = []
            for r in results:
                doubled += [r, dict(r)]
            doubled.append({"id": "00000000-0000-4000-8000-000000000000", "status": "accepted"})
            results = doubled
        body = json.dumps({"results": results}).encode()
        if fault:
            self.answer_post_fault(fault, 200, body)
        else:
            self.send_json(200, body)

    def family_day(self, url):
        """GET /families/day/{centre}/{child}/{date}?d={device}&s={sig}: the
        day's events of that child, when sig is the kiosk's signature
        (docs/platform-api.md, "The family's day"); 403 otherwise."""
        parts = url.path.split("/")[3:]
        query = urllib.parse.parse_qs(url.query)
        device = query.get("d", [""])[0]
        sig = query.get("s", [""])[0]
        if len(parts) != 3 or not DATE_RE.match(parts[2]) or not device or not sig:
            self.send_error_json(404, "not_found", "No such day")
            return
        centre, child, date = (urllib.parse.unquote(p) for p in parts)
        message = "\n".join(("nk-day-link/1", centre, child, date, device)).encode()
        with self.state.lock:
            tokens = [r[0] for r in self.state.db.execute(
                "SELECT token FROM tokens WHERE device_id = ?", (device,))]
            row = self.state.db.execute("SELECT centre_id FROM device_centres WHERE device_id = ?",
                                        (device,)).fetchone()
            own_centre = row[0] if row else DEFAULT_CENTRE
            signed = own_centre == centre and any(
                hmac.compare_digest(hmac.new(t.encode(), message, hashlib.sha256).hexdigest()[:32], sig)
                for t in tokens)
            rows = [] if not signed else self.state.db.execute(
                "SELECT e.id, e.type, e.at, e.payload FROM events e "
                "WHERE json_extract(e.payload, '$.child_id') = ? "
                "AND json_extract(e.payload, '$.local_date') = ? "
                "AND coalesce((SELECT centre_id FROM device_centres d WHERE d.device_id = e.device_id), ?) = ? "
                "ORDER BY e.at, e.seq", (child, date, DEFAULT_CENTRE, centre)).fetchall()
        if not signed:
            self.send_error_json(403, "forbidden", "This link is not signed by a kiosk of the centre")
            return
        events = [{"id": eid, "type": etype, "at": at, "payload": json.loads(payload)}
                  for eid, etype, at, payload in rows]
        self.send_json(200, json.dumps({"centre_id": centre, "child_id": child, "date": date,
                                        "events": events}, ensure_ascii=False).encode())

    def changes(self, query):
        moved = self.moved()
        device = self.authorised_device()
        if device is None:
            self.send_error_json(401, "unauthorized", "Missing or unknown token")
            return
        fault = self.state.take_fault("changes", moved)
        if fault and fault["mode"] in PRE_STORE:
            self.answer_pre_fault(fault)
            return
        st = self.state
        with st.lock:
            st.counters["pulls"] += 1
            raw = st.raw_pulls.pop(0) if st.raw_pulls else st.raw_repeat
        if raw is not None:
            try:
                data = raw.encode("utf-8", "surrogateescape")   # bytes given as base64
            except UnicodeEncodeError:
                data = raw.encode("utf-8", "surrogatepass")     # a lone surrogate in a JSON string
            self.send_json(200, data)
            return
        cursor = relay_parse_cursor(query.get("since", [""])[0])
        if cursor is None:
            self.send_error_json(400, "bad_request", "Unknown cursor")
            return
        after, after_events = cursor
        try:
            limit = max(1, min(PULL_LIMIT, int(query.get("limit", [str(PULL_LIMIT)])[0])))
        except ValueError:
            limit = PULL_LIMIT
        with st.lock:
            rows = st.db.execute("SELECT seq, section, body FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                                 (after, limit + 1)).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        changes = {}
        for _seq, section, body in rows:
            changes.setdefault(section, []).append(json.loads(body))
        # what the centre's other kiosks recorded fills the rest of the limit
        with st.lock:
            events, after_events, more_events = relay_events(st, device, after_events, limit - len(rows))
        if events:
            changes["events"] = events
        more = more or more_events
        cursor = relay_cursor(rows[-1][0] if rows else after, after_events)
        body = json.dumps({"cursor": cursor, "more": more, "changes": changes},
                          ensure_ascii=False).encode()
        if fault:
            self.answer_post_fault(fault, 200, body)
        else:
            self.send_json(200, body)


# The care log (contract 1.2): the members each type must carry besides
# child_id and happened_at; null is allowed only where the contract says so.
CARE_MEMBERS = {
    "care_meal": {"slot": ("breakfast", "morning_snack", "lunch", "afternoon_snack", "dinner"),
                  "portion": ("all", "most", "half", "little", "refused")},
    "care_bottle": {"ml": (10, 400), "milk": ("breast_milk", "formula")},
    "care_water": {"ml": (10, 500)},
    "care_diaper": {"diaper": ("wet", "soiled", "dry", "potty")},
    "care_mood": {"mood": ("happy", "calm", "fussy", "upset", "tired")},
    "care_temperature": {"tenths": (340, 425)},
    "care_note": {"note": str},
    "incident": {"what": str, "place": str, "told": ("not_yet", "phone", "in_person")},
}


def validate_care(payload, members):
    if not isinstance(payload.get("child_id"), str) or not payload["child_id"]:
        return "missing child_id"
    if not isinstance(payload.get("happened_at"), str) or not AT_RE.match(payload["happened_at"]):
        return "happened_at is not an ISO 8601 UTC time with milliseconds"
    for member, rule in members.items():
        value = payload.get(member)
        if rule is str:
            ok = isinstance(value, str) and value.strip() != ""
        elif isinstance(rule[0], int):
            ok = isinstance(value, int) and not isinstance(value, bool) and rule[0] <= value <= rule[1]
        else:
            ok = value in rule
        if not ok:
            return "bad " + member
    return None


def _is_id(v):
    return isinstance(v, str) and v != ""


def _is_time(v):
    return isinstance(v, str) and AT_RE.match(v) is not None


def check_nap(p):
    if not _is_id(p.get("child_id")):
        return "missing child_id"
    if not _is_time(p.get("start_at")):
        return "bad start_at"
    if p.get("end_at") is not None and (not _is_time(p["end_at"]) or p["end_at"] < p["start_at"]):
        return "bad end_at"
    return None


def check_sleep_check(p):
    if not _is_id(p.get("child_id")) or not _is_id(p.get("nap_id")):
        return "missing child_id or nap_id"
    if p.get("position") not in ("back", "side", "front"):
        return "bad position"
    for member in ("breathing_ok", "colour_ok", "flagged"):
        if not isinstance(p.get(member), bool):
            return "bad " + member
    return None


def check_sleep_overdue(p):
    if not _is_id(p.get("child_id")) or not _is_id(p.get("nap_id")):
        return "missing child_id or nap_id"
    if not _is_time(p.get("due_at")):
        return "bad due_at"
    return None


# The checks of the care kinds' payloads, by type (the kiosk checks them
# field by field too, nk-kind.c).
CARE_CHECKS = {
    "nap": check_nap,
    "sleep_check": check_sleep_check,
    "sleep_check.overdue": check_sleep_overdue,
}


# The health kinds (contract 1.1): members that must be non-empty strings.
HEALTH_REQUIRED = {
    "health_check": ("child_id", "check_time", "outcome", "local_date", "by_kind"),
    "health_observation": ("child_id", "observed_at", "note", "local_date", "by_kind"),
    "medicine": ("child_id", "name", "dose", "times", "guardian_id", "consent_at", "local_date", "by_kind"),
    "medicine_given": ("medicine_id", "child_id", "dose_time", "local_date", "by_kind"),
}


def validate_health(t, payload):
    for member in HEALTH_REQUIRED[t]:
        if not isinstance(payload.get(member), str) or not payload[member]:
            return "missing " + member
    if t == "health_check":
        if payload["check_time"] not in ("morning", "midday"):
            return "bad check_time"
        if payload["outcome"] not in ("green", "yellow", "red"):
            return "bad outcome"
        temperature = payload.get("temperature")
        if not isinstance(temperature, int) or isinstance(temperature, bool) or not 340 <= temperature <= 425:
            return "bad temperature"
        if payload["outcome"] == "yellow" and not payload.get("watch"):
            return "missing watch"
    if t == "medicine_given" and not isinstance(payload.get("give_anyway"), bool):
        return "bad give_anyway"
    return None


def check_classroom_signup(p):
    for member in ("guardian_id", "session_id"):
        if not _is_id(p.get(member)):
            return "missing " + member
    if not isinstance(p.get("waitlist"), bool):
        return "bad waitlist"
    if p.get("by_kind") != "guardian" or p.get("by_id") != p["guardian_id"]:
        return "a sign-up is made by its guardian"
    return None


def classroom_count_signup(db, payload):
    """A seat taken: the session is served again with one seat less, as the
    platform counts the sign-ups it has (contract 1.3).  Holds the lock,
    inside the batch's transaction."""
    if payload["waitlist"]:
        return
    for (body,) in db.execute("SELECT body FROM changes WHERE section = 'classroom_sessions' "
                              "ORDER BY seq DESC").fetchall():
        session = json.loads(body)
        if session.get("id") != payload["session_id"]:
            continue
        if isinstance(session.get("seats_left"), int) and session["seats_left"] > 0:
            session["seats_left"] -= 1
            db.execute("INSERT INTO changes (section, body) VALUES ('classroom_sessions', ?)",
                       (json.dumps(session, ensure_ascii=False),))
        return


ALARM_REASONS = ("false-alarm", "drill", "resolved", "other")


def check_alarm(t, payload):
    """The one-key alarm and its cancellation (contract 1.3): None or the reason."""
    members = ("staff_id", "door_id") if t == "alarm" else ("alarm_id", "director_id")
    for member in members:
        if not isinstance(payload.get(member), str) or not payload[member]:
            return "missing " + member
    if t == "alarm":
        return None
    if payload.get("reason") not in ALARM_REASONS:
        return "bad reason"
    note = payload.get("note")
    if note is not None and (not isinstance(note, str) or not note or len(note) > 200):
        return "bad note"
    if payload["reason"] == "other" and note is None:
        return "note required with other"
    return None


def check_ratio(t, payload):
    """ratio.breach and ratio.cleared (contract 1.3): a room's caregivers
    against the national ratio, and the end of that breach."""
    if not isinstance(payload.get("room_id"), str) or not payload["room_id"]:
        return "missing room_id"
    for member in ("children", "caregivers") + (("needed",) if t == "ratio.breach" else ()):
        value = payload.get(member)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 500:
            return "bad " + member
    if t == "ratio.breach":
        if payload["caregivers"] >= payload["needed"] or payload["children"] < 1:
            return "not a breach: caregivers not fewer than needed"
        if not isinstance(payload.get("red_since_at"), str) or not AT_RE.match(payload["red_since_at"]):
            return "bad red_since_at"
    elif not isinstance(payload.get("breach_id"), str) or not UUID_RE.match(payload["breach_id"]):
        return "bad breach_id"
    return None


def validate_event(ev, device):
    """None when the event is acceptable, else the reason."""
    if not isinstance(ev, dict):
        return "event is not an object"
    if not isinstance(ev.get("id"), str) or not UUID_RE.match(ev["id"]):
        return "id is not a lower-case UUID"
    if not isinstance(ev.get("type"), str) or not TYPE_RE.match(ev["type"]):
        return "bad type"
    if not isinstance(ev.get("at"), str) or not AT_RE.match(ev["at"]):
        return "at is not an ISO 8601 UTC time with milliseconds"
    if ev.get("device_id") != device:
        return "device_mismatch"
    payload = ev.get("payload")
    if not isinstance(payload, dict):
        return "payload is not an object"
    t = ev["type"]
    if t == "attendance":
        if not isinstance(payload.get("child_id"), str) or not payload["child_id"]:
            return "missing child_id"
        if payload.get("direction") not in ("in", "out", "not_out"):
            return "bad direction"
    elif t == "staff_clock":
        if not isinstance(payload.get("staff_id"), str) or not payload["staff_id"]:
            return "missing staff_id"
        if payload.get("direction") not in ("in", "out"):
            return "bad direction"
    elif t in CARE_MEMBERS:
        return validate_care(payload, CARE_MEMBERS[t])
    elif t == "refusal":
        if not isinstance(payload.get("child_id"), str) or not isinstance(payload.get("guardian_id"), str):
            return "missing child_id or guardian_id"
    elif t == "incident.ack":
        for member in ("incident_id", "child_id", "guardian_id"):
            if not isinstance(payload.get(member), str) or not payload[member]:
                return "missing " + member
    elif t == "classroom.signup":
        return check_classroom_signup(payload)
    elif t in ("alarm", "alarm.cancelled"):
        return check_alarm(t, payload)
    elif t in CARE_CHECKS:
        return CARE_CHECKS[t](payload)
    elif t in HEALTH_REQUIRED:
        return validate_health(t, payload)
    elif t in ("ratio.breach", "ratio.cleared"):
        return check_ratio(t, payload)
    elif t == "pull.rejected":
        for member in ("section", "id", "reason"):
            if not isinstance(payload.get(member), str) or not payload[member]:
                return "missing " + member
        if payload.get("code") not in QUARANTINE_CODES:
            return "bad code"
        if payload.get("field") is not None and not isinstance(payload["field"], str):
            return "bad field"
    return None


# -- relay between the kiosks of one centre (contract 1.1) --------------------
#
# Every device belongs to one centre (DEFAULT_CENTRE unless /admin/token
# named another).  The attendance and staff clock events a kiosk pushed
# are returned in the pulls of the centre's other kiosks, never to the
# kiosk that made them, in the order the platform received them.  The
# cursor "v1:C:E" holds both positions: C in the roster changes, E in the
# events (plain "v1:C" until the first event was relayed).

RELAYED_TYPES = ("attendance", "staff_clock", "incident.ack", "care_meal", "care_bottle", "care_water",
                 "care_diaper", "care_mood", "care_temperature", "care_note", "incident",
                 "nap", "sleep_check", "sleep_check.overdue",
                 "health_check", "health_observation", "medicine", "medicine_given",
                 "menu.day", "allergy.confirmed", "menu.substitute",
                 "classroom.signup", "checkup.result",
                 "absence.reason", "outbreak.suspected", "outbreak.acknowledged",
                 "rollcall.started", "rollcall.ticked", "rollcall.finished",
                 "alarm", "alarm.cancelled", "ratio.breach", "ratio.cleared")
DEFAULT_CENTRE = "centre-1"


def relay_init(state):
    state.db.executescript("""
        CREATE TABLE IF NOT EXISTS device_centres (
          device_id TEXT PRIMARY KEY, centre_id TEXT NOT NULL);
    """)
    state.counters["relayed"] = 0


def relay_set_centre(state, device, centre):
    state.db.execute("INSERT OR REPLACE INTO device_centres (device_id, centre_id) VALUES (?, ?)",
                     (device, centre))


def relay_parse_cursor(since):
    """(position in the changes, position in the events), or None."""
    if since == "":
        return 0, 0
    m = re.fullmatch(r"v1:(\d{1,18})(?::(\d{1,18}))?", since)
    if m is None:
        return None
    return int(m.group(1)), int(m.group(2) or 0)


def relay_cursor(after_changes, after_events):
    if after_events == 0:
        return "v1:%d" % after_changes
    return "v1:%d:%d" % (after_changes, after_events)


def relay_events(state, device, after, room):
    """Up to room events of device's centre made by its other kiosks, after
    position after: (envelopes, new position, more).  Holds state.lock."""
    rows = state.db.execute(
        "SELECT e.seq, e.id, e.type, e.at, e.device_id, e.payload FROM events e "
        "WHERE e.seq > ? AND e.type IN (%s) AND e.device_id != ? "
        "AND coalesce((SELECT centre_id FROM device_centres d WHERE d.device_id = e.device_id), ?) = "
        "    coalesce((SELECT centre_id FROM device_centres d WHERE d.device_id = ?), ?) "
        "ORDER BY e.seq LIMIT ?" % ",".join("?" * len(RELAYED_TYPES)),
        (after, *RELAYED_TYPES, device, DEFAULT_CENTRE, device, DEFAULT_CENTRE, room + 1)).fetchall()
    more = len(rows) > room
    rows = rows[:room]
    events = [{"id": eid, "type": etype, "at": at, "device_id": dev, "payload": json.loads(payload)}
              for _seq, eid, etype, at, dev, payload in rows]
    state.counters["relayed"] += len(events)
    return events, (rows[-1][0] if rows else after), more


class AdminHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, fmt, *args):
        if os.environ.get("NK_PLATFORM_VERBOSE"):
            sys.stderr.write("admin: " + (fmt % args) + "\n")

    def reply(self, status, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        st = self.server.state
        st.touch()
        if self.path == "/admin/stats":
            with st.lock:
                n = st.db.execute("SELECT count(*) FROM events").fetchone()[0]
                out = dict(st.counters, events=n, cert=st.cert, fault=st.fault["mode"])
            self.reply(200, out)
        elif self.path == "/admin/events":
            with st.lock:
                ids = [r[0] for r in st.db.execute("SELECT id FROM events ORDER BY seq")]
            self.reply(200, {"ids": ids})
        elif self.path.startswith("/admin/event?id="):
            # Where one event arrived: its place among all events received,
            # the push request that first brought it and how many that held.
            eid = urllib.parse.unquote(self.path.split("=", 1)[1])
            with st.lock:
                row = st.db.execute("SELECT (SELECT count(*) FROM events o WHERE o.seq <= e.seq), "
                                    "batch, batch_size FROM events e WHERE id = ?", (eid,)).fetchone()
            self.reply(200, {"found": row is not None, "place": row[0] if row else 0,
                             "batch": row[1] if row else 0, "batch_size": row[2] if row else 0})
        elif self.path == "/admin/pull-rejected":
            with st.lock:
                rows = st.db.execute("SELECT device_id, section, record_id, code, field, reason "
                                     "FROM pull_rejections ORDER BY rowid").fetchall()
            self.reply(200, {"rejected": [
                {"device_id": r[0], "section": r[1], "id": r[2], "code": r[3], "field": r[4], "reason": r[5]}
                for r in rows]})
        else:
            self.reply(404, {"error": {"code": "not_found", "message": self.path}})

    def do_POST(self):
        st = self.server.state
        st.touch()
        length = int(self.headers.get("Content-Length", "0"))
        try:
            req = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self.reply(400, {"error": {"code": "bad_request", "message": "not JSON"}})
            return
        with st.lock:
            if self.path == "/admin/fault":
                mode = str(req.get("mode", "none"))
                if mode not in FAULT_MODES:
                    self.reply(400, {"error": {"code": "bad_request", "message": "unknown mode"}})
                    return
                st.fault = {"mode": mode, "count": int(req.get("count", -1)),
                            "retry_after": req.get("retry_after", 1),
                            "delay": float(req.get("delay", 2.0)),
                            "path": req.get("path", "any")}
                out = st.fault
            elif self.path == "/admin/cert":
                if req.get("name") not in st.contexts:
                    self.reply(400, {"error": {"code": "bad_request", "message": "unknown cert"}})
                    return
                st.cert = req["name"]
                out = {"cert": st.cert}
            elif self.path == "/admin/revoke":
                cur = st.db.execute("DELETE FROM tokens WHERE device_id = ?", (str(req["device_id"]),))
                out = {"revoked": cur.rowcount}
            elif self.path == "/admin/token":
                token = secrets.token_urlsafe(32)
                st.db.execute("INSERT INTO tokens (token, device_id) VALUES (?, ?)",
                              (token, str(req["device_id"])))
                if "centre" in req:
                    relay_set_centre(st, str(req["device_id"]), str(req["centre"]))
                out = {"token": token}
            elif self.path == "/admin/enrol-code":
                st.db.execute("INSERT OR REPLACE INTO codes (code, kind) VALUES (?, 'typed')",
                              (str(req["code"]),))
                out = {"code": req["code"]}
            elif self.path == "/admin/claim":
                st.db.execute("INSERT OR REPLACE INTO codes (code, kind, device_id) VALUES (?, 'qr', ?)",
                              (str(req["code"]), str(req["device_id"])))
                out = {"code": req["code"]}
            elif self.path == "/admin/changes":
                n = 0
                st.db.execute("BEGIN")
                for section in SECTIONS:
                    for item in req.get(section, []):
                        st.db.execute("INSERT INTO changes (section, body) VALUES (?, ?)",
                                      (section, json.dumps(item, ensure_ascii=False)))
                        n += 1
                st.db.execute("COMMIT")
                out = {"added": n}
            elif self.path == "/admin/raw-pull":
                if req.get("clear"):
                    st.raw_pulls = []
                    st.raw_repeat = None
                else:
                    # body_base64: bytes no JSON string can carry (invalid UTF-8, a raw NUL).
                    if "body_base64" in req:
                        body = base64.b64decode(req["body_base64"]).decode("utf-8", "surrogateescape")
                    else:
                        body = str(req["body"])
                    if req.get("repeat"):
                        st.raw_repeat = body
                    else:
                        st.raw_pulls.append(body)
                out = {"queued": len(st.raw_pulls), "repeat": st.raw_repeat is not None}
            else:
                out = None
        if out is None:
            self.reply(404, {"error": {"code": "not_found", "message": self.path}})
        else:
            self.reply(200, out)


class PlatformServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, addr, state):
        self.state = state
        super().__init__(addr, PlatformHandler)

    def get_request(self):
        sock, addr = self.socket.accept()
        # Headers and body go out as separate writes: without this, Nagle
        # and the client's delayed ACK add 40 ms to every answer.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.state.lock:
            ctx = self.state.contexts[self.state.cert]
        # The handshake happens in the handler's thread, on first read.
        return ctx.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr

    def handle_error(self, request, client_address):
        # Refused handshakes and resets are the tests' daily bread.
        if os.environ.get("NK_PLATFORM_VERBOSE"):
            super().handle_error(request, client_address)


class AdminServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, state):
        self.state = state
        super().__init__(addr, AdminHandler)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--certs", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--ready-file")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--admin-port", type=int, default=0)
    ap.add_argument("--idle-timeout", type=float, default=120.0)
    args = ap.parse_args()

    state = State(args.db, args.certs)
    api = PlatformServer(("127.0.0.1", args.port), state)
    admin = AdminServer(("127.0.0.1", args.admin_port), state)
    for srv in (api, admin):
        threading.Thread(target=srv.serve_forever, daemon=True).start()

    ready = json.dumps({"port": api.server_address[1], "admin_port": admin.server_address[1]})
    if args.ready_file:
        tmp = args.ready_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(ready + "\n")
        os.replace(tmp, args.ready_file)
    print(ready, flush=True)

    # Exit when idle too long, or when whoever started us is gone (a test
    # that crashed must not leave a server holding its output open).
    parent = os.getppid()
    while time.monotonic() - state.last_activity < args.idle_timeout:
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(0.2)
    sys.stderr.write("platform: idle for %.0f s, exiting\n" % args.idle_timeout)
    os._exit(0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Concurrent writers against Pathways servers sharing one database, then a check that no
write was lost.

Each writer loops until the time is up: it reads a record (its version), then saves a change
naming itself and its attempt, through one of the servers. A save either succeeds (200) or is
refused as stale (409, someone saved first); anything else is an error. Afterwards, for every
record: its version grew by exactly the number of successful saves, and the audit log holds
each successful save's value exactly once. Prints a JSON summary; exits 1 on a lost or
duplicated write or on any error.

Standard library only; loopback only.
"""

import argparse
import http.client
import json
import statistics
import sys
import threading
import time


def call(addr, method, path, token=None, body=None):
    host, port = addr.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=headers)
    r = conn.getresponse()
    payload = r.read()
    conn.close()
    return r.status, payload


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--servers", required=True, help="host:port,host:port")
    p.add_argument("--token", required=True)
    p.add_argument("--seconds", type=float, default=600)
    p.add_argument("--writers", type=int, default=32)
    p.add_argument("--kind", default="institutions")
    p.add_argument("--records", required=True, help="ids, comma-separated")
    a = p.parse_args()
    servers = a.servers.split(",")
    records = a.records.split(",")

    def version(rid):
        status, body = call(servers[0], "GET", f"/api/v1/{a.kind}/{rid}")
        if status != 200:
            raise SystemExit(f"GET {rid}: {status} {body[:200]!r}")
        return json.loads(body)["version"]

    initial = {r: version(r) for r in records}
    lock = threading.Lock()
    saved = {r: [] for r in records}
    conflicts = [0]
    errors = []
    latencies = []
    deadline = time.monotonic() + a.seconds

    def writer(i):
        rid = records[i % len(records)]
        server = servers[i % len(servers)]
        n = 0
        while time.monotonic() < deadline:
            n += 1
            try:
                status, body = call(server, "GET", f"/api/v1/{a.kind}/{rid}")
                v = json.loads(body)["version"]
                value = f"soak w{i} n{n}"
                t0 = time.monotonic()
                status, body = call(server, "PATCH", f"/api/v1/{a.kind}/{rid}", a.token,
                                    {"version": v, "mandate": value})
                took = time.monotonic() - t0
            except Exception as e:  # a refused connection, a timeout: an error, counted
                with lock:
                    errors.append(f"w{i}: {e}")
                continue
            with lock:
                latencies.append(took)
                if status == 200:
                    saved[rid].append(value)
                elif status == 409:
                    conflicts[0] += 1
                else:
                    errors.append(f"w{i}: {status} {body[:200]!r}")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(a.writers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    lost = []
    for rid in records:
        grew = version(rid) - initial[rid]
        if grew != len(saved[rid]):
            lost.append(f"{rid}: version grew by {grew}, {len(saved[rid])} saves succeeded")
        # Every entry of the audit log about the record, newest first, a page at a time.
        seen = {}
        before = None
        while True:
            q = f"/api/v1/audit?entity_id={rid}&limit=1000" + (f"&before={before}" if before else "")
            status, body = call(servers[-1], "GET", q, a.token)
            if status != 200:
                raise SystemExit(f"audit of {rid}: {status} {body[:200]!r}")
            items = json.loads(body)["items"]
            for e in items:
                after = e.get("after") or {}
                value = after.get("mandate") if isinstance(after, dict) else None
                if isinstance(value, str) and value.startswith("soak "):
                    seen[value] = seen.get(value, 0) + 1
            if len(items) < 1000:
                break
            before = items[-1]["seq"]
        for value in saved[rid]:
            if seen.get(value, 0) != 1:
                lost.append(f"{rid}: {value!r} is in the audit log {seen.get(value, 0)} times")
        extra = set(seen) - set(saved[rid])
        if extra:
            lost.append(f"{rid}: {len(extra)} values in the audit log that no writer was told were saved")

    ms = sorted(x * 1000 for x in latencies)
    summary = {
        "seconds": round(elapsed, 1),
        "writers": a.writers,
        "servers": len(servers),
        "records": len(records),
        "saves": sum(len(v) for v in saved.values()),
        "conflicts": conflicts[0],
        "errors": len(errors),
        "saves_per_second": round(sum(len(v) for v in saved.values()) / elapsed, 1),
        "patch_ms_p50": round(statistics.median(ms), 2) if ms else None,
        "patch_ms_p99": round(ms[int(len(ms) * 0.99) - 1], 2) if ms else None,
        "lost_or_duplicated": len(lost),
    }
    print(json.dumps(summary, indent=2))
    for line in (errors[:10] + lost[:20]):
        print(line, file=sys.stderr)
    sys.exit(1 if lost or errors else 0)


if __name__ == "__main__":
    main()

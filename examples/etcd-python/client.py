#!/usr/bin/env python3
"""A faultline client for etcd in Python 3 (standard library only).

It speaks faultline's process protocol (docs/process-client-protocol.md): one JSON op per line on
stdin, one JSON completion per line on stdout. It talks to one etcd member through etcd's JSON
gateway (/v3/kv/range, /v3/kv/put, /v3/kv/txn; keys and values base64-encoded). It answers the
`init` line faultline sends first at once: it needs no preparation.

    python3 client.py http://127.0.0.1:2379

Outcomes, as Jepsen classifies them:
  ok    the op happened (a read returns the value, null when the key is absent);
  fail  it certainly did not happen: any failed read (a read changes nothing), a refused
        connection (the request was never sent), a 4xx answer, a cas whose compare was false;
  info  unknown: a write or cas that timed out, lost its connection, or got a 5xx answer.
"""
import base64
import json
import sys
import time
import urllib.error
import urllib.request

ENDPOINT = sys.argv[1].rstrip("/")
TIMEOUT_S = 3  # below faultline's default op timeout (5 s), so a read that gets no answer is a definite fail
backoff_s = 0.05  # after a refused connection: wait before answering, 50 ms doubling to 1 s


def b64(text):
    return base64.b64encode(text.encode()).decode()


def post(path, body):
    req = urllib.request.Request(ENDPOINT + path, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=TIMEOUT_S) as res:
        return json.load(res)


def refused(err):
    reason = getattr(err, "reason", err)
    return isinstance(reason, ConnectionRefusedError)


def perform(op):
    if op["f"] == "init":  # sent once, before any op: answer when ready
        return {"type": "ok"}
    key = b64(op["key"])
    if op["f"] == "read":
        reply = post("/v3/kv/range", {"key": key})
        kvs = reply.get("kvs") or []
        value = int(base64.b64decode(kvs[0].get("value", "")).decode()) if kvs else None
        return {"type": "ok", "value": value}
    if op["f"] == "write":
        post("/v3/kv/put", {"key": key, "value": b64(str(op["value"]))})
        return {"type": "ok"}
    if op["f"] == "cas":
        old, new = op["value"]
        reply = post("/v3/kv/txn", {
            "compare": [{"key": key, "result": "EQUAL", "target": "VALUE", "value": b64(str(old))}],
            "success": [{"requestPut": {"key": key, "value": b64(str(new))}}],
        })
        return {"type": "ok"} if reply.get("succeeded") else {"type": "fail", "error": "cas-mismatch"}
    return {"type": "fail", "error": "unsupported op " + op["f"]}


def answer(op):
    global backoff_s
    try:
        result = perform(op)
        backoff_s = 0.05
        return result
    except urllib.error.HTTPError as e:
        backoff_s = 0.05
        definite = op["f"] == "read" or e.code < 500
        return {"type": "fail" if definite else "info", "error": "HTTP %d" % e.code}
    except (urllib.error.URLError, OSError) as e:
        if refused(e):
            time.sleep(backoff_s)
            backoff_s = min(1.0, backoff_s * 2)
            return {"type": "fail", "error": "connection refused"}
        backoff_s = 0.05
        return {"type": "fail" if op["f"] == "read" else "info", "error": str(getattr(e, "reason", e))}


sys.stderr.write("etcd-python client %s: talking to %s\n" % (sys.argv[0], ENDPOINT))
sys.stderr.flush()
for line in sys.stdin:
    op = json.loads(line)
    reply = answer(op)
    reply["id"] = op["id"]
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()

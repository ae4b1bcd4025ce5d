"""A bounded HTTP load generator for 127.0.0.1 only: ``clients`` threads with
keep-alive connections request ``paths`` in turn for at most ``seconds`` seconds
(and at most ``max_requests`` requests). Returns requests per second."""

import http.client
import threading
import time

MAX_REQUESTS = 20_000
# What a browser sends: the portal answers its public pages gzip-compressed
# (portal.middleware.PublicCompressionMiddleware), and the page cache keeps a
# compressed copy for such readers.
HEADERS = {"Accept-Encoding": "gzip, deflate"}


def requests_per_second(port, paths, clients, seconds=5.0, max_requests=MAX_REQUESTS):
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    done = {"ok": 0, "errors": 0, "bytes": 0}

    def worker(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        while time.perf_counter() < deadline:
            with lock:
                if done["ok"] + done["errors"] >= max_requests:
                    return
            try:
                connection.request("GET", paths[i % len(paths)], headers=HEADERS)
                response = connection.getresponse()
                size = len(response.read())
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            with lock:
                done["ok" if ok else "errors"] += 1
                done["bytes"] += size if ok else 0
            i += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": round(done["ok"] / elapsed, 1),
        "requests": done["ok"],
        "errors": done["errors"],
        "seconds": round(elapsed, 2),
        "bytes_per_response": round(done["bytes"] / done["ok"]) if done["ok"] else None,
    }


def _round(port, paths, clients):
    """Every path once from each of ``clients`` connections at the same time;
    returns the slowest answer's seconds."""
    times = []

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            for path in paths:
                started = time.perf_counter()
                connection.request("GET", path, headers=HEADERS)
                connection.getresponse().read()
                times.append(time.perf_counter() - started)  # atomic in CPython
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(times, default=0.0)


def warm_up(port, paths, clients=8, max_seconds=60.0, slow=0.05, rounds=3):
    """Request every path from ``clients`` connections at once, round after round,
    until ``rounds`` rounds in a row answer every request within ``slow``
    seconds (each gunicorn worker then has every page in its own cache), or
    ``max_seconds`` pass. Returns the number of rounds run."""
    deadline = time.perf_counter() + max_seconds
    fast_rounds = done = 0
    while fast_rounds < rounds and time.perf_counter() < deadline:
        done += 1
        fast_rounds = fast_rounds + 1 if _round(port, paths, clients) < slow else 0
    return done

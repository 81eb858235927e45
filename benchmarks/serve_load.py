"""The review desk under a bounded load, beside the CLI, measured in one run (127.0.0.1 only).

    .venv/bin/python benchmarks/serve_load.py                       # 200 requests, 8 clients, -j 2
    .venv/bin/python benchmarks/serve_load.py --requests 50 --clients 4 --jobs 1 --json out.json

1. Starts `attrib serve --port 0 --isolated -j J` as a subprocess and waits for its address,
   which must be on 127.0.0.1: the script sends nothing anywhere else.
2. The CLI, same article, same run: `attrib audit -f json --no-html --isolated
   --stdin-filename NAME -` as a cold subprocess (what one story costs without the desk,
   model load included), and `attrib audit -j J` over N copies, whose wall time less the
   one-article run gives the CLI's warm articles/s.
3. The load: R requests of `POST /api/audit` (JSON, the article's text) from C concurrent
   clients. Every response must be 200 and byte-identical to the CLI's document.
4. Prints the desk's p50/p95/max latency and requests/s beside the CLI figures.

The article is a seed (seeds/npr-atacms.txt by default: 22 sentences, about 4 kB).
Bounded: at most 2000 requests, each with a 120 s timeout, the whole load within 900 s;
the server is stopped with SIGINT at the end (and killed if it does not stop).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = ROOT / "seeds" / "npr-atacms.txt"
MAX_REQUESTS = 2000
REQUEST_SECONDS = 120
LOAD_SECONDS = 900


def attrib_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "attrib", *args]


def environment() -> dict[str, str]:
    # The checkout's attrib, also when it is not installed into this interpreter.
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def timed(command: list[str], stdin: bytes | None = None) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, env=environment(), check=False, timeout=900)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: the article fails the policy, which is fine here
        raise SystemExit(f"serve_load: {' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed, done.stdout


def cli_figures(article: bytes, name: str, copies: int, jobs: int) -> dict[str, Any]:
    """The CLI on the same article: its document, one cold run, and warm articles/s over `copies`."""
    one, document = timed(
        attrib_command("audit", "-f", "json", "--no-html", "--isolated", "-q", "--stdin-filename", name, "-"), article
    )
    with tempfile.TemporaryDirectory() as folder:
        for n in range(copies):
            (Path(folder) / f"copy-{n:04d}.txt").write_bytes(article)
        many, _ = timed(
            attrib_command(
                "audit", "-f", "json", "--no-html", "--isolated", "-q", "-j", str(jobs), "-o", os.devnull, folder
            )
        )
    return {
        "document": document.decode("utf-8"),
        "cold_seconds": one,
        "batch_seconds": many,
        "warm_articles_per_second": (copies - 1) / max(many - one, 1e-9),
        "copies": copies,
    }


def start_server(jobs: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        attrib_command("serve", "--port", "0", "--isolated", "-j", str(jobs)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"on (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        process.kill()
        raise SystemExit(f"serve_load: the desk did not start: {line!r} {process.communicate()[1][-500:]}")
    return process, match.group(1)


def stop_server(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    try:
        return process.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1] + "\n(killed: it did not stop within 30 s)"


def load(url: str, body: bytes, requests: int, clients: int) -> tuple[list[float], list[bytes], float]:
    """`requests` POSTs from `clients` threads: each latency, each body, and the wall time."""
    assert url.startswith("http://127.0.0.1:"), url
    latencies: list[float] = []
    bodies: list[bytes] = []
    lock = threading.Lock()
    left = iter(range(requests))
    deadline = time.monotonic() + LOAD_SECONDS

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                if next(left, None) is None:
                    return
            request = urllib.request.Request(url + "api/audit", data=body, headers={"content-type": "application/json"})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=REQUEST_SECONDS) as response:
                    answer = response.read()
                    status = response.status
            except OSError as err:  # urllib's HTTPError (a 4xx/5xx) is an OSError too
                answer, status = str(err).encode(), getattr(err, "code", 0)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                bodies.append(answer if status == 200 else f"HTTP {status}: ".encode() + answer)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, bodies, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes, for the desk and the CLI alike")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS or not 1 <= args.clients <= 64:
        parser.error(f"--requests must be 1..{MAX_REQUESTS} and --clients 1..64")
    article = args.article.read_bytes()
    name = args.article.name

    cli = cli_figures(article, name, args.requests, args.jobs)
    process, url = start_server(args.jobs)
    try:
        body = json.dumps({"text": article.decode("utf-8"), "name": name}).encode("utf-8")
        latencies, bodies, wall = load(url, body, args.requests, args.clients)
    finally:
        stderr = stop_server(process)
    expected = cli["document"].encode("utf-8")
    mismatched = sum(1 for answer in bodies if answer != expected)
    errors = [answer[:200].decode("utf-8", "replace") for answer in bodies if answer.startswith(b"HTTP ")]
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    figures = {
        "article": str(args.article.relative_to(ROOT) if args.article.is_relative_to(ROOT) else args.article),
        "article_chars": len(article.decode("utf-8")),
        "requests": len(latencies),
        "clients": args.clients,
        "jobs": args.jobs,
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "requests_per_second": round(len(latencies) / wall, 2),
        "identical_to_cli": len(latencies) - mismatched,
        "errors": len(errors),
        "cli_cold_seconds": round(cli["cold_seconds"], 2),
        "cli_warm_articles_per_second": round(cli["warm_articles_per_second"], 2),
        "cli_batch_seconds": round(cli["batch_seconds"], 2),
        "cli_batch_articles": cli["copies"],
        "clean_stop": "Traceback" not in stderr and process.returncode == 0,
    }
    print(f"article: {figures['article']} ({figures['article_chars']} characters); -j {args.jobs} for both")
    print(
        f"desk:  {figures['requests']} requests from {args.clients} clients on {url}: "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms, "
        f"{figures['requests_per_second']} requests/s"
    )
    print(
        f"       {figures['identical_to_cli']}/{figures['requests']} responses byte-identical to `attrib audit "
        f"-f json`; {figures['errors']} errors; clean stop on SIGINT: {figures['clean_stop']}"
    )
    print(
        f"CLI:   one story cold (`attrib audit -f json`, model load included): {figures['cli_cold_seconds']} s; "
        f"{cli['copies']} copies with -j {args.jobs}: {figures['cli_batch_seconds']} s = "
        f"{figures['cli_warm_articles_per_second']} articles/s warm"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for error in errors[:3]:
        print(f"  error: {error}", file=sys.stderr)
    ok = mismatched == 0 and not errors and len(latencies) == args.requests and figures["clean_stop"]
    if not ok:
        print("serve_load: FAILED (see above)", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

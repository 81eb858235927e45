"""attrib against bare spaCy, side by side, in one run.

    .venv/bin/python benchmarks/bench.py            # the full run (a few minutes)
    .venv/bin/python benchmarks/bench.py --quick    # a smaller corpus, fewer repeats
    .venv/bin/python benchmarks/bench.py --json results.json

The corpus is the two seed articles repeated plus synthetic articles generated
here from our own sentence templates (never articles copied from elsewhere),
four of them long (15-43k characters: template paragraphs mixed with the seeds'
paragraphs, see LONG_ARTICLES), shuffled with a fixed seed.
Every figure compares attrib with bare spaCy on the same texts, same model,
same machine, measured in the same run and interleaved, so background load hits
both sides alike:

1. throughput: bare `spacy.load(M).pipe(texts)` vs attrib's full audit
   (labels, sources, findings, score) without and with HTML rendering;
2. scaling: attrib with 1 vs 2 worker processes (audit_many), bare spaCy with
   n_process=2, and attrib through spaCy's n_process=2 (the road not taken);
3. cold start: `attrib audit one.txt` (the console script, default HTML
   report) vs `python -c "import spacy; spacy.load(M)(text)"`, as subprocesses;
4. peak RSS of those subprocesses, and of whole-corpus runs in subprocesses;
5. Dask: `attrib batch`'s graph on a LocalCluster of 1 vs 2 workers, with each
   worker's CPU time (needs the [dask] extra; skipped otherwise).

Each timing is repeated; the table shows the best (least disturbed) run and
the median. Targets (2-core machine): full audit >= 0.90x bare throughput,
2 processes >= 1.7x one, cold start <= 1.25x bare load+parse, peak RSS <= 1.3x.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TARGETS = {"throughput": 0.90, "two_processes": 1.7, "cold_start": 1.25, "peak_rss": 1.3}

# -- the synthetic corpus: our own templates and invented names ---------------------------------

PEOPLE = [
    "Mara Lind",
    "Tomas Okafor",
    "Ines Varga",
    "Daniel Reyes",
    "Priya Natarajan",
    "Owen Kessler",
    "Leila Haddad",
    "Jonas Brandt",
    "Ana Ruiz",
    "Samuel Achebe",
]
ROLES = [
    "Mayor",
    "council member",
    "Finance Minister",
    "police chief",
    "school superintendent",
    "Senator",
    "union leader",
    "company spokesperson",
]
BODIES = [
    "the city council",
    "the transit authority",
    "the health ministry",
    "the Pentagon",
    "the state legislature",
    "the port authority",
    "NATO",
    "the White House",
]
OUTLETS = ["Reuters", "The New York Times", "the Associated Press", "the BBC", "local media"]
ANONYMOUS = [
    "a senior official",
    "two people familiar with the plans",
    "officials",
    "a source close to the talks",
    "analysts",
    "a person briefed on the decision",
    "critics",
    "diplomats",
]
TOPICS = [
    "the transit budget",
    "the bridge repairs",
    "the new school calendar",
    "the water rates",
    "the harbour expansion",
    "the housing plan",
    "the hospital merger",
    "the road closures",
]
PLACES = ["Riverton", "Eastfield", "Port Calder", "Millbrook", "Northgate", "Ashford"]
VERBS = ["said", "told reporters", "said on Tuesday", "wrote in a statement", "argued", "warned", "confirmed"]

TEMPLATES = [
    "{person}, the {role}, {verb} that {topic} would be decided by Friday.",
    "{Body} {verb} that {topic} had been delayed twice this year.",
    "{Anonymous} {verb} that {topic} could cost more than $4 million.",
    "According to {outlet}, {topic} was discussed at a closed meeting in {place}.",
    "{Outlet} reported that residents of {place} had filed dozens of complaints.",
    "It was reported that {topic} would be cancelled.",
    "As is known, {place} has debated {topic} for years.",
    "The vote on {topic} is scheduled for next week.",
    "Residents gathered outside the town hall in {place} on Monday evening.",
    '"We will not accept {topic} in its current form," {person} said.',
    "{person} added that the council would publish the figures soon.",
    "{Anonymous}, who spoke on condition of anonymity because the talks were private, said the deal was close.",
    "The plan, first proposed in 2019, would add three new routes in {place}.",
    "Reportedly, {topic} was changed at the last minute.",
    "{Body} did not respond to a request for comment.",
]


def synthetic_article(rng: random.Random, paragraphs: tuple[int, int] = (3, 6)) -> str:
    """One article from our templates: a headline and 3 to 6 paragraphs (or as many as `paragraphs` says)."""

    def fill(template: str) -> str:
        values = {
            "person": rng.choice(PEOPLE),
            "role": rng.choice(ROLES),
            "verb": rng.choice(VERBS),
            "topic": rng.choice(TOPICS),
            "outlet": rng.choice(OUTLETS),
            "place": rng.choice(PLACES),
            "Body": rng.choice(BODIES),
            "Anonymous": rng.choice(ANONYMOUS),
            "Outlet": rng.choice(OUTLETS),
        }
        values["Body"] = values["Body"][0].upper() + values["Body"][1:]
        values["Anonymous"] = values["Anonymous"][0].upper() + values["Anonymous"][1:]
        values["Outlet"] = values["Outlet"][0].upper() + values["Outlet"][1:]
        return template.format(**values)

    headline = f"{rng.choice(PLACES)} weighs {rng.choice(TOPICS).removeprefix('the ')}"
    paragraphs = [
        " ".join(fill(rng.choice(TEMPLATES)) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(*paragraphs))
    ]
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


# Long articles (a long read, a live blog, a transcript run to 20-60k characters): the rest of the
# corpus is 1-3k characters, where work that grows faster than the text (a per-sentence pass over
# the whole Doc) stays invisible. (synthetic paragraphs, seed paragraphs)
LONG_ARTICLES = ((80, 0), (40, 30), (180, 0), (0, 80))


def long_article(rng: random.Random, synthetic: int, seed_paragraphs: int) -> str:
    """A long article: `synthetic` template paragraphs and `seed_paragraphs` of the seeds' lines, shuffled."""
    headline, _, body = synthetic_article(rng, (synthetic, synthetic)).partition("\n\n")
    lines = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = [p for p in body.split("\n\n") if p.strip()] + [rng.choice(lines) for _ in range(seed_paragraphs)]
    rng.shuffle(paragraphs)
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def long_articles() -> list[tuple[str, str]]:
    """(name, text) pairs of the LONG_ARTICLES, from their own fixed seed (the short corpus is unchanged)."""
    rng = random.Random(11)
    return [(f"long-{i}.txt", long_article(rng, *sizes)) for i, sizes in enumerate(LONG_ARTICLES)]


def build_corpus(seed_copies: int, synthetic: int, long: int = 0) -> list[tuple[str, str]]:
    """(name, text) pairs: the seeds repeated, synthetic articles and `long` long ones, shuffled (deterministic).

    Shuffled so that every batch and every worker task mixes long seed articles
    with short synthetic ones, as a real archive does: in file order, the first
    tasks held all the seeds and one worker finished long after the other.
    """
    rng = random.Random(7)
    corpus = [(f"{path.stem}-{i}.txt", path.read_text(encoding="utf-8")) for i in range(seed_copies) for path in SEEDS]
    corpus += [(f"synthetic-{i}.txt", synthetic_article(rng)) for i in range(synthetic)]
    corpus += long_articles()[:long]
    rng.shuffle(corpus)
    return corpus


# -- measuring -------------------------------------------------------------------------------------


def timed(function: Callable[[], Any]) -> float:
    """Wall seconds one call takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def interleaved(
    cases: dict[str, Callable[[], Any]], repeats: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Run every case once per round, `repeats` rounds, so drifting load hits all cases alike.

    Returns:
        Wall seconds and this process's CPU seconds per case and round. CPU time
        barely moves with other programs' load, so it is the steadier measure of
        single-process work (it does not count worker processes).
    """
    wall: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, case in cases.items():
            start = time.process_time()
            wall[name].append(timed(case))
            cpu[name].append(time.process_time() - start)
    return wall, cpu


def cpu_everywhere(function: Callable[[], Any]) -> float:
    """CPU seconds of this process and of the child processes it waited for, while running function."""

    def total() -> float:
        mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime

    start = total()
    function()
    return total() - start


# Runs one command and prints its wall time and peak RSS. It runs as its own small
# process because a child's ru_maxrss starts from its parent's RSS at fork: forked
# straight from this (model-holding) process, every child would look as big as it.
_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
elapsed = time.perf_counter() - start
print(json.dumps({"elapsed": elapsed, "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status),
                  "stderr": err.decode(errors="replace")[-500:]}))
"""


def run_child(argv: list[str], cwd: str) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one command, measured by a small launcher process."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, cwd, *argv], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    if report["code"] not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {report['code']}: {report['stderr'].strip()}")
    # ru_maxrss is KiB on Linux, bytes on macOS.
    return report["elapsed"], report["maxrss"] // (1024 if sys.platform == "darwin" else 1)


def model_package() -> str:
    """The model attrib loads by default, so bare spaCy uses the very same one."""
    import importlib.util

    from attrib.pipeline import MODEL_CANDIDATES

    return os.environ.get("ATTRIB_MODEL") or next(n for n in MODEL_CANDIDATES if importlib.util.find_spec(n))


def row(label: str, times: list[float], work: float, unit: str) -> dict[str, Any]:
    """One table row: best and median time, and the rate they give for `work` units."""
    best, median = min(times), statistics.median(times)
    return {
        "case": label,
        "best_s": best,
        "median_s": median,
        "rate_best": work / best,
        "rate_median": work / median,
        "unit": unit,
        "runs": len(times),
    }


def bench_throughput(corpus: list[tuple[str, str]], model: str, repeats: int, batch: int) -> dict[str, Any]:
    """Bare spaCy against attrib in this process: 1 and 2 processes, with and without HTML."""
    import spacy

    from attrib.inputs import read_bytes
    from attrib.outputs.html import render_html
    from attrib.pipeline import audit_doc, audit_many, load_nlp, model_name, normalise

    texts = [read_bytes(text.encode("utf-8"), path=name) for name, text in corpus]
    raw = [text for _, text in corpus]
    chars = sum(len(t) for t in raw)
    bare = spacy.load(model)
    nlp = load_nlp()
    # attrib with the model's own attribute_ruler, as bare spaCy runs it: attrib's own overhead
    # (load_nlp puts attrib_attribute_table in its place unless ATTRIB_ATTRIBUTE_RULER=stock)
    from attrib.engine.attribute_table import SWITCH

    before, os.environ[SWITCH] = os.environ.get(SWITCH), "stock"
    try:
        stock_nlp = load_nlp.__wrapped__()
    finally:
        if before is None:
            del os.environ[SWITCH]
        else:
            os.environ[SWITCH] = before
    # Warm both (first-call allocations, lazy imports) outside the timings.
    list(bare.pipe(raw[:4]))
    [render_html(a) for a in audit_many(nlp, texts[:4])]
    list(audit_many(stock_nlp, texts[:4]))

    def audit(n_process: int) -> Callable[[], Any]:
        return lambda: list(audit_many(nlp, texts, n_process=n_process, batch_size=batch))

    def via_spacy_processes() -> list[Any]:
        # The alternative audit_many does not take: spaCy's n_process parses, and the
        # Docs come back as bytes to be audited here.
        label = model_name(nlp)
        pairs = ((normalise(text.text), text) for text in texts)
        return [
            audit_doc(doc, text, label) for doc, text in nlp.pipe(pairs, as_tuples=True, batch_size=batch, n_process=2)
        ]

    cases = {
        "bare spaCy, 1 process": lambda: list(bare.pipe(raw, batch_size=batch)),
        "attrib audit, 1 process": audit(1),
        "attrib, spaCy's attribute_ruler": lambda: list(audit_many(stock_nlp, texts, batch_size=batch)),
        "attrib audit + HTML, 1 process": lambda: [render_html(a) for a in audit_many(nlp, texts, batch_size=batch)],
        "bare spaCy, 2 processes": lambda: list(bare.pipe(raw, batch_size=batch, n_process=2)),
        "attrib audit, 2 processes": audit(2),
        "attrib, spaCy n_process=2 (alt.)": via_spacy_processes,
    }
    times, cpu = interleaved(cases, repeats)
    # All the CPU the 2-process run burns (workers included) against the 1-process run:
    # the speedup two free cores could give at best, whatever else the machine is doing.
    total_one = min(cpu_everywhere(audit(1)) for _ in range(2))
    total_two = min(cpu_everywhere(audit(2)) for _ in range(2))
    rows = [row(name, value, chars / 1000, "k chars/s") for name, value in times.items()]
    for entry in rows:
        entry["cpu_best_s"] = min(cpu[entry["case"]])
    by = {r["case"]: r for r in rows}

    def ratio(a: str, b: str, key: str) -> float:
        return by[a][key] / by[b][key]

    return {
        "docs": len(raw),
        "chars": chars,
        "batch_size": batch,
        "rows": rows,
        "ratios": {
            "throughput": ratio("attrib audit, 1 process", "bare spaCy, 1 process", "rate_best"),
            "throughput_median": ratio("attrib audit, 1 process", "bare spaCy, 1 process", "rate_median"),
            "throughput_cpu": by["bare spaCy, 1 process"]["cpu_best_s"] / by["attrib audit, 1 process"]["cpu_best_s"],
            # The machine's own speed drifts between rounds (on this VM bare spaCy's CPU time
            # ranged 12.9-16.9 s in one run), so best-against-best can pair a fast round with a
            # slow one; each round's two neighbouring runs share that round's speed.
            "throughput_cpu_paired": statistics.median(
                b / a for b, a in zip(cpu["bare spaCy, 1 process"], cpu["attrib audit, 1 process"], strict=True)
            ),
            # attrib's own overhead: both sides run the model's attribute_ruler
            "throughput_stock_ruler": ratio("attrib, spaCy's attribute_ruler", "bare spaCy, 1 process", "rate_best"),
            "throughput_stock_ruler_median": ratio(
                "attrib, spaCy's attribute_ruler", "bare spaCy, 1 process", "rate_median"
            ),
            "throughput_stock_ruler_cpu_paired": statistics.median(
                b / a for b, a in zip(cpu["bare spaCy, 1 process"], cpu["attrib, spaCy's attribute_ruler"], strict=True)
            ),
            "throughput_with_html": ratio("attrib audit + HTML, 1 process", "bare spaCy, 1 process", "rate_best"),
            "two_processes": ratio("attrib audit, 2 processes", "attrib audit, 1 process", "rate_best"),
            "two_processes_median": ratio("attrib audit, 2 processes", "attrib audit, 1 process", "rate_median"),
            "two_processes_cpu_bound": 2 * total_one / total_two,
            "bare_two_processes": ratio("bare spaCy, 2 processes", "bare spaCy, 1 process", "rate_best"),
            "spacy_n_process_two": ratio("attrib, spaCy n_process=2 (alt.)", "attrib audit, 1 process", "rate_best"),
        },
    }


def bench_cold(text: str, model: str, repeats: int, corpus_dir: Path, batch: int) -> dict[str, Any]:
    """Cold single-file runs and peak RSS, each in a fresh subprocess."""
    python = sys.executable
    attrib = str(Path(python).with_name("attrib"))
    with tempfile.TemporaryDirectory() as work:
        article = Path(work) / "one.txt"
        article.write_text(text, encoding="utf-8")
        bare_code = f"import spacy; spacy.load({model!r})(open({str(article)!r}, encoding='utf-8').read())"
        single = {"bare": [python, "-c", bare_code], "attrib": [attrib, "audit", str(article)]}
        corpus_code = (
            f"import spacy, pathlib; nlp = spacy.load({model!r}); "
            f"list(nlp.pipe((p.read_text(encoding='utf-8') for p in "
            f"sorted(pathlib.Path({str(corpus_dir)!r}).glob('*.txt'))), batch_size={batch}))"
        )
        corpus = {
            "bare": [python, "-c", corpus_code],
            "attrib": [attrib, "audit", "--no-html", "-q", *map(str, sorted(corpus_dir.glob("*.txt")))],
        }
        run_child(single["attrib"], cwd=work)  # warm the OS file cache for both sides
        run_child(single["bare"], cwd=work)
        cold: dict[str, list[tuple[float, int]]] = {"bare": [], "attrib": []}
        for _ in range(repeats):
            for side in ("bare", "attrib"):
                cold[side].append(run_child(single[side], cwd=work))
        whole = {side: run_child(argv, cwd=work) for side, argv in corpus.items()}
    best = {side: min(t for t, _ in runs) for side, runs in cold.items()}
    median = {side: statistics.median(t for t, _ in runs) for side, runs in cold.items()}
    rss = {side: max(r for _, r in runs) for side, runs in cold.items()}
    return {
        "cold_s": {"best": best, "median": median},
        "peak_rss_kib": {"single": rss, "corpus": {side: value[1] for side, value in whole.items()}},
        "corpus_wall_s": {side: value[0] for side, value in whole.items()},
        "ratios": {
            "cold_start": best["attrib"] / best["bare"],
            "cold_start_median": median["attrib"] / median["bare"],
            "peak_rss": rss["attrib"] / rss["bare"],
            "peak_rss_corpus": whole["attrib"][1] / whole["bare"][1],
        },
    }


def _warm_worker() -> None:
    """Load the model on a Dask worker (returns nothing, so no pipeline travels back)."""
    from attrib.pipeline import load_nlp

    load_nlp()


def _worker_cpu() -> float:
    """CPU seconds a Dask worker process has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_dask(corpus: list[tuple[str, str]], repeats: int) -> dict[str, Any]:
    """attrib batch's Dask graph on LocalCluster(1 worker) vs LocalCluster(2 workers).

    Besides wall time, each worker's CPU time per run is read, so the figure
    can be told apart from a busy machine: with two free cores a run cannot
    be faster than its busiest worker's CPU time plus what the one-worker run
    spent outside the worker (scheduling, reading, collecting results).
    """
    try:
        import logging

        import pandas as pd
        from dask.distributed import Client, LocalCluster
    except ImportError:
        return {"skipped": "needs the [dask] extra: pip install 'attrib[dask]'"}
    from attrib.batch import dask_results, open_archive

    times: dict[int, list[float]] = {}
    cpu: dict[int, list[list[float]]] = {}  # workers -> per run, each worker's CPU seconds
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "corpus.parquet"
        pd.DataFrame({"id": [n for n, _ in corpus], "text": [t for _, t in corpus]}).to_parquet(path, index=False)
        archive = open_archive(str(path))
        for workers in (1, 2):
            with (
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(_warm_worker)  # steady-state throughput, not model loading

                def graph(round_: int) -> Any:
                    # max_chars differs per round only to give each round fresh task keys, so
                    # no round can reuse results the scheduler still holds from the last one.
                    return dask_results(archive, set(archive.ids), workers=2, model=None, max_chars=200_000 + round_)

                graph(-1).compute()  # first tasks import attrib.batch and pandas on the workers
                partitions = graph(-1).npartitions
                times[workers], cpu[workers] = [], []
                for round_ in range(repeats):
                    before = client.run(_worker_cpu)
                    times[workers].append(timed(lambda round_=round_: graph(round_).compute()))
                    after = client.run(_worker_cpu)
                    cpu[workers].append(sorted(after[w] - before[w] for w in after))
    fastest = {workers: min(range(repeats), key=lambda r: times[workers][r]) for workers in times}
    outside = times[1][fastest[1]] - sum(cpu[1][fastest[1]])  # the one-worker run's time outside the worker
    free_cores = times[1][fastest[1]] / (max(cpu[2][fastest[2]]) + max(outside, 0.0))
    return {
        "seconds": {str(k): v for k, v in times.items()},
        "worker_cpu_s": {str(k): v for k, v in cpu.items()},
        "partitions": partitions,
        "ratios": {
            "dask_two_workers": min(times[1]) / min(times[2]),
            "dask_two_workers_median": statistics.median(times[1]) / statistics.median(times[2]),
            "dask_two_workers_cpu_bound": free_cores,
        },
    }


# -- report ----------------------------------------------------------------------------------------


def verdict(name: str, value: float) -> str:
    target = TARGETS.get(name.removesuffix("_cpu"))
    if target is None:
        return ""
    ok = value <= target if name in ("cold_start", "peak_rss") else value >= target
    bound = "<=" if name in ("cold_start", "peak_rss") else ">="
    return f"target {bound} {target:.2f}: {'met' if ok else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpus, fewer repeats")
    parser.add_argument("--repeats", type=int, default=None, help="rounds per timing (default 3, quick 2)")
    parser.add_argument("--batch-size", type=int, default=16, help="texts per nlp.pipe batch, both sides")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask measurement")
    parser.add_argument("--json", metavar="PATH", help="also write every figure as JSON")
    args = parser.parse_args()
    repeats = args.repeats or (2 if args.quick else 3)
    corpus = build_corpus(
        seed_copies=5 if args.quick else 20, synthetic=30 if args.quick else 80, long=2 if args.quick else 4
    )
    model = model_package()
    import spacy

    from attrib import __version__

    print(f"attrib {__version__}, spaCy {spacy.__version__}, model {model}, Python {sys.version.split()[0]}")
    print(f"machine: {os.cpu_count()} CPUs reported by os.cpu_count(); load average at start {os.getloadavg()[0]:.2f}")
    chars = sum(len(t) for _, t in corpus)
    print(
        f"corpus: {len(corpus)} articles, {chars} characters ({len(SEEDS)} seeds x "
        f"{5 if args.quick else 20} + synthetic, {2 if args.quick else 4} of them long, "
        f"{max(len(t) for _, t in corpus)} characters the longest); {repeats} interleaved rounds per timing\n"
    )

    results: dict[str, Any] = {"cpus": os.cpu_count(), "model": model, "docs": len(corpus), "chars": chars}
    results["throughput"] = bench_throughput(corpus, model, repeats, args.batch_size)
    print(f"{'case':34} {'best s':>8} {'median s':>9} {'k chars/s':>10} {'cpu s':>7}")
    for r in results["throughput"]["rows"]:
        print(f"{r['case']:34} {r['best_s']:8.2f} {r['median_s']:9.2f} {r['rate_best']:10.1f} {r['cpu_best_s']:7.2f}")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in corpus:
            (Path(folder) / name).write_text(text, encoding="utf-8")
        results["cold"] = bench_cold(
            SEEDS[0].read_text(encoding="utf-8"), model, repeats + 2, Path(folder), args.batch_size
        )
    cold = results["cold"]
    print(
        f"\ncold single file ({SEEDS[0].name}): bare load+parse {cold['cold_s']['best']['bare']:.2f} s, "
        f"attrib audit {cold['cold_s']['best']['attrib']:.2f} s (best); medians "
        f"{cold['cold_s']['median']['bare']:.2f} / {cold['cold_s']['median']['attrib']:.2f} s"
    )
    rss = cold["peak_rss_kib"]
    print(
        f"peak RSS single file: bare {rss['single']['bare'] / 1024:.0f} MiB, "
        f"attrib {rss['single']['attrib'] / 1024:.0f} MiB; whole corpus: bare {rss['corpus']['bare'] / 1024:.0f} "
        f"MiB, attrib {rss['corpus']['attrib'] / 1024:.0f} MiB"
    )
    if not args.no_dask:
        results["dask"] = bench_dask(corpus, repeats)
        if "skipped" in results["dask"]:
            print(f"\ndask: skipped ({results['dask']['skipped']})")
        else:
            seconds, cpu = results["dask"]["seconds"], results["dask"]["worker_cpu_s"]
            split = " + ".join(f"{c:.2f}" for c in cpu["2"][seconds["2"].index(min(seconds["2"]))])
            print(
                f"\ndask LocalCluster, model preloaded, {results['dask']['partitions']} partitions: "
                f"1 worker {min(seconds['1']):.2f} s, 2 workers {min(seconds['2']):.2f} s (best of {repeats}); "
                f"workers' CPU in that 2-worker run {split} s; load average now {os.getloadavg()[0]:.2f}"
            )

    ratios = {**results["throughput"]["ratios"], **cold["ratios"], **results.get("dask", {}).get("ratios", {})}
    results["ratios"] = ratios
    print("\nratios (best run; median in brackets)")
    pairs = [
        ("throughput", "full audit / bare spaCy throughput"),
        ("throughput_cpu", "full audit / bare spaCy, by CPU time"),
        ("throughput_cpu_paired", "  by CPU time, each round paired (median)"),
        ("throughput_stock_ruler", "  the same, attrib on spaCy's attribute_ruler"),
        ("throughput_stock_ruler_cpu_paired", "    by CPU time, each round paired (median)"),
        ("throughput_with_html", "audit + HTML / bare spaCy throughput"),
        ("two_processes", "attrib 2 processes / 1 process"),
        ("two_processes_cpu_bound", "  best possible on 2 free cores (by CPU time)"),
        ("bare_two_processes", "bare spaCy 2 processes / 1 process"),
        ("spacy_n_process_two", "attrib via spaCy n_process=2 / 1 process"),
        ("cold_start", "cold `attrib audit one.txt` / bare load+parse"),
        ("peak_rss", "peak RSS attrib / bare, single file"),
        ("peak_rss_corpus", "peak RSS attrib / bare, whole corpus"),
        ("dask_two_workers", "Dask 2 workers / 1 worker"),
        ("dask_two_workers_cpu_bound", "  best possible on 2 free cores (by CPU time)"),
    ]
    for key, label in pairs:
        if key in ratios:
            median = ratios.get(f"{key}_median")
            extra = f" [{median:.2f}]" if median is not None else ""
            print(f"  {label:48} {ratios[key]:5.2f}x{extra}  {verdict(key, ratios[key])}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\n(bench process peak RSS {peak / 1024:.0f} MiB; load average at end {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()

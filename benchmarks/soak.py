"""Soak `audit_text` and the readers with hostile, generated input (issue 19); not part of CI.

Each example is a seeded random article built from hostile pieces (punctuation
floods, entity floods, control and format characters, deep markup, long
tokens, odd whitespace, lone surrogates, random bytes) mixed with news prose.
It is audited with `audit_text` and, encoded as txt/md/html/docx bytes (some of
them damaged), read with `read_bytes`.

A crash is any exception other than the documented ones: `InputError` from a
reader, `ValueError` from `audit_text` for text that is not Unicode (lone
surrogates) or too long. The run reports crashes, the slowest input of each
kind and the total time, and exits 1 when there is a crash or an input slower
than --max-seconds.

    PYTHONPATH=. python benchmarks/soak.py --examples 10000 --seed 19
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections.abc import Callable

PROSE = [
    "Officials said the plan had failed.",
    "A senior administration official, who spoke on condition of anonymity, said talks would resume.",
    "According to Reuters, the company cut 300 jobs.",
    "Mayor Ana Ruiz said the bridge would reopen on Friday.",
    "The bridge was built in 1961.",
    "People familiar with the matter said the deal was close.",
    '"We are not going anywhere," said Tom Baker, a union steward.',
    "The report, published Tuesday by the state auditor, found gaps.",
    "Sources say it is over.",
    "Critics argue the policy is misguided, experts say.",
]
PUNCTUATION = "!?.,;:'\"()[]{}<>@#$%^&*_-+=~`|\\/"
ODD = [
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\r",
    "\t",
    "\x1b[31m",
    "\x00",
    "\x07",
    "\u0301",
    "\U0001f600",
    "\ufffd",
    "\u00ad",
]
TAGS = [
    "b",
    "i",
    "em",
    "span",
    "div",
    "p",
    "blockquote",
    "li",
    "a",
    "td",
    "section",
    "h2",
    "figcaption",
    "code",
    "script",
    "del",
    "nav",
]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&#x1F600;", "&copy", "&bogus;", "&#0;", "&#xD800;"]


def piece(rng: random.Random) -> str:
    kind = rng.randrange(12)
    if kind == 0:
        return rng.choice(PUNCTUATION) * rng.choice([5, 60, 200, 2000, 8000])
    if kind == 1:
        return "".join(rng.choice(PUNCTUATION) for _ in range(rng.randrange(1, 3000)))
    if kind == 2:
        return "".join(rng.choice(ODD) for _ in range(rng.randrange(1, 40)))
    if kind == 3:
        return rng.choice(ENTITIES) * rng.randrange(1, 3000)
    if kind == 4:
        depth = rng.choice([3, 50, 199, 260, 600])
        tag = rng.choice(TAGS)
        return f"<{tag}>" * depth + rng.choice(PROSE) + f"</{tag}>" * rng.randrange(depth + 1)
    if kind == 5:
        depth = rng.choice([3, 30, 60, 120])
        return "".join("  " * i + "- " + rng.choice(PROSE) + "\n" for i in range(depth)) + "\n"
    if kind == 6:
        return ">" * rng.choice([2, 40, 120]) + " " + rng.choice(PROSE) + "\n\n"
    if kind == 7:
        return "x" * rng.choice([50, 5000]) + rng.choice(["", ".", "!", "'s"])
    if kind == 8:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 500)))
    if kind == 9:
        return rng.choice(["\n" * 500, " " * 3000, "\t\n \r\n" * 200, "\r" * 100])
    if kind == 10:
        return "*" * rng.randrange(1, 40) + rng.choice(PROSE) + "_" * rng.randrange(1, 40) + "[" * rng.randrange(200)
    return " ".join(rng.choice(PROSE) for _ in range(rng.randrange(1, 12)))


def article(rng: random.Random) -> str:
    parts = [piece(rng) for _ in range(rng.randrange(1, 6))]
    text = rng.choice([" ", "\n", "\n\n", ""]).join(parts)
    if rng.random() < 0.02:
        text += "\udcff"  # a lone surrogate: audit_text must say ValueError, clearly
    return text[: rng.choice([1_000, 3_000, 3_000, 12_000])]


def as_bytes(rng: random.Random, text: str) -> tuple[str, bytes]:
    fmt = rng.choice(["txt", "md", "html", "docx"])
    encoded = (
        text.encode(rng.choice(["utf-8", "utf-8", "utf-16-le", "utf-16", "cp1252"]), "replace")
        if fmt != "docx"
        else b""
    )
    if fmt == "html" and rng.random() < 0.5:
        encoded = b"<html><body><p>" + encoded + b"</p></body></html>"
    if fmt == "docx":
        encoded = docx_bytes(rng, text)
    if rng.random() < 0.1:  # damage: flip, cut or splice random bytes
        data = bytearray(encoded)
        for _ in range(rng.randrange(1, 20)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        encoded = bytes(data[: rng.randrange(len(data) + 1)]) if rng.random() < 0.3 else bytes(data)
    if rng.random() < 0.03:
        encoded = rng.randbytes(rng.randrange(1, 5000))
    return f"soak.{fmt}", encoded


def docx_bytes(rng: random.Random, text: str) -> bytes:
    from xml.sax.saxutils import escape

    from tests.hostile_samples import docx_with_body

    clean = "".join(c for c in text if c in "\t\n\r" or (" " <= c < "\ud800") or ("\ue000" <= c <= "\ufffd"))
    runs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in clean.split("\n")
    )
    depth = rng.choice([0, 0, 5, 300]) if rng.random() < 0.2 else 0  # tracked insertions inside each other
    return docx_with_body('<w:ins w:id="1" w:author="x">' * depth + runs + "</w:ins>" * depth)


def timed(call: Callable[[], object]) -> tuple[float, BaseException | None]:
    started = time.perf_counter()
    try:
        call()
        error = None
    except BaseException as caught:
        if isinstance(caught, KeyboardInterrupt):
            raise
        error = caught
    return time.perf_counter() - started, error


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--max-seconds", type=float, default=5.0)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    from attrib.inputs import InputError, read_bytes
    from attrib.pipeline import audit_text, load_nlp

    load_nlp()
    rng = random.Random(args.seed)
    crashes: list[dict[str, object]] = []
    slowest = {"audit_text": (0.0, -1), "read_bytes": (0.0, -1)}
    refused = {"audit_text": 0, "read_bytes": 0}
    started = time.perf_counter()
    for index in range(args.examples):
        text = article(rng)
        name, data = as_bytes(rng, text)
        for kind, call, allowed in (
            ("audit_text", lambda text=text: audit_text(text), ValueError),
            ("read_bytes", lambda data=data, name=name: read_bytes(data, path=name), InputError),
        ):
            seconds, error = timed(call)
            if seconds > slowest[kind][0]:
                slowest[kind] = (seconds, index)
            if error is None:
                continue
            if isinstance(error, allowed) and (
                kind == "read_bytes" or "surrogate" in str(error) or "at most" in str(error)
            ):
                refused[kind] += 1
                continue
            crashes.append(
                {
                    "kind": kind,
                    "example": index,
                    "format": name,
                    "error": repr(error)[:300],
                    "trace": traceback.format_exception(error)[-3:],
                }
            )
        if (index + 1) % 1000 == 0:
            print(
                f"... {index + 1} examples, {len(crashes)} crashes, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    figures = {
        "examples": args.examples,
        "seed": args.seed,
        "crashes": len(crashes),
        "refused": refused,
        "slowest_seconds": {kind: round(value[0], 3) for kind, value in slowest.items()},
        "slowest_example": {kind: value[1] for kind, value in slowest.items()},
        "total_seconds": round(time.perf_counter() - started, 1),
        "first_crashes": crashes[:10],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    too_slow = max(value[0] for value in slowest.values()) > args.max_seconds
    return 1 if crashes or too_slow else 0


if __name__ == "__main__":
    sys.exit(main())

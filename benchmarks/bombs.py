"""Time and peak memory of reading each input bomb, one fresh process per bomb (issue 19); not part of CI.

Every bomb is built at (or just past) the limit that refuses it, so the
figures are the worst a refused input costs. Target: under ~1 GB each.

    PYTHONPATH=. python benchmarks/bombs.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from attrib.inputs import InputError, read_bytes
name, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
started = time.perf_counter()
try:
    read_bytes(data, path=name)
    outcome = "accepted"
except InputError as error:
    outcome = error.reason[:90]
print(json.dumps({"seconds": round(time.perf_counter() - started, 2), "outcome": outcome,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def bombs() -> dict[str, tuple[str, bytes]]:
    from attrib.inputs import limits
    from tests.hostile_samples import docx_with_body as docx

    html_room = limits.HTML_MAX_BYTES - 64
    xml_room = limits.DOCX_MAX_XML_BYTES - 1024 * 1024  # just under the XML bound: parsed, then stopped at max-chars
    paragraph = "<w:p><w:r><w:t>Officials said it. </w:t></w:r></w:p>"
    return {
        "html: 8 MiB of words": ("x.html", (b"<p>" + b"word " * (html_room // 5))[:html_room]),
        "html: 8 MiB of <b> elements": ("x.html", (b"<p>" + b"<b>w</b> " * (html_room // 9))[:html_room]),
        "html: 8 MiB of entities": ("x.html", (b"<p>" + b"&amp;" * (html_room // 5))[:html_room]),
        "html: 8 MiB of comments": ("x.html", (b"<!-- x -->" * (html_room // 10)) + b"a"),
        "html: 3000 nested elements": ("x.html", b"<b>" * 3000 + b"officials said" + b"</b>" * 3000),
        "html: over the byte bound": ("x.html", b"<p>a</p>" + b" " * limits.HTML_MAX_BYTES),
        "docx: XML just under 32 MiB": ("x.docx", docx(paragraph * (xml_room // len(paragraph)))),
        "docx: XML past 32 MiB (zip bomb)": (
            "x.docx",
            docx(paragraph * (limits.DOCX_MAX_XML_BYTES // len(paragraph) + 1)),
        ),
        "docx: one 30 MB paragraph": ("x.docx", docx("<w:p><w:r><w:t>" + "word " * 6_000_000 + "</w:t></w:r></w:p>")),
        "md: 800 KB of brackets": ("x.md", b"[" * 800_000),
        "md: brackets at the source cap": ("x.md", b"[" * (limits.MARKDOWN_SOURCE_RATIO * 200_000)),
        "md: emphasis at the source cap": ("x.md", b"*a " * (limits.MARKDOWN_SOURCE_RATIO * 200_000 // 3)),
        "md: 200-deep list": ("x.md", "".join("  " * i + "- item\n" for i in range(200)).encode()),
        "txt: 800 KB of '!'": ("x.txt", b"!" * 800_000),
    }


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    workdir = Path("/tmp/attrib-bombs")
    workdir.mkdir(exist_ok=True)
    results = {}
    for label, (name, data) in bombs().items():
        path = workdir / f"bomb{len(results)}"
        path.write_bytes(data)
        done = subprocess.run(
            [sys.executable, "-c", CHILD, name, str(path)],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
            timeout=600,
        )
        figures = json.loads(done.stdout) if done.returncode == 0 else {"crash": done.stderr[-300:]}
        figures["file_bytes"] = len(data)
        results[label] = figures
        print(f"{label:36} {json.dumps(figures)}", flush=True)
        path.unlink()
    worst = max((r.get("peak_mb", 10**6) for r in results.values()), default=0)
    print(f"worst peak: {worst} MB; slowest: {max(r.get('seconds', 0) for r in results.values())} s")
    return 0 if worst < 1024 else 1


if __name__ == "__main__":
    sys.exit(main())

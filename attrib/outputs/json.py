"""`-f json` (one document) and `-f jsonl` (one ArticleAudit per line).

Both carry every finding, suppressed ones included (with their suppression),
so tools see the complete record; `--min-severity` affects only what people see.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from attrib import __version__
from attrib.outputs import Options, Run
from attrib.records import SCHEMA_VERSION, ArticleAudit

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, **options: Any) -> str:
    """`json.dumps` with non-ASCII kept, but lone surrogates written as ``\\udcff`` escapes.

    A file name with bytes that are not UTF-8 reaches Python as lone surrogates
    (``os.fsdecode``); written raw, they would make the output invalid UTF-8.
    A surrogate can only stand inside a JSON string, so escaping it there is safe.
    """
    text = json.dumps(value, ensure_ascii=False, **options)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def audits_json(audits: Sequence[ArticleAudit]) -> str:
    """The `--format json` document: byte-identical for identical input."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "attrib_version": __version__,
        "files": [audit.to_dict() for audit in audits],
    }
    return dumps(document, indent=2) + "\n"


def render(run: Run, options: Options) -> str:
    """One JSON object: `{schema_version, attrib_version, files: [ArticleAudit]}`."""
    return audits_json([result.audit for result in run.files])


def render_lines(run: Run, options: Options) -> str:
    """JSON Lines: one ArticleAudit object per line, in input order."""
    return "".join(dumps(result.audit.to_dict()) + "\n" for result in run.files)

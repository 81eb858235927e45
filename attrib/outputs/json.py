"""`-f json` (one document) and `-f jsonl` (one ArticleAudit per line).

Both carry every finding, suppressed ones included (with their suppression),
so tools see the complete record; `--min-severity` affects only what people see.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from attrib import __version__
from attrib.outputs import Options, Run
from attrib.records import SCHEMA_VERSION, ArticleAudit


def audits_json(audits: Sequence[ArticleAudit]) -> str:
    """The `--format json` document: byte-identical for identical input."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "attrib_version": __version__,
        "files": [audit.to_dict() for audit in audits],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(run: Run, options: Options) -> str:
    """One JSON object: `{schema_version, attrib_version, files: [ArticleAudit]}`."""
    return audits_json([result.audit for result in run.files])


def render_lines(run: Run, options: Options) -> str:
    """JSON Lines: one ArticleAudit object per line, in input order."""
    return "".join(json.dumps(result.audit.to_dict(), ensure_ascii=False) + "\n" for result in run.files)

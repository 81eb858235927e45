"""attrib: source attribution and anonymity auditing for news writing.

Public API:
    audit_text(text, path="<text>") -> ArticleAudit
    audit_path(path) -> ArticleAudit

The API is imported lazily so that spaCy-free modules (records, evaluate,
render) can be used without loading spaCy.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "audit_text", "audit_path"]


def __getattr__(name: str) -> Any:
    if name in ("audit_text", "audit_path"):
        from attrib import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'attrib' has no attribute {name!r}")

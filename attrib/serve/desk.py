"""The review desk's audit service: one config, one model, a worker pool and this session's history.

The model is loaded once, before the pool starts; the workers are forked from
this process and inherit it. Each audit (reading the bytes, the pipeline, the
config and suppressions, the JSON and the report) runs in a worker, so the
event loop only moves bytes. The result is the same `attrib audit -f json`
document the CLI writes for the same input and config. Nothing is written to
disk: uploads arrive as bytes, and the history is a bounded dict in memory.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import multiprocessing
import re
import secrets
import signal
import time
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from attrib.config import Config
from attrib.inputs import InputError, Text, read_bytes
from attrib.records import ArticleAudit

# Audits kept for the history list (oldest dropped first); each holds its JSON and report.
HISTORY_SIZE = 50
# Seconds an audit may take before the request gets 504 (max-chars bounds the real work).
AUDIT_SECONDS = 120.0
# Audits waiting or running per worker before new requests get 503.
QUEUE_PER_WORKER = 8
# Read and audited once at start-up: starts every worker and yields the report's script hashes.
WARM_UP_TEXT = b"The mayor said the bridge will reopen on Monday.\n"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class Outcome:
    """What one audit request produced: the documents, or why there are none.

    Attributes:
        status: the HTTP status to answer with (200, 400, 413, 500, 503, 504).
        error: one line saying why the input was refused (None when status is 200).
        document: the `attrib audit -f json` document for the input.
        report: the HTML report (the CLI's template), when asked for.
        reviewed: the reviewed copy `attrib annotate` writes (a .docx with a comment per
            finding, or a .md/.txt with notes), when a report was asked for and the format has one.
        reviewed_note: why there is no reviewed copy, when annotating the draft failed.
        failures: why the audit fails the policy (empty: it passes).
        score: the transparency score (None: no scored sentence).
        counts: sentences per label.
        findings: unsuppressed findings.
        preview: the article's first words, for the history list.
    """

    status: int
    error: str | None = None
    document: str | None = None
    report: str | None = None
    reviewed: bytes | None = None
    reviewed_note: str | None = None
    failures: tuple[str, ...] = ()
    score: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    preview: str = ""

    @property
    def verdict(self) -> str:
        return "fail" if self.failures else "pass"


def refused(status: int, error: str) -> Outcome:
    return Outcome(status=status, error=error)


# -- in the worker processes ---------------------------------------------------------------
# The pipeline and config of a worker, set once when it starts (inherited from the server by fork).
_worker_state: tuple[Any, Config] | None = None


def _start_worker(nlp: Any, config: Config) -> None:
    global _worker_state
    # Ctrl-C reaches the whole process group; the server alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state = (nlp, config)


def audit_bytes(nlp: Any, config: Config, data: bytes, name: str, report: bool) -> Outcome:
    """Read, audit and render one input exactly as `attrib audit -f json` does.

    Args:
        nlp: the pipeline from `load_nlp(config.model, config.vocab_items())`.
        config: the settings that apply (policy, selection, severities, weights, max-chars).
        data: the file's bytes (pasted text as UTF-8).
        name: the name to report; its extension picks the reader, as `--stdin-filename` does.
        report: also render the HTML report and the reviewed copy (the desk's pages want them).
    """
    from attrib.outputs.html import render_html
    from attrib.outputs.json import audits_json
    from attrib.pipeline import AuditFailure, Policy, audit_many

    try:
        text = read_bytes(data, path=name, max_chars=config.max_chars)
    except InputError as err:
        return refused(413 if err.reason.startswith("too large") else 400, str(err))
    except Exception as err:  # noqa: BLE001  (a reader's failure is one line, never a traceback)
        return refused(400, f"{InputError(name, f'cannot read: {type(err).__name__}')}")
    # The one pass `attrib audit` makes: labels, register, checks, the config's policy
    # (select/ignore, severities, inline markers, per-file-ignores), then the score.
    audit = next(audit_many(nlp, [text], options=lambda _: {"policy": Policy(config)}))
    if isinstance(audit, AuditFailure):
        return refused(500, str(audit))
    active = [f for f in audit.findings if f.suppression is None]
    first = " ".join(audit.sentences[0].span.text.split()) if audit.sentences else ""
    reviewed, reviewed_note = reviewed_copy(nlp, config, data, text, audit) if report else (None, None)
    return Outcome(
        status=200,
        document=audits_json([audit]),
        report=render_html(audit, config.fail_policy()) if report else None,
        reviewed=reviewed,
        reviewed_note=reviewed_note,
        failures=config.failures(audit),
        score=audit.score.value,
        counts=audit.counts(),
        findings=len(active),
        preview=first if len(first) <= 90 else first[:89].rstrip() + "\u2026",
    )


def reviewed_copy(
    nlp: Any, config: Config, data: bytes, text: Text, audit: ArticleAudit
) -> tuple[bytes | None, str | None]:
    """The copy `attrib annotate` writes for this draft, or why there is none.

    Returns:
        (copy, None); (None, None) for a format annotate does not write (HTML, or plain
        text without a .txt name, such as unnamed pasted text); (None, reason) when it failed.
    """
    from attrib.outputs import annotate as writer
    from attrib.outputs.review import review
    from attrib.pipeline import AuditFailure, Policy, audit_many

    if text.format not in writer.FORMATS or (text.format == "txt" and not reviewed_suffix(text.path)):
        return None, None
    try:
        # An earlier reviewed copy dropped again: its old notes go, as `attrib annotate` does.
        clean = writer.clean_draft(data, text.format, path=text.path)
        if clean != data:
            text = read_bytes(clean, path=text.path, max_chars=config.max_chars)
            redone = next(audit_many(nlp, [text], options=lambda _: {"policy": Policy(config)}))
            if isinstance(redone, AuditFailure):
                return None, str(redone)
            audit = redone
        return writer.annotated_copy(clean, text, audit, review(audit, config.fail_policy())), None
    except InputError as err:
        return None, str(err)


def reviewed_suffix(name: str) -> str | None:
    """The extension of a draft `attrib annotate` writes a copy of (.docx, .md, .txt), or None."""
    suffix = PurePath(name).suffix.lower()
    return suffix if suffix in (".docx", ".md", ".markdown", ".txt", ".text") else None


def _work(data: bytes, name: str, report: bool) -> Outcome:
    assert _worker_state is not None, "worker not started"
    return audit_bytes(*_worker_state, data, name, report)


# -- in the server process -------------------------------------------------------------------


def _child_pids() -> set[int]:
    return {child.pid for child in multiprocessing.active_children() if child.pid is not None}


@dataclass(frozen=True)
class Entry:
    """One audit in this session's history."""

    id: str
    name: str
    created: str
    outcome: Outcome


class Desk:
    """The audit service behind the pages and the API.

    Args:
        nlp: the loaded pipeline (loaded once, by the caller, before `start`).
        config: the effective settings (`Resolver.for_path`), as `attrib audit` finds them.
        model: the model's name as shown in reports.
        jobs: worker processes.
        timeout: seconds one audit may take.
        history_size: audits kept in memory.
    """

    def __init__(
        self,
        nlp: Any,
        config: Config,
        *,
        model: str,
        jobs: int = 1,
        timeout: float = AUDIT_SECONDS,
        history_size: int = HISTORY_SIZE,
    ) -> None:
        self.nlp = nlp
        self.config = config
        self.model = model
        self.jobs = jobs
        self.timeout = timeout
        self.history_size = history_size
        self.queue_limit = QUEUE_PER_WORKER * jobs
        self.history: OrderedDict[str, Entry] = OrderedDict()
        self.script_hashes: tuple[str, ...] = ()
        self._pool: ProcessPoolExecutor | None = None
        self._workers: set[int] = set()  # the pool's process ids, to stop exactly these
        self._waiting = 0

    # -- life cycle --------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers (forked now, before any server thread) and audit the warm-up text.

        Raises:
            RuntimeError: the warm-up audit failed.
        """
        self._pool = self._new_pool()
        warm = self._submit(WARM_UP_TEXT, "warm-up.txt", True).result()
        if warm.status != 200 or warm.report is None:
            raise RuntimeError(f"the warm-up audit failed: {warm.error}")
        # The report's own scripts, as the template renders them: a Content-Security-Policy
        # that allows only these keeps any script an article might smuggle in from running.
        self.script_hashes = tuple(
            sorted(
                {
                    "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
                    for body in _INLINE_SCRIPT.findall(warm.report)
                }
            )
        )

    def _new_pool(self) -> ProcessPoolExecutor:
        # fork: the workers share the loaded model instead of loading it again.
        self._workers = set()
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(self.nlp, self.config),
        )

    def _submit(self, data: bytes, name: str, report: bool) -> Future[Outcome]:
        assert self._pool is not None
        # With fork the pool starts all its workers on its first task, here and now:
        # the children that appear are this pool's (another desk's workers were there before).
        before = None if self._workers else _child_pids()
        future = self._pool.submit(_work, data, name, report)
        if before is not None:
            self._workers = _child_pids() - before
        return future

    def close(self) -> None:
        """Stop this desk's workers at once, a running audit included (its answer is no longer wanted)."""
        if self._pool is None:
            return
        self._pool.shutdown(wait=False, cancel_futures=True)
        mine = [child for child in multiprocessing.active_children() if child.pid in self._workers]
        for child in mine:
            child.terminate()
        for child in mine:
            child.join(timeout=5)
        self._pool = None

    # -- audits ------------------------------------------------------------------------------
    async def audit(self, data: bytes, name: str, *, report: bool) -> Outcome:
        """Audit one input in a worker; never raises for bad input, a slow audit or a dead worker."""
        if self._pool is None:
            raise RuntimeError("Desk.start() was not called")
        if self._waiting >= self.queue_limit:
            waiting = f"not audited: {self._waiting} audits are waiting; try again shortly"
            return refused(503, str(InputError(name, waiting)))
        self._waiting += 1
        try:
            return await asyncio.wait_for(asyncio.wrap_future(self._submit(data, name, report)), self.timeout)
        except TimeoutError:
            return refused(504, str(InputError(name, f"not audited: the audit took longer than {self.timeout:g} s")))
        except BrokenProcessPool:  # a worker died (killed, out of memory): start a fresh pool
            self._pool = self._new_pool()
            return refused(500, str(InputError(name, "cannot audit: a worker process died")))
        finally:
            self._waiting -= 1

    def remember(self, name: str, outcome: Outcome) -> Entry:
        """Add a successful audit to the history (memory only) and return its entry."""
        entry = Entry(id=secrets.token_urlsafe(12), name=name, created=time.strftime("%H:%M:%S"), outcome=outcome)
        self.history[entry.id] = entry
        while len(self.history) > self.history_size:
            self.history.popitem(last=False)
        return entry

    def recent(self) -> list[Entry]:
        """The history, newest first."""
        return list(reversed(self.history.values()))

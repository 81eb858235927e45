"""Corpus-scale auditing: per-article summary rows, and archives on pandas or Dask.

- `summary_csv` / `summary_jsonl`: one row per audited article (path, score,
  grade and its rubric word, counts per label, findings per code) for `attrib audit --summary-csv/-jsonl`.
- `audit_frame(df) -> df`: the pure function over a pandas batch behind
  `attrib batch`. Every engine runs this same function (the local loop here,
  Dask's `map_partitions`; Spark's `mapInPandas` or Ray's `map_batches` could
  too), so engines agree row for row.
- `run_batch`: read an archive (a Parquet file with `id`, `text` and an
  optional `format` column, or a folder of article files), skip the ids
  already written to OUT, audit the rest and add Parquet parts to OUT.

The model is loaded once per process by the cached `load_nlp`; only its name
travels in a Dask task graph, never the pipeline. pandas, pyarrow and dask are
the optional extra `attrib[dask]` and are imported only when needed.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from attrib.errors import BatchError, first_line, one_line
from attrib.inputs import DEFAULT_MAX_CHARS, EXTENSIONS, InputError, Text, format_for, not_a_file, read_bytes, read_path
from attrib.outputs.json import dumps as json_dumps
from attrib.records import LABELS, ArticleAudit

# -- corpus summary (attrib audit --summary-csv / --summary-jsonl) ---------------------------

SUMMARY_FIELDS = ("path", "score", "grade", "grade_word", "sentences", *LABELS, "findings")


def _counted_findings(audit: ArticleAudit) -> list[Any]:
    # Suppressed findings are kept in the audit for the record but never counted.
    return [f for f in getattr(audit, "findings", ()) if getattr(f, "suppression", None) is None]


def summary_row(audit: ArticleAudit) -> dict[str, Any]:
    """One article's summary: path, score, grade, sentence count, counts per label, findings.

    Args:
        audit: the article's audit.

    Returns:
        ``{"path", "score", "grade", "grade_word", "sentences", <label>: n ...,
        "findings": n, "findings_by_code": {code: n}}``; score, grade (1-5) and
        grade_word (the rubric's word: exemplary ... poor) are None when nothing
        was scored.
    """
    by_code: dict[str, int] = {}
    for finding in _counted_findings(audit):
        by_code[finding.code] = by_code.get(finding.code, 0) + 1
    return {
        "path": audit.path,
        "score": audit.score.value,
        "grade": audit.score.grade,
        "grade_word": audit.score.grade_word,
        "sentences": len(audit.sentences),
        **audit.counts(),
        "findings": sum(by_code.values()),
        "findings_by_code": dict(sorted(by_code.items())),
    }


def summary_csv(audits: Iterable[ArticleAudit]) -> str:
    """The corpus summary as CSV: one row per article, one column per label and per finding code.

    The code columns are every code found in the corpus, sorted, so a code
    absent from an article reads 0. An unscored article has an empty score and grade.

    Args:
        audits: the audited articles, in output order.

    Returns:
        The CSV text (RFC 4180 quoting, ``\\n`` line ends).
    """
    rows = [summary_row(audit) for audit in audits]
    codes = sorted({code for row in rows for code in row["findings_by_code"]})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*SUMMARY_FIELDS, *codes])
    for row in rows:
        writer.writerow(
            [
                *("" if row[name] is None else _inert(row[name]) for name in SUMMARY_FIELDS),
                *(row["findings_by_code"].get(code, 0) for code in codes),
            ]
        )
    return buffer.getvalue()


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    """A text cell that a spreadsheet shows as text: a leading `'` before formula characters (OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def summary_jsonl(audits: Iterable[ArticleAudit]) -> str:
    """The corpus summary as JSON Lines: one `summary_row` object per article.

    Args:
        audits: the audited articles, in output order.

    Returns:
        One compact JSON object per line, keys in a fixed order.
    """
    return "".join(json_dumps(summary_row(audit)) + "\n" for audit in audits)


# -- archives: audit_frame and the engines ----------------------------------------------------

INPUT_COLUMNS = ("id", "text")  # plus the optional "format"
OUTPUT_COLUMNS = (
    "id",
    "score",
    "n_named",
    "n_anonymous",
    "n_publication",
    "n_unattributed",
    "n_findings",
    "audit_json",
    "error",
)
_OUTPUT_DTYPES = {
    "id": "string",
    "score": "Int64",
    "n_named": "Int64",
    "n_anonymous": "Int64",
    "n_publication": "Int64",
    "n_unattributed": "Int64",
    "n_findings": "Int64",
    "audit_json": "string",
    "error": "string",
}
ENGINES = ("local", "dask")
DASK_HINT = "pip install 'attrib[dask]'"
# Rows per Parquet part written by the local engine, and the most rows a Dask
# partition gets. Each finished part is kept, so an interrupted run loses at
# most one part's work and a rerun picks up from there.
PART_ROWS = 256
_PART_NAME = re.compile(r"^part-(\d{4,})-\d{5,}\.parquet$")

# One pipeline per process, used by one thread at a time: spaCy pipelines are
# not documented as thread-safe, and a Dask worker may run several threads.
_NLP_LOCK = threading.Lock()


@dataclass(frozen=True)
class BatchResult:
    """What one `attrib batch` run did.

    Attributes:
        audited: rows audited and written in this run (failed rows included).
        skipped: rows skipped because OUT already holds their id.
        failures: ``(id, reason)`` of each row written with an error.
        parts: the Parquet files this run added to OUT.
        notes: remarks for people (files in the folder that were skipped).
    """

    audited: int
    skipped: int
    failures: tuple[tuple[str, str], ...] = ()
    parts: tuple[Path, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()


def output_meta() -> Any:
    """An empty DataFrame with `audit_frame`'s columns and dtypes (Dask's ``meta``)."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _OUTPUT_DTYPES.items()})


def audit_frame(df: Any, *, model: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, n_process: int = 1) -> Any:
    """Audit a pandas batch of articles: a pure function of its rows.

    A row that cannot be audited (no text, empty, too large, unknown format,
    a failure inside the pipeline) gets its `error` filled and null results;
    it never fails the batch.

    Args:
        df: columns `id` and `text` (the article), and optionally `format`
            (txt, md, html, ...; by default chosen from the id's extension,
            else txt).
        model: spaCy model name or path, loaded once per process.
        max_chars: longest text accepted, in characters.
        n_process: worker processes (keep 1 inside Dask workers).

    Returns:
        One row per input row, in order, with columns `OUTPUT_COLUMNS`: id,
        score (null when nothing was scored or on error), counts per label,
        n_findings (unsuppressed), audit_json (the ArticleAudit as JSON) and
        error (null on success).
    """
    import pandas as pd

    formats = df["format"] if "format" in df.columns else [None] * len(df)
    items = [
        (str(key), _text_from_row(str(key), text, fmt, max_chars))
        for key, text, fmt in zip(df["id"], df["text"], formats)
    ]
    return pd.DataFrame(_audit_rows(items, model, n_process), columns=list(OUTPUT_COLUMNS)).astype(_OUTPUT_DTYPES)


def audit_files(
    items: Sequence[tuple[str, str]],
    *,
    model: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    n_process: int = 1,
) -> list[dict[str, Any]]:
    """Read and audit article files; the folder counterpart of `audit_frame`.

    Args:
        items: ``(id, path)`` pairs; the id (the path inside the archive
            folder) names the article in the results.
        model: spaCy model name or path.
        max_chars: longest text accepted, in characters.
        n_process: worker processes.

    Returns:
        One output row (a dict with `OUTPUT_COLUMNS`) per file, in order; an
        unreadable file gets its `error` filled.
    """
    read: list[tuple[str, Text | InputError]] = []
    for key, path in items:
        try:
            read.append((key, replace(read_path(path, max_chars=max_chars), path=key)))
        except InputError as error:
            read.append((key, InputError(key, error.reason)))
    return _audit_rows(read, model, n_process)


def _missing(value: Any) -> bool:
    """None, NaN or pandas' NA: how an absent cell arrives from pandas or pyarrow."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ == "NAType"


def _text_from_row(key: str, text: Any, fmt: Any, max_chars: int) -> Text | InputError:
    """Check one archive row and read it with the reader its format names."""
    if _missing(text):
        return InputError(key, "no text")
    if not isinstance(text, str):
        return InputError(key, f"text is {type(text).__name__}, expected a string")
    if _missing(fmt) or fmt == "":
        fmt = format_for(key)
    suffix = next((ext for ext, name in EXTENSIONS.items() if name == fmt), None)
    if suffix is None:
        known = ", ".join(sorted(set(EXTENSIONS.values())))
        return InputError(key, f"unknown format {fmt!r} (expected one of {known})")
    # The readers are chosen by file extension; give the id one when it lacks it.
    name = key if format_for(key) == fmt else key + suffix
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return InputError(key, "text is not valid Unicode (lone surrogate)")
    try:
        return replace(read_bytes(data, path=name, max_chars=max_chars), path=key)
    except InputError as error:
        return InputError(key, error.reason)


def _audit_rows(
    items: Sequence[tuple[str, Text | InputError]], model: str | None, n_process: int
) -> list[dict[str, Any]]:
    from attrib.pipeline import AuditFailure, audit_many, load_nlp

    texts = [item for _, item in items if isinstance(item, Text)]
    with _NLP_LOCK:
        nlp = load_nlp(model) if texts else None
        results = iter(list(audit_many(nlp, texts, n_process=n_process)) if texts else [])
    rows = []
    for key, item in items:
        result: ArticleAudit | AuditFailure | InputError = item if isinstance(item, InputError) else next(results)
        if isinstance(result, ArticleAudit):
            counts = result.counts()
            rows.append(
                {
                    "id": key,
                    "score": result.score.value,
                    **{f"n_{label}": counts[label] for label in LABELS},
                    "n_findings": len(_counted_findings(result)),
                    "audit_json": json_dumps(result.to_dict()),
                    "error": None,
                }
            )
        else:
            rows.append(
                {
                    "id": key,
                    "score": None,
                    **{f"n_{label}": None for label in LABELS},
                    "n_findings": None,
                    "audit_json": None,
                    "error": result.reason,
                }
            )
    return rows


# -- reading the archive and OUT ---------------------------------------------------------------


@dataclass(frozen=True)
class Archive:
    """A checked archive: a Parquet file (with the columns to read) or a folder's files.

    Attributes:
        path: as given.
        parquet: a Parquet file (else a folder).
        columns: the input columns present (id, text and maybe format).
        files: for a folder, ``(id, path)`` of each article file, sorted.
        ids: every id, in archive order.
        notes: remarks for people, e.g. a FIFO in the folder that was skipped.
    """

    path: str
    parquet: bool
    columns: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def open_archive(source: str) -> Archive:
    """Check an archive and list its ids, before anything is audited.

    Raises:
        BatchError: missing, unreadable, not Parquet, columns missing, ids
            missing or repeated, or a folder with no article files.
    """
    path = Path(source)
    if path.is_dir():
        notes: list[str] = []
        files = tuple(_archive_files(path, notes))
        if not files:
            known = ", ".join(sorted(EXTENSIONS))
            raise BatchError(source, f"no article files in this folder (known extensions: {known})")
        return Archive(source, parquet=False, files=files, ids=tuple(key for key, _ in files), notes=tuple(notes))
    if not path.exists():
        raise BatchError(source, "no such file or folder")
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        missing = [name for name in INPUT_COLUMNS if name not in schema.names]
        if missing:
            raise BatchError(source, f"missing column {missing[0]!r} (needs id and text, and optionally format)")
        ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
    except (pa.ArrowException, OSError) as error:
        raise BatchError(source, f"not a readable Parquet file ({first_line(error) or type(error).__name__})") from None
    keys = []
    seen: set[str] = set()
    for row, value in enumerate(ids):
        if value is None:
            raise BatchError(source, f"row {row} has no id")
        key = str(value)
        if key in seen:
            raise BatchError(source, f"duplicate id {key!r} (ids name the results and must be unique)")
        seen.add(key)
        keys.append(key)
    columns = tuple(name for name in (*INPUT_COLUMNS, "format") if name in schema.names)
    return Archive(source, parquet=True, columns=columns, ids=tuple(keys))


def _archive_files(root: Path, notes: list[str]) -> Iterator[tuple[str, str]]:
    """(id, path) of every article file under root, sorted; hidden files and folders skipped.

    A FIFO, device or socket is skipped too (reading a FIFO would hang the run), with a note.
    """
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in EXTENSIONS:
                full = Path(folder) / name
                skipped = not_a_file(full)
                if skipped:
                    notes.append(f"{one_line(str(full))}: {skipped}")
                    continue
                found.append((full.relative_to(root).as_posix(), str(full)))
    yield from sorted(found)


def written_ids(out: str) -> set[str]:
    """The ids OUT already holds (rows with an error included).

    Raises:
        BatchError: OUT is not a folder, or one of its parts cannot be read.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise BatchError(out, "not a folder")
    if not folder.exists():
        return set()
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids: set[str] = set()
    for part in sorted(folder.glob("part-*.parquet")):
        try:
            ids.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
        except (pa.ArrowException, OSError, KeyError) as error:
            raise BatchError(
                str(part),
                f"unreadable result part; remove it and run again ({first_line(error) or type(error).__name__})",
            ) from None
    return ids


def _next_run(out: Path) -> int:
    runs = [int(m.group(1)) for p in out.glob("part-*.parquet") if (m := _PART_NAME.match(p.name))]
    return max(runs, default=0) + 1


def _part_name(run: int, index: int) -> str:
    return f"part-{run:04d}-{index:05d}.parquet"


# -- running --------------------------------------------------------------------------------------


def run_batch(
    source: str,
    out: str,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int = 1,
    model: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> BatchResult:
    """Audit an archive into Parquet parts under OUT, skipping ids already there.

    Args:
        source: a Parquet file (columns id, text, optional format) or a folder
            of article files (ids are their paths inside the folder).
        out: the results folder; each run adds `part-RRRR-NNNNN.parquet` files.
        engine: "local" (this machine, `jobs` worker processes) or "dask".
        scheduler: a Dask scheduler address; without it the dask engine
            starts a local cluster of `jobs` single-threaded worker processes.
        jobs: processes (local) or local Dask workers.
        model: spaCy model name or path, loaded once per process or worker.
        max_chars: longest text accepted, in characters.

    Returns:
        What was audited, skipped and written.

    Raises:
        BatchError: the archive or OUT cannot be used (nothing is written).
        ModelError: the model cannot be loaded.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    archive = open_archive(source)
    done = written_ids(out)
    pending = [key for key in archive.ids if key not in done]
    skipped = len(archive.ids) - len(pending)
    if not pending:
        return BatchResult(audited=0, skipped=skipped, notes=archive.notes)
    folder = Path(out)  # created only once there is something to write
    _remove_stale_temporaries(folder)
    run = _next_run(folder)
    if engine == "dask":
        parts = _run_dask(
            archive, set(pending), folder, run, scheduler=scheduler, jobs=jobs, model=model, max_chars=max_chars
        )
    else:
        parts = _run_local(archive, set(pending), folder, run, jobs=jobs, model=model, max_chars=max_chars)
    return BatchResult(
        audited=len(pending), skipped=skipped, failures=_failures(parts), parts=tuple(parts), notes=archive.notes
    )


def _failures(parts: Sequence[Path]) -> tuple[tuple[str, str], ...]:
    import pyarrow.parquet as pq

    failures: list[tuple[str, str]] = []
    for part in parts:
        table = pq.read_table(part, columns=["id", "error"]).to_pydict()
        failures.extend((key, error) for key, error in zip(table["id"], table["error"]) if error is not None)
    return tuple(failures)


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary part files a killed run (SIGKILL, power loss) could not clean up."""
    for stale in folder.glob(".part-*.parquet.tmp"):
        stale.unlink(missing_ok=True)


def _write_part(frame: Any, path: Path) -> None:
    """Write one part under a temporary name, then rename: a part is whole or absent."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        frame.to_parquet(temporary, index=False)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _run_local(
    archive: Archive, pending: set[str], out: Path, run: int, *, jobs: int, model: str | None, max_chars: int
) -> list[Path]:
    import pandas as pd

    parts = []
    for index, batch in enumerate(_local_batches(archive, pending)):
        if archive.parquet:
            frame = audit_frame(batch, model=model, max_chars=max_chars, n_process=jobs)
        else:
            frame = pd.DataFrame(
                audit_files(batch, model=model, max_chars=max_chars, n_process=jobs), columns=list(OUTPUT_COLUMNS)
            ).astype(_OUTPUT_DTYPES)
        path = out / _part_name(run, index)
        out.mkdir(parents=True, exist_ok=True)
        _write_part(frame, path)
        parts.append(path)
    return parts


def _local_batches(archive: Archive, pending: set[str]) -> Iterator[Any]:
    """PART_ROWS pending rows at a time: DataFrames for Parquet, (id, path) lists for folders."""
    if not archive.parquet:
        files = [item for item in archive.files if item[0] in pending]
        for first in range(0, len(files), PART_ROWS):
            yield files[first : first + PART_ROWS]
        return
    import pandas as pd
    import pyarrow.parquet as pq

    buffered: list[Any] = []
    size = 0
    for record_batch in pq.ParquetFile(archive.path).iter_batches(batch_size=PART_ROWS, columns=list(archive.columns)):
        frame = record_batch.to_pandas()
        frame = frame[frame["id"].map(str).isin(pending)]
        if len(frame):
            buffered.append(frame)
            size += len(frame)
        while size >= PART_ROWS:
            joined = pd.concat(buffered, ignore_index=True)
            yield joined.iloc[:PART_ROWS]
            buffered, size = [joined.iloc[PART_ROWS:]], len(joined) - PART_ROWS
    if size:
        yield pd.concat(buffered, ignore_index=True)


def _run_dask(
    archive: Archive,
    pending: set[str],
    out: Path,
    run: int,
    *,
    scheduler: str | None,
    jobs: int,
    model: str | None,
    max_chars: int,
) -> list[Path]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise BatchError(archive.path, f"the dask engine needs the [dask] extra: {DASK_HINT}") from None
    import logging

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)
    try:
        workers = max(1, sum(client.nthreads().values()))
        frame = dask_results(archive, pending, workers=workers, model=model, max_chars=max_chars)
        return write_parts(frame, out, run)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_parts(frame: Any, out: Path, run: int, *, scheduler: str | None = None) -> list[Path]:
    """Compute a Dask DataFrame of results into `part-RUN-NNNNN.parquet` files, one per partition.

    Each partition goes through `_write_part` (temporary name, then rename), as
    with the local engine, so a worker killed mid-write leaves no 0-byte part
    that would stop the rerun. Empty partitions write nothing.

    Args:
        frame: from `dask_results`.
        out: the results folder (created).
        run: this run's number (`_next_run`).
        scheduler: a dask scheduler name for `dask.compute` ("synchronous" in tests);
            None uses the active client.

    Returns:
        The parts written, in partition order.
    """
    import dask

    out.mkdir(parents=True, exist_ok=True)
    writes = [
        dask.delayed(_write_part_if_rows)(part, out / _part_name(run, index))
        for index, part in enumerate(frame.to_delayed())
    ]
    written = dask.compute(*writes, scheduler=scheduler) if scheduler else dask.compute(*writes)
    return [path for path in written if path is not None]


def _write_part_if_rows(frame: Any, path: Path) -> Path | None:
    if not len(frame):
        return None
    _write_part(frame, path)
    return path


def dask_results(archive: Archive, pending: set[str], *, workers: int, model: str | None, max_chars: int) -> Any:
    """The lazy Dask DataFrame of results for the pending rows of an archive.

    Parquet archives: `read_parquet(columns=...)` -> `map_partitions(audit_frame)`;
    folders: `dask.bag.from_sequence(paths)` -> `map_partitions(audit_files)`.
    The graph holds the model's name, never the pipeline.

    Args:
        archive: from `open_archive`.
        pending: ids to audit.
        workers: worker threads in the cluster, to split the work into enough partitions.
        model: spaCy model name or path.
        max_chars: longest text accepted, in characters.
    """
    import dask.bag as db
    import dask.dataframe as dd

    partitions = max(1, min(len(pending), max(2 * workers, -(-len(pending) // PART_ROWS))))
    meta = output_meta()
    if not archive.parquet:
        files = [item for item in archive.files if item[0] in pending]
        bag = db.from_sequence(files, npartitions=partitions)
        return bag.map_partitions(audit_files, model=model, max_chars=max_chars).to_dataframe(meta=meta)
    frame = dd.read_parquet(archive.path, columns=list(archive.columns))
    if len(pending) < len(archive.ids):
        frame = frame[frame["id"].astype(str).isin(sorted(pending))]
    frame = frame.repartition(npartitions=max(frame.npartitions, partitions))
    return frame.map_partitions(audit_frame, model=model, max_chars=max_chars, meta=meta)

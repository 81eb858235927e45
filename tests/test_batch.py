"""Batch auditing: nlp.pipe with several processes, corpus summaries, and archives on pandas and Dask.

The central promise: however the work is split (one by one, audit_many with
two worker processes under fork or spawn, spaCy's own `nlp.pipe(n_process=2)`,
the local engine, Dask's synchronous scheduler or a two-worker LocalCluster),
every article's result is the same.
Tests marked `dask` need the [dask] extra and skip when it is missing;
scripts/test.sh installs it, so CI runs them.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from attrib.cli import main
from attrib.engine.component import evidence
from attrib.inputs import OffsetMap, Text, read_path
from attrib.pipeline import AuditFailure, audit_doc, audit_many, model_name, normalise
from attrib.records import LABELS, ArticleAudit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# Our own short articles (not copied from anywhere), to have more texts than seeds.
SYNTHETIC = [
    "Council approves transit budget\n\nThe city council approved the transit budget on Tuesday, "
    "council president Mara Lind said. Two officials who were not authorized to speak publicly said "
    "the vote had been delayed twice. It is believed that fares will rise next year.\n",
    "Storm closes ports\n\nAs is known, the coast sees storms every autumn. The harbour master told "
    "the Gazette that three ports would stay shut until Friday. According to the Daily Ledger, "
    "shipping losses could reach $4 million.\n",
    "Plant to cut jobs\n\nThe company said in a statement that 300 jobs would go. Analysts say the "
    "cuts were expected. Workers gathered outside the gates on Monday.\n",
]

_dask_missing = any(importlib.util.find_spec(name) is None for name in ("dask", "distributed", "pandas", "pyarrow"))
needs_dask = pytest.mark.skipif(_dask_missing, reason="needs the [dask] extra: pip install 'attrib[dask]'")


def _text(text: str, path: str) -> Text:
    return Text(text=text, path=path, format="txt", offsets=OffsetMap.from_text(text), encoding="utf-8")


def _corpus() -> list[Text]:
    return [read_path(p) for p in SEEDS] + [_text(t, f"synthetic-{i}.txt") for i, t in enumerate(SYNTHETIC)]


def _dumps(audits: list[Any]) -> str:
    return json.dumps([a.to_dict() if isinstance(a, ArticleAudit) else str(a) for a in audits], ensure_ascii=False)


def _one_by_one(nlp: Any, texts: list[Text]) -> list[ArticleAudit]:
    return [audit_doc(nlp(normalise(t.text)), t, model_name(nlp)) for t in texts]


# -- nlp.pipe through audit_many --------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "n_process, batch_size",
    [(1, None), (2, 1), (2, None)],
    ids=["one-process", "two-processes-batch-1", "two-processes-default-batch"],
)
def test_batch_audit_many_equals_one_by_one(nlp: Any, n_process: int, batch_size: int | None) -> None:
    texts = _corpus()
    expected = _one_by_one(nlp, texts)
    got = list(audit_many(nlp, texts, n_process=n_process, batch_size=batch_size))
    assert got == expected
    assert _dumps(got) == _dumps(expected)  # byte-identical JSON too


@pytest.mark.model
def test_batch_spacy_pipe_two_processes_keeps_the_evidence(nlp: Any) -> None:
    # Plain spaCy multiprocessing on attrib's pipeline: Docs come back as bytes,
    # and the evidence records must survive the trip unchanged.
    texts = [normalise(t.text) for t in _corpus()]
    expected = [[evidence(s) for s in nlp(text).sents] for text in texts]
    got = [[evidence(s) for s in doc.sents] for doc in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert got == expected


@pytest.mark.model
def test_batch_audit_many_under_spawn_equals_one_by_one(nlp: Any) -> None:
    # Spawned workers unpickle the pipeline, so the component must survive pickling.
    texts = _corpus()[:3]
    expected = _one_by_one(nlp, texts)
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        got = list(audit_many(nlp, texts, n_process=2, batch_size=1))
    finally:
        multiprocessing.set_start_method(previous, force=True)
    assert _dumps(got) == _dumps(expected)


@Language.component("attrib_test_explode")
def _explode(doc: Doc) -> Doc:
    """Fails on any text holding the word EXPLODE, like a component tripping over one article."""
    if "EXPLODE" in doc.text:
        raise ValueError("boom on this article")
    return doc


@pytest.fixture(scope="module")
def exploding_nlp() -> Language:
    """A fresh (uncached) attrib pipeline with a component that fails on one article."""
    from attrib.pipeline import load_nlp

    nlp = load_nlp.__wrapped__()
    nlp.add_pipe("attrib_test_explode", before="attrib")
    return nlp


@pytest.mark.model
@pytest.mark.parametrize("n_process", [1, 2], ids=["one-process", "two-processes"])
def test_batch_failed_document_is_reported_and_the_rest_audited(exploding_nlp: Language, n_process: int) -> None:
    texts = [_text(f"Article {i}: the mayor said it rained.", f"a{i}.txt") for i in range(7)]
    texts[3] = _text("This one will EXPLODE. Officials said so.", "bad.txt")
    got = list(audit_many(exploding_nlp, texts, n_process=n_process, batch_size=2))
    assert [type(r).__name__ for r in got] == ["ArticleAudit"] * 3 + ["AuditFailure"] + ["ArticleAudit"] * 3
    assert got[3] == AuditFailure("bad.txt", "cannot audit: ValueError: boom on this article")
    good = [t for t in texts if t.path != "bad.txt"]
    assert _dumps([r for r in got if isinstance(r, ArticleAudit)]) == _dumps(_one_by_one(exploding_nlp, good))


def test_batch_evidence_survives_doc_bytes() -> None:
    # nlp.pipe(n_process=N) ships Docs as Doc.to_bytes(); the evidence records must come back equal.
    # A stored parse stands in for the model, so this needs spaCy only.
    nlp = spacy.blank("en")
    nlp.add_pipe("attrib")
    stored = json.loads((ROOT / "tests" / "golden" / "npr-atacms.parse.json").read_text(encoding="utf-8"))
    doc = nlp(Doc(nlp.vocab).from_json(stored["doc"]))
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    before = [evidence(s) for s in doc.sents]
    after = [evidence(s) for s in copy.sents]
    assert len(after) > 10 and all(record is not None for record in after)
    assert any(record.attributions for record in after)
    assert after == before


# -- corpus summary --------------------------------------------------------------------------


@pytest.mark.model
def test_batch_summary_csv_and_jsonl_have_one_row_per_article(nlp: Any) -> None:
    from attrib.batch import summary_csv, summary_jsonl

    audits = _one_by_one(nlp, _corpus())
    rows = list(csv.DictReader(io.StringIO(summary_csv(audits))))
    objects = [json.loads(line) for line in summary_jsonl(audits).splitlines()]
    assert [r["path"] for r in rows] == [o["path"] for o in objects] == [a.path for a in audits]
    codes = sorted({f.code for a in audits for f in a.findings if f.suppression is None})
    assert list(rows[0])[:10] == ["path", "score", "grade", "grade_word", "sentences", *LABELS, "findings"]
    assert list(rows[0])[10:] == codes
    assert list(objects[0])[:4] == ["path", "score", "grade", "grade_word"]
    assert any(a.score.grade is not None for a in audits)
    for audit, row, obj in zip(audits, rows, objects):
        assert row["score"] == ("" if audit.score.value is None else str(audit.score.value))
        assert obj["score"] == audit.score.value
        assert row["grade"] == ("" if audit.score.grade is None else str(audit.score.grade))
        assert row["grade_word"] == (audit.score.grade_word or "")
        assert (obj["grade"], obj["grade_word"]) == (audit.score.grade, audit.score.grade_word)
        if audit.score.grade is not None:
            assert 1 <= obj["grade"] <= 5
            assert obj["grade_word"] in {"exemplary", "good", "adequate", "weak", "poor"}
        assert {label: int(row[label]) for label in LABELS} == audit.counts() == {label: obj[label] for label in LABELS}
        counted = [f.code for f in audit.findings if f.suppression is None]
        assert {code: int(row[code]) for code in codes} == {code: counted.count(code) for code in codes}
        assert obj["findings_by_code"] == {code: counted.count(code) for code in sorted(set(counted))}
        assert int(row["findings"]) == obj["findings"] == len(counted)
    assert summary_csv(audits) == summary_csv(_one_by_one(nlp, _corpus()))  # deterministic


def _cli(*args: str) -> Any:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.mark.model
def test_batch_cli_audit_jobs_gives_identical_json_and_writes_summaries(tmp_path: Path) -> None:
    files = []
    for i, text in enumerate(SYNTHETIC):
        files.append(tmp_path / f"story-{i}.txt")
        files[-1].write_text(text, encoding="utf-8")
    args = ["audit", "--isolated", "--no-html", "-f", "json", *map(str, SEEDS), *map(str, files)]
    one = _cli(*args)
    two = _cli(*args, "-j", "2", "--summary-csv", str(tmp_path / "s.csv"), "--summary-jsonl", str(tmp_path / "s.jsonl"))
    assert one.exit_code in (0, 1) and two.exit_code == one.exit_code
    assert two.stdout == one.stdout
    paths = [f["path"] for f in json.loads(one.stdout)["files"]]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8"))))
    assert [r["path"] for r in rows] == paths
    lines = (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["path"] for line in lines] == paths


@pytest.mark.model
def test_batch_cli_audit_jobs_reports_bad_inputs_and_audits_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = _cli(
        "audit",
        "--isolated",
        "--no-html",
        "-j",
        "2",
        "--summary-csv",
        str(tmp_path / "s.csv"),
        str(SEEDS[0]),
        str(empty),
        str(SEEDS[1]),
    )
    assert result.exit_code == 2
    assert f"attrib: error: {empty}: empty file (no text to audit)" in result.stderr
    assert "Traceback" not in result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8"))))
    assert [r["path"] for r in rows] == [str(SEEDS[0]), str(SEEDS[1])]


# -- archives: audit_frame and the engines ------------------------------------------------------


def _archive(tmp_path: Path, extra: list[dict[str, Any]] | None = None) -> Path:
    import pandas as pd

    rows = [{"id": p.name, "text": p.read_text(encoding="utf-8"), "format": None} for p in SEEDS]
    rows += [{"id": f"synthetic-{i}", "text": t, "format": "txt"} for i, t in enumerate(SYNTHETIC)]
    rows += extra or []
    path = tmp_path / "archive.parquet"
    pd.DataFrame(rows).to_parquet(path, index=False)
    return path


def _results(out: Path) -> list[dict[str, Any]]:
    import pandas as pd

    frame = pd.read_parquet(out).sort_values("id").reset_index(drop=True)
    return [
        {key: (None if pd.isna(value) else value) for key, value in row.items()}
        for row in frame.to_dict(orient="records")
    ]


@pytest.mark.model
@pytest.mark.dask
@needs_dask
def test_batch_audit_frame_rows_and_bad_rows(nlp: Any) -> None:
    import pandas as pd

    from attrib.batch import OUTPUT_COLUMNS, audit_frame

    seed = SEEDS[0].read_text(encoding="utf-8")
    frame = pd.DataFrame(
        {
            "id": ["good", "none", "blank", "huge", "odd-format", 7],
            "text": [seed, None, "   \n", "x" * 50, "text", SYNTHETIC[0]],
            "format": ["txt", None, None, None, "pdf", None],
        }
    )
    out = audit_frame(frame)
    assert list(out.columns) == list(OUTPUT_COLUMNS)
    assert list(out["id"]) == ["good", "none", "blank", "huge", "odd-format", "7"]
    errors = [None if pd.isna(e) else e for e in out["error"]]
    assert errors[0] is None and errors[5] is None
    assert errors[1] == "no text"
    assert errors[2] == "empty file (no text to audit)"
    assert errors[4].startswith("unknown format 'pdf'")
    expected = audit_doc(nlp(normalise(seed)), _text(seed, "good"), model_name(nlp))
    assert json.loads(out["audit_json"][0]) == expected.to_dict()
    assert int(out["score"][0]) == expected.score.value
    assert {label: int(out[f"n_{label}"][0]) for label in LABELS} == expected.counts()
    assert int(out["n_findings"][0]) == len([f for f in expected.findings if f.suppression is None])
    assert all(pd.isna(out[column][1]) for column in ("score", "n_named", "audit_json"))
    small = audit_frame(frame.iloc[[3]], max_chars=40)
    assert small["error"].iloc[0].startswith("too large")


@pytest.mark.model
@pytest.mark.dask
@needs_dask
def test_batch_local_engine_rerun_skips_ids_already_written(tmp_path: Path) -> None:
    import pandas as pd

    from attrib.batch import run_batch

    archive = _archive(tmp_path, [{"id": "broken", "text": "", "format": None}])
    out = tmp_path / "out"
    first = run_batch(str(archive), str(out))
    assert (first.audited, first.skipped) == (len(SEEDS) + len(SYNTHETIC) + 1, 0)
    assert first.failures == (("broken", "empty file (no text to audit)"),)
    assert [p.name for p in sorted(out.iterdir())] == ["part-0001-00000.parquet"]
    again = run_batch(str(archive), str(out))
    assert (again.audited, again.skipped, again.parts) == (0, first.audited, ())
    # One more article: only it is audited, into a part of run 2.
    frame = pd.read_parquet(archive)
    frame.loc[len(frame)] = {"id": "late", "text": SYNTHETIC[2], "format": None}
    frame.to_parquet(archive, index=False)
    third = run_batch(str(archive), str(out))
    assert (third.audited, third.skipped) == (1, first.audited)
    assert [p.name for p in third.parts] == ["part-0002-00000.parquet"]
    results = _results(out)
    assert sorted(r["id"] for r in results) == sorted(frame["id"])


@pytest.mark.dask
@needs_dask
def test_batch_bad_archives_exit_2_and_write_nothing(tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "out"
    (tmp_path / "junk.parquet").write_text("not parquet", encoding="utf-8")
    pd.DataFrame({"id": ["a"], "body": ["x"]}).to_parquet(tmp_path / "nocol.parquet", index=False)
    pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]}).to_parquet(tmp_path / "dup.parquet", index=False)
    (tmp_path / "empty-folder").mkdir()
    cases = {
        "missing.parquet": "no such file or folder",
        "junk.parquet": "not a readable Parquet file",
        "nocol.parquet": "missing column 'text'",
        "dup.parquet": "duplicate id 'a'",
        "empty-folder": "no article files in this folder",
    }
    for name, reason in cases.items():
        result = _cli("batch", str(tmp_path / name), "--out", str(out))
        assert result.exit_code == 2, name
        assert result.stderr.startswith(f"attrib: error: {tmp_path / name}: {reason}"), result.stderr
        assert len(result.stderr.splitlines()) == 1 and not out.exists()
    usage = _cli("batch", str(tmp_path / "dup.parquet"), "--out", str(out), "--scheduler", "tcp://x:1")
    assert usage.exit_code == 2 and "--scheduler needs --engine dask" in usage.stderr


@pytest.mark.model
@pytest.mark.dask
@needs_dask
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")  # inside dask's parquet reader
def test_batch_dask_synchronous_equals_local_engine(tmp_path: Path) -> None:
    import pandas as pd

    from attrib.batch import dask_results, open_archive, run_batch

    archive = _archive(tmp_path)
    run_batch(str(archive), str(tmp_path / "local"))
    opened = open_archive(str(archive))
    lazy = dask_results(opened, set(opened.ids), workers=2, model=None, max_chars=200_000)
    frame = lazy.compute(scheduler="synchronous").sort_values("id").reset_index(drop=True)
    got = [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
    assert got == _results(tmp_path / "local")


# -- the integration test on a real LocalCluster --------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Any:
    if _dask_missing:
        pytest.skip("needs the [dask] extra: pip install 'attrib[dask]'")
    import logging

    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as local:
        yield local


@pytest.mark.model
@pytest.mark.dask
@needs_dask
def test_batch_dask_local_cluster_equals_local_engine(tmp_path: Path, cluster: Any) -> None:
    archive = _archive(tmp_path, [{"id": "broken", "text": "\x00\x01", "format": None}])
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    for seed in SEEDS:
        (folder / "sub" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.csv").write_text("skipped: unknown extension", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    for source in (archive, folder):
        local, remote = tmp_path / f"{source.name}-local", tmp_path / f"{source.name}-dask"
        assert _cli("batch", str(source), "--out", str(local)).exit_code == 2
        result = _cli(
            "batch", str(source), "--out", str(remote), "--engine", "dask", "--scheduler", cluster.scheduler_address
        )
        assert result.exit_code == 2, result.stderr  # the broken row is reported
        assert len(list(remote.glob("part-*.parquet"))) >= 2  # the work was split
        assert _results(remote) == _results(local)
    folder_ids = [r["id"] for r in _results(tmp_path / "folder-dask")]
    assert folder_ids == ["empty.txt", *(f"sub/{seed.name}" for seed in SEEDS)]
    rerun = _cli(
        "batch",
        str(archive),
        "--out",
        str(tmp_path / "archive.parquet-dask"),
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
    )
    assert rerun.exit_code == 0 and "0 audited" in rerun.stdout

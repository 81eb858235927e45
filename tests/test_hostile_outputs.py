"""Output paths are never destroyed (issue 19): links, devices, FIFOs, long names, output = input.

The writer (attrib/outputs/atomic.py) is tested directly; the CLI cases check
that every output option goes through it and that a clash with an input is
one error line before anything is written.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from test_cli import SHORT_ARTICLE, error_line, run

from attrib.outputs import atomic
from attrib.outputs.atomic import OutputError, check_outputs, file_id, temporary_name, write_output


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_and_regular_files_are_replaced_and_keep_their_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_output(target, "first\n")
    assert target.read_text() == "first\n"
    os.chmod(target, 0o640)
    write_output(target, "second\n")
    assert target.read_text() == "second\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(target.parent) == []


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    real = tmp_path / "real" / "report.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "later.txt")
    write_output(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "later.txt").read_text() == "made"
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_devices_are_written_directly_never_replaced() -> None:
    before = os.stat("/dev/null")
    write_output("/dev/null", "nothing to see")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    with pytest.raises(OSError):  # /dev/full: ENOSPC reaches the caller, which turns it into one line
        write_output("/dev/full", "x")


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_stdout_goes_to_the_open_descriptor(capfd: pytest.CaptureFixture[str]) -> None:
    write_output("/dev/stdout", "to stdout\n")
    write_output("/dev/fd/2", "to stderr\n")
    captured = capfd.readouterr()
    assert captured.out == "to stdout\n" and captured.err == "to stderr\n"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_output(tmp_path, "x")


def test_temporary_names_fit_what_the_target_fits(tmp_path: Path) -> None:
    for name in ("a" * 255, "é" * 127 + "x", "short.txt"):
        temp = temporary_name(name, "123456789abcdef0")
        assert len(os.fsencode(temp)) <= 255 and temp.startswith(".") and temp.endswith(".tmp")
    long = tmp_path / ("r" * 251 + ".txt")  # 255 bytes: the longest legal name
    write_output(long, "fits")
    assert long.read_text() == "fits" and _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me")

    def broken(handle: int, data: bytes) -> None:
        os.write(handle, data[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", broken)
    with pytest.raises(OSError):
        write_output(target, "replacement")
    assert target.read_text() == "keep me" and _leftovers(tmp_path) == []


def test_check_outputs_refuses_an_input_through_any_path(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("text")
    link = tmp_path / "alias.txt"
    link.symlink_to(article)
    hard = tmp_path / "hard.txt"
    os.link(article, hard)
    ids = [file_id(article)]
    for clash in (article, link, hard, tmp_path / "." / "story.txt"):
        with pytest.raises(OutputError, match="is also an input"):
            check_outputs([clash], ids)
    check_outputs([tmp_path / "other.txt", "/dev/null"], ids + [file_id("/dev/null")])


def test_cli_output_equal_to_input_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    article = tmp_path / "x.txt"
    article.write_text(SHORT_ARTICLE)
    summary = tmp_path / "summary.md"
    for option in ("-o", "--summary", "--summary-csv", "--summary-jsonl", "--write-baseline"):
        result = run("audit", "-qq", "--summary", summary, "--no-html", option, article, article)
        assert result.exit_code == 2, option
        assert "is also an input" in error_line(result, str(article))
        assert article.read_text() == SHORT_ARTICLE and not summary.exists()
    page = tmp_path / "page.html"
    page.write_text("<p>" + SHORT_ARTICLE + "</p>")
    result = run("audit", "-qq", "--html", tmp_path, article, page)  # the report of page.html would be page.html
    assert result.exit_code == 2 and "is also an input" in error_line(result, str(page))
    assert page.read_text().startswith("<p>Mayor")


def test_dask_parts_are_whole_or_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    pytest.importorskip("pyarrow")
    from attrib import batch

    rows = pd.DataFrame({"id": [f"a{i}" for i in range(6)], "error": ["x"] * 6})
    frame = dd.from_pandas(rows, npartitions=3)
    out = tmp_path / "out"
    real = pd.DataFrame.to_parquet
    calls = {"n": 0}

    def dies_on_the_second(self: object, path: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            Path(str(path)).write_bytes(b"")  # a worker killed mid-write
            raise KeyboardInterrupt
        real(self, path, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", dies_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        batch.write_parts(frame, out, 1, scheduler="synchronous")
    assert all(p.stat().st_size > 0 for p in out.glob("part-*.parquet"))
    assert not list(out.glob(".*.tmp"))
    done = batch.written_ids(str(out))  # the rerun reads what is there instead of refusing
    monkeypatch.setattr(pd.DataFrame, "to_parquet", real)
    (out / ".part-0001-00009.parquet.tmp").write_bytes(b"")  # what SIGKILL would leave
    batch._remove_stale_temporaries(out)
    written = batch.write_parts(frame, out, 2, scheduler="synchronous")
    assert [p.name for p in written] == [f"part-0002-0000{i}.parquet" for i in range(3)]
    assert len(done) == 2 and not list(out.glob(".*.tmp"))

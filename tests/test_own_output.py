"""Folder walks never audit what attrib wrote itself: its HTML reports and their index."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from report_samples import make_audit

from attrib.cli import main
from attrib.config import Resolver, collect
from attrib.outputs.html import write_html, write_index


def _paths(*args: str, **kwargs: str) -> list[str]:
    return [Path(t.path).as_posix() for t in collect(list(args), Resolver(isolated=True), **kwargs)]


def test_walk_skips_reports_wherever_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("desk/out").mkdir(parents=True)
    Path("desk/story.txt").write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
    # A page from another tool, and one that merely mentions attrib, are articles.
    Path("desk/page.html").write_text(
        '<html><head><meta name="generator" content="WordPress 6.5">'
        "</head><body><p>Officials said the vote was close.</p></body></html>",
        encoding="utf-8",
    )
    Path("desk/about.html").write_text(
        "<p>The newsroom runs attrib before publication, its editor said.</p>", encoding="utf-8"
    )
    audit = make_audit()
    write_html(audit, "desk/out/story.html")  # a report moved or written under any name
    write_index([audit], ["desk/out/story.html"], "desk/out/index.html")
    write_html(audit, "desk/renamed.htm")
    assert _paths("desk") == ["desk/about.html", "desk/page.html", "desk/story.txt"]


def test_walk_skips_the_report_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("desk/reports").mkdir(parents=True)
    Path("desk/story.txt").write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
    Path("desk/reports/notes.md").write_text("Officials said the vote was close.\n", encoding="utf-8")
    assert _paths("desk", outputs=["desk/reports/"]) == ["desk/story.txt"]
    assert _paths("desk", outputs=[str(tmp_path / "desk" / "reports")]) == ["desk/story.txt"]
    assert _paths("desk") == ["desk/story.txt", "desk/reports/notes.md"]


def test_named_report_is_still_audited(tmp_path: Path) -> None:
    """Files named on the command line are always audited; only walks skip."""
    write_html(make_audit(), tmp_path / "r.html")
    assert _paths(str(tmp_path / "r.html")) == [(tmp_path / "r.html").as_posix()]


@pytest.mark.model
def test_second_run_audits_only_the_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("real").mkdir()
    Path("real/a.txt").write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
    Path("real/b.txt").write_text(
        "Officials said the vote was close, a council member told reporters.\n", encoding="utf-8"
    )
    runner = CliRunner()
    written = ["-o", "real/out.txt", "--summary", "real/summary.md"]
    first = runner.invoke(main, ["audit", "real/", "--html", "real/reports/", *written, "--exit-zero"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in Path("real/reports").iterdir()) == ["a.html", "b.html", "index.html"]
    # The same command again: its -o and --summary files are not articles.
    again = runner.invoke(main, ["audit", "real/", "--html", "real/reports/", *written, "--exit-zero"])
    assert again.exit_code == 0, again.output
    assert Path("real/out.txt").read_text(encoding="utf-8").splitlines()[-1].startswith("2 files:")
    # Without --html the reports are still recognised by their generator tag.
    second = runner.invoke(main, ["audit", "real/reports", "real/a.txt", "--no-html", "--exit-zero"])
    assert second.exit_code == 2, second.output
    assert "attrib: error: real/reports: no files to audit" in second.output

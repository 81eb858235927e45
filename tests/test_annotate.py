"""`attrib annotate`: reviewed copies of .docx, .md and .txt drafts with every finding written into them.

The Word tests open each result with python-docx and read every comment's
anchor back from the document XML (accepted view, as the reader sees it).
The drafts are written here, in several registers, with tracked changes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree

from attrib.cli import main
from attrib.outputs import annotate as writer

pytestmark = pytest.mark.model

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COMMENT_MARKUP = {qn("w:commentRangeStart"), qn("w:commentRangeEnd")}


def build_draft(path: Path) -> bytes:
    """A Word draft: a heading, sources of every kind, a tracked insertion and a deletion, bold runs, a table."""
    document = docx.Document()
    document.add_heading("Council delays the harbour bridge vote", level=1)
    lede = document.add_paragraph("The city council postponed Tuesday's vote on the bridge contract. ")
    lede.add_run("A senior official said the delay was").bold = True
    lede.add_run(" political, and that the mayor had asked for it.")
    document.add_paragraph(
        "Mayor Ana Ruiz said in a statement that the bridge would reopen in June. "
        "It is widely believed that the contract was rushed."
    )
    document.add_paragraph("Officials familiar with the talks said the contractor could face penalties.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Critics say the vote was delayed to protect allies."
    # Tracked changes in the lede: an insertion inside the anonymous sentence, a deletion after it.
    body = document.element.body
    paragraph = body.findall(qn("w:p"))[1]
    runs = paragraph.findall(qn("w:r"))
    insertion = etree.SubElement(paragraph, qn("w:ins"), {qn("w:id"): "91", qn("w:author"): "Reporter"})
    inserted = etree.SubElement(insertion, qn("w:r"))
    text = etree.SubElement(inserted, qn("w:t"))
    text.text = " largely"
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    runs[1].addnext(insertion)
    deletion = etree.SubElement(paragraph, qn("w:del"), {qn("w:id"): "92", qn("w:author"): "Reporter"})
    deleted = etree.SubElement(deletion, qn("w:r"))
    etree.SubElement(deleted, qn("w:delText")).text = " Nobody objected."
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())
    return out.getvalue()


def anchors(data: bytes) -> dict[int, str]:
    """Comment id -> the accepted text between its range start and end, in document order."""
    document = docx.Document(io.BytesIO(data))
    open_ids: set[int] = set()
    texts: dict[int, list[str]] = {}
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
            texts.setdefault(int(element.get(qn("w:id"))), [])
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:t") and not any(
            a.tag in (qn("w:del"), qn("w:moveFrom")) for a in element.iterancestors()
        ):
            for key in open_ids:
                texts[key].append(element.text or "")
    return {key: "".join(parts) for key, parts in texts.items()}


def comments(data: bytes) -> list[tuple[int, str, str]]:
    """(id, author, text) of every comment."""
    return [(c.comment_id, c.author, c.text) for c in docx.Document(io.BytesIO(data)).comments]


def audit_of(path: Path):  # type: ignore[no-untyped-def]
    from attrib.pipeline import audit_path

    return audit_path(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["annotate", *args])
    return result.exit_code, result.output


# --- Word ---------------------------------------------------------------------------------------


@pytest.fixture()
def reviewed(tmp_path: Path) -> tuple[Path, bytes, bytes]:
    draft = tmp_path / "bridge.docx"
    original = build_draft(draft)
    code, output = run(str(draft))
    assert code == 0, output
    copy = tmp_path / "bridge.attrib.docx"
    assert output.strip().endswith(f"reviewed copy: {copy}")
    return draft, original, copy.read_bytes()


def test_annotate_docx_each_comment_anchors_its_sentence(reviewed: tuple[Path, bytes, bytes]) -> None:
    draft, original, data = reviewed
    assert draft.read_bytes() == original, "the draft itself is never touched"
    audit = audit_of(draft)
    active = [f for f in audit.findings if f.suppression is None]
    assert active, "the draft has findings"
    found = comments(data)
    assert all(author == "attrib" for _, author, _ in found)
    summary, *notes = found
    from attrib.audit.verdict import verdict

    assert summary[2].startswith(f"Verdict: {verdict(audit).word}, grade ")
    assert "score " in summary[2] and "Policy: fail on any unsuppressed error finding" in summary[2]
    assert len(notes) == len(active)
    spans = anchors(data)
    assert spans[summary[0]] == "Council delays the harbour bridge vote", "the summary sits on the first paragraph"
    by_text = {}
    for finding in active:
        by_text.setdefault(f"{finding.code} [{finding.severity}] {finding.message}", []).append(
            audit.sentences[finding.sentence].span.text
        )
    for comment_id, _, text in notes:
        head = text.splitlines()[0]
        assert spans[comment_id] in by_text[head], (head, spans[comment_id])
    # The anonymous sentence runs across a bold run and a tracked insertion; its anchor is still exactly it.
    anonymous = next(s for s in audit.sentences if s.span.text.startswith("A senior official"))
    assert (
        anonymous.span.text
        == "A senior official said the delay was largely political, and that the mayor had asked for it."
    )
    assert anonymous.span.text in spans.values()
    questions = [t for _, _, t in notes if "A senior official" in t and "Ask the reporter: " in t]
    assert len(questions) == 1, "the questions go with the first finding on the source, once"


def canonical_without_comments(data: bytes) -> bytes:
    """document.xml with comment markup removed and runs split at the same formatting joined again."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    for element in list(root.iter()):
        if element.tag in COMMENT_MARKUP:
            element.getparent().remove(element)
        elif element.tag == qn("w:commentReference"):
            run = element.getparent()
            run.getparent().remove(run)
    for parent in list(root.iter()):
        children = list(parent)
        for left, right in zip(children, children[1:]):
            same = (
                left.tag == right.tag == qn("w:r")
                and left.getparent() is parent
                and etree.tostring(left.find(qn("w:rPr")) if left.find(qn("w:rPr")) is not None else etree.Element("x"))
                == etree.tostring(
                    right.find(qn("w:rPr")) if right.find(qn("w:rPr")) is not None else etree.Element("x")
                )
            )
            texts = [c for c in (*left, *right) if c.tag not in (qn("w:rPr"), qn("w:t"))]
            if same and not texts and left.find(qn("w:t")) is not None and right.find(qn("w:t")) is not None:
                left.find(qn("w:t")).text = (left.find(qn("w:t")).text or "") + (right.find(qn("w:t")).text or "")
                left.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                for child in right:
                    if child.tag == qn("w:t"):
                        right.remove(child)
                right.getparent().remove(right) if not [c for c in right if c.tag != qn("w:rPr")] else None
    for text in root.iter(qn("w:t")):  # where a run was split, xml:space says nothing about the text
        text.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    return etree.tostring(root, method="c14n")


def test_annotate_docx_leaves_text_styles_and_tracked_changes_alone(reviewed: tuple[Path, bytes, bytes]) -> None:
    _, original, data = reviewed
    assert canonical_without_comments(data) == canonical_without_comments(original)
    before, after = zipfile.ZipFile(io.BytesIO(original)), zipfile.ZipFile(io.BytesIO(data))
    for name in ("word/styles.xml", "word/settings.xml"):
        assert etree.tostring(etree.fromstring(after.read(name)), method="c14n") == etree.tostring(
            etree.fromstring(before.read(name)), method="c14n"
        ), name
    xml = after.read("word/document.xml").decode()
    assert xml.count("<w:ins ") == 1 and xml.count("<w:del ") == 1 and "Nobody objected." in xml
    # The comment marks never sit inside a tracked change.
    root = etree.fromstring(after.read("word/document.xml"))
    for reference in root.iter(qn("w:commentReference")):
        assert not any(a.tag in (qn("w:ins"), qn("w:del")) for a in reference.iterancestors())


def test_annotate_docx_rerun_replaces_its_comments(reviewed: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    _, _, first = reviewed
    again = tmp_path / "again.docx"
    code, output = run(str(tmp_path / "bridge.attrib.docx"), "-o", str(again))
    assert code == 0, output
    second = again.read_bytes()
    assert [t for _, _, t in comments(second)] == [t for _, _, t in comments(first)]
    assert sorted(anchors(second).values()) == sorted(anchors(first).values())
    assert canonical_without_comments(second) == canonical_without_comments(first)


def test_annotate_docx_honours_an_ignore_comment_and_keeps_the_editors(
    reviewed: tuple[Path, bytes, bytes], tmp_path: Path
) -> None:
    _, _, data = reviewed
    document = docx.Document(io.BytesIO(data))
    paragraph = document.paragraphs[1]
    anonymous = [r for r in paragraph.runs if r.text.startswith("A senior official")]
    assert anonymous, [r.text for r in paragraph.runs]
    last = [r for r in paragraph.runs if r.text.endswith("asked for it.")]
    document.add_comment(
        [anonymous[0], last[0]],
        text="attrib: ignore[AN101] reason: protected whistle-blower",
        author="Desk Editor",
        initials="DE",
    )
    document.add_comment(
        document.paragraphs[2].runs[0],
        text="Check the June date with the mayor's office.",
        author="Desk Editor",
        initials="DE",
    )
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    code, output = run(str(edited), "-o", str(tmp_path / "edited.out.docx"))
    assert code == 0, output
    result = comments((tmp_path / "edited.out.docx").read_bytes())
    texts = [t for _, author, t in result if author == "attrib"]
    assert not [t for t in texts if t.startswith("AN101") and "'A senior official'" in t], "suppressed by the editor"
    assert [t for t in texts if "'Critics'" in t], "the ignore covers only its sentence"
    editors = [t for _, author, t in result if author == "Desk Editor"]
    assert editors == [
        "attrib: ignore[AN101] reason: protected whistle-blower",
        "Check the June date with the mayor's office.",
    ]


# --- Markdown and text ----------------------------------------------------------------------------

MARKDOWN = """---
title: Bridge
---
# Council delays the harbour bridge vote

The city council postponed the vote on the *bridge* contract. A senior official said the delay was political.

- Mayor [Ana Ruiz](https://example.org) said the bridge would reopen in June.
- It is widely believed that the contract was rushed.

Officials familiar with the talks said the contractor could face penalties.
"""

PLAIN = (
    "Council delays the harbour bridge vote\n"
    "The city council postponed the vote. A senior official said the delay was political.\r\n"
    "Mayor Ana Ruiz said the bridge would reopen in June.\n"
    "Experts say the contract was rushed."
)


@pytest.mark.parametrize("name, content", [("bridge.md", MARKDOWN), ("bridge.txt", PLAIN)])
def test_annotate_text_drafts_round_trip(tmp_path: Path, name: str, content: str) -> None:
    draft = tmp_path / name
    draft.write_bytes(content.encode("utf-8"))
    code, output = run(str(draft))
    assert code == 0, output
    copy = draft.with_name(draft.stem + ".attrib" + draft.suffix)
    annotated = copy.read_bytes().decode("utf-8")
    strip = writer.strip_markdown if name.endswith(".md") else writer.strip_plain
    assert strip(annotated) == content, "removing the notes gives the draft back, byte for byte"
    # Every original line is still there, in order, unchanged.
    kept = iter(annotated.splitlines())
    assert all(any(line == other for other in kept) for line in content.splitlines())
    audit = audit_of(draft)
    for finding in (f for f in audit.findings if f.suppression is None):
        assert f"{finding.code} [{finding.severity}] {finding.message}" in annotated
    if name.endswith(".md"):
        notes = [line for line in annotated.splitlines() if line.startswith("<!-- attrib-review ")]
        assert notes and all(line.endswith(" -->") and "-->" not in line[:-4] for line in notes)
        # The notes are invisible to the reader: the reviewed copy audits like the draft.
        assert [s.span.text for s in audit_of(copy).sentences] == [s.span.text for s in audit.sentences]
        # The note on the anonymous source sits right after its paragraph.
        lines = annotated.splitlines()
        at = next(i for i, line in enumerate(lines) if "A senior official said" in line)
        assert lines[at + 1] == "" and lines[at + 2].startswith("<!-- attrib-review AN101 [")
    else:
        notes = [line for line in annotated.splitlines() if line.startswith(">> attrib ")]
        lines = annotated.splitlines()
        at = next(i for i, line in enumerate(lines) if "A senior official said" in line)
        assert lines[at + 1].startswith(">> attrib AN101 [")
        assert "\r\n" in annotated, "the draft's own line endings are kept"
    assert notes[0].startswith(("<!-- attrib-review Verdict: ", ">> attrib Verdict: "))
    assert ", grade " in notes[0] and " of 100" in notes[0]
    # A rerun on the reviewed copy replaces the notes instead of stacking them.
    code, output = run(str(copy), "-o", str(tmp_path / ("again" + draft.suffix)))
    assert code == 0, output
    assert (tmp_path / ("again" + draft.suffix)).read_bytes().decode("utf-8") == annotated


def test_annotate_markdown_ignore_marker_suppresses(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text(
        "Officials said the plan had stalled.\n\n"
        "<!-- attrib: ignore[AN1] reason: protected sources, approved by the standards desk -->\n"
        "A senior official said the delay was political.\n",
        encoding="utf-8",
    )
    code, output = run(str(draft))
    assert code == 0, output
    annotated = (tmp_path / "story.attrib.md").read_text(encoding="utf-8")
    before, after = annotated.split("ignore[AN1]")
    assert not re.search(r"AN1\d\d \[", after), "the marked paragraph gets no AN1xx note"
    assert re.search(r"AN1\d\d \[", before), "the paragraph before the marker keeps its notes"


# --- the command ----------------------------------------------------------------------------------


def test_annotate_never_overwrites_the_draft_unless_asked(reviewed: tuple[Path, bytes, bytes]) -> None:
    draft, original, data = reviewed
    copy = draft.with_name("bridge.attrib.docx")
    for args in ([str(draft), "-o", str(draft)], [str(copy)]):
        code, output = run(*args)
        assert code == 2
        assert output.count("\n") == 1 and "would overwrite the draft; pass --in-place" in output
    assert draft.read_bytes() == original and copy.read_bytes() == data
    code, output = run(str(copy), "--in-place")
    assert code == 0, output
    assert [t for _, _, t in comments(copy.read_bytes())] == [t for _, _, t in comments(data)]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("missing.docx", None, "no such file"),
        ("empty.docx", b"", "empty file"),
        ("fake.docx", b"not a zip at all", "not a valid .docx file"),
        ("page.html", b"<p>An official said so.</p>", "annotate writes .docx, .md and .txt drafts"),
        ("blank.md", b"   \n\n", "empty file"),
        ("binary.txt", b"\x00\x01\x02 an official said", "binary file"),
    ],
)
def test_annotate_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, output = run(str(path))
    assert code == 2
    assert output.startswith(f"attrib: error: {path}") and output.count("\n") == 1 and reason in output, output
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written"


def test_annotate_refuses_stdout_as_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a reviewed .docx cannot go to a terminal; "-o -" must not become a file named "-"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text("An official said so.\n", encoding="utf-8")
    code, output = run("draft.md", "-o", "-")
    assert code == 2
    assert output == "attrib: error: -: annotate writes a reviewed file, not stdout; give -o PATH\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_annotate_verdict_follows_the_policy_options(tmp_path: Path) -> None:
    draft = tmp_path / "weasel.txt"
    draft.write_text(
        "Mayor Ana Ruiz said the bridge would reopen in June.\nIt is widely believed that the contract was rushed.\n",
        encoding="utf-8",
    )
    code, output = run(str(draft))
    assert code == 0 and output.startswith(f"{draft}: PASS, grade "), "a warning passes the default policy"
    assert ">> attrib Verdict: PASS" in (tmp_path / "weasel.attrib.txt").read_text(encoding="utf-8")
    code, output = run(str(draft), "--fail-level", "warning", "-o", str(tmp_path / "strict.txt"))
    assert code == 0 and output.startswith(f"{draft}: FAIL, grade "), output
    strict = (tmp_path / "strict.txt").read_text(encoding="utf-8")
    assert ">> attrib Verdict: FAIL" in strict and "1 finding at or above fail-level warning" in strict


def test_annotate_library_calls_match_the_command(reviewed: tuple[Path, bytes, bytes]) -> None:
    """`attrib serve` calls the writer directly: bytes + audit -> bytes, with the default policy."""
    from attrib.inputs import read_bytes
    from attrib.pipeline import audit_many, load_nlp

    draft, original, data = reviewed
    text = read_bytes(original, path=str(draft))
    (audit,) = audit_many(load_nlp(), [text])
    copy = writer.annotate_docx(original, audit)
    assert [t for _, _, t in comments(copy)] == [t for _, _, t in comments(data)]
    assert writer.annotate_docx(original, audit) == copy, "no clock in the file: same input, same bytes"


def with_reply(data: bytes, parent_id: int, text: str) -> bytes:
    """The reviewed copy as Word saves a reply to comment `parent_id`: a comment on the same range, threaded
    to its parent through word/commentsExtended.xml (paraId / paraIdParent)."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    comments_root = etree.fromstring(parts["word/comments.xml"])
    parent = next(c for c in comments_root.findall(qn("w:comment")) if c.get(qn("w:id")) == str(parent_id))
    parent.find(qn("w:p")).set(f"{{{w14}}}paraId", "1A2B3C4D")
    reply = etree.SubElement(comments_root, qn("w:comment"), {qn("w:id"): "100", qn("w:author"): "Desk Editor"})
    paragraph = etree.SubElement(reply, qn("w:p"), {f"{{{w14}}}paraId": "5E6F7A8B"})
    etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:t")).text = text
    parts["word/comments.xml"] = etree.tostring(comments_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    document_root = etree.fromstring(parts["word/document.xml"])
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        marker = next(m for m in document_root.iter(qn(tag)) if m.get(qn("w:id")) == str(parent_id))
        marker.addnext(etree.Element(qn(tag), {qn("w:id"): "100"}))
    parts["word/document.xml"] = etree.tostring(document_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/commentsExtended.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx xmlns:w15="{w15}">'
        '<w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/>'
        '<w15:commentEx w15:paraId="5E6F7A8B" w15:paraIdParent="1A2B3C4D" w15:done="0"/></w15:commentsEx>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/commentsExtended.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdExt1" Type="http://schemas.microsoft.com/office/2011/relationships/'
        b'commentsExtended" Target="commentsExtended.xml"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def test_annotate_docx_honours_a_reply_to_its_comment(reviewed: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    _, _, data = reviewed
    parent = next(i for i, _, t in comments(data) if t.startswith("AN101") and "'A senior official'" in t)
    replied = tmp_path / "replied.docx"
    replied.write_bytes(with_reply(data, parent, "attrib: ignore[AN101] reason: a protected whistle-blower"))
    code, output = run(str(replied), "-o", str(tmp_path / "replied.out.docx"))
    assert code == 0, output
    result = (tmp_path / "replied.out.docx").read_bytes()
    texts = [(author, t) for _, author, t in comments(result)]
    assert not [t for a, t in texts if a == "attrib" and t.startswith("AN101") and "'A senior official'" in t]
    assert ("Desk Editor", "attrib: ignore[AN101] reason: a protected whistle-blower") in texts
    # The reply outlives the comment it answered: its thread entry no longer points at a deleted comment.
    extended = zipfile.ZipFile(io.BytesIO(result)).read("word/commentsExtended.xml").decode()
    assert "1A2B3C4D" not in extended and 'w15:paraId="5E6F7A8B"' in extended
    assert "A senior official said the delay was largely political" in anchors(result)[100]

"""The HTML report: structure, marks, paragraphs, embedded data, safety, atomic writes.

Audits are built by hand from records, so these tests need neither spaCy nor a model.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from attrib import render
from attrib.records import ArticleAudit, Attribution, Score, SentenceResult, Span
from attrib.render import Segment, render_html, split_segments, write_html

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """A parsed element: enough of a DOM to check structure and text."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"expected one element with id={ident!r}, found {len(found)}"
        return found[0]

    def ancestor(self, tag: str) -> Node | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def span_of(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def sentence(
    text: str,
    index: int,
    needle: str,
    label: str,
    primary: Attribution | None = None,
    others: tuple[Attribution, ...] = (),
    why: str | None = None,
) -> SentenceResult:
    span = span_of(text, needle)
    return SentenceResult(
        index=index,
        span=span,
        block="paragraph",
        label=label,
        line=1,
        col=span.start + 1,
        primary=primary,
        others=others,
        why=why or f"{label}: sentence {index}",
    )


def attribution(
    text: str, rule_id: str, label: str, cue: str, source: str | None, near: str, role: str = "main", **extra
) -> Attribution:
    base = text.index(near)
    return Attribution(
        rule_id=rule_id,
        label=label,
        cue=span_of(text, cue, base),
        source=span_of(text, source, base) if source else None,
        source_rule=f"{label}.source",
        role=role,
        **extra,
    )


TEXT = (
    "Missiles reach Kyiv\n"
    "\n"
    "The Pentagon said on Friday that the first shipment had arrived. "
    "A U.S. official told NPR the move was approved last week.\n"
    "A Pentagon spokesperson confirmed the delivery. "
    '"It will take time."\n'
    "The New York Times reported the plan first, citing officials. "
    "Prices rose."
)

S1 = "The Pentagon said on Friday that the first shipment had arrived."
S2 = "A U.S. official told NPR the move was approved last week."
S3 = "A Pentagon spokesperson confirmed the delivery."
S4 = '"It will take time."'
S5 = "The New York Times reported the plan first, citing officials."


def make_audit(text: str = TEXT, **overrides) -> ArticleAudit:
    a = attribution
    sentences = (
        sentence(text, 0, "Missiles reach Kyiv", "unattributed", why="unattributed: a headline with no cue."),
        sentence(text, 1, S1, "named", a(text, "named.speech-verb-subject", "named", "said", "The Pentagon", S1)),
        sentence(
            text,
            2,
            S2,
            "anonymous",
            a(text, "anonymous.told", "anonymous", "told", "A U.S. official", S2, recipient=span_of(text, "NPR")),
            why='anonymous: "A U.S. official" told; "NPR" is the recipient, not the source.',
        ),
        # Cue and source overlap on "spokesperson".
        sentence(
            text,
            3,
            S3,
            "named",
            Attribution(
                rule_id="named.spokesperson",
                label="named",
                cue=span_of(text, "spokesperson confirmed"),
                source=span_of(text, "A Pentagon spokesperson"),
                source_rule="named.spokesperson",
                role="main",
            ),
        ),
        # A quote continuation: its evidence points into the previous sentence.
        sentence(
            text,
            4,
            S4,
            "named",
            Attribution(
                rule_id="quote.continuation",
                label="named",
                cue=span_of(text, "confirmed"),
                source=span_of(text, "A Pentagon spokesperson"),
                source_rule="named.spokesperson",
                role="main",
                refers_to=3,
            ),
        ),
        sentence(
            text,
            5,
            S5,
            "publication",
            a(text, "publication.report-verb", "publication", "reported", "The New York Times", S5),
            others=(a(text, "anonymous.citing", "anonymous", "citing", "officials", S5, role="nested"),),
        ),
        sentence(text, 6, "Prices rose.", "unattributed"),
    )
    fields = dict(
        path="seeds/kyiv.txt",
        text=text,
        sentences=sentences,
        score=Score(
            value=42,
            counts={"named": 3, "anonymous": 1, "publication": 1, "unattributed": 2},
            scored_sentences=6,
            credit_total=1.3,
            weights={"named": 1.0, "publication": 0.7, "anonymous": 0.3},
            formula="100 * 1.3 / 3 = 43",
            note="Headlines are not scored.",
        ),
        model="en_core_web_sm 3.8.0",
        attrib_version="0.1.0",
        notes=("quotes were balanced",),
    )
    fields.update(overrides)
    return ArticleAudit(**fields)


@pytest.fixture(scope="module")
def audit() -> ArticleAudit:
    return make_audit()


@pytest.fixture(scope="module")
def html(audit: ArticleAudit) -> str:
    return render_html(audit)


@pytest.fixture(scope="module")
def doc(html: str) -> Node:
    return parse(html)


def mark_texts(node: Node, cls: str) -> list[str]:
    return [m.text() for m in node.find_all("mark", cls)]


BADGE_TEXT = {"named": "NAMED", "anonymous": "ANON", "publication": "PUB", "unattributed": "UNATTR"}


def test_render_every_sentence_has_id_badge_and_class(audit: ArticleAudit, doc: Node) -> None:
    for s in audit.sentences:
        node = doc.by_id(f"s{s.index}")
        assert {"sent", s.label} <= node.classes
        badges = node.find_all(cls="badge")
        assert [b.text() for b in badges] == [BADGE_TEXT[s.label]]
        assert s.label in badges[0].classes
        # The sentence text is shown whole, in the same element.
        assert node.find_all(cls="text")[0].text() == s.span.text


def test_render_sentences_keep_article_order(audit: ArticleAudit, html: str) -> None:
    positions = [html.index(f'id="s{s.index}"') for s in audit.sentences]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "index, sources, cues",
    [
        pytest.param(0, [], [], id="unattributed-no-marks"),
        pytest.param(1, ["The Pentagon"], ["said"], id="named-subject"),
        pytest.param(2, ["A U.S. official"], ["told"], id="recipient-not-marked"),
        pytest.param(3, ["A Pentagon spokesperson"], ["spokesperson confirmed"], id="overlap"),
        pytest.param(4, [], [], id="spans-outside-sentence-ignored"),
        pytest.param(5, ["The New York Times"], ["reported"], id="runner-up-not-marked"),
    ],
)
def test_render_marks_wrap_cue_and_source(doc: Node, index: int, sources: list[str], cues: list[str]) -> None:
    node = doc.by_id(f"s{index}")
    # A mark split by an overlap is still contiguous text: join adjacent pieces.
    assert _joined_marks(node, "source") == sources
    assert _joined_marks(node, "cue") == cues


def _joined_marks(node: Node, cls: str) -> list[str]:
    runs: list[str] = []
    previous_marked = False
    for child in node.find_all(cls="text")[0].children:
        marked = isinstance(child, Node) and cls in child.classes
        if marked:
            text = child.text()  # type: ignore[union-attr]
            if previous_marked:
                runs[-1] += text
            else:
                runs.append(text)
        previous_marked = marked
    return runs


def test_render_overlap_segment_carries_both_classes(doc: Node) -> None:
    both = [m for m in doc.by_id("s3").find_all("mark") if {"cue", "source"} <= m.classes]
    assert [m.text() for m in both] == ["spokesperson"]
    # Bold for the source and italics for the cue tell them apart without colour.
    assert both[0].find_all("b") and both[0].find_all("i")


@pytest.mark.parametrize(
    "marks, expected",
    [
        pytest.param([], [Segment("abcdef", ())], id="no-marks"),
        pytest.param([(None, "cue")], [Segment("abcdef", ())], id="none-span"),
        pytest.param(
            [(Span(12, 14, "cd"), "cue")],
            [Segment("ab", ()), Segment("cd", ("cue",)), Segment("ef", ())],
            id="inside",
        ),
        pytest.param(
            [(Span(10, 14, "abcd"), "source"), (Span(12, 16, "cdef"), "cue")],
            [Segment("ab", ("source",)), Segment("cd", ("source", "cue")), Segment("ef", ("cue",))],
            id="overlap",
        ),
        pytest.param(
            [(Span(12, 14, "cd"), "cue"), (Span(10, 16, "abcdef"), "source")],
            [Segment("ab", ("source",)), Segment("cd", ("source", "cue")), Segment("ef", ("source",))],
            id="nested",
        ),
        pytest.param([(Span(0, 5, "xxxxx"), "cue")], [Segment("abcdef", ())], id="before-sentence"),
        pytest.param([(Span(16, 20, "yyyy"), "cue")], [Segment("abcdef", ())], id="after-sentence"),
        pytest.param(
            [(Span(8, 12, "xxab"), "source")],
            [Segment("ab", ("source",)), Segment("cdef", ())],
            id="clipped-at-start",
        ),
        pytest.param([(Span(10, 16, "abcdef"), "cue")], [Segment("abcdef", ("cue",))], id="whole"),
    ],
)
def test_render_split_segments(marks: list[tuple[Span | None, str]], expected: list[Segment]) -> None:
    segments = split_segments("abcdef", 10, marks)
    assert segments == expected
    assert "".join(s.text for s in segments) == "abcdef"


def test_render_gap_newlines_start_paragraphs(doc: Node) -> None:
    def paragraph(index: int) -> Node:
        para = doc.by_id(f"s{index}").ancestor("p")
        assert para is not None and "para" in para.classes
        return para

    groups = [[0], [1, 2], [3, 4], [5, 6]]
    paras = [paragraph(group[0]) for group in groups]
    assert len({id(p) for p in paras}) == len(groups), "each newline gap starts a new paragraph"
    for group, para in zip(groups, paras):
        assert all(paragraph(i) is para for i in group), "a space gap keeps sentences together"
    # The space between sentences in one paragraph is kept as text.
    assert paras[1].text() == f"NAMED {S1} ANON {S2}"


def test_render_gap_text_outside_sentences_is_shown(audit: ArticleAudit) -> None:
    text = audit.text + "\nByline <b>here</b>"
    html = render_html(replace(audit, text=text))
    gaps = parse(html).find_all(cls="gap")
    assert [g.text() for g in gaps] == ["Byline <b>here</b>"]
    assert "Byline &lt;b&gt;here&lt;/b&gt;" in html


def test_render_embedded_json_round_trips(audit: ArticleAudit, doc: Node) -> None:
    script = doc.by_id("attrib-data")
    assert script.tag == "script" and script.attrs.get("type") == "application/json"
    assert json.loads(script.text()) == audit.to_dict()


def test_render_has_no_external_resources(html: str, doc: Node) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    for node in doc.iter():
        assert "src" not in node.attrs, node.tag
        assert node.tag not in {"link", "img", "iframe", "object", "embed"}
        href = node.attrs.get("href")
        assert href is None or href.startswith("#"), href
    scripts = doc.find_all("script")
    assert [s.attrs.get("type") for s in scripts] == ["application/json"]
    css = "".join(s.text() for s in doc.find_all("style"))
    assert css.strip(), "the stylesheet is inlined"
    assert not re.search(r"url\(|@import|https?:", css, re.I)


def test_render_header_shows_score_formula_and_counts(audit: ArticleAudit, doc: Node) -> None:
    header = doc.find_all("header")[0]
    text = " ".join(header.text().split())
    assert "Missiles reach Kyiv" in doc.find_all("h1")[0].text()
    assert "Missiles reach Kyiv" in doc.find_all("title")[0].text()
    for value in ("seeds/kyiv.txt", "0.1.0", "en_core_web_sm 3.8.0", "100 * 1.3 / 3 = 43", "Headlines are not scored."):
        assert value in text
    assert header.find_all(cls="score-value")[0].text().startswith("42")
    rows = {
        row.find_all("th")[0].text(): row.find_all(cls="count-n")[0].text()
        for row in header.find_all("tr", cls="count")
    }
    expected = {label: str(n) for label, n in audit.counts().items()}
    assert rows == {**expected, "total": str(len(audit.sentences))}


def test_render_score_none_shows_na() -> None:
    audit = make_audit()
    audit = replace(audit, score=replace(audit.score, value=None, note="no claim-bearing sentences"))
    header = parse(render_html(audit)).find_all("header")[0]
    assert header.find_all(cls="score-value")[0].text().strip() == "n/a"
    assert "no claim-bearing sentences" in header.text()


def test_render_title_falls_back_to_file_name() -> None:
    audit = replace(make_audit(), text="", sentences=(), path="drafts/story.txt")
    doc = parse(render_html(audit))
    assert doc.find_all("h1")[0].text() == "story.txt"


def test_render_why_panel_lists_evidence(audit: ArticleAudit, doc: Node) -> None:
    for s in audit.sentences:
        panel = doc.by_id(f"why-s{s.index}")
        assert panel.tag == "details"
        summary = panel.find_all("summary")[0]
        assert BADGE_TEXT[s.label] in summary.text() and s.why in summary.text()
    panel = doc.by_id("why-s2").find_all("dl")[0]
    fields = {dt.text(): dd.text() for dt, dd in zip(panel.find_all("dt"), panel.find_all("dd"))}
    assert fields["Label"] == "anonymous"
    assert fields["Rule"] == "anonymous.told"
    assert fields["Source rule"] == "anonymous.source"
    assert fields["Role"] == "main"
    assert fields["Cue"] == "told"
    assert fields["Source"] == "A U.S. official"
    assert fields["Recipient"].startswith("NPR")
    s5 = doc.by_id("why-s5")
    (row,) = s5.find_all("tbody")[0].find_all("tr")
    assert [td.text() for td in row.find_all("td")] == ["anonymous.citing", "anonymous", "nested", "citing", "officials"]
    assert "sentence s3" in doc.by_id("why-s4").text()
    assert "no attribution" in doc.by_id("why-s0").text()


def test_render_legend_lists_every_badge(doc: Node) -> None:
    legend = doc.find_all(cls="legend")[0]
    items = legend.find_all("li")
    badges = [b.text() for li in items for b in li.find_all(cls="badge")]
    assert badges == ["NAMED", "ANON", "PUB", "UNATTR"]


INJECTION = "</script><img src=x onerror=alert(1)>"


def test_render_injection_stays_inert() -> None:
    text = f"Breaking {INJECTION} news.\n{{{{ 7*7 }}}} is the answer, an official said."
    first = f"Breaking {INJECTION} news."
    second = "{{ 7*7 }} is the answer, an official said."
    audit = ArticleAudit(
        path="evil/<img src=x onerror=alert(2)>.txt",
        text=text,
        sentences=(
            sentence(
                text,
                0,
                first,
                "named",
                # Marks over the payload must be escaped like any other segment.
                Attribution("r.evil", "named", span_of(text, "news"), span_of(text, INJECTION), "r.src", "main"),
                why=f"named: {INJECTION} said {{{{ 7*7 }}}}",
            ),
            sentence(
                text,
                1,
                second,
                "anonymous",
                attribution(text, "anonymous.said", "anonymous", "said", "an official", second),
                others=(Attribution("r.o", "", span_of(text, "{{ 7*7 }}"), None, "r.none", "modifier"),),
            ),
        ),
        score=Score(None, {}, 0, 0.0, {}, f"{INJECTION} {{{{ 7*7 }}}}", note=INJECTION),
        model=INJECTION,
        attrib_version="0.1.0",
        notes=(INJECTION,),
    )
    html = render_html(audit)

    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("</script>") == html.count("<script") == 1
    doc = parse(html)
    assert not doc.find_all("img")
    assert not any(k.startswith("on") for node in doc.iter() for k in node.attrs)
    assert [s.attrs.get("id") for s in doc.find_all("script")] == ["attrib-data"]

    s0 = doc.by_id("s0")
    assert s0.find_all(cls="text")[0].text() == first
    assert [m.text() for m in s0.find_all("mark", "source")] == [INJECTION]
    s1 = doc.by_id("s1").text()
    assert "{{ 7*7 }}" in s1 and "49" not in s1
    assert "49" not in doc.by_id("why-s0").text() and "{{ 7*7 }}" in doc.by_id("why-s0").text()
    assert json.loads(doc.by_id("attrib-data").text()) == audit.to_dict()


def test_render_autoescape_is_on_for_report_template() -> None:
    env = render._environment(str(render.template_dir()))
    assert env.autoescape("report.html.j2") is True
    assert render._environment(str(render.template_dir())) is env, "the environment is cached"


def test_render_write_html_writes_the_page(audit: ArticleAudit, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_html(audit, str(target))
    assert target.read_text(encoding="utf-8") == render_html(audit)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_render_write_html_leaves_nothing_when_render_fails(
    audit: ArticleAudit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(_audit: ArticleAudit) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(render, "render_html", boom)
    with pytest.raises(RuntimeError):
        write_html(audit, tmp_path / "report.html")
    assert list(tmp_path.iterdir()) == []


def test_render_write_html_keeps_old_report_when_write_fails(
    audit: ArticleAudit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(render.os, "replace", boom)
    with pytest.raises(OSError):
        write_html(audit, target)
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]

"""The HTML report in a real browser: headless Chromium driven by playwright.

Debian's chromium (/usr/bin/chromium) is used through ``executable_path``; the
project never runs ``playwright install``. scripts/test.sh installs chromium
with apt-get and axe-core with npm; without them these tests skip and say why.
One browser serves the whole session, each test gets a fresh context.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from report_samples import INJECTION, TEMPLATE_PROBE, injection_audit, make_audit, make_score

from attrib.outputs.html import write_html, write_index
from attrib.records import ArticleAudit

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
AXE = ROOT / "tests" / ".node" / "node_modules" / "axe-core" / "axe.min.js"
VISIBLE_SENTENCES = (
    "Array.from(document.querySelectorAll('.article .sent')).filter(e => e.getClientRects().length > 0).map(e => e.id)"
)


@dataclass
class Opened:
    """A page and everything it reported while open."""

    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def visible_sentences(self) -> list[str]:
        return self.page.evaluate(VISIBLE_SENTENCES)

    def assert_quiet(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], self.dialogs
        # The document itself is the only thing the page may load.
        assert self.requests == [self.url], self.requests


@contextmanager
def opened(
    browser: Any, path: Path, *, js: bool = True, scheme: str = "light", **context_args: Any
) -> Iterator[Opened]:
    context_args.setdefault("viewport", {"width": 1100, "height": 900})
    context = browser.new_context(java_script_enabled=js, color_scheme=scheme, **context_args)
    try:
        url = path.resolve().as_uri()
        page = context.new_page()
        record = Opened(page, url)
        context.on("request", lambda request: record.requests.append(request.url))
        page.on("console", lambda m: record.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            record.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url)
        yield record
    finally:
        context.close()


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hand-built reports: the sample, a variant with empty toggles, the injection sample, an index."""
    folder = tmp_path_factory.mktemp("reports")
    sample = make_audit()
    sentences = tuple(replace(s, label="anonymous") if s.label == "publication" else s for s in sample.sentences)
    sparse = replace(sample, sentences=sentences, findings=tuple(f for f in sample.findings if f.severity != "info"))
    paths = {"sample": folder / "sample.html", "sparse": folder / "sparse.html", "injection": folder / "injection.html"}
    write_html(sample, paths["sample"])
    write_html(sparse, paths["sparse"])
    write_html(injection_audit(), paths["injection"])
    passing = tuple(f for f in sample.findings if f.severity != "error")
    others = [
        sample,
        make_audit(path="b.txt", score=make_score(value=12)),
        make_audit(path="c.txt", score=make_score(value=None), findings=passing),
    ]
    reports = [paths["sample"], folder / "b.html", folder / "c.html"]
    for audit, report in zip(others[1:], reports[1:]):
        write_html(audit, report)
    paths["index"] = folder / "index.html"
    write_index(others, reports, paths["index"])
    return paths


@pytest.fixture(scope="session")
def seed_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ArticleAudit, Path]]:
    """Reports of the seed articles from the real pipeline (needs the model)."""
    from attrib.pipeline import audit_path

    folder = tmp_path_factory.mktemp("seeds")
    out = {}
    for seed in SEEDS:
        audit = audit_path(seed)
        report = folder / f"{seed.stem}.html"
        write_html(audit, report)
        out[seed.stem] = (audit, report)
    return out


SEED_IDS = [seed.stem for seed in SEEDS]


# --- loads quietly --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sample", "injection", "index"])
def test_report_no_console_errors_or_network_requests(browser: Any, reports: dict[str, Path], name: str) -> None:
    with opened(browser, reports[name]) as tab:
        page = tab.page
        # Exercise the script: keys, a filter, a sort, a why panel link.
        page.keyboard.press("j")
        page.keyboard.press("k")
        if page.locator("#filters input:not([disabled])").count():
            page.locator("#filters input:not([disabled])").first.check()
            page.locator("button.reset").first.click()
        if page.locator("button.sort").count():
            page.locator("button.sort").nth(1).click()
        if page.locator(".sent.flagged a.badge").count():
            page.locator(".sent.flagged a.badge").first.click()
        tab.assert_quiet()


@pytest.mark.model
@pytest.mark.parametrize("stem", SEED_IDS)
def test_report_seed_loads_quietly_and_shows_every_sentence(browser: Any, seed_reports: dict, stem: str) -> None:
    audit, path = seed_reports[stem]
    with opened(browser, path) as tab:
        assert tab.visible_sentences() == [f"s{s.index}" for s in audit.sentences]
        tab.page.keyboard.press("j")
        tab.assert_quiet()


# --- filters -----------------------------------------------------------------------------------


def sentence_words(page: Any, index: int) -> str:
    """The text of sentence ``index`` as the page holds it, without its finding-code tags."""
    return page.evaluate(
        """i => { const t = document.querySelector('#s' + i + ' .text').cloneNode(true);
                  t.querySelectorAll('.flag-code').forEach(e => e.remove()); return t.textContent; }""",
        index,
    )


def embedded(page: Any) -> dict[str, Any]:
    return json.loads(page.text_content("#attrib-data"))


def toggle_count(page: Any, ident: str) -> int:
    return int(page.text_content(f"label[for={ident}] .n"))


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_report_label_toggles_show_only_that_label(browser: Any, reports: dict[str, Path], js: bool) -> None:
    with opened(browser, reports["sample"], js=js) as tab:
        page = tab.page
        data = embedded(page)
        everything = [f"s{s['index']}" for s in data["sentences"]]
        assert tab.visible_sentences() == everything
        assert not page.is_visible("#filter-status")

        page.click("label[for=filter-anonymous]")
        shown = tab.visible_sentences()
        assert shown == [f"s{s['index']}" for s in data["sentences"] if s["label"] == "anonymous"]
        assert len(shown) == toggle_count(page, "filter-anonymous") == 4
        # Only the margin notes of shown flagged sentences stay.
        notes = page.evaluate(
            "Array.from(document.querySelectorAll('.note')).filter(e => e.getClientRects().length).map(e => e.id)"
        )
        flagged = page.evaluate("Array.from(document.querySelectorAll('.sent.flagged')).map(e => e.id)")
        assert notes == [f"note-{i}" for i in shown if i in flagged] and notes
        assert page.is_visible("#filter-status")
        if js:
            assert page.inner_text("#filter-status").startswith(f"Showing {len(shown)} of {len(everything)} sentences")

        page.click("label[for=filter-publication]")  # toggles add up: anonymous or publication
        both = tab.visible_sentences()
        assert len(both) == toggle_count(page, "filter-anonymous") + toggle_count(page, "filter-publication")
        if js:
            assert page.inner_text("#filter-status").startswith(f"Showing {len(both)} of")

        page.click("#filter-status button.reset")
        assert tab.visible_sentences() == everything
        assert not page.is_visible("#filter-status")


@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_report_severity_toggles_show_sentences_with_findings(
    browser: Any, reports: dict[str, Path], severity: str
) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        findings = [f for f in embedded(page)["findings"] if f["severity"] == severity and f["suppression"] is None]
        page.click(f"label[for=filter-{severity}]")
        expected = sorted({f["sentence"] for f in findings})
        assert tab.visible_sentences() == [f"s{i}" for i in expected]
        assert toggle_count(page, f"filter-{severity}") == len(findings)
        assert page.get_attribute(f"#filter-{severity}", "data-sentences") == str(len(expected))


def test_report_zero_count_toggles_are_disabled(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sparse"]) as tab:
        page = tab.page
        assert page.is_disabled("#filter-publication") and page.is_disabled("#filter-info")
        assert page.is_enabled("#filter-anonymous") and page.is_enabled("#filter-error")
        page.evaluate("document.querySelector('label[for=filter-info]').click()")  # does nothing when disabled
        assert not page.is_checked("#filter-info")
        assert len(tab.visible_sentences()) == len(embedded(page)["sentences"])


# --- why panels, keys, sorting, copy --------------------------------------------------------


def test_report_why_panel_opens(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        assert not page.is_visible("#why-s2 .why-panel")
        page.click("#why-s2 > summary")
        assert page.get_attribute("#why-s2", "open") is not None
        assert page.is_visible("#why-s2 .why-panel")
        assert "A U.S. official" in page.inner_text("#why-s2 .why-panel")
        # With labels shown, an unflagged sentence's badge links to its panel, and the script opens it.
        assert not page.is_visible("#s3 a.badge") and not page.is_visible("#why-s3")
        page.click("label[for=show-labels]")
        page.click("#s3 a.badge")
        assert page.evaluate("location.hash") == "#why-s3"
        assert page.is_visible("#why-s3 .why-panel")
        assert "who wasn't authorized to speak publicly" in page.inner_text("#why-s3")
        tab.assert_quiet()


def test_report_keys_move_between_flagged_sentences(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        flagged = page.evaluate("Array.from(document.querySelectorAll('.article .sent.flagged')).map(e => e.id)")
        assert flagged == ["s2", "s5", "s6", "s7"]
        assert page.is_visible("#keys")
        active = []
        for key in ["j"] * 5 + ["k", "k"]:
            page.keyboard.press(key)
            active.append(page.evaluate("document.activeElement.id"))
        assert active == ["s2", "s5", "s6", "s7", "s7", "s6", "s5"]
        assert "first" not in page.inner_text("#js-status")
        page.keyboard.press("o")
        assert page.get_attribute("#why-s5", "open") is not None
        # Navigation skips sentences the filters hide.
        page.click("label[for=filter-error]")
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.id") == "s6"


def test_report_source_register_sorts(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        rows = "Array.from(document.querySelectorAll('#sources tbody tr')).map(r => r.id)"
        assert page.evaluate(rows) == ["src-S1", "src-S2", "src-S3", "src-S4", "src-S5"]
        mentions = page.locator("#sources thead button.sort", has_text="Mentions")
        mentions.click()
        assert page.get_attribute("#sources thead th:nth-child(3)", "aria-sort") == "ascending"
        assert page.evaluate(rows)[-1] == "src-S2", "two mentions sort last"
        mentions.click()
        assert page.get_attribute("#sources thead th:nth-child(3)", "aria-sort") == "descending"
        assert page.evaluate(rows)[0] == "src-S2"
        page.locator("#sources thead button.sort", has_text="Source").click()
        assert page.evaluate(rows) == ["src-S1", "src-S2", "src-S3", "src-S4", "src-S5"]


def test_report_index_sorts_by_verdict_and_score(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["index"]) as tab:
        page = tab.page
        column = "Array.from(document.querySelectorAll('tbody tr td:nth-child({n})')).map(c => c.textContent.trim())"
        verdicts, scores = column.replace("{n}", "1"), column.replace("{n}", "3")
        # Failing first, lowest score first: c.txt passes (its only error is gone), b.txt fails on its error.
        assert page.evaluate(verdicts) == ["FAIL", "FAIL", "PASS"]
        assert page.evaluate(scores) == ["12", "45", "n/a"]
        page.locator("button.sort", has_text="Score").click()
        assert page.evaluate(scores) == ["n/a", "12", "45"]
        page.locator("button.sort", has_text="Verdict").click()
        assert page.evaluate(verdicts)[0] == "FAIL"
        page.locator("button.sort", has_text="Verdict").click()
        assert page.evaluate(verdicts)[0] == "PASS"
        tab.assert_quiet()
        page.locator("tbody a", has_text="seeds/kyiv.txt").click()
        assert page.url.endswith("/sample.html")


def test_report_copies_the_embedded_json(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.click("button.copy-json")
        page.wait_for_function("document.getElementById('js-status').textContent.length > 0")
        assert page.inner_text("#js-status") == "Audit JSON copied."
        assert json.loads(page.evaluate("navigator.clipboard.readText()")) == make_audit().to_dict()


# --- without JavaScript, without CSS, print, dark --------------------------------------------


VISIBLE_BADGES = (
    "Array.from(document.querySelectorAll('.article .sent > .badge'))"
    ".filter(b => b.getClientRects().length > 0).map(b => b.parentElement.id + ' ' + b.innerText)"
)


def test_report_without_js_shows_every_sentence_and_badges_on_demand(browser: Any, reports: dict[str, Path]) -> None:
    audit = make_audit()
    with opened(browser, reports["sample"], js=False) as tab:
        page = tab.page
        assert tab.visible_sentences() == [f"s{s.index}" for s in audit.sentences]
        # Quiet by default: only flagged sentences wear their badge; "Show labels" (CSS only) shows them all.
        assert page.evaluate(VISIBLE_BADGES) == ["s2 ANON", "s5 UNATTR", "s6 PUB", "s7 ANON"]
        page.click("label[for=show-labels]")
        badges = page.evaluate(VISIBLE_BADGES)
        assert badges == [
            f"s{s.index} "
            + {"named": "NAMED", "anonymous": "ANON", "publication": "PUB", "unattributed": "UNATTR"}[s.label]
            for s in audit.sentences
        ]
        assert page.evaluate("document.documentElement.classList.contains('js')") is False
        assert page.locator("button.sort").count() == 0 and page.locator("button.copy-json").count() == 0
        assert not page.is_visible("#keys")
        page.click("#why-s6 > summary")  # <details> needs no script
        assert page.is_visible("#why-s6 table.others")
        tab.assert_quiet()


def test_report_readable_with_css_and_scripts_blocked(browser: Any, reports: dict[str, Path]) -> None:
    # Jenkins serves artifacts with a CSP that blocks inline style and script: simulate it.
    html = reports["sample"].read_text(encoding="utf-8")
    blocked = html.replace(
        "<head>", '<head>\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">', 1
    )
    path = reports["sample"].with_name("blocked.html")
    path.write_text(blocked, encoding="utf-8")
    audit = make_audit()
    with opened(browser, path) as tab:
        page = tab.page
        assert page.evaluate("getComputedStyle(document.querySelector('.badge')).borderLeftWidth") == "0px", (
            "CSS is off"
        )
        assert page.evaluate("document.documentElement.classList.contains('js')") is False, "script is off"
        for s in audit.sentences:
            assert page.is_visible(f"#s{s.index}")
            assert sentence_words(page, s.index) == s.span.text
        assert page.evaluate(
            "Array.from(document.querySelectorAll('.article .sent > .badge')).map(b => b.innerText)"
        ) == [
            {"named": "NAMED", "anonymous": "ANON", "publication": "PUB", "unattributed": "UNATTR"}[s.label]
            for s in audit.sentences
        ]
        assert page.locator("ul.legend-list > li").count() == 7
        assert page.locator("details.why").count() == len(audit.sentences) - 2, "none for s0 and s8"
        assert not page.is_visible("#filter-status") and not page.is_visible("#keys")


def test_report_print_hides_controls_and_opens_panels(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        page.click("label[for=filter-error]")  # a filter left on must not cut the printout
        page.emulate_media(media="print")
        assert not page.is_visible("nav.toolbar")
        assert not page.is_visible("#filters") and not page.is_visible("#filter-status")
        assert len(tab.visible_sentences()) == len(make_audit().sentences)
        assert page.is_visible("#s2 .badge") and page.is_visible("#findings")
        # Closed panels print open: by CSS (::details-content) and by the beforeprint handler.
        assert page.get_attribute("#why-s2", "open") is None
        assert page.is_visible("#why-s2 .why-panel")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.evaluate("Array.from(document.querySelectorAll('details')).every(d => d.open)")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.evaluate("Array.from(document.querySelectorAll('details')).every(d => !d.open)")
        page.emulate_media(media="screen")
        assert page.is_visible("nav.toolbar")
        tab.assert_quiet()


UNDERLINES = """Array.from(document.querySelectorAll('.article .sent')).map(e => {
  const s = getComputedStyle(e.querySelector('.text'));
  return [e.dataset.label, s.textDecorationLine, s.textDecorationStyle, s.textDecorationColor];
})"""


def test_report_underline_style_per_label_in_okabe_ito(browser: Any, reports: dict[str, Path]) -> None:
    expected = {
        "named": ("underline", "solid", "rgb(0, 114, 178)"),
        "anonymous": ("underline", "dashed", "rgb(230, 159, 0)"),
        "publication": ("underline", "dotted", "rgb(0, 158, 115)"),
    }
    with opened(browser, reports["sample"]) as tab:
        quiet = tab.page.evaluate(UNDERLINES)
        assert {line for _, line, _, _ in quiet} == {"none"}, "unflagged sentences stay quiet"
        tab.page.click("label[for=show-labels]")
        seen = set()
        for label, line, style, colour in tab.page.evaluate(UNDERLINES):
            seen.add(label)
            if label == "unattributed":
                assert line == "none"
            else:
                assert (line, style, colour) == expected[label], label
        assert seen == {"named", "anonymous", "publication", "unattributed"}
        flag = tab.page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('#s2 mark.flag'));"
            " return [s.textDecorationStyle, s.textDecorationColor]; })()"
        )
        assert flag == ["wavy", "rgb(213, 94, 0)"]
        suppressed = tab.page.evaluate(
            "getComputedStyle(document.querySelector('#s7 mark.suppressed')).textDecorationColor"
        )
        assert suppressed == "rgb(204, 121, 167)"


def test_report_index_works_without_js(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["index"], js=False) as tab:
        page = tab.page
        assert page.locator("button.sort").count() == 0
        links = page.evaluate("Array.from(document.querySelectorAll('tbody a')).map(a => a.getAttribute('href'))")
        assert links == ["b.html", "sample.html", "c.html"]
        assert page.is_visible("tbody tr:nth-child(3)")
        tab.assert_quiet()


def luminance(rgb: str) -> float:
    values = [float(v) for v in re.findall(r"[\d.]+", rgb)[:3]]

    def channel(v: float) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in values)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


BADGE_COLOURS = """Array.from(document.querySelectorAll('.badge, .sev')).map(b => {
  const s = getComputedStyle(b);
  return [b.className, s.color, s.backgroundColor];
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_report_badge_text_contrast(browser: Any, reports: dict[str, Path], scheme: str) -> None:
    with opened(browser, reports["sample"], scheme=scheme) as tab:
        page = tab.page
        body = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
        dark_page = luminance(body[1]) < 0.05
        assert dark_page == (scheme == "dark"), body
        colours = page.evaluate(BADGE_COLOURS)
        assert len({c[0] for c in colours}) >= 7, "every label and severity badge is measured"
        for name, fg, bg in colours:
            assert "rgba(0, 0, 0, 0)" not in bg, name
            assert contrast(fg, bg) >= 4.5, (scheme, name, fg, bg, round(contrast(fg, bg), 2))
        # Dark mode has tints of its own, not the light ones inverted or reused.
        tint = page.evaluate("getComputedStyle(document.querySelector('.badge.anonymous')).backgroundColor")
        assert (luminance(tint) < 0.1) == (scheme == "dark"), tint


# --- safety -------------------------------------------------------------------------------------


def test_report_injection_is_inert_in_the_browser(browser: Any, reports: dict[str, Path]) -> None:
    audit = injection_audit()
    with opened(browser, reports["injection"]) as tab:
        page = tab.page
        page.wait_for_timeout(100)  # give an injected handler every chance to fire
        assert page.locator("img").count() == 0
        assert page.evaluate("document.querySelectorAll('[onerror], [onload], [onclick]').length") == 0
        assert page.evaluate("document.scripts.length") == 2
        assert [sentence_words(page, s.index) for s in audit.sentences] == [s.span.text for s in audit.sentences]
        assert INJECTION in page.inner_text("#s0") and TEMPLATE_PROBE in page.inner_text("#s1")
        assert "49" not in page.inner_text("main")
        assert INJECTION in page.inner_text("#findings") and INJECTION in page.inner_text("#sources")
        assert embedded(page) == audit.to_dict()
        tab.assert_quiet()


# --- screenshots and accessibility -----------------------------------------------------------


def pixel_spread(png: bytes) -> tuple[float, int]:
    """Standard deviation of the grey levels and the number of distinct colours."""
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(png)).convert("RGB")
    grey = ImageStat.Stat(image.convert("L"))
    return grey.stddev[0], len(image.getcolors(maxcolors=1 << 20) or ())


@pytest.mark.model
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("stem", SEED_IDS)
def test_report_seed_screenshot_is_not_blank(
    browser: Any, seed_reports: dict, tmp_path: Path, stem: str, scheme: str
) -> None:
    pytest.importorskip("PIL", reason="pillow is not installed: pip install -e '.[test]'")
    _, path = seed_reports[stem]
    with opened(browser, path, scheme=scheme) as tab:
        shot = tmp_path / f"{stem}-{scheme}.png"
        png = tab.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        spread, colours = pixel_spread(png)
        assert spread > 10 and colours > 50, (spread, colours)
        tab.assert_quiet()


def axe_violations(page: Any) -> list[str]:
    if not AXE.is_file():
        pytest.skip(
            f"axe-core is not installed at {AXE.relative_to(ROOT)}: scripts/test.sh runs "
            "npm install --prefix tests/.node axe-core@4"
        )
    # Open every panel so their contents are checked too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["sample", "index"])
def test_report_axe_finds_no_serious_violations(browser: Any, reports: dict[str, Path], name: str, scheme: str) -> None:
    with opened(browser, reports[name], scheme=scheme) as tab:
        assert axe_violations(tab.page) == []


@pytest.mark.model
@pytest.mark.parametrize("stem", SEED_IDS)
def test_report_axe_on_seed_reports(browser: Any, seed_reports: dict, stem: str) -> None:
    _, path = seed_reports[stem]
    with opened(browser, path) as tab:
        assert axe_violations(tab.page) == []


# --- the editor's first screen ------------------------------------------------------------------

FIXTURE = ROOT / "tests" / "fixtures" / "report" / "harbour-bridge.txt"


@pytest.mark.model
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_report_first_screen_shows_verdict_and_first_problem(browser: Any, tmp_path: Path, scheme: str) -> None:
    """At 1400x900, a 35-sentence article: the verdict, the grade and the first flagged sentence in context."""
    from attrib.pipeline import audit_path

    audit = audit_path(FIXTURE)
    assert len(audit.sentences) >= 30, "a real-length article"
    report = tmp_path / "harbour.html"
    write_html(audit, report)
    first = min(f.sentence for f in audit.findings if f.suppression is None)
    with opened(browser, report, scheme=scheme, viewport={"width": 1400, "height": 900}) as tab:
        page = tab.page

        def box(selector: str) -> dict[str, float]:
            found = page.locator(selector).first.bounding_box()
            assert found is not None, selector
            return found

        for selector in ("#verdict .verdict-word", "#verdict .grade", f"#s{first}", f"#note-s{first}"):
            b = box(selector)
            assert b["y"] >= 0 and b["y"] + b["height"] <= 900, (selector, b)
        assert page.inner_text("#verdict .verdict-word") == "FAIL"
        assert page.inner_text("#verdict .grade").startswith("Grade ")
        # The note sits beside its sentence, in the margin, not above or below it.
        sentence, note = box(f"#s{first}"), box(f"#note-s{first}")
        assert note["x"] > sentence["x"] + sentence["width"] - 1
        assert abs(note["y"] - sentence["y"]) < 120
        tab.assert_quiet()


def test_report_questions_copy_as_plain_text(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.click("button.copy-questions")
        page.wait_for_function("document.getElementById('js-status').textContent.length > 0")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Questions for the reporter: Missiles reach Kyiv\n")
        assert "- Who exactly says this, and how many? Can one of them be named and quoted?" in copied
        assert "<" not in copied


def test_report_keyboard_reaches_every_flagged_sentence_and_its_note(browser: Any, reports: dict[str, Path]) -> None:
    with opened(browser, reports["sample"]) as tab:
        page = tab.page
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.id") == "s2"
        page.keyboard.press("o")
        assert page.is_visible("#why-s2 .why-panel") and page.is_visible("#note-s2")

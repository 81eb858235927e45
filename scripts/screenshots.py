"""Regenerate the README screenshots: the HTML report (light and dark) and an annotated Word draft.

The report: audits a seed article with the real pipeline, renders its report
and takes the first screen (1400x900, as an editor's laptop shows it) in
headless Chromium (Debian's /usr/bin/chromium through playwright, as the
browser tests do). The Word draft: writes tests/fixtures/report/harbour-bridge.txt
as a .docx (a heading, a byline, paragraphs), runs `attrib annotate` on it,
and renders the first page of the reviewed copy with LibreOffice (headless,
to PDF) and pdftoppm. Needs the test extra, and for the .docx shot Debian's
libreoffice-writer and poppler-utils (screenshots only; no test needs them):

    .venv/bin/python scripts/screenshots.py [--seed seeds/npr-atacms.txt] [--out docs] [--skip-docx]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "tests" / "fixtures" / "report" / "harbour-bridge.txt"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def report_shots(seed: Path, out: Path, chromium: str, width: int, height: int) -> None:
    from playwright.sync_api import sync_playwright

    from attrib.outputs.html import write_html
    from attrib.pipeline import audit_path

    # The report shows the path as given: keep it relative to the checkout, as a user would type it.
    shown = seed.relative_to(ROOT) if seed.is_relative_to(ROOT) else seed
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        os.chdir(ROOT)
        write_html(audit_path(shown), report)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    viewport={"width": width, "height": height}, color_scheme=scheme, device_scale_factor=1
                )
                page.goto(report.as_uri())
                target = out / f"report-{scheme}.png"
                page.screenshot(path=str(target))
                page.close()
                print(target)
            browser.close()


def word_draft(text: str, path: Path) -> None:
    """The plain-text draft as a Word document: the first line a heading, short lines a byline, then paragraphs."""
    import docx

    document = docx.Document()
    lines = [line for line in text.splitlines() if line.strip()]
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        paragraph = document.add_paragraph(line)
        if len(line) < 40:  # byline and timestamp
            paragraph.runs[0].italic = True
    document.save(str(path))


def docx_shot(out: Path, dpi: int) -> None:
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise SystemExit(
            "the .docx screenshot needs LibreOffice and pdftoppm: "
            "apt-get install libreoffice-writer poppler-utils (or pass --skip-docx)"
        )
    from click.testing import CliRunner

    from attrib.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = folder / "harbour-bridge.docx"
        word_draft(DRAFT.read_text(encoding="utf-8"), draft)
        result = CliRunner().invoke(main, ["annotate", str(draft)])
        if result.exit_code != 0:
            raise SystemExit(result.output)
        print(result.output.strip())
        reviewed = folder / "harbour-bridge.attrib.docx"
        profile = (folder / "profile").as_uri()
        # Comments go into the PDF as annotations at their anchors (LibreOffice 7.4 cannot print them in the margin).
        export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                export,
                "--outdir",
                str(folder),
                str(reviewed),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                str(dpi),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(folder / "harbour-bridge.attrib.pdf"),
                str(folder / "page"),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        target = out / "annotate-docx.png"
        pdf = (folder / "harbour-bridge.attrib.pdf").read_bytes()
        with_margin(folder / "page.png", first_page_notes(pdf), dpi, target)
        print(target)


def first_page_notes(pdf: bytes) -> list[tuple[float, float, str]]:
    """(x, y from the top, in points) and text of each comment LibreOffice exported on page 1."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}
    page = next(body for body in objects.values() if re.search(rb"/Type\s*/Page\b", body))
    height = float(re.search(rb"/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)", page).group(1))
    found = re.search(rb"/Annots\s*\[([^\]]*)\]", page)
    notes = []
    for number in re.findall(rb"(\d+) 0 R", found.group(1) if found else b""):
        body = objects.get(int(number), b"")
        rect = re.search(rb"/Rect\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", body)
        contents = re.search(rb"/Contents\s*<([0-9A-Fa-f]+)>", body)
        if rect and contents:
            text = bytes.fromhex(contents.group(1).decode()).decode("utf-16")
            notes.append((float(rect.group(1)), height - float(rect.group(4)), text))
    return sorted(notes, key=lambda n: (n[1], n[0]))


def with_margin(page_png: Path, notes: list[tuple[float, float, str]], dpi: int, target: Path) -> None:
    """The page with a review margin: each comment in a balloon beside its line, joined to its anchor."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    page = Image.open(page_png).convert("RGB")
    scale, margin = dpi / 72, 430
    canvas = Image.new("RGB", (page.width + margin, page.height), "#f3f3f3")
    canvas.paste(page, (0, 0))
    draw = ImageDraw.Draw(canvas)
    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    font = ImageFont.truetype(font_path, 12) if Path(font_path).exists() else ImageFont.load_default()
    bold_path = font_path.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    bold = ImageFont.truetype(bold_path, 12) if Path(bold_path).exists() else font
    top = 8
    for x, y, text in notes:
        lines = [wrapped for part in text.splitlines() for wrapped in textwrap.wrap(part, 58)][:7]
        box_top = max(top, int(y * scale) - 6)
        box_height = 20 + 15 * len(lines)
        if box_top + box_height > canvas.height:
            break
        left = page.width + 12
        draw.rectangle((left, box_top, canvas.width - 10, box_top + box_height), fill="#fff8e1", outline="#d55e00")
        draw.text((left + 8, box_top + 4), "attrib", font=bold, fill="#1b1b1b")
        for i, line in enumerate(lines):
            draw.text((left + 8, box_top + 19 + 15 * i), line, font=font, fill="#1b1b1b")
        anchor = (int(x * scale), int(y * scale) + 10)
        draw.line((anchor, (page.width - 4, anchor[1]), (left, box_top + 10)), fill="#d55e00", width=1)
        top = box_top + box_height + 6
    canvas.save(target)


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=ROOT / "seeds" / "npr-atacms.txt", help="article to audit")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable")
    parser.add_argument("--width", type=int, default=1400, help="viewport width in CSS pixels")
    parser.add_argument("--height", type=int, default=900, help="viewport height: the shot is the first screen")
    parser.add_argument("--dpi", type=int, default=80, help="resolution of the .docx page image")
    parser.add_argument("--skip-docx", action="store_true", help="only the report screenshots")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    report_shots(args.seed.resolve(), args.out, args.chromium, args.width, args.height)
    if not args.skip_docx:
        docx_shot(args.out, args.dpi)
    return 0


if __name__ == "__main__":
    sys.exit(main())

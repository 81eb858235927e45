"""Regenerate the README screenshots of the HTML report (docs/report-light.png, docs/report-dark.png).

Audits a seed article with the real pipeline, renders its report and takes one
screenshot per colour scheme in headless Chromium (Debian's /usr/bin/chromium
through playwright, as the browser tests do). Needs the test extra:

    .venv/bin/python scripts/screenshots.py [--seed seeds/npr-atacms.txt] [--out docs]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(argv: list[str] | None = None) -> int:
    """Write one screenshot per colour scheme; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=ROOT / "seeds" / "npr-atacms.txt", help="article to audit")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for report-light.png and report-dark.png")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable")
    parser.add_argument("--width", type=int, default=1200, help="viewport width in CSS pixels")
    parser.add_argument("--height", type=int, default=2200, help="viewport height; the shot shows the top of the page")
    parser.add_argument("--open", default="s4", metavar="SENTENCE", help="sentence whose why panel is opened")
    args = parser.parse_args(argv)
    seed = args.seed.resolve()
    # The report shows the path as given: keep it relative to the checkout, as a user would type it.
    shown = seed.relative_to(ROOT) if seed.is_relative_to(ROOT) else seed

    from playwright.sync_api import sync_playwright

    from attrib.pipeline import audit_path
    from attrib.outputs.html import write_html

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        os.chdir(ROOT)
        write_html(audit_path(shown), report)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=LAUNCH_ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    viewport={"width": args.width, "height": args.height}, color_scheme=scheme, device_scale_factor=1
                )
                page.goto(report.as_uri())
                page.evaluate("id => { const d = document.getElementById('why-' + id); if (d) d.open = true; }", args.open)
                target = args.out / f"report-{scheme}.png"
                page.screenshot(path=str(target))
                page.close()
                print(target)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Hostile sample files shared by tests/test_hostile_inputs.py and benchmarks/{soak,bombs}.py."""

from __future__ import annotations

import io
import zipfile


def docx_with_body(body_xml: str) -> bytes:
    """A real .docx (python-docx's blank document) whose body starts with `body_xml` (WordprocessingML)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Hello there.")
    saved = io.BytesIO()
    document.save(saved)
    source = zipfile.ZipFile(io.BytesIO(saved.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                at = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:at] + body_xml + xml[at:]).encode()
            package.writestr(info.filename, data)
    return out.getvalue()

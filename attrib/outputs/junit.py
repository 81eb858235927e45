"""`-f junit`: JUnit XML, one test case per file, for CI systems that chart test reports.

A file that fails the policy (--fail-under, --fail-level) gets a `<failure>`
listing the reasons and the findings shown; an input that could not be read
gets an `<error>`. Passing files list their findings in `<system-out>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from attrib.outputs import Options, Run
from attrib.outputs.text import finding_line, summary_line

# Characters XML 1.0 cannot carry at all, even as references (ElementTree would write them raw).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    """`value` with every character XML forbids shown as an escape (``\\x1b``), so the document stays valid."""
    return _NOT_XML.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), value)


def _sanitise(root: ET.Element) -> None:
    for element in root.iter():
        element.attrib.update({key: _xml_safe(value) for key, value in element.attrib.items()})
        if element.text:
            element.text = _xml_safe(element.text)


def render(run: Run, options: Options) -> str:
    """The JUnit XML document (UTF-8 declaration, stable attribute order)."""
    tests = len(run.files) + len(run.errors)
    failures = len(run.failed)
    root = ET.Element(
        "testsuites", name="attrib", tests=str(tests), failures=str(failures), errors=str(len(run.errors))
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        name="attrib",
        tests=str(tests),
        failures=str(failures),
        errors=str(len(run.errors)),
        skipped="0",
    )
    for result in run.files:
        path = result.audit.path
        case = ET.SubElement(suite, "testcase", classname="attrib", name=path, file=path)
        details = "\n".join([summary_line(result.audit), *(finding_line(path, f) for f in result.shown)])
        if result.failures:
            failure = ET.SubElement(case, "failure", message="; ".join(result.failures), type="attrib.policy")
            failure.text = details
        else:
            ET.SubElement(case, "system-out").text = details
    for path, reason in run.errors:
        case = ET.SubElement(suite, "testcase", classname="attrib", name=path, file=path)
        ET.SubElement(case, "error", message=reason, type="attrib.input").text = f"{path}: {reason}"
    _sanitise(root)  # file names and article text may hold control characters
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"]
    )

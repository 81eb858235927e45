"""The one pass: policy before the score, the API equal to the CLI, one vocabulary everywhere.

Each test pins a bug the single pass fixed: a finding the policy drops or
suppresses used to keep its score penalty (SC202, the unconfirmed relay);
`audit_path` ignored the inline markers the CLI honours; the house vocabulary
did not reach the register and the checks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from attrib.cli import main

ROOT = Path(__file__).resolve().parent.parent
RELAY = (ROOT / "seeds" / "nyt-relay-atacms.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.model


def cli_json(*args: Any) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["audit", "--no-html", "--exit-zero", "-f", "json", *map(str, args)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["files"]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "relay.txt").write_text(RELAY, encoding="utf-8")
    return tmp_path


def _codes(audit: dict[str, Any]) -> set[str]:
    return {f["code"] for f in audit["findings"] if f["suppression"] is None}


def test_pipeline_ignored_sc202_no_longer_costs_score(work: Path) -> None:
    [plain] = cli_json("relay.txt", "--isolated")
    assert "SC202" in _codes(plain)
    assert any("unconfirmed relay" in term["name"] for term in plain["score"]["terms"])
    (work / "attrib.toml").write_text('ignore = ["SC202"]\n', encoding="utf-8")
    [ignored] = cli_json("relay.txt")
    assert "SC202" not in {f["code"] for f in ignored["findings"]}
    assert not any("unconfirmed relay" in term["name"] for term in ignored["score"]["terms"])
    assert ignored["score"]["value"] > plain["score"]["value"]
    # --isolated --no-suppress gives the comparable, unsuppressed score
    assert cli_json("relay.txt", "--isolated", "--no-suppress")[0]["score"] == plain["score"]


@pytest.mark.parametrize("how", ["inline", "per-file", "baseline"])
def test_pipeline_suppressed_sc202_no_longer_costs_score(work: Path, how: str) -> None:
    [plain] = cli_json("relay.txt", "--isolated")
    args: list[str] = []
    if how == "inline":
        (work / "relay.md").write_text(
            "<!-- attrib: disable-file[SC202] reason: a roundup by design -->\n\n" + RELAY, encoding="utf-8"
        )
        name = "relay.md"
    else:
        name = "relay.txt"
        if how == "per-file":
            (work / "attrib.toml").write_text('[per-file-ignores]\n"relay.txt" = ["SC202"]\n', encoding="utf-8")
        else:
            cli_json("relay.txt", "--isolated", "--no-suppress", "--write-baseline", "all.json")
            document = json.loads((work / "all.json").read_text(encoding="utf-8"))
            document["findings"] = [e for e in document["findings"] if e["code"] == "SC202"]
            (work / "b.json").write_text(json.dumps(document), encoding="utf-8")
            args = ["--baseline", "b.json"]
    [suppressed] = cli_json(name, *args)
    [sc202] = [f for f in suppressed["findings"] if f["code"] == "SC202"]
    assert sc202["suppression"]["kind"] == how
    assert suppressed["score"]["value"] > plain["score"]["value"]
    assert not any("unconfirmed relay" in term["name"] for term in suppressed["score"]["terms"])


def test_pipeline_write_baseline_accepts_and_rescores(work: Path) -> None:
    [plain] = cli_json("relay.txt", "--isolated")
    [written] = cli_json("relay.txt", "--isolated", "--write-baseline", "b.json")
    assert all(f["suppression"]["kind"] == "baseline" for f in written["findings"])
    [again] = cli_json("relay.txt", "--isolated", "--baseline", "b.json")
    assert written == again  # accepting after the pass equals applying it in the pass
    assert written["score"]["value"] > plain["score"]["value"]


STORY = """# Bridge talks

<!-- attrib: ignore[AN101] reason: the source is a minor -->
A senior official said the talks would resume on Monday.

<!-- attrib: ignore[WE302] -->
As is known, the bridge has been closed for a year.
"""


def test_pipeline_api_equals_cli_with_inline_suppressions(work: Path) -> None:
    from attrib import audit_path, audit_text
    from attrib.inputs import read_path
    from attrib.pipeline import audit_many, load_nlp

    (work / "story.md").write_text(STORY, encoding="utf-8")
    [cli] = cli_json("story.md", "--isolated")
    api = audit_path("story.md").to_dict()
    assert api == cli
    kinds = {f["code"]: f["suppression"] and f["suppression"]["kind"] for f in api["findings"]}
    assert kinds["AN101"] == "inline" and kinds["SP901"] is None  # the marker without a reason
    [batched] = list(audit_many(load_nlp(), [read_path("story.md")]))  # attrib batch's path
    assert batched.to_dict() == cli
    # plain text carries no markers: the string API and the CLI agree on .txt too
    (work / "plain.txt").write_text("A senior official said the talks would resume on Monday.\n", encoding="utf-8")
    assert (
        audit_text((work / "plain.txt").read_text(encoding="utf-8"), "plain.txt").to_dict()
        == cli_json("plain.txt", "--isolated")[0]
    )


def test_pipeline_api_takes_the_cli_config(work: Path) -> None:
    from attrib import audit_path
    from attrib.config import Resolver

    (work / "attrib.toml").write_text('ignore = ["SC202"]\n[severity]\nAN101 = "warning"\n', encoding="utf-8")
    config = Resolver().for_path("relay.txt")
    assert audit_path("relay.txt", config=config).to_dict() == cli_json("relay.txt")[0]


# -- one vocabulary owner ---------------------------------------------------------------------

HOUSE_OUTLET = "A source close to the talks told the Kyiv Bugle that the deal was done.\n"
PACKAGED_OUTLET = "A source close to the talks told Reuters that the deal was done.\n"


def test_pipeline_vocab_outlet_reaches_register_and_checks(work: Path) -> None:
    from attrib import audit_text
    from attrib.config import Config

    (work / "house.txt").write_text(HOUSE_OUTLET, encoding="utf-8")
    (work / "packaged.txt").write_text(PACKAGED_OUTLET, encoding="utf-8")
    assert "SC201" in _codes(cli_json("packaged.txt", "--isolated")[0])
    assert "SC201" not in _codes(cli_json("house.txt", "--isolated")[0])  # not an outlet we know of
    (work / "attrib.toml").write_text('[vocab]\noutlets = ["Kyiv Bugle"]\n', encoding="utf-8")
    [house] = cli_json("house.txt")
    [sc201] = [f for f in house["findings"] if f["code"] == "SC201"]
    assert "Kyiv Bugle" in sc201["message"]
    [outlet] = [s for s in house["sources"] if s["label"] == "publication"]
    assert outlet["text"] == "the Kyiv Bugle"
    api = audit_text(HOUSE_OUTLET, "house.txt", config=Config(vocab={"outlets": ("kyiv bugle",)}))
    assert "SC201" in {f.code for f in api.findings}


def test_pipeline_only_the_loader_reads_lexicon_files() -> None:
    """No module but attrib/engine/rules.py names a lexicon file or the functions that read one."""
    import ast

    from attrib.engine.rules import lexicon_names

    readers = {"read_lexicon", "lexicon_names", "_rules_dir"}
    lexicons = set(lexicon_names())
    offenders = []
    for path in sorted((ROOT / "attrib").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() == "attrib/engine/rules.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            name = (
                node.id
                if isinstance(node, ast.Name)
                else node.attr
                if isinstance(node, ast.Attribute)
                else node.name
                if isinstance(node, ast.alias)
                else None
            )
            text = (
                node.value
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                else ""
            )
            if (
                (name is not None and name.split(".")[-1] in readers)
                or "lexicons" in text
                or text.endswith(".txt")
                and text[:-4] in lexicons
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# -- one home per definition --------------------------------------------------------------------


def _definitions(kinds: tuple[type, ...], name: Any) -> list[str]:
    """Where attrib/ defines a class or assigns a module constant whose name matches `name`."""
    import ast

    found = []
    for path in sorted((ROOT / "attrib").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = (
                [node.name]
                if isinstance(node, ast.ClassDef)
                else [t.id for t in node.targets if isinstance(t, ast.Name)]
                if isinstance(node, ast.Assign)
                else []
            )
            found += [f"{path.relative_to(ROOT).as_posix()}:{n}" for n in names if isinstance(node, kinds) and name(n)]
    return found


def test_pipeline_every_error_class_lives_in_attrib_errors() -> None:
    """Every error class attrib defines is in attrib/errors.py.

    (EvalError and FlagError are eval records, not exceptions; TextLimit and the
    server's Refusal are control-flow signals kept beside the code that catches them.)
    """
    import ast

    found = []
    for path in sorted((ROOT / "attrib").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.ClassDef)
                and node.name.endswith("Error")
                and any(isinstance(base, ast.Name) and base.id.endswith(("Error", "Exception")) for base in node.bases)
            ):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{node.name}")
    assert found and all(where.startswith("attrib/errors.py:") for where in found), found


def test_pipeline_shared_constants_and_helpers_are_defined_once() -> None:
    import ast

    for constant in ("FURNITURE", "SEVERITY_RANK", "SEVERITIES", "LABELS", "BLOCKS"):
        assert _definitions((ast.Assign,), lambda n, c=constant: n == c) == [f"attrib/records.py:{constant}"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "attrib").rglob("*.py") if p.name != "errors.py")
    assert "splitlines()[0]" not in source  # one helper: attrib.errors.first_line


def test_pipeline_enums_are_the_json_strings() -> None:
    import json as json_module

    from attrib.errors import first_line
    from attrib.records import BLOCKS, LABELS, SEVERITIES, SEVERITY_RANK, BlockKind, Label, Severity

    assert LABELS == ("named", "anonymous", "publication", "unattributed") == tuple(Label)
    assert SEVERITIES == ("info", "warning", "error") and SEVERITY_RANK["error"] > SEVERITY_RANK["info"]
    assert tuple(BlockKind) == BLOCKS and BlockKind.CAPTION == "caption"
    assert (
        json_module.dumps({"label": Label.NAMED, "severity": Severity.ERROR})
        == '{"label": "named", "severity": "error"}'
    )
    assert first_line(ValueError("\n  first\nsecond")) == "first" and first_line(ValueError()) == ""

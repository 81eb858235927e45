"""Golden tests: every seed and regression case against its stored audit.

Each case is an article, ``seeds/<stem>.txt`` or ``tests/golden/cases/<stem>.txt``.
Adding a regression case means adding one such file and running
``pytest tests/test_golden.py --update-golden`` (needs the model). For each case
``tests/golden/`` holds two files:

- ``<stem>.parse.json``: the model's parse of the normalised text
  (``Doc.to_json()``, one token per line) and the name of the model that made it;
- ``<stem>.json``: the expected ``ArticleAudit.to_dict()`` without
  ``attrib_version``, pretty-printed with sorted keys.

The main test needs no model: it runs the ``attrib`` component alone on the
stored parse (``attrib.pipeline.audit_parsed``), so a failure there is a rule
or classification regression, never model drift. Model drift is reported by a
separate ``model`` test that re-parses each case and compares the parse, every
field of it: the stored parse is the whole pipeline's output, so it also holds
what attrib's own components write on the Doc (the `attrib` component's lemma
of a plural proper noun), which the engine reads when it runs alone on it.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from attrib.inputs import Text, read_bytes
from attrib.pipeline import audit_parsed, normalise

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
CASES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((GOLDEN / "cases").glob("*.txt"))
UPDATE_HINT = "run `pytest tests/test_golden.py --update-golden` (needs the model)"

# Hand-labelled expectations: the contract, written from LABELS.md and
# independent of the engine. The golden files must agree with them, so
# `--update-golden` cannot quietly accept a wrong label for these articles.
U, A, N, P = "unattributed", "anonymous", "named", "publication"
HAND_LABELS: dict[str, list[str]] = {
    "npr-atacms": [U, U, U, U, A, U, U, A, U, U, N, A, U, U, U, A, U, U, U, U, N, U],
    "nyt-relay-atacms": [U, P, A, P, U, A, A, A, P, U, U, U, A],
    # Our own regression case: heading, narration, a quote whose second
    # sentence continues the mayor's quotation, an anonymous official and a
    # back-reference "He added" to that official, narration.
    "council-transit-quote": [U, U, N, N, A, A, U],
}


# -- helpers ---------------------------------------------------------------------------------
def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _read(case: Path) -> Text:
    # The path is stored relative to the repository so the golden files do not
    # depend on where the checkout lives.
    return read_bytes(case.read_bytes(), path=_relative(case))


def _parse_path(case: Path) -> Path:
    return GOLDEN / f"{case.stem}.parse.json"


def _expected_path(case: Path) -> Path:
    return GOLDEN / f"{case.stem}.json"


def _audit_dict(audit: Any) -> dict[str, Any]:
    data = audit.to_dict()
    data.pop("attrib_version", None)
    return data


def _dumps_expected(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _dumps_rows(value: Any, level: int = 0) -> str:
    """JSON with nested objects indented and lists of objects one object per line."""
    pad = "  " * (level + 1)
    if isinstance(value, dict) and value:
        items = [f"{pad}{json.dumps(k)}: {_dumps_rows(v, level + 1)}" for k, v in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        rows = [pad + json.dumps(v, sort_keys=True, ensure_ascii=False) for v in value]
        return "[\n" + ",\n".join(rows) + "\n" + "  " * level + "]"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _load_json(path: Path, what: str) -> Any:
    if not path.is_file():
        pytest.fail(f"no {what} {_relative(path)}; {UPDATE_HINT}", pytrace=False)
    return json.loads(path.read_text(encoding="utf-8"))


def _fresh_parse(nlp: Any, text: Text) -> dict[str, Any]:
    # JSON round trip so the stored and the fresh parse compare as the same types.
    return json.loads(json.dumps(nlp(normalise(text.text)).to_json()))


def _regenerate(case: Path, request: pytest.FixtureRequest) -> None:
    """Re-parse the case with the model and rewrite both golden files."""
    import spacy

    from attrib.pipeline import ModelError, audit_doc, model_name

    try:
        nlp = request.getfixturevalue("nlp")
    except ModelError as err:
        pytest.fail(f"--update-golden needs the spaCy model: {err}", pytrace=False)
    text = _read(case)
    model = model_name(nlp)
    doc = nlp(normalise(text.text))
    doc_json = json.loads(json.dumps(doc.to_json()))
    stored = {"model": model, "spacy_version": spacy.__version__, "source": _relative(case), "doc": doc_json}
    GOLDEN.mkdir(parents=True, exist_ok=True)
    _parse_path(case).write_text(_dumps_rows(stored) + "\n", encoding="utf-8")
    # The expected audit comes from the stored parse, exactly as the test will
    # compute it; the live pipeline must agree, or the stored parse is lossy.
    reloaded = json.loads(_parse_path(case).read_text(encoding="utf-8"))
    expected = _audit_dict(audit_parsed(reloaded["doc"], text, reloaded["model"]))
    live = _audit_dict(audit_doc(doc, text, model))
    _expected_path(case).write_text(_dumps_expected(expected), encoding="utf-8")
    if live != expected:
        pytest.fail(
            f"{case.stem}: the audit of the stored parse differs from the live pipeline's; "
            "Doc.to_json()/from_json loses something the engine reads\n" + _describe_mismatch(live, expected),
            pytrace=False,
        )


def _describe_mismatch(expected: dict[str, Any], actual: dict[str, Any], limit: int = 80) -> str:
    """A readable account of what changed: sentence by sentence, then the raw JSON diff."""
    lines: list[str] = []
    old, new = expected.get("sentences", []), actual.get("sentences", [])
    if len(old) != len(new):
        lines.append(f"sentence count: expected {len(old)}, got {len(new)}")
    for i in range(max(len(old), len(new))):
        before = old[i] if i < len(old) else None
        after = new[i] if i < len(new) else None
        if before == after:
            continue
        if before is None or after is None:
            present = before or after
            state = "missing" if after is None else "unexpected"
            lines.append(f"sentence {i} {state}: {present['label']} {present['text'][:70]!r}")
            continue
        head = f"sentence {i} [{before['start']}:{before['end']}] {before['text'][:70]!r}"
        if (before["start"], before["end"]) != (after["start"], after["end"]):
            head += f" -> now [{after['start']}:{after['end']}] {after['text'][:70]!r}"
        lines.append(head)
        if before["label"] != after["label"]:
            lines.append(f"    label: {before['label']} -> {after['label']}")
        if before["why"] != after["why"]:
            lines.append(f"    - why: {before['why']}")
            lines.append(f"    + why: {after['why']}")
        if before["label"] == after["label"] and before["why"] == after["why"]:
            changed = sorted(k for k in before if before.get(k) != after.get(k))
            lines.append(f"    same label and why; changed: {', '.join(changed)}")
    rest = sorted(k for k in set(expected) | set(actual) if k != "sentences" and expected.get(k) != actual.get(k))
    if rest:
        lines.append(f"other fields changed: {', '.join(rest)}")
    diff = list(
        difflib.unified_diff(
            _dumps_expected(expected).splitlines(),
            _dumps_expected(actual).splitlines(),
            "expected",
            "actual",
            lineterm="",
            n=2,
        )
    )
    if diff:
        lines.append("JSON diff:")
        lines.extend(diff[:limit])
        if len(diff) > limit:
            lines.append(f"... {len(diff) - limit} more diff lines")
    return "\n".join(lines)


# -- the tests ---------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_audit_matches_stored(case: Path, update_golden: bool, request: pytest.FixtureRequest) -> None:
    """The engine on the stored parse gives exactly the stored audit (no model needed)."""
    if update_golden:
        _regenerate(case, request)
    text = _read(case)
    stored = _load_json(_parse_path(case), "stored parse")
    if stored["doc"]["text"] != normalise(text.text):
        pytest.fail(f"{_relative(case)} changed since its parse was stored; {UPDATE_HINT}", pytrace=False)
    expected = _load_json(_expected_path(case), "expected audit")
    actual = _audit_dict(audit_parsed(stored["doc"], text, stored["model"]))
    if actual != expected:
        pytest.fail(
            f"{case.stem}: the audit differs from {_relative(_expected_path(case))} "
            f"(same stored parse, so the rules or the classifier changed)\n"
            f"{_describe_mismatch(expected, actual)}\n"
            f"If the change is intended, {UPDATE_HINT} and review the diff of tests/golden/.",
            pytrace=False,
        )


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_parse_drift(case: Path, nlp: Any) -> None:
    """The installed pipeline still parses each case as the stored parse says, field for field.

    Every token field is compared (tag, POS, morph, lemma, head, dep ...), not
    only the model's tags and tree: a lemma attrib's component writes is read
    by the engine from the stored parse, and a stale one went unnoticed here
    (8f3eb06 changed 'Sands' to 'sand'; the files kept 'Sands' until --update-golden).
    """
    from attrib.pipeline import model_name

    text = _read(case)
    stored = _load_json(_parse_path(case), "stored parse")
    fresh = _fresh_parse(nlp, text)
    problems: list[str] = []
    if stored["model"] != model_name(nlp):
        problems.append(f"model: stored parse by {stored['model']}, installed {model_name(nlp)}")
    if stored["doc"]["text"] != fresh["text"]:
        problems.append("the case text changed since its parse was stored")
    old_tokens, new_tokens = stored["doc"]["tokens"], fresh["tokens"]
    if [(t["start"], t["end"]) for t in old_tokens] != [(t["start"], t["end"]) for t in new_tokens]:
        problems.append(f"tokenisation differs ({len(old_tokens)} stored tokens, {len(new_tokens)} now)")
    else:
        words = fresh["text"]
        for old, new in zip(old_tokens, new_tokens):
            changed = [
                f"{key} {old.get(key)!r}->{new.get(key)!r}"
                for key in sorted(set(old) | set(new))
                if old.get(key) != new.get(key)
            ]
            if changed:
                word = words[new["start"] : new["end"]]
                context = words[max(0, new["start"] - 30) : new["end"] + 30].replace("\n", " ")
                problems.append(f"token {new['id']} {word!r}: {', '.join(changed)}   ...{context}...")
    old_ents = {(e["start"], e["end"], e["label"]) for e in stored["doc"].get("ents", [])}
    new_ents = {(e["start"], e["end"], e["label"]) for e in fresh.get("ents", [])}
    for start, end, label in sorted(old_ents - new_ents):
        problems.append(f"entity lost: {fresh['text'][start:end]!r} {label}")
    for start, end, label in sorted(new_ents - old_ents):
        problems.append(f"entity new: {fresh['text'][start:end]!r} {label}")
    for key in sorted((set(stored["doc"]) | set(fresh)) - {"text", "tokens", "ents"}):
        if stored["doc"].get(key) != fresh.get(key):
            problems.append(f"{key!r} differs from the stored parse's")
    if not problems and stored["doc"] != fresh:  # a difference the checks above do not itemise
        problems.append("the parse differs from the stored one")
    if problems:
        shown = problems[:25] + ([f"... {len(problems) - 25} more"] if len(problems) > 25 else [])
        pytest.fail(
            f"parse drift in {_relative(case)}: the installed pipeline no longer parses it as "
            f"{_relative(_parse_path(case))} says:\n  " + "\n  ".join(shown) + "\n"
            "This is model drift, or a change in what attrib's own components write on the Doc "
            "(a lemma, a sentence start), not a rule regression. Check the label changes it causes, then "
            "run `pytest tests/test_golden.py --update-golden` and commit the rewritten tests/golden/ files.",
            pytrace=False,
        )


# Our own sentences around the memos a long run fills: plural names that are also common
# nouns in every case ('Sands', 'sands', 'SANDS'), the same word as a name and as a noun.
HISTORY = [
    "Las Vegas Sands shares fell 4 % on Monday, traders said. The sands of the Sahara are moving.",
    "SANDS SAID ON FRIDAY THAT THE DEAL WAS OFF. Analysts said the Sands deal was never close.",
    "The Rangers beat the Rovers 2-1; Rangers fans said the forces of darkness had lost.",
    "Republicans and Democrats said the Americans were tired. Many americans said so too.",
    "Special Forces veterans told the Post the forces had left. Ukrainians, he said, were ready.",
]


def _forget(nlp: Any) -> None:
    """Empty every memo the pipeline keeps between Docs, as in a process that just loaded it."""
    nlp.get_pipe("attrib")._plural_lemmas.clear()
    if nlp.has_pipe("lemmatizer"):
        nlp.get_pipe("lemmatizer").cache.clear()
    if nlp.has_pipe("attrib_attribute_table") and nlp.get_pipe("attrib_attribute_table").table is not None:
        table = nlp.get_pipe("attrib_attribute_table").table
        table._cache.clear()
        for memo in table._memo:
            memo.clear()


@pytest.mark.model
def test_golden_parse_does_not_depend_on_what_ran_before(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same text, same pipeline: the same parse whatever the process parsed before.

    The memos kept between Docs (the component's lemmas of plural names, the
    attribute table's values and token keys, spaCy's lemmatizer cache) must
    not show: each text parsed with every memo emptied first is compared with
    the same text parsed after all the others, forwards, backwards and in one
    `nlp.pipe` batch, with the memo limits shrunk so they also start again.
    """
    import attrib.engine.attribute_table as attribute_table
    import attrib.engine.component as component

    texts = [normalise(_read(case).text) for case in CASES]
    texts += HISTORY + [h.upper() for h in HISTORY] + [h.lower() for h in HISTORY]
    alone = []
    for text in texts:
        _forget(nlp)
        alone.append(json.dumps(nlp(text).to_json(), sort_keys=True))
    monkeypatch.setattr(component, "_PLURAL_LEMMAS_MAX", 3)
    monkeypatch.setattr(attribute_table, "_MEMO_MAX", 5)
    for order in (texts, texts[::-1]):
        after = {text: json.dumps(nlp(text).to_json(), sort_keys=True) for text in order}
        for text, expected in zip(texts, alone, strict=True):
            assert after[text] == expected, f"the parse depends on the texts parsed before: {text[:60]!r}"
    batched = [json.dumps(doc.to_json(), sort_keys=True) for doc in nlp.pipe(texts)]
    assert batched == alone, "nlp.pipe parses some text differently from nlp() on its own"


@pytest.mark.parametrize("stem", sorted(HAND_LABELS))
def test_golden_labels_match_hand_labels(stem: str) -> None:
    """The stored labels agree with the hand-labelled contract for these articles."""
    expected = HAND_LABELS[stem]
    golden = _load_json(GOLDEN / f"{stem}.json", "expected audit")
    sentences = golden["sentences"]
    got = [s["label"] for s in sentences]
    if got == expected:
        return
    rows = [f"{len(expected)} hand-labelled sentences, {len(got)} in the golden file"]
    for i in range(max(len(expected), len(got))):
        want = expected[i] if i < len(expected) else "-"
        have = got[i] if i < len(got) else "-"
        mark = "  " if want == have else "!!"
        text = sentences[i]["text"][:60] if i < len(sentences) else ""
        why = sentences[i]["why"] if i < len(sentences) and want != have else ""
        rows.append(
            f"{mark} {i:2d} hand={want:<12} golden={have:<12} {text!r}" + (f"\n        why: {why}" if why else "")
        )
    pytest.fail(f"{stem}: golden labels disagree with the hand labels (LABELS.md):\n" + "\n".join(rows), pytrace=False)


def test_golden_cases_are_consistent() -> None:
    """Case stems are unique, every hand-labelled article is a case, and no golden file is orphaned."""
    stems = [case.stem for case in CASES]
    assert len(stems) == len(set(stems)), f"two cases share a stem: {sorted(s for s in stems if stems.count(s) > 1)}"
    assert set(HAND_LABELS) <= set(stems), f"hand labels for unknown cases: {sorted(set(HAND_LABELS) - set(stems))}"
    assert any((GOLDEN / "cases").glob("*.txt")), "tests/golden/cases/ holds no regression case"
    golden_stems = {
        p.name[: -len(".parse.json")] if p.name.endswith(".parse.json") else p.stem for p in GOLDEN.glob("*.json")
    }
    orphans = sorted(golden_stems - set(stems))
    assert not orphans, f"golden files without a case (delete them or restore the case): {orphans}"


# -- the audit contract on the seeds (issue: source register, findings, score) --------------
def _golden(stem: str) -> dict[str, Any]:
    return _load_json(GOLDEN / f"{stem}.json", "expected audit")


def _by_text(golden: dict[str, Any], text: str) -> dict[str, Any]:
    found = [s for s in golden["sources"] if s["text"].lower() == text.lower()]
    assert len(found) == 1, f"expected one source {text!r}, register has {[s['text'] for s in golden['sources']]}"
    return found[0]


def _codes_at(golden: dict[str, Any], code: str) -> list[str]:
    return [f["span"]["text"] for f in golden["findings"] if f["code"] == code]


def test_golden_npr_register_and_findings() -> None:
    golden = _golden("npr-atacms")
    anonymous = [s for s in golden["sources"] if s["label"] == "anonymous"]
    assert [s["text"] for s in anonymous] == ["a U.S. official", "A separate source on Capitol Hill"]
    official, hill = anonymous
    assert [m["span"]["text"] for m in official["mentions"]] == [
        "a U.S. official",
        "The U.S. official",
        "the U.S. official",
    ]
    for source in anonymous:  # the reason is stated once and covers every mention
        assert "authorized to speak publicly" in source["reason"]["text"]
        assert source["basis"] is None
        assert source["specificity"] == "specific"
    named = {s["text"] for s in golden["sources"] if s["label"] == "named"}
    assert {"trump", "the u.s."} <= {n.lower() for n in named}
    assert not _codes_at(golden, "AN101")
    assert sorted(_codes_at(golden, "AN102")) == sorted(["a U.S. official", "A separate source on Capitol Hill"])
    # Caption and credit lines are not scored.
    furniture = [s["index"] for s in golden["sentences"] if s["block"] in ("caption", "credit")]
    assert furniture and all(golden["score"]["credits"][i] is None for i in furniture)


def test_golden_nyt_relay_register_and_findings() -> None:
    golden = _golden("nyt-relay-atacms")
    nyt = _by_text(golden, "The New York Times")
    assert nyt["label"] == "publication"
    assert [m["span"]["text"] for m in nyt["mentions"]] == ["The New York Times", "The publication", "NYT"]
    officials = _by_text(golden, "officials")
    assert [m["span"]["text"] for m in officials["mentions"]] == ["officials", "Officials", "They", "Officials"]
    assert officials["reason"] is None and officials["basis"] is None
    assert officials["specificity"] == "vague"
    assert _by_text(golden, "U.S. intelligence")["specificity"] == "vague"
    assert _codes_at(golden, "WE302") == ["As is known", "It should be noted"]
    assert _codes_at(golden, "SC202") == ["The New York Times"]
    assert {"officials", "U.S. intelligence"} <= set(_codes_at(golden, "AN103"))


def test_golden_npr_scores_clearly_above_the_relay() -> None:
    npr, nyt = _golden("npr-atacms")["score"], _golden("nyt-relay-atacms")["score"]
    assert npr["value"] >= nyt["value"] + 10, (npr["formula"], nyt["formula"])

"""`attrib_attribute_table`: the model's `attribute_ruler`, its patterns applied as a table.

spaCy's AttributeRuler runs its Matcher over every token for each of its
patterns (179 in en_core_web_sm: a tag map, morph rules, lemma exceptions),
then sets each match's attributes one Span at a time, in pattern order, a later
pattern overwriting an earlier one. This component reads the very same patterns
and attribute values from the loaded ruler. The patterns test a token's TAG,
LOWER, DEP or IS_SPACE for a value, a list of values (IN, NOT_IN) or a REGEX;
the single-token ones are worked out once per distinct combination of those
four values (a table), the few longer ones ("gon na", "there is") are checked
only where their LOWER word occurs. A pattern of any other form goes through
spaCy's own Matcher. The writes follow the ruler's rule: for each token and
attribute, the value of the last pattern (in the ruler's order) that matched
and sets it. The ruler's sets are plain token fields (POS, TAG, MORPH, LEMMA,
DEP) that do not touch one another, so that gives the Doc that setting them one
match at a time gives (tests/test_attribute_table.py compares both pipelines
token by token).

`table_from_ruler` returns None for a ruler it cannot reproduce exactly (an
attribute other than those fields, an extension attribute); load_nlp then keeps
spaCy's ruler. ATTRIB_ATTRIBUTE_RULER=stock keeps it too, so attrib's own
overhead can be measured against bare spaCy running the same ruler.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG  # type: ignore[import-not-found]
from spacy.matcher import Matcher
from spacy.tokens import Doc

from attrib.errors import ModelError

# ATTRIB_ATTRIBUTE_RULER=stock: run the model's own attribute_ruler.
SWITCH = "ATTRIB_ATTRIBUTE_RULER"
# The token attributes a tabled pattern may test, in the order of a token's key.
TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TESTED_IDS = [TAG, LOWER, DEP, IS_SPACE]
_LOWER = TESTED.index("LOWER")
# The attributes a pattern may set: plain token fields, independent of one another.
SETTABLE = frozenset({POS, TAG, MORPH, LEMMA, DEP})
# Values remembered per attribute before the memo starts again (a long run meets ever more words).
_MEMO_MAX = 100_000

# (pattern number, column, value): one write of one pattern
Write = tuple[int, int, int]


@dataclass(frozen=True)
class _NotIn:
    values: frozenset[int]


@dataclass(frozen=True)
class _Regex:
    pattern: re.Pattern[str]
    number: int  # its place among the REGEX conditions on the same attribute


Condition = frozenset[int] | _NotIn | _Regex
# A value as the table reads it: the value itself when some pattern names it, else
# (None, the REGEX conditions on that attribute that it meets).
Read = int | tuple[None, frozenset[int]]


def stock_requested() -> bool:
    """Whether the environment asks for spaCy's own attribute_ruler (ATTRIB_ATTRIBUTE_RULER=stock).

    Raises:
        ModelError: the variable holds something other than "stock" or "table" (a typo would
            otherwise measure the wrong pipeline without a word).
    """
    value = os.environ.get(SWITCH, "").strip().lower()
    if value not in ("", "stock", "table"):
        raise ModelError(f"{SWITCH} must be 'stock' or 'table', got {os.environ[SWITCH]!r}")
    return value == "stock"


def _meets(condition: Condition | None, value: Read, strings: Any) -> bool:
    """Whether a token attribute's value meets one condition, as spaCy's Matcher tests it."""
    if condition is None:
        return True
    if isinstance(condition, frozenset):
        return value in condition
    if isinstance(condition, _NotIn):
        return value not in condition.values
    if isinstance(value, tuple):
        return condition.number in value[1]
    return bool(condition.pattern.search(strings[value]))


class AttributeTable:
    """Sets what the model's attribute_ruler sets, looking its patterns up in a table.

    Args:
        vocab: the pipeline's vocab.
        patterns: the ruler's patterns (`AttributeRuler.patterns`), in its order.
        attrs: the ruler's normalised attributes per pattern (`AttributeRuler.attrs`):
            attribute id -> value id, the very values the ruler writes.
    """

    def __init__(self, vocab: Any, patterns: Sequence[Mapping[str, Any]], attrs: Sequence[Mapping[int, int]]) -> None:
        self.vocab = vocab
        self.columns: list[Any] = sorted({name for entry in attrs for name in entry})
        column = {name: i for i, name in enumerate(self.columns)}
        self.writes = [
            tuple((number, column[name], int(value)) for name, value in entry.items())
            for number, entry in enumerate(attrs)
        ]
        self.regexes: list[list[re.Pattern[str]]] = [[] for _ in TESTED]  # per attribute
        self.named: list[set[int]] = [set() for _ in TESTED]  # values some condition names, per attribute
        self.rules: list[tuple[int, tuple[Condition | None, ...]]] = []  # single-token alternatives
        # longer alternatives: (pattern number, token conditions, anchor token, index of the token it sets)
        self.sequences: list[tuple[int, list[tuple[Condition | None, ...]], int, int]] = []
        self.matcher = Matcher(vocab)
        self.indices: dict[int, int] = {}  # pattern number -> token its match sets (Matcher patterns)
        for number, pattern in enumerate(patterns):
            index = pattern.get("index", 0)
            alternatives = self._tabled(pattern["patterns"])
            anchors = [
                next((k for k, t in enumerate(a) if isinstance(t[_LOWER], frozenset)), None) for a in alternatives or []
            ]
            if alternatives is not None and all(len(a) == 1 for a in alternatives) and index in (0, -1):
                self.rules += [(number, a[0]) for a in alternatives]
            elif (
                alternatives is not None
                and None not in anchors
                and all(-len(a) <= index < len(a) for a in alternatives)
            ):
                self.sequences += [
                    (number, a, anchor, index % len(a))
                    for a, anchor in zip(alternatives, anchors, strict=True)
                    if anchor is not None
                ]
            else:
                self.matcher.add(vocab.strings.add(f"attribute {number}"), pattern["patterns"])
                self.indices[number] = index
        self.sequence_lowers = {v for _, tokens, anchor, _ in self.sequences for v in tokens[anchor][_LOWER]}  # type: ignore[union-attr]
        self.by_lower: dict[int, list[int]] = {}
        self.by_tag: dict[int, list[int]] = {}
        self.rest: list[int] = []  # rules testing neither LOWER nor TAG for values
        for position, (_, conditions) in enumerate(self.rules):
            lower, tag = conditions[_LOWER], conditions[0]
            if isinstance(lower, frozenset):
                for value in lower:
                    self.by_lower.setdefault(value, []).append(position)
            elif isinstance(tag, frozenset):
                for value in tag:
                    self.by_tag.setdefault(value, []).append(position)
            else:
                self.rest.append(position)
        self._memo: list[dict[int, Read]] = [{} for _ in TESTED]
        self._cache: dict[tuple[Read, ...], tuple[Write, ...]] = {}

    def _tabled(self, alternatives: Sequence[Sequence[Mapping[str, Any]]]) -> list[list[tuple]] | None:
        """A pattern's alternatives as token conditions, or None when some token cannot be tabled."""
        found = []
        for alternative in alternatives:
            tokens = []
            for token in alternative:
                if not token or not set(token) <= set(TESTED):
                    return None
                conditions = []
                for attribute, name in enumerate(TESTED):
                    condition = self._condition(attribute, token[name]) if name in token else None
                    if name in token and condition is None:
                        return None
                    conditions.append(condition)
                tokens.append(tuple(conditions))
            found.append(tokens)
        return found or None

    def _condition(self, attribute: int, value: Any) -> Condition | None:
        """One pattern key as a condition on one attribute, or None when a table cannot test it."""
        strings = self.vocab.strings
        if isinstance(value, bool) or isinstance(value, str):
            values = frozenset({int(value) if isinstance(value, bool) else strings.add(value)})
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            ((operator, listed),) = value.items()
            if not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
                return None
            values = frozenset(strings.add(v) for v in listed)
            if operator == "NOT_IN":
                self.named[attribute] |= values
                return _NotIn(values)
        elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
            if TESTED[attribute] == "IS_SPACE":
                return None
            self.regexes[attribute].append(re.compile(value["REGEX"]))
            return _Regex(self.regexes[attribute][-1], len(self.regexes[attribute]) - 1)
        else:
            return None
        self.named[attribute] |= values
        return values

    def _read(self, attribute: int, value: int) -> Read:
        """A value as the table reads it (`Read`): all the conditions on its attribute can tell of it."""
        if value in self.named[attribute]:
            return value
        regexes = self.regexes[attribute]
        if not regexes:
            return (None, frozenset())
        memo = self._memo[attribute]
        read = memo.get(value)
        if read is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            text = self.vocab.strings[value]
            read = memo[value] = (None, frozenset(i for i, regex in enumerate(regexes) if regex.search(text)))
        return read

    def _looked_up(self, key: tuple[Read, ...]) -> tuple[Write, ...]:
        """The last writes of the single-token patterns a token whose values read as `key` matches."""
        found = self._cache.get(key)
        if found is None:
            tag, lower = key[0], key[_LOWER]
            positions = (
                (self.by_lower.get(lower, []) if isinstance(lower, int) else [])
                + (self.by_tag.get(tag, []) if isinstance(tag, int) else [])
                + self.rest
            )
            strings = self.vocab.strings
            numbers = sorted(
                {
                    self.rules[p][0]
                    for p in positions
                    if all(_meets(c, v, strings) for c, v in zip(self.rules[p][1], key, strict=True))
                }
            )
            found = self._cache[key] = _last_writes(w for number in numbers for w in self.writes[number])
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        raw = doc.to_array(_TESTED_IDS).T.tolist()
        reads = [[self._read(attribute, v) for v in column] for attribute, column in enumerate(raw)]
        per_token = [self._looked_up(key) for key in zip(*reads, strict=True)]
        lowers = raw[_LOWER]
        extra: dict[int, list[Write]] = {}  # token -> writes of longer patterns matched around it
        if self.sequences and not self.sequence_lowers.isdisjoint(lowers):
            strings = self.vocab.strings
            keys = list(zip(*raw, strict=True))
            for number, tokens, anchor, index in self.sequences:
                anchor_values = tokens[anchor][_LOWER]
                for at in (i for i, lower in enumerate(lowers) if lower in anchor_values):  # type: ignore[operator]
                    start = at - anchor
                    if (
                        start >= 0
                        and start + len(tokens) <= len(keys)
                        and all(
                            _meets(c, v, strings)
                            for k, conditions in enumerate(tokens)
                            for c, v in zip(conditions, keys[start + k], strict=True)
                        )
                    ):
                        extra.setdefault(start + index, []).extend(self.writes[number])
        if len(self.matcher):
            for key, start, end in self.matcher(doc, allow_missing=True):
                number = int(self.vocab.strings[key].split()[1])
                index = self.indices[number]
                token = start + index if index >= 0 else end + index
                if not start <= token < end:
                    raise ValueError(f"attribute_ruler pattern {number}: index {index} is outside its match")
                extra.setdefault(token, []).extend(self.writes[number])
        for token, writes in extra.items():
            per_token[token] = _last_writes((*per_token[token], *writes))
        values: Any = doc.to_array(self.columns)
        for token, found in enumerate(per_token):
            for _, column, value in found:
                values[token, column] = value
        doc.from_array(self.columns, values)
        return doc


def _last_writes(writes: Iterable[Write]) -> tuple[Write, ...]:
    """For each column, the write of the highest-numbered pattern (the ruler's last set wins)."""
    last: dict[int, Write] = {}
    for write in writes:
        held = last.get(write[1])
        if held is None or write[0] >= held[0]:
            last[write[1]] = write
    return tuple(sorted(last.values(), key=lambda w: w[1]))


def table_from_ruler(ruler: Any) -> AttributeTable | None:
    """An AttributeTable doing what `ruler` (a spaCy AttributeRuler) does, or None when it cannot be exact."""
    attrs = list(ruler.attrs)
    if any(not isinstance(name, int) or name not in SETTABLE for entry in attrs for name in entry):
        return None
    return AttributeTable(ruler.vocab, ruler.patterns, attrs)

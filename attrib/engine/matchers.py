"""The rules' token and dependency patterns, matched over a Doc's attribute hashes.

The token and dep rules of attribution.toml are written in the formats of
spaCy's Matcher and DependencyMatcher. Those matchers try every pattern (every
pattern node, for dependency patterns) at every token and call back into
Python for each IN list; on news text they were over half of attrib's cost
beyond the parse. Every attrib pattern starts from a cue word, so these
matchers find the few tokens that can start a pattern with one lookup per Doc
and test the rest only from there: token patterns along the following tokens,
dependency patterns along the tree. Tests compare the attribute hashes of one
`Doc.to_array`, not strings. They find the matches spaCy's matchers find
(tests/test_matchers.py compares them).

Supported: token attributes ORTH/TEXT, NORM, LOWER, LEMMA, POS, TAG, DEP and
ENT_TYPE, each as a string or as {IN = [...]} / {NOT_IN = [...]}; in token
patterns the OP quantifiers ?, * and +; in dependency patterns the
relations >, <, >> and <<. Anything else is rejected when the pattern is
added, so a rule cannot silently match nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.tokens import Doc, Token

# Pattern attribute -> the Doc.to_array attribute holding its hash.
ATTRIBUTES = {
    "ORTH": "ORTH",
    "TEXT": "ORTH",
    "NORM": "NORM",
    "LOWER": "LOWER",
    "LEMMA": "LEMMA",
    "POS": "POS",
    "TAG": "TAG",
    "DEP": "DEP",
    "ENT_TYPE": "ENT_TYPE",
}
PREDICATES = ("IN", "NOT_IN")
QUANTIFIERS = ("?", "*", "+")  # and no OP: exactly once


class _Table:
    """One Doc's attribute hashes, as numpy columns and as plain lists indexed by token."""

    def __init__(self, doc: Doc, columns: list[str]) -> None:
        self.array = doc.to_array([*columns, "HEAD"]).reshape(len(doc), -1)
        self.arrays = dict(zip(columns, self.array.T))
        self.values = dict(zip(columns, self.array[:, :-1].T.tolist()))


class _Tree(_Table):
    """A _Table with the dependency tree: heads and children by token index."""

    def __init__(self, doc: Doc, columns: list[str]) -> None:
        super().__init__(doc, columns)
        # HEAD is an offset (stored unsigned); the root is its own head
        heads = self.array[:, -1].astype(numpy.int64) + numpy.arange(len(doc))
        self.heads = heads.tolist()
        # tokens grouped by head, in document order within a group: the children of i
        # are by_head[first[i]:first[i + 1]] (less i itself when i is a root)
        order = numpy.argsort(heads, kind="stable")
        self._by_head = order.tolist()
        self._first = numpy.searchsorted(heads[order], numpy.arange(len(doc) + 1)).tolist()

    def children(self, i: int) -> list[int]:
        return [j for j in self._by_head[self._first[i] : self._first[i + 1]] if j != i]

    def head(self, i: int) -> list[int]:
        return [] if self.heads[i] == i else [self.heads[i]]

    def descendants(self, i: int) -> list[int]:
        found, stack = [], self.children(i)
        while stack:
            j = stack.pop()
            found.append(j)
            stack.extend(self.children(j))
        return sorted(found)

    def ancestors(self, i: int) -> list[int]:
        found = []
        while self.heads[i] != i:
            i = self.heads[i]
            found.append(i)
        return sorted(found)


# REL_OP -> the tokens it reaches from the left node, in document order
# (methods, not lambdas, so the compiled rules pickle for spawned workers).
RELATIONS: dict[str, Callable[[_Tree, int], list[int]]] = {
    ">": _Tree.children,
    "<": _Tree.head,
    ">>": _Tree.descendants,
    "<<": _Tree.ancestors,
}


@dataclass(frozen=True)
class _Test:
    """One attribute constraint of a token: its value must (not) be among `values`."""

    column: str  # Doc.to_array attribute
    values: frozenset[int]  # hashes
    negated: bool


def _accepts(tests: tuple[_Test, ...], table: _Table, i: int) -> bool:
    for test in tests:
        if (table.values[test.column][i] in test.values) == test.negated:
            return False
    return True


class _Patterns:
    """What both matchers share: compiling attribute tests, and finding where patterns can start.

    A pattern's start test is the first positive test of its first token (or
    node); patterns share equal ones ("a speech verb"). The tokens passing
    them are found for all at once, per column: hash -> the start tests it
    passes, and those hashes sorted for numpy.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.columns: list[str] = []  # the Doc attributes any test reads
        self._start_tests: list[_Test] = []
        self._start_index: dict[str, dict[int, list[int]]] = {}
        self._start_hashes: dict[str, numpy.ndarray] = {}

    def _tests(self, attrs: Any, where: str, extra: tuple[str, ...] = ()) -> tuple[_Test, ...]:
        if not isinstance(attrs, dict):
            raise ValueError(f"{where}: token attributes must be a table")
        tests = []
        for name, value in attrs.items():
            if name in extra:
                continue
            if name not in ATTRIBUTES:
                raise ValueError(f"{where}: attribute {name} is not supported (use {', '.join(ATTRIBUTES)})")
            if isinstance(value, str):
                value = {"IN": [value]}
            if not isinstance(value, dict) or not value or set(value) - set(PREDICATES):
                raise ValueError(f"{where}: {name} takes a string or {{IN = [...]}} / {{NOT_IN = [...]}}")
            for predicate, words in value.items():
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise ValueError(f"{where}: {name} {predicate} takes a list of strings")
                column = ATTRIBUTES[name]
                if column not in self.columns:
                    self.columns.append(column)
                # StringStore.add gives the hash (or symbol id) Doc.to_array holds for the string
                tests.append(_Test(column, frozenset(self.vocab.strings.add(w) for w in words), predicate == "NOT_IN"))
        return tuple(tests)

    def _start(self, tests: tuple[_Test, ...]) -> int:
        """The number of the start test for a first token with these tests; -1: any token may start."""
        first = next((test for test in tests if not test.negated), None)
        if first is None:
            return -1
        if first in self._start_tests:
            return self._start_tests.index(first)
        self._start_tests.append(first)
        number = len(self._start_tests) - 1
        by_hash = self._start_index.setdefault(first.column, {})
        for value in first.values:
            by_hash.setdefault(value, []).append(number)
        self._start_hashes[first.column] = numpy.array(sorted(by_hash), dtype=numpy.uint64)
        return number

    def _starts(self, table: _Table) -> list[list[int]]:
        """For each start test, the tokens that pass it, in document order."""
        starts: list[list[int]] = [[] for _ in self._start_tests]
        for column, by_hash in self._start_index.items():
            hashes, values = self._start_hashes[column], table.arrays[column]
            found = numpy.searchsorted(hashes, values) % len(hashes)
            for i in numpy.flatnonzero(hashes[found] == values).tolist():
                for number in by_hash[table.values[column][i]]:
                    starts[number].append(i)
        return starts


@dataclass(frozen=True)
class _Slot:
    """One token of a token pattern: its tests and how often it may repeat."""

    tests: tuple[_Test, ...]
    quantifier: str  # one of QUANTIFIERS, or "1"


@dataclass(frozen=True)
class _Sequence:
    key: str
    slots: tuple[_Slot, ...]
    start: int  # start test number; -1: any token may start a match


class TokenPatterns(_Patterns):
    """Keyed token patterns (spaCy Matcher format): every (start, end) the pattern matches, like spaCy's."""

    def __init__(self, vocab: Any) -> None:
        super().__init__(vocab)
        self.patterns: list[_Sequence] = []

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one pattern under `key`.

        Raises:
            ValueError: the pattern is malformed or uses something not supported here.
        """
        if not isinstance(pattern, list) or not pattern:
            raise ValueError(f"{key}: a token pattern is a non-empty list of tokens")
        slots = []
        for position, token in enumerate(pattern):
            where = f"{key} token {position}"
            quantifier = token.get("OP", "1") if isinstance(token, dict) else "1"
            if quantifier not in (*QUANTIFIERS, "1") or token.get("OP") == "1":
                raise ValueError(f"{where}: OP {quantifier!r} is not supported (use {', '.join(QUANTIFIERS)})")
            slots.append(_Slot(self._tests(token, where, extra=("OP",)), quantifier))
        # only a first token that must be there says where a match can start
        start = self._start(slots[0].tests) if slots[0].quantifier in ("1", "+") else -1
        self.patterns.append(_Sequence(key, tuple(slots), start))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every match as (key, start, end), by start, then end, then pattern."""
        if not len(doc) or not self.patterns:
            return []
        table = _Table(doc, self.columns)
        starts = self._starts(table)
        matches = []
        for number, pattern in enumerate(self.patterns):
            for start in starts[pattern.start] if pattern.start >= 0 else range(len(doc)):
                for end in sorted(set(_ends(pattern.slots, 0, start, table, len(doc)))):
                    if end > start:  # spaCy drops empty matches
                        matches.append((start, end, number, pattern.key))
        return [(key, start, end) for start, end, _, key in sorted(matches)]


def _ends(
    slots: tuple[_Slot, ...], slot: int, i: int, table: _Table, length: int, again: bool = False
) -> Iterator[int]:
    """Every token index where slots[slot:] can end, matched from token i.

    `again`: slots[slot] has matched once already, so a + may stop there.
    """
    if slot == len(slots):
        yield i
        return
    tests, quantifier = slots[slot].tests, slots[slot].quantifier
    if again or quantifier in ("?", "*"):
        yield from _ends(slots, slot + 1, i, table, length)
    if i < length and _accepts(tests, table, i):
        if quantifier in ("*", "+"):
            yield from _ends(slots, slot, i + 1, table, length, again=True)
        else:
            yield from _ends(slots, slot + 1, i + 1, table, length)


@dataclass(frozen=True)
class _Step:
    """A node after the anchor: a token `relation` reaches from the token bound to node `left`."""

    tests: tuple[_Test, ...]
    left: int
    relation: Callable[[_Tree, int], list[int]]


@dataclass(frozen=True)
class _Graph:
    key: str
    names: tuple[str, ...]  # node names in pattern order: the anchor's, then each step's
    anchor: tuple[_Test, ...]
    steps: tuple[_Step, ...]
    start: int  # start test number; -1: any token may be the anchor


class DependencyPatterns(_Patterns):
    """Keyed dependency patterns (spaCy DependencyMatcher format), matched from each pattern's first node."""

    def __init__(self, vocab: Any) -> None:
        super().__init__(vocab)
        self.patterns: list[_Graph] = []

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one pattern under `key`; checks it the way spaCy's DependencyMatcher does.

        Raises:
            ValueError: the pattern is malformed or uses something not supported here.
        """
        if not isinstance(pattern, list) or not pattern:
            raise ValueError(f"{key}: a dependency pattern is a non-empty list of nodes")
        index: dict[str, int] = {}
        anchor: tuple[_Test, ...] = ()
        steps = []
        for position, node in enumerate(pattern):
            if not isinstance(node, dict) or "RIGHT_ID" not in node:
                raise ValueError(f"{key}: every node needs a RIGHT_ID")
            name = node["RIGHT_ID"]
            where = f"{key} node {name}"
            if name in index:
                raise ValueError(f"{where}: RIGHT_ID used twice")
            if position == 0:
                if set(node) - {"RIGHT_ID", "RIGHT_ATTRS"}:
                    raise ValueError(f"{where}: the first node takes only RIGHT_ID and RIGHT_ATTRS")
                anchor = self._tests(node.get("RIGHT_ATTRS", {}), where)
            else:
                if set(node) != {"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"}:
                    raise ValueError(f"{where}: needs exactly LEFT_ID, REL_OP, RIGHT_ID and RIGHT_ATTRS")
                if node["LEFT_ID"] not in index:
                    raise ValueError(f"{where}: LEFT_ID {node['LEFT_ID']!r} is not an earlier node")
                if node["REL_OP"] not in RELATIONS:
                    raise ValueError(
                        f"{where}: REL_OP {node['REL_OP']!r} is not supported (use {', '.join(RELATIONS)})"
                    )
                steps.append(
                    _Step(self._tests(node["RIGHT_ATTRS"], where), index[node["LEFT_ID"]], RELATIONS[node["REL_OP"]])
                )
            index[name] = position
        self.patterns.append(_Graph(key, tuple(index), anchor, tuple(steps), self._start(anchor)))

    def __call__(self, doc: Doc) -> list[tuple[str, dict[str, Token]]]:
        """Every match as (key, node name -> token), by pattern, then by token positions in node order."""
        if not len(doc) or not self.patterns:
            return []
        tree = _Tree(doc, self.columns)
        starts = self._starts(tree)
        matches = []
        for pattern in self.patterns:
            for i in starts[pattern.start] if pattern.start >= 0 else range(len(doc)):
                if _accepts(pattern.anchor, tree, i):
                    for bound in _bind(pattern.steps, tree, [i]):
                        matches.append((pattern.key, dict(zip(pattern.names, (doc[j] for j in bound)))))
        return matches


def _bind(steps: tuple[_Step, ...], tree: _Tree, bound: list[int]) -> Iterator[list[int]]:
    """Bind the remaining nodes in order, each over the tokens its relation reaches from its left node."""
    if len(bound) > len(steps):
        yield list(bound)
        return
    step = steps[len(bound) - 1]
    for j in step.relation(tree, bound[step.left]):
        if _accepts(step.tests, tree, j):
            bound.append(j)
            yield from _bind(steps, tree, bound)
            bound.pop()

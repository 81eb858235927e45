"""Dependency patterns matched outward from their anchor token.

The dep rules of attribution.toml are written in spaCy's DependencyMatcher
format. spaCy's matcher runs a token Matcher for every node of every pattern
over the whole Doc and then tries the cartesian product of the positions it
found; on news text that was almost half of attrib's cost beyond the parse.
Every attrib pattern hangs off one cue word, so this matcher starts from the
few tokens a pattern's first node accepts and walks the tree from there,
testing each further node only on the tokens its relation reaches. Tests
compare the Doc's attribute hashes (one `Doc.to_array` per Doc), not strings.
It finds the matches spaCy's DependencyMatcher finds (tests/test_depmatch.py
compares the two).

Supported: the tree relations `>`, `<`, `>>`, `<<`, and node attributes
ORTH/TEXT, NORM, LOWER, LEMMA, POS, TAG, DEP and ENT_TYPE given as a string or
as {IN = [...]} / {NOT_IN = [...]}. Anything else is rejected when the pattern
is added, so a rule cannot silently match nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy
from spacy.tokens import Doc, Token

# Pattern attribute -> the Doc.to_array attribute holding its hash.
ATTRIBUTES = {"ORTH": "ORTH", "TEXT": "ORTH", "NORM": "NORM", "LOWER": "LOWER", "LEMMA": "LEMMA", "POS": "POS",
              "TAG": "TAG", "DEP": "DEP", "ENT_TYPE": "ENT_TYPE"}
PREDICATES = ("IN", "NOT_IN")


class _Tree:
    """One Doc's attribute hashes and dependency tree, as plain lists indexed by token."""

    def __init__(self, doc: Doc, columns: list[str]) -> None:
        array = doc.to_array([*columns, "HEAD"]).reshape(len(doc), -1)
        self.arrays = dict(zip(columns, array.T))
        self.values = dict(zip(columns, array[:, :-1].T.tolist()))
        # HEAD is an offset (stored unsigned); the root is its own head
        heads = array[:, -1].astype(numpy.int64) + numpy.arange(len(doc))
        self.heads = heads.tolist()
        # tokens grouped by head, in document order within a group: the children of i
        # are by_head[first[i]:first[i + 1]] (less i itself when i is a root)
        order = numpy.argsort(heads, kind="stable")
        self._by_head = order.tolist()
        self._first = numpy.searchsorted(heads[order], numpy.arange(len(doc) + 1)).tolist()

    def children(self, i: int) -> list[int]:
        return [j for j in self._by_head[self._first[i]:self._first[i + 1]] if j != i]

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
    ">": _Tree.children, "<": _Tree.head, ">>": _Tree.descendants, "<<": _Tree.ancestors,
}


@dataclass(frozen=True)
class _Test:
    """One attribute constraint of a node: the token's value must (not) be among `values`."""

    column: str  # Doc.to_array attribute
    values: frozenset[int]  # hashes
    negated: bool


@dataclass(frozen=True)
class _Step:
    """A node after the anchor: a token `relation` reaches from the token bound to node `left`."""

    tests: tuple[_Test, ...]
    left: int
    relation: Callable[[_Tree, int], list[int]]


@dataclass(frozen=True)
class _Pattern:
    key: str
    names: tuple[str, ...]  # node names in pattern order: the anchor's, then each step's
    anchor: tuple[_Test, ...]
    steps: tuple[_Step, ...]
    start: int  # which start test finds the anchor's candidates; -1: every token is one


def _accepts(tests: tuple[_Test, ...], tree: _Tree, i: int) -> bool:
    for test in tests:
        if (tree.values[test.column][i] in test.values) == test.negated:
            return False
    return True


class DependencyPatterns:
    """A set of keyed dependency patterns, matched from each pattern's first (anchor) node."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.patterns: list[_Pattern] = []
        self.columns: list[str] = []  # the Doc attributes any test reads
        # Start tests: the first positive test of each anchor, shared by the patterns that
        # have it ("a speech verb"). The tokens passing them are found in one lookup per
        # column: hash -> the start tests it passes, and those hashes sorted for numpy.
        self._start_tests: list[_Test] = []
        self._start_index: dict[str, dict[int, list[int]]] = {}
        self._start_hashes: dict[str, numpy.ndarray] = {}

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
                    raise ValueError(f"{where}: REL_OP {node['REL_OP']!r} is not supported "
                                     f"(use {', '.join(RELATIONS)})")
                steps.append(_Step(self._tests(node["RIGHT_ATTRS"], where), index[node["LEFT_ID"]],
                                   RELATIONS[node["REL_OP"]]))
            index[name] = position
        self.patterns.append(_Pattern(key, tuple(index), anchor, tuple(steps), self._start(anchor)))

    def _start(self, anchor: tuple[_Test, ...]) -> int:
        first = next((test for test in anchor if not test.negated), None)
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

    def _tests(self, attrs: Any, where: str) -> tuple[_Test, ...]:
        if not isinstance(attrs, dict):
            raise ValueError(f"{where}: RIGHT_ATTRS must be a table")
        tests = []
        for name, value in attrs.items():
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
                tests.append(_Test(column, frozenset(self.vocab.strings.add(w) for w in words),
                                   predicate == "NOT_IN"))
        return tuple(tests)

    def __call__(self, doc: Doc) -> list[tuple[str, dict[str, Token]]]:
        """Every match as (key, node name -> token), by pattern, then by token positions in node order."""
        if not len(doc) or not self.patterns:
            return []
        tree = _Tree(doc, self.columns)
        starts: list[list[int]] = [[] for _ in self._start_tests]
        for column, by_hash in self._start_index.items():
            hashes, values = self._start_hashes[column], tree.arrays[column]
            found = numpy.searchsorted(hashes, values) % len(hashes)
            for i in numpy.flatnonzero(hashes[found] == values).tolist():
                for number in by_hash[tree.values[column][i]]:
                    starts[number].append(i)
        matches = []
        for pattern in self.patterns:
            for i in starts[pattern.start] if pattern.start >= 0 else range(len(doc)):
                if _accepts(pattern.anchor, tree, i):
                    for bound in _extend(pattern.steps, tree, [i]):
                        matches.append((pattern.key, dict(zip(pattern.names, (doc[j] for j in bound)))))
        return matches


def _extend(steps: tuple[_Step, ...], tree: _Tree, bound: list[int]) -> Any:
    """Bind the remaining nodes in order, each over the tokens its relation reaches from its left node."""
    if len(bound) > len(steps):
        yield list(bound)
        return
    step = steps[len(bound) - 1]
    for j in step.relation(tree, bound[step.left]):
        if _accepts(step.tests, tree, j):
            bound.append(j)
            yield from _extend(steps, tree, bound)
            bound.pop()

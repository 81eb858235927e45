"""Load, validate and compile the label rules and lexicons shipped in attrib/rules/.

Rules are data: `attribution.toml` holds the constructions and source kinds,
`lexicons/*.txt` the word lists. This module is the only reader of those files.
Every validation error names the file and the rule id, so a broken rule file
fails loudly at start-up rather than silently matching nothing.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from attrib.errors import RuleError, first_line
from attrib.records import LABELS

RULE_KINDS = ("dep", "token", "phrase", "regex", "python")
RULE_KEYS = {
    "id",
    "kind",
    "label",
    "description",
    "message",
    "pattern",
    "lexicon",
    "match",
    "no_match",
    "strict",
    "hook",
    "cue",
    "agent",
    "role",
    "fallback_source",
    "source_from_match",
    "rank_as",
    "frames",
    "continues_quote",
    "relays",
    "responds",
    "check",
    "credit_sources",
}
SOURCE_KEYS = {
    "id",
    "label",
    "description",
    "match",
    "no_match",
    "kind",
    "definite",
    "journalist",
    "vague",
    "named_later",
}
# What a source is, for the back-references that look for it ("he" wants a person, "it" a body,
# outlet or document). A [[source]] with label "" has no kind: it repeats its antecedent's.
SOURCE_KINDS = ("person", "body", "outlet", "document", "anonymous")
CHECK_CODE = re.compile(r"^[A-Z]{2}[0-9]{3}$")
MESSAGE_FIELDS = {"source", "cue"}
# Where a rule's cue sits: "main" always heads the sentence (speaker labels credit the
# quotation they open); "main-unless-quoted" does unless it is inside a quotation;
# "parse" is read off the dependency parse (attrib/engine/clauses.py).
ROLES = ("main", "main-unless-quoted", "parse")
# Kinds whose matches carry no parse of their own: by default their cue heads the sentence.
UNPARSED_KINDS = ("phrase", "regex")
SOURCE_NODE = "source"  # the dep pattern node that is the source's head token
LEXICON_REF = re.compile(r"^@([a-z_]+)$")


@dataclass(frozen=True)
class Rule:
    """A construction rule from attribution.toml (the keys are documented at the top of that file)."""

    id: str
    kind: str
    description: str
    message: str
    label: str = ""  # fixed label (agentless, weasel); "" when the source decides
    patterns: tuple[Any, ...] = ()
    lexicon: str = ""
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    strict: bool = False  # the source slot takes any noun, so only a recognisable source counts
    hook: str = ""  # a name registered in attrib/engine/hooks.py, or ""
    cue_nodes: tuple[str, ...] = ("cue",)  # dep pattern nodes whose tokens make up the cue, in order
    agent: str = ""  # dep node of a passive's agent marker ("by"): it ends the cue, the auxiliary opens it
    role: str = "parse"  # one of ROLES
    fallback_source: str = ""  # the source rule when no source kind fits (the construction marks a name)
    source_from_match: bool = False  # classify the source by the words the regex matched, not the parse
    rank_as: str = ""  # the rule it ranks as when main clauses compete (one construction), or ""
    frames: bool = False  # an outlet in its slot after the speech and outside its content frames the report
    continues_quote: bool = False  # the evidence the classifier gives a sentence inside a speaker's quotation
    relays: bool = False  # its source reached the article through the outer attribution's source
    responds: bool = False  # it reports the source's response ("declined to comment"), not words it said
    check: str = ""  # the finding code (attrib/audit/checks.py) that lists this rule's cues, or ""
    # a trailing credit of this rule is the outer source of the cues it follows only when its source
    # is of one of these kinds ([[source]] ids; empty: any kind)
    credit_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceRule:
    """A source-kind rule: how a source noun phrase is classified."""

    id: str
    label: str
    description: str
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    kind: str = ""  # one of SOURCE_KINDS; "" for a back-reference
    definite: bool = False  # a definite description ("the neighbour") that may refer back to an earlier source
    journalist: bool = False  # an outlet's journalist: counts as the outlet, but is not the outlet itself
    vague: bool = False  # a vague collective ("critics"), not a specific unnamed source
    # the classifier gives it to a lead's counted group whose members the article names later
    # ("Two families who fled the city have said ...", then both speak by name); its examples are
    # about the first sentence
    named_later: bool = False


@dataclass(frozen=True)
class RuleSet:
    """Everything the engine reads from package data, validated."""

    rules: tuple[Rule, ...]
    sources: tuple[SourceRule, ...]
    lexicons: dict[str, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def _by_id(self) -> dict[str, Rule | SourceRule]:
        entries: tuple[Rule | SourceRule, ...] = (*self.rules, *self.sources)
        return {entry.id: entry for entry in entries}

    def rule(self, rule_id: str) -> Rule:
        """The [[rule]] with this id (KeyError when there is none)."""
        found = self._by_id[rule_id]
        if not isinstance(found, Rule):
            raise KeyError(rule_id)
        return found

    def source(self, source_id: str) -> SourceRule:
        """The [[source]] rule with this id: its label is the label of the sources it classifies."""
        found = self._by_id[source_id]
        if not isinstance(found, SourceRule):
            raise KeyError(source_id)
        return found

    def _rule_or_none(self, rule_id: str) -> Rule | None:
        found = self._by_id.get(rule_id)
        return found if isinstance(found, Rule) else None

    def _source_or_none(self, source_id: str) -> SourceRule | None:
        found = self._by_id.get(source_id)
        return found if isinstance(found, SourceRule) else None

    # The declared properties the classifier, the register and the checks read, by the id an
    # Attribution records. An id no rule has (a record built by hand) has none of them.

    def rank(self, rule_id: str) -> str:
        """The rule whose priority this rule takes (`rank_as`), else the rule itself."""
        rule = self._rule_or_none(rule_id)
        return rule.rank_as if rule is not None and rule.rank_as else rule_id

    def frames(self, rule_id: str) -> bool:
        """Whether an outlet in this rule's slot frames the whole report (`frames`)."""
        rule = self._rule_or_none(rule_id)
        return rule is not None and rule.frames

    def continues_quote(self, rule_id: str) -> bool:
        """Whether this is the evidence of a sentence inside a speaker's quotation (`continues_quote`)."""
        rule = self._rule_or_none(rule_id)
        return rule is not None and rule.continues_quote

    @cached_property
    def continuation(self) -> str:
        """The id of the rule the classifier credits a quotation's later sentences to."""
        return next(r.id for r in self.rules if r.continues_quote)

    def responds(self, rule_id: str) -> bool:
        """Whether this rule reports a source's response, not its words (`responds`)."""
        rule = self._rule_or_none(rule_id)
        return rule is not None and rule.responds

    def relays(self, rule_id: str) -> bool:
        """Whether this rule's source reached the article through the outer source (`relays`)."""
        rule = self._rule_or_none(rule_id)
        return rule is not None and rule.relays

    def credit_source(self, rule_id: str, source_id: str) -> bool:
        """Whether a trailing credit of this rule, with a source of this source rule, is the outer
        source of the cues it follows (`credit_sources`; none listed: any source)."""
        kinds = self.rule(rule_id).credit_sources
        return not kinds or source_id in kinds

    def check(self, rule_id: str) -> str:
        """The finding code that lists this rule's cues (`check`), or ""."""
        rule = self._rule_or_none(rule_id)
        return rule.check if rule is not None else ""

    def source_kind(self, source_id: str) -> str:
        """What the source rule's sources are (`kind`): one of SOURCE_KINDS, or ""."""
        source = self._source_or_none(source_id)
        return source.kind if source is not None else ""

    def refers_back(self, source_id: str) -> bool:
        """Whether the source rule's sources take an antecedent's label (label "")."""
        source = self._source_or_none(source_id)
        return source is not None and source.label == ""

    def identified_document(self, source_id: str, identified: bool) -> bool:
        """Whether the source rule classifies documents the reader can (or cannot) identify."""
        source = self._source_or_none(source_id)
        wanted = "named" if identified else "anonymous"
        return source is not None and source.kind == "document" and source.label == wanted

    def definite(self, source_id: str) -> bool:
        """Whether the source rule's sources are definite descriptions that may refer back (`definite`)."""
        source = self._source_or_none(source_id)
        return source is not None and source.definite

    def journalist(self, source_id: str) -> bool:
        """Whether the source rule's sources are an outlet's journalists (`journalist`)."""
        source = self._source_or_none(source_id)
        return source is not None and source.journalist

    def vague(self, source_id: str) -> bool:
        """Whether the source rule's sources are vague collectives (`vague`)."""
        source = self._source_or_none(source_id)
        return source is not None and source.vague

    def is_outlet(self, source_id: str) -> bool:
        """Whether the source rule's sources are outlets themselves (kind outlet, no journalist)."""
        source = self._source_or_none(source_id)
        return source is not None and source.kind == "outlet" and not source.journalist

    @cached_property
    def outlet_source(self) -> str:
        """The id of the source rule for an outlet itself, for outlets the register finds by name."""
        return next(s.id for s in self.sources if s.kind == "outlet" and not s.journalist)

    @cached_property
    def named_later(self) -> str:
        """The id of the source rule for a lead's group named later in the article (`named_later`), or ""."""
        return next((s.id for s in self.sources if s.named_later), "")

    def descriptions(self) -> dict[str, dict[str, str]]:
        """Rule id -> {description}, for ArticleAudit.rules."""
        out = {r.id: {"description": r.description, "kind": r.kind} for r in self.rules}
        out.update({s.id: {"description": s.description, "kind": "source"} for s in self.sources})
        return out


def _rules_dir() -> Any:
    return resources.files("attrib") / "rules"


def read_lexicon(name: str) -> frozenset[str]:
    """Read lexicons/<name>.txt: one lower-cased entry per line, `#` comments.

    Raises:
        RuleError: the lexicon is missing, empty or repeats an entry.
    """
    path = _rules_dir() / "lexicons" / f"{name}.txt"
    if not path.is_file():
        raise RuleError(f"lexicons/{name}.txt: no such lexicon")
    entries: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = raw.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        if entry in entries:
            raise RuleError(f"lexicons/{name}.txt:{number}: duplicate entry {entry!r}")
        entries.append(entry)
    if not entries:
        raise RuleError(f"lexicons/{name}.txt: empty lexicon")
    return frozenset(entries)


def lexicon_names() -> tuple[str, ...]:
    """Names of every shipped lexicon, sorted."""
    folder = _rules_dir() / "lexicons"
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")))


def _expand(value: Any, lexicons: dict[str, frozenset[str]], where: str) -> Any:
    """Replace "@name" strings inside patterns by the lexicon's sorted words."""
    if isinstance(value, dict):
        return {k: _expand(v, lexicons, where) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            ref = LEXICON_REF.match(item) if isinstance(item, str) else None
            if ref:
                name = ref.group(1)
                if name not in lexicons:
                    raise RuleError(f"{where}: unknown lexicon @{name}")
                out.extend(sorted(lexicons[name]))
            else:
                out.append(_expand(item, lexicons, where))
        return out
    if isinstance(value, str) and LEXICON_REF.match(value):
        raise RuleError(f"{where}: a lexicon reference must sit inside a list: {value!r}")
    return value


def _check_message(message: str, where: str) -> None:
    for _, name, _, _ in string.Formatter().parse(message):
        if name is not None and name not in MESSAGE_FIELDS:
            raise RuleError(f"{where}: unknown message placeholder {{{name}}}")


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _where(raw: dict[str, Any], table: str, allowed: set[str]) -> tuple[str, str]:
    """The rule id and an error prefix naming it; rejects unknown keys."""
    rule_id = raw.get("id", "?")
    where = f"attribution.toml {table} {rule_id}"
    unknown = set(raw) - allowed
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    return rule_id, where


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(f"{where}: {key} must be true or false")
    return value


def _parse_rule(raw: dict[str, Any], lexicons: dict[str, frozenset[str]]) -> Rule:
    from attrib.engine.hooks import HOOKS  # the registry of named hooks (no spaCy)

    rule_id, where = _where(raw, "rule", RULE_KEYS)
    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        raise RuleError(f"{where}: kind must be one of {', '.join(RULE_KINDS)}")
    label = raw.get("label", "")
    if label and label not in LABELS:
        raise RuleError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
    for key in ("description", "message"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise RuleError(f"{where}: missing {key}")
    _check_message(raw["message"], where)
    patterns: tuple[Any, ...] = ()
    lexicon = raw.get("lexicon", "")
    if kind in ("dep", "token", "regex"):
        if not isinstance(raw.get("pattern"), list) or not raw["pattern"]:
            raise RuleError(f"{where}: kind {kind} needs a non-empty pattern list")
        patterns = tuple(_expand(raw["pattern"], lexicons, where))
        if kind == "regex":
            try:
                patterns = tuple(re.compile(p) for p in patterns)
            except (re.error, TypeError) as err:
                raise RuleError(f"{where}: bad regular expression: {err}") from None
        if kind == "dep":
            for pattern in patterns:
                names = {node["RIGHT_ID"] for node in pattern}
                if "cue" not in names:
                    raise RuleError(f"{where}: dep pattern needs a node named 'cue'")
    if kind == "phrase" and lexicon not in lexicons:
        raise RuleError(f"{where}: phrase rule needs an existing lexicon, got {lexicon!r}")
    hook = raw.get("hook", "")
    if hook and hook not in HOOKS:
        raise RuleError(
            f"{where}: unknown hook {hook!r} (registered in attrib/engine/hooks.py: {', '.join(sorted(HOOKS))})"
        )
    role = raw.get("role", ROLES[1] if kind in UNPARSED_KINDS else ROLES[2])
    if role not in ROLES:
        raise RuleError(f"{where}: role must be one of {', '.join(ROLES)}")
    cue_nodes = _strings(raw.get("cue", ["cue"]), where, "cue")
    if "cue" in raw and (kind != "dep" or not cue_nodes or cue_nodes[0] != "cue"):
        raise RuleError(f"{where}: cue lists dep pattern nodes, starting with 'cue'")
    named = {node["RIGHT_ID"] for pattern in patterns for node in pattern} if kind == "dep" else set()
    agent = raw.get("agent", "")
    if agent and (kind != "dep" or not isinstance(agent, str)):
        raise RuleError(f"{where}: agent names a dep pattern node")
    for node in (*cue_nodes[1:], *([agent] if agent else [])):
        if node not in named:
            raise RuleError(f"{where}: cue node {node!r} is in no pattern")
    source_from_match = _flag(raw, "source_from_match", where)
    if source_from_match and kind != "regex":
        raise RuleError(f"{where}: source_from_match needs a regex rule")
    fallback = raw.get("fallback_source", "")
    if not isinstance(fallback, str) or fallback and label:
        raise RuleError(f"{where}: fallback_source must be a source rule id, on a rule without a label")
    rank_as = raw.get("rank_as", "")
    if not isinstance(rank_as, str):
        raise RuleError(f"{where}: rank_as must be the id of another rule")
    continues_quote = _flag(raw, "continues_quote", where)
    if continues_quote and kind != "python":
        raise RuleError(f"{where}: continues_quote needs a python rule (the classifier builds its evidence)")
    check = raw.get("check", "")
    if not isinstance(check, str) or check and not CHECK_CODE.match(check):
        raise RuleError(f"{where}: check must be a finding code such as 'WE301', got {check!r}")
    credit_sources = _strings(raw.get("credit_sources", []), where, "credit_sources")
    if label and credit_sources:
        raise RuleError(f"{where}: credit_sources is for a rule without a label")
    return Rule(
        id=rule_id,
        kind=kind,
        description=raw["description"],
        message=raw["message"],
        label=label,
        patterns=patterns,
        lexicon=lexicon,
        match=_strings(raw.get("match", []), where, "match"),
        no_match=_strings(raw.get("no_match", []), where, "no_match"),
        strict=_flag(raw, "strict", where),
        hook=hook,
        cue_nodes=cue_nodes,
        agent=agent,
        role=role,
        fallback_source=fallback,
        source_from_match=source_from_match,
        rank_as=rank_as,
        frames=_flag(raw, "frames", where),
        continues_quote=continues_quote,
        relays=_flag(raw, "relays", where),
        responds=_flag(raw, "responds", where),
        check=check,
        credit_sources=credit_sources,
    )


def _parse_source(raw: dict[str, Any]) -> SourceRule:
    rule_id, where = _where(raw, "source", SOURCE_KEYS)
    label = raw.get("label")
    if label not in (*LABELS, ""):
        raise RuleError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
    if not str(rule_id).startswith("source."):
        raise RuleError(f"{where}: source rule ids start with 'source.'")
    kind = raw.get("kind", "")
    if label and kind not in SOURCE_KINDS:
        raise RuleError(f"{where}: kind must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    if not label and kind:
        raise RuleError(f'{where}: a source with label "" takes its antecedent\'s kind, so it has no kind')
    named_later = _flag(raw, "named_later", where)
    if named_later and label != "named":
        raise RuleError(f'{where}: named_later needs label "named"')
    journalist = _flag(raw, "journalist", where)
    if journalist and kind != "outlet":
        raise RuleError(f'{where}: journalist needs kind "outlet"')
    return SourceRule(
        id=rule_id,
        label=label,
        description=raw.get("description", ""),
        match=_strings(raw.get("match", []), where, "match"),
        no_match=_strings(raw.get("no_match", []), where, "no_match"),
        kind=kind,
        definite=_flag(raw, "definite", where),
        journalist=journalist,
        vague=_flag(raw, "vague", where),
        named_later=named_later,
    )


def load_rules(extra_vocab: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> RuleSet:
    """Load and validate attribution.toml and every lexicon (cached per process and vocabulary).

    The one owner of the vocabulary: the component, the register and the checks
    all read the word lists of the RuleSet this returns.

    Args:
        extra_vocab: house vocabulary (`[tool.attrib.vocab]`, checked by config.py;
            `Config.vocab_items()`): (lexicon name, literal lower-case entries) pairs
            added to those lexicons before the patterns are expanded.

    Raises:
        RuleError: with the file and rule id of the first problem found.
    """
    return _load_rules(tuple(extra_vocab))  # one cache entry, and one RuleSet, per vocabulary


@lru_cache(maxsize=8)
def _load_rules(extra_vocab: tuple[tuple[str, tuple[str, ...]], ...]) -> RuleSet:
    lexicons = {name: read_lexicon(name) for name in lexicon_names()}
    for name, entries in extra_vocab:
        if name not in lexicons:
            raise RuleError(f"vocab: no lexicon {name!r} to extend")
        lexicons[name] = lexicons[name] | frozenset(entries)
    try:
        data = tomllib.loads((_rules_dir() / "attribution.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise RuleError(f"attribution.toml: {err}") from None
    unknown = set(data) - {"rule", "source"}
    if unknown:
        raise RuleError(f"attribution.toml: unknown table(s) {', '.join(sorted(unknown))}")
    rules = tuple(_parse_rule(raw, lexicons) for raw in data.get("rule", []))
    sources = tuple(_parse_source(raw) for raw in data.get("source", []))
    ids = [r.id for r in rules] + [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RuleError(f"attribution.toml: duplicate id(s) {', '.join(duplicates)}")
    source_ids = {s.id for s in sources}
    for rule in rules:
        if rule.fallback_source and rule.fallback_source not in source_ids:
            raise RuleError(
                f"attribution.toml rule {rule.id}: fallback_source {rule.fallback_source!r} is no [[source]] id"
            )
        if rule.rank_as and rule.rank_as not in {other.id for other in rules if other is not rule}:
            raise RuleError(f"attribution.toml rule {rule.id}: rank_as {rule.rank_as!r} is no other [[rule]]'s id")
        for kind in rule.credit_sources:
            if kind not in source_ids:
                raise RuleError(f"attribution.toml rule {rule.id}: credit_sources {kind!r} is no [[source]] id")
    continuing = [r.id for r in rules if r.continues_quote]
    if len(continuing) != 1:
        raise RuleError(f"attribution.toml: exactly one rule has continues_quote = true, got {continuing or 'none'}")
    if not any(s.kind == "outlet" and not s.journalist for s in sources):
        raise RuleError('attribution.toml: no [[source]] of kind "outlet" for an outlet itself')
    return RuleSet(rules=rules, sources=sources, lexicons=lexicons)


load_rules.cache_clear = _load_rules.cache_clear  # type: ignore[attr-defined]  # tests reload edited rule files


def compile_matchers(vocab: Any, ruleset: RuleSet, make_doc: Any = None) -> dict[str, Any]:
    """Compile the dep, token and phrase rules into matchers.

    Returns a dict with "dep" (matchers.DependencyPatterns), "token"
    (matchers.TokenPatterns) and "phrase" (spaCy's PhraseMatcher) whose match
    keys are "<rule id>#<pattern index>".

    Args:
        vocab: the pipeline's vocabulary.
        ruleset: the validated rules.
        make_doc: the pipeline's tokenizer, so phrase entries ("it's") split
            the way article text does; whitespace splitting when None.

    Raises:
        RuleError: a pattern the matcher rejects, naming the rule.
    """
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from attrib.engine.matchers import DependencyPatterns, TokenPatterns

    dep = DependencyPatterns(vocab)
    token = TokenPatterns(vocab)
    phrase = PhraseMatcher(vocab, attr="LOWER")
    for rule in ruleset.rules:
        try:
            for index, pattern in enumerate(rule.patterns):
                key = f"{rule.id}#{index}"
                if rule.kind == "dep":
                    dep.add(key, pattern)
                elif rule.kind == "token":
                    token.add(key, pattern)
            if rule.kind == "phrase":
                tokenize = make_doc or (lambda entry: Doc(vocab, words=entry.split()))
                docs = [tokenize(entry) for entry in sorted(ruleset.lexicons[rule.lexicon])]
                phrase.add(f"{rule.id}#0", docs)
        except (ValueError, KeyError) as err:
            detail = first_line(err) or type(err).__name__
            raise RuleError(f"attribution.toml rule {rule.id}: pattern rejected: {detail}") from None
    return {"dep": dep, "token": token, "phrase": phrase}

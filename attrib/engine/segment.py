"""Text layout that the parser cannot see: paragraph breaks, page furniture and quotations.

Pure functions over the article text (no spaCy). The pipeline turns their
output into sentence-start constraints before parsing, and the component uses
the quotation spans to tell quoted content from the reporter's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from attrib.engine.rules import load_rules

# Lines that are page furniture rather than article prose. Captions and credits
# keep their label per LABELS.md but are excluded from the score.
_CAPTION_END = re.compile(
    r"\b(?:hide|toggle) caption\s*$|"
    # a caption closed by its photo credit: "... on Sunday. (AP Photo/Jane Doe)", "... REUTERS/Jane Doe",
    # "... Picture: Jane Doe"
    r"\((?:[A-Z]{2,8} )?photos?(?:/| by )[^()]{1,80}\)\s*$|"
    r"(?-i:\bREUTERS/[A-Z][^/]{1,40}(?:/File Photo)?)\s*$|"
    r"[.!?]\s+(?:picture|photo|photograph|image|credit)s?:\s*[^.!?]{1,60}$",
    re.IGNORECASE,
)
_CAPTION_LINE = re.compile(r"^\s*(?:toggle caption|hide caption|caption:|pictured:)", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"(?:contributed (?:reporting|to this (?:report|story|article))|"
    r"^\s*(?:photo|photograph|image|video|graphic)s? (?:by|courtesy|credit)\b|"
    # wire credits name people: "(Reporting by Jane Doe; Editing by ...)", not "Reporting by the paper showed"
    r"^\s*\(?(?:additional )?(?:reporting|writing|editing|edited|compiled) by\s+(?-i:[A-Z])|"
    # Bloomberg's "--With assistance from Jane Doe." and contact lines
    r"^[\s—–-]*with assistance from\s|"
    r"^\s*to contact the (?:reporters?|editors?|writers?)\b[^:]{0,60}:|"
    # "(Photo by Jane Doe/Getty Images)"
    r"^\s*\((?:photo|photograph|image|video)s? (?:by|courtesy|credit)\b|"
    # wire notes: "Information from The Associated Press was included in this report."
    r"\b(?:was|were) (?:included|used) in this (?:report|story|article)\b|"
    # a photo credit in parentheses: "(ABC News: Tim Swanston)", "(Photo: Jane Doe/Reuters)"
    r"^\s*\([^():]{1,60}:\s*[A-Z][^()]{1,60}\)\s*$|"
    # chart and table credits, names only: "Source: NATO.", "Data: U.S. Census Bureau";
    # "Sources: Talks to resume" is a headline attribution, not a credit
    r"^[\s/|•·-]*(?:sources?|data|chart|map|graphic|illustration)\s*:(?-i:(?:\s*(?:[A-Z0-9][\w.'’&/()-]*|of|the|and|for|on|[,;]|"
    r"polls?|surveys?|data|analysis|estimates|figures|reports?))+)\.?\s*$|"
    r"\b(?:getty images|via associated press|via getty|/ap|/reuters|/afp)\s*$|"
    r"^\s*(?:copyright|©|\(c\))\s)",
    re.IGNORECASE,
)
# Labelled furniture lines ("Credit: ...", "Photograph: ...", "Tags: ...", "Categories: ..."):
# furniture whatever follows the colon (LABELS.md), at any length; the labels are the
# furniture_labels lexicon. Whole lines such as "Advertisement" are furniture_lines, and a
# line that opens with a call to the reader (promo_openers: "Sign up for ...") is furniture
# when it also names the reader or the product. Lines with no letters or digits ("**",
# "* * *", "---") are separators. Markdown emphasis around a line ("*Photo: ...*") is markup.
_MARKUP = "*_>#~ \t"
_SEPARATOR_LINE = re.compile(r"^[^\w]+$")
_PROMO_ADDRESS = re.compile(
    r"\b(?:our|us|you|your|newsletters?|alerts?|apps?|podcasts?|free|here|today)\b", re.IGNORECASE
)
_PROMO_MAX = 160
# "By Jane Doe" / "By Jane Doe and John Roe, Reuters" / "By Jane Doe | Staff Writer": names
# only, so "By the fall of 2010, ..." stays prose.
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'’-]*,?(?:\s+(?:[A-Z][\w.'’-]*,?|and|&|[|·•—–-]))*\s*$")
# Timestamp lines ("Published November 17, 2024 at 5:00 AM ET", "Updated 6:12 PM ET",
# "Published: 08:14 GMT, 3 March 2026 | Updated: ...") and bare dates, month or day first
# ("Tue 3 Mar 2026 14.02 GMT"), are furniture like bylines (block "credit").
_DAY_NAME = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? "
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIMESTAMP_LINE = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted)(?::|\s+on|\s+at)?\s+"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|{_MONTH}|\d)"
    r"[^!?]{0,90}"
    rf"|(?:{_DAY_NAME})?(?:{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH}),? \d{{4}}"
    r"(?:,? (?:\d{1,2}[.:]\d{2}\b)?[^.!?]{0,25})?)$",
    re.IGNORECASE,
)
# A dateline opening a paragraph ("KYIV, Ukraine (AP) — ", "WASHINGTON — ",
# "LONDON, Nov. 17 (Reuters) - "): the city in capitals, then a dash and the lead sentence
# in capitals ("NATO — the alliance of 32 — will meet" is prose). It becomes one credit line
# of its own, so the lead sentence after it starts clean and the agency in brackets
# credits no claim (LABELS.md: datelines are unattributed).
_PLACE = (
    r"[*_]{0,3}(?:[A-Z][A-Z.'’-]*\s)*[A-Z][A-Z.'’-]{2,}"
    r"(?:,\s[A-Z][\w.'’-]*(?:\s[A-Z0-9][\w.'’-]*)*)*"
    r"(?:\s\([A-Z][\w ]{0,24}\))?"
)
_DATELINE = re.compile(_PLACE + r"(?:\s?[—–]|\s--?)[*_]{0,3}(?:\s+(?=[A-Z0-9\"“‘'(\[*_])|$)")
# South Asian and Gulf papers write "NEW DELHI: The government on Monday ...". A capitalised
# label and a colon is also a transcript's speaker ("PENCE: Well, ..."), so the colon form
# counts only on the article's first prose line, when that line is a long third-person
# sentence anchored in time like a news lead ("on Monday", "late Sunday", "in March") and no
# other line opens with such a label.
_COLON_DATELINE = re.compile(_PLACE + r":[*_]{0,3}\s+(?=[A-Z\"“‘'])")
_CAPS_LABEL = re.compile(r"^[*_]{0,3}[A-Z][A-Z.'’ -]+:", re.MULTILINE)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|you|You)\b")
_LEAD_MIN_WORDS = 8
_LEAD_TIME = re.compile(
    r"\b(?:(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day|yesterday|today|tonight"
    r"|(?:last|this) (?:week|weekend|month|year|night)|January|February|March|April|June|July|August"
    r"|September|October|November|December)\b"
)
# Credit lines are short; a long line matching a credit form is prose.
_CREDIT_MAX = 160
_TERMINAL = ".!?\"'”’:;)…"
# A break after "hide caption" inside a line: NPR's caption widget text.
_INLINE_BREAKS = re.compile(r"\b(?:hide|toggle) caption\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of the article with its block kind."""

    start: int
    end: int
    block: str  # heading | paragraph | caption | credit


def lines(text: str) -> list[Line]:
    """Split the text into non-empty lines and give each a block kind (see _lines)."""
    return list(_lines(text))


# Texts whose lines and quotations stay cached: the boundaries component and the evidence pass
# both read them, a whole nlp.pipe batch apart (up to pipeline.MAX_BATCH texts).
_TEXTS_CACHED = 32


@lru_cache(maxsize=_TEXTS_CACHED)
def _lines(text: str) -> tuple[Line, ...]:
    """Split the text into non-empty lines and give each a block kind.

    The first line is a heading when it has no terminal punctuation; captions
    are lines ending in "hide caption", the "toggle caption" line and the credit
    line after it; credits match common byline, photo-credit and timestamp
    forms. A dateline opening a line ("WASHINGTON — ") is a credit line of its
    own, and the rest of the line is classified as a line.
    """
    out: list[Line] = []
    after_toggle = False
    caps_labels = len(_CAPS_LABEL.findall(text))
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = match.start() + len(raw.rstrip())
        dateline = _DATELINE.match(stripped) or (
            caps_labels == 1 and not any(line.block == "paragraph" for line in out) and _colon_dateline(stripped)
        )
        if dateline:
            out.append(Line(start, start + len(dateline.group().rstrip()), "credit"))
            start += dateline.end()
            stripped = stripped[dateline.end() :]
            if not stripped:
                continue
        if _SEPARATOR_LINE.match(stripped) or _furniture_line(stripped):
            block = "credit"
        elif _CAPTION_LINE.match(stripped) or _CAPTION_END.search(stripped):
            block = "caption"
        elif (
            after_toggle
            or len(stripped) <= _CREDIT_MAX
            and (_CREDIT_LINE.search(stripped) or _BYLINE.match(stripped) or _TIMESTAMP_LINE.match(stripped))
        ):
            block = "credit"
        elif not out and stripped[-1] not in _TERMINAL and len(stripped) < 200:
            block = "heading"
        else:
            block = "paragraph"
        after_toggle = stripped.lower() == "toggle caption"
        out.append(Line(start, end, block))
    return tuple(out)


@cache
def _furniture_words() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], frozenset[str]]:
    """The furniture lexicons as matchers: label lines, whole lines, promo openings, and the
    colon labels that are never a dateline ("BREAKING:", "UPDATE:")."""
    words = load_rules().lexicons
    labels, promos = words["furniture_labels"], words["promo_openers"]

    def alternation(entries: frozenset[str]) -> str:
        return "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in sorted(entries, key=lambda e: (-len(e), e)))

    label_line = re.compile(rf"^(?:{alternation(labels)})\s*:", re.IGNORECASE)
    promo_line = re.compile(rf"^(?:{alternation(promos)})\b", re.IGNORECASE)
    return label_line, words["furniture_lines"], promo_line, labels | words["colon_labels"]


def _furniture_line(line: str) -> bool:
    """A labelled furniture line ("Tags: ..."), a whole furniture line ("Advertisement") or a promo."""
    label_line, whole_lines, promo_line, _ = _furniture_words()
    bare = line.strip(_MARKUP)
    if label_line.match(bare):
        return True
    if bare.rstrip(".:!…").strip(_MARKUP).lower() in whole_lines:
        return True
    return len(bare) <= _PROMO_MAX and promo_line.match(bare) is not None and _PROMO_ADDRESS.search(bare) is not None


def _colon_dateline(line: str) -> re.Match[str] | None:
    """ "NEW DELHI: " opening a long third-person lead sentence (see _COLON_DATELINE)."""
    found = _COLON_DATELINE.match(line)
    if found is None:
        return None
    place = found.group().strip(_MARKUP + ":").lower()
    lead = line[found.end() :]
    if (
        place in _furniture_words()[3]
        or lead.rstrip()[-1:] not in _TERMINAL
        or len(lead.split()) < _LEAD_MIN_WORDS
        or _FIRST_PERSON.search(lead)
        or not _LEAD_TIME.search(lead)
    ):
        return None
    return found


def unbroken(text: str) -> list[tuple[int, int]]:
    """(start, end) of the credit lines: each is one sentence however it is punctuated.

    A dateline ("WASHINGTON (AP) —"), a byline or a separator ("* * *") is one piece of
    furniture; the parser would cut it at its brackets, dashes and stars.
    """
    return [(line.start, line.end) for line in lines(text) if line.block == "credit"]


def hard_breaks(text: str) -> list[int]:
    """Character offsets where a sentence must start, whatever the parser thinks.

    Every line start is a break, except where a line looks soft-wrapped: a
    long previous paragraph line ends without terminal punctuation and this
    one starts in lower case. Text after "hide caption" also starts a new sentence.
    """
    breaks: list[int] = []
    previous: Line | None = None
    for line in lines(text):
        # Soft-wrapped prose has long lines that stop mid-sentence; short
        # lines and furniture always end where they end.
        wrapped = (
            previous is not None
            and previous.block == line.block == "paragraph"
            and previous.end - previous.start >= 50
            and text[previous.end - 1] not in _TERMINAL
            and text[line.start].islower()
        )
        if previous is not None and not wrapped:
            breaks.append(line.start)
        previous = line
    for match in _INLINE_BREAKS.finditer(text):
        after = match.end()
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] not in "\r\n":
            breaks.append(after)
    return sorted(set(breaks))


# Title-case headline lines ("Sanders Vows To Fight On"): the small model reads
# every capitalised word as a name, so cue verbs and source nouns go unseen.
_WORD = re.compile(r"[A-Za-z][a-z]*(?:['’][a-z]+)?")
_TITLE_MAX = 200
_BODY_MIN_WORDS = 50  # enough story text to tell a headline's names from its common words
_CALENDAR = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
_LONG_WORD = 4  # AP title case leaves short function words ("of", "for") in lower case
_OPENERS = "\"'“‘(:—–-"
_ARTICLE_A = re.compile(r"A [a-zA-Z]")  # the one single-letter word to lower-case ("As A Fraud"), never "I"
_OPENING_MARKS = "\"'“‘(-"  # a word right after one of these starts a quotation or compound


def _is_title_line(line: str) -> bool:
    if len(line) > _TITLE_MAX:  # a paragraph: no need to split it into words
        return False
    words = _WORD.findall(line)
    long_words = [w for w in words if len(w) >= _LONG_WORD]
    if len(words) < 3 or len(long_words) < 2:
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.85 * len(long_words)


def _stem(word: str) -> str:
    return re.split(r"['’]", word, maxsplit=1)[0]


def soften_title_case(text: str, function_words: frozenset[str], content_words: frozenset[str]) -> str:
    """Lower-case the common words of title-case lines, one character for one.

    A line is title case when nearly all its words of four letters or more are
    capitalised ("New Poll Shows Clinton Ahead"). In such a line a capitalised
    word is lower-cased when it is a common word (one of `function_words`, a
    regular inflection of one of `content_words`, a word written in lower case
    elsewhere in the text, or, once the story has 50 words, a word the story
    never uses, since a headline's names recur in the story) and is never
    capitalised mid-sentence in the article's other lines (so names such as
    "Trump" or "Warren" keep their capitals). The first word of the line, words
    right after an opening quotation mark or colon, month and day names, and
    byline and caption lines keep their capitals.

    Args:
        text: the article.
        function_words: lower-case function words ("to", "after", "could"), matched exactly.
        content_words: lower-case cue verbs and source nouns in all their inflected forms, matched exactly.

    Returns:
        The text with the same length and offsets.
    """
    line_spans = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    titled = [(s, e) for s, e in line_spans if _is_title_line(text[s:e])]
    if not titled:
        return text  # most articles: no need to classify their lines
    furniture = {line.start for line in lines(text) if line.block in ("caption", "credit")}  # bylines are all names
    titled = [(s, e) for s, e in titled if s + len(text[s:e]) - len(text[s:e].lstrip()) not in furniture]
    if not titled:
        return text
    titled_set = set(titled)
    names: set[str] = set()
    lower_seen: set[str] = set()
    body_words: set[str] = set()  # every word of the lines that are not title case
    body_length = 0
    for start, end in line_spans:
        line = text[start:end]
        for match in _WORD.finditer(line):
            word = match.group()
            if (start, end) not in titled_set:
                body_words.add(_stem(word).lower())
                body_length += 1
            if word.islower():
                lower_seen.add(word)
            elif (start, end) not in titled_set and word[0].isupper():
                before = line[: match.start()].rstrip()
                if before and before[-1] not in ".!?" + _OPENERS:
                    names.add(_stem(word))  # capitalised mid-sentence: a name
    chars = list(text)
    for start, end in titled:
        line = text[start:end]
        for match in _WORD.finditer(line):
            word = match.group()
            before = line[: match.start()]
            opened = before[-1:] in _OPENING_MARKS or before.rstrip()[-1:] == ":"
            if (
                not before.strip()
                or opened
                or len(word) < 2
                and not _ARTICLE_A.match(line, match.start())
                or not word[0].isupper()
                or _stem(word) in names
            ):
                continue
            lower = word.lower()
            # A name in a headline recurs in the story; a word the story never uses is taken as common.
            unseen = body_length >= _BODY_MIN_WORDS and _stem(lower) not in body_words and lower not in _CALENDAR
            if len(lower) == len(word) and (
                lower in lower_seen or lower in function_words or unseen or lower in content_words
            ):
                chars[start + match.start() : start + match.end()] = lower
    return "".join(chars)


def block_at(line_list: list[Line], offset: int) -> str:
    """The block kind of the line containing `offset` (paragraph when between lines)."""
    for line in line_list:
        if line.start <= offset < max(line.end, line.start + 1):
            return line.block
    return "paragraph"


def line_index(line_list: list[Line], offset: int) -> int:
    """Index of the line (paragraph) containing `offset`; the previous line's index between lines."""
    found = 0
    for index, line in enumerate(line_list):
        if line.start > offset:
            break
        found = index
    return found


# Double quotation marks, including the two-apostrophe form some archives use
# ('' ... '') and the typewriter pair of converted archive text (`` ... ''), in place of
# curly quotes. `` only ever opens a quotation.
_QUOTE_MARK = re.compile(r"''|``|[\"“”„]")
_OPENING_ONLY = "``"
# A single-quoted phrase, as headlines and quotes-within-quotes carry them ("calls
# the plan 'a disaster'"): the opening mark follows a space or starts the text, the
# closing one ends a word, so apostrophes ("don't", "the '90s", "officials' ") don't pair.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[—–-]))['‘](?![nN]['’]\s)(?=[^\s'‘’])[^'‘’\n]{1,200}?(?<=[^\s'‘’])['’](?=[\s.,;:!?)\]—–-]|$)"
)


# British and tabloid copy quotes with single marks ('It was over,' a friend said.). In an
# article with no double marks, a single mark opens a quotation at the paragraph start or
# after a space, bracket, dash or colon, and closes one after a word, before a space or
# punctuation; a mark between letters ("isn't") is an apostrophe. An opening that never
# closes counts only where a multi-paragraph quotation can open: at the paragraph start
# or after ": ", before a capital ("'90s" and "the officials' report" do not open one).
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=[^\s'‘’])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'‘’])['’](?=[\s.,;:!?)\]—–-]|$)")
_ELISION = re.compile(r"['‘][nN]['’](?=\s)")  # "rock 'n' roll", "fish 'n' chips"
_LONG_OPENING = re.compile(r"(?:^\s*|:\s+)['‘](?=[A-Z])")


def _single_marks(paragraph: str) -> list[re.Match[str]]:
    """The single quotation marks of a paragraph, paired in order."""
    opens = {m.start(): m for m in _SINGLE_OPEN.finditer(paragraph)}
    closes = {m.start(): m for m in _SINGLE_CLOSE.finditer(paragraph)}
    marks: list[re.Match[str]] = []
    for position in sorted(opens.keys() | closes.keys()):
        if _ELISION.match(paragraph, position):
            closes.pop(position + 2, None)  # "rock 'n' roll": the two apostrophes of an elision
            continue
        if len(marks) % 2 == 0 and position in opens:
            marks.append(opens[position])
        elif len(marks) % 2 == 1 and position in closes:
            marks.append(closes[position])
    if len(marks) % 2 == 1 and not any(m.end() == marks[-1].end() for m in _LONG_OPENING.finditer(paragraph)):
        marks.pop()  # an apostrophe that looked like an opening mark
    return marks


def has_single_quoted(text: str) -> bool:
    """Whether the text carries a single-quoted phrase (not an apostrophe)."""
    return _SINGLE_QUOTED.search(text) is not None


def closing_marks(text: str, spans: list[tuple[int, int, int]] | None = None) -> set[int]:
    """Offsets where a closing quotation mark starts (`spans`: quotations(text), if already found)."""
    spans = quotations(text) if spans is None else spans
    return {end - (2 if text[end - 2 : end] == "''" else 1) for _, end, _ in spans if text[end - 1 : end] in "\"“”„'"}


def quotations(text: str) -> list[tuple[int, int, int]]:
    """Direct quotations as (start, end, quote_id), end exclusive, marks included (see _quotations)."""
    return list(_quotations(text))


@lru_cache(maxsize=_TEXTS_CACHED)
def _quotations(text: str) -> tuple[tuple[int, int, int], ...]:
    """Direct quotations as (start, end, quote_id), end exclusive, marks included.

    Straight and curly double quotes (and '' pairs) toggle within a paragraph. A quotation
    still open at the end of a paragraph closes there; when the next paragraph
    opens with a quotation mark it continues the same quotation (the news
    convention for multi-paragraph quotes), so both parts share one quote_id.
    An article with no double marks at all quotes with single ones (British style).
    """
    spans: list[tuple[int, int, int]] = []
    quote_id = -1
    carried = False  # the previous paragraph ended inside a quotation
    single = _QUOTE_MARK.search(text) is None  # British style: single marks quote
    for paragraph in re.finditer(r"[^\r\n]+", text):
        open_at: int | None = None
        first_mark = True
        marks = _single_marks(paragraph.group()) if single else list(_QUOTE_MARK.finditer(paragraph.group()))
        for match in marks:
            position = paragraph.start() + match.start()
            if open_at is not None and match.group() == _OPENING_ONLY:
                spans.append((open_at, position, quote_id))  # the earlier one never closed: `` starts anew
                open_at = None
            if open_at is None:
                leading = text[paragraph.start() : position].strip() == ""
                if not (carried and first_mark and leading):
                    quote_id += 1
                open_at = position
            else:
                spans.append((open_at, position + len(match.group()), quote_id))
                open_at = None
            first_mark = False
        carried = open_at is not None
        if open_at is not None:
            spans.append((open_at, paragraph.end(), quote_id))
    return tuple(spans)


def quoted_share(spans: list[tuple[int, int, int]], start: int, end: int, text: str) -> tuple[float, int | None]:
    """Share of the non-space characters in [start, end) inside quotations, and the main quote id."""
    total = _visible(text[start:end])
    if total == 0:
        return 0.0, None
    inside: dict[int, int] = {}
    for q_start, q_end, q_id in spans:
        lo, hi = max(start, q_start), min(end, q_end)
        if lo < hi:
            inside[q_id] = inside.get(q_id, 0) + _visible(text[lo:hi])
    if not inside:
        return 0.0, None
    best = min(inside, key=lambda q: (-inside[q], q))
    return round(sum(inside.values()) / total, 4), best


def _visible(text: str) -> int:
    """How many characters are not whitespace (str.split and str.isspace agree on what is)."""
    return len("".join(text.split()))


def quotation_at(spans: list[tuple[int, int, int]], offset: int) -> int | None:
    """The id of the quotation that `offset` lies strictly inside, or None."""
    for q_start, q_end, q_id in spans:
        if q_start < offset < q_end:
            return q_id
    return None


def in_quotation(spans: list[tuple[int, int, int]], offset: int) -> bool:
    """Whether the character at `offset` lies strictly inside a quotation."""
    return any(q_start < offset < q_end for q_start, q_end, _ in spans)

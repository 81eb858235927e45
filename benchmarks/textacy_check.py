"""Measure textacy against attrib's own handling, for the README's design notes.

attrib does not depend on textacy; run this in a venv that has it
(`pip install textacy`) with the checkout on PYTHONPATH:

    PYTHONPATH=. python benchmarks/textacy_check.py GOLD.jsonl [GOLD.jsonl ...]

For each gold file (the format of docs/LABELS.md) it parses every article
once with attrib's pipeline and, on that same Doc, runs
`textacy.extract.triples.direct_quotations`. Over the gold sentences that
contain a quotation mark it counts how often each tells attributed from
unattributed correctly (textacy: a quotation covers the sentence), how often
their speaker matches the gold source where both name one, and what a
textacy fallback would add to the sentences attrib leaves unattributed. It
also times `textacy.text_stats` per article. Gold files are read only from
the paths given.
"""

from __future__ import annotations

import json
import re
import sys
import time
from typing import Any

from attrib.inputs import Text
from attrib.inputs.offsets import OffsetMap
from attrib.pipeline import audit_doc, load_nlp, model_name, normalise

QUOTE_MARK = re.compile('["\u201c\u201d]')


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_source(predicted: str, gold: str) -> bool:
    def bare(s: str) -> str:
        return re.sub(r"^(the|a|an)\s+", "", s.lower().strip())

    p, g = bare(predicted), bare(gold)
    return bool(p and g) and (p in g or g in p)


def _quotations(doc: Any, direct_quotations: Any) -> list[tuple[tuple[int, int], list[tuple[int, int]], str]] | None:
    """(content offsets, cue offsets, speaker) per quotation; None when textacy refuses the Doc."""
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # unbalanced quotation marks
        return None
    found = []
    for triple in triples:
        content = list(triple.content)
        if content:
            found.append(
                (
                    (content[0].idx, content[-1].idx + len(content[-1])),
                    [(t.idx, t.idx + len(t)) for t in triple.cue],
                    " ".join(t.text for t in triple.speaker),
                )
            )
    return found


def measure(path: str, direct_quotations: Any, text_stats: Any) -> dict[str, float]:
    nlp = load_nlp()
    m: dict[str, float] = dict.fromkeys(
        (
            "articles",
            "refused",
            "quoted",
            "attrib_right",
            "textacy_right",
            "rescued",
            "harmed",
            "both_speakers",
            "attrib_speaker_right",
            "textacy_speaker_right",
            "stats_ms",
            "audit_ms",
        ),
        0,
    )
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            gold = json.loads(line)
            if "text" not in gold:
                continue
            m["articles"] += 1
            source = Text(
                text=gold["text"],
                path=gold["id"],
                format="txt",
                offsets=OffsetMap.from_text(gold["text"]),
                encoding="utf-8",
            )
            start = time.perf_counter()
            doc = nlp(normalise(source.text))
            audit = audit_doc(doc, source, model_name(nlp))
            middle = time.perf_counter()
            text_stats.n_words(doc), text_stats.n_syllables(doc), text_stats.flesch_reading_ease(doc)
            m["stats_ms"] += 1000 * (time.perf_counter() - middle)
            m["audit_ms"] += 1000 * (middle - start)
            quotations = _quotations(doc, direct_quotations)
            m["refused"] += quotations is None
            for sentence in gold["sentences"]:
                span = (sentence["start"], sentence["end"])
                best = max(audit.sentences, key=lambda s: _overlap(span, (s.span.start, s.span.end)))
                ours = best if _overlap(span, (best.span.start, best.span.end)) else None
                attributed = ours is not None and ours.label != "unattributed"
                truth = sentence["label"] != "unattributed"
                speaker = next(
                    (
                        who
                        for content, cues, who in quotations or ()
                        if _overlap(span, content) >= 0.5 * max(1, span[1] - span[0])
                        or any(_overlap(span, cue) for cue in cues)
                    ),
                    None,
                )
                if not attributed and speaker is not None:
                    m["rescued" if truth else "harmed"] += 1
                if not QUOTE_MARK.search(gold["text"][span[0] : span[1]]):
                    continue
                m["quoted"] += 1
                m["attrib_right"] += attributed == truth
                m["textacy_right"] += (speaker is not None) == truth
                primary = ours.primary if ours else None
                if truth and sentence.get("source") and speaker and primary and primary.source:
                    m["both_speakers"] += 1
                    m["attrib_speaker_right"] += _same_source(primary.source.text, sentence["source"])
                    m["textacy_speaker_right"] += _same_source(speaker, sentence["source"])
    m["stats_ms"] /= max(1, m["articles"])
    m["audit_ms"] /= max(1, m["articles"])
    return m


def main(paths: list[str]) -> None:
    import spacy  # noqa: F401  (timed apart from textacy's own import)

    start = time.perf_counter()
    from textacy import text_stats
    from textacy.extract.triples import direct_quotations

    print(f"import textacy.extract.triples + text_stats after spaCy: {time.perf_counter() - start:.2f} s")
    for path in paths:
        m = measure(path, direct_quotations, text_stats)
        print(f"{path}: {m['articles']:.0f} articles, textacy refused {m['refused']:.0f}")
        print(
            f"  sentences with a quotation mark: {m['quoted']:.0f}; attributed or not right: attrib "
            f"{m['attrib_right']:.0f}, textacy {m['textacy_right']:.0f}"
        )
        print(
            f"  speaker matches the gold source (both name one, {m['both_speakers']:.0f}): attrib "
            f"{m['attrib_speaker_right']:.0f}, textacy {m['textacy_speaker_right']:.0f}"
        )
        print(
            f"  a textacy fallback where attrib says unattributed: {m['rescued']:.0f} gold-attributed, "
            f"{m['harmed']:.0f} gold-unattributed sentences"
        )
        print(f"  per article: attrib audit {m['audit_ms']:.1f} ms, text_stats {m['stats_ms']:.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])

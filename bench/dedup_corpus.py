"""The near-duplicate bench's corpus: real article bodies, the copies other outlets make of them, and
hard negatives (different stories that look alike). Every document carries its truth: the story it
belongs to.

Originals are the gold bodies of ``chinese-web-dev`` and ``scrapinghub-dev``, and the cleaned text of the
two Taiwanese sets (which label phrases, not bodies). Copies are made by the generators below, each a
real-world case, drawn with a random generator seeded per original so that the corpus is the same on
every run and adding a page does not change the others' copies. Text written here (chrome lines, notes,
background sentences, templates) is ours; no paragraph is taken from one article into another's copy.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bench.datasets import CHINESE, SCRAPINGHUB, TAIWANESE, TWNEWS, load_set
from bench.dedup_words import (
    _BACKGROUND,
    _CHROME_BOTTOM,
    _CHROME_TOP,
    _EDITOR_NOTES,
    _RELATED,
    _TEMPLATES,
    Language,
    _fill,
)
from bench.metric import score_page
from dedup.textnorm import detect_script, fold_script, to_traditional

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
# Shorter bodies are captions and briefs: the store leaves them to the exact content hash.
MIN_BODY_CHARS = 200
# How much of an original a hard negative may borrow: a lead or a quoted paragraph, never most of it.
MAX_BORROWED_SHARE = 0.3
TEMPLATE_INSTANCES = 6
ORIGINAL = "original"


@dataclass(frozen=True)
class Draft:
    """A text being copied: its language, title and paragraphs."""

    language: Language
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Original:
    key: str  # "<set>/<page>": the story label of the original and its copies
    draft: Draft


@dataclass(frozen=True)
class Document:
    doc_id: str
    story: str  # the truth: documents with one story label are one story
    transform: str  # "original", a copy generator ("trim", "script+chrome"), or a negative's kind
    language: Language
    title: str
    text: str
    imitates: str | None = None  # a hard negative: the story it resembles without belonging to it


# --- originals -------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(
    r"(?<=[。！？!?])(?![”」』’\"])|(?<=[。！？!?][”」』’\"])"  # Chinese: after the mark and its quote
    r"|(?<=[.!?])\s+(?=[A-Z“\"‘(])|(?<=[.!?][”\"’])\s+(?=[A-Z“\"‘(])"  # English: before a capital
)


def sentences(paragraph: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_BREAK.split(paragraph) if part.strip()]


def _join(language: Language, parts: Sequence[str]) -> str:
    return (" " if language == "en" else "").join(parts)


def language_of(text: str, cleaner_language: str | None) -> Language | None:
    """zh-Hans, zh-Hant or en; None for the other languages, which forumwatch does not watch."""
    if cleaner_language == "zh":
        script = detect_script(text)
        return None if script is None else "zh-Hant" if script == "Hant" else "zh-Hans"
    return "en" if cleaner_language == "en" else None


def make_original(key: str, title: str, body: str, language: Language | None) -> Original | None:
    """An original from a page's title and body, or None when the body is too short or unwatched."""
    paragraphs = tuple(line.strip() for line in body.splitlines() if line.strip())
    if language is None or len("".join(paragraphs)) < MIN_BODY_CHARS:
        return None
    return Original(key, Draft(language, title.strip() or paragraphs[0][:40], paragraphs))


def load_originals(root: Path) -> list[Original]:
    """Originals from the four extraction sets under ``root``, read in place."""
    from crawler.cleaner import clean  # the cleaner is only needed for real pages, not for the tests

    originals = []
    for dataset in (CHINESE, SCRAPINGHUB, TAIWANESE, TWNEWS):
        for page in load_set(root, dataset):
            article = clean(page.raw, page.url)
            body = page.gold_body if page.gold_body is not None else article.text
            title = page.title or article.title
            original = make_original(
                f"{dataset}/{page.name}", title, body, language_of(body, article.language)
            )
            if original is not None:
                originals.append(original)
    return distinct(originals)


def distinct(originals: Sequence[Original]) -> list[Original]:
    """The originals without those that repeat an earlier one (the sets hold a few articles twice, on
    two URLs): half of either's shingles in the other, by the extraction metric, not by the near-duplicate
    code under test."""
    kept: list[Original] = []
    for original in originals:
        if not any(_same_article(original, earlier) for earlier in kept):
            kept.append(original)
    return kept


def _same_article(first: Original, second: Original) -> bool:
    if first.draft.language != second.draft.language:
        return False
    overlap = score_page(first.draft.text, second.draft.text)
    return max(overlap.precision, overlap.recall) >= 0.5


# --- copy generators: the same story as the original ----------------------------------------------


def other_script(draft: Draft, rng: random.Random) -> Draft | None:
    """The same article in the other Chinese script: a Taiwanese or Hong Kong portal reprinting a
    mainland wire story in Traditional characters, or a mainland site carrying a CNA dispatch in
    Simplified ones. Not applicable to English."""
    if draft.language == "zh-Hans":
        return Draft("zh-Hant", to_traditional(draft.title), tuple(map(to_traditional, draft.paragraphs)))
    if draft.language == "zh-Hant":
        return Draft("zh-Hans", fold_script(draft.title), tuple(map(fold_script, draft.paragraphs)))
    return None


def other_chrome(draft: Draft, rng: random.Random) -> Draft:
    """The reprint's own chrome around the body, where the cleaner left it: a source or byline line on
    top (来源：, 原标题：, 中央社記者…電, By …), credits, correction links, share buttons and copyright
    notices below (责任编辑：, 【纠错】, (Reporting by …; Editing by …), Share this article)."""
    top = rng.sample(_CHROME_TOP[draft.language], rng.randint(0, 2))
    bottom = rng.sample(_CHROME_BOTTOM[draft.language], rng.randint(1, 3))
    top, bottom = ([_fill(p, draft.language, draft.title, rng) for p in lines] for lines in (top, bottom))
    return replace(draft, paragraphs=(*top, *draft.paragraphs, *bottom))


def trimmed_tail(draft: Draft, rng: random.Random) -> Draft | None:
    """The reprint that cuts the end: a portal dropping the last background paragraphs to fit its
    page, or a feed carrying the first part of the article. Cuts 10-45 % of the text, by whole
    paragraphs where there are enough of them, else by the last sentences."""
    total = len(draft.text)
    target = total * rng.uniform(0.10, 0.45)
    paragraphs = list(draft.paragraphs)
    while len(paragraphs) > 2 and total - len("\n".join(paragraphs[:-1])) <= target:
        paragraphs.pop()
    if len(paragraphs) < len(draft.paragraphs):
        return replace(draft, paragraphs=tuple(paragraphs))
    last = sentences(paragraphs[-1])
    while len(last) > 1 and total - len("\n".join(paragraphs)) < target:
        last.pop()
        paragraphs[-1] = _join(draft.language, last)
    if len("\n".join(paragraphs)) == total:
        return None  # one sentence: nothing to trim without losing the article
    return replace(draft, paragraphs=tuple(paragraphs))


def added_paragraphs(draft: Draft, rng: random.Random) -> Draft:
    """The reprint that adds its own words: an editor's note on top (编者按：…), a related-reading line
    at the end (相关阅读：…), or a background paragraph of its own between the original's paragraphs.
    One or two of these."""
    language = draft.language
    paragraphs = list(draft.paragraphs)
    for addition in rng.sample(["note", "related", "background"], rng.randint(1, 2)):
        if addition == "note":
            paragraphs.insert(0, _fill(rng.choice(_EDITOR_NOTES[language]), language, draft.title, rng))
        elif addition == "related":
            paragraphs.append(_fill(rng.choice(_RELATED[language]), language, draft.title, rng))
        else:
            background = _join(language, rng.sample(_BACKGROUND[language], rng.randint(2, 3)))
            paragraphs.insert(rng.randint(1, len(paragraphs)), background)
    return replace(draft, paragraphs=tuple(paragraphs))


def reordered(draft: Draft, rng: random.Random) -> Draft | None:
    """The rewrite that moves things: an editor swapping two paragraphs to lead with the quote, or
    reordering the sentences of a paragraph. The words stay; only their order changes."""
    paragraphs = list(draft.paragraphs)
    if len(paragraphs) >= 2 and rng.random() < 0.5:
        first = rng.randrange(len(paragraphs) - 1)
        paragraphs[first], paragraphs[first + 1] = paragraphs[first + 1], paragraphs[first]
        return replace(draft, paragraphs=tuple(paragraphs))
    movable = [i for i, p in enumerate(paragraphs) if len(set(sentences(p))) >= 2]
    if not movable:
        return None
    for index in rng.sample(movable, min(2, len(movable))):
        parts = sentences(paragraphs[index])
        moved = parts[:]
        while moved == parts:
            rng.shuffle(moved)
        paragraphs[index] = _join(draft.language, moved)
    return replace(draft, paragraphs=tuple(paragraphs))


Transform = Callable[[Draft, random.Random], Draft | None]
# In the order a combination applies them: script first, so that added chrome is in the copy's script.
TRANSFORMS: dict[str, Transform] = {
    "script": other_script,
    "chrome": other_chrome,
    "added": added_paragraphs,
    "trim": trimmed_tail,
    "reorder": reordered,
}
COMBINATIONS_PER_ORIGINAL = 2


def copies(original: Original, seed: int) -> list[Document]:
    """The original, one copy per generator, and copies combining two generators."""
    rng = random.Random(f"{seed}:{original.key}")
    made = [_document(original.key, ORIGINAL, original.draft, original.key)]
    applicable = []
    for name, transform in TRANSFORMS.items():
        single = transform(original.draft, rng)
        if single is not None:
            applicable.append(name)
            made.append(_document(f"{original.key}#{name}", name, single, original.key))
    pairs = list(itertools.combinations(applicable, 2))
    for pair in rng.sample(pairs, min(COMBINATIONS_PER_ORIGINAL, len(pairs))):
        combined: Draft | None = original.draft
        for name in pair:
            combined = TRANSFORMS[name](combined, rng) if combined is not None else None
        if combined is not None:
            label = "+".join(pair)
            made.append(_document(f"{original.key}#{label}", label, combined, original.key))
    return made


def _document(doc_id: str, transform: str, draft: Draft, story: str, imitates: str | None = None) -> Document:
    return Document(doc_id, story, transform, draft.language, draft.title, draft.text, imitates)


# --- hard negatives: another story that looks like the original ----------------------------------


def _borrowed_lead(draft: Draft) -> list[str]:
    """The original's lead: its first sentence, and the second too when the first is very short."""
    first = sentences(draft.paragraphs[0])
    minimum = 120 if draft.language == "en" else 40
    lead = first[:1]
    if len(first) > 1 and len(lead[0]) < minimum:
        lead.append(first[1])
    return [_join(draft.language, lead)]


def _key_quote(draft: Draft, lead: str) -> str | None:
    for paragraph in draft.paragraphs[1:]:
        for sentence in sentences(paragraph):
            if any(mark in sentence for mark in '“「"') and sentence not in lead:
                return sentence
    return None


def same_event_report(original: Original, donor: Original, rng: random.Random) -> Document | None:
    """Another outlet's report on the same event: the original's headline (as its title), its lead and
    one of its quotes (the facts every outlet repeats), then a body of its own. The donor article stands in for
    that body, so the text is the donor's story with a borrowed lead, and the negative pair is with
    the original (and its copies)."""
    lead = _borrowed_lead(original.draft)
    quote = _key_quote(original.draft, lead[0])
    borrowed = lead + ([quote] if quote and rng.random() < 0.7 else [])
    if not _may_borrow(original, donor, borrowed):
        return None
    body = list(donor.draft.paragraphs)
    body[0] = _join(original.draft.language, [borrowed[0], body[0]])
    if len(borrowed) > 1:
        body.insert(min(2, len(body)), borrowed[1])
    draft = Draft(original.draft.language, original.draft.title, tuple(body))
    return _document(f"{original.key}~same-event", "same-event", draft, donor.key, original.key)


_FOLLOW_UP = {
    "zh-Hans": ("后续｜{title}", "据此前报道，{paragraph}"),
    "zh-Hant": ("後續／{title}", "本報先前報導，{paragraph}"),
    "en": ("Follow-up: {title}", "As previously reported, {paragraph}"),
}


def follow_up_report(original: Original, donor: Original, rng: random.Random) -> Document | None:
    """A later report that quotes one paragraph of the earlier one ("as previously reported, …") and
    goes on with new facts (the donor's body): a different story that shares a paragraph."""
    draft = original.draft
    if len(draft.paragraphs) > 1:
        candidates = list(draft.paragraphs[1:])
    else:  # a one-paragraph article: a follow-up quotes a couple of its sentences
        candidates = [_join(draft.language, sentences(draft.paragraphs[0])[1:3])]
    paragraphs = [p for p in candidates if p and len(p) <= len(draft.text) * MAX_BORROWED_SHARE]
    if not paragraphs:
        return None
    quoted = rng.choice(paragraphs)
    if not _may_borrow(original, donor, [quoted]):
        return None
    title_pattern, paragraph_pattern = _FOLLOW_UP[draft.language]
    body = list(donor.draft.paragraphs)
    body.insert(min(1, len(body)), paragraph_pattern.format(paragraph=quoted))
    follow_up = Draft(draft.language, title_pattern.format(title=draft.title), tuple(body))
    return _document(f"{original.key}~follow-up", "follow-up", follow_up, donor.key, original.key)


def _may_borrow(original: Original, donor: Original, borrowed: list[str]) -> bool:
    # A negative borrows a minority of the original, and stays mostly the donor's text.
    size = sum(len(part) for part in borrowed)
    return size <= len(original.draft.text) * MAX_BORROWED_SHARE and size <= len(donor.draft.text) * 0.5


NegativeGenerator = Callable[[Original, Original, random.Random], Document | None]
NEGATIVES: dict[str, NegativeGenerator] = {"same-event": same_event_report, "follow-up": follow_up_report}


def negatives(original: Original, same_language: Sequence[Original], seed: int) -> list[Document]:
    """One of each hard negative for ``original``, each with a donor of its language."""
    rng = random.Random(f"{seed}:{original.key}:negatives")
    donors = [o for o in same_language if o.key != original.key]
    made = []
    for generator in NEGATIVES.values():
        for donor in rng.sample(donors, min(5, len(donors))):
            document = generator(original, donor, rng)
            if document is not None:
                made.append(document)
                break
    return made


# --- templates: one opening formula, different facts ----------------------------------------------


def template_instance(language: Language, name: str, rng: random.Random) -> str:
    """One instance of a template: its fixed wording with facts drawn for every slot."""
    pattern, pools = _TEMPLATES[(language, name)]
    topics = rng.sample(pools.get("t", ["-"] * 3), 3)
    values: dict[str, object] = {key: rng.choice(options) for key, options in pools.items() if key != "t"}
    values |= {"t1": topics[0], "t2": topics[1], "t3": topics[2]}
    numbers = {
        "m": rng.randint(1, 12), "d": rng.randint(1, 28), "m2": rng.randint(1, 12), "d2": rng.randint(1, 28),
        "year": rng.randint(2010, 2025), "first": rng.randint(2001, 2009), "n": rng.randrange(100, 900, 10),
        "k": rng.randint(2, 12), "pips": rng.randint(1, 300), "h": rng.randint(0, 23), "mi": rng.randint(0, 59),
        "mag": f"{rng.uniform(4.0, 7.5):.1f}", "km": f"{rng.uniform(5, 120):.1f}", "depth": f"{rng.uniform(5, 60):.1f}",
        "level": rng.randint(2, 5), "l2": rng.randint(1, 3), "l3": rng.randint(1, 3), "pct": rng.randint(3, 60),
        "amount": f"{rng.uniform(0.5, 20):.2f}", "rev": f"{rng.uniform(10, 90):.1f}", "prev": f"{rng.uniform(10, 90):.1f}",
        "shares": f"{rng.uniform(0.5, 9):.1f}", "rate": f"7.1{rng.randint(0, 999):03d}",
        "eur": f"7.{rng.randint(6000, 8999)}", "jpy": f"0.04{rng.randint(0, 999):03d}", "hkd": f"0.91{rng.randint(0, 999):03d}",
    }  # fmt: skip
    return pattern.format(**(numbers | values))


def template_documents(seed: int, instances: int = TEMPLATE_INSTANCES) -> list[Document]:
    """Template-sharing stories: the same opening formula with different facts (a forum announced
    again next year, a daily exchange-rate report, an earthquake bulletin, a quarterly earnings
    story). Every instance is a story of its own; the negative pairs are within a template."""
    made = []
    for language, name in _TEMPLATES:
        rng = random.Random(f"{seed}:template:{language}:{name}")
        family = f"template/{language}/{name}"
        for index in range(instances):
            doc_id = f"{family}/{index}"
            text = template_instance(language, name, rng)
            made.append(Document(doc_id, doc_id, "template", language, text[:30], text, family))
    return made


def build_corpus(originals: Sequence[Original], seed: int) -> list[Document]:
    """Every original with its copies, the hard negatives, and the template stories."""
    corpus: list[Document] = []
    for original in originals:
        same_language = [o for o in originals if o.draft.language == original.draft.language]
        corpus += copies(original, seed) + negatives(original, same_language, seed)
    return corpus + template_documents(seed)

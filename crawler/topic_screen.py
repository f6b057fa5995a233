"""A cheap test that a page cannot match any watched topic, run before the page is extracted.

Extraction is most of what a crawl costs (the cleaner is ten times an HTML parse), and on a news site most
pages are about something else. Topic matching (crawler/topics.py) needs an alias in the article's title or
text; an article is made of the page's text. So a page whose whole text (crawler/cleaner/screening.py)
holds no alias, read more loosely than matching reads it, cannot match, and need not be extracted.

The screen must never say no to a page the matcher would keep, so it reads looser than the matcher:
- a CJK alias is looked for as its CJK characters alone, in the page's CJK characters alone, after the same
  folding (width, script, Taiwanese words): whatever stands between them in the page (punctuation, tags
  the cleaner joins, pinyin a converter added, Latin words) cannot hide it;
- any other alias as its letters and digits alone, case-folded, in the page's letters and digits alone:
  word boundaries and punctuation are not checked.
Exclusion terms and scores are the matcher's business: the screen only asks whether any alias occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.topics import Topic
from dedup.textnorm import NOT_HAN, fold_words, nfkc, to_traditional

_NOT_LETTER_OR_DIGIT_CHARACTER = r"[\W_]"
_NOT_LETTER_OR_DIGIT = re.compile(_NOT_LETTER_OR_DIGIT_CHARACTER + "+")


class TopicScreen:
    """Whether a page's text could match one of the topics; build once per crawl."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        topics = list(topics)
        cjk: set[str] = set()
        other: set[str] = set()
        for topic in topics:
            for alias in topic.aliases:
                folded = fold_words(nfkc(alias)).casefold()
                if cjk_key := _cjk_key(folded):
                    cjk.add(cjk_key)
                elif other_key := _other_key(folded):
                    other.add(other_key)
        self._cjk = sorted(cjk)
        # An other key is in the page's letters and digits (_other_key) where its characters stand in the
        # page with nothing but what _other_key drops between them: one search of the page for all keys,
        # a third of the time of making the page's key (0.12 ms against 0.31 on bench/crawl.py's pages).
        between = _NOT_LETTER_OR_DIGIT_CHARACTER + "*"
        self._other_keys = (
            re.compile("|".join(between.join(map(re.escape, key)) for key in sorted(other)))
            if other
            else None
        )
        # How a page that matches usually shows an alias: as a person writes it, in either script or
        # Taiwan's or the Mainland's words, or an English alias in its usual cases. Found as written, it
        # spares the folding; not found, the page is read the long way.
        as_written = {
            form
            for topic in topics
            for alias in topic.aliases
            for form in _usual_forms(alias)
            if form.strip()
        }
        # One pattern: about 0.1 ms on a page's text, a third of what looking for each form in turn takes.
        self._as_written = (
            re.compile("|".join(map(re.escape, sorted(as_written, key=len, reverse=True))))
            if as_written
            else None
        )

    @classmethod
    def for_topics(cls, topics: Iterable[Topic]) -> TopicScreen | None:
        """The screen for these topics, or None where one of them matches without an alias (a
        ``min_score`` of 0), so that no page can be ruled out by its text."""
        topics = list(topics)
        if any(topic.min_score <= 0 for topic in topics):
            return None
        return cls(topics)

    def could_match(self, text: str) -> bool:
        """False only when no alias of any topic occurs in ``text``, however written."""
        if self._as_written is not None and self._as_written.search(text):
            return True
        text = nfkc(text)
        if self._cjk:
            page_cjk = _cjk_key(fold_words(text))
            if any(key in page_cjk for key in self._cjk):
                return True
        return self._other_keys is not None and self._other_keys.search(text.casefold()) is not None


def _usual_forms(alias: str) -> set[str]:
    """The alias as written, in Simplified and Traditional characters, and an English one in its usual
    cases. Only the converters folding loads anyway: each other OpenCC conversion holds some 9 MiB of
    dictionaries in the crawl (dedup.textnorm.written_forms has five)."""
    mainland = fold_words(alias)
    return {alias, mainland, to_traditional(alias), to_traditional(mainland), alias.lower(), alias.title()}


def _cjk_key(folded: str) -> str:
    return NOT_HAN.sub("", folded)


def _other_key(folded: str) -> str:
    return _NOT_LETTER_OR_DIGIT.sub("", folded)

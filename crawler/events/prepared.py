"""The first steps of reading a forum story, shared by the rules (``reader``) and the candidate ranker
(``candidates``): its sentences, its main forum, each sentence's role, and the local day of publication."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from crawler.events.date_resolution import DateResolver
from crawler.events.main_forum import MainForum, choose_main, find_mentions, unnamed_main
from crawler.events.sentence_roles import ReadSentence, read_sentence, set_aside_other_answers
from crawler.events.text import Sentence, lead_position, sentences_of

# Publication times are UTC; the outlets watched publish in Beijing and Taipei time (both UTC+8), and
# "today" in their text is the local day: an article filed at 07:00 in Shanghai is dated the day before
# in UTC.
NEWS_ZONE = timezone(timedelta(hours=8), "UTC+08:00")


@dataclass(frozen=True)
class Prepared:
    """A story read up to its sentences' roles: what the date, kind and place steps start from."""

    sentences: list[Sentence]
    main: MainForum
    read: list[ReadSentence]
    published_day: date | None
    resolver: DateResolver


def prepare(
    title: str, text: str, published: datetime | None, language: str | None = None
) -> Prepared | None:
    """The story's sentences, main forum and sentence roles; None when it names no forum."""
    chinese, english = _name_languages(language)
    sentences = sentences_of(title, text)
    lead = lead_position(sentences)
    mentions = {s.position: find_mentions(s, chinese, english, lead) for s in sentences}
    main = choose_main([m for found in mentions.values() for m in found]) or unnamed_main(
        mentions, sentences, lead
    )
    if main is None:
        return None
    read = set_aside_other_answers(main, [read_sentence(main, s, mentions[s.position]) for s in sentences])
    published_day = _local_day(published)
    return Prepared(sentences, main, read, published_day, DateResolver(published_day, main.year))


def _name_languages(language: str | None) -> tuple[bool, bool]:
    """(look for Chinese names, look for English names): both unless the language is one of the two."""
    primary = (language or "").split("-")[0].lower()
    return primary != "en", primary != "zh"


def _local_day(published: datetime | None) -> date | None:
    if published is None:
        return None
    if published.tzinfo is None:
        return published.date()
    return published.astimezone(NEWS_ZONE).date()

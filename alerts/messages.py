"""Alert messages for people: a story, a digest of stories or a source's health as a subject and a plain
text (e-mail, chat services), in the articles' language, with the structured payload for machines
(alerts/payload.py) alongside. Pure: no SQL, no I/O.

The words come from alerts/languages/, one module per language; the excerpt from alerts/excerpt.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final

from alerts.channels.base import Message
from alerts.excerpt import excerpt, is_wide
from alerts.languages import WORDINGS, language_tag
from alerts.languages.wording import Wording
from alerts.notices import HealthNotice, StoryNotice, event_type
from alerts.payload import digest_payload, health_payload, story_payload

SUBJECT_MAX: Final = 150


def story_message(notice: StoryNotice, rule: str, idempotency_key: str, tz: tzinfo) -> Message:
    """One story: subject in the article's language, the story's block, its payload."""
    tag = language_tag(notice.language, notice.script)
    words = WORDINGS[tag]
    occasion = event_type(notice)
    if occasion == "story.event_changed":
        prefix = _change_prefix(notice, words)
    elif occasion == "story.announcement":
        prefix = words.announcement
    else:
        prefix = words.new
    lines: list[str] = []
    changes = _change_lines(notice, words) if occasion == "story.event_changed" else []
    if changes:
        lines += [words.changed_intro, *changes, ""]
    lines += _story_block(notice, words, tz)
    lines += ["", _footer(words, rule, notice.topics)]
    return Message(
        subject=_one_line(prefix + _title(notice, words)),
        text="\n".join(lines),
        language=tag,
        idempotency_key=idempotency_key,
        payload=story_payload(notice, rule),
    )


def digest_message(notices: Sequence[StoryNotice], rule: str, idempotency_key: str, tz: tzinfo) -> Message:
    """Every story in one message, numbered, worded in the stories' majority language."""
    if not notices:
        raise ValueError("a digest needs at least one story")
    tags = [language_tag(n.language, n.script) for n in notices]
    tag = Counter(tags).most_common(1)[0][0]  # a tie goes to the language of the earliest story
    words = WORDINGS[tag]
    types = [event_type(n) for n in notices]
    mark = {"story.announcement": words.tag_announcement, "story.event_changed": words.tag_changed}
    lines: list[str] = []
    for number, (notice, kind) in enumerate(zip(notices, types, strict=True), start=1):
        block = _story_block(notice, words, tz)
        head = f"{number}. {mark.get(kind, '')}{block[0]}"
        indent = " " * len(f"{number}. ")
        body = block[1:]
        changes = _change_lines(notice, words) if kind == "story.event_changed" else []
        if changes:
            body = [words.changed_intro, *(f"  {line}" for line in changes), *body]
        lines += [head, *(indent + line for line in body), ""]
    topics = tuple(dict.fromkeys(topic for notice in notices for topic in notice.topics))
    lines.append(_footer(words, rule, topics))
    subject = words.digest(
        rule, len(notices), types.count("story.announcement"), types.count("story.event_changed")
    )
    return Message(
        subject=_one_line(subject),
        text="\n".join(lines),
        language=tag,
        idempotency_key=idempotency_key,
        payload=digest_payload(notices, rule),
    )


def health_message(notice: HealthNotice, idempotency_key: str) -> Message:
    """A source that looks unwell (or is well again), in English."""
    after_run = f" after run {notice.run_id}" if notice.run_id is not None else ""
    problems = [f"- {' '.join(problem.split())}" for problem in notice.problems if problem.strip()]
    if notice.recovered:
        subject = f"Source {notice.source} has recovered"
        lines = [f"Source {notice.source} is healthy again{after_run}."]
        if problems:
            lines += ["", "What was wrong before:", *problems]
    else:
        first = " ".join(notice.problems[0].split()) if notice.problems else "it looks unhealthy"
        more = f" (and {len(notice.problems) - 1} more)" if len(notice.problems) > 1 else ""
        subject = f"Source {notice.source}: {first}{more}"
        lines = [f"Source {notice.source} looks unhealthy{after_run}:", *problems]
    return Message(
        subject=_one_line(subject),
        text="\n".join(lines),
        language="en",
        idempotency_key=idempotency_key,
        payload=health_payload(notice),
    )


def _title(notice: StoryNotice, words: Wording) -> str:
    return " ".join(notice.title.split()) or notice.url or words.untitled


def _story_block(notice: StoryNotice, words: Wording, tz: tzinfo) -> list[str]:
    """The title, then one "label: value" line per known fact."""
    c = words.colon
    lines = [_title(notice, words)]
    if notice.outlet:
        lines.append(f"{words.outlet}{c}{notice.outlet}")
    if notice.published is not None:
        lines.append(f"{words.published}{c}{_format_time(notice.published, tz, words)}")
    event = _Event.of(notice.event)
    if event is not None:
        if event.forum(words):
            lines.append(f"{words.forum}{c}{event.forum(words)}")
        if event.dates(words, with_year=True):
            lines.append(f"{words.dates}{c}{event.dates(words, with_year=True)}")
        if event.place(words):
            lines.append(f"{words.place}{c}{event.place(words)}")
    if notice.url:
        lines.append(f"{words.link}{c}{notice.url}")
    text = excerpt(notice.text)
    if text:
        lines.append(f"{words.excerpt}{c}{text}")
    if notice.copies > 1:
        lines.append(words.copies(notice.copies))
    return lines


def _footer(words: Wording, rule: str, topics: Sequence[str]) -> str:
    c = words.colon
    footer = f"— forumwatch · {words.rule}{c}{rule}"
    if topics:
        footer += f" · {words.topics}{c}{words.list_separator.join(topics)}"
    return footer


def _change_prefix(notice: StoryNotice, words: Wording) -> str:
    moved = _moved(notice)
    if moved == {"dates"}:
        return words.date_changed
    if moved == {"place"}:
        return words.place_changed
    return words.changed


def _moved(notice: StoryNotice) -> set[str]:
    """What moved between what people were told and what the story says; a fact only one of them
    knows has not moved."""
    before, now = _Event.of(notice.previous_event), _Event.of(notice.event)
    if before is None or now is None:
        return set()
    moved = set()
    if before.start and now.start and (before.start, before.end) != (now.start, now.end):
        moved.add("dates")
    for old, new in ((before.venue, now.venue), (before.city, now.city)):
        if old and new and _comparable(old) != _comparable(new):
            moved.add("place")
    return moved


def _comparable(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())


def _change_lines(notice: StoryNotice, words: Wording) -> list[str]:
    """What moved, "日期：12月1日 → 12月8日", from what people were told before to what the story says."""
    before, now = _Event.of(notice.previous_event), _Event.of(notice.event)
    moved = _moved(notice)
    if before is None or now is None:
        return []
    c = words.colon
    lines = []
    if "dates" in moved:
        days = (before.start, before.end, now.start, now.end)
        with_year = len({day.year for day in days if day is not None}) != 1
        old, new = before.dates(words, with_year=with_year), now.dates(words, with_year=with_year)
        lines.append(f"{words.dates}{c}{old or words.unknown} → {new or words.unknown}")
    if "place" in moved:
        lines.append(f"{words.place}{c}{before.place(words) or words.unknown} → {now.place(words)}")
    return lines


@dataclass(frozen=True)
class _Event:
    name: str | None
    edition: int | None
    year: int | None
    start: date | None
    end: date | None
    city: str | None
    venue: str | None

    @classmethod
    def of(cls, facts: Mapping[str, Any] | None) -> _Event | None:
        if not facts:
            return None
        return cls(
            name=_text(facts.get("name")),
            edition=_integer(facts.get("edition")),
            year=_integer(facts.get("year")),
            start=_date(facts.get("start")),
            end=_date(facts.get("end")),
            city=_text(facts.get("city")),
            venue=_text(facts.get("venue")),
        )

    def forum(self, words: Wording) -> str | None:
        if not self.name:
            return None
        name = self.name
        if self.year is not None and str(self.year) not in name:
            name = f"{self.year}{name}" if is_wide(name[0]) else f"{self.year} {name}"
        if self.edition is not None:
            name += words.parenthesis(words.edition(self.edition))
        return name

    def dates(self, words: Wording, *, with_year: bool) -> str | None:
        start, end = self.start or self.end, self.end
        if start is None:
            return None
        if end is None or end <= start:
            return words.day(start, with_year)
        return words.day_range(start, end, with_year)

    def place(self, words: Wording) -> str | None:
        if self.venue and self.city and self.city not in self.venue:
            return words.venue_in_city(self.venue, self.city)
        return self.venue or self.city


def _text(value: object) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------------------------------------------
# Time and subject


def _format_time(moment: datetime, tz: tzinfo, words: Wording) -> str:
    """ "2021-12-01 22:01 (UTC+8)" in ``tz``; a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(tz)
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    zone = "UTC"
    if minutes:
        sign, minutes = ("+", minutes) if minutes > 0 else ("-", -minutes)
        hours, rest = divmod(minutes, 60)
        zone += f"{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return f"{local:%Y-%m-%d %H:%M}{words.parenthesis(zone)}"


def _one_line(subject: str) -> str:
    line = " ".join(subject.split())
    return line if len(line) <= SUBJECT_MAX else line[: SUBJECT_MAX - 1].rstrip() + "…"

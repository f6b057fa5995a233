"""Alert messages: stories and source health rendered for people (subject and plain text, in the
articles' language) and for machines (the payload, the webhook's JSON body). Pure: no SQL, no I/O.

Labels follow the article: Simplified Chinese for zh in Simplified script (or of unknown script),
Traditional Chinese for zh in Traditional script, English for every other language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final, Literal

from scheduler.channels.base import Message

Tag = Literal["zh-Hans", "zh-Hant", "en"]

SUBJECT_MAX: Final = 150
# The excerpt's length in CJK characters; a word of Latin letters counts as three of them (~40 words).
EXCERPT_UNITS: Final = 120


@dataclass(frozen=True)
class StoryNotice:
    """What one alert says about one story (the outbox fills it from the database)."""

    story_id: int
    title: str  # the head copy's title
    url: str  # the head copy's URL
    outlet: str | None  # 新浪财经, 中時新聞網, Taipei City Government...
    published: datetime | None  # aware UTC
    text: str  # the head's body (paragraphs joined by "\n"); the excerpt comes from it
    language: str | None  # "zh", "en", ...
    script: str | None  # "Hans", "Hant" or None
    kind: str | None  # "announcement", "report", "other"
    event: dict[str, Any] | None  # keys: name, edition, year, start, end (ISO dates), city, venue
    copies: int  # number of articles in the story
    topics: tuple[str, ...]
    occasion: str  # "new" or "event-changed"
    previous_event: dict[str, Any] | None = None  # for event-changed: what people were told before


@dataclass(frozen=True)
class HealthNotice:
    source: str
    problems: tuple[str, ...]  # human sentences in English, e.g. "no articles in the last 3 runs"
    run_id: int | None
    recovered: bool = False


# ---------------------------------------------------------------------------------------------------
# Labels


@dataclass(frozen=True)
class _Labels:
    chinese: bool
    colon: str
    outlet: str
    published: str
    forum: str
    dates: str
    place: str
    link: str
    excerpt: str
    topics: str
    rule: str
    unknown: str
    untitled: str
    list_separator: str
    copies: Callable[[int], str]
    edition: Callable[[int], str]
    new: str  # subject prefixes
    announcement: str
    changed: str
    date_changed: str
    place_changed: str
    changed_intro: str
    tag_announcement: str  # a story's mark in a digest
    tag_changed: str
    digest: Callable[[str, int, int, int], str]  # rule, stories, announcements, changes
    day: Callable[[date, bool], str]  # a date, with or without its year
    day_range: Callable[[date, date, bool], str]  # start before end; with or without the year
    parenthesis: Callable[[str], str]


def _zh_day(day: date, with_year: bool) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"


def _zh_day_range(start: date, end: date, with_year: bool) -> str:
    if start.year != end.year:
        return f"{_zh_day(start, True)}至{_zh_day(end, True)}"
    if start.month != end.month:
        return f"{_zh_day(start, with_year)}至{_zh_day(end, False)}"
    return f"{_zh_day(start, with_year)}至{end.day}日"


_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _en_day(day: date, with_year: bool) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def _en_day_range(start: date, end: date, with_year: bool) -> str:
    if start.year != end.year:
        return f"{_en_day(start, True)} – {_en_day(end, True)}"
    if start.month != end.month:
        return f"{_en_day(start, False)} – {_en_day(end, with_year)}"
    return f"{start.day}–{_en_day(end, with_year)}"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _zh_digest(noun: str, measure: str, announced: str, changed: str) -> Callable[[str, int, int, int], str]:
    def digest(rule: str, stories: int, announcements: int, changes: int) -> str:
        parts = [f"{noun}（{rule}）：{stories} {measure}"]
        if announcements:
            parts.append(f"{announced} {announcements} {measure}")
        if changes:
            parts.append(f"{changed} {changes} {measure}")
        return "，".join(parts) if len(parts) == 1 else f"{parts[0]}，含" + "，".join(parts[1:])

    return digest


def _en_digest(rule: str, stories: int, announcements: int, changes: int) -> str:
    subject = f"Digest ({rule}): {_plural(stories, 'story', 'stories')}"
    extra = []
    if announcements:
        extra.append(_plural(announcements, "forum announced", "forums announced"))
    if changes:
        extra.append(_plural(changes, "forum changed", "forums changed"))
    return subject + (f" ({', '.join(extra)})" if extra else "")


_LABELS: Final[dict[Tag, _Labels]] = {
    "zh-Hans": _Labels(
        chinese=True,
        colon="：",
        outlet="来源",
        published="发布时间",
        forum="论坛",
        dates="日期",
        place="地点",
        link="链接",
        excerpt="摘要",
        topics="主题",
        rule="规则",
        unknown="未知",
        untitled="（无标题）",
        list_separator="、",
        copies=lambda n: f"同一新闻共 {n} 篇报道",
        edition=lambda n: f"第{n}届",
        new="新报道：",
        announcement="论坛预告：",
        changed="论坛信息变更：",
        date_changed="论坛日期变更：",
        place_changed="论坛地点变更：",
        changed_intro="论坛信息有变（此前通知 → 现在）：",
        tag_announcement="【预告】",
        tag_changed="【变更】",
        digest=_zh_digest("新闻摘要", "条", "论坛预告", "论坛变更"),
        day=_zh_day,
        day_range=_zh_day_range,
        parenthesis=lambda s: f"（{s}）",
    ),
    "zh-Hant": _Labels(
        chinese=True,
        colon="：",
        outlet="來源",
        published="發布時間",
        forum="論壇",
        dates="日期",
        place="地點",
        link="連結",
        excerpt="摘要",
        topics="主題",
        rule="規則",
        unknown="未知",
        untitled="（無標題）",
        list_separator="、",
        copies=lambda n: f"同一新聞共 {n} 篇報導",
        edition=lambda n: f"第{n}屆",
        new="新報導：",
        announcement="論壇預告：",
        changed="論壇資訊變更：",
        date_changed="論壇日期變更：",
        place_changed="論壇地點變更：",
        changed_intro="論壇資訊有變（先前通知 → 現在）：",
        tag_announcement="【預告】",
        tag_changed="【變更】",
        digest=_zh_digest("新聞摘要", "則", "論壇預告", "論壇變更"),
        day=_zh_day,
        day_range=_zh_day_range,
        parenthesis=lambda s: f"（{s}）",
    ),
    "en": _Labels(
        chinese=False,
        colon=": ",
        outlet="Outlet",
        published="Published",
        forum="Forum",
        dates="Date",
        place="Place",
        link="Link",
        excerpt="Excerpt",
        topics="Topics",
        rule="Rule",
        unknown="unknown",
        untitled="(untitled)",
        list_separator=", ",
        copies=lambda n: f"{n} articles in this story",
        edition=lambda n: f"{_ordinal(n)} edition",
        new="New story: ",
        announcement="Forum announced: ",
        changed="Forum changed: ",
        date_changed="Forum date changed: ",
        place_changed="Forum place changed: ",
        changed_intro="The forum changed (before → now):",
        tag_announcement="[Announcement] ",
        tag_changed="[Changed] ",
        digest=_en_digest,
        day=_en_day,
        day_range=_en_day_range,
        parenthesis=lambda s: f" ({s})",
    ),
}

_TRADITIONAL_REGIONS = frozenset({"hant", "tw", "hk", "mo"})


def language_tag(language: str | None, script: str | None) -> Tag:
    """The labels' language (BCP 47) for an article: zh-Hant, zh-Hans (zh of unknown script) or en."""
    subtags = re.split(r"[-_]", (language or "").strip().lower())
    if subtags[0] != "zh":
        return "en"
    if (script or "").strip().lower() == "hant":
        return "zh-Hant"
    if script is None and _TRADITIONAL_REGIONS.intersection(subtags[1:]):
        return "zh-Hant"
    return "zh-Hans"


# ---------------------------------------------------------------------------------------------------
# Messages


def story_message(notice: StoryNotice, rule: str, idempotency_key: str, tz: tzinfo) -> Message:
    """One story: subject in the article's language, the story's block, its payload."""
    tag = language_tag(notice.language, notice.script)
    labels = _LABELS[tag]
    occasion = _event_type(notice)
    if occasion == "story.event_changed":
        prefix = _change_prefix(notice, labels)
    elif occasion == "story.announcement":
        prefix = labels.announcement
    else:
        prefix = labels.new
    lines: list[str] = []
    changes = _change_lines(notice, labels) if occasion == "story.event_changed" else []
    if changes:
        lines += [labels.changed_intro, *changes, ""]
    lines += _story_block(notice, labels, tz)
    lines += ["", _footer(labels, rule, notice.topics)]
    return Message(
        subject=_one_line(prefix + _title(notice, labels)),
        text="\n".join(lines),
        language=tag,
        idempotency_key=idempotency_key,
        payload={"type": occasion, "rule": rule, "stories": [_story_payload(notice)]},
    )


def digest_message(notices: Sequence[StoryNotice], rule: str, idempotency_key: str, tz: tzinfo) -> Message:
    """Every story in one message, numbered, with labels in the stories' majority language."""
    if not notices:
        raise ValueError("a digest needs at least one story")
    tags = [language_tag(n.language, n.script) for n in notices]
    tag = Counter(tags).most_common(1)[0][0]  # a tie goes to the language of the earliest story
    labels = _LABELS[tag]
    types = [_event_type(n) for n in notices]
    mark = {"story.announcement": labels.tag_announcement, "story.event_changed": labels.tag_changed}
    lines: list[str] = []
    for number, (notice, kind) in enumerate(zip(notices, types, strict=True), start=1):
        block = _story_block(notice, labels, tz)
        head = f"{number}. {mark.get(kind, '')}{block[0]}"
        indent = " " * len(f"{number}. ")
        body = block[1:]
        changes = _change_lines(notice, labels) if kind == "story.event_changed" else []
        if changes:
            body = [labels.changed_intro, *(f"  {line}" for line in changes), *body]
        lines += [head, *(indent + line for line in body), ""]
    topics = tuple(dict.fromkeys(topic for notice in notices for topic in notice.topics))
    lines.append(_footer(labels, rule, topics))
    subject = labels.digest(
        rule, len(notices), types.count("story.announcement"), types.count("story.event_changed")
    )
    return Message(
        subject=_one_line(subject),
        text="\n".join(lines),
        language=tag,
        idempotency_key=idempotency_key,
        payload={
            "type": "digest",
            "rule": rule,
            "count": len(notices),
            "stories": [_story_payload(notice) for notice in notices],
        },
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
        payload={
            "type": "source.recovered" if notice.recovered else "source.unhealthy",
            "source": notice.source,
            "problems": list(notice.problems),
            "run_id": notice.run_id,
        },
    )


def _event_type(notice: StoryNotice) -> str:
    if notice.occasion == "event-changed":
        return "story.event_changed"
    if notice.occasion != "new":
        raise ValueError(f"unknown occasion {notice.occasion!r} (story {notice.story_id})")
    return "story.announcement" if notice.kind == "announcement" else "story.new"


def _title(notice: StoryNotice, labels: _Labels) -> str:
    return " ".join(notice.title.split()) or notice.url or labels.untitled


def _story_block(notice: StoryNotice, labels: _Labels, tz: tzinfo) -> list[str]:
    """The title, then one "label: value" line per known fact."""
    c = labels.colon
    lines = [_title(notice, labels)]
    if notice.outlet:
        lines.append(f"{labels.outlet}{c}{notice.outlet}")
    if notice.published is not None:
        lines.append(f"{labels.published}{c}{_format_time(notice.published, tz, labels)}")
    event = _Event.of(notice.event)
    if event is not None:
        if event.forum(labels):
            lines.append(f"{labels.forum}{c}{event.forum(labels)}")
        if event.dates(labels, with_year=True):
            lines.append(f"{labels.dates}{c}{event.dates(labels, with_year=True)}")
        if event.place(labels):
            lines.append(f"{labels.place}{c}{event.place(labels)}")
    if notice.url:
        lines.append(f"{labels.link}{c}{notice.url}")
    text = excerpt(notice.text)
    if text:
        lines.append(f"{labels.excerpt}{c}{text}")
    if notice.copies > 1:
        lines.append(labels.copies(notice.copies))
    return lines


def _footer(labels: _Labels, rule: str, topics: Sequence[str]) -> str:
    c = labels.colon
    footer = f"— forumwatch · {labels.rule}{c}{rule}"
    if topics:
        footer += f" · {labels.topics}{c}{labels.list_separator.join(topics)}"
    return footer


def _change_prefix(notice: StoryNotice, labels: _Labels) -> str:
    moved = _moved(notice)
    if moved == {"dates"}:
        return labels.date_changed
    if moved == {"place"}:
        return labels.place_changed
    return labels.changed


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


def _change_lines(notice: StoryNotice, labels: _Labels) -> list[str]:
    """What moved, "日期：12月1日 → 12月8日", from what people were told before to what the story says."""
    before, now = _Event.of(notice.previous_event), _Event.of(notice.event)
    moved = _moved(notice)
    if before is None or now is None:
        return []
    c = labels.colon
    lines = []
    if "dates" in moved:
        days = (before.start, before.end, now.start, now.end)
        with_year = len({day.year for day in days if day is not None}) != 1
        old, new = before.dates(labels, with_year=with_year), now.dates(labels, with_year=with_year)
        lines.append(f"{labels.dates}{c}{old or labels.unknown} → {new or labels.unknown}")
    if "place" in moved:
        lines.append(f"{labels.place}{c}{before.place(labels) or labels.unknown} → {now.place(labels)}")
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

    def forum(self, labels: _Labels) -> str | None:
        if not self.name:
            return None
        name = self.name
        if self.year is not None and str(self.year) not in name:
            name = f"{self.year}{name}" if _is_wide(name[0]) else f"{self.year} {name}"
        if self.edition is not None:
            name += labels.parenthesis(labels.edition(self.edition))
        return name

    def dates(self, labels: _Labels, *, with_year: bool) -> str | None:
        start, end = self.start or self.end, self.end
        if start is None:
            return None
        if end is None or end <= start:
            return labels.day(start, with_year)
        return labels.day_range(start, end, with_year)

    def place(self, labels: _Labels) -> str | None:
        if self.venue and self.city and self.city not in self.venue:
            return (
                self.venue + labels.parenthesis(self.city) if labels.chinese else f"{self.venue}, {self.city}"
            )
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
# Time, excerpt, subject


def _format_time(moment: datetime, tz: tzinfo, labels: _Labels) -> str:
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
    return f"{local:%Y-%m-%d %H:%M}{labels.parenthesis(zone)}"


_CJK = (
    "\u2e80-\u2fff\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_WIDE_PUNCTUATION = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[{_WIDE_PUNCTUATION}]|[^\s{_CJK}{_WIDE_PUNCTUATION}]+")
_CLOSERS = "”’」』）)\"'》〉】"
# After this a sentence has ended: Chinese or Western end punctuation, with any closing quotes.
_SENTENCE_END = re.compile(
    rf"(?:[。！？!?…]|(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)\.)[{_CLOSERS}]*$"
)
_WEAK_END = ",;:，、；：（(“「『‘-—–·/ "
_NEAR = (0.6, 1.2)  # a sentence end this near the budget (as a share of it) is where the excerpt stops
_SLACK = 1.1  # a text at most this much longer than the budget is given whole


def excerpt(text: str, units: int = EXCERPT_UNITS) -> str:
    """The start of ``text``: about ``units`` CJK characters (a Latin word counts as three, so about
    40 English words), ending at a sentence end when one is near, with "…" when the text was cut."""
    flat = _flatten(text)
    spans: list[tuple[int, int]] = []  # (end offset, cumulative cost) after each token
    cost = 0
    for match in _TOKEN.finditer(flat):
        cost += _cost(match.group())
        spans.append((match.end(), cost))
    if cost <= units * _SLACK:
        return flat
    sentence_ends = [
        (end, spent)
        for end, spent in spans
        if units * _NEAR[0] <= spent <= units * _NEAR[1] and _ends_sentence(flat, end)
    ]
    if sentence_ends:
        end, _ = min(sentence_ends, key=lambda span: (abs(span[1] - units), span[1]))
        kept = flat[:end].rstrip()
        return kept + ("…" if _is_wide(kept[-1]) else " …")
    end = max((end for end, spent in spans if spent <= units), default=0)
    return flat[:end].rstrip(_WEAK_END) + "…"


def _flatten(text: str) -> str:
    """The paragraphs on one line: joined without a space between Chinese ones, with one otherwise."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    flat = ""
    for paragraph in filter(None, paragraphs):
        if flat and not (_is_wide(flat[-1]) and _is_wide(paragraph[0])):
            flat += " "
        flat += paragraph
    return flat


def _is_wide(character: str) -> bool:
    return bool(re.match(rf"[{_CJK}{_WIDE_PUNCTUATION}{_CLOSERS}“‘]", character))


def _cost(token: str) -> int:
    if len(token) == 1 and _is_wide(token):
        return 1
    if any(character.isalpha() for character in token):
        return 3
    if any(character.isdigit() for character in token):
        return min(3, len(token))
    return 1


def _ends_sentence(text: str, end: int) -> bool:
    if end < len(text) and text[end] in _CLOSERS:
        return False  # the quote the sentence ends in closes after it
    if not _SENTENCE_END.search(text, max(0, end - 12), end):
        return False
    # An English full stop ends a sentence only before a space (or the end), not in 3.5 or U.S.A.
    return end == len(text) or text[end - 1] != "." or text[end].isspace() or _is_wide(text[end])


def _one_line(subject: str) -> str:
    line = " ".join(subject.split())
    return line if len(line) <= SUBJECT_MAX else line[: SUBJECT_MAX - 1].rstrip() + "…"


def _story_payload(notice: StoryNotice) -> dict[str, Any]:
    published = notice.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return {
        "story_id": notice.story_id,
        "type": _event_type(notice),
        "title": notice.title,
        "url": notice.url,
        "outlet": notice.outlet,
        "published": published.astimezone(UTC).isoformat() if published else None,
        "kind": notice.kind,
        "event": _jsonable(notice.event),
        "previous_event": _jsonable(notice.previous_event),
        "copies": notice.copies,
        "topics": list(notice.topics),
        "excerpt": excerpt(notice.text),
        "language": _story_language(notice),
    }


def _story_language(notice: StoryNotice) -> str | None:
    """The story's own language (BCP 47 where the script is known): zh-Hans, zh-Hant, en, ja..."""
    if notice.language and notice.language.lower() == "zh" and notice.script in ("Hans", "Hant"):
        return f"zh-{notice.script}"
    return notice.language


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value

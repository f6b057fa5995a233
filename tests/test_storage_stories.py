"""Stories: copies join them at every dedup level, bridging copies fold them, and the head is the most
authoritative copy, whatever order the copies arrive in."""

from __future__ import annotations

import itertools
import random
import struct
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import NUM_PERM, ROWS, NearDupFingerprint, fingerprint
from dedup.textnorm import to_traditional
from storage.articles import ArticleRecord, SaveOutcome, SaveResult, ensure_source, list_stories, save_article
from storage.engine import open_database
from storage.models import Story
from storage.restory import _near_duplicates
from storage.stories import MAX_CANDIDATES, open_story

# Twelve paragraphs of one long report; slices of it stand for copies that trim or extend it.
PARAGRAPHS = [
    "2023上海-台北城市论坛将于8月29日至30日在上海举行，台北市长蒋万安将率团出席，这是他就任以来首次赴沪。",
    "据上海市台办介绍，本届论坛以“双城携手 共创未来”为主题，围绕城市治理、青年交流和产业合作展开讨论。",
    "论坛期间，两市还将签署包括文化、体育、卫生在内的多项交流合作备忘录，并安排参访团考察城市更新项目。",
    "自2010年首次举办以来，双城论坛由上海、台北两市轮流主办，已成为两岸城市交流的重要机制化平台。",
    "上海市有关负责人表示，欢迎台北市参访团来沪，期待双方以论坛为契机，进一步深化各领域务实合作。",
    "台北市政府发言人表示，市长此行将秉持对等、尊严、健康、有序的原则，推动两市交流走向更务实的方向。",
    "参访团成员包括台北市副市长、文化局长、产业发展局长以及多家科技企业和新创团队的代表，共约三十人。",
    "行程安排上，参访团抵沪当天将参观杨浦滨江工业遗址改造项目，并与社区代表座谈交流旧区更新经验。",
    "第二天上午举行论坛开幕式，两市市长分别致辞，下午分组讨论智慧交通、长者照护与防灾韧性三项议题。",
    "有学者分析指出，在两岸官方互动有限的情况下，城市层级的交流为民间往来保留了难得的制度化渠道。",
    "也有台湾舆论关注此行能否促成更多青年实习和文创合作项目落地，认为务实成果才是检验论坛成效的关键。",
    "按照惯例，下一届论坛将轮由台北市主办，具体时间和议题将由两市相关部门在论坛闭幕后另行商定。",
]
DIFFERENT_STORY = "\n".join(
    [
        "台风海葵今日凌晨在台湾东部沿海登陆，中心附近最大风力达到十四级，花莲和台东出现强降雨。",
        "气象部门发布海上和陆上台风警报，提醒民众避免前往山区和海边，多条公路因落石暂时封闭。",
        "交通部门宣布部分航班取消，铁路东部干线停驶，学校和办公机构今天停课停班一天以确保安全。",
    ]
)


def text(first: int, last: int) -> str:
    return "\n".join(PARAGRAPHS[first:last])


def record(
    url: str,
    body: str,
    *,
    source: str = "portal",
    published: datetime | None = None,
    title: str | None = None,
) -> ArticleRecord:
    return ArticleRecord(
        source_name=source,
        url=url,
        canonical_url=canonical_url(url),
        content_hash=content_hash(body),
        title=title or f"{source}: {body[:16]}",
        text=body,
        near_dup=fingerprint(body),
        published_at=published,
    )


AUTHORITY = {"gov": "official", "wire": "wire", "portal": "portal", "blog": "blog"}


def save(engine: Engine, rec: ArticleRecord) -> SaveResult:
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, rec.source_name, "site", "https://x/", AUTHORITY[rec.source_name])
        return save_article(session, rec, source_id)


def partition(engine: Engine) -> tuple[frozenset[frozenset[str]], frozenset[str]]:
    """The stories as sets of URLs, and the heads' URLs: what must not depend on arrival order."""
    with Session(engine) as session:
        stories = list_stories(session)
    groups = frozenset(frozenset(a.url for a in s.articles) for s in stories)
    heads = frozenset(a.url for s in stories for a in s.articles if a.is_head)
    assert len(heads) == len(stories)
    return groups, heads


def test_a_near_duplicate_joins_the_story_with_its_resemblance(engine: Engine) -> None:
    first = save(engine, record("https://a/1", text(0, 8)))
    copy = save(engine, record("https://b/1", text(0, 7) + "\n（来源：神州新闻网 责任编辑：李明）"))
    assert first.outcome is SaveOutcome.NEW_STORY
    assert (copy.outcome, copy.joined_by, copy.story_id) == (
        SaveOutcome.COPY,
        "near-duplicate",
        first.story_id,
    )
    with Session(engine) as session:
        [story] = list_stories(session)
    [joined] = [a for a in story.articles if a.url == "https://b/1"]
    assert joined.resemblance is not None
    assert 0.5 <= joined.resemblance < 1.0


def test_a_traditional_copy_with_other_chrome_is_found(engine: Engine) -> None:
    save(engine, record("https://a/1", text(0, 6)))
    copy = save(engine, record("https://tw/1", "【台灣新聞網】" + to_traditional(text(0, 6)) + "\n延伸閱讀"))
    assert copy.outcome is SaveOutcome.COPY
    assert copy.joined_by == "near-duplicate"


def test_another_article_on_the_same_event_opens_its_own_story(engine: Engine) -> None:
    save(engine, record("https://a/1", text(0, 6)))
    other = save(engine, record("https://a/2", text(6, 12)))
    assert other.outcome is SaveOutcome.NEW_STORY


def test_the_most_authoritative_copy_heads_the_story_and_gives_its_title(engine: Engine) -> None:
    save(engine, record("https://blog/1", text(0, 8), source="blog", title="博客转载"))
    save(engine, record("https://portal/1", text(0, 8) + "\n【纠错】", source="portal", title="门户转载"))
    official = save(
        engine, record("https://gov/1", text(0, 8) + "\n（市政府新闻稿）", source="gov", title="新闻稿")
    )
    assert official.is_head
    with Session(engine) as session:
        [story] = list_stories(session)
    assert story.title == "新闻稿"
    assert [a.url for a in story.articles if a.is_head] == ["https://gov/1"]
    assert story.articles[0].authority == "official"


def test_the_earliest_publication_breaks_ties_and_undated_copies_come_last(engine: Engine) -> None:
    save(engine, record("https://p/undated", text(0, 8), source="portal"))
    later = datetime(2023, 8, 24, 10, tzinfo=UTC)
    earlier = datetime(2023, 8, 24, 8, tzinfo=UTC)
    save(engine, record("https://p/later", text(0, 8) + "\n【纠错】", published=later))
    save(engine, record("https://p/earlier", text(0, 8) + "\n（完）", published=earlier))
    _, heads = partition(engine)
    assert heads == {"https://p/earlier"}


def test_a_copy_that_bridges_two_stories_folds_them_into_one(engine: Engine) -> None:
    # The two ends share a third of their text: apart, they are two stories; the middle copy
    # resembles each of them, so all three are one story.
    left = save(engine, record("https://a/left", text(0, 8)))
    right = save(engine, record("https://a/right", text(4, 12)))
    assert right.story_id != left.story_id
    middle = save(engine, record("https://a/middle", text(1, 11)))
    assert middle.outcome is SaveOutcome.COPY
    assert middle.folded_story_ids == (right.story_id,)
    assert middle.story_id == left.story_id
    groups, heads = partition(engine)
    assert groups == {frozenset({"https://a/left", "https://a/middle", "https://a/right"})}
    assert len(heads) == 1


ORDER_TEST_RECORDS = [
    record("https://a/left", text(0, 8), source="portal", published=datetime(2023, 8, 24, 9, tzinfo=UTC)),
    record("https://a/right", text(4, 12), source="blog"),
    record("https://a/middle", text(1, 11), source="portal", published=datetime(2023, 8, 24, 8, tzinfo=UTC)),
    record("https://tw/1", to_traditional(text(0, 8)), source="wire"),
    record("https://other/1", DIFFERENT_STORY, source="gov"),
]


def test_stories_and_heads_do_not_depend_on_arrival_order(tmp_path: Path) -> None:
    outcomes = set()
    for number, order in enumerate(itertools.permutations(ORDER_TEST_RECORDS)):
        if number % 5:  # 24 of the 120 orders, every first article among them
            continue
        engine = open_database(f"sqlite:///{tmp_path}/order-{number}.db")
        for rec in order:
            save(engine, rec)
        outcomes.add(partition(engine))
        engine.dispose()
    assert len(outcomes) == 1
    [(groups, heads)] = outcomes
    assert groups == {
        frozenset({"https://a/left", "https://a/right", "https://a/middle", "https://tw/1"}),
        frozenset({"https://other/1"}),
    }
    assert heads == {"https://tw/1", "https://other/1"}


def test_story_kind_and_event_are_the_heads(engine: Engine) -> None:
    event = {"name": "上海-台北城市论坛", "year": 2023, "start": "2023-08-29", "end": "2023-08-30"}
    portal = record("https://portal/1", text(0, 8), source="portal")
    save(engine, ArticleRecord(**{**portal.__dict__, "kind": "other"}))
    wire = record("https://wire/1", text(0, 8) + "\n（完）", source="wire")
    save(engine, ArticleRecord(**{**wire.__dict__, "kind": "announcement", "event": event}))
    with Session(engine) as session:
        [story] = list_stories(session)
    assert (story.kind, story.event) == ("announcement", event)


def test_a_new_story_is_stored_as_its_only_copy_heads_it(engine: Engine) -> None:
    # A new story is written with its head in place, no election: what the election would have left.
    event = {"name": "上海-台北城市论坛", "year": 2023, "start": "2023-08-29", "end": "2023-08-30"}
    announced = record("https://portal/1", text(0, 8), title="论坛预告")
    first = save(engine, ArticleRecord(**{**announced.__dict__, "kind": "announcement", "event": event}))
    other = save(engine, record("https://portal/2", DIFFERENT_STORY))
    assert (first.outcome, first.is_head, other.outcome, other.is_head) == (
        SaveOutcome.NEW_STORY,
        True,
        SaveOutcome.NEW_STORY,
        True,
    )
    with Session(engine) as session:
        stories = {story.id: story for story in list_stories(session)}
        # No event is SQL NULL, as the ORM stored a story the election left without one; not JSON null.
        without_event = session.scalars(select(Story.id).where(Story.event.is_(None))).all()
    story = stories[first.story_id]
    assert (story.title, story.kind, story.event) == ("论坛预告", "announcement", event)
    assert [a.is_head for a in story.articles] == [True]
    assert without_event == [other.story_id]


def test_concurrent_writers_storing_two_copies_open_one_story(database_url: str) -> None:
    engine = open_database(database_url)
    with Session(engine) as session, session.begin():
        ensure_source(session, "portal", "site", "https://x/", "portal")
    copies = [record("https://a/1", text(0, 8)), record("https://b/1", text(0, 7) + "\n【纠错】")]
    start = threading.Barrier(len(copies))
    results: list[SaveResult] = []
    errors: list[BaseException] = []

    def store(rec: ArticleRecord) -> None:
        try:
            start.wait(timeout=10)
            results.append(save(engine, rec))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=store, args=(rec,)) for rec in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(r.outcome.value for r in results) == [SaveOutcome.COPY.value, SaveOutcome.NEW_STORY.value]
    assert len({r.story_id for r in results}) == 1


@pytest.mark.parametrize("body", [DIFFERENT_STORY[:12]])
def test_a_text_too_short_for_a_fingerprint_still_dedups_exactly(engine: Engine, body: str) -> None:
    assert fingerprint(body) is None
    save(engine, record("https://a/short", body))
    again = save(engine, record("https://b/short", body))
    assert (again.outcome, again.joined_by) == (SaveOutcome.COPY, "content")


def test_a_story_opened_after_the_clock_stepped_back_is_not_older_than_the_last_one(engine: Engine) -> None:
    ahead = datetime(2099, 1, 1, tzinfo=UTC)  # the last story was opened with a clock that ran ahead
    with Session(engine) as session, session.begin():
        last = session.get_one(Story, open_story(session, "earlier"))
        last.created_at = last.updated_at = ahead
    with Session(engine) as session, session.begin():
        story = session.get_one(Story, open_story(session, "later"))
        assert story.created_at.replace(tzinfo=UTC) == ahead
        assert story.updated_at == story.created_at


def _signature(values: list[int]) -> NearDupFingerprint:
    return NearDupFingerprint(struct.pack(f"<{NUM_PERM}I", *values), shingles=100)


def test_the_closest_of_many_candidates_are_checked_by_storing_and_by_restory(engine: Engine) -> None:
    # A template shared by many articles puts them all under one band key. The near-duplicate stored after
    # them shares every band with its original: storing and restory must check it first, whatever its id.
    randoms = random.Random(7)
    original = [randoms.getrandbits(32) for _ in range(NUM_PERM)]
    for number in range(MAX_CANDIDATES + 30):
        shares_the_first_band = original[:ROWS] + [randoms.getrandbits(32) for _ in range(NUM_PERM - ROWS)]
        save(engine, _crafted(f"https://x/template-{number}", _signature(shares_the_first_band)))
    stored = save(engine, _crafted("https://x/original", _signature(original)))
    copy = _signature(original)
    with Session(engine) as session:
        assert stored.article_id in _near_duplicates(session, copy)
    assert save(engine, _crafted("https://x/copy", copy)).story_id == stored.story_id


def _crafted(url: str, near_dup: NearDupFingerprint) -> ArticleRecord:
    return ArticleRecord(
        source_name="portal",
        url=url,
        canonical_url=canonical_url(url),
        content_hash=content_hash(url),
        title=url,
        text=url,
        near_dup=near_dup,
    )

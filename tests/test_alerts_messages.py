"""Alert messages: labels in the article's script, times in the chosen zone, excerpts, event lines,
announcement and event-changed subjects, digests, health notices, and the webhook payload."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from alerts.excerpt import excerpt
from alerts.languages import language_tag
from alerts.messages import digest_message, health_message, story_message
from alerts.notices import HealthNotice, StoryNotice
from crawler.cleaner import clean
from crawler.events import read_event

SHANGHAI = ZoneInfo("Asia/Shanghai")
TAIPEI = ZoneInfo("Asia/Taipei")
LONDON = ZoneInfo("Europe/London")
DEMO = Path(__file__).parent.parent / "forumwatch" / "demo" / "site"

# The demo site's S1 story (Sina, 2021-12-01), its Traditional copy, the S2 announcement and the Taipei
# City Government's English release (S3): the opening paragraphs, as the cleaner gives them.
SINA_2021 = (
    "2021上海-台北城市论坛今天（1日）以视频形式举行。上海市市长龚正、台北市市长柯文哲出席论坛并致辞。"
    "上海市副市长陈通、台北市副市长蔡炳坤作主题演讲。\n"
    "“双城论坛”是两岸城市交流的响亮品牌，以“新经济 新发展”为主题的本次论坛，寄托了两市人民对未来生活的美好愿景。\n"
    "上海市市长龚正表示，台北有许多值得上海学习借鉴的先进理念，我们期待与台北分享经验、加强合作。"
)
TWNEWS_2021 = (
    "2021上海-臺北城市論壇今天（1日）以視頻形式舉行。上海市市長龔正、臺北市市長柯文哲出席論壇並致辭。"
    "上海市副市長陳通、臺北市副市長蔡炳坤作主題演講。\n"
    "“雙城論壇”是兩岸城市交流的響亮品牌，以“新經濟 新發展”爲主題的本次論壇，寄託了兩市人民對未來生活的美好願景。\n"
    "上海市市長龔正表示，臺北有許多值得上海學習借鑑的先進理念，我們期待與臺北分享經驗、加強合作。"
)
SINA_2023 = (
    "中新网上海8月24日电 上海市人民政府台湾事务办公室24日发布消息，2023上海-台北城市论坛将于8月29日至30日在上海举行。"
    "台北市市长蒋万安将率台北市政府代表团来沪出席论坛。\n"
    "据介绍，本届论坛以“低碳·健康”为主题，将举行开幕式和主论坛，并围绕低碳城市、健康城市、青年发展和城市治理等议题举办分论坛。"
)
TAIPEI_2019 = (
    "Taipei City Mayor Ko Wen-je and Taipei City Government officials traveled to Shanghai today (July 3) "
    "to attend the 2019 Twin-City Forum. After arriving in Shanghai, Ko was received by Shanghai City Deputy "
    "Mayor Zong Ming and Shanghai Municipal Taiwan Affairs Office Director Li Wen-hui at the airport.\n"
    "Thereafter, he was escorted by Director Li and Shanghai International Port Group Chairman Chen Xuyuan "
    "on a visit to the Yangshan Deep-Water Port, where he learned about the automated terminal."
)


def notice(**changes: object) -> StoryNotice:
    base = StoryNotice(
        story_id=1,
        title="2021上海-台北城市论坛以视频形式举行",
        url="https://finance.sina.com.cn/china/gncj/2021-12-01/doc-ikyamrmy6175870.shtml",
        outlet="新浪财经",
        published=datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC),
        text=SINA_2021,
        language="zh",
        script="Hans",
        kind="report",
        event={
            "name": "上海-台北城市论坛",
            "edition": None,
            "year": 2021,
            "start": "2021-12-01",
            "end": None,
            "city": None,
            "venue": None,
        },
        copies=4,
        topics=("twin-city-forum",),
        occasion="new",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def traditional(**changes: object) -> StoryNotice:
    return notice(
        **{
            "story_id": 2,
            "title": "2021上海-臺北城市論壇以視頻形式舉行",
            "url": "https://twnews.example/news/20211201/6124587.html",
            "outlet": "台灣新聞網",
            "published": datetime(2021, 12, 1, 14, 35, tzinfo=UTC),
            "text": TWNEWS_2021,
            "script": "Hant",
            "event": {"name": "上海-臺北城市論壇", "year": 2021, "start": "2021-12-01", "city": "臺北"},
            **changes,
        }
    )


def announcement(**changes: object) -> StoryNotice:
    return notice(
        **{
            "story_id": 3,
            "title": "2023上海-台北城市论坛将于8月29日至30日在上海举行",
            "url": "https://finance.sina.com.cn/china/doc-imzkprtn3571920.shtml",
            "published": datetime(2023, 8, 24, 8, 45, 32, tzinfo=UTC),
            "text": SINA_2023,
            "kind": "announcement",
            "event": {
                "name": "上海-台北城市论坛",
                "year": 2023,
                "start": "2023-08-29",
                "end": "2023-08-30",
                "city": "上海",
            },
            "copies": 1,
            **changes,
        }
    )


def english(**changes: object) -> StoryNotice:
    return notice(
        **{
            "story_id": 4,
            "title": "Mayor Travels to Shanghai to Attend Twin-City Forum",
            "url": "https://english.gov.taipei/News_Content.aspx?n=C0E4B4E1D7D61D2D&s=7E4B2D8A1C9F0E35",
            "outlet": "Secretariat, Taipei City Government",
            "published": datetime(2019, 7, 2, 16, 0, tzinfo=UTC),
            "text": TAIPEI_2019,
            "language": "en",
            "script": None,
            "kind": "announcement",
            "event": {
                "name": "Twin-City Forum",
                "edition": 10,
                "year": 2019,
                "start": "2019-07-04",
                "end": "2019-07-05",
                "city": "Taipei",
                "venue": "Grand Hyatt Taipei",
            },
            **changes,
        }
    )


def test_simplified_story() -> None:
    message = story_message(notice(), "forum-news", "key-1", SHANGHAI)
    assert message.language == "zh-Hans"
    assert message.idempotency_key == "key-1"
    assert message.subject == "新报道：2021上海-台北城市论坛以视频形式举行"
    lines = message.text.splitlines()
    assert lines[0] == "2021上海-台北城市论坛以视频形式举行"
    assert "来源：新浪财经" in lines
    assert "发布时间：2021-12-01 22:01（UTC+8）" in lines
    assert "论坛：2021上海-台北城市论坛" in lines
    assert "日期：2021年12月1日" in lines
    assert f"链接：{notice().url}" in lines
    assert "同一新闻共 4 篇报道" in lines
    assert lines[-1] == "— forumwatch · 规则：forum-news · 主题：twin-city-forum"
    [summary] = [line for line in lines if line.startswith("摘要：")]
    # Cut at the end of a sentence near 120 characters, and marked as cut.
    assert summary.endswith("美好愿景。…")
    assert 100 <= len(summary) - len("摘要：") <= 140
    assert "\n" not in message.subject


def test_traditional_story() -> None:
    message = story_message(traditional(), "forum-news", "key-2", TAIPEI)
    assert message.language == "zh-Hant"
    assert message.subject == "新報導：2021上海-臺北城市論壇以視頻形式舉行"
    lines = message.text.splitlines()
    assert "來源：台灣新聞網" in lines
    assert "發布時間：2021-12-01 22:35（UTC+8）" in lines
    assert "論壇：2021上海-臺北城市論壇" in lines
    assert "地點：臺北" in lines
    assert any(line.startswith("連結：https://twnews.example/") for line in lines)
    assert any(line.startswith("摘要：2021上海-臺北城市論壇今天") for line in lines)
    assert "同一新聞共 4 篇報導" in lines
    for simplified in ("来源", "发布时间", "链接", "报道"):
        assert simplified not in message.text


def test_english_story_in_another_zone() -> None:
    message = story_message(english(kind="report"), "forum-news", "key-3", LONDON)
    assert message.language == "en"
    assert message.subject == "New story: Mayor Travels to Shanghai to Attend Twin-City Forum"
    lines = message.text.splitlines()
    assert "Outlet: Secretariat, Taipei City Government" in lines
    assert "Published: 2019-07-02 17:00 (UTC+1)" in lines  # British Summer Time
    assert "Forum: 2019 Twin-City Forum (10th edition)" in lines
    assert "Date: 4–5 July 2019" in lines
    assert "Place: Grand Hyatt Taipei" in lines  # the city is in the venue's name already
    [summary] = [line for line in lines if line.startswith("Excerpt: ")]
    # The second sentence ends a few words past forty: there, not in its middle.
    assert summary.endswith("at the airport. …")
    assert 40 <= len(summary.split()) - 2 <= 48


def test_zh_of_unknown_script_is_simplified_and_other_languages_english() -> None:
    assert language_tag("zh", None) == "zh-Hans"
    assert language_tag("zh", "Hant") == "zh-Hant"
    assert language_tag("zh-TW", None) == "zh-Hant"
    assert language_tag("en", None) == "en"
    assert language_tag("ja", None) == "en"
    assert language_tag(None, None) == "en"
    message = story_message(notice(script=None), "r", "k", SHANGHAI)
    assert message.language == "zh-Hans"
    assert "来源：新浪财经" in message.text


@pytest.mark.parametrize(
    ("make", "prefix", "date_line", "place_line"),
    [
        (announcement, "论坛预告：", "日期：2023年8月29日至30日", "地点：上海"),
        (lambda: announcement(script="Hant"), "論壇預告：", "日期：2023年8月29日至30日", "地點：上海"),
        (english, "Forum announced: ", "Date: 4–5 July 2019", "Place: Grand Hyatt Taipei"),
    ],
)
def test_announcement_subject_and_event_lines(make, prefix, date_line, place_line) -> None:  # type: ignore[no-untyped-def]
    story = make()
    message = story_message(story, "forum-news", "k", SHANGHAI)
    assert message.subject == prefix + story.title
    assert message.payload["type"] == "story.announcement"
    assert any(line.startswith(date_line) for line in message.text.splitlines())
    assert any(line.startswith(place_line) for line in message.text.splitlines())


def test_event_changed_shows_what_moved() -> None:
    before = {**announcement().event, "start": "2023-08-22", "end": "2023-08-23"}  # type: ignore[dict-item]
    story = announcement(occasion="event-changed", previous_event=before)
    message = story_message(story, "forum-news", "k", SHANGHAI)
    assert message.subject == "论坛日期变更：" + story.title
    lines = message.text.splitlines()
    assert lines[0] == "论坛信息有变（此前通知 → 现在）："
    assert lines[1] == "日期：8月22日至23日 → 8月29日至30日"
    assert message.payload["type"] == "story.event_changed"
    assert message.payload["stories"][0]["previous_event"]["start"] == "2023-08-22"


def test_event_changed_place_in_traditional_and_dates_across_years_in_english() -> None:
    story = traditional(
        occasion="event-changed",
        previous_event={"name": "上海-臺北城市論壇", "year": 2021, "start": "2021-12-01", "city": "上海"},
    )
    message = story_message(story, "forum-news", "k", TAIPEI)
    assert message.subject == "論壇地點變更：" + story.title
    assert "地點：上海 → 臺北" in message.text.splitlines()
    assert "日期：" not in message.text.splitlines()[1]

    moved = english(
        occasion="event-changed",
        previous_event={
            "name": "Twin-City Forum",
            "start": "2018-12-20",
            "end": "2018-12-20",
            "city": "Shanghai",
        },
    )
    message = story_message(moved, "forum-news", "k", TAIPEI)
    assert message.subject == "Forum changed: " + moved.title
    lines = message.text.splitlines()
    assert "Date: 20 December 2018 → 4–5 July 2019" in lines
    assert "Place: Shanghai → Grand Hyatt Taipei" in lines


def test_a_fact_only_one_side_knows_has_not_moved() -> None:
    story = announcement(
        occasion="event-changed",
        previous_event={"name": "上海-台北城市论坛", "start": "2023-08-29", "end": "2023-08-30"},
    )
    message = story_message(story, "forum-news", "k", SHANGHAI)
    assert "→" not in message.text  # the city is new information, not a move
    assert message.subject.startswith("论坛信息变更：")


def test_digest_lists_every_story_with_labels_of_the_majority_language() -> None:
    stories = [notice(), announcement(), traditional(), english()]
    message = digest_message(stories, "daily", "digest-run-7", SHANGHAI)
    assert message.language == "zh-Hans"
    assert message.subject == "新闻摘要（daily）：4 条，含论坛预告 2 条"
    text = message.text
    for number, story in enumerate(stories, start=1):
        assert f"{number}. " in text
        assert story.title in text
        assert story.url in text
    assert "2. 【预告】2023上海-台北城市论坛将于8月29日至30日在上海举行" in text
    assert "   来源：台灣新聞網" in text  # the Traditional story, labelled in the digest's language
    assert "4. 【预告】Mayor Travels to Shanghai to Attend Twin-City Forum" in text
    assert "   论坛：2019 Twin-City Forum（第10届）" in text
    assert message.payload["type"] == "digest"
    assert message.payload["count"] == 4
    assert [s["story_id"] for s in message.payload["stories"]] == [1, 3, 2, 4]


def test_digest_in_english_when_most_stories_are() -> None:
    changed = english(
        story_id=5, occasion="event-changed", previous_event={"start": "2019-07-01", "name": "x"}
    )
    message = digest_message([english(), changed, traditional()], "daily", "d", LONDON)
    assert message.language == "en"
    assert message.subject == "Digest (daily): 3 stories (1 forum announced, 1 forum changed)"
    assert "2. [Changed] Mayor Travels" in message.text
    assert "Date: 1 July → 4–5 July" in message.text  # within one year, the year is left out
    with pytest.raises(ValueError, match="at least one"):
        digest_message([], "daily", "d", LONDON)


def test_health_messages() -> None:
    sick = HealthNotice("sina-finance", ("no articles in the last 3 runs", "42% of requests failed"), 118)
    message = health_message(sick, "health-1")
    assert message.language == "en"
    assert message.subject == "Source sina-finance: no articles in the last 3 runs (and 1 more)"
    assert message.text.splitlines() == [
        "Source sina-finance looks unhealthy after run 118:",
        "- no articles in the last 3 runs",
        "- 42% of requests failed",
    ]
    assert message.payload == {
        "type": "source.unhealthy",
        "source": "sina-finance",
        "problems": ["no articles in the last 3 runs", "42% of requests failed"],
        "run_id": 118,
    }
    well = health_message(replace(sick, recovered=True, run_id=None), "health-2")
    assert well.subject == "Source sina-finance has recovered"
    assert well.text.startswith("Source sina-finance is healthy again.")
    assert well.payload["type"] == "source.recovered"


def test_payload_is_json_and_complete() -> None:
    story = announcement(topics=("twin-city-forum", "mayors"))
    message = story_message(story, "forum-news", "k", SHANGHAI)
    payload = json.loads(json.dumps(message.payload, ensure_ascii=False))
    assert payload["rule"] == "forum-news"
    [entry] = payload["stories"]
    assert entry == {
        "story_id": 3,
        "type": "story.announcement",
        "title": story.title,
        "url": story.url,
        "outlet": "新浪财经",
        "published": "2023-08-24T08:45:32+00:00",
        "kind": "announcement",
        "event": story.event,
        "previous_event": None,
        "copies": 1,
        "topics": ["twin-city-forum", "mayors"],
        "excerpt": excerpt(SINA_2023),
        "language": "zh-Hans",
    }


def test_subject_is_one_short_line() -> None:
    long_title = "2021上海-台北城市论坛\n以视频形式举行  " + "两岸城市交流" * 40
    message = story_message(notice(title=long_title), "r", "k", SHANGHAI)
    assert "\n" not in message.subject
    assert "  " not in message.subject
    assert len(message.subject) <= 150
    assert message.subject.endswith("…")
    assert story_message(notice(title=""), "r", "k", SHANGHAI).subject == "新报道：" + notice().url


def test_unknown_occasion_is_refused() -> None:
    with pytest.raises(ValueError, match="occasion"):
        story_message(notice(occasion="updated"), "r", "k", SHANGHAI)


def test_demo_pages_through_the_cleaner() -> None:
    """The real pages of the demo site, cleaned and read as the crawler does, render in their script."""
    pages = {
        "sina/finance/doc-imzkprtn3571920.html": "zh-Hans",
        "twnews/news/20211201/6124587.html": "zh-Hant",
        "taipei/en/news-7E4B2D8A1C9F0E35.html": "en",
    }
    notices = []
    for number, (page, tag) in enumerate(pages.items(), start=1):
        article = clean((DEMO / page).read_bytes(), None)
        reading = read_event(article.title, article.text, article.published, article.language)
        story = StoryNotice(
            story_id=number,
            title=article.title,
            url=f"https://demo.example/{page}",
            outlet=article.outlet,
            published=article.published,
            text=article.text,
            language=article.language,
            script=article.script,
            kind=reading.kind,
            event=reading.event.to_json() if reading.event else None,
            copies=1,
            topics=("twin-city-forum",),
            occasion="new",
        )
        notices.append(story)
        message = story_message(story, "forum-news", f"k{number}", SHANGHAI)
        assert message.language == tag
        assert article.title in message.subject
        assert story.url in message.text
        json.dumps(message.payload)
        summary = message.payload["stories"][0]["excerpt"]
        assert summary
        assert len(summary) < len(article.text)
    digest = digest_message(notices, "forum-news", "d", SHANGHAI)
    assert all(n.title in digest.text for n in notices)

"""Announcements and events (crawler.events): the seed documents, the demo site's pages, and the hard
cases one at a time: Traditional script, ROC years, English, year rollover, ranges, passing mentions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.cleaner import clean
from crawler.events import Event, EventReading, read_event
from forumwatch.demo.run import DEMO_CONFIG

# The user's seed documents, kept verbatim as test fixtures (tests/fixtures/seeds/README.md).
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
DEMO_SITE = Path(DEMO_CONFIG).parent / "site"
DEMO_ORIGIN = "http://127.0.0.1:8000"  # the demo server's address; the cleaner's profiles go by path too
BEIJING = timezone(timedelta(hours=8))


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def plain_text_seed(name: str, title_line: str | None) -> tuple[str, str]:
    """A plain-text seed: its title is the named line (the text is what follows it), or there is none."""
    lines = [line.strip() for line in seed(name).splitlines() if line.strip()]
    if title_line is None:
        return "", "\n".join(lines)
    assert title_line in lines, f"{name} has no line {title_line!r}"
    return title_line, "\n".join(lines[lines.index(title_line) + 1 :])


def demo_page(path: str) -> tuple[str, str, datetime | None, str | None]:
    """A demo-site page cleaned as the crawler cleans it: title, text, published, language."""
    manifest = json.loads((DEMO_SITE / "manifest.json").read_text(encoding="utf-8"))
    [entry] = [e for e in manifest if e["path"] == path]
    article = clean((DEMO_SITE / entry["file"]).read_bytes(), DEMO_ORIGIN + path)
    assert not article.is_empty, article.empty_reason
    return article.title, article.text, article.published, article.language


def event_of(reading: EventReading) -> Event:
    assert reading.event is not None, reading.reasons
    return reading.event


# -- the seed documents --------------------------------------------------------------------------------


def test_seed_taipei_release_announces_the_2019_forum_in_shanghai() -> None:
    title, text = plain_text_seed(
        "taipei-gov-2019-forum.en.txt", "Mayor Travels to Shanghai to Attend Twin-City Forum"
    )
    # The demo page's DC.Date: 2019-07-03, Taipei time.
    reading = read_event(title, text, datetime(2019, 7, 3, tzinfo=BEIJING), "en")
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.name is not None
    assert "Twin-City Forum" in event.name
    assert event.year == 2019
    assert event.city == "Shanghai"
    # The delegation travels "today (July 3)"; Mayor Ying looks forward to hosting the opening ceremony
    # "the following day". How long the forum lasts the release does not say.
    assert event.start == date(2019, 7, 4)
    assert event.end is None
    # The banquet hotel and the e-sport award venue are where the mayor went, not where the forum is.
    assert event.venue is None
    assert event.edition is None  # "the event's 10th anniversary" is not an edition


def test_seed_sina_feed_item_reports_the_2021_forum_as_held() -> None:
    _, front_matter, html = seed("sina-finance-2021-forum.feed-item.md").split("---", 2)
    [title] = [
        line.split(":", 1)[1].strip(" '") for line in front_matter.splitlines() if line.startswith("title:")
    ]
    text = clean(html, "https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml").text
    # date: Wed, 01 Dec 2021 14:01:19 GMT, i.e. 22:01 in Beijing: 今天（1日） is December 1st.
    reading = read_event(title, text, datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC), "zh")
    event = event_of(reading)
    assert reading.kind == "report", reading.reasons
    assert event.name == "上海-台北城市论坛"
    assert event.year == 2021
    assert event.start == date(2021, 12, 1)
    assert event.city is None  # held by video: no city is named as the place
    assert any("今天（1日）" in reason for reason in reading.reasons)


def test_seed_overview_reports_the_2020_forum_and_leaves_the_look_back_out() -> None:
    """The overview opens with the 2020 forum, held that morning, then looks back over 2010-2019.
    It is a report of the 2020 forum: the look-back names other years and says nothing about it."""
    _, text = plain_text_seed("twin-city-forum-overview.zh-Hant.txt", None)
    # The demo page's publication time (the seed itself carries none).
    reading = read_event("", text, datetime(2020, 7, 22, 11, 20, tzinfo=BEIJING))
    event = event_of(reading)
    assert reading.kind == "report", reading.reasons
    assert event.name == "臺北上海城市論壇"  # as written, in Traditional script
    assert event.year == 2020
    assert event.start == date(2020, 7, 22)
    assert event.city == "臺北"
    assert event.venue == "臺北晶華酒店"
    assert any("other editions" in reason for reason in reading.reasons)


def test_seed_overview_without_a_publication_date_is_still_a_report_of_2020() -> None:
    _, text = plain_text_seed("twin-city-forum-overview.zh-Hant.txt", None)
    reading = read_event("", text, None)
    assert reading.kind == "report", reading.reasons
    assert event_of(reading).start == date(2020, 7, 22)  # the year from 2020臺北上海城市論壇


def test_seed_sco_mayors_dialogue_explainer_is_other() -> None:
    """An explainer on the SCO World Mayors Dialogue: no edition, year or date, only the series' habits
    (通常…举行), so it announces nothing and reports nothing. The forum it explains is still named."""
    _, text = plain_text_seed("sco-mayors-dialogue.blog.txt", None)
    reading = read_event(
        "上合峰会城市间的对话：以城市合作共绘区域繁荣新蓝图", text, datetime(2024, 7, 3, tzinfo=UTC)
    )
    event = event_of(reading)
    assert reading.kind == "other", reading.reasons
    assert event.name == "世界市长对话"
    assert (event.year, event.start, event.city) == (None, None, None)


def test_seed_sister_cities_article_names_no_forum() -> None:
    title, text = plain_text_seed(
        "shanghai-sister-cities.seo.txt", "上海的国际友城网络:构建全球合作伙伴关系,促进更深层次的合作"
    )
    reading = read_event(title, text, datetime(2024, 3, 15, tzinfo=UTC))
    assert reading.kind == "other"
    assert reading.event is None  # 即将展开一场探索之旅 is no forum to come


# -- the demo site -------------------------------------------------------------------------------------


def test_demo_s2_announces_the_2023_forum_from_august_29_to_30_in_shanghai() -> None:
    title, text, published, language = demo_page("/sina/finance/doc-imzkprtn3571920.shtml")
    assert published == datetime(2023, 8, 24, 16, 45, 32, tzinfo=BEIJING)
    reading = read_event(title, text, published, language)
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.name == "上海-台北城市论坛"
    assert event.year == 2023
    assert (event.start, event.end) == (date(2023, 8, 29), date(2023, 8, 30))
    assert event.city == "上海"
    assert event.venue is None  # the text names no hall or hotel
    # The dateline (中新网上海8月24日电) is when the news was filed, not when the forum is.
    assert not any("8月24日" in reason for reason in reading.reasons)
    # 2020年和2021年的论坛均以视频形式举行 is about other editions: its 举行 is not this forum's.
    assert "left out 1 sentence about other editions" in reading.reasons


@pytest.mark.parametrize(
    ("path", "kind", "start"),
    [
        ("/sina/finance/doc-ikyamrmy6175870.shtml", "report", date(2021, 12, 1)),
        ("/twnews/news/20211201/6124587.html", "report", date(2021, 12, 1)),  # the Traditional copy
        ("/portal/taiwan/2021-12/01/c_1128119876.htm", "report", date(2021, 12, 1)),  # 00:00 Beijing
        ("/taipei/en/News_Content.aspx?n=C0E4B4E1D7D61D2D&sms=DFFA119D1FD5602C&s=7E4B2D8A1C9F0E35",
         "announcement", date(2019, 7, 4)),
        ("/twnews/news/20200722/4712093.html", "report", date(2020, 7, 22)),
        ("/blog/2024/07/sco-world-mayors-dialogue/", "other", None),
        ("/farm/post/shanghai-sister-cities.html", "other", None),
    ],
)  # fmt: skip
def test_demo_pages_read_as_their_stories(path: str, kind: str, start: date | None) -> None:
    reading = read_event(*demo_page(path))
    assert reading.kind == kind, reading.reasons
    assert (reading.event.start if reading.event else None) == start


# -- Traditional script and ROC years ------------------------------------------------------------------


def test_traditional_announcement_with_a_roc_year_in_the_name() -> None:
    reading = read_event(
        "民國112年雙城論壇將於8月底登場",
        "民國112年雙城論壇將於8月29日至30日在上海舉行，臺北市長蔣萬安將率團出席。",
        datetime(2023, 8, 20, 9, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.name == "雙城論壇"  # as written, not folded to 双城论坛
    assert event.year == 2023
    assert (event.start, event.end) == (date(2023, 8, 29), date(2023, 8, 30))
    assert event.city == "上海"


def test_traditional_roc_year_in_the_name_without_any_date() -> None:
    reading = read_event("108年雙城論壇將在上海舉行", "柯文哲將率團出席108年雙城論壇。", None)
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.year == 2019  # ROC 108 is 1911 + 108
    assert event.start is None


def test_roc_date_and_chinese_numeral_edition() -> None:
    # No publication date: the year can only come from the ROC date itself.
    reading = read_event(
        "第十一屆海峽論壇將於廈門舉行",
        "第十一屆海峽論壇訂於108年6月15日在廈門國際會議中心舉行。",
        None,
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.edition == 11
    assert event.start == date(2019, 6, 15)  # ROC 108 is 2019
    assert event.city == "廈門"
    assert event.venue == "廈門國際會議中心"


def test_traditional_report_when_opening_date_has_passed() -> None:
    """開幕 with a date before publication: the forum has been held."""
    reading = read_event(
        "2023雙城論壇開幕",
        "2023上海-臺北城市論壇8月29日在上海開幕，兩市簽署多項交流合作備忘錄。",
        datetime(2023, 8, 30, 8, tzinfo=BEIJING),
    )
    assert reading.kind == "report", reading.reasons
    assert event_of(reading).start == date(2023, 8, 29)


def test_opening_with_a_future_date_is_an_announcement() -> None:
    reading = read_event(
        "2023雙城論壇開幕",
        "2023上海-臺北城市論壇8月29日在上海開幕。",
        datetime(2023, 8, 25, 8, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons


# -- English -------------------------------------------------------------------------------------------


def test_english_announcement_with_range_year_venue_and_title_case_headline() -> None:
    reading = read_event(
        "Taipei Mayor To Attend Shanghai-Taipei City Forum",
        "The 2023 Shanghai-Taipei City Forum will be held on August 29-30, 2023, at the Shanghai "
        "International Convention Center. Taipei Mayor Chiang Wan-an will lead a delegation.",
        datetime(2023, 8, 24, 2, tzinfo=UTC),
        "en",
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.name == "Shanghai-Taipei City Forum"  # not "Attend Shanghai-Taipei City Forum"
    assert event.year == 2023
    assert (event.start, event.end) == (date(2023, 8, 29), date(2023, 8, 30))
    assert event.venue == "Shanghai International Convention Center"
    assert event.city == "Shanghai"  # from the venue's name


def test_english_report_ignores_the_wire_dateline_and_reads_today() -> None:
    reading = read_event(
        "Twin-City Forum opens in Taipei",
        "TAIPEI, Dec. 19 (CNA) -- The 2018 Taipei-Shanghai Twin-City Forum opened today at the Grand "
        "Hotel in Taipei.",
        datetime(2018, 12, 20, 1, tzinfo=UTC),
        "en",
    )
    event = event_of(reading)
    assert reading.kind == "report", reading.reasons
    assert event.start == date(2018, 12, 20)  # today, not the dateline's Dec. 19
    assert event.venue == "Grand Hotel"
    assert event.city == "Taipei"


def test_english_day_month_order_and_ordinal_edition() -> None:
    reading = read_event(
        "",
        "The 10th Twin-City Forum will take place from 3 July to 4 July in Shanghai.",
        datetime(2019, 6, 1, tzinfo=UTC),
        "en",
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.edition == 10
    assert (event.start, event.end) == (date(2019, 7, 3), date(2019, 7, 4))


def test_english_next_week_is_a_cue_but_no_date() -> None:
    reading = read_event(
        "Forum set for next week",
        "The Twin-City Forum is scheduled to take place next week in Taipei.",
        datetime(2019, 7, 1, tzinfo=UTC),
        "en",
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.start is None
    assert event.city == "Taipei"


# -- dates resolved against the publication date -------------------------------------------------------


def test_december_article_about_january_means_next_year() -> None:
    reading = read_event(
        "双城论坛将于1月在台北举行",
        "双城论坛将于1月5日在台北举行。",
        datetime(2023, 12, 20, 10, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.start == date(2024, 1, 5)
    assert event.year == 2024


def test_january_report_about_december_means_last_year() -> None:
    reading = read_event(
        "双城论坛在台北落幕",
        "双城论坛12月28日在台北举行。",
        datetime(2024, 1, 3, 10, tzinfo=BEIJING),
    )
    assert reading.kind == "report", reading.reasons
    assert event_of(reading).start == date(2023, 12, 28)


def test_a_forum_to_come_takes_the_year_ahead_even_when_last_years_date_is_nearer() -> None:
    # Published in March: last September is nearer than next September, but 将于 points ahead.
    reading = read_event("", "双城论坛将于9月5日在上海举行。", datetime(2023, 3, 1, tzinfo=BEIJING))
    assert event_of(reading).start == date(2023, 9, 5), reading.reasons
    assert reading.kind == "announcement"


def test_a_forum_held_takes_the_year_behind_even_when_next_years_date_is_nearer() -> None:
    reading = read_event(
        "", "双城论坛12月28日在台北举行，两市签署四项备忘录。", datetime(2023, 7, 10, tzinfo=BEIJING)
    )
    assert event_of(reading).start == date(2022, 12, 28), reading.reasons
    assert reading.kind == "report"


def test_last_year_and_next_year_in_chinese_dates() -> None:
    held = read_event("", "双城论坛去年12月28日在台北举行。", datetime(2024, 2, 1, tzinfo=BEIJING))
    assert event_of(held).start == date(2023, 12, 28), held.reasons
    coming = read_event("", "双城论坛将于明年3月2日在上海举行。", datetime(2023, 2, 1, tzinfo=BEIJING))
    assert event_of(coming).start == date(2024, 3, 2), coming.reasons


def test_a_day_without_month_counts_only_when_tied_to_the_forum() -> None:
    # 24日发布消息 is when the news came out; 于29日…举行 is the forum.
    reading = read_event(
        "", "上海市台办24日发布消息，2023双城论坛将于29日在上海举行。", datetime(2023, 8, 24, tzinfo=BEIJING)
    )
    assert event_of(reading).start == date(2023, 8, 29), reading.reasons


def test_ranges_across_months_and_across_the_new_year() -> None:
    across_month = read_event(
        "", "2023双城论坛将于8月29日至9月1日在上海举行。", datetime(2023, 8, 1, tzinfo=UTC)
    )
    assert (event_of(across_month).start, event_of(across_month).end) == (date(2023, 8, 29), date(2023, 9, 1))
    across_year = read_event(
        "双城论坛12月30日登场",
        "2023双城论坛将于12月30日至1月2日在台北举行。",
        datetime(2023, 12, 1, tzinfo=UTC),
    )
    # The headline gives the start only; the body's range with the same start gives the end.
    assert (event_of(across_year).start, event_of(across_year).end) == (date(2023, 12, 30), date(2024, 1, 2))


def test_today_is_the_local_day_of_publication() -> None:
    """00:30 in Beijing is still the day before in UTC: 今天 is the Beijing day."""
    reading = read_event(
        "2021上海-台北城市论坛以视频形式举行",
        "2021上海-台北城市论坛今天以视频形式举行。",
        datetime(2021, 11, 30, 16, 30, tzinfo=UTC),
    )
    assert reading.kind == "report", reading.reasons
    assert event_of(reading).start == date(2021, 12, 1)


def test_tomorrow_is_an_announcement_and_one_day_forum_ends_when_it_starts() -> None:
    reading = read_event(
        "双城论坛明天在台北开幕",
        "2019双城论坛明天在台北开幕，为期一天。",
        datetime(2019, 7, 3, 20, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert (event.start, event.end) == (date(2019, 7, 4), date(2019, 7, 4))


def test_announcement_on_the_day_itself_with_a_future_cue() -> None:
    reading = read_event("", "2019双城论坛将于今天下午在上海开幕。", datetime(2019, 7, 4, 8, tzinfo=BEIJING))
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start == date(2019, 7, 4)


def test_a_date_without_year_and_no_publication_date_stays_unknown() -> None:
    reading = read_event("双城论坛将于8月29日在上海举行", "", None)
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.start is None


def test_chinese_dateline_is_not_the_event_date() -> None:
    reading = read_event(
        "",
        "中新网上海8月24日电 2023上海-台北城市论坛将于8月29日在上海举行。",
        datetime(2023, 8, 24, tzinfo=UTC),
    )
    assert event_of(reading).start == date(2023, 8, 29), reading.reasons


def test_the_date_it_is_held_beats_another_date_near_its_name() -> None:
    reading = read_event(
        "",
        "2019双城论坛代表团名单7月1日公布。2019双城论坛将于7月4日在上海举行。",
        datetime(2019, 7, 1, 12, tzinfo=BEIJING),
    )
    assert event_of(reading).start == date(2019, 7, 4), reading.reasons


def test_a_bracketed_date_after_today_wins_over_the_publication_day() -> None:
    """Posted after midnight: 'today (July 3)' was written on the 3rd, the page is dated the 4th."""
    reading = read_event(
        "",
        "The 2019 Twin-City Forum opened today (July 3) in Shanghai.",
        datetime(2019, 7, 4, 0, 30, tzinfo=BEIJING),
    )
    assert event_of(reading).start == date(2019, 7, 3), reading.reasons
    assert reading.kind == "report"


# -- what is about the forum and what is not ------------------------------------------------------------


def test_passing_mention_of_a_past_forum_is_other() -> None:
    reading = read_event(
        "台北市长视察捷运环状线工程",
        "台北市长今天视察捷运环状线工程进度，并听取简报。他表示，捷运工程预计明年完工。"
        "市长也提到，2019年双城论坛在上海举行时，他参观了上海地铁，印象深刻。",
        datetime(2024, 3, 5, 10, tzinfo=BEIJING),
    )
    # Held (举行), with a year: but once, deep in the body, in a story about something else.
    assert reading.kind == "other", reading.reasons
    assert event_of(reading).year == 2019  # the forum is still named, with its year


def test_other_editions_give_neither_date_nor_city() -> None:
    reading = read_event(
        "2024双城论坛下月登场",
        "2024上海-台北城市论坛定于5月20日举行。上一届2023上海-台北城市论坛8月29日在上海举行。",
        datetime(2024, 4, 20, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert event.start == date(2024, 5, 20)
    assert event.city is None  # 在上海举行 is the 2023 forum's


def test_the_next_forum_at_the_end_of_a_report_does_not_make_it_an_announcement() -> None:
    reading = read_event("", "2021双城论坛以视频形式举行。下届论坛将于明年在上海举行。", None)
    assert reading.kind == "report", reading.reasons
    english = read_event(
        "", "The 2021 Twin-City Forum was held by video. Next year's forum will be held in Shanghai.", None
    )
    assert english.kind == "report", english.reasons
    assert event_of(english).city is None  # Shanghai is next year's


def test_history_sentences_do_not_make_an_announcement_a_report() -> None:
    reading = read_event(
        "",
        "双城论坛将于下月在台北举行。自2010年起，双城论坛由两市轮流举办，已举行十多届。",
        datetime(2024, 4, 20, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert any("past or habits" in reason for reason in reading.reasons)


def test_main_forum_is_the_one_in_the_title() -> None:
    # 双城论坛 is mentioned three times in the body, 海峡论坛 once there: the headline outweighs them.
    reading = read_event(
        "第十六届海峡论坛在厦门开幕",
        "第十六届海峡论坛今天在厦门开幕。与会者提到，双城论坛也是两岸城市交流的平台，"
        "双城论坛的经验值得借鉴，希望双城论坛与会者也来交流。",
        datetime(2024, 6, 15, 10, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert event.name == "海峡论坛"
    assert event.edition == 16
    assert event.city == "厦门"
    assert reading.kind == "report", reading.reasons


def test_this_edition_pins_a_report_without_year_or_date() -> None:
    reading = read_event("", "本届双城论坛在台北举行。两市签署四项合作备忘录。", None)
    assert reading.kind == "report", reading.reasons


def test_an_announcement_may_say_who_attends() -> None:
    # One future cue, one report cue (出席): a tie goes to the announcement.
    reading = read_event(
        "",
        "2024双城论坛将于下月在台北举行。本届双城论坛由两市市长出席。",
        datetime(2024, 4, 1, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons


def test_a_future_headline_outweighs_a_body_in_the_present_tense() -> None:
    reading = read_event(
        "2023双城论坛下月在台北举行",
        "本届双城论坛由两市市长出席。双城论坛期间两市签署合作备忘录。",
        datetime(2023, 7, 1, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons


def test_short_names_join_the_full_names_series() -> None:
    # 城市论坛 is the 上海-台北城市论坛 again: three mentions against 海峡论坛's two.
    reading = read_event(
        "",
        "海峡论坛与2023上海-台北城市论坛相继举行。海峡论坛在厦门举行。城市论坛在上海举行，城市论坛签署备忘录。",
        datetime(2023, 9, 1, tzinfo=BEIJING),
    )
    assert event_of(reading).name == "上海-台北城市论坛", reading.reasons


def test_a_sub_forum_is_not_the_forum() -> None:
    # 分论坛 are parts of the forum: they neither name it nor refer to it, so the only mention is passing.
    reading = read_event(
        "",
        "今年的智慧交通大会今天开幕。大会设三场分论坛。第一场分论坛讨论停车问题。"
        "第二场分论坛讨论公交问题。有代表提到，2019年双城论坛在上海举行。",
        datetime(2023, 9, 1, tzinfo=BEIJING),
    )
    assert event_of(reading).name == "双城论坛"
    assert reading.kind == "other", reading.reasons


def test_city_from_a_short_name_after_a_verb_of_going() -> None:
    reading = read_event(
        "", "台北市长将率团来沪出席2023双城论坛。台企在沪发展良好。", datetime(2023, 8, 1, tzinfo=UTC)
    )
    assert event_of(reading).city == "上海", reading.reasons
    not_a_venue = read_event(
        "", "2023双城论坛将于下月举行，台企在沪发展良好。", datetime(2023, 8, 1, tzinfo=UTC)
    )
    assert event_of(not_a_venue).city is None, not_a_venue.reasons


def test_a_quoted_name_is_taken_whole_with_its_year() -> None:
    """Outside quotes a name's left edge is where known qualifiers run out; inside, the quotes say it."""
    reading = read_event(
        "",
        "“2024金砖城市治理论坛”将于9月10日在上海举行。",
        datetime(2024, 9, 1, tzinfo=UTC),
    )
    event = event_of(reading)
    assert event.name == "金砖城市治理论坛"
    assert event.year == 2024
    assert reading.kind == "announcement", reading.reasons


def test_summit_cities_are_not_a_summit() -> None:
    """上合峰会城市 are the cities of the SCO summits: no event is named."""
    reading = read_event(
        "上合峰会城市携手推进绿色发展", "多个上合峰会城市今天签署合作协议。", datetime(2024, 7, 3, tzinfo=UTC)
    )
    assert reading.event is None, reading.reasons


def test_no_forum_at_all() -> None:
    reading = read_event(
        "金价小幅上涨", "国际金价今天小幅上涨，市场将于下周公布数据。", datetime(2023, 8, 25, tzinfo=UTC)
    )
    assert reading == EventReading("other", None, ("no forum named",))


# -- JSON ----------------------------------------------------------------------------------------------


def test_to_json_keys_are_the_field_names_and_dates_are_iso() -> None:
    event = Event("双城论坛", 14, 2023, date(2023, 8, 29), date(2023, 8, 30), "上海", None)
    assert event.to_json() == {
        "name": "双城论坛",
        "edition": 14,
        "year": 2023,
        "start": "2023-08-29",
        "end": "2023-08-30",
        "city": "上海",
        "venue": None,
    }
    reading = EventReading("announcement", event, ("future cue 将于",))
    assert reading.to_json() == {
        "kind": "announcement",
        "event": event.to_json(),
        "reasons": ["future cue 将于"],
    }
    assert EventReading("other", None, ()).to_json() == {"kind": "other", "event": None, "reasons": []}
    json.dumps(reading.to_json(), ensure_ascii=False)  # JSON-serialisable as it is


# -- how newsrooms date a forum ------------------------------------------------------------------------


def test_the_day_a_release_was_issued_is_not_the_forums_day() -> None:
    reading = read_event(
        "雙城論壇本月登場",
        "臺北市政府今（5）日宣布，2025臺北上海城市論壇將於本月28日登場，地點在臺北。",
        datetime(2025, 8, 5, 10, 0, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start == date(2025, 8, 28)
    assert event_of(reading).city == "臺北"


def test_a_release_that_gives_only_the_day_it_was_issued_gives_no_forum_date() -> None:
    reading = read_event(
        "上海-台北城市论坛将在沪举行",
        "上海市台办发言人今天宣布，2025上海-台北城市论坛将在上海举行。",
        datetime(2025, 7, 15, 10, 0, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start is None


@pytest.mark.parametrize(
    "text",
    [
        "东方网记者8月5日从上海市台办获悉，2025上海-台北城市论坛将于本月底在上海举行。",
        "国台办今天上午在北京举行例行新闻发布会。发言人表示，2025上海-台北城市论坛将于下月在上海举行。",
    ],
)
def test_the_day_news_was_learnt_or_briefed_is_not_the_forums_day(text: str) -> None:
    reading = read_event(
        "2025上海-台北城市论坛将在上海举行", text, datetime(2025, 8, 5, 10, 0, tzinfo=BEIJING)
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start is None, reading.reasons


def test_dates_in_chinese_numerals() -> None:
    reading = read_event(
        "",
        "2025上海-台北城市论坛将于二〇二五年八月二十九日至三十日在上海举行。",
        datetime(2025, 7, 15, 10, 0, tzinfo=BEIJING),
    )
    assert (event_of(reading).start, event_of(reading).end) == (date(2025, 8, 29), date(2025, 8, 30))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("原訂8月29日舉行的雙城論壇延至9月10日在台北舉行。", date(2025, 9, 10)),
        (
            "Originally set for Aug. 29, the Twin-City Forum has been pushed back to Sept. 10.",
            date(2025, 9, 10),
        ),
    ],
)
def test_a_postponed_forum_takes_the_date_it_moved_to(text: str, start: date) -> None:
    reading = read_event("", text, datetime(2025, 8, 5, 10, 0, tzinfo=BEIJING))
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start == start


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2025雙城論壇本週五（22日）在台北登場。", date(2025, 8, 22)),
        ("2025雙城論壇下週二在台北登場。", date(2025, 8, 26)),
        (
            "The Taipei City Government announced on Monday that the Twin-City Forum will be held on Friday.",
            date(2025, 8, 22),
        ),
    ],
)
def test_weekdays_resolve_against_the_publication_week(text: str, start: date) -> None:
    reading = read_event("", text, datetime(2025, 8, 18, 10, 0, tzinfo=BEIJING))  # a Monday
    assert event_of(reading).start == start, reading.reasons


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("為期兩天的2023雙城論壇今（30）日在上海閉幕。", date(2023, 8, 29), date(2023, 8, 30)),
        ("2023雙城論壇今（30）日在上海閉幕。", None, date(2023, 8, 30)),
        ("2023上海-台北城市论坛29日在上海开幕，30日闭幕。", date(2023, 8, 29), date(2023, 8, 30)),
        ("The two-day Twin-City Forum opened in Shanghai on Aug. 29.", date(2023, 8, 29), date(2023, 8, 30)),
        (
            "The Twin-City Forum wrapped up its three-day run in Shanghai on Aug. 30.",
            date(2023, 8, 28),
            date(2023, 8, 30),
        ),
    ],
)
def test_length_and_closing_day_give_the_other_end(text: str, start: date | None, end: date) -> None:
    reading = read_event("", text, datetime(2023, 8, 30, 20, 0, tzinfo=BEIJING))
    assert (event_of(reading).start, event_of(reading).end) == (start, end), reading.reasons
    assert reading.kind == "report"


def test_a_lower_case_series_name_is_the_forum() -> None:
    reading = read_event(
        "Chiang to lead delegation to Shanghai forum next week",
        "Taipei Mayor Chiang Wan-an will lead a delegation to Shanghai for the annual twin-city forum, "
        "which will open on Thursday, Aug. 28, and close the following day, the city government said Friday.",
        datetime(2025, 8, 22, 19, 0, tzinfo=BEIJING),
        "en",
    )
    assert reading.kind == "announcement", reading.reasons
    assert (event_of(reading).start, event_of(reading).end) == (date(2025, 8, 28), date(2025, 8, 29))
    assert event_of(reading).city == "Shanghai"


def test_a_journeys_dates_are_not_the_forums() -> None:
    reading = read_event(
        "",
        "上海市代表团将于12月6日抵达台北，次日出席2022台北-上海城市论坛，论坛为期一天。代表团预计12月10日返沪。",
        datetime(2022, 12, 1, 16, 0, tzinfo=BEIJING),
    )
    assert (event_of(reading).start, event_of(reading).end) == (date(2022, 12, 7), date(2022, 12, 7))
    assert event_of(reading).city == "台北"


def test_the_length_may_stand_in_a_sentence_that_names_no_forum() -> None:
    reading = read_event(
        "",
        "The 2024 Taipei-Shanghai City Forum opened today at the Taipei Marriott Hotel. "
        "During the two-day event, the two cities will sign memorandums.",
        datetime(2024, 12, 17, 18, 0, tzinfo=BEIJING),
        "en",
    )
    assert (event_of(reading).start, event_of(reading).end) == (date(2024, 12, 17), date(2024, 12, 18))


def test_the_headline_and_the_body_on_the_same_day_one_told_as_to_come() -> None:
    reading = read_event(
        "2019上海-台北城市论坛今天开幕",
        "新华社上海7月16日电 2019上海-台北城市论坛今天上午将在上海开幕，论坛为期两天。",
        datetime(2019, 7, 16, 7, 30, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).end == date(2019, 7, 17)


def test_a_report_takes_its_city_from_the_dateline_when_the_text_names_none() -> None:
    reading = read_event(
        "雙城論壇閉幕",
        "（中央社記者張小芸上海30日電）為期兩天的2023台北上海城市論壇今天閉幕，雙方簽署6項備忘錄。",
        datetime(2023, 8, 30, 18, 0, tzinfo=BEIJING),
    )
    assert reading.kind == "report", reading.reasons
    assert event_of(reading).city == "上海"
    assert (event_of(reading).start, event_of(reading).end) == (date(2023, 8, 29), date(2023, 8, 30))


def test_a_headline_without_will_reads_a_yearless_date_to_the_nearest() -> None:
    """Headlines drop 将: 29日開幕 is a forum to come four days after publication, not last month's."""
    reading = read_event(
        "北市府團28日赴滬 雙城論壇29日開幕",
        "北市府今（25）日公布雙城論壇行程，市長將出席開幕式。",
        datetime(2025, 8, 25, 20, 0, tzinfo=BEIJING),
    )
    assert event_of(reading).start == date(2025, 8, 29), reading.reasons
    assert reading.kind == "announcement"


def test_a_forum_in_passing_gives_no_event_fields() -> None:
    reading = read_event(
        "市議會質詢捷運延宕",
        "議員質詢捷運工程延宕，市長答詢時表示將加快進度。"
        "市長並提到，他上月赴上海出席雙城論壇時曾參觀當地地鐵。"
        "捷運局表示，將於年底前完成改善計畫。",
        datetime(2023, 10, 17, 15, 0, tzinfo=BEIJING),
    )
    assert reading.kind == "other", reading.reasons
    assert (event_of(reading).start, event_of(reading).city) == (None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024雙城論壇訂於十月十日至十二日在臺北舉行。", date(2024, 10, 10), date(2024, 10, 12)),
        ("2024雙城論壇訂於九月十日至十二日在臺北舉行。", date(2024, 9, 10), date(2024, 9, 12)),
        ("2024雙城論壇將於十日在臺北舉行。", date(2024, 9, 10), None),
    ],
)
def test_ten_in_chinese_numerals(text: str, start: date, end: date | None) -> None:
    reading = read_event("", text, datetime(2024, 9, 1, 10, 0, tzinfo=BEIJING))
    assert (event_of(reading).start, event_of(reading).end) == (start, end), reading.reasons


def test_a_length_in_chinese_numerals_is_not_a_day() -> None:
    reading = read_event(
        "", "为期十日的2024上海台北城市论坛在上海举行。", datetime(2024, 9, 1, 10, 0, tzinfo=BEIJING)
    )
    assert event_of(reading).start is None, reading.reasons


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2025上海－台北城市论坛将于下周四、周五在上海举行。", date(2025, 8, 22)),
        ("The Taipei-Shanghai City Forum will be held tomorrow and Friday in Shanghai.", date(2025, 8, 22)),
    ],
)
def test_two_days_joined_are_a_range(text: str, end: date) -> None:
    reading = read_event(
        "",
        text,
        datetime(2025, 8, 13, 16, 0, tzinfo=BEIJING)
        if "下周" in text
        else datetime(2025, 8, 20, 9, 0, tzinfo=BEIJING),
    )
    assert event_of(reading).end == end, reading.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("【社評】雙城論壇不能只是形式", "2024雙城論壇昨日落幕，雙方簽署四項備忘錄，但成果有限。"),
        (
            "Editorial: What the twin-city forum can still do",
            "The 2024 Taipei-Shanghai City Forum closed yesterday.",
        ),
        ("今年雙城論壇確定取消", "原定12月舉行的2020台北上海城市論壇確定取消，兩市將另行協商。"),
        (
            "Twin-city forum called off",
            "This year's Taipei-Shanghai City Forum has been called off, officials said.",
        ),
    ],
)
def test_opinion_pieces_and_cancelled_editions_are_no_event(title: str, text: str) -> None:
    reading = read_event(title, text, datetime(2024, 12, 20, 9, 0, tzinfo=BEIJING))
    assert reading.kind == "other", reading.reasons
    assert event_of(reading).start is None


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "2021上海臺北城市論壇昨（10）日以視訊方式舉行，主會場設在上海，臺北市長在臺北市政府透過連線參與。",
            "上海",
        ),
        ("历经两天的交流，2024台北上海城市论坛昨天下午在台北落下帷幕。", "台北"),
        ("Xiamen will host the Cross-Strait Youth City Forum from Dec 29 to Jan 2.", "Xiamen"),
    ],
)
def test_where_releases_put_the_city(text: str, city: str) -> None:
    reading = read_event("", text, datetime(2024, 12, 20, 9, 0, tzinfo=BEIJING))
    assert event_of(reading).city == city, reading.reasons


@pytest.mark.parametrize(
    ("title", "text", "city"),
    [
        # "in the city": the city named before it in the sentence
        (
            "Twin-city forum to go ahead",
            "Shanghai's Taiwan affairs office said the Shanghai-Taipei City Forum will be held in the city "
            "on Dec. 28 as planned.",
            "Shanghai",
        ),
        ("雙城論壇如期舉行", "臺北市政府表示，2025雙城論壇將於12月28日在該市舉行。", "臺北"),
        # a journey to the venue, then presiding over the opening a comma later
        (
            "論壇開幕",
            "市長上午抵達上海國際會議中心，主持「2025上海臺北城市論壇」開幕式。",
            "上海",
        ),
        # a forum of two cities: the host is the one whose delegation does not travel
        (
            "Twin-city forum next week",
            "The Taipei-Shanghai City Forum will be held on Dec. 28-29. Taipei Mayor Chiang Wan-an will lead "
            "a delegation of about 100 people, the mayor's office said.",
            "Shanghai",
        ),
        ("雙城論壇下月登場", "2025雙城論壇將於12月28日舉行，上海市代表團將由副市長率領。", "台北"),
    ],
)
def test_places_a_release_implies(title: str, text: str, city: str) -> None:
    reading = read_event(title, text, datetime(2025, 12, 1, 9, 0, tzinfo=BEIJING))
    assert event_of(reading).city == city, reading.reasons


def test_a_visiting_delegation_says_nothing_of_a_forum_of_one_city() -> None:
    reading = read_event(
        "Straits Forum next week",
        "The Straits Forum will be held on June 15. A delegation of Taipei officials will attend.",
        datetime(2025, 6, 5, 9, 0, tzinfo=BEIJING),
    )
    assert event_of(reading).city is None, reading.reasons


def test_a_report_does_not_take_next_years_place() -> None:
    reading = read_event(
        "城市論壇落幕",
        "2025臺中上海城市論壇昨天落幕。廈門代表表示，希望明年在廈門舉辦時擴大參與。",
        datetime(2025, 11, 20, 9, 0, tzinfo=BEIJING),
    )
    assert reading.kind == "report", reading.reasons
    assert event_of(reading).city is None, reading.reasons


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("雙城論壇12/28-29臺北登場", date(2025, 12, 28), date(2025, 12, 29)),
        ("雙城論壇（12/28）臺北舉行", date(2025, 12, 28), None),
    ],
)
def test_month_slash_day_of_taiwanese_headlines(title: str, start: date, end: date | None) -> None:
    reading = read_event(title, "市府今天說明論壇籌備情形。", datetime(2025, 12, 1, 9, 0, tzinfo=BEIJING))
    assert (event_of(reading).start, event_of(reading).end) == (start, end), reading.reasons


def test_a_fraction_is_no_date() -> None:
    reading = read_event(
        "雙城論壇",
        "2025雙城論壇將有1/3的代表為青年，論壇將於12月28日舉行。",
        datetime(2025, 12, 1, 9, 0, tzinfo=BEIJING),
    )
    assert event_of(reading).start == date(2025, 12, 28), reading.reasons


@pytest.mark.parametrize(
    ("title", "text", "published", "start", "end"),
    [
        # the time of day and the venue between the date and its verb
        (
            "城市论坛开幕",
            "2025台中上海城市论坛18日上午在台中国际会展中心开幕，论坛为期两天。",
            datetime(2025, 11, 18, 15, 0, tzinfo=BEIJING),
            date(2025, 11, 18),
            date(2025, 11, 19),
        ),
        (
            "城市论坛闭幕",
            "为期两天的2025台中上海城市论坛昨天下午在台中国际会展中心闭幕。",
            datetime(2025, 11, 20, 8, 0, tzinfo=BEIJING),
            date(2025, 11, 18),
            date(2025, 11, 19),
        ),
        # 下个月 (next month) with a day, and how long it runs
        (
            "城市论坛下月登场",
            "市政府今天宣布，2025台中上海城市论坛将于下个月3日起一连两天举行。",
            datetime(2025, 10, 20, 10, 0, tzinfo=BEIJING),
            date(2025, 11, 3),
            date(2025, 11, 4),
        ),
        # put off to a day of this month that is still to come, as long as before
        (
            "城市论坛延期",
            "受台风影响，原订5日举行的2025台中上海城市论坛改于19日举行，会期仍为一天。",
            datetime(2025, 11, 4, 10, 0, tzinfo=BEIJING),
            date(2025, 11, 19),
            date(2025, 11, 19),
        ),
        # a CNA dateline without a dash, and a closing day with the length
        (
            "Forum wraps up",
            "Taichung, Nov. 19 (CNA) The two-day Taichung-Shanghai City Forum wrapped up in Taichung on "
            "Wednesday with four agreements.",
            datetime(2025, 11, 19, 20, 0, tzinfo=BEIJING),
            date(2025, 11, 18),
            date(2025, 11, 19),
        ),
        # the date of the forum before ", the party said yesterday"
        (
            "Delegation to attend forum",
            "A KMT delegation will attend the Straits Forum, which opens in Xiamen, China, tomorrow, the "
            "party said yesterday.",
            datetime(2025, 6, 14, 3, 0, tzinfo=BEIJING),
            date(2025, 6, 15),
            None,
        ),
    ],
)
def test_dates_the_way_newsrooms_put_them(
    title: str, text: str, published: datetime, start: date, end: date | None
) -> None:
    reading = read_event(title, text, published)
    assert (event_of(reading).start, event_of(reading).end) == (start, end), reading.reasons


def test_the_edition_before_last_is_background_and_the_sender_of_a_delegation_a_visitor() -> None:
    reading = read_event(
        "新北天津城市論壇下月登場",
        "新北市政府今天宣布，「2025新北天津城市交流論壇」將於下個月5日起在板橋舉行，天津市將派出約50人的代表團來台參加。"
        "首屆論壇前年在天津舉行。",
        datetime(2025, 10, 14, 10, 0, tzinfo=BEIJING),
    )
    assert event_of(reading).city == "新北", reading.reasons


# -- names nobody listed, forums nobody named ------------------------------------------------------------


def test_an_edition_prefix_opens_a_name_whatever_its_topic_words() -> None:
    reading = read_event(
        "第三届海峡两岸乡村振兴论坛下月在漳州举办",
        "记者从主办方获悉，第三届海峡两岸乡村振兴论坛将于11月8日在漳州举办，会期一天。",
        datetime(2025, 10, 20, 10, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert event.name == "海峡两岸乡村振兴论坛", reading.reasons
    assert event.edition == 3
    assert reading.kind == "announcement"
    assert (event.start, event.end, event.city) == (date(2025, 11, 8), date(2025, 11, 8), "漳州")


def test_a_year_in_chinese_numerals_and_a_place_in_brackets_belong_to_the_name() -> None:
    reading = read_event(
        "二〇二五海峡两岸（泉州）数字经济论坛十月开幕",
        "二〇二五海峡两岸（泉州）数字经济论坛将于十月十六日至十七日在泉州举行。",
        datetime(2025, 9, 30, 10, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert event.name == "海峡两岸（泉州）数字经济论坛", reading.reasons
    assert event.year == 2025
    assert (event.start, event.end, event.city) == (date(2025, 10, 16), date(2025, 10, 17), "泉州")


def test_a_clause_between_a_year_and_the_noun_is_no_name() -> None:
    reading = read_event("", "2024年在厦门举行的论坛吸引了两岸青年参加。", None)
    assert reading.event is None or reading.event.name != "在厦门举行的论坛", reading.reasons


def test_a_lower_case_name_opened_by_a_place() -> None:
    reading = read_event(
        "Matsu-Fuzhou fisheries forum set for Friday",
        "A Matsu-Fuzhou fisheries forum will be held in Fuzhou on Friday, county officials said on Monday.",
        datetime(2025, 3, 10, 9, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert event.name == "Matsu-Fuzhou fisheries forum", reading.reasons
    assert reading.kind == "announcement"
    assert (event.start, event.city) == (date(2025, 3, 14), "Fuzhou")


def test_a_forum_the_headline_does_not_name_is_still_the_story() -> None:
    reading = read_event(
        "Penghu, Xiamen officials hold forum on ferry links",
        "Officials from Penghu and Xiamen met in Penghu on Tuesday for a one-day forum on ferry links.",
        datetime(2024, 6, 13, 9, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "report", reading.reasons
    assert (event.start, event.end, event.city) == (date(2024, 6, 11), date(2024, 6, 11), "Penghu")


def test_postponed_with_no_new_date_is_nothing_to_announce() -> None:
    reading = read_event(
        "今年海峡两岸城市论坛延期",
        "原定下月举行的海峡两岸城市论坛宣布延期，主办方表示新的日期另行通知。",
        datetime(2022, 9, 1, 9, tzinfo=BEIJING),
    )
    assert reading.kind == "other", reading.reasons


def test_the_forums_own_day_is_not_the_press_conferences() -> None:
    reading = read_event(
        "市长下周率团出席城市论坛",
        "市长将于14日率团赴厦门，出席15日登场的厦门台北城市论坛，16日返台。\n"
        "市府今天在记者会上说明，论坛当天上午举行开幕式，下午分组座谈。",
        datetime(2025, 5, 8, 15, tzinfo=BEIJING),
    )
    assert event_of(reading).start == date(2025, 5, 15), reading.reasons


def test_a_past_habit_in_a_clause_that_describes_the_forum_is_no_background() -> None:
    reading = read_event(
        "城市交流论坛落幕",
        "由两市轮流主办的城市交流论坛，今年由台南主办，为期两天的议程已于上周六在台南落幕。",
        datetime(2024, 11, 25, 9, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "report", reading.reasons
    assert (event.start, event.end, event.city) == (date(2024, 11, 22), date(2024, 11, 23), "台南")


def test_an_english_headline_may_speak_of_the_forum_the_second_sentence_names() -> None:
    reading = read_event(
        "BRICS mayors to gather in Kazan",
        "City leaders will gather in Kazan for two days starting Thursday, organisers said on Monday. "
        "The BRICS mayors' forum will discuss transport and housing.",
        datetime(2024, 7, 1, 9, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert (event.start, event.end) == (date(2024, 7, 4), date(2024, 7, 5))


def test_a_second_sentence_about_something_else_stays_a_passing_mention() -> None:
    reading = read_event(
        "上海美食节在台北举行",
        "上海美食节21日晚在台北举行。此次活动源于去年8月双城论坛期间签署的交流备忘录。",
        datetime(2024, 4, 22, 9, tzinfo=BEIJING),
    )
    assert reading.kind == "other", reading.reasons


# -- how newsrooms write a forum's days and place --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "start", "end"),
    [
        (
            "兩岸文創論壇下週二、三在台南舉行。",
            datetime(2024, 5, 8, 9, tzinfo=BEIJING),
            date(2024, 5, 14),
            date(2024, 5, 15),
        ),
        (
            "兩岸文創論壇7、8兩日在台南舉行。",
            datetime(2024, 5, 8, 9, tzinfo=BEIJING),
            date(2024, 5, 7),
            date(2024, 5, 8),
        ),
        (
            "兩岸文創論壇今明兩天在台南舉行。",
            datetime(2024, 5, 8, 9, tzinfo=BEIJING),
            date(2024, 5, 8),
            date(2024, 5, 9),
        ),
        (
            "The city forum will take place on Tuesday and Wednesday next week.",
            datetime(2024, 5, 8, 9, tzinfo=BEIJING),
            date(2024, 5, 14),
            date(2024, 5, 15),
        ),
    ],
)
def test_relative_ranges(sentence: str, published: datetime, start: date, end: date) -> None:
    reading = read_event("", sentence, published)
    event = event_of(reading)
    assert (event.start, event.end) == (start, end), reading.reasons


def test_the_day_of_the_forum_a_date_is_gives_its_start() -> None:
    reading = read_event(
        "澎廈城市論壇第三天",
        "「2024澎湖廈門城市論壇」今（9）日進入第三天，也是最後一天，兩市代表上午參訪漁港。",
        datetime(2024, 10, 9, 17, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert (event.start, event.end) == (date(2024, 10, 7), date(2024, 10, 9)), reading.reasons


def test_a_forum_that_opens_and_closes_in_one_sentence_lasts_a_day() -> None:
    reading = read_event(
        "竹廈論壇落幕",
        "新竹市政府今（12）日舉辦「2024竹廈交流論壇」，上午9時開幕，下午5時圓滿閉幕。",
        datetime(2024, 9, 12, 18, tzinfo=BEIJING),
    )
    assert event_of(reading).end == date(2024, 9, 12), reading.reasons


def test_the_press_conference_place_is_not_the_forums() -> None:
    reading = read_event(
        "中小企業論壇下月移師高雄",
        "協會今（9）日在台北舉行記者會，宣布「2025兩岸中小企業論壇」將於5月20日在高雄舉行。",
        datetime(2025, 4, 9, 16, tzinfo=BEIJING),
    )
    assert event_of(reading).city == "高雄", reading.reasons


def test_the_host_named_by_who_organises_it() -> None:
    reading = read_event(
        "雙城論壇今年輪上海主辦",
        "副市長答詢時說，今年雙城論壇輪由上海主辦，初步規劃下月中旬舉行。",
        datetime(2025, 9, 12, 13, tzinfo=BEIJING),
    )
    assert event_of(reading).city == "上海", reading.reasons


def test_a_province_before_the_city_and_a_formal_venue() -> None:
    provincial = read_event(
        "", "兩岸產業論壇下週一在江蘇蘇州舉行。", datetime(2024, 4, 10, 9, tzinfo=BEIJING)
    )
    assert event_of(provincial).city == "蘇州", provincial.reasons
    formal = read_event(
        "",
        "市政府訂於民國113年9月5日假臺南市政府大禮堂舉辦「2024臺南廈門城市論壇」。",
        datetime(2024, 8, 20, 9, tzinfo=BEIJING),
    )
    event = event_of(formal)
    assert event.venue == "臺南市政府大禮堂", formal.reasons
    assert (event.start, event.city) == (date(2024, 9, 5), "臺南")


def test_a_taiwanese_byline_names_where_a_report_was_filed() -> None:
    reading = read_event(
        "金廈論壇登場",
        "記者李小明／金門報導\n2024金廈論壇今（18）日在一家飯店登場，為期一天。",
        datetime(2024, 10, 18, 16, tzinfo=BEIJING),
    )
    assert event_of(reading).city == "金門", reading.reasons
    # A venue in one of Kinmen's townships (金湖鎮) names the county first, by its gazetteer name.
    township = read_event(
        "金廈論壇登場",
        "記者李小明／金門報導\n2024金廈論壇今（18）日在金湖鎮一家飯店登場，為期一天。",
        datetime(2024, 10, 18, 16, tzinfo=BEIJING),
    )
    assert event_of(township).city == "金门", township.reasons


def test_dates_of_other_events_in_english() -> None:
    reading = read_event(
        "Xiamen delegation to visit Tainan for city forum later this month",
        "A Xiamen delegation is expected to arrive in Tainan later this month for the annual city forum. "
        "The mayor, who won the Nov. 24 mayoral vote, said the forum would focus on tourism.",
        datetime(2018, 12, 3, 18, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start is None
    learned = read_event(
        "Pingtan forum on standards",
        "Experts called for common standards at a forum in Pingtan, the paper learned on Tuesday. "
        "The one-day forum, held last Saturday, drew 150 participants.",
        datetime(2024, 11, 26, 22, tzinfo=BEIJING),
    )
    assert event_of(learned).start == date(2024, 11, 23), learned.reasons


def test_put_on_hold_is_postponed_with_no_date() -> None:
    reading = read_event(
        "Tainan-Xiamen city forum put on hold",
        "A city forum between Tainan and Xiamen planned for late August has been postponed indefinitely. "
        "China has been holding military exercises since Aug. 4.",
        datetime(2022, 8, 8, 17, tzinfo=BEIJING),
    )
    assert reading.kind == "other", reading.reasons


def test_a_date_given_up_is_given_back_when_the_forum_goes_ahead_as_planned() -> None:
    reading = read_event(
        "City forum to go ahead as planned",
        "The 3rd Tainan-Xiamen City Forum, originally scheduled for Sept. 9, will go ahead as planned "
        "in Tainan, organizers said Monday.",
        datetime(2024, 9, 2, 12, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start == date(2024, 9, 9)


def test_a_day_named_twice_is_one_day() -> None:
    reading = read_event(
        "雙城論壇如期舉行",
        "市府今（14）日證實，原訂本月20日在台北舉行的雙城論壇將如期舉行，上海團預計19日抵台。\n"
        "論壇議程為期一天，20日上午舉行開幕式，下午簽署備忘錄。",
        datetime(2018, 12, 14, 11, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert (event.start, event.end) == (date(2018, 12, 20), date(2018, 12, 20)), reading.reasons


def test_the_journey_before_the_forum_a_clause_later() -> None:
    reading = read_event(
        "縣長本週五率團赴福州",
        "縣長將於本週五（22日）率縣府主管一行30人，搭乘小三通前往福州，出席23日起在福州舉行的論壇。\n"
        "本屆論壇為期兩天。",
        datetime(2023, 12, 20, 16, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert (event.start, event.end) == (date(2023, 12, 23), date(2023, 12, 24)), reading.reasons


def test_english_references_to_an_unnamed_forum() -> None:
    reading = read_event(
        "Experts share ideas in Wuhan",
        "A forum on cross-Strait urban development opened in Wuhan on Thursday. "
        "The event, which concludes on Friday, features sessions on planning.",
        datetime(2023, 11, 17, 10, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert (event.start, event.end, event.city) == (date(2023, 11, 16), date(2023, 11, 17), "Wuhan")
    island = read_event(
        "Officials meet at island forum",
        "Officials discussed a bridge at a forum held on Kinmen on Friday, the first time the island has "
        "hosted it. The day-long forum also covered tourism.",
        datetime(2025, 6, 7, 10, tzinfo=BEIJING),
    )
    event = event_of(island)
    assert (event.start, event.end, event.city) == (date(2025, 6, 6), date(2025, 6, 6), "Kinmen"), (
        island.reasons
    )


def test_a_cancellation_that_describes_the_forums_past_is_no_cancellation() -> None:
    reading = read_event(
        "第八屆兩岸媒體人峰會北京舉行",
        "停辦多年的兩岸媒體人峰會將恢復舉辦，第八屆兩岸媒體人峰會將於12月18至19日在北京舉行。",
        datetime(2023, 12, 12, 15, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start == date(2023, 12, 18)


def test_a_forum_of_several_days_began_its_length_before_its_closing_day() -> None:
    reading = read_event(
        "電子資訊論壇閉幕",
        "為期三天的第十屆海峽兩岸電子資訊論壇今（27）日在昆山閉幕。\n本屆論壇的簽約儀式已於昨（26）日晚間舉行。",
        datetime(2024, 10, 27, 19, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert (event.start, event.end) == (date(2024, 10, 25), date(2024, 10, 27)), reading.reasons


def test_a_notices_labelled_lines() -> None:
    reading = read_event(
        "关于举办2025海峡两岸（烟台）海洋论坛的通知",
        "经研究，定于近期举办2025海峡两岸（烟台）海洋论坛。现将有关事项通知如下：\n"
        "一、时间：2025年9月16日—17日（9月15日全天报到）\n二、地点：烟台国际会议中心\n"
        "三、议程：16日上午开幕式，17日下午实地考察。",
        datetime(2025, 8, 25, 10, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert (event.start, event.end, event.city) == (date(2025, 9, 16), date(2025, 9, 17), "烟台")


def test_part_of_a_month_tells_the_tense() -> None:
    reading = read_event(
        "兩岸中醫藥論壇10月下旬福州舉行",
        "公會今天表示，第十二屆海峽兩岸中醫藥論壇將於10月下旬在福州舉行。",
        datetime(2024, 9, 20, 12, tzinfo=BEIJING),
    )
    assert reading.kind == "announcement", reading.reasons
    assert event_of(reading).start is None


def test_a_forum_moved_to_another_city_on_the_same_date() -> None:
    reading = read_event(
        "青年創業論壇改在平潭舉行",
        "原訂4月26日在福州舉行的第六屆海峽兩岸青年創業論壇，主辦單位今（10）日宣布改在平潭舉辦，日期維持不變。",
        datetime(2025, 4, 10, 14, tzinfo=BEIJING),
    )
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert (event.start, event.city) == (date(2025, 4, 26), "平潭")


@pytest.mark.parametrize(
    ("title", "text", "start", "end"),
    [
        (
            "Officials to attend Xiamen forum",
            "The council yesterday approved a trip to attend a city forum in Xiamen this weekend. "
            "The two-day forum will focus on disaster prevention.",
            date(2025, 4, 26),
            date(2025, 4, 27),
        ),
        (
            "City forum returns",
            "A forum on Hong Kong and Taiwanese cities will be held on the 28th, organisers said today.",
            date(2025, 4, 28),
            None,
        ),
    ],
)
def test_english_weekends_and_days_of_the_month(title: str, text: str, start: date, end: date | None) -> None:
    reading = read_event(title, text, datetime(2025, 4, 23, 9, tzinfo=BEIJING))
    event = event_of(reading)
    assert reading.kind == "announcement", reading.reasons
    assert (event.start, event.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "The Twin-City Forum opened yeſterday in Taipei.",  # a long s, which re.IGNORECASE takes for s
        "The Twin-City Forum opens next TueſDAY in Taipei.",
        "The Twin-City Forum will be held on ſeptember 3-4 in Taipei.",
        "The two-day Twin-City Forum opens on FRİDAY in Taipei.",
        "The Twin-City Forum will be held in early ſeptember in Taipei, over a \u212aelvin-cold week.",
    ],
)
def test_letters_a_case_insensitive_pattern_matches_but_lower_does_not_spell_never_crash(text: str) -> None:
    reading = read_event("Twin-City Forum", text, datetime(2026, 12, 1, tzinfo=UTC), "en")
    assert reading.kind in ("announcement", "report", "other")

"""How newsrooms phrase a forum's dates, places and fate: one test per structure the reader reads, each
written for another forum, outlet and year than the bench article that first showed it (so that a rule
passes here only if it reads the structure, not one article's words)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.events import EventReading, read_event


def _read(title: str, text: str, published: str, language: str = "zh") -> EventReading:
    return read_event(title, text, datetime.fromisoformat(published), language)


def _dates(reading: EventReading) -> tuple[date | None, date | None]:
    assert reading.event is not None
    return reading.event.start, reading.event.end


def test_a_list_of_consecutive_days_is_a_span() -> None:
    reading = _read(
        "第三届闽台乡村振兴论坛改期",
        "主办方今天宣布，第三届闽台乡村振兴论坛改于11月6、7、8日在漳州举行。",
        "2022-10-20T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2022, 11, 6), date(2022, 11, 8))


def test_days_of_a_list_that_do_not_follow_one_another_are_no_span() -> None:
    reading = _read(
        "两岸青年论坛",
        "两岸青年论坛将于9月5、12日分两场在福州举行。",
        "2022-08-20T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2022, 9, 5), None)


def test_a_range_of_this_month_may_mark_only_its_last_day() -> None:
    reading = _read(
        "苏台经贸论坛下旬举行",
        "记者获悉，苏台经贸合作论坛将于本月25至27日在苏州举行。",
        "2019-05-08T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2019, 5, 25), date(2019, 5, 27))


def test_the_final_day_of_a_forum_of_known_length_gives_its_start() -> None:
    reading = _read(
        "Youth forum wraps up in Xiamen",
        "Students from both sides signed a joint statement on Friday, the final day of the two-day "
        "Cross-Strait Youth Innovation Forum in Xiamen.",
        "2019-07-13T08:00:00+08:00",
        "en",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2019, 7, 11), date(2019, 7, 12))


def test_last_day_in_chinese_counts_back_the_same_way() -> None:
    reading = _read(
        "金厦论坛迎来最后一天",
        "为期两天的金厦融合发展论坛今天迎来最后一天，双方签署3项协议。",
        "2021-04-10T18:00:00+08:00",
    )
    assert _dates(reading) == (date(2021, 4, 9), date(2021, 4, 10))


def test_a_forum_that_began_on_one_weekday_and_runs_through_another() -> None:
    reading = _read(
        "Taiwan farmers at Fuzhou forum",
        "The Cross-Strait Agriculture Forum, which started Monday in Fuzhou and runs through Wednesday, "
        "is being held in person for the first time since 2019.",
        "2023-05-16T12:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2023, 5, 15), date(2023, 5, 17))


def test_an_opening_and_a_closing_weekday_each_keep_their_verb() -> None:
    reading = _read(
        "高雄厦门城市论坛落幕",
        "上周末在厦门举行的高雄厦门城市交流论坛，周六开幕、周日闭幕，双方签署合作备忘录。",
        "2018-10-15T12:00:00+08:00",
    )
    assert _dates(reading) == (date(2018, 10, 13), date(2018, 10, 14))


def test_the_day_a_forum_runs_until_may_stand_in_a_sentence_naming_no_forum() -> None:
    reading = _read(
        "渝台经贸论坛今天开幕",
        "第五届渝台经贸合作论坛今天在重庆开幕。按照日程，会议将持续至20日。",
        "2020-11-18T18:00:00+08:00",
    )
    assert _dates(reading) == (date(2020, 11, 18), date(2020, 11, 20))


def test_morning_opening_and_afternoon_closing_make_one_day() -> None:
    reading = _read(
        "两岸智库论坛福州登场",
        "两岸智库论坛今天在福州举行。论坛上午开幕，下午进行两场圆桌讨论后闭幕。",
        "2019-06-21T18:00:00+08:00",
    )
    assert _dates(reading) == (date(2019, 6, 21), date(2019, 6, 21))


def test_hours_written_with_the_hour_character_make_one_day() -> None:
    reading = _read(
        "马祖福州论坛",
        "连江县政府宣布，马祖福州交流论坛订于10月8日上午10时至下午4时在南竿举行。",
        "2024-09-20T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2024, 10, 8), date(2024, 10, 8))


def test_the_date_kept_through_a_change_of_city_is_still_to_come() -> None:
    reading = _read(
        "两岸文创论坛改在泉州举办",
        "原定在厦门举办的两岸文创产业论坛改在泉州举办，举办日期不变，仍为7月2日至3日。",
        "2023-06-25T10:00:00+08:00",
    )
    assert reading.kind == "announcement"
    assert _dates(reading) == (date(2023, 7, 2), date(2023, 7, 3))


def test_a_negated_holding_verb_cancels_the_edition() -> None:
    reading = _read(
        "今年沪台青年论坛不举行",
        "市台办表示，受疫情影响，今年沪台青年论坛不举行，明年视情况再议。",
        "2021-03-02T10:00:00+08:00",
    )
    assert reading.kind == "other"


def test_a_postponement_told_on_the_day_of_a_notice_has_no_date() -> None:
    reading = _read(
        "两岸企业家论坛延期",
        "主办单位昨天通知与会企业，两岸企业家论坛延期举行，新的日期另行通知。",
        "2022-04-20T10:00:00+08:00",
    )
    assert reading.kind == "other"


def test_an_editorial_label_may_close_the_headline() -> None:
    reading = _read(
        "Straits Forum keeps the door open - Opinion",
        "The Straits Forum, which closed in Xiamen on Sunday, showed that people-to-people ties endure.",
        "2022-07-12T10:00:00+08:00",
        "en",
    )
    assert reading.kind == "other"


def test_a_headline_counting_the_series_years_looks_back() -> None:
    reading = _read(
        "海峡论坛十年：从民间交流到融合发展",
        "日前在厦门闭幕的第十届海峡论坛，再次引起各界关注。自2009年首次举办以来，海峡论坛已走过十年。",
        "2018-06-12T10:00:00+08:00",
    )
    assert reading.kind == "other"


def test_a_headline_description_and_the_full_name_are_one_forum() -> None:
    reading = _read(
        "Taiwan cautions mayors over Xiamen tourism forum",
        "Taiwan's government on Monday urged local officials to stay away from a tourism forum later "
        "this month.\nThe Cross-Strait Tourism Cooperation Forum is scheduled for Sept. 24-25 in Xiamen.",
        "2019-09-02T03:00:00+00:00",
        "en",
    )
    assert reading.kind == "announcement"
    assert _dates(reading) == (date(2019, 9, 24), date(2019, 9, 25))
    assert reading.event is not None
    assert reading.event.city == "Xiamen"


def test_a_byline_is_not_the_lead() -> None:
    reading = read_event(
        "Officials cleared for Nanjing forum",
        "By Lin Mei-hua / Staff reporter\nThe council yesterday approved a trip by four officials to "
        "attend a cross-strait culture forum in Nanjing on Oct. 9 and 10.",
        datetime(2019, 9, 26, 19, 0, tzinfo=UTC),
        "en",
    )
    assert _dates(reading) == (date(2019, 10, 9), date(2019, 10, 10))


def test_a_holding_verb_before_the_date_outweighs_a_journey_after_it() -> None:
    reading = _read(
        "Kinmen delegation to attend Xiamen forum",
        '"The forum opens on the 12th, and we will come back to Kinmen on the 14th," the magistrate said.',
        "2023-09-01T10:00:00+08:00",
        "en",
    )
    assert reading.event is not None
    assert reading.event.start == date(2023, 9, 12)


def test_the_meeting_preparing_a_forum_is_not_held_where_the_forum_is() -> None:
    reading = _read(
        "双城论坛筹备会在台北举行",
        "2019上海台北城市论坛筹备会今天在台北举行，双方确认论坛将于6月20日在上海举行。",
        "2019-05-10T10:00:00+08:00",
    )
    assert reading.event is not None
    assert reading.event.city == "上海"


def test_a_district_before_the_city_in_a_venue_name() -> None:
    reading = _read(
        "港台论坛今天举行",
        "港台城市交流合作论坛今天在尖沙咀香港文化中心举行。",
        "2016-11-03T18:00:00+08:00",
    )
    assert reading.event is not None
    assert reading.event.city == "香港"


def test_the_host_named_in_a_sentence_that_speaks_only_of_this_edition() -> None:
    reading = _read(
        "双城论坛视讯举行",
        "2022上海台北城市论坛今天以视讯方式举行。本届轮由台北主办，两市代表在线上签署备忘录。",
        "2022-12-20T18:00:00+08:00",
    )
    assert reading.event is not None
    assert reading.event.city == "台北"

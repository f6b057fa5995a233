"""How newsrooms phrase a forum's dates, places and fate: one test per structure the reader reads, each
written for another forum, outlet and year than the bench article that first showed it (so that a rule
passes here only if it reads the structure, not one article's words)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.events import EventReading, read_event
from crawler.events.candidates import city_key
from crawler.events.text import fold


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


def _city(reading: EventReading) -> str | None:
    assert reading.event is not None
    return reading.event.city


def test_answers_to_a_question_about_another_event_are_set_aside() -> None:
    reading = _read(
        "商务部：两岸企业家峰会年会将于11月下旬在南京举行",
        "商务部10月12日举行例行新闻发布会。\n"
        "问：请介绍两岸企业家峰会年会的筹备情况。\n"
        "答：两岸企业家峰会年会将于11月下旬在南京举行，筹备工作正在推进。\n"
        "问：上月举行的闽台经贸洽谈会有哪些成果？\n"
        "答：9月20日至22日，闽台经贸洽谈会在福州举行，签约项目40个。至于今年峰会的议程，将另行公布。",
        "2022-10-12T16:00:00+08:00",
    )
    assert reading.kind == "announcement"
    assert _dates(reading) == (None, None)
    assert _city(reading) == "南京"


def test_a_byline_line_on_top_of_a_piece_makes_it_an_opinion() -> None:
    reading = _read(
        "论坛经济的冷思考",
        "新京报特约评论员 李明\n两岸企业家峰会将于12月8日在南京举行，各地招商热情高涨。论坛多了，落地的项目却未必多。",
        "2021-11-20T08:00:00+08:00",
    )
    assert reading.kind == "other"
    assert _dates(reading) == (None, None)


def test_a_section_named_after_its_marker_makes_a_piece_an_opinion() -> None:
    reading = _read(
        "观点投书》城市外交的另一种可能",
        "两岸城市论坛将于下月在台中举行，市府已着手筹备。",
        "2024-04-02T06:00:00+08:00",
    )
    assert reading.kind == "other"


def test_an_authors_note_makes_a_piece_an_opinion() -> None:
    reading = _read(
        "城市交流不只一条路",
        "上周在台中举行的两岸城市论坛又掀起口水战。城市外交的方向，值得重新思考。\n（作者为政治大学教授）",
        "2024-04-02T06:00:00+08:00",
    )
    assert reading.kind == "other"
    assert _city(reading) is None


def test_a_headline_that_judges_and_names_no_forum_is_an_opinion() -> None:
    reading = _read(
        "两岸青年交流之路岂能被阻断",
        "刚刚闭幕的第十届海峡青年节论坛，再次说明两岸青年交流的愿望不可阻挡。任何设限的做法都不得人心。",
        "2018-07-20T06:00:00+08:00",
    )
    assert reading.kind == "other"


def test_a_pair_of_days_of_this_month_is_a_span() -> None:
    reading = _read(
        "闽台文创论坛本月中旬登场",
        "第六届闽台文化创意产业论坛将于本月15、16日在福州举行。",
        "2024-08-02T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2024, 8, 15), date(2024, 8, 16))


def test_an_edition_moved_to_another_city_is_held_there() -> None:
    reading = _read(
        "两岸文创论坛移师泉州",
        "原定在福州举办的第七届海峡两岸文创论坛，因场馆维修移师泉州，仍于10月12日举行。",
        "2023-09-20T10:00:00+08:00",
    )
    assert _city(reading) == "泉州"
    assert _dates(reading)[0] == date(2023, 10, 12)  # the date kept (仍于) is still to come


def test_the_place_a_forum_was_due_to_be_held_in_is_given_up_for_the_new_one() -> None:
    reading = _read(
        "Tourism forum relocated",
        "The Cross-Strait Tourism Forum, which was scheduled to be held in Nanjing next month, will now take "
        "place in Suzhou, organizers said on Tuesday.",
        "2021-03-16T10:00:00+08:00",
        "en",
    )
    assert _city(reading) == "Suzhou"


def test_a_country_named_before_the_province_and_city() -> None:
    reading = _read(
        "台商論壇昆山舉行",
        "〔記者王大明／台北報導〕第十屆海峽兩岸台商論壇昨（7）日在中國江蘇昆山舉行，約500名台商出席。",
        "2022-04-08T05:00:00+08:00",
    )
    assert _city(reading) == "昆山"


def test_a_visit_to_a_city_for_its_forum() -> None:
    reading = _read(
        "Kaohsiung mayor ends Xiamen trip",
        "Kaohsiung Mayor Chen wrapped up a visit to Xiamen on Saturday, where he addressed the twin-city forum.",
        "2017-09-23T20:00:00+08:00",
        "en",
    )
    assert _city(reading) == "Xiamen"


def test_a_date_whose_clause_tells_the_forum_closing_is_its_last_day() -> None:
    reading = _read(
        "Nanjing, Taichung sign three pacts",
        "Nanjing and Taichung signed three agreements on Friday as the two-day Nanjing-Taichung Forum came "
        "to a close.",
        "2019-11-15T19:00:00+08:00",
        "en",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2019, 11, 14), date(2019, 11, 15))


def test_an_opening_day_after_the_place_and_its_province() -> None:
    reading = _read(
        "Youth forum to open in Chengdu",
        "The Cross-Strait Youth Development Forum will open in Chengdu, Southwest China's Sichuan Province, "
        "on Tuesday and run through Thursday, organizers said on Monday.",
        "2023-09-14T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2023, 9, 19), date(2023, 9, 21))


def test_a_headline_writes_a_long_name_by_its_initials() -> None:
    reading = _read(
        "YRD forum ends with pledges on trade",
        "HEFEI, China (AP) — A two-day gathering of city officials from eastern China ended Sunday in Hefei "
        "with pledges on trade. The Yangtze River Delta Forum's closing statement called for more rail links.",
        "2024-10-20T11:00:00+00:00",
        "en",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2024, 10, 19), date(2024, 10, 20))
    assert _city(reading) == "Hefei"


def test_a_day_alone_is_the_near_one_whatever_the_bare_verb() -> None:
    reading = _read(
        "宁台论坛行程公布",
        "台中市代表团下周赴宁波出席论坛。14日上午论坛开幕，下午分组讨论。",
        "2020-01-12T10:00:00+08:00",
    )
    assert reading.kind == "announcement"
    assert _dates(reading)[0] == date(2020, 1, 14)


def test_visitors_leaving_the_day_after_make_a_one_day_forum() -> None:
    reading = _read(
        "第五屆高廈論壇九月九日高雄登場",
        "第五屆高廈城市論壇訂於九月九日在高雄舉行。廈門市代表團將於八日抵達，十日返廈。",
        "2021-08-30T16:00:00+08:00",
    )
    assert _dates(reading) == (date(2021, 9, 9), date(2021, 9, 9))


def test_a_programme_of_days_up_to_the_departure_is_the_forum() -> None:
    reading = _read(
        "甬台論壇行程出爐",
        "寧波市代表團預計5日抵台。6日上午論壇開幕，下午分組討論；7日上午舉行閉門座談，下午參訪；8日上午返甬。",
        "2019-03-02T05:00:00+08:00",
    )
    assert _dates(reading) == (date(2019, 3, 6), date(2019, 3, 7))


def test_a_forum_told_afterwards_as_held_on_a_day_gives_no_length() -> None:
    # The labelling rule (docs/benchmarks.md): a day told as the one a forum was held on does not say the
    # forum lasted that day only; the end stays open unless the text closes it or gives its length.
    held = _read(
        "Media forum in Fuzhou",
        "Journalists from both sides met at the Cross-Strait Media Forum, held in Fuzhou on Monday, the "
        "organizers said yesterday.",
        "2024-10-17T03:00:00+08:00",
        "en",
    )
    assert _dates(held) == (date(2024, 10, 14), None)
    held_zh = _read(
        "閩台論壇在漳州舉行",
        "第三屆閩台農業論壇前天在漳州舉行，兩岸農民約200人參加。",
        "2022-04-12T08:00:00+08:00",
    )
    assert _dates(held_zh) == (date(2022, 4, 10), None)
    one_day = _read(
        "Media forum in Fuzhou",
        "Journalists from both sides met at the one-day Cross-Strait Media Forum, held in Fuzhou on Monday.",
        "2024-10-17T03:00:00+08:00",
        "en",
    )
    assert _dates(one_day) == (date(2024, 10, 14), date(2024, 10, 14))


def test_a_body_that_tells_the_opening_as_done_is_a_report_whatever_the_programme() -> None:
    reading = _read(
        "第五届苏台智能制造论坛开幕",
        "11月8日上午，第五届苏台智能制造论坛在苏州国际博览中心开幕。\n按照议程，今天下午将举行三场分组讨论，论坛明天闭幕。",
        "2023-11-08T13:00:00+08:00",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2023, 11, 8), date(2023, 11, 9))


def test_a_closing_still_to_come_of_a_forum_under_way_is_a_report() -> None:
    reading = _read(
        "高雄智慧城市論壇進入第二天",
        "一連四天的2025高雄智慧城市論壇今（15）日進入第二天，各國代表分享減碳經驗。\n論壇後天將舉行閉幕式。",
        "2025-10-15T18:00:00+08:00",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2025, 10, 14), date(2025, 10, 17))


def test_weekday_glosses_inside_a_range() -> None:
    reading = _read(
        "臺南城市論壇11月登場",
        "臺南市政府今（10）日宣布，「2024臺南國際城市論壇」訂於民國113年11月4日（星期一）至5日（星期二）假臺南市政府大禮堂舉行。",
        "2024-10-10T15:00:00+08:00",
    )
    assert _dates(reading) == (date(2024, 11, 4), date(2024, 11, 5))


def test_a_headline_day_and_a_body_pair_of_days() -> None:
    reading = _read(
        "兩岸青年論壇8日新竹登場",
        "第三屆竹廈青年論壇將於8、9日在新竹舉行，廈門青年代表團7日抵台。",
        "2022-06-01T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2022, 6, 8), date(2022, 6, 9))


def test_a_second_day_written_in_full_after_the_first() -> None:
    pair = _read(
        "鄂台论坛下月举行", "第六届鄂台青年论坛将于下个月9日、10日在武汉举行。", "2024-04-20T10:00:00+08:00"
    )
    assert _dates(pair) == (date(2024, 5, 9), date(2024, 5, 10))
    apart = _read("闽台论坛", "闽台乡村论坛将于9月5日、12日分两场在三明举行。", "2024-08-20T10:00:00+08:00")
    assert _dates(apart) == (date(2024, 9, 5), None)


def test_two_days_in_chinese_numerals_listed() -> None:
    reading = _read(
        "嘉廈論壇落幕",
        "第二屆嘉廈農業論壇二十一、二十二兩日在嘉義舉行，兩地簽署3項合作意向書。",
        "2023-03-23T06:00:00+08:00",
    )
    assert _dates(reading) == (date(2023, 3, 21), date(2023, 3, 22))


def test_an_ordinal_day_of_next_month() -> None:
    reading = _read(
        "Wuhan forum set",
        "The Cross-Strait Cultural Forum will be held in Wuhan on the 9th of next month, organizers said.",
        "2021-08-20T10:00:00+08:00",
        "en",
    )
    assert reading.kind == "announcement"
    assert _dates(reading)[0] == date(2021, 9, 9)


def test_a_bare_day_takes_the_month_the_story_gives() -> None:
    reading = _read(
        "Taichung to host youth forum next month",
        "Taichung will host a cross-strait youth forum next month, the city government said yesterday. "
        "The forum opens on the 3rd and runs for two days.",
        "2022-04-25T03:00:00+08:00",
        "en",
    )
    assert reading.kind == "announcement"
    assert _dates(reading) == (date(2022, 5, 3), date(2022, 5, 4))


def test_a_new_date_told_with_an_adverb_is_still_to_come() -> None:
    reading = _read(
        "Media summit put off",
        "The Cross-Strait Media Summit, originally set for December 5, will now open on March 3 in Fuzhou, "
        "with agreements to be signed by both sides.",
        "2023-11-20T10:00:00+08:00",
        "en",
    )
    assert reading.kind == "announcement"
    assert _dates(reading)[0] == date(2024, 3, 3)


def test_held_in_a_place_with_an_apposition_between_two_weekdays() -> None:
    reading = _read(
        "Fisheries forum this week",
        "The Cross-Strait Fisheries Forum will be held in Ningde, a port city in southeast China's Fujian "
        "Province, between Tuesday and Thursday, organizers said Sunday. The fishing expo held alongside it "
        "opens on Wednesday and runs through Saturday.",
        "2023-05-14T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2023, 5, 16), date(2023, 5, 18))


def test_an_outlet_named_before_its_editorial_marker() -> None:
    for title, text, language in (
        ("北青报评论：金厦交流要走深走实", "第十届金厦论坛昨天在金门举行。两地交流需要更多耐心。", "zh"),
        (
            "CD Editorial: Kinmen forum shows the way",
            "The Kinmen-Xiamen Forum was held on Monday in Kinmen.",
            "en",
        ),
        (
            "Kinmen and Xiamen keep talking",
            "(Caixin Opinion) -- The Kinmen-Xiamen Forum was held on Monday.",
            "en",
        ),
    ):
        assert _read(title, text, "2024-05-08T10:00:00+08:00", language).kind == "other", title


def test_a_programme_that_ends_with_the_closing_gives_the_last_day() -> None:
    reading = _read(
        "第三届湘台论坛开幕",
        "第三届湘台经贸论坛8日上午在长沙开幕。\n论坛当天下午将举行分组座谈。\n9日上午，双方将举行签约仪式，随后论坛闭幕。",
        "2019-05-08T12:00:00+08:00",
    )
    assert _dates(reading) == (date(2019, 5, 8), date(2019, 5, 9))


def test_an_exhibition_running_on_after_a_forum_of_known_length() -> None:
    reading = _read(
        "数字经济论坛明天开幕",
        "2024数字经济论坛将于明天开幕，会期三天。\n同期的数字产品展将持续至6月20日。",
        "2024-06-10T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2024, 6, 11), date(2024, 6, 13))


def test_a_programme_of_two_days_is_a_length() -> None:
    reading = _read(
        "竹廈論壇下月登場",
        "第四屆竹廈科技論壇訂於下個月3日在新竹舉行，議程兩天。",
        "2021-10-20T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2021, 11, 3), date(2021, 11, 4))


def test_a_headline_asking_whether_a_forum_will_be_held_reports_nothing() -> None:
    reading = _read(
        "高雄廈門城市論壇年底登場？",
        "問：今年高雄廈門城市論壇預計何時舉辦？\n答：市府規劃於11月中下旬在高雄舉辦，日期尚未確定。\n問：預算呢？\n答：已編列。",
        "2024-09-30T10:00:00+08:00",
    )
    assert reading.kind == "announcement"
    assert _dates(reading) == (None, None)


def test_the_city_in_brackets_in_a_forums_name() -> None:
    reading = _read(
        "第九届海峡两岸（温州）民营经济论坛5月举办",
        "第九届海峡两岸（温州）民营经济论坛定于5月6日举办，报名已经开始。",
        "2025-04-10T10:00:00+08:00",
    )
    assert _city(reading) == "温州"


def test_a_venue_named_by_its_district() -> None:
    reading = _read(
        "深台论坛下月举行", "2024深台青年论坛将于下月2日在前海国际会议中心举行。", "2024-10-12T10:00:00+08:00"
    )
    assert _city(reading) == "深圳"
    english = _read(
        "Bay Area forum ends",
        "Mayors pledged closer ties on Friday as the Bay Area Youth Forum ended its two-day run in Wan Chai.",
        "2025-01-11T10:00:00+08:00",
        "en",
    )
    assert _city(english) == "香港"


def test_the_one_city_of_the_headline() -> None:
    reading = _read(
        "Kaohsiung pushes back port forum to May",
        "The Port Cities Forum will now open on May 6 at the Exhibition Center, the organizers said.",
        "2024-03-20T10:00:00+08:00",
        "en",
    )
    assert _city(reading) == "Kaohsiung"


def test_a_cities_short_name_before_a_holding_verb() -> None:
    reading = _read(
        "第三届海峡两岸茶文化论坛在穗开幕",
        "第三届海峡两岸茶文化论坛今天上午在穗开幕。",
        "2026-04-08T12:00:00+08:00",
    )
    assert _city(reading) == "广州"
    abroad = _read("两岸书画论坛", "第五届两岸书画论坛将于10月在澳洲悉尼举行。", "2026-08-08T12:00:00+08:00")
    assert _city(abroad) != "澳门"


def test_a_district_before_the_holding_verb() -> None:
    reading = _read(
        "两岸茶产业论坛本周举行",
        "第二届两岸茶产业论坛将于本周六在南沙举办，为期一天。",
        "2026-05-12T10:00:00+08:00",
    )
    assert _city(reading) == "广州"


def test_a_mainland_citys_short_name_paired_with_taiwan_names_the_host() -> None:
    reading = _read(
        "第六届甬台经贸论坛下周开幕",
        "第六届甬台经贸论坛将于下周二上午9时在国际会展中心开幕，为期两天。",
        "2027-03-10T10:00:00+08:00",
    )
    assert _city(reading) == "宁波"


def test_a_date_after_an_outlets_marker_opens_the_lead() -> None:
    reading = _read(
        "两岸乡建论坛开幕",
        "厦门日报讯 12日上午，第四届两岸乡建论坛在厦门开幕。论坛将持续至14日。",
        "2026-10-12T18:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2026, 10, 12), date(2026, 10, 14))


def test_guangming_dailys_name_is_no_tomorrow() -> None:
    reading = _read(
        "城市更新论坛在京开幕",
        "光明日报北京6月3日电 3日，城市更新国际论坛在京开幕，论坛为期两天。",
        "2026-06-03T18:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2026, 6, 3), date(2026, 6, 4))


def test_a_headline_drops_is_before_to_hold() -> None:
    reading = _read(
        "Korean, Taiwanese ports to hold shipping forum in Keelung",
        "Port officials will meet next month to discuss green shipping corridors, organizers said.",
        "2026-02-02T10:00:00+08:00",
        "en",
    )
    assert reading.kind == "announcement"


def test_a_closing_verb_far_before_its_date_in_one_clause() -> None:
    reading = _read(
        "Urban heritage forum wraps up",
        "Historians wrapped up a three-day forum on port cities and colonial architecture at the university "
        "library in Tainan on Friday.",
        "2026-11-08T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2026, 11, 4), date(2026, 11, 6))


def test_a_first_day_before_the_day_the_forum_runs_until() -> None:
    reading = _read(
        "Port mayors meet in Busan",
        "BUSAN -- Port city mayors gathered on Tuesday for the World Port Cities Forum, which runs until "
        "Thursday.",
        "2026-09-15T20:00:00+08:00",
        "en",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2026, 9, 15), date(2026, 9, 17))


def test_a_headlines_bare_weekday_takes_the_week_the_body_gives() -> None:
    reading = _read(
        "青年論壇週六登場",
        "第八屆兩岸青年論壇將於下週六在台中登場。",
        "2026-03-02T10:00:00+08:00",
    )
    assert _dates(reading)[0] == date(2026, 3, 14)


def test_a_side_event_the_forum_frames_is_no_forum_news() -> None:
    reading = _read(
        "两岸青少年围棋赛在杭开赛",
        "今天上午，两岸青少年围棋邀请赛在杭州开赛。本次活动是第五届杭台城市论坛的配套活动之一。"
        "论坛将于20日至21日举行。",
        "2026-05-18T12:00:00+08:00",
    )
    assert reading.kind == "other"
    show = _read(
        "台南交響樂團赴廈 配合城市論壇演出",
        "台南市立交響樂團將於11月3日在廈門演出。",
        "2026-10-20T12:00:00+08:00",
    )
    assert show.kind == "other"


def test_a_schedules_line_takes_its_day_heading() -> None:
    reading = _read(
        "杭州市政府本周公开活动预告",
        "6月8日（周一）\n上午10时 市政府常务会议\n6月10日（周三）\n上午9时 2026两岸数字经济论坛开幕式 "
        "地点：杭州国际博览中心\n下午3时 防汛工作会议",
        "2026-06-07T20:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "announcement",
        date(2026, 6, 10),
        None,
        "杭州",
    )


def test_lines_above_the_lead_that_are_no_sentence_are_not_the_lead() -> None:
    # A digest: the outlet's slug line, then the lead item under the headline's words.
    reading = _read(
        "2026榕台文化交流周下周启幕｜两岸快讯",
        "福州晚报 · 两岸快讯（4月20日）\n"
        "【2026榕台文化交流周下周启幕】记者从市文旅局获悉，2026榕台文化交流周将于4月27日至29日在福州举行，"
        "期间将举办闽台文创发展论坛和两岸非遗市集。\n"
        "【马尾至马祖客运航线加密】自5月1日起，每日增开一个航班。",
        "2026-04-20T07:30:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "announcement",
        date(2026, 4, 27),
        date(2026, 4, 29),
        "福州",
    )


def test_a_date_a_correction_withdraws_is_not_the_forums() -> None:
    reading = _read(
        "Hangzhou to host Asian cities forum",
        "Correction: An earlier version of this story said the forum would open on Oct 2. It opens on Oct 9. "
        "The Asian Livable Cities Forum, to be held at the Hangzhou International Expo Center on Oct 9-10, "
        "will gather 40 mayors, organizers said.",
        "2032-09-21T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2032, 10, 9), date(2032, 10, 10))
    chinese = _read(
        "两岸中医药论坛下月举行",
        "更正：本文稍早版本误植为第三届两岸中医药发展论坛将于5月3日在南宁举行，应为5月13日。",
        "2031-04-22T10:00:00+08:00",
    )
    assert (_dates(chinese)[0], _city(chinese)) == (date(2031, 5, 13), "南宁")
    moved = _read(
        "Yellow River cities forum set for June",
        "Correction: An earlier version of this story said the forum would be held in Zhengzhou. "
        "The Yellow River Cities Forum will be held in Jinan on June 3-4.",
        "2031-05-20T10:00:00+08:00",
        "en",
    )
    assert _city(moved) == "Jinan"


def test_a_part_of_the_day_of_publication_is_that_day() -> None:
    reading = _read(
        "Kinmen-Xiamen tourism forum opens",
        "The Kinmen-Xiamen Tourism Forum opened in Kinmen this afternoon. The forum runs through Friday.",
        "2032-10-06T17:00:00+08:00",  # a Wednesday
        "en",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2032, 10, 6), date(2032, 10, 8))
    chinese = _read(
        "两岸青年创业论坛开幕",
        "第六届两岸青年创业论坛今晨在泉州开幕，为期两天。",
        "2028-03-01T12:00:00+08:00",
    )
    assert (chinese.kind, *_dates(chinese)) == ("report", date(2028, 3, 1), date(2028, 3, 2))


def test_another_meeting_named_right_before_a_date_is_what_the_date_is_of() -> None:
    reading = _read(
        "台中两岸产业论坛下月登场",
        "论坛筹备记者会今天上午在市政府举行，宣布第五届台中厦门产业合作论坛将于11月8日至9日在台中举行。",
        "2027-10-12T12:00:00+08:00",
    )
    assert _dates(reading) == (date(2027, 11, 8), date(2027, 11, 9))


def test_a_date_opening_the_sentence_whose_clause_closes_the_forum_is_its_last_day() -> None:
    reading = _read(
        "两岸智慧城市论坛落幕",
        "9月22日下午，为期三天的第八届两岸智慧城市论坛在南京落幕。论坛共签约项目12个。",
        "2027-09-22T21:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2027, 9, 20), date(2027, 9, 22))


def test_a_broadcasts_reporter_asks_no_question() -> None:
    # A news broadcast's transcript: 主播, 记者 (the reporter's voice) and 同期声 take turns.
    reading = _read(
        "【晚间新闻】两岸乡村振兴论坛在漳州开幕",
        "【晚间新闻】2029年4月9日\n"
        "主播：今天，第五届两岸乡村振兴论坛在福建漳州开幕。\n"
        "记者：在漳州市民服务中心，与会嘉宾进行了主旨演讲。论坛为期三天，明天将举行两场分组讨论。\n"
        "同期声（台湾农会代表）：这里的经验对我们很有帮助。\n"
        "记者：论坛期间，两岸农业企业还将签署一批合作协议。",
        "2029-04-09T20:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2029, 4, 9),
        date(2029, 4, 11),
        "漳州",
    )


def test_visitors_moving_on_the_day_after_the_forum_bound_its_end() -> None:
    reading = _read(
        "市長下週率團赴昆山 出席兩岸產業合作論壇",
        "市長將於下週一（3日）率團前往昆山，出席4日舉行的「昆山兩岸產業合作論壇」。"
        "他說，代表團將在論壇結束後的次日（5日）轉往蘇州參訪，並於7日返台。",
        "2031-10-28T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2031, 11, 4), date(2031, 11, 4))


def test_a_bodys_own_session_is_no_forum() -> None:
    # A council's agenda names a forum in one item: the council's 定期大會 is no forum, and the forum is
    # mentioned in passing.
    reading = _read(
        "高雄市議會第4屆第2次定期大會 本週議程",
        "高雄市議會第4屆第2次定期大會本週議程如下：\n"
        "10月5日（星期二）上午：市政總質詢。\n"
        "10月6日（星期三）上午：專案報告「2027高雄廈門城市論壇籌辦情形」；下午：審查預算案。\n"
        "10月8日（星期五）：休會。",
        "2027-10-04T09:00:00+08:00",
    )
    assert reading.kind == "other"
    assert reading.event is not None
    assert (reading.event.start, reading.event.city) == (None, None)


def test_a_citys_established_by_name_after_a_gathering_verb() -> None:
    reading = _read(
        "亚洲宜居城市论坛开幕 两岸学者相聚星洲",
        "第五届亚洲宜居城市论坛昨天（14日）在会展中心开幕，为期两天，来自20个国家的学者出席。",
        "2031-05-15T06:00:00+08:00",
    )
    assert _city(reading) == "新加坡"
    gathered = _read(
        "两岸电子信息产业论坛开幕",
        "逾千名台商齐聚东莞，第三届两岸电子信息产业论坛今天开幕。",
        "2029-11-02T18:00:00+08:00",
    )
    assert _city(gathered) == "东莞"


def test_the_place_of_an_earlier_edition_is_not_this_ones() -> None:
    reading = _read(
        "Kaohsiung-Xiamen forum to go ahead as planned",
        "The Kaohsiung-Xiamen City Forum will go ahead as planned next Tuesday, the Kaohsiung City Government "
        "said. A Xiamen delegation of 60 will arrive on Monday. The forum, launched in 2019, was previously "
        "held in Xiamen in 2031.",
        "2032-04-12T10:00:00+08:00",
        "en",
    )
    assert _city(reading) == "Kaohsiung"


def test_a_city_government_organising_a_forum_holds_it_in_its_city() -> None:
    reading = _read(
        "高市週六辦海洋城市論壇",
        "高雄市政府將於本週六（20日）在駁二藝術特區舉辦「2029高雄海洋城市論壇」，邀請6國港市代表與會。",
        "2029-10-16T15:00:00+08:00",
    )
    assert _city(reading) == "高雄"
    release = _read(
        "两岸陶瓷文化论坛",
        "第四届两岸陶瓷文化论坛将于下月举行。本届论坛由泉州市人民政府主办。",
        "2029-08-10T15:00:00+08:00",
    )
    assert _city(release) == "泉州"


def test_a_forum_held_within_a_week_takes_the_weeks_dates_and_place() -> None:
    # The week is the story's subject and is dated; the forum is one of the events it holds, with no date of
    # its own: it takes the week's dates and place, and the week's tense.
    announced = _read(
        "第八届苏台经贸文化交流周下月开幕",
        "本报讯 记者从今天举行的新闻发布会上获悉，第八届苏台经贸文化交流周将于10月14日至17日在苏州举办。"
        "本届交流周以“融合创新”为主题，期间还将举办苏台智慧城市论坛、台湾精品展和两岸青年设计大赛等活动。"
        "上届交流周于2031年10月举办，签约项目42个。",
        "2032-09-20T07:00:00+08:00",
    )
    assert (announced.kind, *_dates(announced), _city(announced)) == (
        "announcement",
        date(2032, 10, 14),
        date(2032, 10, 17),
        "苏州",
    )
    held = _read(
        "第九届闽台文化博览会闭幕",
        "为期三天的第九届闽台文化博览会昨日在泉州闭幕。博览会于5日开幕，期间举办了闽台城市文化论坛、"
        "非遗展演和文创市集等活动。",
        "2030-06-08T07:00:00+08:00",
    )
    assert (held.kind, *_dates(held), _city(held)) == ("report", date(2030, 6, 5), date(2030, 6, 7), "泉州")
    attended = _read(
        "闽台青年研学交流活动下月在漳州举行",
        "记者从团省委获悉，“2031闽台青年研学交流活动”将于7月10日至14日在漳州举行。活动期间，两岸青年将参加"
        "乡村振兴青年论坛、非遗体验和企业参访等活动。",
        "2031-06-18T09:00:00+08:00",
    )
    assert (attended.kind, *_dates(attended), _city(attended)) == (
        "announcement",
        date(2031, 7, 10),
        date(2031, 7, 14),
        "漳州",
    )


def test_a_forum_joined_to_a_fair_or_made_part_of_it_is_the_fairs_event() -> None:
    joined = _read(
        "第十五届赣台经贸洽谈会将在南昌举行",
        "记者昨天从省台办获悉，第十五届赣台经贸洽谈会暨赣台乡村振兴论坛将于11月3日在南昌开幕，5日闭幕。",
        "2031-10-20T08:00:00+08:00",
    )
    assert (joined.kind, *_dates(joined), _city(joined)) == (
        "announcement",
        date(2031, 11, 3),
        date(2031, 11, 5),
        "南昌",
    )
    part = _read(
        "第六届海峡旅游博览会今日开幕",
        "为期三天的第六届海峡旅游博览会今天在厦门开幕。两岸全域旅游论坛作为博览会的配套活动同期举行。",
        "2033-04-12T18:00:00+08:00",
    )
    assert (part.kind, *_dates(part), _city(part)) == ("report", date(2033, 4, 12), date(2033, 4, 14), "厦门")


def test_a_fair_that_includes_a_forum_in_english() -> None:
    # The forum is named only as one of the fair's events, lower case and indefinite, below the lead.
    reading = _read(
        "Fuzhou-Taiwan trade fair opens",
        "FUZHOU, Oct. 14 (Xinhua) -- The 9th Fuzhou-Taiwan Trade and Culture Fair opened Tuesday in east "
        "China's Fujian Province.\n"
        "The four-day event, which runs through Friday, includes a cross-strait smart city forum, a food "
        "expo and a job fair for young people from Taiwan.",
        "2031-10-14T20:00:00+08:00",
        "en",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2031, 10, 14),
        date(2031, 10, 17),
        "Fuzhou",
    )
    unnamed = _read(
        "Kaohsiung to host ocean industry expo next month",
        "Kaohsiung will host its first Ocean Industry Expo from March 5 to 7, the city government said "
        "on Monday.\nThe expo will feature an exhibition hall for shipbuilders and a forum on port cities, "
        "organizers said.",
        "2034-02-13T12:00:00+08:00",
        "en",
    )
    assert (unnamed.kind, *_dates(unnamed), _city(unnamed)) == (
        "announcement",
        date(2034, 3, 5),
        date(2034, 3, 7),
        "Kaohsiung",
    )


def test_a_forum_mentioned_beside_a_fair_it_is_not_part_of_stays_in_passing() -> None:
    reading = _read(
        "第二十届海峡两岸农博会开幕",
        "第二十届海峡两岸农博会今天在漳州开幕，展期四天。主办方表示，今年上半年举办的海峡论坛为两岸农业合作"
        "搭建了平台。",
        "2032-05-18T18:00:00+08:00",
    )
    assert reading.kind == "other"


def test_the_day_of_a_meeting_that_prepares_a_forum_is_not_the_forums() -> None:
    reading = _read(
        "第十五届两岸城市治理论坛筹备工作会议召开",
        "本报讯 昨天上午，第十五届两岸城市治理论坛筹备工作会议在南京召开。会议明确，本届论坛定于7月8日在南京"
        "开幕。",
        "2034-05-12T07:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("announcement", date(2034, 7, 8), None)
    learned = _read(
        "两岸职业教育论坛10月在常州举行",
        "记者从前天召开的筹备工作推进会上获悉，2032两岸职业教育论坛将于10月20日至21日在常州举办。",
        "2032-09-03T08:00:00+08:00",
    )
    assert (learned.kind, *_dates(learned)) == ("announcement", date(2032, 10, 20), date(2032, 10, 21))
    english = _read(
        "Wuxi to host cross-strait youth forum",
        "A preparatory meeting for the Cross-Strait Youth Innovation Forum was held in Nanjing on Tuesday. "
        "The forum will open in Wuxi on July 22, officials said.",
        "2033-06-16T10:00:00+08:00",
        "en",
    )
    assert (english.kind, *_dates(english), _city(english)) == (
        "announcement",
        date(2033, 7, 22),
        None,
        "Wuxi",
    )


def test_a_day_in_chinese_numerals_after_a_wire_dateline() -> None:
    reading = _read(
        "兩岸青年論壇福州開幕",
        "〔記者王大明／福州二十三日電〕第七屆海峽兩岸青年發展論壇二十三日在福州海峽國際會展中心開幕，"
        "論壇為期兩天，明天上午舉行創業分組座談。代表團二十二日晚間抵達福州。",
        "2030-11-23T20:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2030, 11, 23),
        date(2030, 11, 24),
        "福州",
    )


def test_a_wire_dateline_in_capitals_with_its_country_and_year() -> None:
    afp = _read(
        "Taiwan mayors head to China forum despite warnings",
        "NANJING, China, May 21, 2031 (AFP) - Dozens of Taiwanese county officials filed into a hotel "
        "ballroom in eastern China on Wednesday as the Cross-Strait Urban Governance Forum opened.",
        "2031-05-21T18:00:00+08:00",
        "en",
    )
    assert (afp.kind, _city(afp)) == ("report", "NANJING")
    ap = _read(
        "Cross-strait forum opens",
        "HANGZHOU, China (AP) — The Cross-Strait Digital Economy Forum opened on Thursday with officials "
        "from both sides urging closer ties.",
        "2030-09-12T18:00:00+08:00",
        "en",
    )
    assert (ap.kind, _city(ap)) == ("report", "HANGZHOU")
    prose = _read(
        "Cross-strait forum opens",
        "Hangzhou — a city of lakes — opened the Cross-Strait Digital Economy Forum on Thursday.",
        "2030-09-12T18:00:00+08:00",
        "en",
    )
    assert not any("dateline" in reason for reason in prose.reasons)  # a city and a dash in prose


def test_the_day_a_forum_still_runs_until_is_not_before_publication() -> None:
    # Published on a Monday: the Friday nearest is the one before, but "runs through" is told in the present.
    reading = _read(
        "Ningbo-Taiwan expo opens",
        "NINGBO, June 9 (Xinhua) -- The 5th Ningbo-Taiwan Consumer Goods Expo opened Monday in east China's "
        "Zhejiang Province.\n"
        "The five-day expo, which runs through Friday, includes a cross-strait city retail forum.",
        "2031-06-09T19:00:00+08:00",
        "en",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2031, 6, 9), date(2031, 6, 13))


def test_a_column_named_above_the_lead_or_before_the_headlines_colon_is_an_opinion() -> None:
    column = _read(
        "两岸青年交流要久久为功",
        "人民日报 钟声\n日前，第九届海峡两岸青年发展论坛在福州闭幕。两岸青年围绕创业就业深入交流。\n"
        "青年交流是两岸关系的未来所在，久久为功才能见到实效。",
        "2033-07-12T06:00:00+08:00",
    )
    assert (column.kind, column.event and column.event.city) == ("other", None)
    wire = _read(
        "央视快评：让两岸城市合作走深走实",
        "第六届两岸城市治理论坛日前在南京举行。城市治理的经验，两岸可以相互借鉴。",
        "2031-11-03T06:00:00+08:00",
    )
    assert wire.kind == "other"
    english = _read(
        "Cities are the bridge that still stands",
        "Global Times Editorial\nThe 2031 Cross-Strait Smart City Forum closed in Hangzhou recently. City-level "
        "cooperation keeps delivering what grand politics cannot.",
        "2031-11-03T06:00:00+08:00",
        "en",
    )
    assert english.kind == "other"


def test_a_report_that_quotes_a_commentary_stays_a_report() -> None:
    reading = _read(
        "第七届两岸数字经济论坛在杭州开幕",
        "新华社记者 王小明\n第七届两岸数字经济论坛今天在杭州开幕，为期两天。"
        "当天发表的新华时评指出，数字经济合作为两岸融合注入新动能。",
        "2031-05-20T18:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2031, 5, 20),
        date(2031, 5, 21),
        "杭州",
    )


def test_an_argument_in_the_first_person_plural_with_no_date_is_an_opinion() -> None:
    reading = _read(
        "城市合作的路越走越宽",
        "近日，2032台中厦门城市论坛在厦门举行，两市签署了三项合作协议。\n"
        "城市之间的合作，最能让民众感受到交流的好处。我们相信，两岸城市的往来只会越来越密。",
        "2032-10-20T06:00:00+08:00",
    )
    assert reading.kind == "other"
    english = _read(
        "Keep the city channel open",
        "The 5th Kaohsiung-Xiamen City Forum was held in Xiamen recently. Such exchanges matter more than ever. "
        "We believe city-level ties should be protected from politics.",
        "2032-10-20T06:00:00+08:00",
        "en",
    )
    assert english.kind == "other"
    # An official's words in quotes, or told after a speech verb, are the report's, not the writer's.
    quoted = _read(
        "台中厦门城市论坛落幕",
        "近日，2032台中厦门城市论坛在厦门举行。台中市副市长说：“我们希望明年在台中再见。”"
        "厦门市台办主任表示，我们相信合作会越来越多。",
        "2032-10-20T06:00:00+08:00",
    )
    assert quoted.kind == "report"


def test_a_postponement_with_no_new_date_gives_no_date_or_city() -> None:
    reading = _read(
        "第八届海峡两岸文旅论坛推迟",
        "记者从主办方获悉，原定于10月15日至16日在泉州举办的第八届海峡两岸文旅融合论坛，将推迟举办，"
        "举办时间另行通知。",
        "2034-09-20T10:00:00+08:00",
    )
    assert reading.kind == "other"
    assert (*_dates(reading), _city(reading)) == (None, None, None)
    english = _read(
        "Cross-strait film forum postponed",
        "The Cross-Strait Film Industry Forum, which had been scheduled for Nov. 3-4 in Kunming, has been "
        "postponed until further notice, organizers said on Monday.",
        "2033-10-10T10:00:00+08:00",
        "en",
    )
    assert english.kind == "other"
    assert (*_dates(english), _city(english)) == (None, None, None)
    # Put off to a day, it is still to come.
    moved = _read(
        "Cross-strait film forum postponed",
        "The Cross-Strait Film Industry Forum, which had been scheduled for Nov. 3-4, has been postponed "
        "to Dec. 8-9 in Kunming, organizers said on Monday.",
        "2033-10-10T10:00:00+08:00",
        "en",
    )
    assert (moved.kind, *_dates(moved)) == ("announcement", date(2033, 12, 8), date(2033, 12, 9))


def test_a_forum_held_during_the_week_the_lead_names_takes_its_dates_and_place() -> None:
    reading = _read(
        "Xiamen culture festival opens with youth focus",
        "XIAMEN — The 2031 Xiamen-Taiwan Cultural Festival opened in Xiamen on Saturday and will run through "
        "Tuesday, drawing 800 guests from Taiwan.\n"
        "Among the events lined up during the festival is a cross-strait youth entrepreneurship forum, "
        "where founders from both sides will pitch projects.",
        "2031-11-16T09:00:00+08:00",  # a Sunday
        "en",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2031, 11, 15),
        date(2031, 11, 18),
        "Xiamen",
    )
    generic = _read(
        "Ningbo trade fair to open next week",
        "The 12th Ningbo-Taiwan Trade Fair will open in Ningbo on May 6 and run through May 9.\n"
        "During the fair, an urban renewal forum will bring together planners from both sides.",
        "2033-04-28T09:00:00+08:00",
        "en",
    )
    assert (generic.kind, *_dates(generic), _city(generic)) == (
        "announcement",
        date(2033, 5, 6),
        date(2033, 5, 9),
        "Ningbo",
    )


def test_a_headline_naming_the_forum_by_its_city_is_the_forum_the_lead_names() -> None:
    reading = _read(
        "Mayors sign transport pact as Xiamen summit ends",
        "The three-day Cross-Strait Mayors' Summit ended in Xiamen yesterday with a joint statement on "
        "ferries and rail links.\nThe summit was first held in Fuzhou in 2029.",
        "2032-04-15T07:00:00+08:00",
        "en",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2032, 4, 12),
        date(2032, 4, 14),
        "Xiamen",
    )
    chinese = _read(
        "泉州论坛闭幕 两岸签约项目三十个",
        "为期两天的第五届海峡两岸产业合作论坛昨天在泉州闭幕。论坛首届于2028年在漳州举办。",
        "2033-05-20T07:00:00+08:00",
    )
    assert (chinese.kind, *_dates(chinese), _city(chinese)) == (
        "report",
        date(2033, 5, 18),
        date(2033, 5, 19),
        "泉州",
    )


def test_a_closing_verb_before_a_place_with_a_long_apposition_and_the_day() -> None:
    reading = _read(
        "Cross-strait agriculture forum closes in Nanning",
        "NANNING, Nov. 9 (Xinhua) -- The two-day Cross-Strait Modern Agriculture Forum closed in Nanning, "
        "capital of south China's Guangxi Zhuang Autonomous Region, on Friday, with 25 deals signed.",
        "2035-11-09T20:00:00+08:00",  # a Friday
        "en",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2035, 11, 8),
        date(2035, 11, 9),
        "Nanning",
    )


def test_an_indefinite_forum_in_the_lead_under_a_masthead_is_the_storys() -> None:
    # The lead is the line after the paper's name: its "a one-day forum" is the one the story introduces.
    reading = _read(
        "Port cities share green shipping plans at Kaohsiung-Xiamen forum",
        "Taiwan Shipping Times\n"
        "A one-day forum on green shipping brought together port officials from both cities yesterday, "
        "with a pledge to cut emissions at both harbours.\n"
        "The Kaohsiung-Xiamen Port Forum discussed shore power and LNG bunkering.",
        "2031-10-16T07:00:00+08:00",
        "en",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2031, 10, 15), date(2031, 10, 15))
    # ... and where no forum is named at all, it is the story's forum, unnamed.
    unnamed = _read(
        "Scholars from both sides meet in Kinmen",
        "Island Post | Culture\n"
        "A one-day forum on heritage conservation brought together 150 scholars from both sides yesterday "
        "at the Kinmen Culture Park.",
        "2031-10-16T07:00:00+08:00",
        "en",
    )
    assert (unnamed.kind, *_dates(unnamed), _city(unnamed)) == (
        "report",
        date(2031, 10, 15),
        date(2031, 10, 15),
        "Kinmen",
    )


def test_a_range_of_weekdays_gives_the_start_and_the_end() -> None:
    reading = _read(
        "Taichung hosts resilient cities forum",
        "Mayors and planners from 14 cities met in Taichung on Wednesday for a forum on flood resilience.\n"
        "The Central Taiwan Resilient Cities Forum, running from Wednesday through Friday at the Taichung "
        "International Convention Center, drew delegations from Japan and the Philippines.",
        "2032-09-08T20:00:00+08:00",  # a Wednesday
        "en",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2032, 9, 8), date(2032, 9, 10))


def test_a_closing_verb_with_a_day_of_its_own_leaves_the_day_before_to_the_opening() -> None:
    reading = _read(
        "Port cities forum closes in Xiamen with green shipping pledge",
        "A forum of ASEAN and Chinese port cities that opened in Xiamen, Fujian province, on Thursday closed "
        "on Friday with a pledge to electrify harbour cranes.",
        "2034-06-03T08:00:00+08:00",  # a Saturday
        "en",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2034, 6, 1),
        date(2034, 6, 2),
        "Xiamen",
    )


def test_a_headline_that_tells_a_forum_held_is_a_report() -> None:
    reading = _read(
        "Cross-strait youth forum held in Fuzhou",
        "The Cross-Strait Youth Entrepreneurship Forum discussed start-up visas and shared incubators. "
        "More than 300 people attended.",
        "2033-07-02T09:00:00+08:00",
        "en",
    )
    assert (reading.kind, _city(reading)) == ("report", "Fuzhou")
    ahead = _read(
        "Cross-strait youth forum to be held in Fuzhou",
        "The Cross-Strait Youth Entrepreneurship Forum will discuss start-up visas and shared incubators.",
        "2033-07-02T09:00:00+08:00",
        "en",
    )
    assert ahead.kind == "announcement"


def test_a_notices_venue_line_names_the_city_after_the_room_and_the_street() -> None:
    reading = _read(
        "Forum: Ageing Cities — Lessons from Tokyo, Seoul and Taipei",
        "East Asian Institute | Events\n"
        "Date: Thursday, 9 October 2031\n"
        "Venue: Lecture Theatre 2, 10 Kent Ridge Crescent, Singapore\n"
        "About the forum\n"
        "This half-day forum compares how three capitals have adapted housing and transport for older residents.",
        "2031-09-15T10:00:00+08:00",
        "en",
    )
    # A half-day forum says its length: it ends the day it opens.
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "announcement",
        date(2031, 10, 9),
        date(2031, 10, 9),
        "Singapore",
    )
    chinese = _read(
        "第四届两岸城市更新论坛会议通知",
        "一、时间：2031年9月20日\n二、地点：国家会议中心（北京）\n三、议题：老旧小区改造与社区营造",
        "2031-09-01T10:00:00+08:00",
    )
    assert (chinese.kind, _city(chinese)) == ("announcement", "北京")


def test_a_city_listed_with_other_places_in_a_headline_is_its_topic() -> None:
    reading = _read(
        "City Forum: Elder Care in Taiwan, Shanghai and Japan",
        "This one-day forum on 18 November 2032 brings together care workers and officials to compare "
        "community elder care.",
        "2032-10-20T10:00:00+08:00",
        "en",
    )
    assert (reading.kind, _city(reading)) == ("announcement", None)
    # A city with its country after a comma stands alone: no list goes on.
    apposition = _read(
        "Care workers' forum: lessons from Quanzhou, China",
        "This one-day forum on 18 November 2032 brings together care workers and officials to compare "
        "community elder care.",
        "2032-10-20T10:00:00+08:00",
        "en",
    )
    assert _city(apposition) == "Quanzhou"


def test_a_township_of_an_outlying_county_stands_for_the_county() -> None:
    matsu = _read(
        "兩馬青年論壇 北竿登場",
        "第三屆兩馬青年交流論壇今（12）日在北竿鄉多功能活動中心舉行，兩岸青年約80人參加。",
        "2031-04-12T18:00:00+08:00",
    )
    assert (matsu.kind, _city(matsu)) == ("report", "马祖")
    kinmen = _read(
        "金廈文旅論壇登場",
        "第六屆金廈文旅融合論壇昨（20）日在金湖鎮的飯店舉行，兩地業者簽署合作備忘錄。",
        "2032-05-21T07:00:00+08:00",
    )
    assert _city(kinmen) == "金门"
    english = _read(
        "Fisheries forum opens on an outlying island",
        "The Cross-Strait Fisheries Forum opened yesterday in Wang'an, with fishermen from both sides.",
        "2032-05-22T07:00:00+08:00",
        "en",
    )
    assert _city(english) == "澎湖"  # the county's name in the gazetteer, as for any district
    # A street named after an island is no island.
    street = _read(
        "城市治理論壇登場",
        "第二屆城市治理論壇昨（20）日在莒光路的市民活動中心舉行。",
        "2032-05-21T07:00:00+08:00",
    )
    assert _city(street) is None


def test_a_news_sites_commentary_brand_above_the_lead_marks_an_opinion() -> None:
    reading = _read(
        "让城市交流的成果看得见",
        "新华网评 李明\n"
        "日前在厦门举行的第五届海峡两岸城市治理论坛落下帷幕，两岸城市又签下了一批合作项目。"
        "项目签了，更要落地见效。",
        "2031-06-20T08:00:00+08:00",
    )
    assert reading.kind == "other"
    headline = _read(
        "光明网评：城市交流的成果要看得见",
        "日前在厦门举行的第五届海峡两岸城市治理论坛落下帷幕，两岸城市又签下了一批合作项目。",
        "2031-06-20T08:00:00+08:00",
    )
    assert headline.kind == "other"


def test_a_headline_that_judges_the_forum_it_names_is_an_opinion() -> None:
    reading = _read(
        "海峡论坛重在“走心”",
        "近日在厦门举行的第二十三届海峡论坛落下帷幕，两岸嘉宾再次相聚。\n"
        "论坛办得好不好，不在场面大小，而在台胞有没有获得感。政策出台了，还要让人用得上。",
        "2031-06-25T08:00:00+08:00",
    )
    assert reading.kind == "other"
    # A wire dateline over the lead makes it a report's headline; a speaker's colon makes it a quote.
    wire = _read(
        "海峡论坛重在“走心”",
        "新华社厦门6月24日电 近日在厦门举行的第二十三届海峡论坛落下帷幕，两岸嘉宾再次相聚。",
        "2031-06-25T08:00:00+08:00",
    )
    assert (wire.kind, _city(wire)) == ("report", "厦门")
    quoted = _read(
        "台胞代表：海峡论坛重在“走心”",
        "近日在厦门举行的第二十三届海峡论坛落下帷幕，两岸嘉宾再次相聚。",
        "2031-06-25T08:00:00+08:00",
    )
    assert quoted.kind == "report"


def test_a_follow_up_on_what_came_of_last_years_forum_is_no_forum_news() -> None:
    reading = _read(
        "一份协议之后：苏台职业教育合作这一年",
        "新华日报 记者 王蕾\n"
        "去年10月在南京举行的2030苏台职业教育合作论坛上，两地院校签署了学徒制合作协议。一年来，协议落地情况如何？\n"
        "在苏州一所职业学院，来自台中的老师正在带学生做精密模具实训。\n"
        "“希望年底将举行的新一届论坛能带来更多合作。”学院负责人说。",
        "2031-10-20T08:00:00+08:00",
    )
    assert reading.kind == "other"
    # A January report may date its forum to last December in full: that is the story's forum.
    january = _read(
        "厦金发展论坛签署五项协议",
        "去年12月30日至31日在厦门举行的第九届厦金发展论坛，两地签署了通水、通电等五项协议。",
        "2031-01-03T08:00:00+08:00",
    )
    assert (january.kind, *_dates(january)) == ("report", date(2030, 12, 30), date(2030, 12, 31))


def test_a_main_sessions_day_is_not_the_forums_first_when_the_forum_opened_earlier() -> None:
    reading = _read(
        "第八届两岸青年发展论坛大会在福州举行",
        "新华社福州9月20日电 第八届两岸青年发展论坛大会20日上午在福州海峡国际会展中心举行。\n"
        "本届两岸青年发展论坛18日在福州开幕，设置创业、就业、文化三个板块，系列活动将持续至22日。",
        "2034-09-20T12:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2034, 9, 18), date(2034, 9, 22))
    english = _read(
        "Plenary session of cross-strait SME forum held in Nanjing",
        "The plenary session of the Cross-Strait SME Forum was held in Nanjing on Thursday. "
        "The Cross-Strait SME Forum opened in Nanjing on Tuesday and runs through Saturday.",
        "2034-05-11T20:00:00+08:00",
        "en",
    )
    assert (english.kind, *_dates(english)) == ("report", date(2034, 5, 9), date(2034, 5, 13))
    # With no opening of the forum told, the main session's day is the only day there is.
    alone = _read(
        "第八届两岸青年发展论坛大会在福州举行",
        "新华社福州9月20日电 第八届两岸青年发展论坛大会20日上午在福州海峡国际会展中心举行。",
        "2034-09-20T12:00:00+08:00",
    )
    assert _dates(alone) == (date(2034, 9, 20), None)


def test_an_event_notice_inviting_registration_is_an_announcement() -> None:
    reading = _read(
        "第二届两岸青年文创论坛开始报名",
        "【活动名称】第二届两岸青年文创论坛\n【活动安排】上午举行主论坛，下午举行文创市集",
        "2033-03-01T10:00:00+08:00",
    )
    assert reading.kind == "announcement"
    english = _read(
        "Urban Resilience Forum 2033: registration is now open",
        "The Urban Resilience Forum brings together planners from Hong Kong, Taipei and Shenzhen. "
        "Register online before seats run out.",
        "2033-03-01T10:00:00+08:00",
        "en",
    )
    assert english.kind == "announcement"


def test_a_notices_programme_line_tells_no_forum_held() -> None:
    reading = _read(
        "第二届两岸青年文创论坛活动安排",
        "【活动名称】第二届两岸青年文创论坛\n【活动安排】上午举行主论坛，下午举行文创市集",
        "2033-03-01T10:00:00+08:00",
    )
    assert reading.kind != "report"


def test_a_notices_bracketed_labels_give_its_date_and_place() -> None:
    reading = _read(
        "活动预告｜第四届两岸数字经济论坛报名启动",
        "平潭发布\n"
        "【活动名称】第四届两岸数字经济论坛\n"
        "【活动时间】2032年5月14日（星期五）8:30—17:30\n"
        "【活动地点】平潭国际会展中心\n"
        "【活动安排】上午举行开幕式及主题演讲，下午举行分组研讨\n"
        "【报名方式】报名截止时间为5月7日，额满即止。",
        "2032-04-20T17:00:00+08:00",
    )
    # One date with a day's hours: a one-day forum.
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "announcement",
        date(2032, 5, 14),
        date(2032, 5, 14),
        "平潭",
    )


def test_a_half_day_forum_is_one_day() -> None:
    english = _read(
        "Forum: Water Security in Coastal Cities",
        "Centre for Asian Cities | Events\n"
        "Date: Tuesday, 7 November 2034\n"
        "Venue: Seminar Room 1, 5 Arts Link, Singapore\n"
        "This half-day forum asks how coastal cities prepare for droughts and floods.",
        "2034-10-01T10:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2034, 11, 7), date(2034, 11, 7))
    chinese = _read(
        "两岸智慧交通论坛下月举行",
        "为期半天的2031两岸智慧交通论坛将于10月16日在宁波举行。",
        "2031-09-20T10:00:00+08:00",
    )
    assert _dates(chinese) == (date(2031, 10, 16), date(2031, 10, 16))
    # A half day of a delegation's stay says nothing of the forum's length.
    stay = _read(
        "两岸智慧交通论坛下月举行",
        "2031两岸智慧交通论坛将于10月16日在宁波举行。代表团会后将在上海停留半天，与台商座谈。",
        "2031-09-20T10:00:00+08:00",
    )
    assert _dates(stay) == (date(2031, 10, 16), None)


def test_a_notices_hours_under_its_date_make_one_day() -> None:
    reading = _read(
        "Forum: Water Security in Coastal Cities",
        "Centre for Asian Cities | Events\n"
        "Date: Tuesday, 7 November 2034\n"
        "Time: 9.30am to 4pm\n"
        "Venue: Seminar Room 1, 5 Arts Link, Singapore\n"
        "The forum asks how coastal cities prepare for droughts and floods.",
        "2034-10-01T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2034, 11, 7), date(2034, 11, 7))


def test_a_live_blogs_entries_are_of_the_publication_day() -> None:
    reading = _read(
        "海峽論壇廈門登場 即時更新",
        "東森新聞 即時更新\n"
        "17:10 論壇下午兩場分論壇結束。據主辦單位說明，明天上午雙方將簽署五項協議，隨後論壇閉幕。\n"
        "11:00 「青年創業」分論壇在會展中心登場。\n"
        "09:00 第十五屆海峽論壇在廈門國際會議中心開幕。台灣代表團前天抵達廈門，預計20日返台。",
        "2033-06-17T17:30:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2033, 6, 17),
        date(2033, 6, 18),
        "廈門",
    )
    english = _read(
        "Live updates: Cross-Strait Tech Forum opens in Xiamen",
        "3.20pm: Two panels on chip supply chains ended. Organisers say the forum closes tomorrow afternoon.\n"
        "9.45am: The Cross-Strait Tech Forum opened in Xiamen with some 800 guests.",
        "2033-06-17T16:00:00+08:00",
        "en",
    )
    assert (english.kind, *_dates(english)) == ("report", date(2033, 6, 17), date(2033, 6, 18))
    # An entry telling the forum closing gives its last day; a part of it ending (主論壇結束) does not.
    one_day = _read(
        "兩岸媒體論壇 文字直播",
        "【持續更新】\n"
        "17:30 論壇閉幕，雙方約定明年在高雄再聚。\n"
        "12:00 主論壇結束，與會者移往午宴。\n"
        "09:00 第六屆兩岸媒體論壇在高雄展覽館開幕。",
        "2032-11-05T17:40:00+08:00",
    )
    assert (one_day.kind, *_dates(one_day)) == ("report", date(2032, 11, 5), date(2032, 11, 5))
    # A programme's times with no live marker are no entries of today: the forum opens tomorrow.
    programme = _read(
        "海峽論壇明天登場",
        "主辦單位公布明天的議程：\n09:00 第十五屆海峽論壇在廈門國際會議中心開幕。\n14:00 分論壇。",
        "2033-06-16T17:30:00+08:00",
    )
    assert (programme.kind, _dates(programme)[0]) == ("announcement", date(2033, 6, 17))


def test_macaus_districts_stand_for_macau_and_a_day_in_chinese_numerals_with_nian() -> None:
    reading = _read(
        "葡語國家旅遊論壇氹仔揭幕",
        "【本報消息】第三屆中葡旅遊合作論壇昨（9）日在氹仔東亞運動會體育館揭幕，論壇至廿一日結束。",
        "2031-10-10T06:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2031, 10, 9),
        date(2031, 10, 21),
        "澳门",
    )
    english = _read(
        "Tourism forum opens",
        "The Lusophone Tourism Forum opened yesterday in Cotai with 300 guests.",
        "2031-10-10T06:00:00+08:00",
        "en",
    )
    assert _city(english) == "澳门"  # the gazetteer's name, as for any district


def test_the_forums_venue_beats_a_city_where_another_event_is_held() -> None:
    reading = _read(
        "Film makers seek more co-productions",
        "Producers from both sides called for more co-productions at the one-day Hong Kong-Taiwan Film "
        "Forum held yesterday at the Hong Kong Convention and Exhibition Centre.\n"
        "Around 200 people attended the event.\n"
        "The Film Development Council will also hold a screening week in Kaohsiung in October.",
        "2032-06-09T08:00:00+08:00",
        "en",
    )
    assert (reading.kind, *_dates(reading), _city(reading)) == (
        "report",
        date(2032, 6, 8),
        date(2032, 6, 8),
        "Hong Kong",
    )


def test_the_next_time_the_forum_meets_is_another_edition() -> None:
    reading = _read(
        "兩岸城市論壇簽約滿一年 合作進度如何？",
        "金門日報 記者李明／金門報導\n"
        "去年11月在金門舉行的兩岸城市論壇，兩地簽署了通橋、醫療、教育三項協議。一年過去，進度如何？\n"
        "縣府表示，各項協議的執行成果將在下一次論壇中提出報告。",
        "2034-10-20T09:00:00+08:00",
    )
    assert reading.kind == "other"


def test_a_time_years_past_is_the_series_past() -> None:
    reading = _read(
        "三年前的一纸协议，如今结出硕果",
        "三年前，这家台企在第五届榕台产业合作论坛上签署合作协议。\n"
        "如今工厂已经投产，“论坛签约只是开始。”负责人说。",
        "2033-06-01T08:00:00+08:00",
    )
    assert reading.kind == "other"
    english = _read(
        "Kaohsiung-Xiamen City Forum deal bears fruit",
        "Two years ago, a Kaohsiung shipyard signed a deal with a Xiamen port operator at the 11th "
        "Kaohsiung-Xiamen City Forum. The forum deal has since created 300 jobs.",
        "2033-09-01T08:00:00+08:00",
        "en",
    )
    assert english.kind == "other"


def test_a_follow_up_on_a_forum_named_by_a_year_long_past_is_no_forum_news() -> None:
    reading = _read(
        "一纸协议之后，工厂投产了",
        "福建日报记者 陈晨\n"
        "在福州一家台资工厂里，新产线正在调试。\n"
        "据统计，2030年榕台产业合作论坛期间签署的15个项目中，已有11个投产。\n"
        "“论坛签约只是开始。”相关负责人说。",
        "2033-06-01T08:00:00+08:00",
    )
    assert (reading.kind, _city(reading)) == ("other", None)
    english = _read(
        "What came of the mayors' handshake",
        "Of the 12 agreements signed at the 2031 Kaohsiung-Xiamen City Forum, eight are now in operation, "
        "the city government said. Officials said the forum had opened doors for small firms.",
        "2033-09-01T08:00:00+08:00",
        "en",
    )
    assert english.kind == "other"
    # A report a few days into January may name last year's forum by its year.
    january = _read(
        "2032两岸城市治理论坛闭幕",
        "2032两岸城市治理论坛日前在厦门闭幕，两岸城市签署10项合作协议。",
        "2033-01-05T08:00:00+08:00",
    )
    assert january.kind == "report"


def test_a_main_session_after_a_run_of_activities_starts_on_the_first_day_of_the_run() -> None:
    reading = _read(
        "第九届闽台青年论坛大会在泉州举行",
        "本报泉州5月12日电 第九届闽台青年论坛大会12日上午在泉州举行。\n"
        "本届闽台青年论坛自10日起陆续开展创业、文化、体育三大板块活动，系列活动将持续至16日。",
        "2041-05-13T08:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2041, 5, 10), date(2041, 5, 16))


def test_a_main_session_named_after_its_day_is_not_the_first_day() -> None:
    reading = _read(
        "Farmers throng Fuzhou youth forum",
        "FUZHOU, China (Reuters) - Thousands gathered in Fuzhou on Tuesday for the main session of the "
        "Min-Tai Youth Forum. The forum opened Monday and runs through Friday.",
        "2040-09-04T20:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2040, 9, 3), date(2040, 9, 7))


def test_a_forum_keeps_its_own_date_inside_a_larger_event() -> None:
    within_the_fair = _read(
        "昆山两岸科技论坛举行",
        "9月9日上午，2039昆山两岸科技论坛在昆山花桥国际博览中心举行。\n"
        "本次论坛是第五届昆山电子信息博览会的配套活动之一。\n"
        "博览会于8日开幕，11日闭幕。",
        "2039-09-10T08:00:00+08:00",
    )
    assert _dates(within_the_fair) == (date(2039, 9, 9), None)
    same_sentence = _read(
        "高雄市长将出席长沙智慧城市论坛",
        "高雄市长将于下周三启程，出席11月5日至6日举行的2038长沙智慧城市论坛。\n"
        "该论坛是中部投资贸易博览会的配套活动之一，博览会则于11月4日至8日在长沙举行。",
        "2038-10-28T10:00:00+08:00",
    )
    assert _dates(same_sentence) == (date(2038, 11, 5), date(2038, 11, 6))
    english = _read(
        "Mayors meet in Seoul",
        "SEOUL - Mayors from 40 cities met at the Asia Urban Mayors Forum on October 14. The one-day "
        "forum takes place alongside the Asia Urban Summit, which began on October 13 and ends on October 16.",
        "2037-10-15T08:00:00+09:00",
        "en",
    )
    assert _dates(english) == (date(2037, 10, 14), date(2037, 10, 14))


def test_a_sentence_on_the_next_or_a_past_edition_gives_no_city() -> None:
    next_one = _read(
        "Mayors share housing plans at Shenzhen forum",
        "SHENZHEN - The Pearl River Mayors Forum was held in Shenzhen on May 8. "
        "The next edition of the Pearl River Mayors Forum will take place in Zhuhai.",
        "2036-05-09T08:00:00+07:00",
        "en",
    )
    assert _city(next_one) == "Shenzhen"
    past_one = _read(
        "2036 Tainan Forum on Urban Resilience",
        "The institute will host the 2036 Tainan Forum on Urban Resilience on March 3-4, 2036. "
        "The 2035 edition of the forum was held in Taichung.",
        "2036-02-01T08:00:00+08:00",
        "en",
    )
    assert _city(past_one) == "Tainan"


def test_a_headline_that_calls_off_a_forum_by_its_noun_makes_it_other() -> None:
    reading = _read(
        "Cross-strait start-up forum in Tainan called off",
        "Tainan, Jan. 5 (CNA) A forum of young entrepreneurs that was to have been held in Tainan on "
        "Jan. 20-21 has been scrapped, organizers said. The Cross-Strait Youth Entrepreneurs Forum had "
        "expected 200 guests.",
        "2038-01-05T18:00:00+08:00",
        "en",
    )
    assert (reading.kind, _city(reading)) == ("other", None)


def test_a_postponement_whose_new_date_will_be_announced_is_other() -> None:
    reading = _read(
        "第五屆澎廈交流論壇 延期舉辦",
        "原訂於本（130）年10月3日至4日在澎湖舉辦的「第五屆澎廈交流論壇」，經協商後決定延期舉辦，"
        "新的日期將另行公告。",
        "2041-09-20T16:00:00+08:00",
    )
    assert reading.kind == "other"


def test_a_run_of_activities_told_after_the_main_session_gives_the_first_day() -> None:
    reading = _read(
        "第九届两岸民营企业家峰会主论坛在福州举行",
        "中新社福州11月9日电 第九届两岸民营企业家峰会主论坛9日在福州海峡国际会展中心举行。"
        "本届峰会以“携手共赢”为主题。"
        "8日起，产业对接、青年创客、文旅推介等十余场专题活动已陆续在福州各地展开，全部活动将持续至12日。",
        "2029-11-09T18:00:00+08:00",
    )
    assert _dates(reading) == (date(2029, 11, 8), date(2029, 11, 12))


def test_a_live_blogs_main_session_entry_makes_its_day_the_main_sessions() -> None:
    reading = _read(
        "LIVE: Plenary of 7th Cross-Strait Entrepreneurs Summit under way in Nanjing",
        "Live updates (Beijing time)\n"
        "15:10 Delegates break into six panels on supply chains and green finance.\n"
        "11:40 A Kaohsiung manufacturer says it is his fifth summit.\n"
        "09:00 The plenary session of the 7th Cross-Strait Entrepreneurs Summit opens in Nanjing. "
        "The summit's events began on Tuesday and run through Saturday.",
        "2036-11-12T16:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2036, 11, 11), date(2036, 11, 15))


def test_a_single_date_over_one_days_timetable_is_a_one_day_forum() -> None:
    reading = _read(
        "2033台南永續城市論壇 9/20開放報名",
        "台南市政府主辦的「2033台南永續城市論壇」將於122年9月27日（星期二）在台南市政府（永華）大禮堂舉行，"
        "報名至9月15日（星期四）止。\n"
        "議程：\n08:30 報到\n09:00 開幕\n10:30 專題演講\n14:00 分組座談\n16:00 閉門",
        "2033-09-01T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2033, 9, 27), date(2033, 9, 27))


def test_an_itinerarys_day_line_with_the_closing_ceremony_gives_the_end() -> None:
    reading = _read(
        "Kaohsiung deputy mayor to attend Cross-Strait Harbor Cities Forum in Fuzhou",
        "Kaohsiung's deputy mayor will lead a delegation to Fuzhou for the 2037 Cross-Strait Harbor Cities "
        "Forum. The itinerary is as follows:\n"
        "May 13 (Wed.): Depart for Fuzhou; welcome dinner.\n"
        "May 14 (Thu.): Forum opening ceremony and keynote speeches; port site visit.\n"
        "May 15 (Fri.): Panel on shipping; closing ceremony in the afternoon.\n"
        "May 16 (Sat.): Return to Kaohsiung.",
        "2037-05-08T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2037, 5, 14), date(2037, 5, 15))


def test_a_headlines_forum_clause_gives_its_own_date_not_the_fairs() -> None:
    reading = _read(
        "海博会本周四开幕 两岸智慧城市论坛周五下午举行",
        "记者从昨天召开的新闻发布会上获悉，2032海峡两岸博览会将于本周四在福州海峡国际会展中心开幕，展期四天。"
        "作为博览会的重头戏，两岸智慧城市论坛将于本周五下午举行，为期半天。",
        "2032-05-10T10:00:00+08:00",
    )
    assert _dates(reading) == (date(2032, 5, 14), date(2032, 5, 14))


def test_a_chinese_live_marker_makes_the_entries_times_the_opening_day() -> None:
    reading = _read(
        "直播｜2038两岸数字经济论坛在杭州开幕",
        "潮新闻 现场直播\n"
        "09:30 2038两岸数字经济论坛在杭州国际博览中心开幕。论坛为期两天，两岸代表约300人参加。\n"
        "11:00 台北一家软件企业负责人分享经验。\n"
        "16:30 主办方介绍，明天上午将举行两场分论坛，论坛将于明天中午闭幕。",
        "2038-03-16T17:00:00+08:00",
    )
    assert (reading.kind, *_dates(reading)) == ("report", date(2038, 3, 16), date(2038, 3, 17))


def test_a_hong_kong_district_stands_for_the_city() -> None:
    reading = _read(
        "SHA speaks at Smart Ageing Forum",
        "Following is the speech by the Secretary for Housing at the Smart Ageing Forum this afternoon "
        "(March 3):\nGood afternoon. It is a pleasure to join you at the Town Hall in Tuen Mun for this "
        "forum, which brings together 300 social workers and architects.\nI wish the forum every success.",
        "2039-03-03T18:00:00+08:00",
        "en",
    )
    assert _city(reading) == "香港"


def test_a_run_of_activities_told_with_where_it_runs_gives_the_first_day() -> None:
    # 自14日起在厦门、漳州、泉州等地展开: the places stand between the run's first day and its verb.
    simplified = _read(
        "第十一届海峡两岸乡村振兴论坛大会在漳州举行",
        "本报漳州10月22日电 第十一届海峡两岸乡村振兴论坛大会22日在漳州举行。\n"
        "本届论坛系列活动从20日起在漳州、龙岩两地陆续展开，至24日结束。",
        "2036-10-22T20:00:00+08:00",
    )
    assert _dates(simplified) == (date(2036, 10, 20), date(2036, 10, 24))
    traditional = _read(
        "第八屆海峽兩岸客家論壇大會在台中舉行",
        "（中央社記者陳怡君台中9日電）第八屆海峽兩岸客家論壇大會今天在台中舉行。"
        "本屆論壇系列活動自7日起於台中、苗栗等地展開，至10日結束。",
        "2037-09-09T19:00:00+08:00",
    )
    assert _dates(traditional) == (date(2037, 9, 7), date(2037, 9, 10))


def test_a_day_written_alone_after_a_date_with_its_month_is_of_that_month() -> None:
    # Told in June, 7月8日…持续至11日 runs to July 11, not to the June 11 nearest the paper.
    chinese = _read(
        "2039两岸智慧城市论坛7月在津举办",
        "天津市台办6月20日消息，2039两岸智慧城市论坛将于7月8日在天津开幕，系列活动持续至11日。",
        "2039-06-20T10:00:00+08:00",
    )
    assert _dates(chinese) == (date(2039, 7, 8), date(2039, 7, 11))
    english = _read(
        "Tianjin to host smart cities forum in July",
        "TIANJIN, June 20 (Xinhua) -- The 2039 Cross-Strait Smart Cities Forum opens in Tianjin on July 8, "
        "and its closing session is on the 11th.",
        "2039-06-20T10:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2039, 7, 8), date(2039, 7, 11))


def test_the_same_day_named_again_before_the_closing_leaves_a_one_day_forum() -> None:
    # 當日 (当天) is the date's own day: the forum opens and closes on it.
    notice = _read(
        "活動公告｜2036高雄港灣城市論壇",
        "高雄市政府海洋局 公告\n"
        "2036高雄港灣城市論壇訂於5月9日（星期五）在高雄展覽館舉行，當日上午9時報到，9時30分開幕，下午4時30分閉幕。\n"
        "報名至4月30日止。",
        "2036-04-10T10:00:00+08:00",
    )
    assert _dates(notice) == (date(2036, 5, 9), date(2036, 5, 9))
    report = _read(
        "泉州非遗传承论坛举行",
        "泉州晚报讯 2037海峡两岸非遗传承论坛于15日在泉州举行，当天8时30分签到，9时开幕，16时30分闭幕。",
        "2037-05-16T08:00:00+08:00",
    )
    assert _dates(report) == (date(2037, 5, 15), date(2037, 5, 15))


def test_a_preparatory_meeting_in_a_city_by_its_short_name_is_not_the_forums_place() -> None:
    reading = _read(
        "第七届海峡两岸城市更新论坛预备会议在榕召开",
        "福州市台港澳办消息 9月2日，第七届海峡两岸城市更新论坛预备会议在福州召开。台中市政府工作小组一行6人"
        "来榕对接。\n据介绍，本届论坛将于10月16日至17日在台中举行。",
        "2038-09-03T10:00:00+08:00",
    )
    assert (reading.kind, _city(reading)) == ("announcement", "台中")


def test_a_forum_told_as_the_fairs_activity_before_its_name_is_the_storys() -> None:
    # 作为旅博会的主要配套活动，…论坛于13日举行; "As part of the design week, the … Forum was held on Saturday".
    chinese = _read(
        "旅博会上两岸民宿业者“取经”",
        "福州新闻网讯 9月12日至15日，第十届海峡旅游博览会正在福州海峡国际会展中心举行。\n"
        "作为旅博会的主要配套活动，两岸民宿发展论坛于13日在会展中心举行。两岸民宿业者约150人参加。",
        "2034-09-14T08:00:00+08:00",
    )
    assert (chinese.kind, _dates(chinese)[0], _city(chinese)) == ("report", date(2034, 9, 13), "福州")
    english = _read(
        "Design week draws cities from both sides",
        "TAIPEI -- The 2035 Taipei Design Week runs from Oct. 5 to Oct. 12 at the Songshan Cultural and "
        "Creative Park.\nAs part of the design week, the Cross-Strait Creative Cities Forum was held on "
        "Saturday, with designers from Tainan and Xiamen. Visitors crowded the park.",
        "2035-10-08T10:00:00+08:00",
        "en",
    )
    assert (english.kind, _dates(english)[0]) == ("report", date(2035, 10, 6))


def test_a_township_after_its_county_stands_for_the_county() -> None:
    # 在連江縣北竿鄉舉行: the county's name (連江, also a Fuzhou county) before the township.
    reading = _read(
        "兩馬文化論壇北竿開幕",
        "馬祖日報訊 2036兩馬文化交流論壇昨（8）日在連江縣北竿鄉舉行，福州長樂區代表團一行30人參加。",
        "2036-03-09T08:00:00+08:00",
    )
    assert _city(reading) == "马祖"


def test_a_headlines_possessive_description_names_the_forum_the_body_names_in_full() -> None:
    # "Asean mayors' forum" for the Southeast Asian Mayors’ Forum: the possessive's mark is no part of the word.
    reading = _read(
        "Penang sends team to Asean mayors' forum",
        "Penang will send a 30-member team to the Southeast Asian Mayors’ Forum in Bangkok on 20-21 August, the "
        "state government said on Monday.\nThe forum will be held at the Queen Sirikit National Convention Center.",
        "2033-08-02T10:00:00+08:00",
        "en",
    )
    assert (reading.kind, _dates(reading)) == ("announcement", (date(2033, 8, 20), date(2033, 8, 21)))


def test_days_before_the_month_joined_by_and_are_a_span_where_they_follow_each_other() -> None:
    # "on 9 and 10 October", as "9-10 October"; "on 9 and 16 October" (or "October 9 and 16") are two days apart.
    span = _read(
        "Sister cities forum set for Nanjing",
        "The Nanjing International Friendship Cities Forum will be held at the Jinling Hotel on 9 and 10 October, "
        "the city's foreign affairs office said.",
        "2034-09-20T10:00:00+08:00",
        "en",
    )
    assert _dates(span) == (date(2034, 10, 9), date(2034, 10, 10))
    for days in ("9 and 16 October", "October 9 and 16"):
        apart = _read(
            "Youth forum in two sessions",
            f"The Ningbo Youth Entrepreneurship Forum will be held in two sessions on {days} at the Ningbo "
            "International Conference Center.",
            "2034-09-20T10:00:00+08:00",
            "en",
        )
        assert _dates(apart) == (date(2034, 10, 9), None), days


def test_a_date_of_the_clause_describing_the_forum_held_is_not_the_day_it_closed() -> None:
    # 11月20日至21日在厦门举办的…论坛落幕一周后: the range is the holding verb's, not the closing's.
    reading = _read(
        "两岸文创论坛落幕一周 首批项目签约",
        "厦门日报讯 11月20日至21日在厦门举办的第五届海峡两岸文创产业论坛落幕一周后，首批合作项目昨日签约。\n"
        "据介绍，本届论坛共吸引两岸文创企业300余家参加。",
        "2035-11-29T08:00:00+08:00",
    )
    assert (reading.kind, _dates(reading)) == ("report", (date(2035, 11, 20), date(2035, 11, 21)))


def test_visitors_leaving_on_a_day_told_from_publication_end_a_one_date_forum() -> None:
    # 廈門代表團今天將轉往烈嶼, "will move on to Lieyu today": the day after the forum's one date.
    chinese = _read(
        "金廈旅遊論壇 兩岸推小三通新航線",
        "金門日報訊 第六屆金廈旅遊合作論壇昨（15）日在金門縣文化局舉行，兩岸業者逾二百人出席。\n"
        "廈門市旅遊局局長在論壇上表示，將爭取增開小三通航班。\n廈門代表團今天將轉往烈嶼參訪，明日搭船返廈。",
        "2036-05-16T07:00:00+08:00",
    )
    assert _dates(chinese) == (date(2036, 5, 15), date(2036, 5, 15))
    english = _read(
        "Kinmen, Xiamen pledge more ferries at tourism forum",
        "The Kinmen-Xiamen Tourism Forum was held yesterday at the Kinmen County Cultural Affairs Bureau, drawing "
        "more than 200 participants.\nThe Xiamen delegation will move on to Lieyu today and fly back tomorrow.",
        "2036-05-16T07:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2036, 5, 15), date(2036, 5, 15))


def test_a_city_or_its_side_holding_the_forum_is_where_it_is_held() -> None:
    # 台中方面預定於…舉辦, 臺中市將於…舉辦: the city holds it as its government would.
    transcript = _read(
        "陸委會記者會問答紀要",
        "問：台中方面是否將在年底舉辦兩岸城市治理論壇？\n"
        "答：據了解，台中方面預定於11月20日至21日舉辦今年的兩岸城市治理論壇，本會將依法審查。\n"
        "問：有無其他事項？\n答：沒有。",
        "2037-10-02T10:00:00+08:00",
    )
    assert (transcript.kind, _city(transcript)) == ("announcement", "台中")
    release = _read(
        "兩岸城市治理論壇年底舉行",
        "據了解，臺中市將於11月20日至21日舉辦今年的兩岸城市治理論壇，邀請大陸多個城市代表參加。",
        "2037-10-02T10:00:00+08:00",
    )
    assert _city(release) == "臺中"


def test_a_venue_kept_through_a_postponement_names_the_city() -> None:
    # 论坛地点不变，仍在宁波国际会议中心; "The venue remains the Ningbo International Conference Center".
    chinese = _read(
        "第三届宁台青年创业论坛延期至12月举行",
        "宁波日报讯 原定于11月8日举行的第三届宁台青年创业论坛，延期至12月6日举行。\n论坛地点不变，仍在宁波国际会议中心。",
        "2038-10-30T08:00:00+08:00",
    )
    assert (chinese.kind, _city(chinese)) == ("announcement", "宁波")
    english = _read(
        "Youth entrepreneurship forum moved to December",
        "The third Ningbo-Taiwan Youth Entrepreneurship Forum, originally set for November 8, has been postponed "
        "to December 6.\nThe venue remains the Ningbo International Conference Center.",
        "2038-10-30T08:00:00+08:00",
        "en",
    )
    assert (english.kind, _city(english)) == ("announcement", "Ningbo")


def test_a_capital_named_by_its_country_or_province_is_where_the_forum_is() -> None:
    # "held in the Malaysian capital", "The Kazakh capital will host", 在泰国首都举行: not the dateline's city,
    # nor the city of the talks that prepared it.
    held = _read(
        "Penang, Bangkok to swap heritage know-how after mayors' meet",
        "GEORGE TOWN – Penang and Bangkok will exchange heritage-conservation experts under a pact signed at the "
        "Asean Heritage Cities Forum, which was held in the Malaysian capital on 3rd-4th March.\n"
        "About 150 officials attended the two-day forum.",
        "2031-03-08T08:00:00+08:00",
        "en",
    )
    assert (held.kind, _city(held)) == ("report", "Kuala Lumpur")
    host = _read(
        "Central Asian capital to host mayors' forum",
        "The Kazakh capital will host the SCO Mayors' Forum on 14th-15th September, the city administration said "
        "on Monday.\nPreparatory talks took place in Moscow on 2nd September.",
        "2036-08-20T08:00:00+08:00",
        "en",
    )
    assert _city(host) == "Astana"
    chinese = _read(
        "东盟城市论坛闭幕",
        "新华社消息 第八届东盟城市发展论坛11月5日在泰国首都举行，来自东盟10国的200余名城市官员出席。",
        "2031-11-06T08:00:00+08:00",
    )
    assert _city(chinese) == "曼谷"


def test_the_capitals_of_the_neighbours_are_places_of_the_gazetteer() -> None:
    # An SCO or Asean city hosting a forum: "Astana to host …", not the city of the talks held for it.
    reading = _read(
        "Astana to host SCO Mayors' Forum in July",
        "The forum will take place on July 5-6. Preparatory talks were held in Beijing last week.",
        "2036-06-12T08:00:00+08:00",
        "en",
    )
    assert _city(reading) == "Astana"


def test_the_district_a_holding_verb_puts_the_forum_in_comes_before_where_those_attending_are_from() -> None:
    reading = _read(
        "Shenzhen, Hong Kong teachers meet at education forum",
        "Teachers from schools in Sha Tin joined counterparts from Futian at an education forum held on Saturday "
        "at a hotel in Qianhai.\nThe forum drew 300 teachers.",
        "2033-05-15T08:00:00+08:00",
        "en",
    )
    assert _city(reading) == "深圳"


def test_a_future_cue_in_a_later_days_clause_does_not_make_the_opening_still_to_come() -> None:
    # 今天上午開幕式後…，明天上午將舉行閉幕式: tomorrow's closing is told ahead, today's opening is under way.
    chinese = _read(
        "渝台青年創業論壇今開幕",
        "主播：兩岸青年齊聚山城，2037渝台青年創業論壇在重慶登場。\n"
        "記者：論壇為期兩天，今天上午開幕式後，兩岸青年進行交流，明天上午將舉行閉幕式。",
        "2037-06-10T19:00:00+08:00",
    )
    assert (chinese.kind, _dates(chinese)) == ("report", (date(2037, 6, 10), date(2037, 6, 11)))
    english = _read(
        "Youth forum opens in Chongqing",
        "The two-day Chongqing-Taiwan Youth Forum opens today at the Chongqing Grand Hotel, and tomorrow the two "
        "sides will hold a closing ceremony.",
        "2037-06-10T19:00:00+08:00",
        "en",
    )
    assert english.kind == "report"


def test_a_delegations_trip_to_the_forum_is_a_story_about_it() -> None:
    # The headline and lead tell the trip; the next sentence names the forum as what the delegation attended.
    chinese = _read(
        "台中市參訪團結束廈門行程",
        "中央社台中8日電 台中市副市長率領的參訪團8日結束在廈門的交流訪問，返回台中。\n"
        "參訪團於5日抵達廈門，出席了6日在廈門國際會議中心舉行的2035廈門台中城市論壇。\n"
        "7日，參訪團還參觀了廈門自貿片區。",
        "2035-10-08T20:00:00+08:00",
    )
    assert (chinese.kind, _dates(chinese), _city(chinese)) == ("report", (date(2035, 10, 6), None), "廈門")
    english = _read(
        "Taichung delegation wraps up visit to Xiamen",
        "A 40-member Taichung city delegation returned home on Sunday after a visit to Xiamen.\n"
        "The delegation arrived on Wednesday and attended the Cross-Strait Smart City Forum held at the Xiamen "
        "International Conference Center on Thursday.\nOn Friday the delegates toured a free trade zone.",
        "2035-10-09T08:00:00+08:00",
        "en",
    )
    assert (english.kind, _dates(english)[0], _city(english)) == ("report", date(2035, 10, 4), "Xiamen")


# The fresh20 round: forums in two cities, fact boxes, closing sentences, ordinal days, second forums and larger
# events with days of their own, a postponement's object, Chinese numerals in brackets, a year in review.


def test_a_chinese_numeral_day_glossed_in_brackets_is_that_day() -> None:
    # 今（十八）日, 昨（五）日: papers of Kinmen, Matsu and Penghu write the bracketed day in Chinese numerals.
    opened = _read(
        "澎廈觀光論壇今登場",
        "【本報訊】第五屆澎廈觀光論壇今（十八）日在澎湖縣政府大禮堂登場，會期兩天，明（十九）日將安排參訪。",
        "2034-03-18T10:00:00+08:00",
    )
    assert (opened.kind, _dates(opened)) == ("report", (date(2034, 3, 18), date(2034, 3, 19)))
    closed = _read(
        "兩岸青年論壇閉幕",
        "第三屆兩岸青年論壇昨（五）日在台中閉幕，為期兩天。",
        "2034-06-06T08:00:00+08:00",
    )
    assert _dates(closed) == (date(2034, 6, 4), date(2034, 6, 5))


def test_a_headline_reviewing_a_year_lists_its_forums_as_past_news() -> None:
    chinese = _read(
        "盘点2033｜这一年，沪台青年交流亮点多",
        "岁末回眸，2033年沪台青年交流热络。\n"
        "3月，2033沪台青年论坛在上海举行，百余个青年项目现场路演；8月，沪台青年论坛分论坛首次在台北举办；"
        "12月，上海台北城市论坛在上海举行。",
        "2033-12-28T09:00:00+08:00",
    )
    assert chinese.kind == "other"
    english = _read(
        "2033 in review: Twin-City Forum and youth exchanges bring cities closer",
        "In November, the 2033 Twin-City Forum took place in Taipei, where the two cities signed four memorandums. "
        "The Twin-City Forum drew 300 guests. In March, a youth forum was held in Xiamen.",
        "2033-12-29T09:00:00+08:00",
        "en",
    )
    assert english.kind == "other"


def test_a_fact_boxs_month_day_dates_glossed_with_weekdays() -> None:
    # A closing fact box: 日期：9/14(四)～9/15(五), its days only there.
    reading = _read(
        "台南文化城市論壇 聚焦古城再生",
        "〔記者林小華／台南報導〕台南市文化局將在下月舉辦的國際文化城市論壇上，與京都、會安等古城交流老屋再生經驗。\n"
        "■2034台南國際文化城市論壇\n日期：9/14(四)～9/15(五)\n地點：台南市政府大禮堂",
        "2034-08-20T05:00:00+08:00",
    )
    assert (reading.kind, _dates(reading)) == ("announcement", (date(2034, 9, 14), date(2034, 9, 15)))


def test_a_fact_boxs_venue_line_says_where_before_the_prose() -> None:
    # The prose names another forum held in another city (在台中舉行的…論壇上); the fact box's 地點 line is the story's.
    reading = _read(
        "嘉義智慧農業論壇 鎖定青農商機",
        "〔記者陳大明／嘉義報導〕嘉義縣農業處將在下月舉辦的智慧農業論壇上，與日本、荷蘭農企洽談合作。\n"
        "縣府今年5月也已在台中舉行的國際永續論壇上發表青農輔導成果。\n"
        "■2034嘉義智慧農業論壇\n日期：2034年10月7日\n地點：嘉義縣政府大禮堂",
        "2034-09-10T05:00:00+08:00",
    )
    assert _city(reading) == "嘉義"


def test_a_summits_days_in_a_clause_of_its_own_are_not_its_forums() -> None:
    # The summit names a forum too: of two dates in the sentence, the one in the clause naming the story's forum.
    chinese = _read(
        "東亞城市高峰會青年論壇登場",
        "（中央社記者王大同高雄4日電）2035東亞城市高峰會6月3日至5日在高雄舉行，為期一天的青年論壇今（4）日在高雄展覽館登場。",
        "2035-06-04T17:00:00+08:00",
    )
    assert _dates(chinese) == (date(2035, 6, 4), date(2035, 6, 4))
    english = _read(
        "Young leaders expected at Asia-Pacific Cities Summit forum",
        "BRISBANE – More than 200 young leaders are expected next month for the Asia-Pacific Cities Summit Youth "
        "Forum, which will be held on Oct. 3 and 4, ahead of the main summit from Oct. 5 to 7.\n"
        "The Youth Forum will focus on housing and jobs.",
        "2035-09-10T08:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2035, 10, 3), date(2035, 10, 4))


def test_a_one_day_forum_does_not_close_on_its_larger_events_last_day() -> None:
    reading = _read(
        "智慧城市博覽會市長論壇登場",
        "（中央社記者李小明台中4日電）為期一天的市長論壇今（4）日在台中國際會展中心登場，20多位市長與會。\n"
        "主辦單位表示，博覽會前兩天已舉行新創論壇與產業論壇，明天將舉行閉幕式。",
        "2035-06-04T17:00:00+08:00",
    )
    assert _dates(reading) == (date(2035, 6, 4), date(2035, 6, 4))


def test_a_sentence_naming_another_forum_gives_the_story_neither_its_date_nor_its_place() -> None:
    chinese = _read(
        "第八届两岸乡村振兴论坛将在翔安举办",
        "本报讯 第八届两岸乡村振兴论坛定于5月18日在翔安举办，届时两岸基层代表约300人参加。\n"
        "另据了解，第十届海峡两岸城市发展论坛将于6月在福州举行。",
        "2034-05-02T08:00:00+08:00",
    )
    assert (chinese.kind, _dates(chinese), _city(chinese)) == (
        "announcement",
        (date(2034, 5, 18), None),
        "厦门",
    )
    english = _read(
        "Taipei Design Week to host cross-strait design forum",
        "The Cross-Strait Design Forum will be held as part of Taipei Design Week, which runs from Oct. 8 "
        "to 12 at the Songshan Cultural Park, the city's culture department said on Monday.\n"
        "Separately, the department said the Kaohsiung Harbour Cities Forum, originally scheduled for September, "
        "would take place on Nov. 20.",
        "2035-09-24T08:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2035, 10, 8), date(2035, 10, 12))


def test_a_forum_that_moves_on_to_another_city_is_held_where_it_opens() -> None:
    # 次日移师, 第三日移师: the forum goes on in another city; the city of its first days is its host.
    moved_on = _read(
        "苏台青年论坛次日移师南京续办",
        "2036苏台青年论坛今天在苏州工业园区开幕，两岸青年500余人参加。",
        "2036-07-09T20:00:00+08:00",
    )
    assert _city(moved_on) == "苏州"
    first_days = _read(
        "杭甬数字经济论坛下月举行",
        "第二届杭甬数字经济论坛将于6月8日至10日举行，首两日在杭州国际博览中心进行，第三日移师宁波。",
        "2036-05-10T08:00:00+08:00",
    )
    assert _city(first_days) == "杭州"
    district = _read(
        "深港青年创新论坛下周举行",
        "第四届深港青年创新论坛将于下周五、周六举行，首日在福田深圳会展中心举行，次日移师香港。",
        "2036-05-10T08:00:00+08:00",
    )
    assert _city(district) == "深圳"
    # A day of the month before the move, with no earlier day of the forum: the whole edition moved.
    whole = _read(
        "两岸数字经济论坛移师杭州",
        "因场馆检修，第三届两岸数字经济论坛5日起移师杭州举行，为期三天。",
        "2036-05-01T08:00:00+08:00",
    )
    assert _city(whole) == "杭州"


def test_a_forum_that_moves_on_to_another_city_ends_where_it_closes() -> None:
    chinese = _read(
        "宁台青年论坛在南京开幕",
        "2036宁台青年论坛7月9日至10日在南京举行，11日起移师苏州，12日在苏州闭幕。",
        "2036-07-09T20:00:00+08:00",
    )
    assert _dates(chinese) == (date(2036, 7, 9), date(2036, 7, 12))
    english = _read(
        "Yangtze mayors' forum opens in Nanjing",
        "The 2036 Yangtze River Delta Mayors' Forum runs in Nanjing on July 9-10 and then moves to Suzhou, where "
        "it closes on July 12.",
        "2036-07-09T20:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2036, 7, 9), date(2036, 7, 12))


def test_a_closing_verb_may_have_its_place_between_it_and_the_day() -> None:
    # "wrap up there on Thursday", "end in Suzhou on Friday"
    there = _read(
        "Mekong cities forum opens in Kunming",
        "Mayors gathered in Kunming on Monday for the opening of the 2035 Lancang-Mekong Cities Forum, which will "
        "move to Jinghong on Wednesday and wrap up there on Thursday.",
        "2035-07-09T20:00:00+08:00",
        "en",
    )
    assert _dates(there) == (date(2035, 7, 9), date(2035, 7, 12))
    named = _read(
        "Delta forum opens in Shanghai",
        "The Yangtze Delta Urban Forum opened in Shanghai on Monday and will end in Suzhou on Friday.",
        "2035-07-09T20:00:00+08:00",
        "en",
    )
    assert _dates(named) == (date(2035, 7, 9), date(2035, 7, 13))


def test_a_forum_moved_on_to_a_place_is_no_postponement() -> None:
    # "moved on Thursday to Kuala Lumpur": a forum going on elsewhere, not one put off to a day.
    reading = _read(
        "Asean youth cities forum moves to Kuala Lumpur",
        "SINGAPORE, July 5 (Xinhua) -- The ASEAN Youth Cities Forum, which opened here on Tuesday, moved on "
        "Thursday to Kuala Lumpur, where it will close on Friday, organizers said.",
        "2035-07-05T20:00:00+08:00",
        "en",
    )
    assert (reading.kind, _dates(reading)) == ("report", (date(2035, 7, 3), date(2035, 7, 6)))


def test_a_future_cue_in_a_later_clause_is_not_the_opening_days_where_its_own_clause_has_its_verb() -> None:
    # 今（8）日在台中登場，…，雙方預計簽署…: the signing is to come, the forum is under way.
    opened = _read(
        "中廈城市論壇今登場",
        "主播：2035台中廈門城市論壇，今（8）日在台中登場，廈門市副市長率團出席，雙方預計簽署三項合作備忘錄。",
        "2035-11-08T19:00:00+08:00",
    )
    assert opened.kind == "report"
    # A date opening the sentence with no verb of its own takes the cue of the clause after it.
    ahead = _read(
        "中廈城市論壇今登場",
        "今（8）日下午，2035台中廈門城市論壇將在台中登場，雙方預計簽署三項合作備忘錄。",
        "2035-11-08T09:00:00+08:00",
    )
    assert ahead.kind == "announcement"


def test_ordinal_days_make_a_span_and_may_name_their_month() -> None:
    next_month = _read(
        "Zhangzhou to host cross-Strait tea towns forum next month",
        "ZHANGZHOU, April 20 (Xinhua) -- A cross-Strait forum on tea towns will be held in Zhangzhou, east China's "
        "Fujian Province, from the 12th to the 14th of next month, organizers announced Monday.",
        "2031-04-20T17:00:00+08:00",
        "en",
    )
    assert _dates(next_month) == (date(2031, 5, 12), date(2031, 5, 14))
    named_month = _read(
        "University hosts ASEAN urban youth forum",
        "Chulalongkorn University hosted the ASEAN Urban Youth Forum on the 21st and 22nd of November, bringing "
        "together 150 students.",
        "2031-11-25T15:00:00+08:00",
        "en",
    )
    assert _dates(named_month) == (date(2031, 11, 21), date(2031, 11, 22))
    apart = _read(
        "Kaohsiung Renewal Forum to meet twice next month",
        "The Kaohsiung Renewal Forum will meet on the 5th and 12th of next month.",
        "2031-04-20T17:00:00+08:00",
        "en",
    )
    assert _dates(apart) == (date(2031, 5, 5), None)


def test_hours_after_an_english_weekday_gloss_make_a_one_day_forum() -> None:
    reading = _read(
        "2038 Macao-Zhuhai Tourism Forum to be held in Cotai",
        "The 2038 Macao-Zhuhai Tourism Forum will bring together officials and tour operators of the two cities.\n"
        "Date: Mar. 18 (Thu), 9:30-16:00\nVenue: Macao East Asian Games Dome, Cotai",
        "2038-02-20T10:00:00+08:00",
        "en",
    )
    assert _dates(reading) == (date(2038, 3, 18), date(2038, 3, 18))


def test_a_put_off_forums_object_between_its_old_and_new_days() -> None:
    # "postponed the X Forum, which was scheduled to take place on Aug. 4 and 5, to Oct. 20-21"
    reading = _read(
        "Kuala Lumpur postpones heritage cities forum to October",
        "The Kuala Lumpur city hall has postponed the Straits Heritage Cities Forum, which was scheduled to take "
        "place on Aug. 4 and 5, to Oct. 20-21 to avoid the school holidays, officials said on Monday.",
        "2036-07-22T14:00:00+08:00",
        "en",
    )
    assert (reading.kind, _dates(reading)) == ("announcement", (date(2036, 10, 20), date(2036, 10, 21)))


def test_a_relative_clause_on_another_event_tells_that_events_day() -> None:
    # "The forum came ahead of trade talks of the … mechanism, which will open in Lanzhou on July 2": the talks'.
    reading = _read(
        "Lanzhou mayors forum yields 14 deals",
        "LANZHOU — City governments from China and Central Asia signed 14 agreements at the Silk Road Mayors Forum "
        "in Lanzhou, Gansu province, on Wednesday.\n"
        "The forum came ahead of trade talks of the China-Central Asia mechanism, which will open in Lanzhou on "
        "July 2.",
        "2035-06-21T08:00:00+08:00",
        "en",
    )
    assert (reading.kind, _dates(reading)) == ("report", (date(2035, 6, 20), None))


def test_guests_expected_in_a_city_say_where_its_forum_is() -> None:
    reading = _read(
        "Mayors expected at Asean forum in May",
        "More than 50 mayors are expected in Kuala Lumpur next month for the ASEAN Mayors Forum, which will be held "
        "on May 6.",
        "2036-04-10T08:00:00+08:00",
        "en",
    )
    assert _city(reading) == "Kuala Lumpur"


def test_next_years_forum_told_past_a_comma_is_the_next_edition() -> None:
    # A report: 明年論壇將結合…，移至高雄舉行 is where the next edition goes, not where this one was.
    reading = _read(
        "台南城市文化論壇閉幕",
        "〔記者王小明／台南報導〕為期兩天的2035台南城市文化論壇昨（12）日閉幕，台南市與京都市簽署合作備忘錄。\n"
        "市府也透露，明年論壇將結合10月的國慶活動，移至高雄舉行。",
        "2035-09-13T05:00:00+08:00",
    )
    assert (_dates(reading), _city(reading)) == ((date(2035, 9, 11), date(2035, 9, 12)), "台南")


def test_a_forum_given_its_day_as_a_fairs_important_activity_keeps_its_own_day() -> None:
    # 论坛是…博览会的重要配套活动。本届旅博会于…开幕，将持续至…: the fair's closing is not the forum's.
    reading = _read(
        "两岸文旅论坛今天在厦门举行",
        "11月3日，2035两岸文旅论坛在厦门国际会议中心举行。\n"
        "论坛是第十届海峡旅游博览会的重要配套活动。本届旅博会于11月2日开幕，将持续至5日。\n"
        "论坛当天上午举行主旨演讲，下午举行分论坛。",
        "2035-11-03T20:00:00+08:00",
    )
    assert _dates(reading) == (date(2035, 11, 3), date(2035, 11, 3))


def test_a_fairs_short_name_is_a_larger_event_that_holds_the_forum() -> None:
    # 西洽会, 高交会, 服贸会: the fair named by its short name holds the forum named once below the lead.
    reading = _read(
        "第二十六届西洽会闭幕 签约项目超千亿",
        "11月12日，第二十六届中国西部国际投资贸易洽谈会在重庆落下帷幕。本届西洽会于11月9日开幕。\n"
        "作为西洽会期间的重要配套活动，两岸城市发展论坛吸引了两岸200余名代表参加。",
        "2033-11-13T08:00:00+08:00",
    )
    assert (reading.kind, _dates(reading)[0]) == ("report", date(2033, 11, 9))


def test_a_fairs_length_beside_its_opening_is_the_forum_it_holds() -> None:
    # 本届交易会于…开幕，展期四天: a forum with no day of its own takes the fair's days.
    reading = _read(
        "交易会城市更新论坛签约12个项目",
        "11月16日，第十二届海峡两岸机械电子商品交易会在福州落下帷幕。本届交易会于11月13日开幕，展期四天。\n"
        "作为交易会期间的重要配套活动，城市更新论坛吸引了两岸100余家企业参加。",
        "2033-11-17T08:00:00+08:00",
    )
    assert _dates(reading) == (date(2033, 11, 13), date(2033, 11, 16))


def test_a_mainland_bylines_city_is_a_reports_dateline() -> None:
    # 第一财经记者 李明 杭州报道: where a Mainland business paper filed its report.
    reading = _read(
        "长三角城市数字治理论坛落幕 签约项目30个",
        "第一财经记者 李明 杭州报道\n第三届长三角城市数字治理论坛昨日落幕，三省一市签约项目30个。",
        "2034-04-22T08:00:00+08:00",
    )
    assert (reading.kind, _city(reading)) == ("report", "杭州")


def test_a_forum_named_only_in_a_closing_sentence_that_gives_its_days() -> None:
    # The headline speaks of it by its pair ("Kazakh, Uzbek mayors"); its name and days come last.
    reading = _read(
        "Kazakh, Uzbek mayors discuss water sharing in Almaty",
        "Mayors and officials from more than 30 Kazakh and Uzbek cities are in Almaty to discuss water sharing, "
        "irrigation and drought.\n"
        "Participants from Tashkent and Samarkand shared experience in canal repair.\n"
        "The Kazakh-Uzbek Mayors Forum, which opened on Tuesday, runs until Thursday.",
        "2033-03-16T16:00:00+08:00",
        "en",
    )
    assert (reading.kind, _dates(reading), _city(reading)) == (
        "report",
        (date(2033, 3, 15), date(2033, 3, 17)),
        "Almaty",
    )


def test_a_forum_joined_to_its_exhibition_in_a_fairs_name_is_no_other_forum() -> None:
    # 论坛及展览, "Forum & Exhibition": the fair's name, whose dates and place the forum it sets up takes.
    chinese = _read(
        "OEF下月登场 设智慧港口城市论坛",
        "【本报讯】第十五届青岛国际海洋经济论坛及展览（2033OEF）将于9月14日至16日在青岛国际会展中心举行。\n"
        "主办单位昨日表示，本届展会期间将设智慧港口城市论坛，邀请沿海城市代表交流。\n"
        "展会预计设300个展位。",
        "2033-08-20T08:00:00+08:00",
    )
    assert (chinese.kind, _dates(chinese), _city(chinese)) == (
        "announcement",
        (date(2033, 9, 14), date(2033, 9, 16)),
        "青岛",
    )
    english = _read(
        "Qingdao ocean fair to set up port cities forum",
        "The 2033 Qingdao International Ocean Economy Forum & Exhibition (OEF) will be held from Sept 14 to 16 "
        "at the Qingdao International Convention Center.\n"
        "Organisers said yesterday that a smart port cities forum will be held during the exhibition.\n"
        "Some 300 booths are expected.",
        "2033-08-20T08:00:00+08:00",
        "en",
    )
    assert (english.kind, _dates(english)) == ("announcement", (date(2033, 9, 14), date(2033, 9, 16)))


def test_a_fair_that_sets_up_a_forum_holds_it() -> None:
    # 期间将增设…论坛, 期間特設…論壇: a forum the fair sets up is one of its events, named once below the lead.
    reading = _read(
        "文博会下月厦门登场",
        "第十届海峡两岸文化产业博览交易会将于11月3日至6日在厦门国际会展中心举行。\n"
        "主办方介绍，本届文博会期间将增设两岸城市文创论坛，邀请两岸城市代表交流。\n"
        "本届文博会展览面积达5万平方米。",
        "2033-10-10T08:00:00+08:00",
    )
    assert (reading.kind, _dates(reading), _city(reading)) == (
        "announcement",
        (date(2033, 11, 3), date(2033, 11, 6)),
        "厦门",
    )
    traditional = _read(
        "旅遊博覽會下週高雄登場",
        "2034高雄國際旅遊博覽會將於11月17日至20日在高雄展覽館舉行。\n"
        "主辦單位表示，博覽會期間特設港灣城市觀光論壇，邀請日韓城市代表分享經驗。",
        "2034-11-10T08:00:00+08:00",
    )
    assert (traditional.kind, _dates(traditional)) == (
        "announcement",
        (date(2034, 11, 17), date(2034, 11, 20)),
    )


def test_a_papers_place_in_brackets_is_a_reports_dateline() -> None:
    # （吉隆坡讯）, 【本報澳門訊】, 本报北京讯: a paper's dateline may give the place with no day.
    reading = _read(
        "东盟城市治理论坛开幕 逾30城市代表与会",
        "（吉隆坡讯）第三届东盟城市治理论坛昨天（9月2日）在双峰塔会议中心开幕，为期两天。\n"
        "联邦直辖区部长在开幕礼上致辞。",
        "2035-09-03T06:00:00+08:00",
    )
    assert (reading.kind, _dates(reading), _city(reading)) == (
        "report",
        (date(2035, 9, 2), date(2035, 9, 3)),
        "吉隆坡",
    )
    traditional = _read(
        "灣區青年論壇閉幕",
        "【本報澳門訊】為期兩天的2035灣區青年創新論壇昨（14）日在漁人碼頭會展中心閉幕。",
        "2035-05-15T06:00:00+08:00",
    )
    assert (traditional.kind, _city(traditional)) == ("report", "澳門")


def test_the_forums_hours_in_the_next_sentence_make_one_day() -> None:
    # "… on Oct. 17 (Saturday) …" and "It will run from 1:30 p.m. to 6 p.m.": the hours of one day.
    english = _read(
        "Kaohsiung to host Harbour Cities Forum in October",
        "The Kaohsiung City Government today said the 2035 Harbour Cities Forum will be held on Oct. 17 "
        "(Saturday) at the Kaohsiung Exhibition Center.\n"
        "It will run from 1:30 p.m. to 6 p.m., with mayors from Busan and Yokohama among the speakers.",
        "2035-09-30T17:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2035, 10, 17), date(2035, 10, 17))
    chinese = _read(
        "两岸智慧社区论坛下月举行",
        "记者从市台办获悉，2035两岸智慧社区论坛将于11月8日（星期四）在泉州举行。\n论坛将于上午9时至下午5时举行，议题涵盖社区养老与数字治理。",
        "2035-10-20T10:00:00+08:00",
    )
    assert _dates(chinese) == (date(2035, 11, 8), date(2035, 11, 8))
    times = _read(
        "海峽兩岸社區營造論壇下月登場",
        "2035海峽兩岸社區營造論壇將於12月6日在嘉義縣表演藝術中心舉行。\n論壇時間為上午9時30分至下午4時，全程免費。",
        "2035-11-20T10:00:00+08:00",
    )
    assert _dates(times) == (date(2035, 12, 6), date(2035, 12, 6))
    # Each day's hours say nothing of how many days there are.
    each_day = _read(
        "Kaohsiung to host Harbour Cities Forum in October",
        "The 2035 Harbour Cities Forum will open on Oct. 17 at the Kaohsiung Exhibition Center.\n"
        "The forum will run from 9 a.m. to 5 p.m. each day.",
        "2035-09-30T17:00:00+08:00",
        "en",
    )
    assert _dates(each_day) == (date(2035, 10, 17), None)


def test_southeast_asian_cities_as_their_own_papers_write_them() -> None:
    # Vietnamese copy writes Hà Nội and HCM City; a Malaysian paper writes Penang for its city (George Town).
    hanoi = _read(
        "Hà Nội to host Mekong river cities dialogue",
        "Hà Nội will host the Mekong River Cities Dialogue on May 14-15, the city's Department of Foreign "
        "Affairs said on Monday.",
        "2034-04-21T09:00:00+07:00",
        "en",
    )
    assert _city(hanoi) == "Hà Nội"
    hcm = _read(
        "Green ports forum to take place in HCM City",
        "The Asia Green Ports Forum will take place in HCM City on March 3-4, organisers said.",
        "2034-02-10T09:00:00+07:00",
        "en",
    )
    assert _city(hcm) == "HCM City"
    penang = _read(
        "Heritage cities forum opens",
        "The Asian Heritage Cities Forum opened in Penang today with 200 delegates from 12 countries.",
        "2034-06-05T18:00:00+08:00",
        "en",
    )
    assert _city(penang) == "Penang"
    chinese = _read(
        "亚洲遗产城市论坛今开幕", "亚洲遗产城市论坛今天在槟城举行，为期两天。", "2034-06-05T18:00:00+08:00"
    )
    assert _city(chinese) == "槟城"


def test_a_city_whose_name_holds_its_own_shi_is_compared_whole() -> None:
    # 胡志明市 is the city's name, 胡志明 the man: the bench's key keeps the 市 where the name needs it.
    assert city_key("胡志明市") == city_key("Ho Chi Minh City") == city_key("HCM City") == "胡志明市"
    assert city_key("台北市") == city_key("Taipei") == "台北"


def test_a_city_government_hosting_the_forum_names_its_city() -> None:
    # "Kuala Lumpur City Hall (DBKL) will host", "the Seoul Metropolitan Government hosts": the city's
    # government hosts the forum in its city, as 市政府主办 does in Chinese.
    acronym = _read(
        "Capital to host Asean urban mobility forum",
        "Bangkok Metropolitan Administration officials said Bangkok City Hall (BMA) will host the Asean Urban "
        "Mobility Forum from June 3 to 5.",
        "2035-05-12T10:00:00+07:00",
        "en",
    )
    assert _city(acronym) == "Bangkok"
    council = _read(
        "Mayors forum next month",
        "The Manila City Council will host the Pacific Coastal Mayors Forum on Aug 20.",
        "2035-07-20T10:00:00+08:00",
        "en",
    )
    assert _city(council) == "Manila"


def test_a_forum_held_at_the_close_of_its_days_is_counted_back() -> None:
    # "pledged … at the close of the three-day … forum in Jakarta on Thursday": Thursday is the last day.
    reading = _read(
        "Mayors agree on river clean-up targets",
        "Mayors from nine Asian cities agreed on shared river clean-up targets at the close of the three-day "
        "Asian River Cities Forum in Jakarta on Thursday.",
        "2036-03-15T07:00:00+07:00",
        "en",
    )
    assert (reading.kind, _dates(reading)) == ("report", (date(2036, 3, 11), date(2036, 3, 13)))
    # "at the end of May" is no closing.
    planned = _read(
        "Rivers forum set for May",
        "The Asian River Cities Forum will be held in Jakarta at the end of May 20, organisers said.",
        "2036-03-15T07:00:00+07:00",
        "en",
    )
    assert _dates(planned)[0] == date(2036, 5, 20)


def test_a_day_joined_to_a_day_before_it_in_chinese_numerals_is_a_span() -> None:
    reading = _read(
        "港澳青年創業論壇下月舉行",
        "第五屆港澳青年創業論壇將於十月六日及七日在香港會議展覽中心舉行。",
        "2036-09-12T09:00:00+08:00",
    )
    assert _dates(reading) == (date(2036, 10, 6), date(2036, 10, 7))
    # a count of days stays a count
    assert fold("为期三日及七日内") == "为期三日及七日内"


def test_a_notice_time_line_with_an_emoji_and_the_day_again_makes_one_day() -> None:
    # 🕘时间：5月18日（周六）9:30—16:30 under the sentence giving 5月18日: the day's hours.
    reading = _read(
        "报名｜社区营造两岸分享会本周六举行",
        "本周六（5月18日），“社区营造·两岸分享”论坛将在厦门沙坡尾举办。\n"
        "🕘时间：5月18日（周六）9:30—16:30\n📍地点：厦门市思明区沙坡尾艺术西区",
        "2036-05-14T19:00:00+08:00",
    )
    assert _dates(reading) == (date(2036, 5, 18), date(2036, 5, 18))
    # a time line of another day says nothing of this one's length
    other_day = _read(
        "报名｜社区营造两岸分享会本周六举行",
        "本周六（5月18日），“社区营造·两岸分享”论坛将在厦门沙坡尾举办。\n🕘时间：5月19日（周日）9:30—16:30",
        "2036-05-14T19:00:00+08:00",
    )
    assert _dates(other_day)[1] != date(2036, 5, 18)


def test_a_run_told_from_the_date_ties_it_to_the_holding_verb() -> None:
    # 今天起一連兩天在…舉行, and tomorrow's panel in the same sentence: today is the first day.
    reading = _read(
        "亞太城市論壇登場 高市副市長分享韌性經驗",
        "（中央社記者林小文東京8日電）2036亞太城市論壇今天起一連兩天在東京國際論壇大樓舉行，高雄市副市長率團出席，"
        "並將於明天的分組座談中分享高雄的防災經驗。",
        "2036-10-08T21:00:00+08:00",
    )
    assert (reading.kind, _dates(reading)) == ("report", (date(2036, 10, 8), date(2036, 10, 9)))


def test_southeast_asian_cities_are_read_in_both_scripts() -> None:
    # Malaysian, Indonesian, Thai, Philippine and Vietnamese cities, by their English and Chinese names.
    held = _read(
        "Heritage cities forum opens in Ipoh",
        "A two-day heritage cities forum opened in Ipoh on Monday, with delegations from Penang and Medan.",
        "2035-05-06T18:00:00+08:00",
        "en",
    )
    assert held.event is not None
    assert city_key(held.event.city) == "怡保"
    chinese = _read(
        "东盟城市旅游论坛在古晋举行",
        "本报讯 第五届东盟城市旅游论坛5月6日在古晋举行，为期两天。",
        "2035-05-07T08:00:00+08:00",
    )
    assert chinese.event is not None
    assert city_key(chinese.event.city) == "古晋"
    danang = _read(
        "Smart city forum held in Da Nang",
        "The Vietnam smart city forum was held in Da Nang on Friday.",
        "2036-03-14T18:00:00+07:00",
        "en",
    )
    assert danang.event is not None
    assert city_key(danang.event.city) == "岘港"
    # 达沃斯 (Davos) is not 达沃 (Davao)
    davos = _read("论坛在达沃斯举行", "世界经济论坛年会22日在达沃斯举行。", "2036-01-23T08:00:00+08:00")
    assert davos.event is None or city_key(davos.event.city) != "达沃"


def test_kl_in_capitals_is_kuala_lumpur() -> None:
    reading = _read(
        "Asean mayors forum to be held in KL next month",
        "The Asean Mayors Forum will be held in KL on Nov 3 and 4, the organisers said.",
        "2036-10-02T18:00:00+08:00",
        "en",
    )
    assert reading.event is not None
    assert city_key(reading.event.city) == "吉隆坡"
    lower = _read(
        "Water forum to be held next month",
        "The water forum will be held in kl on Nov 3 and 4, the organisers said.",
        "2036-10-02T18:00:00+08:00",
        "en",
    )
    assert lower.event is None or lower.event.city is None


def test_a_malaysian_dateline_in_capitals_with_a_colon_gives_the_city() -> None:
    # "KUALA LUMPUR: The forum opened here yesterday": The Star's and the New Straits Times' dateline.
    reading = _read(
        "Youth entrepreneurship forum draws 500",
        "KUALA LUMPUR: The two-day Youth Entrepreneurship Forum opened here yesterday with 500 participants.",
        "2035-08-13T08:00:00+08:00",
        "en",
    )
    assert reading.kind == "report"
    assert reading.event is not None
    assert city_key(reading.event.city) == "吉隆坡"
    # a sentence opening with a city in lower case and a colon is no dateline
    plain = _read(
        "Youth entrepreneurship forum draws 500",
        "Kuala Lumpur: a city of towers. The two-day Youth Entrepreneurship Forum opened yesterday with 500 participants.",
        "2035-08-13T08:00:00+08:00",
        "en",
    )
    assert plain.event is None or plain.event.city is None


def test_a_convention_district_of_singapore_stands_for_the_city() -> None:
    reading = _read(
        "Mayors discuss water security",
        "Mayors from 40 cities discussed water security at the Water Leaders Forum, held on Monday at "
        "Marina Bay Sands.",
        "2036-06-03T08:00:00+08:00",
        "en",
    )
    assert reading.event is not None
    assert city_key(reading.event.city) == "新加坡"


def test_a_larger_events_days_told_after_another_sentence_on_the_forum_are_not_its() -> None:
    # 作为…交易会的配套活动 … 论坛为期半天。本届西洽会于…开幕，将持续至…: the fair's closing is not the forum's.
    reading = _read(
        "两岸数字经济论坛在重庆举行",
        "本报重庆5月21日讯 作为第十五届中国西部国际投资贸易洽谈会的重要配套活动，两岸数字经济论坛21日上午在重庆"
        "悦来国际会议中心举行。论坛为期半天，两岸企业家约200人参加。本届西洽会于20日开幕，将持续至23日。",
        "2036-05-22T07:00:00+08:00",
    )
    assert _dates(reading) == (date(2036, 5, 21), date(2036, 5, 21))


def test_the_length_of_a_delegations_journey_is_not_the_forums() -> None:
    # 为期五天的参访, "a four-day visit": the delegation's, not the forum's.
    reading = _read(
        "2036台北厦门城市论坛下月在厦门举行",
        "台北市政府今天宣布，2036台北厦门城市论坛将于11月12日在厦门举行。台北市代表团将于11月11日出发，"
        "在出席论坛之余展开为期五天的参访。",
        "2036-10-20T15:00:00+08:00",
    )
    assert _dates(reading) == (date(2036, 11, 12), None)
    english = _read(
        "Kaohsiung mayor to attend Busan forum",
        "The Busan Port Cities Forum will be held on May 20 in Busan. The mayor will lead a delegation on a "
        "four-day visit to South Korea.",
        "2036-05-01T15:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2036, 5, 20), None)


def test_the_day_a_forum_moves_on_to_another_city_is_its_last() -> None:
    # 5月8日至9日在南京举行；10日，论坛移师扬州: it ends the day it goes on elsewhere.
    reading = _read(
        "两岸文创论坛在宁扬两地举行",
        "本报讯 5月8日至9日，2036两岸文创论坛在南京举行；10日，论坛移师扬州，与会嘉宾参访了扬州古城。",
        "2036-05-11T07:00:00+08:00",
    )
    assert _dates(reading) == (date(2036, 5, 8), date(2036, 5, 10))
    assert reading.event is not None
    assert city_key(reading.event.city) == "南京"


def test_a_day_another_event_named_beside_the_forum_runs_until_is_not_its_end() -> None:
    # 论坛为期两天 and 同期举办的…成果展将持续至12日: the exhibition runs on; the forum's length gives its end.
    reading = _read(
        "杭州数字城市论坛开幕",
        "9月5日，2033杭州数字城市论坛在杭州国际博览中心开幕，论坛为期两天。与会者围绕城市数据治理展开讨论。"
        "同期举办的数字城市成果展将持续至9月12日。",
        "2033-09-05T20:00:00+08:00",
    )
    assert _dates(reading) == (date(2033, 9, 5), date(2033, 9, 6))


def test_a_forum_held_with_a_larger_event_and_no_day_of_its_own_takes_its_closing() -> None:
    # 论坛同期举办 and 本届博览会于6日开幕，将持续至10日: the expo's days are the forum's, read on from its opening.
    reading = _read(
        "南亚城市论坛在昆明举行",
        "新华社昆明6月8日电 第九届中国—南亚博览会正在昆明举行，作为博览会的重要活动，南亚城市论坛同期举办。"
        "本届博览会于6月6日开幕，将持续至6月10日。",
        "2033-06-08T18:00:00+08:00",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2033, 6, 6), date(2033, 6, 10))


def test_a_commentary_on_an_edition_just_held_gives_no_city() -> None:
    # An opinion piece on a forum that closed 日前 in a city: no event told, so neither dates nor city.
    reading = _read(
        "让青年交流之路越走越宽",
        "第十二届两岸青年发展论坛日前在杭州落下帷幕。十余年来，论坛始终面向基层、面向青年。"
        "期待更多台湾青年走进来、留下来，在交流中增进理解。",
        "2034-07-20T06:00:00+08:00",
    )
    assert reading.kind == "other"
    assert reading.event is None or reading.event.city is None


def test_a_forum_held_in_a_part_of_its_day_inside_an_expo_is_one_day() -> None:
    # 本届文博会将于20日至23日举办 and 作为系列活动之一，论坛将于21日下午举行: the forum's half-day, not the expo's run.
    reading = _read(
        "两岸文创城市论坛5月21日举行",
        "5月8日，记者从2030文博会新闻发布会上获悉，本届文博会将于5月20日至23日在深圳会展中心举办。"
        "作为文博会系列活动之一，两岸文创城市论坛将于5月21日下午举行。",
        "2030-05-08T16:00:00+08:00",
    )
    assert _dates(reading) == (date(2030, 5, 21), date(2030, 5, 21))


def test_a_forum_with_its_own_day_inside_an_exhibition_does_not_take_its_end() -> None:
    # 「…農業展」將於10月14日至17日舉行 and 展期首日同步舉辦「…論壇」，訂於14日登場: the forum's day, no length.
    reading = _read(
        "2032臺中智慧農業展10月14日開展 亞太農業城市論壇同步登場",
        "臺中市政府今（1）日宣布，「2032臺中智慧農業展」將於121年10月14日至17日在臺中國際展覽館舉行。"
        "展期首日同步舉辦「亞太農業城市論壇」，訂於121年10月14日（星期四）登場。",
        "2032-10-01T15:00:00+08:00",
    )
    assert _dates(reading) == (date(2032, 10, 14), None)


def test_a_headlines_date_given_again_with_the_days_hours_is_one_day() -> None:
    # 論壇10月3日登場 over 將於124年10月3日（星期三）上午9時至下午4時舉行: the hours of one day.
    reading = _read(
        "桃園國際青年論壇10月3日登場 即日起開放報名",
        "桃園市政府今（15）日宣布，「2035桃園國際青年論壇」將於124年10月3日（星期三）上午9時至下午4時在"
        "桃園市政府大禮堂舉行。報名即日起至9月25日止。",
        "2035-09-15T11:00:00+08:00",
    )
    assert _dates(reading) == (date(2035, 10, 3), date(2035, 10, 3))
    english = _read(
        "Youth forum on Oct 3",
        "The Penang Youth Cities Forum will be held on Oct 3 from 9am to 4pm at the Penang Town Hall. "
        "Registration closes on Sept 25.",
        "2035-09-15T11:00:00+08:00",
        "en",
    )
    assert _dates(english) == (date(2035, 10, 3), date(2035, 10, 3))


def test_a_headlines_bare_day_takes_the_month_the_body_gives_it() -> None:
    # 28日澎湖登場 over 將於8月28日至29日在澎湖舉行, published on 4 August: August, not the July nearer the paper.
    reading = _read(
        "兩岸漁業論壇 28日澎湖登場",
        "兩岸漁業論壇將於8月28日至29日在澎湖舉行，預計兩岸漁會代表約200人參加。陸方交流團預計8月27日抵台。",
        "2031-08-04T05:30:00+08:00",
    )
    assert reading.kind == "announcement"
    assert _dates(reading) == (date(2031, 8, 28), date(2031, 8, 29))


def test_a_holding_verb_takes_on_and_its_day_across_a_long_object() -> None:
    # "opened the … Forum at the KL Convention Centre on Monday (Sept 4)" and "which runs until Wednesday".
    reading = _read(
        "Ministers gather for ASEAN Smart Cities Forum",
        "KUALA LUMPUR: Ministers and mayors from ten countries opened the ASEAN Smart Cities Forum at the Kuala "
        "Lumpur Convention Centre on Monday (Sept 4). The forum, which runs until Wednesday, is held alongside a "
        "trade show that continues until Sept 10.",
        "2034-09-05T06:00:00+08:00",
        "en",
    )
    assert reading.kind == "report"
    assert _dates(reading) == (date(2034, 9, 4), date(2034, 9, 6))


def test_japanese_and_korean_cities_are_known() -> None:
    # Fukuoka, 仁川, 橫濱: the region's large cities, in English and both scripts.
    english = _read(
        "Mayors close ageing-cities forum",
        "YOKOHAMA, Japan - Mayors from 12 cities closed a two-day forum in Yokohama on Friday. The Asia Mayors "
        "Forum on Ageing adopted a declaration.",
        "2033-11-04T18:00:00+09:00",
        "en",
    )
    assert english.event is not None
    assert city_key(english.event.city) == "横滨"
    chinese = _read(
        "韩中城市合作论坛在仁川举行",
        "第五届韩中城市合作论坛今天在仁川松岛会展中心举行。",
        "2033-06-12T18:00:00+08:00",
    )
    assert chinese.event is not None
    assert city_key(chinese.event.city) == "仁川"
    assert (
        city_key(
            _read(
                "福岡亞洲城市論壇今登場",
                "2033福岡亞洲城市論壇今（12）日在福岡舉行。",
                "2033-06-12T18:00:00+08:00",
            ).event.city
        )
        == "福冈"
    )  # type: ignore[union-attr]

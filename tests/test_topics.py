from __future__ import annotations

from crawler.topics import Topic, TopicMatcher

MATCHER = TopicMatcher(
    [
        Topic("twin-city-forum", ("双城论坛", "上海-台北城市论坛", "Twin-City Forum")),
        Topic("sister-cities", ("友城", "sister cities")),
    ]
)


def topics(title: str, text: str = "") -> list[str]:
    return [m.topic for m in MATCHER.match(title, text)]


def test_traditional_text_matches_a_simplified_alias() -> None:
    [match] = MATCHER.match("", "2020臺北上海城市論壇(雙城論壇)7月22日登場")
    assert (match.topic, match.alias, match.where) == ("twin-city-forum", "双城论坛", "text")


def test_punctuation_and_case_are_folded() -> None:
    assert topics("Mayor Travels to Shanghai to Attend TWIN CITY forum") == ["twin-city-forum"]
    assert topics("2021上海—台北城市论坛以视频形式举行") == ["twin-city-forum"]


def test_title_match_is_reported_before_body_match() -> None:
    [match] = MATCHER.match("双城论坛开幕", "双城论坛")
    assert match.where == "title"


def test_latin_aliases_match_whole_words_only() -> None:
    assert topics("The Twin-City Forums of Europe") == []
    assert topics("Shanghai and its sister cities") == ["sister-cities"]


def test_an_article_can_match_several_topics_and_unrelated_text_none() -> None:
    assert topics("双城论坛上的友城合作") == ["twin-city-forum", "sister-cities"]
    assert topics("A股三大指数收涨", "沪指涨0.5%，成交额超万亿元") == []

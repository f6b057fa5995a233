from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.cleaner import clean
from crawler.items import ArticleItem
from crawler.pipelines.match import TOPICS_SETTING, MatchPipeline
from crawler.topics import (
    DEFAULT_MIN_SCORE,
    MAX_SCORE,
    TEXT_POINTS_CAP,
    AliasHit,
    Topic,
    TopicEvaluation,
    TopicMatcher,
)
from dedup.textnorm import term_pattern
from forumwatch.config import load_config, parse_config
from forumwatch.crawling import settings_of

TWIN_CITY = Topic("twin-city-forum", ("双城论坛", "上海-台北城市论坛", "Twin-City Forum"))
SISTER_CITIES = Topic("sister-cities", ("友城", "友好城市", "sister cities"), exclude=("儿童友好城市",))
MATCHER = TopicMatcher([TWIN_CITY, SISTER_CITIES])

# Paragraphs that name no topic, about 50 folded characters each: six of them carry any paragraph put
# after them out of the lead.
FILLER = (
    "两市代表就城市治理、文化交流与青年创业等议题深入交流，并签署多项合作备忘录，进一步深化务实合作。",
    "与会嘉宾还参观了当地的科技园区和文化设施，听取了智慧城市建设与公共交通发展的情况介绍。",
    "会后双方表示，将在医疗卫生、产业经济、区域治理等领域持续对话，推动更多项目落地见效。",
    "主办方介绍，本届活动共吸引数百名各界人士参加，多家媒体进行了现场报道和网络直播。",
    "有学者认为，城市之间的务实交流有助于增进了解、凝聚共识，为区域发展注入新的活力。",
    "据悉，相关合作项目的细节将在未来数月内陆续公布，双方工作团队已着手开展筹备工作。",
)
# The user's seed documents, kept verbatim as test fixtures (tests/fixtures/seeds/README.md).
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
EXAMPLE_CONFIG = Path(__file__).resolve().parents[1] / "forumwatch.example.toml"


def body(lead: str = "", later: str = "") -> str:
    """An article body: ``lead`` as its first paragraph, ``later`` after six paragraphs of filler."""
    return "\n".join(part for part in (lead, *FILLER, later) if part)


def evaluation(topic: Topic, title: str, text: str) -> TopicEvaluation:
    [result] = TopicMatcher([topic]).evaluate(title, text)
    return result


def topics(title: str, text: str = "") -> list[str]:
    return [m.topic for m in MATCHER.match(title, text)]


# ------------------------------------------------------------------------------------------ scoring


def test_a_title_hit_matches_and_one_mention_deep_in_the_body_does_not() -> None:
    in_title = evaluation(TWIN_CITY, "双城论坛今日开幕", body())
    deep = evaluation(TWIN_CITY, "两市举行年度交流活动", body(later="活动期间也提到了双城论坛。"))
    assert (in_title.matched, in_title.score, in_title.hits) == (True, 3, (AliasHit("双城论坛", "title", 1),))
    assert (deep.matched, deep.score, deep.hits) == (False, 1, (AliasHit("双城论坛", "body", 1),))
    assert deep.reason == f"below min_score {DEFAULT_MIN_SCORE:g}"


def test_a_mention_in_the_lead_matches_on_its_own() -> None:
    result = evaluation(TWIN_CITY, "两市举行年度交流活动", body(lead="2023双城论坛将于8月在上海举行。"))
    assert (result.matched, result.score, result.hits) == (True, 2, (AliasHit("双城论坛", "lead", 1),))


def test_the_lead_runs_past_a_heading_to_the_paragraph_under_it() -> None:
    text = "「論壇主題」\n2020臺北上海城市論壇(雙城論壇)7月22日上午在臺北晶華酒店登場。\n" + body()
    assert evaluation(TWIN_CITY, "", text).hits == (AliasHit("双城论坛", "lead", 1),)


def test_a_body_in_one_block_is_not_all_lead() -> None:
    one_block = "".join(FILLER * 3) + "活动期间也提到了双城论坛。"  # no paragraph breaks, like a feed summary
    assert evaluation(TWIN_CITY, "", one_block).hits == (AliasHit("双城论坛", "body", 1),)


def test_two_mentions_deep_in_the_body_reach_the_default_min_score() -> None:
    result = evaluation(TWIN_CITY, "两市举行年度交流活动", body(later="双城论坛……双城论坛"))
    assert (result.matched, result.score) == (True, 2)


def test_the_title_scores_once_and_the_text_up_to_its_cap() -> None:
    repeated = "\n".join(["双城论坛"] * 40)
    title_twice = evaluation(TWIN_CITY, "双城论坛：关于双城论坛的十个问题", body())
    text_only = evaluation(TWIN_CITY, "", body(later=repeated))
    both = evaluation(TWIN_CITY, "双城论坛开幕", body(lead="双城论坛", later=repeated))
    assert (title_twice.score, title_twice.hits) == (3, (AliasHit("双城论坛", "title", 2),))
    assert (text_only.score, text_only.hits) == (TEXT_POINTS_CAP, (AliasHit("双城论坛", "body", 40),))
    assert both.score == MAX_SCORE == 9


def test_min_score_is_per_topic() -> None:
    strict = Topic("twin-city-forum", ("双城论坛",), min_score=5)
    title_only = evaluation(strict, "双城论坛开幕", body())
    title_and_lead = evaluation(strict, "双城论坛开幕", body(lead="第十三届双城论坛今天在上海举行。"))
    assert (title_only.matched, title_only.reason) == (False, "below min_score 5")
    assert (title_and_lead.matched, title_and_lead.score) == (True, 5)


# ------------------------------------------------------------------------------- scripts and words


def test_traditional_text_matches_a_simplified_alias_and_the_other_way_round() -> None:
    traditional_alias = Topic("twin-city-forum", ("雙城論壇",))
    [match] = MATCHER.match("", "2020臺北上海城市論壇(雙城論壇)7月22日登場")
    assert match.hits == (AliasHit("双城论坛", "lead", 1),)
    assert evaluation(traditional_alias, "双城论坛开幕", "").hits == (AliasHit("雙城論壇", "title", 1),)


def test_aliases_that_fold_alike_count_once_as_the_first_configured() -> None:
    both_scripts = Topic("twin-city-forum", ("雙城論壇", "双城论坛"))
    assert evaluation(both_scripts, "", "双城论坛与雙城論壇").hits == (AliasHit("雙城論壇", "lead", 2),)


def test_a_mention_of_a_longer_alias_is_not_also_counted_as_the_shorter() -> None:
    nested = Topic("twin-city-forum", ("城市论坛", "上海台北城市论坛"))
    result = evaluation(nested, "", "上海台北城市论坛开幕，另一场城市论坛同日举行")
    assert result.hits == (AliasHit("城市论坛", "lead", 1), AliasHit("上海台北城市论坛", "lead", 1))
    same_start = Topic("twin-city-forum", ("twin city", "Twin-City Forum"))
    result = evaluation(same_start, "", "The Twin-City Forum opened. Twin city ties go back to 2010.")
    assert result.hits == (AliasHit("twin city", "lead", 1), AliasHit("Twin-City Forum", "lead", 1))


def test_punctuation_and_case_are_folded() -> None:
    assert topics("Mayor Travels to Shanghai to Attend TWIN CITY forum") == ["twin-city-forum"]
    assert topics("2021上海—台北城市论坛以视频形式举行") == ["twin-city-forum"]


def test_latin_aliases_match_whole_words_only() -> None:
    assert topics("The Twin-City Forums of Europe") == []
    assert topics("Shanghai and its sister cities") == ["sister-cities"]
    assert topics("Shanghai and its sister citieshall") == []


@pytest.mark.parametrize("before", ["", " ", "x", "7", "论", "-"])
@pytest.mark.parametrize("after", ["", " ", "s", "0", "坛", "."])
@pytest.mark.parametrize("term", ["twin city forum", "2021双城论坛", "双城论坛", "g20", "a"])
def test_a_term_with_a_latin_edge_is_found_as_a_word_wherever_it_stands(
    before: str, after: str, term: str
) -> None:
    # The rule itself: a term that begins (ends) with a letter or digit needs none before (after) it.
    def latin(character: str) -> bool:
        return character.isascii() and character.isalnum()

    expected = not (latin(term[0]) and latin(before[-1:])) and not (latin(term[-1]) and latin(after[:1]))
    found = [match.span() for match in term_pattern([term]).finditer(f"{before}{term}{after}")]
    assert found == ([(len(before), len(before) + len(term))] if expected else [])


def test_an_article_can_match_several_topics_in_configuration_order_and_unrelated_text_none() -> None:
    assert topics("友城代表出席双城论坛") == ["twin-city-forum", "sister-cities"]
    assert topics("A股三大指数收涨", "沪指涨0.5%，成交额超万亿元") == []


# -------------------------------------------------------------------------------------- exclusions


def test_an_exclusion_term_anywhere_vetoes_the_topic_and_is_named() -> None:
    title = "上海新增三个国际友好城市"
    in_body = evaluation(SISTER_CITIES, title, body(later="同时推进儿童友好城市建设。"))
    in_title = evaluation(SISTER_CITIES, "兒童友好城市建設推進會召開", "")  # Traditional: folded like aliases
    # The term still counts as a hit of the alias inside it (友好城市): the score is reported, unused.
    assert (in_body.matched, in_body.excluded_by, in_body.score) == (False, "儿童友好城市", 4)
    assert in_body.reason == "excluded by term '儿童友好城市'"
    assert in_title.excluded_by == "儿童友好城市"
    assert evaluation(SISTER_CITIES, title, body()).matched


def test_evaluate_reports_every_topic_with_its_reason() -> None:
    results = MATCHER.evaluate("双城论坛开幕", body(later="会场布置参考了儿童友好城市的做法，友城代表列席。"))
    assert [result.describe() for result in results] == [
        "twin-city-forum: matched: title: 双城论坛 (score 3)",
        "sister-cities: excluded by term '儿童友好城市': body: 友城, 友好城市 (score 2)",
    ]
    assert [result.describe() for result in MATCHER.evaluate("A股收涨", "")] == [
        "twin-city-forum: below min_score 2: no alias found (score 0)",
        "sister-cities: below min_score 2: no alias found (score 0)",
    ]


# ------------------------------------------------------------------------------------ explanations


def test_a_match_explains_itself_as_json_and_as_a_line() -> None:
    [match] = MATCHER.match(
        "Mayor Travels to Shanghai to Attend Twin-City Forum",
        body(lead="雙城論壇 (Twin-City Forum) 今天開幕，這是第十屆雙城論壇。", later="2021上海-台北城市论坛"),
    )
    assert match.to_json() == {
        "topic": "twin-city-forum",
        "score": 9.0,
        "hits": [
            {"alias": "Twin-City Forum", "where": "title", "count": 1},
            {"alias": "双城论坛", "where": "lead", "count": 2},
            {"alias": "Twin-City Forum", "where": "lead", "count": 1},
            {"alias": "上海-台北城市论坛", "where": "body", "count": 1},
        ],
    }
    assert match.describe() == (
        "title: Twin-City Forum; lead: 双城论坛 ×2, Twin-City Forum; body: 上海-台北城市论坛 (score 9)"
    )


def test_the_brief_example_line() -> None:
    [match] = MATCHER.match("双城论坛开幕", "雙城論壇今天开幕，这是第十届雙城論壇。")
    assert match.describe() == "title: 双城论坛; lead: 双城论坛 ×2 (score 7)"


# ------------------------------------------------------------------- from the configuration to a crawl


def test_the_crawl_settings_carry_exclusions_and_min_score_to_the_match_pipeline() -> None:
    config = parse_config(
        {
            "topics": [
                {"name": "sister-cities", "aliases": ["友城"], "exclude": ["儿童友好城市"], "min_score": 4},
                {"name": "twin-city-forum", "aliases": ["双城论坛"]},
            ]
        }
    )
    topics_setting = settings_of(config, run_id=None).getlist(TOPICS_SETTING)
    pipeline = MatchPipeline.from_crawler(get_crawler(settings_dict={TOPICS_SETTING: topics_setting}))

    def run(html: str) -> ArticleItem:
        item = ArticleItem(source_name="news", url="https://news.example/a", raw=html)
        item.article = clean(html, item.url)
        return pipeline.process_item(item)

    [match] = run(f"<h1>双城论坛开幕</h1><p>友城代表列席双城论坛。</p><p>{''.join(FILLER)}</p>").topics
    assert match.describe() == "title: 双城论坛; lead: 双城论坛 (score 5)"  # 友城: lead 2, below 4
    [match] = run("<h1>上海友城增至九十余个</h1><p>上海友城网络再扩大。</p>").topics
    assert (match.topic, match.score) == ("sister-cities", 5)
    with pytest.raises(DropItem, match="off-topic"):
        run("<h1>上海友城增至九十余个</h1><p>另有多个儿童友好城市项目。</p>")


# ---------------------------------------------------------------------------- the seed documents


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def seed_lines(name: str) -> list[str]:
    return [line.strip() for line in seed(name).splitlines() if line.strip()]


def sina_feed_item() -> tuple[str, str]:
    """The Sina seed is a feed item: YAML front matter (its title) over the page's HTML, cleaned."""
    _, front_matter, html = seed("sina-finance-2021-forum.feed-item.md").split("---", 2)
    [title] = [
        line.split(":", 1)[1].strip(" '") for line in front_matter.splitlines() if line.startswith("title:")
    ]
    return title, clean(html, "https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml").text


def plain_text_seed(name: str, title_line: str | None) -> tuple[str, str]:
    """A plain-text seed: its title is the named line (the text is what follows it), or there is none."""
    lines = seed_lines(name)
    if title_line is None:
        return "", "\n".join(lines)
    assert title_line in lines, f"{name} has no line {title_line!r}"
    return title_line, "\n".join(lines[lines.index(title_line) + 1 :])


@pytest.fixture(scope="module")
def example_matcher() -> TopicMatcher:
    """The topics of the documented example configuration, as the crawl gets them."""
    return TopicMatcher(Topic.from_dict(topic.model_dump()) for topic in load_config(EXAMPLE_CONFIG).topics)


def test_seed_sina_feed_item_is_the_forum_named_in_its_title(example_matcher: TopicMatcher) -> None:
    [match] = example_matcher.match(*sina_feed_item())
    assert match.topic == "twin-city-forum"
    assert match.describe() == (
        "title: 上海台北城市论坛; lead: 双城论坛, 上海台北城市论坛; body: 双城论坛 ×3 (score 9)"
    )  # 上海-台北城市论坛 in the text is the alias 上海台北城市论坛: punctuation between hanzi is no break


def test_seed_taipei_release_matches_by_its_english_alias(example_matcher: TopicMatcher) -> None:
    title, text = plain_text_seed(
        "taipei-gov-2019-forum.en.txt", "Mayor Travels to Shanghai to Attend Twin-City Forum"
    )
    [match] = example_matcher.match(title, text)
    assert match.topic == "twin-city-forum"
    assert match.hits[0] == AliasHit("Twin-City Forum", "title", 1)


def test_seed_traditional_overview_matches_in_its_lead_without_a_title(example_matcher: TopicMatcher) -> None:
    [match] = example_matcher.match(*plain_text_seed("twin-city-forum-overview.zh-Hant.txt", None))
    assert match.topic == "twin-city-forum"
    assert {hit.where for hit in match.hits} == {"lead", "body"}
    assert AliasHit("双城论坛", "lead", 1) in match.hits


def test_seed_mayors_blog_is_a_mayors_forum(example_matcher: TopicMatcher) -> None:
    [match] = example_matcher.match(*plain_text_seed("sco-mayors-dialogue.blog.txt", None))
    assert match.topic == "mayors-forum"
    # The lead is its first paragraphs up to ~200 folded characters; punctuation between hanzi folds to
    # nothing, so the first section heading (一、世界市长对话与上合峰会城市) falls inside it too.
    assert match.hits[0] == AliasHit("世界市长对话", "lead", 2)


def test_seed_sister_cities_article_is_sister_cities_not_the_forum(example_matcher: TopicMatcher) -> None:
    lines = seed_lines("shanghai-sister-cities.seo.txt")
    title, text = plain_text_seed("shanghai-sister-cities.seo.txt", lines[0])
    results = {result.topic: result for result in example_matcher.evaluate(title, text)}
    assert [name for name, result in results.items() if result.matched] == ["sister-cities"]
    assert results["sister-cities"].hits[0] == AliasHit("友城", "title", 1)
    assert results["twin-city-forum"].hits == ()


@pytest.mark.parametrize(
    ("taiwanese", "mainland"),
    [("報導", "报道"), ("網路", "网络"), ("軟體", "软件"), ("資訊", "信息"), ("計程車", "出租车")],
)
def test_taiwanese_and_mainland_words_match_both_ways(taiwanese: str, mainland: str) -> None:
    for alias, text in ((taiwanese, f"市府{mainland}指出"), (mainland, f"市府{taiwanese}指出")):
        assert evaluation(Topic("words", (alias,)), text, "").matched, (alias, text)


def test_punctuation_and_spaces_between_hanzi_do_not_break_an_alias() -> None:
    topic = Topic("twin-city-forum", ("上海-台北城市论坛",))
    for text in ("2025上海台北城市论坛开幕", "2025上海 台北城市論壇开幕", "2025上海－臺北城市論壇开幕"):
        assert evaluation(topic, text, "").matched, text

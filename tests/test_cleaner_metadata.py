"""Page metadata: headlines out of titles, dates to UTC, bylines, images, language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.cleaner import clean
from crawler.cleaner.dates import CHINA_STANDARD_TIME, find_date, parse_date
from crawler.cleaner.language import choose_language, language_by_script
from crawler.cleaner.metadata import absolute_url, clean_byline
from crawler.cleaner.titles import clean_title, title_suffix

HEADLINE = "Mayor Travels to Shanghai to Attend Twin-City Forum"


@pytest.mark.parametrize(
    ("raw", "headings", "site_names", "expected"),
    [
        (f"{HEADLINE}-Secretariat, Taipei City Government", [HEADLINE], [], HEADLINE),
        (
            f"{HEADLINE}-Secretariat, Taipei City Government",
            [],
            ["Secretariat, Taipei City Government"],
            HEADLINE,
        ),
        (f"{HEADLINE} | Taipei City Government", [], [], HEADLINE),
        (f"{HEADLINE} ｜ 臺北市政府", [], [], HEADLINE),
        (f"{HEADLINE} – Taipei City Government", [], [], HEADLINE),
        (
            "2021上海-台北城市论坛以视频形式举行_新浪财经_新浪网",
            [],
            [],
            "2021上海-台北城市论坛以视频形式举行",
        ),
        (
            "新浪网 - 2021上海-台北城市论坛以视频形式举行",
            [],
            ["新浪网"],
            "2021上海-台北城市论坛以视频形式举行",
        ),
        # A heading that only starts the headline is not the headline.
        (f"{HEADLINE} - Taipei", ["Mayor Travels"], [], HEADLINE),
        ("Twin-City Forum", [], [], "Twin-City Forum"),
    ],
)
def test_clean_title(raw: str, headings: list[str], site_names: list[str], expected: str) -> None:
    assert clean_title(raw, headings, site_names) == expected


def test_title_suffix_names_the_outlet() -> None:
    headline = "2021上海-台北城市论坛以视频形式举行"
    assert title_suffix(f"{headline}_新浪财经_新浪网", headline) == "新浪财经"
    assert title_suffix(headline, headline) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-01T22:01:19+08:00", datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC)),
        ("2021-12-01T14:01:19Z", datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC)),
        ("Wed, 01 Dec 2021 14:01:19 GMT", datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC)),
        ("2021年12月01日 22:01", datetime(2021, 12, 1, 14, 1, tzinfo=UTC)),
        ("2021-12-01 22:01:19", datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC)),
        ("2019-07-03", datetime(2019, 7, 2, 16, 0, tzinfo=UTC)),
        ("民國108年7月3日", datetime(2019, 7, 2, 16, 0, tzinfo=UTC)),
        ("中華民國109年7月22日 12:05", datetime(2020, 7, 22, 4, 5, tzinfo=UTC)),
        ("2019/07/03 10:30", datetime(2019, 7, 3, 2, 30, tzinfo=UTC)),
        ("not a date", None),
        ("2019-13-45", None),
        ("1066-10-14", None),
    ],
)
def test_dates_are_read_in_utc8_and_returned_in_utc(value: str, expected: datetime | None) -> None:
    assert parse_date(value, CHINA_STANDARD_TIME) == expected


def test_naive_dates_default_to_utc() -> None:
    assert parse_date("2019-07-03 10:30") == datetime(2019, 7, 3, 10, 30, tzinfo=UTC)


def test_visible_date_inside_a_date_line() -> None:
    found = find_date("来源：央视新闻 2021年12月01日 22:01 分享到", CHINA_STANDARD_TIME)
    assert found == datetime(2021, 12, 1, 14, 1, tzinfo=UTC)


def test_json_ld_and_time_elements_give_the_date() -> None:
    json_ld = (
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"datePublished": "2019-07-03T18:00:00+08:00", "author": {"name": "Lin Yi-chun"}}]}</script>'
    )
    page = f"<html><head>{json_ld}</head><body><article><p>{'Forum text. ' * 20}</p></article></body></html>"
    article = clean(page)
    assert article.published == datetime(2019, 7, 3, 10, tzinfo=UTC)
    assert article.author == "Lin Yi-chun"
    time_page = page.replace(json_ld, "").replace(
        "<article>", '<article><time datetime="2019-07-04T09:00:00Z">July 4</time>'
    )
    assert clean(time_page).published == datetime(2019, 7, 4, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("記者林怡君／臺北報導", "林怡君"),
        ("By admin", "admin"),
        ("作者：城事百科编辑部", "城事百科编辑部"),
        ("https://www.facebook.com/someone", None),
        ("   ", None),
    ],
)
def test_clean_byline(byline: str, name: str | None) -> None:
    assert clean_byline(byline) == name


@pytest.mark.parametrize(
    ("src", "base", "expected"),
    [
        ("/images/a.jpg", "https://www.example-news.tw/news/1", "https://www.example-news.tw/images/a.jpg"),
        ("//n.sinaimg.cn/a.jpg", None, "https://n.sinaimg.cn/a.jpg"),
        ("https://n.sinaimg.cn/a.jpg", None, "https://n.sinaimg.cn/a.jpg"),
        ("images/a.jpg", None, None),
        (None, "https://example.com/", None),
    ],
)
def test_absolute_url(src: str | None, base: str | None, expected: str | None) -> None:
    assert absolute_url(src, base) == expected


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ("en", "Mayor Ko attended the Twin-City Forum in Shanghai.", "en"),
        (None, "Mayor Ko attended the Twin-City Forum in Shanghai.", "en"),
        (None, "2021上海-台北城市论坛今天以视频形式举行。", "zh"),
        ("en", "2021上海-台北城市论坛今天以视频形式举行。", "zh"),  # a theme's default lang="en"
        ("fr", "Le maire Ko a assisté au forum.", "fr"),
        ("zh", "", "zh"),
    ],
)
def test_choose_language(declared: str | None, text: str, expected: str) -> None:
    assert choose_language(declared, text) == expected


def test_chinese_with_english_names_is_still_chinese() -> None:
    assert language_by_script("思科系统(Cisco Systems)是总部设在美国加州的公司。") == "zh"
    assert language_by_script("Ko Wen-je met Gong Zheng (龚正) in Shanghai on July 3.") == "en"


def test_a_declared_title_with_the_suffix_does_not_hide_the_headline() -> None:
    full = f"{HEADLINE}-Secretariat, Taipei City Government"
    assert clean_title(full, ["City News", HEADLINE], [], [full]) == HEADLINE
    # A visible heading equal to the whole title: nothing to cut, even at a spaced hyphen.
    assert clean_title("Ko Wen-je - a profile", ["Ko Wen-je - a profile"]) == "Ko Wen-je - a profile"

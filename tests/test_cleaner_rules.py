"""Cleaner rules added for real outlets: headline spacing, link lists, related-reading cuts, credits,
原标题 lines, ruby annotations, relative times, and the one-walk selector matcher."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from crawler.cleaner import clean
from crawler.cleaner.boilerplate import judge_line
from crawler.cleaner.credits import credited_wire
from crawler.cleaner.dates import CHINA_STANDARD_TIME, parse_relative
from crawler.cleaner.dom import may_match, select, select_any, tree_hooks
from crawler.cleaner.pruning import PRUNE_SELECTORS
from crawler.cleaner.titles import tidy_title

PAGES = Path(__file__).parent / "cleaner_pages"
PARAGRAPH = "<p>上海市與臺北市今天在雙城論壇簽署四項合作備忘錄，兩市市長均出席並致詞，會後共同參觀城市建設成果展。</p>"


def page(body: str, title: str = "雙城論壇") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("平鎮輪胎行惡火  疏散7人1女命喪", "平鎮輪胎行惡火  疏散7人1女命喪"),
        ("學生要求馬英九對話\u3000總統府：不會接受", "學生要求馬英九對話\u3000總統府：不會接受"),
        ("\n   雙城論壇\n   今登場\t ", "雙城論壇 今登場"),
        ("Twin\u00a0City Forum", "Twin City Forum"),
    ],
)
def test_headlines_keep_their_own_spacing(raw: str, expected: str) -> None:
    assert tidy_title(raw) == expected


def test_page_title_keeps_an_ideographic_space_and_loses_the_site() -> None:
    article = clean(page(PARAGRAPH * 3, "雙城論壇登場\u3000柯文哲出席 - 中時新聞網"))
    assert article.title == "雙城論壇登場\u3000柯文哲出席"


def test_link_lists_inside_the_article_area_are_dropped() -> None:
    related = (
        "<ul>"
        + "".join(f"<li><a href='/n{i}'>其他城市交流新聞標題第{i}則</a></li>" for i in range(6))
        + "</ul>"
    )
    article = clean(page(PARAGRAPH * 4 + related))
    assert "其他城市交流新聞標題" not in article.text
    assert article.paragraphs[0].startswith("上海市與臺北市今天")


@pytest.mark.parametrize("heading", ["相關新聞", "延伸閱讀：", "【相关阅读】", "Related Stories"])
def test_a_related_reading_heading_takes_its_list_with_it(heading: str) -> None:
    lines = "".join(f"<p>雙城論壇第{i}屆回顧</p>" for i in range(3))
    article = clean(page(PARAGRAPH * 3 + f"<p>{heading}</p>" + lines))
    assert heading.strip("：【】") not in article.text
    assert "屆回顧" not in article.text
    assert len(article.paragraphs) == 3


def test_original_title_and_source_lines_become_metadata() -> None:
    body = "<p>原标题：沪台双城论坛今日开幕</p>" + PARAGRAPH * 3 + "<p>来源：新华网</p>"
    article = clean(page(body))
    assert article.original_title == "沪台双城论坛今日开幕"
    assert article.credit == "新华网"
    assert "原标题" not in article.text
    assert "来源" not in article.text


@pytest.mark.parametrize(
    ("first", "wire"),
    [
        ("（中央社記者邱俊欽桃園19日電）桃園市平鎮區一家輪胎行今天清晨發生火警。", "中央社"),
        ("新华社上海12月1日电 2021上海-台北城市论坛今天以视频形式举行。", "新华社"),
        ("中新网上海12月1日电 双城论坛今天举行。", "中新网"),
        ("TAIPEI (Reuters) - Taipei's mayor said on Monday the forum would go ahead.", "Reuters"),
        ("上海市與臺北市今天在雙城論壇簽署四項合作備忘錄。", None),
        ("中央社昨天報導，雙城論壇將延期。", None),  # a mention of the wire is not its dateline
    ],
)
def test_wire_datelines_name_the_credited_service(first: str, wire: str | None) -> None:
    assert credited_wire([first, "第二段。"]) == wire


def test_a_reprinted_wire_story_credits_the_wire() -> None:
    body = (
        "<p>（中央社記者林怡君台北3日電）臺北市長今天表示，雙城論壇將如期舉行，兩市將簽署多項備忘錄。</p>"
        + PARAGRAPH * 3
    )
    article = clean(page(body, "雙城論壇如期舉行 - 中時新聞網"), "https://www.chinatimes.example/a.html")
    assert article.credit == "中央社"


def test_ruby_annotations_are_not_text() -> None:
    article = clean(
        page(
            "<p><ruby>雙<rt>ㄕㄨㄤ</rt></ruby><ruby>城<rp>(</rp><rt>chéng</rt><rp>)</rp></ruby>論壇今天在上海舉行，兩市市長出席。</p>"
            * 3
        )
    )
    assert article.paragraphs[0] == "雙城論壇今天在上海舉行，兩市市長出席。"


NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3小时前", datetime(2026, 11, 20, 0, 0, tzinfo=UTC)),
        ("5分鐘前", datetime(2026, 11, 20, 2, 55, tzinfo=UTC)),
        ("刚刚", NOW),
        ("昨天 08:12", datetime(2026, 11, 19, 0, 12, tzinfo=UTC)),  # 08:12 in UTC+8
        ("2 hours ago", datetime(2026, 11, 20, 1, 0, tzinfo=UTC)),
        ("an hour ago", datetime(2026, 11, 20, 2, 0, tzinfo=UTC)),
        ("2019年09月07日 08:12", None),  # absolute: parse_date's job
    ],
)
def test_relative_times(text: str, expected: datetime | None) -> None:
    assert parse_relative(text, NOW, CHINA_STANDARD_TIME) == expected


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_select_any_agrees_with_cssselect(name: str) -> None:
    root = lxml.html.document_fromstring((PAGES / name).read_bytes())
    expected = {element for selector in PRUNE_SELECTORS for element in select(root, selector)}
    for hooks in (None, tree_hooks(root)):  # ruling selectors out by the tree's hooks loses nothing
        found = select_any(root, tuple(PRUNE_SELECTORS), hooks)
        assert set(found) == expected
        assert len(found) == len(set(found))
        assert found == sorted(found, key=list(root.iter()).index)  # document order


def test_selector_hooks_rule_out_only_impossible_selectors() -> None:
    root = lxml.html.document_fromstring("<div id='artibody' class='article main'><p class='x'>t</p></div>")
    hooks = tree_hooks(root)
    assert may_match(hooks, "div#artibody")
    assert may_match(hooks, ".article.main p")
    assert may_match(hooks, "#nothing, .x")
    assert not may_match(hooks, "h1.main-title")
    assert not may_match(hooks, "#artibody .missing")


def test_class_and_id_value_tests_rule_out_only_trees_without_the_value_in_a_token() -> None:
    root = lxml.html.document_fromstring(
        "<div id='main_content' class='index_text_x9 story'><p class='x'>t</p><a href='/a'>a</a></div>"
    )
    hooks = tree_hooks(root)
    possible = [
        "div[class*='index_text_']",
        "[class^='index_text']",
        "p[class$='x']",
        "div[id*='main']",
        '[id="main_content"] p',
        "div[class~='story']",
        "[class*='index_timeBref'], div#main_content",  # one alternative is enough
        "div:not([class*='sidebar'])",  # a value under :not() is no need
        "[class*='text_x9 story']",  # white space: spans tokens, not tested
        "a[href*='ifeng.com']",  # other attributes are not gathered
        "[class*='q\\:x']",  # an escape: the token would not show it
    ]
    impossible = ["div[class*='index_timeBref']", "[id^='artical']", "p[class='q']", "div.story[id*='side']"]
    for selector in possible + impossible:
        assert may_match(hooks, selector) == (selector in possible), selector
        # Never ruled out where libxml2 would have found something.
        assert may_match(hooks, selector) or not select(root, selector), selector


@pytest.mark.parametrize(
    ("text", "local_hour"),
    [("2013.06.29 04:17 pm", 16), ("2013年6月29日 下午3時20分", 15), ("2019-07-03 12:30 am", 0),
     ("2019-07-03 12:05 PM", 12), ("2019-07-03 08:12", 8)],
)  # fmt: skip
def test_twelve_hour_clocks(text: str, local_hour: int) -> None:
    from crawler.cleaner.dates import find_date

    found = find_date(text, CHINA_STANDARD_TIME)
    assert found is not None
    assert found.astimezone(CHINA_STANDARD_TIME).hour == local_hour


@pytest.mark.parametrize(
    "line",
    [
        "您的位置：首页 > 新闻中心 > 两岸 > 正文",
        "Home » News » Asia",
        " | 首页 > 央视社区 > 央视论坛 > 网闻贴吧 | 在线用户:12066",
        "當前位置：首頁 › 市政新聞 › 雙城論壇",
    ],
)
def test_breadcrumb_trails_are_boilerplate(line: str) -> None:
    verdict = judge_line(line)
    assert verdict.rule is not None
    assert verdict.rule.name == "breadcrumb"


@pytest.mark.parametrize(
    "line",
    [
        "原创版权禁止商业转载 授权>>",  # arrows, but no trail of steps
        "溫度 > 30度時，論壇改在室內舉行。",
        "The forum's budget grew from $2m > $3m this year.",
    ],
)
def test_arrows_in_prose_are_no_breadcrumb(line: str) -> None:
    verdict = judge_line(line)
    assert verdict.rule is None or verdict.rule.name != "breadcrumb"


def test_a_notice_heading_takes_its_numbered_clauses_and_contact_line_with_it() -> None:
    body = "兩市代表今天在論壇上簽署了交通與文化交流的合作備忘錄，並約定明年在台北再會。" * 3
    more = "論壇期間，雙方也就青年交流、智慧城市與防疫經驗分享交換意見，氣氛融洽。" * 3
    page = (
        f"<html><body><div class='content'><p>{body}</p><p>{more}</p>"
        "<p>本网版权与免责声明：</p><p>① 凡本网注明“来源：本网”的所有作品，版权均属于本网，未经授权不得转载。</p>"
        "<p>② 凡本网注明“来源：其他媒体”的作品，均转载自其它媒体，并不代表本网赞同其观点。</p>"
        "<p>※ 联系电话：010-63070957</p><p>原创版权禁止商业转载 授权&gt;&gt;</p><p>X</p></div></body></html>"
    )
    article = clean(page, profile="generic")
    assert article.paragraphs == (body, more)


def test_a_vertical_label_goes_but_a_column_of_digits_stays() -> None:
    body = "Twin-city forum delegates met in Taipei and signed agreements on transport and culture. " * 3
    label = "".join(f"<p>{character}</p>" for character in "今日推荐")
    digits = "".join(f"<p>{digit}</p>" for digit in "02468")
    page = f"<html><body><div class='content'><p>{body}</p>{label}<p>{body}</p>{digits}</div></body></html>"
    text = clean(page, profile="generic").text
    assert "今" not in text
    assert "0\n2\n4\n6\n8" in text


def test_layout_rows_of_boilerplate_cells_go_and_data_rows_stay() -> None:
    body = "市府今天公布雙城論壇的議程，交通、文化與青年交流三個分論壇將在兩天內舉行。" * 3
    page = (
        f"<html><body><div class='content'><p>{body}</p>"
        "<table><tr><td>分論壇</td><td>日期</td></tr><tr><td>交通</td><td>8月29日</td></tr>"
        "<tr><td>文化</td><td>8月30日</td></tr></table>"
        "<table><tr><td>【打印本稿】</td><td></td><td>【关闭】</td></tr></table><p>［更多］</p></div></body></html>"
    )
    article = clean(page, profile="generic")
    assert "交通 | 8月29日" in article.text
    assert "打印" not in article.text
    assert "更多" not in article.text

"""Acceptance cases of the cleaner: the five seed documents in realistic page chrome.

Each fixture under tests/cleaner_pages/ is a page written around one of the user's seed documents;
the tests state what must and must not come out, as trafilatura's regression tests do.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.cleaner import CleanArticle, clean, profile_names

PAGES = Path(__file__).parent / "cleaner_pages"
SINA_URL = "https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml"
SINA_IMAGE = (
    "https://n.sinaimg.cn/spider20211201/133/w2000h1333/20211201/0618-e46cac2b9ead2a00041f68128f6f241c.jpg"
)
SINA_PARAGRAPHS = (
    "2021上海-台北城市论坛今天（1日）以视频形式举行。上海市市长龚正、台北市市长柯文哲出席论坛并致辞。"
    "上海市副市长陈通、台北市副市长蔡炳坤作主题演讲。",
    "“双城论坛”是两岸城市交流的响亮品牌，以“新经济 新发展”为主题的本次论坛，寄托了两市人民对未来生活的美好愿景。",
    "上海市市长龚正表示，台北有许多值得上海学习借鉴的先进理念，我们期待与台北分享经验、加强合作。"
    "“两岸同胞都是中国人，同根同源、同文同种；两岸同胞都是一家人，血脉相连、骨肉天亲。”"
    "我们将继续秉持“两岸一家亲”的理念，一如既往关心支持台胞台企在沪发展，为台胞在上海学习、创业、就业、"
    "生活提供更多便利，为台企来沪投资兴业创造良好环境。期待两地携手努力，共谱双城合作新篇章，同创美好生活新未来。",
    "柯文哲说，“双城论坛”是两岸最大城市之间的交流平台，也是维持两岸关系的重要通道。通过“双城论坛”，"
    "两市彼此学习、互相借鉴，两岸持续交流、积累善意、促进互信。两岸经济往来密切，两岸关系“交流比断流好，"
    "对话比对抗好，友善比仇恨好”。希望基于互相认识、互相了解、互相尊重、互相合作、互相谅解，推动两岸交流。"
    "展望未来，希望继续为两岸人民和平相处及两岸关系的和平发展而努力，共同促成两岸有意义的对话，"
    "共同稳定两岸关系的长远发展。",
    "上海市与台北市分别就“建筑可阅读”和“疫情防控常态化下的城市数字化转型”的经验进行分享和交流互动，"
    "并通过“云端”签署交流合作备忘录。论坛开幕前，两市领导还通过视频进行了交流，共同表示期待在疫情之后增进交往，"
    "开展面对面交流。",
    "自2010年以来，“双城论坛”由两市轮流举办，已成为重要的机制化交流平台，累计已签订39项交流合作备忘录。",
    "（总台央视记者 盛瑾瑜 郭恩友）",
)
# Chrome and boilerplate of the Sina fixtures that must never reach the text.
SINA_CHROME = (
    "海量资讯", "新浪财经APP", "责任编辑", "王翔", "appendQr", "{", "border:1px", "news_keyword_pub",
    "文末二维码", "新浪声明", "新浪财经公众号", "相关阅读", "7X24小时", "Copyright", "举报电话", "分享到",
    "关键词", "我要评论",
)  # fmt: skip
# A pinyin syllable in brackets right after a hanzi: what the converter left in the Twin-City overview.
PINYIN_ARTIFACT = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def assert_no_sina_chrome(article: CleanArticle) -> None:
    for phrase in SINA_CHROME:
        assert phrase not in article.text, phrase
        assert phrase not in article.html, phrase


# -- 1. Twin-City Forum overview (Traditional, converter pinyin) -----------------------------------------


@pytest.fixture(scope="module")
def twin_city() -> CleanArticle:
    return clean(page("twin-city-forum.zh-Hant.html"), "https://www.example-news.tw/news/20200722/twin-city")


def test_twin_city_pinyin_annotations_are_dropped(twin_city: CleanArticle) -> None:
    assert "10時在臺北晶華酒店登場" in twin_city.text
    assert "先后發表致詞" in twin_city.text
    assert "為活動揭開序幕" in twin_city.text
    assert "「論壇看點」" in twin_city.paragraphs
    assert PINYIN_ARTIFACT.search(twin_city.text) is None
    assert "(shí)" not in twin_city.text


def test_twin_city_real_parentheses_and_section_heads_stay(twin_city: CleanArticle) -> None:
    assert "2020臺北上海城市論壇(雙城論壇)7月22日上午10時在臺北晶華酒店登場" in twin_city.text
    assert "思科系統(Cisco Systems)" in twin_city.text
    for head in (
        "「論壇主題」",
        "「論壇意義」",
        "「往屆回顧」",
        "2010臺北上海城市論壇",
        "2019年上海臺北城市論壇",
    ):
        assert head in twin_city.paragraphs, head
    assert "<h2>「論壇主題」</h2>" in twin_city.html
    assert twin_city.paragraphs[-1].startswith("“2019上海臺北城市論壇”7月4日在上海舉行")


def test_twin_city_chrome_and_metadata(twin_city: CleanArticle) -> None:
    for chrome in ("熱門新聞", "相關新聞", "發表評論", "版權所有", "分享到", "跳到主要內容", "標籤", "廣告"):
        assert chrome not in twin_city.text, chrome
    assert twin_city.script == "Hant"
    assert twin_city.language == "zh"
    assert twin_city.title == "雙城論壇十年回顧：2010至2020臺北上海城市論壇"
    assert twin_city.outlet == "寶島新聞網"
    assert twin_city.author == "林怡君"
    # 中華民國109年7月22日 12:05, Taipei time.
    assert twin_city.published == datetime(2020, 7, 22, 4, 5, tzinfo=UTC)
    assert twin_city.image == "https://www.example-news.tw/images/2020/07/22/twin-city-8.jpg"
    assert twin_city.extractor == "generic"


# -- 2. Sina Finance article: feed fragment and full page -------------------------------------------------


@pytest.mark.parametrize("profile", ["sina", None])
def test_sina_feed_fragment(profile: str | None) -> None:
    article = clean(page("sina-forum.feed-item.html"), profile=profile)
    assert article.paragraphs == SINA_PARAGRAPHS
    assert article.editor == "王翔"
    assert article.image == SINA_IMAGE
    assert article.script == "Hans"
    assert_no_sina_chrome(article)


@pytest.mark.parametrize(
    "url", [SINA_URL, "https://news.sina.com.cn/c/2021-12-01/doc-x.shtml", "http://127.0.0.1:8765/a", None]
)
def test_sina_full_page(url: str | None) -> None:
    article = clean(page("sina-forum.html"), url)
    assert article.extractor == "sina"
    assert article.paragraphs == SINA_PARAGRAPHS
    assert article.title == "2021上海-台北城市论坛以视频形式举行"
    assert article.published == datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC)
    assert article.published is not None
    assert article.published.isoformat() == "2021-12-01T14:01:19+00:00"
    assert article.editor == "王翔"
    assert article.outlet == "新浪财经"
    assert article.image == SINA_IMAGE
    assert article.script == "Hans"
    assert article.language == "zh"
    assert article.empty_reason is None
    assert_no_sina_chrome(article)


def test_sina_clean_html_is_minimal() -> None:
    article = clean(page("sina-forum.html"), SINA_URL)
    assert article.html.count("<p>") == 7
    assert "<script" not in article.html
    assert "style" not in article.html
    assert "cms-style" not in article.html
    assert "<img" not in article.html


def test_sina_visible_date_is_beijing_time_when_the_meta_tag_is_missing() -> None:
    html = page("sina-forum.html").decode("utf-8")
    html = re.sub(r'<meta property="article:published_time"[^>]*>', "", html)
    html = re.sub(r'<meta name="weibo: article:(create|update)_at"[^>]*>', "", html)
    article = clean(html, SINA_URL)
    assert article.published == datetime(2021, 12, 1, 14, 1, tzinfo=UTC)


# -- 3. WordPress blog post ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blog() -> CleanArticle:
    return clean(
        page("sco-mayors-dialogue.blog.html"),
        "https://citydiplomacy.example.org/2024/06/18/sco-mayors-dialogue/",
    )


def test_blog_headings_and_list_items_stay(blog: CleanArticle) -> None:
    assert "一、世界市长对话与上合峰会城市:是什么?" in blog.paragraphs
    assert "1. 世界市长对话的本质与目标" in blog.paragraphs
    assert "四、如何组织与促成合作?" in blog.paragraphs
    assert (
        "促进城市可持续发展: 围绕联合国2030年可持续发展议程,探讨城市在经济、社会、环境等方面的综合发展路径。"
        in blog.paragraphs
    )
    assert "前期筹备与议题设定:" in blog.paragraphs  # an ordered-list item holding a nested list
    assert "联合发起: 通常由上合组织秘书处、相关成员国政府或承办城市共同发起。" in blog.paragraphs
    assert "<h2>一、世界市长对话与上合峰会城市:是什么?</h2>" in blog.html
    assert "<li>搭建合作桥梁:" in blog.html
    assert "上海合作组织(SCO)的框架下" in blog.text


def test_blog_tag_line_byline_and_comment_form_go(blog: CleanArticle) -> None:
    assert "世界市长对话上合峰会城市" not in blog.paragraphs
    assert blog.paragraphs[-1].startswith("世界市长对话上合峰会城市间的联动")  # prose with the tag's words
    for chrome in (
        "By admin",
        "发表回复",
        "发表评论",
        "近期文章",
        "近期评论",
        "归档",
        "显示名称",
        "WordPress",
        "上一篇",
    ):
        assert chrome not in blog.text, chrome
    assert not any(paragraph in ("admin", "By admin") for paragraph in blog.paragraphs)


def test_blog_metadata(blog: CleanArticle) -> None:
    assert blog.title == "世界市长对话与上合峰会城市：连接欧亚的城市合作新平台"
    assert blog.outlet == "城市外交观察"
    assert blog.author == "admin"
    assert blog.published == datetime(2024, 6, 18, 1, 30, tzinfo=UTC)
    assert blog.language == "zh"
    assert blog.script == "Hans"


# -- 4. Taipei City Government English news release ------------------------------------------------------


@pytest.fixture(scope="module")
def taipei() -> CleanArticle:
    return clean(
        page("taipei-gov-2019-forum.en.html"),
        "https://english.gov.taipei/News_Content.aspx?n=8693DC9620A1AABF&s=8A2E8D3A7A3C6A8E",
    )


def test_taipei_title_and_navigation(taipei: CleanArticle) -> None:
    assert taipei.title == "Mayor Travels to Shanghai to Attend Twin-City Forum"
    for navigation in (
        "Jump to the content zone at the center",
        "Secretariat, Taipei City Government",
        "City News",
    ):
        assert navigation not in taipei.text, navigation
    for chrome in (":::", "Post Date", "Privacy Policy", "Copyright", "Site Map", "Share:"):
        assert chrome not in taipei.text, chrome
    assert taipei.paragraphs[0].startswith("Twin-City Forum Taipei City Mayor Ko Wen-je")
    assert taipei.paragraphs[-1].endswith("continue to be held in the future without interruption.")
    assert len(taipei.paragraphs) == 6


def test_taipei_language_and_date(taipei: CleanArticle) -> None:
    assert taipei.language == "en"
    assert taipei.script is None
    taipei_time = timezone(timedelta(hours=8))
    assert taipei.published == datetime(2019, 7, 3, tzinfo=taipei_time)
    assert taipei.outlet == "Secretariat, Taipei City Government"
    assert taipei.image == "https://english.gov.taipei/Upload/News/20190703/ko-yangshan.jpg"


def test_title_suffix_after_a_pipe_is_cut() -> None:
    html = page("taipei-gov-2019-forum.en.html").decode("utf-8")
    html = html.replace(
        "Twin-City Forum-Secretariat, Taipei City Government</title>",
        "Twin-City Forum | Taipei City Government</title>",
    ).replace('<h3 class="caption">Mayor Travels to Shanghai to Attend Twin-City Forum</h3>', "")
    assert clean(html).title == "Mayor Travels to Shanghai to Attend Twin-City Forum"


# -- 5. Content-farm article with SEO lines and a table --------------------------------------------------


@pytest.fixture(scope="module")
def content_farm() -> CleanArticle:
    return clean(page("shanghai-sister-cities.seo.html"), "https://www.example-farm.com/city/12345.html")


def test_content_farm_seo_lines_go(content_farm: CleanArticle) -> None:
    assert "元描述" not in content_farm.text
    assert "关键词" not in content_farm.text
    assert content_farm.paragraphs[0].startswith("准备好深入探索上海城市外交策略的非凡世界了吗?")
    for chrome in ("上一篇", "相关推荐", "热门文章", "分享到：", "版权所有", "转载请注明", "下载城事百科APP"):
        assert chrome not in content_farm.text, chrome


def test_content_farm_table_survives_as_rows(content_farm: CleanArticle) -> None:
    assert "旧金山 | 经济、文化交流、科技 | 投资合作协议,企业家交流会" in content_farm.paragraphs
    assert "蓬皮杜中心 | 文化交流 | 共同举办近30场展览" in content_farm.paragraphs
    assert "友城 | 合作领域 | 合作成果" in content_farm.paragraphs
    assert "<table>" in content_farm.html
    assert "<td>鹿特丹</td><td>港口管理、城市发展</td><td>经验分享,最佳实践</td>" in content_farm.html
    assert "Q1: 上海选择友城的标准是什么?" in content_farm.paragraphs


def test_seo_lines_on_separate_lines_go() -> None:
    html = (
        "<html><head><title>上海友城 - 城事百科网</title></head><body><article>"
        "<p>元描述: 深入探讨上海如何利用其庞大的国际友城网络促进经济发展。</p>"
        "<p>关键词: 上海友城,国际合作,城市外交</p>"
        "<p>上海与全球多个国际友城建立了合作关系，涵盖经济、文化、科技和城市建设等多个领域，"
        "推动了城市之间的务实交流与共同发展。</p></article></body></html>"
    )
    article = clean(html)
    assert len(article.paragraphs) == 1
    assert article.paragraphs[0].startswith("上海与全球多个国际友城")


# -- Profiles, API and bad input -------------------------------------------------------------------------


def test_profile_names_include_generic_and_sina() -> None:
    assert profile_names()[0] == "generic"
    assert "sina" in profile_names()


def test_unknown_profile_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown cleaner profile"):
        clean(b"<p>x</p>", profile="no-such-site")


def test_forcing_generic_skips_the_sina_profile() -> None:
    article = clean(page("sina-forum.html"), SINA_URL, profile="generic")
    assert article.extractor == "generic"
    assert article.paragraphs[: len(SINA_PARAGRAPHS)] == SINA_PARAGRAPHS


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \n ",
        "",
        b"<html><body></body></html>",
        b"<html><head><title>only a title</title></head><body><script>var a = 1;</script></body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b'<?xml version="1.0"?><rss><channel><item><title>t</title></item></channel></rss>',
    ],
)
def test_bad_input_gives_an_empty_article_with_a_reason(raw: bytes | str) -> None:
    article = clean(raw, "https://example.com/x")
    assert article.is_empty
    assert article.paragraphs == ()
    assert article.empty_reason
    assert article.url == "https://example.com/x"


def test_truncated_html_keeps_what_is_there() -> None:
    truncated = page("sina-forum.html")[: len(page("sina-forum.html")) // 2]
    article = clean(truncated, SINA_URL)
    assert article.paragraphs[0] == SINA_PARAGRAPHS[0]
    assert article.empty_reason is None


def test_to_json_is_serialisable() -> None:
    payload = clean(page("sina-forum.html"), SINA_URL).to_json()
    assert payload["published"] == "2021-12-01T14:01:19+00:00"
    assert payload["extractor"] == "sina"
    assert payload["text"] == "\n".join(SINA_PARAGRAPHS)


def test_an_internal_error_becomes_an_empty_article(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_metadata(page: object) -> None:
        raise RuntimeError("a bug, not bad input")

    monkeypatch.setattr("crawler.cleaner.core.read_metadata", broken_metadata)
    article = clean(page("sina-forum.html"), SINA_URL)
    assert article.is_empty
    assert article.empty_reason is not None
    assert "internal" in article.empty_reason


def test_trafilatura_is_imported_only_when_the_cleaner_asks_it(tmp_path: Path) -> None:
    # A page the own finder is sure of (an <article> of paragraphs) leaves trafilatura unimported; a
    # page it is unsure of (lines of text in the <body> itself) imports it and is cleaned all the same.
    sure = "<html><body><nav>首页</nav><article>" + "<p>双城论坛在上海举行，两市代表出席。</p>" * 4
    unsure = "<html><body>" + "双城论坛在上海举行，两市代表出席，交流频繁。<br><br>" * 8
    script = (
        "import sys\n"
        "from crawler.cleaner import clean\n"
        "for page in sys.argv[1:]:\n"
        "    article = clean(page + '</body></html>', 'http://news.example/a/1.html')\n"
        "    print(bool(article.text), 'trafilatura' in sys.modules)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, sure, unsure],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert ran.stdout.split("\n")[:2] == ["True False", "True True"], ran.stderr

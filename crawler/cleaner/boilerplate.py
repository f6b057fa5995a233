"""Boilerplate lines: rules as data, each a named regex that a whole short line must match.

Rules run after every extractor on every paragraph, so a promo that slips through a profile or a feed
fragment still goes. A rule only looks at lines up to its ``max_length``: a real paragraph that merely
mentions 版权所有 or 扫描二维码 is long, a footer line is short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

CapturedField = Literal["editor", "author", "original_title", "credit"]


@dataclass(frozen=True)
class LineRule:
    """Drop a line that matches ``pattern`` (``re.search``); a named group ``value`` goes to ``captures``."""

    name: str
    pattern: re.Pattern[str]
    max_length: int = 80
    captures: CapturedField | None = None
    # A heading such as 相关阅读 / 延伸閱讀: the list of other stories after it goes too.
    cuts_following_list: bool = False
    # A notice heading such as 版权与免责声明: its numbered clauses (① 凡本网注明…, 一、…) go too.
    cuts_following_clauses: bool = False


def _rule(
    name: str,
    pattern: str,
    max_length: int = 80,
    captures: CapturedField | None = None,
    cuts_following_list: bool = False,
    cuts_following_clauses: bool = False,
) -> LineRule:
    return LineRule(
        name,
        re.compile(pattern, re.IGNORECASE),
        max_length,
        captures,
        cuts_following_list,
        cuts_following_clauses,
    )


_OPEN = r"^[\s(（\[【<〔]*"
_CLOSE = r"[\s)）\]】>〕]*$"
# A name is one token (王翔, admin) optionally followed by a staff code: Sina's "SF009", NetEase's "_NE0011".
_NAME = r"(?P<value>[^\s:：()（）\[\]【】_]{1,24})(?:(?:\s+|_)[A-Za-z]{1,4}\d{1,4})?"
_EDITING_ROLES = (
    r"责任编辑|責任編輯|责编|責編|编辑|編輯|校对|校對|审核|審核|审校|審校|终审|終審|初审|初審|复审|複審"
    r"|监制|監製|统筹|統籌|美编|美編|排版"
)
# Credits that sit beside the editing ones in the same line: writer, reporter, photographer, source.
_CREDIT_ROLES = (
    r"(?:实习|實習|文字|执行|執行|值班|网络|網路|视觉|視覺)?(?:" + _EDITING_ROLES + r")"
    r"|作者|记者|記者|撰文|文|图|圖|摄影|攝影|来源|來源|出品人?|制作|製作|策划|策劃"
)
# A line of nothing but CSS: rules (".appendQr_wrap{border:1px solid #E6E6E6;}"), at-rules, or the
# braces a sanitiser leaves when it strips a <style> element's text but not its character references.
_CSS_RULE = r"(?:[-a-zA-Z0-9_\s.#,:>*+~()%]|\[[^\]]*\]){1,200}\{(?:\s*[-a-zA-Z]+\s*:[^{}]*|\s*)\}"

LINE_RULES: tuple[LineRule, ...] = (
    _rule("editor", _OPEN + r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|Editor)\s*[:：]\s*" + _NAME + _CLOSE[:-1]
          + r"(?:\d{6,8})?\s*$",  # CNA closes with "（編輯：陳政偉）1120830", the ROC date code
          max_length=40, captures="editor"),
    _rule("byline", r"^(?:(?:By|Posted by|Written by)\s+|作者\s*[:：]\s*)" + _NAME + r"\s*$",
          max_length=40, captures="author"),
    _rule("original-title", r"^[【\[(（]?(?:原标题|原標題|原题|原題)\s*[:：]\s*(?P<value>.{2,90}?)[】\])）]?$",
          max_length=100, captures="original_title"),
    _rule("source-line", r"^[【\[(（]?(?:来源|來源|稿源|本文来源|本文來源|文章来源|文章來源)\s*[:：]\s*"
          r"(?P<value>[^\s|｜:：]{2,20})\s*[】\])）]?$", max_length=30, captures="credit"),
    # Editing and production credits closing Chinese portal and blog posts: one or more "role：names"
    # parts ("审核：李四 编辑：张三", "文/张三 | 编辑/李四", "校对：王五；监制：赵六"), at least one an editing role.
    _rule("staff-credits", r"^(?=.*(?:" + _EDITING_ROLES + r"))(?:(?=.*?(?:责任编辑|責任編輯|责编|責編|编辑|編輯)"
          r"\s*[:：/／]\s*(?P<value>[^\s|｜;；,，、/／()（）]{1,24})))?" + _OPEN
          + r"(?:(?:" + _CREDIT_ROLES + r")\s*[:：/／]\s*[^:：/／|｜;；]{1,24}?\s*(?:[|｜;；,，、]\s*|\s+|(?=[)）】\]]*$)))+"
          + _CLOSE, max_length=80, captures="editor"),
    # A promo points readers at an app: "…，尽在新浪财经APP", "下载XX客户端", "扫一扫", "长按识别二维码".
    _rule("app-promo", r"尽在.{0,12}(?:APP|App|客户端|客戶端)$|下载.{0,20}(?:APP|客户端|App)|扫描二维码|扫码(?:关注|下载)"
          r"|(?:微信)?扫一扫|掃一掃"
          r"|(?:长按|识别).{0,6}二维码|掃描二維碼|下載.{0,20}(?:APP|App)|用APP看新聞|打开.{0,8}(?:APP|App|客户端)"
          r"|(?:关注|關注).{0,12}(?:微信公众号|公众号|公眾號|粉絲團|粉丝团)|按讚加入|點我下載|点击下载"
          # WeChat accounts' calls to follow, like and share: "点击上方蓝字关注我们", "分享、点赞、在看".
          r"|(?:点击|點擊|点|點).{0,4}(?:蓝字|藍字).{0,6}(?:关注|關注)"
          r"|^(?:(?:点个|點個)?(?:分享|点赞|點讚|点亮|在看|收藏|转发|轉發)[、，,|｜\s]*){2,}$|^(?:点个|點個)在看", max_length=80),
    _rule("related-heading", r"^[【\[『「]?(?:相关阅读|相關閱讀|相关新闻|相關新聞|相关报道|相關報導|相关文章|相關文章|延伸阅读|延伸閱讀"
          r"|推荐阅读|推薦閱讀|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|更多新闻|更多新聞|看更多|热点推荐|熱門新聞"
          r"|Related(?: Articles| Stories| News| Posts| Reading| Coverage)?|Read more|Recommended(?: for you)?"
          r"|More from [\w ]{1,30})[】\]』」]?\s*[:：>»]*$", max_length=40, cuts_following_list=True),
    # "免责声明：…", and the notice heading over numbered clauses that portals close with ("振兴东北网版权与
    # 免责声明：", "反侵权公告："), the site's name before it or not.
    _rule("disclaimer", r"^[【\[(（]?(?:免责声明|免責聲明|特别声明|特別聲明|版权声明|版權聲明)[】\])）]?\s*[:：]?"
          r"|^.{0,12}(?:版权与免责声明|版權與免責聲明|版权及免责声明|版權及免責聲明|版权声明|版權聲明|免责声明|免責聲明"
          r"|反侵权公告|反侵權公告)\s*[:：]?$", max_length=300, cuts_following_clauses=True),
    _rule("correction-prompt", r"^[【\[]?(?:纠错|糾錯|我要纠错|我要糾錯)[】\]]?$", max_length=10),
    # A page's own action links as labels: 【打印本稿】, [关闭窗口], 【收藏】, ［更多］, "more >>".
    _rule("page-action", r"^[【\[［(（]?\s*(?:打印本稿|打印本页|打印本頁|打印|列印|关闭窗口|關閉視窗|关闭|關閉|收藏本文|收藏|阅读原文|閱讀原文"
          r"|推荐给朋友|推薦給朋友|更多|Print(?: this page)?|Close(?: window)?|More)\s*[】\]］)）]?\s*[>»]*$", max_length=12),
    _rule("back-to-portal", r"^返回.{1,6}[，,]?\s*查看更多$|^返回(?:首页|首頁|顶部|頂部|列表)$", max_length=20),
    _rule("seo-meta", r"^(?:元描述|元關鍵詞|关键词|關鍵詞|关键字|關鍵字|Meta description|Meta keywords"
          r"|SEO (?:title|description))\s*[:：]", max_length=400),
    _rule("tag-line", r"^(?:标签|標籤|Tags?|Tagged)\s*[:：]", max_length=200),
    _rule("comment-prompt", r"^(?:发表回复|發表回覆|發表回復|发表评论|發表評論|我要评论|我要評論|我来说两句|我來說兩句"
          r"|网友评论|網友評論|已有\d+人参与|Leave a Reply|Leave a comment|Post a comment|Add a comment"
          r"|\d+\s*条评论|Comments? (?:are )?closed|Kommentare (?:sind )?geschlossen|Commentaires fermés)",
          max_length=40),
    # Page furniture of blog and news themes: a reading time ("5 min read", "Lesezeit: 3 Minuten"), the
    # post's category line ("Category: Press Releases", "Kategorie: News").
    _rule("reading-time", r"^(?:\d+\s*(?:min(?:ute)?s?|Min(?:uten)?)\.?\s*(?:read|Lesezeit|de lecture|de lectura)"
          r"|(?:Reading time|Lesezeit|Lesedauer|Temps de lecture|Tiempo de lectura)\s*:?\s*\d+\s*\w*)\.?$", max_length=40),
    # "This entry was posted on ...", "Der Beitrag wurde am ... veröffentlicht": a theme's post footer.
    _rule("posted-on", r"^(?:This (?:entry|post|article) was posted|(?:Der|Dieser) Beitrag wurde am|Publié le"
          r"|Publicado el|Posted on)\b", max_length=160),
    # A PHP notice the server printed into the page ("Warning: ... in /var/www/x.php on line 407").
    _rule("server-error", r"^(?:Warning|Notice|Deprecated|Fatal error|Parse error|Strict Standards)\s*:"
          r".* in \S+\.php on line \d+", max_length=400),
    _rule("category-line", r"^(?:Categor(?:y|ies)|Kategorien?|Rubriken?|Catégories?|Categorías?|Filed under|分类|分類|栏目|欄目)"
          r"\s*[:：]", max_length=80),
    _rule("share-prompt", r"^(?:分享到|分享至|分享：|分享:|Share(?: this)?(?: on)?\s*[:：])", max_length=60),
    _rule("copyright", r"Copyright\s*(?:©|\(c\)|&copy;)?|版权所有|版權所有|All Rights Reserved"
          r"|^©", max_length=160),
    _rule("reprint-notice", r"转载请注明|轉載請註明|未经授权.{0,10}不得转载|(?:未經|非經)授權.{0,10}不得轉載"
          r"|禁止.{0,6}转载|禁止.{0,6}轉載|转载申请|轉載申請",
          max_length=80),
    # A dialog's close button ("X", "×") left as a line of its own.
    # A picture's credit set as a line of its own: "Foto: dpa", "Photo: Reuters", "Bild: Archiv",
    # "Crédits photos : Bestimage", "图片来源：视觉中国", "© AFP / Jane Roe".
    _rule("photo-credit", r"^[(（\[]?\s*(?:(?:Titel)?(?:Foto|Fotos|Bild|Bilder)(?:quelle|nachweis)?|Photos?|Image|Picture"
          r"|Imagen|Credits?|Crédits?(?:\s+photos?)?|Abbildung|Abb\.|图片来源|圖片來源|图片|圖片|图|圖)\s*[:：]|^©\s*\S",
          max_length=90),
    # A caption that ends in its picture's credit: "Marco Odermatt, ski star. © AFP / Jane Roe".
    _rule("caption-credit", r"©\s*[^©.!?。！？]{2,40}$", max_length=200),
    _rule("close-button", r"^(?-i:[X×✕✖╳])$", max_length=1),  # capital X only: "x" is a line of code
    _rule("skip-link", r"^(?:Jump to the content zone at the center|Skip to (?:main )?content"
          r"|跳到主要內容|跳到主要内容|跳至内容|跳至主要內容|:::)$", max_length=60),
    # A breadcrumb trail: three or more short steps joined by arrows ("首页 > 新闻 > 正文", "网易 --> 商业频道 -->",
    # "Home » News » World"), alone or as a cell of an old portal's layout row. Prose never chains
    # arrows; a step longer than a section name ends the match.
    _rule("breadcrumb", r"(?:^|[|｜]\s*)(?:(?:您的位置|您现在的位置|当前位置|當前位置|目前位置|所在位置|現在位置|You are here)"
          r"\s*[:：]?\s*)?[^<>»›＞|｜\n]{1,20}(?:\s*(?:-->|->|>|»|›|＞|→)\s*[^\s<>»›＞|｜\n-][^<>»›＞|｜\n]{0,23}){2,}",
          max_length=160),
    _rule("prev-next", r"^(?:上一篇|下一篇|上一則|下一則|Previous(?: post| article)?|Next(?: post| article)?)"
          r"\s*[:：]", max_length=80),
    # A line that is nothing but a labelled date is page metadata ("Post Date: 2019-07-03").
    _rule("css", r"^(?:\s*" + _CSS_RULE + r")+\s*$|^[{}\s]+$|^\s*@(?:media|font-face|import|keyframes|charset)\b",
          max_length=5000),
    _rule("dateline", r"^(?:(?:Post(?:ed)?|Publish(?:ed)?|Update[d]?|Release)\s*(?:Date|Time|on)?"
          r"|Date|发布时间|發布時間|发布日期|發布日期|更新时间|更新時間|时间|時間|日期)?\s*[:：]?\s*"
          r"(?:(?:中華)?民[國国])?\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
          r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$", max_length=50),
)  # fmt: skip


@dataclass(frozen=True)
class LineVerdict:
    """What the rules say about one line: the rule that matched, if any, and a captured value."""

    rule: LineRule | None = None
    value: str | None = None

    @property
    def is_boilerplate(self) -> bool:
        return self.rule is not None


def judge_line(line: str, rules: Iterable[LineRule] = LINE_RULES) -> LineVerdict:
    """Check one line against the rules; the first matching rule wins."""
    stripped = line.strip()
    for rule in rules:
        if len(stripped) > rule.max_length:
            continue
        match = rule.pattern.search(stripped)
        if match is None:
            continue
        value = match.groupdict().get("value") if rule.captures else None
        return LineVerdict(rule, value.strip() if value else None)
    return LineVerdict()

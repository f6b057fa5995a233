"""The crawl benchmark's site: article pages made from real pages of ../shared/eval with fresh text, and
listing pages that link to them, written to a folder that bench/crawl_server.py serves.

A template is a real page (its markup, scripts, navigation, comments, charset) with its article taken
out: the paragraphs of the labelled body, the headline, the <title> and the title and description
meta tags become slots that each generated article fills (bench/crawl_text.py). Templates are checked
with forumwatch's own cleaner before use: a page whose slots the cleaner does not read back as the
article (a body outside <p>, say) is left out, so that every page of the site is an article.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from bench.crawl_text import LANGUAGES, ArticleText, Language, TextWriter
from bench.datasets import CHINESE, SCRAPINGHUB, TAIWANESE, TWNEWS, LabelledPage, load_set

# Article URLs the sources' article_pattern matches, and the first listing page.
ARTICLE_PATTERN = r"/news/\d{4}/\d{2}/\d{6}\.html$"
START_PATH = "/news/index.html"
# A section front page of a news site shows a few dozen links; the config's max_listing_pages caps the
# pagination at 1000 pages, so larger sites get longer listings.
LINKS_PER_LISTING = 50
MAX_LISTING_PAGES = 1000
# Real news pages are some tens to a few hundred kilobytes; the eval sets hold a few 1 MB pages, left out.
MAX_TEMPLATE_BYTES = 400_000
# How much text of its own a template may add to an article's as the cleaner reads it: a dateline and a
# credit line pass; a page that keeps the original's lead or a long promotion beside the slots, the same
# on each of its pages, would make them near copies of one another, and is left out.
LEFTOVER_SHARE = 0.1
# Paragraphs per generated article; a template with fewer slots gets several in one slot.
PARAGRAPHS = (6, 12)

SETS_BY_LANGUAGE: dict[Language, tuple[str, ...]] = {
    "zh-Hans": (CHINESE,),
    "zh-Hant": (TAIWANESE, TWNEWS),
    "en": (SCRAPINGHUB,),
}
_MARK = re.compile("\ue000(\\w+)\ue001")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_SPACE = re.compile(r"\s+")
# What a page's declared charset is read with, and written with (pages that say gb2312 are GBK).
_DECODE_AS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}
_ENCODE_AS = {"gb2312": "gbk", "x-gbk": "gbk", "big5": "cp950"}
_TITLE_SEPARATORS = ("_", " - ", " | ", "｜", "|", "--", "-", "—")
_TITLE_META = frozenset({"og:title", "twitter:title", "title"})
_DESCRIPTION_META = frozenset({"description", "og:description", "twitter:description"})


@dataclass(frozen=True)
class Template:
    name: str  # set/page
    language: Language
    encoding: str  # the codec its pages are written in
    pieces: tuple[str, ...]  # markup, slot name, markup, slot name, ..., markup
    paragraphs: int  # body slots P0 ... P{n-1}
    title_suffix: str  # what the page's <title> adds to its headline ("_新浪网", " - Reuters")

    def render(self, article: ArticleText) -> bytes:
        """The page with ``article`` in its slots, in the page's own charset."""
        body = _spread(article.paragraphs, self.paragraphs, " " if self.language == "en" else "")
        values = {
            "T": html.escape(article.title + self.title_suffix, quote=False),
            "TA": html.escape(article.title),
            "H": html.escape(article.title, quote=False),
            "DA": html.escape(article.paragraphs[0][:120] if article.paragraphs else ""),
            **{f"P{i}": html.escape(text, quote=False) for i, text in enumerate(body)},
        }
        page = "".join(piece if i % 2 == 0 else values[piece] for i, piece in enumerate(self.pieces))
        return page.encode(self.encoding, errors="xmlcharrefreplace")


def _spread(paragraphs: Sequence[str], slots: int, joiner: str) -> list[str]:
    """``paragraphs`` in ``slots`` slots: one each and the rest empty, or several to a slot."""
    if len(paragraphs) <= slots:
        return [*paragraphs, *[""] * (slots - len(paragraphs))]
    per_slot = [list(paragraphs[i::slots]) for i in range(slots)]  # order within a slot is kept
    return [joiner.join(group) for group in per_slot]


def decode_page(raw: bytes) -> tuple[str, str] | None:
    """The page's text and the codec to write it back with; None when its charset does not read it."""
    declared = _META_CHARSET.search(raw[:8192])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        return raw.decode(_DECODE_AS.get(charset, charset)), _ENCODE_AS.get(charset, charset)
    except (LookupError, UnicodeDecodeError):
        return None


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _mark(element: lxml.html.HtmlElement, slot: str) -> None:
    """Empty ``element`` (children and their tails) and leave the slot's mark in it."""
    for child in list(element):
        element.remove(child)
    element.text = f"\ue000{slot}\ue001"


def _body_paragraphs(doc: lxml.html.HtmlElement, page: LabelledPage) -> list[lxml.html.HtmlElement]:
    """The <p>s of the labelled article: those the gold body holds, or those beside the labelled phrases."""
    if page.gold_body:
        gold = _squash(page.gold_body)
        found = [p for p in doc.iter("p") if len(text := _squash(p.text_content())) >= 8 and text in gold]
        covered = sum(len(_squash(p.text_content())) for p in found) / max(len(gold), 1)
        return found if 0.8 <= covered <= 1.2 else []
    phrase = _squash(page.body_phrases[0]) if page.body_phrases else ""
    holders = [p for p in doc.iter("p") if phrase and phrase in _squash(p.text_content())]
    if not holders:
        return []
    container = holders[-1].getparent()
    if container is None:
        return []
    return [p for p in container.iter("p") if len(_squash(p.text_content())) >= 8]


def _language_fits(page: LabelledPage, language: Language) -> bool:
    if language != "en":
        return True
    gold = page.gold_body or ""
    letters = [c for c in gold if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.97 * len(letters) and " the " in gold


def make_template(page: LabelledPage, set_name: str, language: Language) -> Template | None:
    """``page`` as a template, or None when it cannot be one (too big, unreadable, no body in <p>s)."""
    if len(page.raw) > MAX_TEMPLATE_BYTES or not _language_fits(page, language):
        return None
    decoded = decode_page(page.raw)
    if decoded is None:
        return None
    text, encoding = decoded
    doc = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    paragraphs = _body_paragraphs(doc, page)
    title = doc.find(".//title")
    if len(paragraphs) < 3 or title is None:
        return None
    old_title = _squash(title.text_content())
    suffix = _title_suffix(title.text_content())
    for heading in list(doc.iter("h1", "h2", "h3")):
        words = _squash(heading.text_content())
        if len(words) >= 4 and (words in old_title or words == _squash(page.title or "")):
            _mark(heading, "H")
    _mark(title, "T")
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in _TITLE_META:
            meta.set("content", "\ue000TA\ue001")
        elif key in _DESCRIPTION_META:
            meta.set("content", "\ue000DA\ue001")
    for i, paragraph in enumerate(paragraphs):
        _mark(paragraph, f"P{i}")
    markup = _serialise(doc, has_doctype="<!doctype" in text[:4096].lower())
    return Template(
        f"{set_name}/{page.name}", language, encoding, tuple(_MARK.split(markup)), len(paragraphs), suffix
    )


def _serialise(doc: lxml.html.HtmlElement, has_doctype: bool) -> str:
    """The page's markup as lxml parsed it, charset declaration and doctype kept.

    libxml2 drops <meta http-equiv="Content-Type"> when it writes HTML, and writes a doctype into a
    page that had none: the one is hidden from it, the other only passed when the page had one."""
    hidden = {}
    for number, meta in enumerate(doc.iter("meta")):
        value = meta.get("http-equiv")
        if value is not None and value.lower() == "content-type":
            hidden[f"bench-http-equiv-{number}"] = value
            meta.set("http-equiv", f"bench-http-equiv-{number}")
    doctype = doc.getroottree().docinfo.doctype if has_doctype else None
    markup: str = lxml.html.tostring(doc, encoding="unicode", method="html", doctype=doctype or None)
    for placeholder, value in hidden.items():
        markup = markup.replace(f'http-equiv="{placeholder}"', f'http-equiv="{value}"')
    return markup


def _title_suffix(title: str) -> str:
    """The outlet's part of a page title ("_新浪网"), kept after each generated headline."""
    title = title.strip()
    for separator in _TITLE_SEPARATORS:
        at = title.rfind(separator)
        if at > 0 and len(title) - at <= 30:
            return title[at:]
    return ""


def reads_back(template: Template, writer: TextWriter) -> bool:
    """Whether forumwatch's cleaner finds a generated article's title and text in the template."""
    from crawler.cleaner import clean  # the cleaner's imports are heavy; only here

    for about_forum in (True, False):
        article = writer.article(template.language, about_forum, PARAGRAPHS[1])
        cleaned = clean(template.render(article), "http://127.0.0.1/news/2026/01/000001.html")
        text = _squash(cleaned.text)
        written = [_squash(p) for p in article.paragraphs]
        found = sum(p in text for p in written)
        for paragraph in written:
            text = text.replace(paragraph, "")
        if (
            _squash(article.title) not in _squash(cleaned.title)
            or found < 0.9 * len(written)
            or len(text) > LEFTOVER_SHARE * sum(map(len, written))
        ):
            return False
    return True


def choose_templates(data: Path, per_language: int, seed: int) -> list[Template]:
    """Up to ``per_language`` templates for each language, picked at random among the pages that work."""
    rng = random.Random(seed)
    writer = TextWriter(seed)
    chosen: list[Template] = []
    for language in LANGUAGES:
        pages = [(name, page) for name in SETS_BY_LANGUAGE[language] for page in load_set(data, name)]
        rng.shuffle(pages)
        kept = 0
        for set_name, page in pages:
            if kept == per_language:
                break
            template = make_template(page, set_name, language)
            if template is not None and reads_back(template, writer):
                chosen.append(template)
                kept += 1
    return chosen


@dataclass(frozen=True)
class Site:
    root: Path
    article_paths: tuple[str, ...]
    listing_paths: tuple[str, ...]
    forum_pages: int
    total_bytes: int
    templates: tuple[str, ...]


def write_site(root: Path, pages: int, templates: Sequence[Template], seed: int) -> Site:
    """Write ``pages`` articles (half of them about the forum) and their listings under ``root``."""
    if not templates:
        raise ValueError("no usable template: is the eval folder there?")
    rng = random.Random(seed)
    writer = TextWriter(seed + 1)
    about_forum = [i < round(pages / 2) for i in range(pages)]
    rng.shuffle(about_forum)
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="ascii")
    article_paths, titles, total = [], [], 0
    for number, forum in enumerate(about_forum, start=1):
        template = rng.choice(templates)
        article = writer.article(template.language, forum, rng.randint(*PARAGRAPHS))
        path = f"/news/2026/{1 + number % 12:02d}/{number:06d}.html"
        body = template.render(article)
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        article_paths.append(path)
        titles.append(article.title)
        total += len(body)
    listing_paths = []
    for page, listing in _listings(article_paths, titles):
        path = START_PATH if page == 1 else f"/news/list_{page}.html"
        data = listing.encode("utf-8")
        (root / path.lstrip("/")).write_bytes(data)
        listing_paths.append(path)
        total += len(data)
    return Site(
        root,
        tuple(article_paths),
        tuple(listing_paths),
        sum(about_forum),
        total,
        tuple(sorted({t.name for t in templates})),
    )


def links_per_listing(pages: int) -> int:
    return max(LINKS_PER_LISTING, -(-pages // MAX_LISTING_PAGES))


def _listings(paths: Sequence[str], titles: Sequence[str]) -> Iterator[tuple[int, str]]:
    """The listing pages, newest article first, each linking the next with rel=next and 下一页."""
    per_page = links_per_listing(len(paths))
    order = list(range(len(paths) - 1, -1, -1))
    count = -(-len(order) // per_page)
    for page in range(1, count + 1):
        items = "\n".join(
            f'<li><a href="{paths[i]}">{html.escape(titles[i], quote=False)}</a></li>'
            for i in order[(page - 1) * per_page : page * per_page]
        )
        after = f'<a rel="next" href="/news/list_{page + 1}.html">下一页</a>' if page < count else ""
        yield (
            page,
            f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>新闻 第{page}页</title>'
            f'</head>\n<body><nav><a href="/">首页</a> <a href="{START_PATH}">新闻</a></nav>\n'
            f'<ul class="news-list">\n{items}\n</ul>\n<div class="pages">{after}</div></body></html>\n',
        )

"""Generic extraction for sites without a profile: trafilatura, then a text-density pick, then nothing."""

from __future__ import annotations

import logging
import re

import trafilatura

from crawler.cleaner.blocks import TRAFILATURA_TAGS, Block, blocks_from_element, runs_of
from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.fragment import extract_fragment
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.pruning import prune_chrome
from crawler.cleaner.trace import Trace

logger = logging.getLogger(__name__)

_DENSITY_CANDIDATES = ("article", "main", "section", "div", "td", "body")
_PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "h2", "h3", "h4", "li", "ul", "ol", "table"})
# Below this many characters of own text an element is a label or a menu, not an article. Set low on
# purpose: short feed items and notices are real articles, and the boilerplate rules clean up after.
_MIN_DENSITY_SCORE = 20
LINK_BLOCK_SHARE = 0.6
# The densest element replaces trafilatura's one-block baseline when it holds this share of its text.
_SAME_TEXT_SHARE = 0.8
_CONTENT_ROOTS = ("[itemprop='articleBody']", "article", "main", ".article", "#content", "body")
# Images that are chrome rather than content.
_NOT_LEAD_IMAGE = re.compile(r"logo|icon|avatar|sprite|blank|spacer|qr|erweima|\.gif$|^data:", re.I)


def extract_generic(page: Page, trace: Trace | None = None) -> Extraction:
    """The article of a page no profile knows. Prunes chrome from ``page`` in place."""
    image = first_content_image(page)
    prune_chrome(page.body, trace, page.hooks)
    if page.is_fragment:
        return extract_fragment(page, image, trace)
    blocks = _with_trafilatura(page)
    densest = densest_element(page.body) if len(blocks) <= 1 else None
    if densest is not None and _keeps_structure(blocks, densest_blocks := blocks_from_element(densest)):
        # On short pages trafilatura falls back to its baseline, one block of all text; the densest
        # element holds the same text with its paragraphs and lists intact.
        if trace is not None:
            trace.note(f"trafilatura gave one block; the densest element {densest.tag} keeps the paragraphs")
        return Extraction(_without_widgets(densest_blocks, trace), "density", body_image=image)
    if blocks:
        return Extraction(_without_widgets(blocks, trace), "generic", body_image=image)
    if densest is not None:
        return Extraction(_without_widgets(blocks_from_element(densest), trace), "density", body_image=image)
    return Extraction([], "generic")


# A month grid: cells that are day numbers or weekday labels (一 二 ... 日, Mo Tu, Sun Mon), with arrows
# and month names around. Blog themes and old portals put one in the sidebar; no article is one.
_CALENDAR_CELL = re.compile(r"^(?:[0-9]{1,2}|[一二三四五六日天]|[«»<>‹›]?\s*[A-Za-z]{0,3}\s*[«»<>‹›]?)$")
_CALENDAR_MIN_ROWS = 4
_CALENDAR_CELL_SHARE = 0.9


def without_calendars(blocks: list[Block], trace: Trace | None = None) -> list[Block]:
    """Drop the rows of month-grid tables (the archive calendar of a blog's sidebar)."""
    rows_by_group: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind == "row":
            rows_by_group.setdefault(block.group, []).append(block)
    calendars = {group for group, rows in rows_by_group.items() if _is_calendar(rows)}
    if not calendars or all(block.kind == "row" and block.group in calendars for block in blocks):
        return blocks  # a page that is all calendar (a booking page's availability) keeps it
    if trace is not None:
        trace.removed(
            "extractor", "calendar table", " / ".join(b.text for b in blocks if b.group in calendars)
        )
    return [block for block in blocks if not (block.kind == "row" and block.group in calendars)]


def _is_calendar(rows: list[Block]) -> bool:
    cells = [cell.strip() for row in rows for cell in row.cells]
    if len(rows) < _CALENDAR_MIN_ROWS or not cells:
        return False
    days = sum(1 for cell in cells if _CALENDAR_CELL.match(cell))
    return days >= _CALENDAR_CELL_SHARE * len(cells)


# A listing of other pages: consecutive short lines, each led by its link, with a little metadata after
# it ("旅行中，谁忽悠了你？【版主】08-11 16:06 298字", "· Title (2005-04-25)", "Headline - 3 comments"). Their
# link share stays under LINK_BLOCK_SHARE, so the link-list rule misses them; four in a row, a quarter
# link text together, are a list. Paragraphs of an article that each open with a link are rare, and
# never short four times over. Calibrated on chinese-web-dev (thread lists of old forums) and checked on
# the other sets, where what it takes is related-story, tag and reference lists.
_LISTING_MIN_RUN = 4
_LISTING_MAX_CHARS = 120
_LISTING_MIN_LINK_SHARE = 0.25


def without_listings(blocks: list[Block], trace: Trace | None = None) -> list[Block]:
    """Drop runs of short blocks that each begin with a link (thread lists, dated link lists)."""
    entry = [block.leads_with_link and len(block.text.strip()) <= _LISTING_MAX_CHARS for block in blocks]
    dropped = [False] * len(blocks)
    for start, end in runs_of(entry):
        run = blocks[start:end]
        # The run as a whole is link text by a good part; one entry may be a one-character link ("卖").
        if (
            len(run) >= _LISTING_MIN_RUN
            and sum(b.link_share for b in run) / len(run) >= _LISTING_MIN_LINK_SHARE
        ):
            dropped[start:end] = [True] * len(run)
            if trace is not None:
                trace.removed("extractor", "listing of linked entries", " / ".join(b.text for b in run))
    if all(dropped):
        return blocks  # a page that is a listing keeps it
    return [block for block, drop in zip(blocks, dropped, strict=True) if not drop]


def without_link_lists(blocks: list[Block], trace: Trace | None = None) -> list[Block]:
    """Drop blocks that are mostly link text: menus, "related reading" lists, reply lists of forum threads.

    Article paragraphs link a word or a name; a block that is more than ``LINK_BLOCK_SHARE`` links is a
    list of other pages. When every block is like that, the page is a link list and is kept whole.
    """
    linked = [block.link_share > LINK_BLOCK_SHARE for block in blocks]
    if all(linked):
        return blocks
    # A linked heading over prose is a post's title linking to its permalink; over more links, or at
    # the end, it is the title of a list of other pages ("Related posts").
    dropped = [
        is_linked and (block.kind != "heading" or index + 1 == len(blocks) or linked[index + 1])
        for index, (block, is_linked) in enumerate(zip(blocks, linked, strict=True))
    ]
    if trace is not None:
        for block, drop in zip(blocks, dropped, strict=True):
            if drop:
                trace.removed("extractor", f"link list ({block.link_share:.0%} link text)", block.text)
    return [block for block, drop in zip(blocks, dropped, strict=True) if not drop]


def _without_widgets(blocks: list[Block], trace: Trace | None) -> list[Block]:
    return without_link_lists(without_listings(without_calendars(blocks, trace), trace), trace)


def _keeps_structure(flat: list[Block], structured: list[Block]) -> bool:
    """True when ``structured`` has the paragraphs of ``flat``'s single block (about the same text)."""
    if len(structured) < 2:
        return False
    if not flat:
        return True
    flat_length = len("".join(flat[0].text.split()))
    structured_length = sum(len("".join(block.text.split())) for block in structured)
    return structured_length >= _SAME_TEXT_SHARE * flat_length


def first_content_image(page: Page) -> str | None:
    """The first image of the article area that is not a logo, icon or QR code."""
    root = page.select_first(page.tree, _CONTENT_ROOTS)
    if root is None:
        return None
    for image in root.iter("img"):
        src = str(image.get("src") or image.get("data-src") or "")
        if not src or _NOT_LEAD_IMAGE.search(src):
            continue
        if any(a.tag in ("header", "nav", "footer", "aside") for a in image.iterancestors()):
            continue
        return src
    return None


def _with_trafilatura(page: Page) -> list[Block]:
    try:
        document = trafilatura.bare_extraction(
            page.tree,  # trafilatura works on its own copy of the tree
            url=None,  # only for resolving link targets, which are not kept
            include_formatting=False,  # with it trafilatura drops paragraphs set in <b>/<strong> on some themes
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=True,  # kept as <ref>, so link-only blocks (menus, related lists) can be told
            with_metadata=False,
            deduplicate=False,
            fast=True,  # its fallbacks (readability, jusText) were tried here: they add other posts' text
        )
    except Exception:  # a third-party extractor must not break the never-raise contract
        logger.warning("trafilatura failed on %s", page.url, exc_info=True)
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    return blocks_from_element(body, TRAFILATURA_TAGS)


def densest_element(root: Element) -> Element | None:
    """The element holding the most paragraph text of its own (link text not counted)."""
    best: Element | None = None
    best_score = _MIN_DENSITY_SCORE - 1
    for element in root.iter(*_DENSITY_CANDIDATES):
        score = _own_text_score(element)
        if score > best_score:
            best, best_score = element, score
    return best


def _own_text_score(element: Element) -> int:
    score = len((element.text or "").strip())
    for child in element:
        score += len((child.tail or "").strip())
        if isinstance(child.tag, str) and child.tag in _PARAGRAPH_TAGS:
            links = sum(len(text_of(a)) for a in child.iter("a"))
            score += len(text_of(child)) - links
    return score

"""Generic extraction for sites without a profile.

Our own finder (crawler/cleaner/content.py) first; where it is unsure, trafilatura's fast path, then the
densest element when trafilatura falls back to one block of all text. What either finds goes through
the block rules of crawler/cleaner/block_rules.py.
"""

from __future__ import annotations

import logging
import re

from crawler.cleaner.block_rules import without_box_titles, without_widgets
from crawler.cleaner.blocks import TRAFILATURA_TAGS, Block, blocks_from_element
from crawler.cleaner.content import BODY_NAME, SURE_TIERS, find_article, prepare
from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.fragment import extract_fragment
from crawler.cleaner.inner_chrome import remove_inner_chrome
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.pruning import prune_chrome
from crawler.cleaner.trace import Trace

logger = logging.getLogger(__name__)

_DENSITY_CANDIDATES = ("article", "main", "section", "div", "td", "body")
_PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "h2", "h3", "h4", "li", "ul", "ol", "table"})
# Below this many characters of own text an element is a label or a menu, not an article. Set low on
# purpose: short feed items and notices are real articles, and the boilerplate rules clean up after.
_MIN_DENSITY_SCORE = 20
# The densest element replaces trafilatura's one-block baseline when it holds this share of its text.
_SAME_TEXT_SHARE = 0.8
_CONTENT_ROOTS = ("[itemprop='articleBody']", "article", "main", ".article", "#content", "body")
# Images that are chrome rather than content.
_NOT_LEAD_IMAGE = re.compile(r"logo|icon|avatar|sprite|blank|spacer|qr|erweima|\.gif$|^data:", re.I)


def extract_generic(page: Page, trace: Trace | None = None) -> Extraction:
    """The article of a page no profile knows. Prunes chrome from ``page`` in place."""
    if page.is_fragment:
        image = first_content_image(page)
        prune_chrome(page.body, trace, page.hooks)
        return extract_fragment(page, image, trace)
    # The finder reads the whole page (menus and sidebars weigh little against its prose once link
    # text is discounted); the chrome selectors then run on what it found only, a small part of the
    # tree, and on the whole page only when trafilatura is asked.
    prepare(page.body)
    found = find_article(page.body)
    if found is not None and found.sure:
        if trace is not None:
            trace.note(f"article found by {found.how}")
        image = first_image(found.elements)  # before the inner chrome (a lead picture's figure) goes
        for element in found.elements:
            prune_chrome(element, trace, page.hooks)
        blocks = own_blocks(found.elements, trace)
        if blocks:
            return Extraction(blocks, "generic", body_image=image)
    prune_chrome(page.body, trace, page.hooks)
    image = first_content_image(page)
    if trace is not None:
        why = "no container holds an article" if found is None else f"unsure ({found.how})"
        trace.note(f"own finder {why}: trafilatura")
    # With nothing named and nothing dense, or only a page-wide name, trafilatura's whole cascade (its
    # fast path, then its comparisons with a baseline) reads the page; where our two readings disagree
    # over a named body, its fast path is enough and its fallbacks would add other stories' text.
    blocks = _with_trafilatura(page, whole_cascade=found is None or not 0 < found.tier <= SURE_TIERS)
    densest = densest_element(page.body) if len(blocks) <= 1 else None
    if densest is not None and _keeps_structure(blocks, densest_blocks := blocks_from_element(densest)):
        # On short pages trafilatura falls back to its baseline, one block of all text; the densest
        # element holds the same text with its paragraphs and lists intact.
        if trace is not None:
            trace.note(f"trafilatura gave one block; the densest element {densest.tag} keeps the paragraphs")
        return Extraction(without_widgets(densest_blocks, trace), "density", body_image=image)
    if blocks:
        return Extraction(without_widgets(blocks, trace), "generic", body_image=image)
    if densest is not None:
        return Extraction(without_widgets(blocks_from_element(densest), trace), "density", body_image=image)
    return Extraction([], "generic")


def own_blocks(elements: tuple[Element, ...], trace: Trace | None = None) -> list[Block]:
    """The blocks of the containers the own finder chose, their inner chrome taken out first."""
    blocks: list[Block] = []
    for element in elements:
        removed = remove_inner_chrome(element, BODY_NAME)
        if trace is not None:
            for gone in removed:
                trace.removed("extractor", "chrome inside the article", text_of(gone))
        blocks.extend(blocks_from_element(element))
    return without_box_titles(without_widgets(blocks, trace), trace)


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
    return None if root is None else first_image((root,))


def first_image(roots: tuple[Element, ...]) -> str | None:
    """The first image under ``roots`` that is not a logo, icon or QR code, nor in a header or menu."""
    for root in roots:
        for image in root.iter("img"):
            src = str(image.get("src") or image.get("data-src") or "")
            if not src or _NOT_LEAD_IMAGE.search(src):
                continue
            if any(a.tag in ("header", "nav", "footer", "aside") for a in image.iterancestors()):
                continue
            return src
    return None


def _with_trafilatura(page: Page, whole_cascade: bool = False) -> list[Block]:
    # Imported when first asked for: trafilatura and what it imports (courlan, htmldate, justext, babel's
    # data) hold 4.6 MiB and take 70 ms to import, and a crawl of profiled sites, or of pages the own
    # finder is sure of, never calls it.
    import trafilatura

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
            fast=not whole_cascade,
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

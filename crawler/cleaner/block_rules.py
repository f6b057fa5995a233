"""Rules on the blocks a generic extraction found: widgets that came along with the article.

Calendars, listings of linked entries, link lists and the titles they leave behind, and labels whose
content went. They look at blocks (text, kind, share of link text), so they serve every generic path:
our own finder's containers, trafilatura's output and the densest element.
"""

from __future__ import annotations

import re

from crawler.cleaner.blocks import Block, runs_of
from crawler.cleaner.trace import Trace

LINK_BLOCK_SHARE = 0.6


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
    _drop_list_titles(blocks, dropped)
    return [block for block, drop in zip(blocks, dropped, strict=True) if not drop]


def _drop_list_titles(blocks: list[Block], dropped: list[bool]) -> None:
    """Mark the title right above a dropped list of links: a heading, or a short line that is no
    statement ("Mehr zum Thema", "Zobacz także", "Weitere Informationen:", "Schon gelesen?")."""
    for index in range(len(blocks) - 2, -1, -1):
        if dropped[index + 1] and _is_title_line(blocks[index]):
            dropped[index] = True


# A box's title may ask ("Schon gelesen?", "Already read?"); it does not state.
_SENTENCE_END = (".", "!", "。", "！", "…", '"', "”", "」")


def _is_title_line(block: Block) -> bool:
    if block.kind == "heading":
        return True
    text = block.text.strip()
    return block.kind == "paragraph" and len(text) <= _BOX_TITLE_LENGTH and not text.endswith(_SENTENCE_END)


# A list of teaser cards: each story's linked headline, then a line of its text ("Mit Rot einrichten?"
# then "Wussten Sie, dass in rosa gestrichenen Räumen…"). The headlines go as links; their excerpts,
# each straight after a headline, go with them.
_TEASER_LIST_MIN_ITEMS = 4
_TEASER_LINKED_SHARE = 0.4


def _drop_teaser_lists(blocks: list[Block], linked: list[bool], dropped: list[bool]) -> None:
    groups: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.kind == "item" and block.group:
            groups.setdefault(block.group, []).append(index)
    for members in groups.values():
        if len(members) < _TEASER_LIST_MIN_ITEMS:
            continue
        linked_count = sum(linked[index] for index in members)
        if linked_count < _TEASER_LINKED_SHARE * len(members) or linked_count == len(members):
            continue
        if all(linked[index] or (index > 0 and linked[index - 1]) for index in members):
            for index in members:
                dropped[index] = True


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
    _drop_teaser_lists(blocks, linked, dropped)
    _drop_list_titles(blocks, dropped)
    if trace is not None:
        for block, drop in zip(blocks, dropped, strict=True):
            if drop:
                trace.removed("extractor", f"link list ({block.link_share:.0%} link text)", block.text)
    return [block for block, drop in zip(blocks, dropped, strict=True) if not drop]


def without_box_titles(blocks: list[Block], trace: Trace | None = None) -> list[Block]:
    """Drop what titled a box whose content went: headings and labels at the end ("Related", "Kontakt:"),
    a short heading straight over another of the same or a higher rank ("Für dich empfohlen" over
    "Most read"), and "Read also: <links>" lines."""
    end = len(blocks)
    while end > 1 and _titles_what_follows(blocks[end - 1]):
        end -= 1
    if trace is not None and end < len(blocks):
        trace.removed("extractor", "title at the end", " / ".join(b.text for b in blocks[end:]))
    kept = []
    for index, block in enumerate(blocks[:end]):
        following = blocks[index + 1] if index + 1 < end else None
        if _titles_nothing(block, following) or _is_labelled_link_line(block):
            if trace is not None:
                trace.removed("extractor", "title of a box that went", block.text)
            continue
        kept.append(block)
    return kept


def _titles_nothing(block: Block, following: Block | None) -> bool:
    if following is None or following.kind != "heading" or not _titles_what_follows(block):
        return False
    return following.level <= block.level and len(block.text.strip()) <= _BOX_TITLE_LENGTH


def _titles_what_follows(block: Block) -> bool:
    """A heading, or a short label ending in a colon ("Kontakt:", "Weitere Informationen:", "来源：")."""
    if block.kind == "heading":
        return True
    text = block.text.strip()
    return len(text) <= _BOX_TITLE_LENGTH and text.endswith((":", "："))


# Box titles are short ("Most read", "Für dich empfohlen"); a long heading is a standfirst set as one.
_BOX_TITLE_LENGTH = 40
# "Read also: <link> <link>", "Lesen Sie auch: <link>", "相关阅读：<link>": a short label, then links.
_LABEL = re.compile(r"^\s*([^:：\n]{1,30})[:：]")
_LABELLED_LINKS_SHARE = 0.5


def _is_labelled_link_line(block: Block) -> bool:
    if block.kind == "heading" or block.link_share < _LABELLED_LINKS_SHARE or block.leads_with_link:
        return False
    label = _LABEL.match(block.text)
    if label is None:
        return False
    rest = len("".join(block.text[label.end() :].split()))
    total = len("".join(block.text.split()))
    # Every link is after the label: the share of the rest that is links.
    return rest > 0 and block.link_share * total >= 0.8 * rest


def without_widgets(blocks: list[Block], trace: Trace | None) -> list[Block]:
    return without_link_lists(without_listings(without_calendars(blocks, trace), trace), trace)


# An author's box at the end of a post, set as paragraphs: "Jane Roe is a reporter covering cities...".
# Only names of two words or more in Latin script: a one-word or CJK name may open a real last paragraph.
_BIO_BLOCKS = 2
_BIO_MAX_CHARS = 600
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ'.-]+(?:\s+[A-Za-zÀ-ÖØ-öø-ÿ'.-]+)+$")


def without_author_bio(blocks: list[Block], author: str | None, trace: Trace | None = None) -> list[Block]:
    """Drop the last paragraphs that open with the byline's name: the author's bio, not the story."""
    name = (author or "").strip()
    if not _LATIN_NAME.match(name) or len(blocks) <= _BIO_BLOCKS:
        return blocks
    end = len(blocks)
    while end > len(blocks) - _BIO_BLOCKS and end > 1:
        text = blocks[end - 1].text.strip()
        if not (text.startswith(name + " ") and len(text) <= _BIO_MAX_CHARS):
            break
        if trace is not None:
            trace.removed("extractor", "the author's bio", text)
        end -= 1
    return blocks[:end]

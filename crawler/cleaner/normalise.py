"""Text normalisation applied after every extractor: converter artifacts, boilerplate lines, white space."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.cleaner.blocks import Block, runs_of
from crawler.cleaner.boilerplate import LINE_RULES, LineRule, judge_line
from crawler.cleaner.pinyin import drop_pinyin_annotations
from crawler.cleaner.trace import Trace
from storage.controls import strip_controls

logger = logging.getLogger(__name__)

# Python's \s covers U+3000 (the full-width indentation of Chinese paragraphs) and U+00A0.
_SPACES = re.compile(r"\s+")
# After a "related reading" heading, lines up to a headline's length or mostly link text are the list.
_HEADLINE_LENGTH = 40
_LIST_LINK_SHARE = 0.3
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


@dataclass(frozen=True)
class NormalisedBody:
    """The cleaned blocks plus what boilerplate lines told us on the way out."""

    blocks: tuple[Block, ...]
    editor: str | None = None
    author: str | None = None
    original_title: str | None = None
    credit: str | None = None
    dropped_rules: tuple[str, ...] = ()


def normalise_line(text: str) -> str:
    """NFC, control characters and converter artifacts removed, white space collapsed (indentation
    included), ends stripped."""
    text = unicodedata.normalize("NFC", strip_controls(text))
    text = _INVISIBLE.sub("", text)
    text = drop_pinyin_annotations(text)
    return _SPACES.sub(" ", text).strip()


def normalise_blocks(
    blocks: Iterable[Block], rules: Iterable[LineRule] = LINE_RULES, trace: Trace | None = None
) -> NormalisedBody:
    """Normalise every block, split paragraphs at line breaks and drop boilerplate lines."""
    rules = tuple(rules)
    kept: list[Block] = []
    captured: dict[str, str] = {}
    dropped: list[str] = []
    cutting = False  # inside the list that follows a "related reading" heading
    cutting_clauses = False  # inside the numbered clauses of a notice
    for block in blocks:
        if block.kind == "row":
            cells = tuple(normalise_line(cell) for cell in block.cells)
            if any(cells) and not _all_boilerplate(cells, rules):
                kept.append(block.with_cells(cells))
            elif any(cells):
                dropped.append("boilerplate-row")
                if trace is not None:
                    trace.removed("line-rule", "boilerplate-row", " | ".join(cells))
            continue
        for line in _lines_of(block):
            text = normalise_line(line)
            if not text:
                continue
            if cutting and _is_list_entry(block, text):
                dropped.append("related-list")
                if trace is not None:
                    trace.removed("line-rule", "related-list", text)
                continue
            if cutting_clauses and _NOTICE_CLAUSE.match(text):
                dropped.append("notice-clause")
                if trace is not None:
                    trace.removed("line-rule", "notice-clause", text)
                continue
            cutting = cutting_clauses = False
            verdict = judge_line(text, rules)
            if verdict.rule is None:
                kept.append(block.with_text(text))
                continue
            dropped.append(verdict.rule.name)
            cutting = verdict.rule.cuts_following_list
            cutting_clauses = verdict.rule.cuts_following_clauses
            if trace is not None:
                trace.removed("line-rule", verdict.rule.name, text)
            if verdict.rule.captures and verdict.value:
                captured.setdefault(verdict.rule.captures, verdict.value)
    kept = _without_vertical_labels(kept, dropped, trace)
    if dropped:
        logger.debug("dropped boilerplate lines: %s", ", ".join(dropped))
    return NormalisedBody(
        tuple(kept),
        editor=captured.get("editor"),
        author=captured.get("author"),
        original_title=captured.get("original_title"),
        credit=captured.get("credit"),
        dropped_rules=tuple(dropped),
    )


# A clause of a notice: numbered (① ② …, 一、, 1. / 1、, (1)) or a contact line (※ 联系电话, 电话：…).
_NOTICE_CLAUSE = re.compile(
    r"^(?:[①-⑳]|[一二三四五六七八九十]+[、.．]|\d{1,2}\s*[、.．)）]|[(（]\d{1,2}[)）]|※|(?:联系|聯絡|联络)?电话|電話)"
)
# A label set vertically, one character a line (今/日/推/荐 over a sidebar box): this many in a row. A
# longer run is text set in a diagram (a flowchart drawn in characters), which stays.
_VERTICAL_LABEL_RUN = 3
_VERTICAL_LABEL_MAX = 8


def _without_vertical_labels(blocks: list[Block], dropped: list[str], trace: Trace | None) -> list[Block]:
    """Drop runs of one-character lines: labels set vertically, not text."""
    # Digits one a line are a program's output or a column of figures, not a label.
    single = [len(block.text) == 1 and not block.text.isdigit() and block.kind != "row" for block in blocks]
    keep = [True] * len(blocks)
    for start, end in runs_of(single):
        if _VERTICAL_LABEL_RUN <= end - start <= _VERTICAL_LABEL_MAX:
            keep[start:end] = [False] * (end - start)
            dropped.append("vertical-label")
            if trace is not None:
                trace.removed("line-rule", "vertical-label", "".join(b.text for b in blocks[start:end]))
    return [block for block, kept in zip(blocks, keep, strict=True) if kept]


def _all_boilerplate(cells: tuple[str, ...], rules: tuple[LineRule, ...]) -> bool:
    """A table row of an old portal's layout whose every filled cell is a boilerplate line
    (" | 【打印本稿】 |  | 【关闭】 | ")."""
    return all(judge_line(cell, rules).is_boilerplate for cell in cells if cell)


def _is_list_entry(block: Block, text: str) -> bool:
    """A line of a related-stories list: a list item, a link, or a headline-length line."""
    return block.kind == "item" or block.link_share >= _LIST_LINK_SHARE or len(text) <= _HEADLINE_LENGTH


def _lines_of(block: Block) -> list[str]:
    # A <br> inside a paragraph separates paragraphs in most Chinese CMSs; in a heading or list item
    # it only wraps the line.
    if block.kind == "paragraph":
        return block.text.split("\n")
    return [block.text.replace("\n", " ")]

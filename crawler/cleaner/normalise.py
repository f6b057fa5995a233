"""Text normalisation applied after every extractor: converter artifacts, boilerplate lines, white space."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.cleaner.blocks import Block
from crawler.cleaner.boilerplate import LINE_RULES, LineRule, judge_line
from crawler.cleaner.controls import strip_controls
from crawler.cleaner.pinyin import drop_pinyin_annotations
from crawler.cleaner.trace import Trace

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
    for block in blocks:
        if block.kind == "row":
            cells = tuple(normalise_line(cell) for cell in block.cells)
            if any(cells):
                kept.append(block.with_cells(cells))
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
            cutting = False
            verdict = judge_line(text, rules)
            if verdict.rule is None:
                kept.append(block.with_text(text))
                continue
            dropped.append(verdict.rule.name)
            cutting = verdict.rule.cuts_following_list
            if trace is not None:
                trace.removed("line-rule", verdict.rule.name, text)
            if verdict.rule.captures and verdict.value:
                captured.setdefault(verdict.rule.captures, verdict.value)
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


def _is_list_entry(block: Block, text: str) -> bool:
    """A line of a related-stories list: a list item, a link, or a headline-length line."""
    return block.kind == "item" or block.link_share >= _LIST_LINK_SHARE or len(text) <= _HEADLINE_LENGTH


def _lines_of(block: Block) -> list[str]:
    # A <br> inside a paragraph separates paragraphs in most Chinese CMSs; in a heading or list item
    # it only wraps the line.
    if block.kind == "paragraph":
        return block.text.split("\n")
    return [block.text.replace("\n", " ")]

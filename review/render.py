"""Turning stored (scraped, untrusted) text into safe HTML: highlighted aliases, links that can only be
http(s), and article HTML through nh3's allow-list; and stored UTC times as times in the reader's zone.
Jinja escapes everything else."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import nh3
from markupsafe import Markup, escape

from dedup.textnorm import HAN, fold_script, written_forms

# The article HTML people may see: structure and emphasis, links; nothing that runs, loads or styles.
_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "strong", "em", "b", "i",
    "table", "thead", "tbody", "tr", "th", "td", "a", "figure", "figcaption",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: no javascript:, data:, or entity-obfuscated schemes."""
    if not url:
        return None
    candidate = url.strip()
    # Browsers ignore control characters and white space inside a scheme ("java\tscript:"); so do we.
    compact = re.sub(r"[\x00-\x20]", "", candidate)
    scheme = urlsplit(compact).scheme.lower()
    if scheme not in ("http", "https") or not urlsplit(compact).netloc:
        return None
    return compact


def clean_html(html: str) -> Markup:
    """Article HTML reduced to the allow-list; links get rel=noopener and only http(s) schemes."""
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)  # nh3 output: the sanitised HTML


def alias_variants(aliases: Iterable[str]) -> list[str]:
    """Each alias as it may be written (Taiwan's and the Mainland's words, variant spellings), folded to
    Simplified and lower case as :func:`highlight` reads the text; longest first (so that
    上海台北城市论坛 wins over 城市论坛)."""
    variants = {_aligned_fold(form) for alias in aliases for form in written_forms(alias)}
    return sorted(variants, key=len, reverse=True)


@lru_cache(maxsize=64)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str] | None:
    # A story page highlights every paragraph with the same aliases: the OpenCC work is done once.
    variants = alias_variants(aliases)
    return re.compile("|".join(_pattern_of(v) for v in variants)) if variants else None


# Matching takes punctuation and spaces between two hanzi for no break (上海台北城市论坛 matches
# 上海-台北城市論壇): so does highlighting.
_HANZI = re.compile(f"[{HAN}]")


def _pattern_of(variant: str) -> str:
    parts = [re.escape(variant[0])] if variant else []
    for previous, character in itertools.pairwise(variant):
        if _HANZI.match(previous) and _HANZI.match(character):
            parts.append(r"[\W_]{0,2}?")
        parts.append(re.escape(character))
    return "".join(parts)


def _aligned_fold(text: str) -> str:
    """Simplified script and lower case, one character for one, so offsets hold in the original."""
    folded = fold_script(text)
    if len(folded) != len(text):
        folded = "".join(f if len(f := fold_script(c)) == 1 else c for c in text)
    return "".join(lower if len(lower := c.lower()) == 1 else c for c in folded)


def highlight(text: str, aliases: Iterable[str]) -> Markup:
    """``text`` escaped, with every alias (either script, any case) wrapped in <mark>."""
    pattern = _alias_pattern(tuple(aliases))
    if pattern is None:
        return escape(text)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(_aligned_fold(text)):
        parts.append(str(escape(text[position : match.start()])))
        parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))  # every piece was escaped above


# The zone names that all mean UTC: shown as plain "UTC" (a Debian server's own zone is "Etc/UTC").
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"})


def zone_label(zone: tzinfo) -> str:
    """How a zone is named next to a time: its IANA name ("Asia/Taipei"), else its offset ("UTC+08:00")
    rather than an abbreviation such as "CST", which means China, Cuba and Chicago."""
    name = zone.key if isinstance(zone, ZoneInfo) else None
    if name:
        return "UTC" if name in _UTC_NAMES else name
    offset = datetime.now(zone).utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset > timedelta(0) else "-"
    hours, seconds = divmod(int(abs(offset).total_seconds()), 3600)
    return f"UTC{sign}{hours:02d}:{seconds // 60:02d}"


def local_time(value: datetime | None, zone: tzinfo, labelled: bool = False) -> Markup:
    """``value`` as "2026-12-05 08:30" in ``zone`` (with the zone's label after it when ``labelled``), in a
    <time> element that carries the instant itself; empty for no time. A naive value is taken as UTC."""
    if value is None:
        return Markup("")
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    shown = aware.astimezone(zone)
    text = f"{shown:%Y-%m-%d %H:%M}" + (f" ({zone_label(zone)})" if labelled else "")
    return Markup('<time datetime="{}">{}</time>').format(shown.isoformat(timespec="minutes"), text)

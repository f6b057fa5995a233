"""Turning stored (scraped, untrusted) text into safe HTML: highlighted aliases, links that can only be
http(s), and article HTML through nh3's allow-list. Jinja escapes everything else."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup, escape

from storage.textnorm import fold_script, to_traditional

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
    """Each alias in both scripts, longest first (so that 上海-台北城市论坛 wins over 城市论坛)."""
    variants = {
        v for alias in aliases for v in (alias, fold_script(alias), to_traditional(alias)) if v.strip()
    }
    return sorted(variants, key=len, reverse=True)


def highlight(text: str, aliases: Iterable[str]) -> Markup:
    """``text`` escaped, with every alias (either script, any case) wrapped in <mark>."""
    variants = alias_variants(aliases)
    if not variants:
        return escape(text)
    pattern = re.compile("|".join(re.escape(v) for v in variants), re.IGNORECASE)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(str(escape(text[position : match.start()])))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))  # every piece was escaped above

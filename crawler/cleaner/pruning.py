"""Page chrome removed by selector before generic extraction (rules as data).

Tag lines, bylines, comment forms and skip links are removed by their markup rather than by their text:
``世界市长对话上合峰会城市`` is a tag link at the end of a post but also the start of a real sentence.
"""

from __future__ import annotations

from crawler.cleaner.dom import Element, remove, remove_matching, select, text_of
from crawler.cleaner.trace import Trace

# Trailing tag lines and bylines of blog themes (WordPress and kin).
POST_FOOTER_SELECTORS = (
    "footer.entry-footer", ".entry-footer", ".tags-links", ".post-tags", ".tag-links", ".entry-tags",
    ".article-tags", ".byline", ".post-navigation", ".prev-next",
)  # fmt: skip
COMMENT_SELECTORS = ("#respond", ".comment-respond", "#comments", ".comments-area", ".comment-list")
SHARE_SELECTORS = (".share", ".share-bar", ".sharedaddy", ".social-share", ".post-share", ".share-wrap")
# Accessibility shortcuts: "Jump to the content zone at the center", ":::" access keys, screen-reader text.
ACCESSIBILITY_SELECTORS = (
    "a[accesskey]", ".skip-link", ".screen-reader-text", ".sr-only", ".visually-hidden",
    ".visually-hidden-focusable",
)  # fmt: skip
NAVIGATION_SELECTORS = (
    "nav", "[role='navigation']", "[role='banner']", "[role='contentinfo']", ".breadcrumb",
    ".breadcrumbs", "#breadcrumb", "aside", ".sidebar", ".widget-area",
)  # fmt: skip
# Ruby annotations (pinyin or zhuyin over characters) are reading aids, not text.
RUBY_SELECTORS = ("rt", "rp")
PRUNE_SELECTORS = (
    *RUBY_SELECTORS, *POST_FOOTER_SELECTORS, *COMMENT_SELECTORS, *SHARE_SELECTORS, *ACCESSIBILITY_SELECTORS,
    *NAVIGATION_SELECTORS,
)  # fmt: skip
# A container whose text outside its rel="tag" links is at most this long ("标签：", "Tags: , ,") is a
# tag line; a longer one is prose that happens to link a tag, and stays.
_TAG_LINE_EXTRA_TEXT = 12


def prune_chrome(root: Element, trace: Trace | None = None) -> int:
    """Remove page chrome in place; returns how many elements went."""
    removed = remove_matching(root, PRUNE_SELECTORS, trace)
    for link in select(root, "a[rel~='tag']"):
        container = link.getparent()
        if container is None or container.getparent() is None:
            continue
        tags_text = sum(len(text_of(a)) for a in container.iter("a") if "tag" in (a.get("rel") or ""))
        if len(text_of(container)) - tags_text <= _TAG_LINE_EXTRA_TEXT:
            if trace is not None:
                trace.removed("prune", "tag line (rel=tag links)", text_of(container))
            remove(container)
            removed += 1
    return removed

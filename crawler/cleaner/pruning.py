"""Page chrome removed by selector before generic extraction (rules as data).

Tag lines, bylines, comment forms and skip links are removed by their markup rather than by their text:
``世界市长对话上合峰会城市`` is a tag link at the end of a post but also the start of a real sentence.
"""

from __future__ import annotations

from lxml import etree

from crawler.cleaner.dom import Element, remove, select, select_any, text_of
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
# Chrome is a small part of a page, but themes also wrap whole pages in chrome's markup (role="banner"
# on the page's outer <div>, a "share" class on the post's wrapper): an element that holds this share of
# the page's visible text is the page, not its chrome, and stays. Menus, share bars, sidebars and
# comment forms hold a few per cent of a page with an article; on the eval sets none came near a half.
_CHROME_MAX_SHARE = 0.5
# ... and holds more than a few lines of prose (link text not counted): a page that is nothing but a
# navigation bar has no article to protect.
_CHROME_MAX_CHARS = 200
# A container whose text outside its rel="tag" links is at most this long ("标签：", "Tags: , ,") is a
# tag line; a longer one is prose that happens to link a tag, and stays.
_TAG_LINE_EXTRA_TEXT = 12


def prune_chrome(root: Element, trace: Trace | None = None, hooks: frozenset[str] | None = None) -> int:
    """Remove page chrome in place; returns how many elements went. ``hooks``: see :func:`dom.select_any`."""
    removed = remove_chrome(root, PRUNE_SELECTORS, trace, hooks=hooks)
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


def remove_chrome(
    root: Element,
    selectors: tuple[str, ...],
    trace: Trace | None = None,
    stage: str = "prune",
    hooks: frozenset[str] | None = None,
) -> int:
    """Remove the elements matching ``selectors`` in place, but never one that holds most of ``root``'s
    text: chrome's markup around the story (a theme's page-wide banner, a "related" class on a template
    variant's body wrapper) is the story. Returns how many elements went."""
    if trace is not None:  # one selector at a time, to say which rule took what
        matched = [(selector, element) for selector in selectors for element in select(root, selector)]
    else:
        matched = [("", element) for element in select_any(root, selectors, hooks)]
    if not matched:
        return 0
    limit = max(_CHROME_MAX_SHARE * visible_length(root), _CHROME_MAX_CHARS)
    prose_limit: float | None = None  # computed when first needed: it walks every link
    removed = 0
    for selector, element in matched:  # document order: an ancestor comes before its descendants
        if element is root or element.getparent() is None or _detached(element, root):
            continue
        if visible_length(element) > limit:
            # Judged by prose, not links: a big "related stories" box beside a short story is still chrome.
            prose_limit = prose_limit or max(_CHROME_MAX_SHARE * prose_length(root), _CHROME_MAX_CHARS)
            keep = prose_length(element) > prose_limit
        else:
            keep = False
        if keep:
            if trace is not None:
                trace.note(f"kept <{element.tag}> matching {selector}: it holds most of the text")
            continue
        if trace is not None:
            trace.removed(stage, selector, text_of(element))
        remove(element)
        removed += 1
    return removed


_all_text_length = etree.XPath("string-length(.)")


def visible_length(element: Element) -> int:
    """Characters of text a reader sees under ``element`` (scripts and styles are not seen)."""
    hidden = sum(int(_all_text_length(node)) for node in element.iter("script", "style", "noscript"))
    return int(_all_text_length(element)) - hidden


def prose_length(element: Element) -> int:
    """:func:`visible_length` less the text of links."""
    return visible_length(element) - sum(int(_all_text_length(link)) for link in element.iter("a"))


def _detached(element: Element, root: Element) -> bool:
    """Whether an ancestor of ``element`` was removed already (it no longer reaches ``root``)."""
    return not any(ancestor is root for ancestor in element.iterancestors())

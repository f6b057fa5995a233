"""A content fragment (a full-text feed item's HTML) walked whole, after its promo blocks go.

A feed item's content is all article: no page extractor should judge its short paragraphs as chrome.
What portals append to it is built the same way everywhere, so it is removed by that build, not by
its words: a QR promo is a small block marked as one by its class or id (``appendQr_wrap``,
``qrcode``, ``erweima``) or holding a QR-code image, plus a line of text. Editor lines stay for the
line rules (boilerplate.py), which read the editor's name out of them before dropping them.
"""

from __future__ import annotations

import re

from crawler.cleaner.blocks import BLOCK_TAGS, blocks_from_element
from crawler.cleaner.dom import Element, class_and_id, remove, text_of
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.trace import Trace

# Class, id, src or alt text that says "QR code": qr (appendQr_wrap, qr-code, wx_qr), qrcode, erweima
# (二维码 in pinyin), 二维码/二維碼. "qr" does not occur inside English or pinyin words, so a bare
# substring is enough.
_QR_HOOK = re.compile(r"qr|erweima|二维码|二維碼", re.IGNORECASE)
# A promo block is a QR image and a line or two: "海量资讯、精准解读，尽在新浪财经APP", "扫描二维码关注
# 我们的公众号，获取更多资讯". Calibrated on the Sina, NetEase and WeChat-style promos of the demo and
# test feeds (20-60 characters); a block marked qr with more text than this is content, left alone.
PROMO_MAX_CHARS = 120


def extract_fragment(page: Page, body_image: str | None, trace: Trace | None = None) -> Extraction:
    """The fragment's blocks, in order, without its QR promo blocks."""
    drop_qr_promos(page.body, trace)
    return Extraction(blocks_from_element(page.body), "fragment", body_image=body_image)


def drop_qr_promos(root: Element, trace: Trace | None = None) -> int:
    """Remove, in place, the short blocks that are QR promos; returns how many went."""
    promos: list[Element] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element is root:
            continue
        if _is_marked_qr(element) or (element.tag == "img" and _is_qr_image(element)):
            promo = _promo_block(element, root)
            if promo is not None and not any(promo is p or _contains(p, promo) for p in promos):
                promos.append(promo)
    for promo in promos:
        if trace is not None:
            trace.removed("fragment", "QR promo block", text_of(promo))
        remove(promo)
    return len(promos)


def _is_marked_qr(element: Element) -> bool:
    return bool(_QR_HOOK.search(class_and_id(element)))


def _is_qr_image(image: Element) -> bool:
    return any(_QR_HOOK.search(str(image.get(name) or "")) for name in ("src", "data-src", "alt", "title"))


def _promo_block(element: Element, root: Element) -> Element | None:
    """The widest block around ``element`` that is still short enough to be the promo, or None."""
    found: Element | None = element if len(text_of(element)) <= PROMO_MAX_CHARS else None
    parent = element.getparent()
    while parent is not None and parent is not root and len(text_of(parent)) <= PROMO_MAX_CHARS:
        if isinstance(parent.tag, str) and parent.tag in BLOCK_TAGS:
            found = parent
        parent = parent.getparent()
    if found is not None and found.tag == "img":
        return None  # a lone QR image carries no text; the walker skips images anyway
    return found


def _contains(ancestor: Element, element: Element) -> bool:
    return any(node is ancestor for node in element.iterancestors())

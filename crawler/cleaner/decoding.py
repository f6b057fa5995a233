"""Bytes to text for pages that may lie about their charset.

Order: a byte-order mark; then the declared charsets (HTTP header, then ``<meta>``), each tried strictly;
then detection among UTF-8, GB18030 and Big5-HKSCS. Strictness alone cannot tell Big5 from GBK (nearly
every Big5 byte sequence is valid GBK), so double-byte Chinese candidates are ranked by how much of the
decoded text is everyday Chinese (:mod:`crawler.cleaner.common_hanzi`).
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from crawler.cleaner.common_hanzi import common_characters

logger = logging.getLogger(__name__)

# Declared names mapped to the decoders to try, supersets first: sites declare gb2312 and serve GBK,
# declare big5 and serve Big5-HKSCS or Microsoft's cp950 additions.
_CHARSET_FAMILIES: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "x-gbk": ("gb18030",),
    "cp936": ("gb18030",),
    "ms936": ("gb18030",),
    "euc-cn": ("gb18030",),
    "gb_2312-80": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5hkscs", "cp950"),
    "big5-hkscs": ("big5hkscs", "cp950"),
    "x-x-big5": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "ms950": ("cp950", "big5hkscs"),
    # As in browsers (WHATWG), Latin-1 and ASCII labels mean windows-1252.
    "iso-8859-1": ("cp1252", "latin-1"),
    "latin1": ("cp1252", "latin-1"),
    "latin-1": ("cp1252", "latin-1"),
    "us-ascii": ("cp1252", "latin-1"),
    "ascii": ("cp1252", "latin-1"),
    "windows-1252": ("cp1252", "latin-1"),
}
_CHINESE_DOUBLE_BYTE = frozenset({"gb18030", "big5hkscs", "cp950"})
_DETECTION_ORDER = ("gb18030", "big5hkscs", "cp950")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declarations live in the head; some Chinese portals put 2-3 kB of comments and scripts before it.
_SNIFF_BYTES = 8192
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET_ATTRIBUTE = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# A page with this many undecodable sequences or fewer is damaged, not in another charset.
_FEW_HOLES = 8
# A wrong double-byte decoding must lose clearly before we overrule what the page declared.
_OVERRULE_MARGIN = 0.25
# C0 control bytes other than tab, line feed, form feed, carriage return and ESC (ISO-2022 shifts).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# Text pages carry no control bytes at all; random or compressed data has about 11 % of them.
_BINARY_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_html(raw: bytes, declared_encoding: str | None = None) -> DecodedPage:
    """Decode page bytes; never raises. ``encoding`` names the codec that was used."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _decode_leniently(raw, codec)

    warnings: list[str] = []
    for source, label in (("header", declared_encoding), ("meta", sniff_meta_charset(raw))):
        if not label:
            continue
        decoders = charset_decoders(label)
        if not decoders:
            warnings.append(f"unknown {source} charset {label!r}")
            continue
        decoded = _try_declared(raw, decoders) or _try_declared_with_holes(raw, decoders)
        if decoded is not None:
            return _with_warnings(decoded, warnings)
        warnings.append(f"{source} charset {label!r} does not decode the page")
    return _with_warnings(detect_and_decode(raw), warnings)


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text in any charset: images, archives, compressed or random bytes."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text is full of zero bytes
    sample = raw[:4096]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def charset_decoders(label: str) -> tuple[str, ...]:
    """The Python codecs to try for a declared charset label; empty when the label is unknown."""
    name = label.strip().strip("\"'").lower()
    if name in _CHARSET_FAMILIES:
        return _CHARSET_FAMILIES[name]
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return ()
    if codec.startswith(("utf-16", "utf-32")):
        return ()  # an ASCII-compatible page cannot be UTF-16; browsers read such labels as UTF-8
    return (codec,)


def sniff_meta_charset(raw: bytes) -> str | None:
    """The charset named by ``<meta charset>``, ``<meta http-equiv content=...charset=>`` or ``<?xml?>``."""
    head = raw[:_SNIFF_BYTES]
    declaration = _XML_DECLARATION.match(head)
    if declaration:
        return declaration.group(1).decode("ascii")
    for tag in _META_TAG.finditer(head):
        charset = _CHARSET_ATTRIBUTE.search(tag.group(0))
        if charset:
            return charset.group(1).decode("ascii")
    return None


def detect_and_decode(raw: bytes) -> DecodedPage:
    """Decode undeclared (or wrongly declared) bytes as UTF-8, GB18030 or Big5, whichever reads best."""
    if raw.isascii():
        return DecodedPage(raw.decode("ascii"), "ascii")
    strict = _strict(raw, "utf-8")
    if strict is not None:
        return DecodedPage(strict, "utf-8")  # non-ASCII bytes that are valid UTF-8 are almost surely UTF-8
    candidates = [(codec, text) for codec in _DETECTION_ORDER if (text := _strict(raw, codec)) is not None]
    damaged = [(codec, text) for codec in _DETECTION_ORDER if (text := _with_few_holes(raw, codec))]
    if candidates or damaged:
        # GB18030 decodes almost any byte string, so a strict GB18030 reading of a Big5 page with one bad
        # byte must not win by default: all readings compete on how Chinese they read.
        codec, text = max([*candidates, *damaged], key=lambda candidate: chinese_score(candidate[1]))
        holes = text.count("\ufffd")
        if holes:
            return DecodedPage(text, codec, (f"{holes} undecodable byte sequences replaced ({codec})",))
        return DecodedPage(text, codec)
    # Nothing decodes cleanly (a truncated or damaged page): keep the reading with the fewest holes.
    lenient = [(codec, raw.decode(codec, errors="replace")) for codec in ("utf-8", *_DETECTION_ORDER)]
    codec, text = min(lenient, key=lambda candidate: candidate[1].count("\ufffd"))
    return DecodedPage(text, codec, (f"no charset decodes the page cleanly; {codec} with replacements",))


def chinese_score(text: str) -> float:
    """Share of the non-ASCII characters that are everyday hanzi or full-width punctuation, minus rare ones.

    Private-use and extension characters are what a wrong double-byte decoding produces, so they count
    against the reading.
    """
    common = common_characters()
    total = score = 0
    for ch in _non_ascii(text):
        total += 1
        if ch in common:
            score += 1
        elif "\ue000" <= ch <= "\uf8ff" or "\u3400" <= ch <= "\u4dbf" or ch > "\uffff":
            score -= 1
    return score / total if total else 0.0


def _non_ascii(text: str) -> Iterator[str]:
    return (ch for ch in text if ord(ch) > 127)


def _try_declared(raw: bytes, decoders: tuple[str, ...]) -> DecodedPage | None:
    for codec in decoders:
        if codec in ("cp1252", "latin-1") and not raw.isascii():
            # Single-byte labels decode anything; valid non-ASCII UTF-8 is the common lie behind them.
            utf8 = _strict(raw, "utf-8")
            if utf8 is not None:
                return DecodedPage(utf8, "utf-8", (f"declared {codec} but the bytes are UTF-8",))
        text = _strict(raw, codec)
        if text is None:
            continue
        if codec in _CHINESE_DOUBLE_BYTE:
            return _cross_check_chinese(raw, codec, text)
        return DecodedPage(text, codec)
    return None


def _try_declared_with_holes(raw: bytes, decoders: tuple[str, ...]) -> DecodedPage | None:
    """The declared charset despite a few bad bytes (a truncated character, a stray byte in an ad)."""
    for codec in decoders:
        text = _with_few_holes(raw, codec)
        if text is None:
            continue
        holes = text.count("\ufffd")
        checked = _cross_check_chinese(raw, codec, text) if codec in _CHINESE_DOUBLE_BYTE else None
        if checked is not None and checked.encoding != codec:
            return checked
        return DecodedPage(text, codec, (f"{holes} undecodable byte sequences replaced ({codec})",))
    return None


def _with_few_holes(raw: bytes, codec: str) -> str | None:
    """The lenient decoding when only a few byte sequences fail (one per thousand characters at most)."""
    try:
        text = raw.decode(codec, errors="replace")
    except LookupError:
        return None
    holes = text.count("\ufffd")
    return text if 0 < holes <= max(_FEW_HOLES, len(text) // 1000) else None


def _cross_check_chinese(raw: bytes, declared: str, text: str) -> DecodedPage:
    """A page declared GBK may be Big5 and the other way round: keep the declaration unless it reads badly."""
    own = chinese_score(text)
    for other in _DETECTION_ORDER:
        if other == declared:
            continue
        alternative = _strict(raw, other)
        if alternative is not None and chinese_score(alternative) > own + _OVERRULE_MARGIN:
            logger.info("page declared %s reads as %s", declared, other)
            return DecodedPage(alternative, other, (f"declared {declared} but the text reads as {other}",))
    return DecodedPage(text, declared)


def _decode_leniently(raw: bytes, codec: str) -> DecodedPage:
    text = _strict(raw, codec)
    if text is not None:
        return DecodedPage(text, codec)
    return DecodedPage(raw.decode(codec, errors="replace"), codec, (f"{codec} with replacement characters",))


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _with_warnings(page: DecodedPage, warnings: list[str]) -> DecodedPage:
    if not warnings:
        return page
    return DecodedPage(page.text, page.encoding, (*warnings, *page.warnings))

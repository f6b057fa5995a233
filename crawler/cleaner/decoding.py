"""Bytes to text for pages that may lie about their charset.

w3lib.encoding reads what the page says, as a browser does: its byte-order mark, its ``<meta>`` and the
WHATWG label aliases (gb2312 is GB18030, big5 Big5-HKSCS, Latin-1 windows-1252). A browser trusts that;
Chinese sites declare one charset and serve another, so each declaration (HTTP header, then ``<meta>``)
is tried strictly, and when none decodes the page, detection chooses among UTF-8, GB18030 and Big5-HKSCS.
Strictness alone cannot tell Big5 from GBK (nearly every Big5 byte sequence is valid GBK), so double-byte
readings are ranked by how much of the text is everyday Chinese (:mod:`crawler.cleaner.common_hanzi`).

A Latin-1 or windows-1252 declaration decodes any bytes, so it cannot be tried strictly: old CMSs
declare it over GBK and Big5 pages. Bytes that read as everyday Chinese in a double-byte charset are
read so; Western text read as GBK or Big5 gives rare characters at best. Feeds (:func:`decode_xml`)
follow the same order, with XML's own rules for the declaration; whatever decoded them, text that still
reads as mojibake is named in a warning (:mod:`crawler.cleaner.mojibake`).
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding, to_unicode

from crawler.cleaner.common_hanzi import common_characters, runs_of
from crawler.cleaner.mojibake import mojibake_warning

logger = logging.getLogger(__name__)

# WHATWG labels of GBK and Big5 that Python's codecs do not know, nor w3lib, which goes by their
# aliases. Taught to Python's codec registry, w3lib resolves them in a header and in a <meta> alike,
# to the codecs it resolves gbk and big5 to.
_WHATWG_LABELS_PYTHON_LACKS = {
    **dict.fromkeys(("x_gbk", "csgb2312", "gb_2312"), "gb18030"),
    **dict.fromkeys(("x_x_big5", "cn_big5"), "big5hkscs"),
}


def _whatwg_chinese_codec(name: str) -> codecs.CodecInfo | None:
    """A codec search function (:func:`codecs.register`): asked only for names Python has no codec for."""
    codec = _WHATWG_LABELS_PYTHON_LACKS.get(name)
    return codecs.lookup(codec) if codec else None


codecs.register(_whatwg_chinese_codec)

# The codecs to try for what w3lib resolves a label to: pages declared big5 carry Big5-HKSCS or
# Microsoft's cp950 additions, and the other way round; Python's cp1252 leaves five bytes undefined
# that browsers read as C1 controls, which Latin-1 reads.
_DECODERS_FOR: dict[str, tuple[str, ...]] = {
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "cp1252": ("cp1252", "latin-1"),
}
_CHINESE_DOUBLE_BYTE = frozenset({"gb18030", "big5hkscs", "cp950"})
# Labels that decode any bytes at all, so that decoding proves nothing (codecs' names for them).
_SINGLE_BYTE_WESTERN = frozenset({"cp1252", "latin-1", "iso8859-15"})
_DETECTION_ORDER = ("gb18030", "big5hkscs", "cp950")
# XML without a byte-order mark: "<?" in UTF-16 or UTF-32 (XML 1.0, appendix F).
_XML_WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
# Only an XML declaration at the very start names a feed's charset: w3lib's HTML prescan would also
# take a <meta> out of an item's HTML.
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Declarations live in the head. w3lib's prescan reads its first 4 kB; 13 of the 836 evaluation pages
# (German sites, ETtoday) declare their charset between 4 and 8 kB, after scripts and styles, and
# detection alone misreads a third of Western windows-1252 pages. So 8 kB are prescanned, in windows of
# w3lib's size that overlap by more than a <meta> tag's length.
_HEAD_BYTES = 8192
_W3LIB_PRESCAN_WINDOW = 4096
_PRESCAN_STEP = _W3LIB_PRESCAN_WINDOW - 512
# A page with this many undecodable sequences or fewer is damaged, not in another charset.
_FEW_HOLES = 8
# A wrong double-byte decoding must lose clearly before we overrule what the page declared.
_OVERRULE_MARGIN = 0.25
# ASCII cut out leaves the text's other characters in order: six times as fast as joining the runs of them.
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
# C0 control bytes other than tab, line feed, form feed, carriage return and ESC (ISO-2022 shifts).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# Text pages carry no control bytes at all; random or compressed data has about 11 % of them.
_BINARY_CONTROL_SHARE = 0.01
# A declared Latin-1 page is read as Chinese when its best double-byte reading has at least this many
# everyday hanzi and scores at least this (chinese_score). Calibrated on the evaluation pages
# (../shared/eval/extraction): the 74 Chinese pages, declared Latin-1, score 0.71-0.99 in their own
# charset with 190 or more everyday hanzi; 688 Western pages in windows-1252 (the 15 served so and the
# UTF-8 ones re-encoded) score at most 0.12 as GBK or Big5, with at most 6 everyday hanzi.
_MIN_EVERYDAY_HANZI = 10
_CHINESE_READING_SCORE = 0.5


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    # The codecs tried before detection settled it: set only when no declaration decoded the bytes.
    tried: tuple[str, ...] = ()

    @property
    def undecodable_share(self) -> float:
        """The share of the text that is U+FFFD: bytes that no charset tried could read."""
        return self.text.count("\ufffd") / len(self.text) if self.text else 0.0


def decode_html(raw: bytes, declared_encoding: str | None = None) -> DecodedPage:
    """Decode page bytes; never raises. ``encoding`` names the codec that was used."""
    # Not checked for mojibake here: the cleaner checks the article's text, a tenth of the page's bytes
    # (crawler/cleaner/core.py), and a page's scripts and menus are not what a reader would see garbled.
    return _decode(raw, (("header", declared_encoding), ("meta", sniff_meta_charset(raw))))


def decode_xml(raw: bytes, declared_encoding: str | None = None) -> DecodedPage:
    """Decode a feed's bytes as :func:`decode_html` does a page's, with XML's rules: UTF-16 and UTF-32
    without a byte-order mark are recognised by how ``<?`` starts, and only ``<?xml encoding?>`` counts
    as the document's declaration (a ``<meta>`` in an item's HTML is not the feed's)."""
    if read_bom(raw) == (None, None):
        for start, codec in _XML_WIDE_STARTS:
            if raw.startswith(start):
                return _checked(_decode_leniently(raw, codec))
    return _checked(_decode(raw, (("header", declared_encoding), ("XML declaration", xml_charset(raw)))))


def _decode(raw: bytes, declarations: tuple[tuple[str, str | None], ...]) -> DecodedPage:
    bom_codec, bom = read_bom(raw)
    if bom_codec is not None and bom is not None:
        return _decode_leniently(raw[len(bom) :], bom_codec)

    warnings: list[str] = []
    tried: list[str] = []
    for source, label in declarations:
        if not label:
            continue
        codec = resolve_encoding(label)
        decoders = _decoders_for(codec)
        if not decoders:
            # Known but refused: UTF-16 or UTF-32 (see _decoders_for), over bytes without their zeros.
            wide = f"{source} charset {label!r} does not fit bytes that are ASCII-compatible"
            warnings.append(wide if codec else f"unknown {source} charset {label!r}")
            continue
        tried += decoders
        decoded = _try_declared(raw, decoders) or _try_declared_with_holes(raw, decoders)
        if decoded is not None:
            return _with_warnings(decoded, warnings)
        warnings.append(f"{source} charset {label!r} does not decode the page")
    detected = detect_and_decode(raw)
    tried += (codec for codec in ("utf-8", *_DETECTION_ORDER) if codec not in tried)
    return dataclasses.replace(_with_warnings(detected, warnings), tried=tuple(tried))


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text in any charset: images, archives, compressed or random bytes."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text is full of zero bytes
    sample = raw[:4096]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def has_unicode_signature(raw: bytes) -> bool:
    """Whether bytes start with a byte-order mark or, as XML, with "<?" in UTF-16 or UTF-32."""
    return read_bom(raw) != (None, None) or raw.startswith(tuple(start for start, _ in _XML_WIDE_STARTS))


def charset_decoders(label: str) -> tuple[str, ...]:
    """The Python codecs to try for a declared charset label; empty when the label is unknown."""
    return _decoders_for(resolve_encoding(label))  # w3lib drops the quotes and spaces around a label


def _decoders_for(codec: str | None) -> tuple[str, ...]:
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return ()  # an ASCII-compatible page cannot be UTF-16; browsers read such labels as UTF-8
    return _DECODERS_FOR.get(codec, (codec,))


def xml_charset(raw: bytes) -> str | None:
    """The charset named by the ``<?xml ... encoding=...?>`` declaration, if the bytes start with one."""
    declaration = _XML_DECLARATION.match(raw[:_HEAD_BYTES])
    return declaration.group(1).decode("ascii") if declaration else None


def sniff_meta_charset(raw: bytes) -> str | None:
    """The codec a page's ``<meta>`` or ``<?xml?>`` names, by the WHATWG aliases (``gb2312`` is
    ``gb18030``); None when it names none, or a charset w3lib does not know."""
    head = raw[:_HEAD_BYTES]
    start = 0
    while True:
        declared = html_body_declared_encoding(head[start:])
        if declared is not None or start + _W3LIB_PRESCAN_WINDOW >= len(head):
            return declared
        start += _PRESCAN_STEP


def detect_and_decode(raw: bytes) -> DecodedPage:
    """Decode undeclared (or wrongly declared) bytes as UTF-8, GB18030 or Big5, whichever reads best."""
    if raw.isascii():
        return DecodedPage(raw.decode("ascii"), "ascii")
    strict = _strict(raw, "utf-8")
    if strict is not None:
        return DecodedPage(strict, "utf-8")  # non-ASCII bytes that are valid UTF-8 are almost surely UTF-8
    strict_readings = {codec: _strict(raw, codec) for codec in _DETECTION_ORDER}
    candidates = [(codec, text) for codec, text in strict_readings.items() if text is not None]
    # A codec that read the bytes strictly has no holes to read around: it is not decoded again.
    damaged = [
        (codec, text)
        for codec, strict_text in strict_readings.items()
        if strict_text is None and (text := _with_few_holes(raw, codec))
    ]
    if candidates or damaged:
        # GB18030 decodes almost any byte string, so a strict GB18030 reading of a Big5 page with one bad
        # byte must not win by default: all readings compete on how Chinese they read.
        codec, text = max([*candidates, *damaged], key=lambda candidate: chinese_score(candidate[1]))
        # A short Chinese text may have too few everyday hanzi to prove itself, but not a low score.
        if chinese_score(text, codec) < _CHINESE_READING_SCORE and (other := _detect_other_charset(raw)):
            return other
        holes = text.count("\ufffd")
        if holes:
            return DecodedPage(text, codec, (f"{holes} undecodable byte sequences replaced ({codec})",))
        return DecodedPage(text, codec)
    other = _detect_other_charset(raw)
    if other is not None:
        return other
    # Nothing decodes cleanly (a truncated or damaged page): keep the reading with the fewest holes.
    lenient = [(codec, raw.decode(codec, errors="replace")) for codec in ("utf-8", *_DETECTION_ORDER)]
    codec, text = min(lenient, key=lambda candidate: candidate[1].count("\ufffd"))
    return DecodedPage(text, codec, (f"no charset decodes the page cleanly; {codec} with replacements",))


def _detect_other_charset(raw: bytes) -> DecodedPage | None:
    """Bytes that read as no Chinese charset: Japanese, Korean, Cyrillic, Western... by charset_normalizer.

    Asked only here, where the Chinese readings failed, as it costs more (a few ms a page) and knows less
    about GBK against Big5 than the everyday-hanzi test does.
    """
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or best.encoding in _CHINESE_DOUBLE_BYTE:
        return None
    text = _strict(raw, best.encoding)
    if text is None:
        return None
    return DecodedPage(text, best.encoding, (f"no declared charset fits; the bytes read as {best.encoding}",))


def chinese_score(text: str, codec: str | None = None) -> float:
    """Share of the non-ASCII characters that are everyday hanzi or full-width punctuation, minus rare ones.

    Private-use and extension characters are what a wrong double-byte decoding produces, so they count
    against the reading. Given the codec that produced the text, only its charset's everyday characters
    count (see :func:`everyday_characters`).
    """
    non_ascii = _non_ascii(text)
    return _score(non_ascii, *_tally(non_ascii, codec))


# What a wrong double-byte reading makes: private-use characters, CJK extension A, and beyond the BMP.
_RARE_RUN = re.compile("[\ue000-\uf8ff\u3400-\u4dbf\U00010000-\U0010ffff]+")


def _tally(non_ascii: str, codec: str | None) -> tuple[int, int]:
    """How many of the characters are everyday ones (for ``codec``), and how many of the others rare.

    Counted by cutting out, in C: the everyday characters first, then the rare ones from what is left.
    With that, and no second decoding by a codec that read the bytes strictly, decoding a page of
    bench/crawl.py's site that declares no charset took 1.1 ms instead of 1.5, with the same readings."""
    rest = runs_of(everyday_characters(codec)).sub("", non_ascii)
    return len(non_ascii) - len(rest), len(rest) - len(_RARE_RUN.sub("", rest))


def _score(non_ascii: str, everyday: int, rare: int) -> float:
    return (everyday - rare) / len(non_ascii) if non_ascii else 0.0


@lru_cache(maxsize=8)
def everyday_characters(codec: str | None = None) -> frozenset[str]:
    """The common characters a right reading in ``codec`` gives (any codec: both scripts).

    GB18030 gives traditional characters only from GBK's extension area, whose second byte may be ASCII:
    a German "üh" read as GBK is 黨. A GBK page is written in GB2312's repertoire, so a GB18030 reading
    counts only the common characters GB2312 has.
    """
    common = common_characters()
    if codec != "gb18030":
        return common
    return frozenset(ch for ch in common if _strict_encodes(ch, "gb2312"))


def _strict_encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _non_ascii(text: str) -> str:
    return _ASCII_RUN.sub("", text)


def _try_declared(raw: bytes, decoders: tuple[str, ...]) -> DecodedPage | None:
    if decoders[0] in _SINGLE_BYTE_WESTERN and not raw.isascii():
        lie = _behind_single_byte_label(raw, decoders[0])
        if lie is not None:
            return lie
    for codec in decoders:
        text = _strict(raw, codec)
        if text is None:
            continue
        if codec in _CHINESE_DOUBLE_BYTE:
            return _cross_check_chinese(raw, codec, text)
        return DecodedPage(text, codec)
    return None


def _behind_single_byte_label(raw: bytes, declared: str) -> DecodedPage | None:
    """What a Latin-1 or windows-1252 label hides: valid UTF-8, or a GBK or Big5 page from an old CMS."""
    utf8 = _strict(raw, "utf-8")
    if utf8 is not None:
        return DecodedPage(utf8, "utf-8", (f"declared {declared} but the bytes are UTF-8",))
    readings = [(codec, text) for codec in _DETECTION_ORDER if (text := _strict_or_few_holes(raw, codec))]
    if not readings:
        return None
    codec, text = max(readings, key=lambda reading: chinese_score(reading[1], reading[0]))
    if not reads_as_chinese(text, codec):
        return None
    logger.info("page declared %s reads as %s", declared, codec)
    warnings = [f"declared {declared} but the text reads as {codec}"]
    if holes := text.count("\ufffd"):
        warnings.append(f"{holes} undecodable byte sequences replaced ({codec})")
    return DecodedPage(text, codec, tuple(warnings))


def reads_as_chinese(text: str, codec: str | None = None) -> bool:
    """Whether text (decoded with ``codec``) is Chinese read right: enough everyday hanzi, few rare ones."""
    non_ascii = _non_ascii(text)
    everyday, rare = _tally(non_ascii, codec)
    return everyday >= _MIN_EVERYDAY_HANZI and _score(non_ascii, everyday, rare) >= _CHINESE_READING_SCORE


def _strict_or_few_holes(raw: bytes, codec: str) -> str | None:
    return _strict(raw, codec) or _with_few_holes(raw, codec)


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
    return DecodedPage(to_unicode(raw, codec), codec, (f"{codec} with replacement characters",))


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _with_warnings(page: DecodedPage, warnings: list[str]) -> DecodedPage:
    if not warnings:
        return page
    return dataclasses.replace(page, warnings=(*warnings, *page.warnings))


def _checked(page: DecodedPage) -> DecodedPage:
    """The page with a warning when its text still reads as mojibake, whatever decoded it."""
    warning = mojibake_warning(page.text)
    if warning is None:
        return page
    logger.info("text decoded as %s reads as mojibake", page.encoding)
    return dataclasses.replace(page, warnings=(*page.warnings, warning))

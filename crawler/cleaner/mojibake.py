"""Text that was decoded with the wrong charset: the signs it leaves, and the warning that names them.

Three kinds are common on the pages we read, each with its own sign:

- CJK bytes read as Latin-1 or windows-1252 (``ÄêÉÏº£``): each hanzi becomes two Latin-1 letters or
  symbols, so the text is full of runs of them with no ASCII between. Real Western words put at most one
  or two accented letters together.
- UTF-8 read as Latin-1 (``Ã©``, ``â€™``), or a page that was double-encoded before it reached us: the
  lead byte of a UTF-8 sequence shows as Â, Ã or â€ followed by a continuation byte's character.
- Chinese bytes read with the other Chinese charset (Big5 as GBK): valid hanzi, but rare ones, where a
  right reading is 90-95 % everyday characters (:mod:`crawler.cleaner.common_hanzi`).

charset_normalizer's mess detector (``charset_normalizer.md.mess_ratio``) was measured for this and left
out: over the whole text of the 836 evaluation pages (../shared/eval/extraction) it scored seven genuine
pages as messy as real mojibake (ratio 1.0, on JavaScript and accent-folding tables), and still one on
visible text only.
"""

from __future__ import annotations

import re

from crawler.cleaner.common_hanzi import common_characters, runs_of
from dedup.textnorm import NOT_HAN

# What the warning starts with, so that the crawl can count such pages (crawler/pipelines/clean.py).
MOJIBAKE_WARNING = "text reads as mojibake"

# windows-1252's letters and signs at 0x80-0x9F, which is what UTF-8 continuation bytes and CJK bytes
# become when read with it. Its punctuation there (… – — “ ” ‘ ’ • „ ‚ ‹ › † ‡ ‰) is left out of the
# run class: genuine pages write "…………" and "———" (seen on 3 of the 836 evaluation pages).
_CP1252_LETTERS = "ŠŒŽšœžŸƒˆ˜™€"
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = f"\u0080-\u00bf{_CP1252_HIGH}"
# Two hanzi read as Latin-1 (four bytes); no-break spaces are left out (runs of them indent text).
_LATIN_RUN_CLASS = f"[\u0080-\u009f\u00a1-\u00ff{_CP1252_LETTERS}]"
_LATIN_RUN = re.compile(f"{_LATIN_RUN_CLASS}{{4,}}")
# Both Western signs hold one of these: a UTF-8 lead byte read as Latin-1 (Â, Ã, â, à-ï) is among them.
_LATIN_RUN_CHARACTER = re.compile(_LATIN_RUN_CLASS)
# Â/Ã + continuation: a two-byte sequence (é, ü, ©, nbsp); â€ + continuation: ’ “ ” – —; a lead byte
# E0-EF with two continuations: a three-byte sequence (hanzi, kana).
_UTF8_AS_LATIN = re.compile(
    f"[\u00c2\u00c3][{_CONTINUATION}]|\u00e2\u20ac[{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"
)
# Everything but the characters either Western sign is made of (ASCII stands between their runs, which no
# sign holds): cut out, a newline in its place, what is left is the runs kept apart.
_NOT_WESTERN = re.compile(f"[^\u0080-\u00ff{_CP1252_HIGH}]+")
_INVISIBLE = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")

# Calibrated on the 836 evaluation pages (trafilatura-eval-dev, scrapinghub-dev, chinese-web-dev,
# taiwanese-news-dev, twnews) as decoded, against the same pages made into mojibake (their bytes read as
# windows-1252; UTF-8 Western pages double-encoded; Big5 and GBK swapped):
# - Latin-1 runs: at most 1 (of 4-5 characters) on a genuine page; at least 14 runs, well over 100
#   characters, on a Chinese page read as windows-1252 (one with only 67 hanzi). Counted in characters,
#   so that one long run (a title of a dozen hanzi) is enough.
_MIN_LATIN_RUN_CHARACTERS = 20
# - UTF-8 read as Latin-1: at most 1 on a genuine page (a French "é”" before a no-break space), except
#   one page that is itself double-encoded ("ÃƒÂ¶", 21); double-encoded Western pages: from 0 (pages
#   with only a curly quote or two) up, most above 20.
_MIN_UTF8_AS_LATIN = 3
# - Rare hanzi: at most 43 % of 67 hanzi on a genuine page (a recipe's dish names), 19-22 % on Taiwanese
#   news; at least 77 % on Big5 read as GBK or GBK read as Big5.
_MIN_HANZI = 20
_RARE_HANZI_SHARE = 0.6


def mojibake_warning(text: str) -> str | None:
    """A warning naming the sign of a wrong decoding in the page's text, or None when it reads right."""
    if text.isascii():
        return None
    # Every sign is made of non-ASCII characters only, so the runs of them (kept apart) hold them all:
    # one scan of the page, then the signs are sought in a few kilobytes. Only a page that shows one is
    # scanned again without its markup, where accent tables and hanzi in scripts cannot count.
    # (The ASCII cut out, a newline in its place: the runs kept apart, six times as fast as finding them.)
    if _signs(_ASCII_RUN.sub("\n", text)) is None:
        return None
    return _signs(visible_text(text))


def mojibake_in_text(text: str) -> str | None:
    """:func:`mojibake_warning` for text without markup: an article's title and paragraphs."""
    return None if text.isascii() else _signs(text)


def visible_text(html: str) -> str:
    """The page's text without scripts, styles, comments and tags (accent tables live in scripts)."""
    return _TAG.sub(" ", _INVISIBLE.sub(" ", html))


def _signs(text: str) -> str | None:
    if _LATIN_RUN_CHARACTER.search(text):  # one scan rules out both Western signs on many pages
        # The signs are sought in the runs of their characters alone, a tenth of the text or less: a scan
        # of the whole text for each pattern cost 0.3 ms a page where a copyright sign or a "·" is enough
        # to pass the test above. The newlines between the runs keep every match where it was.
        text_of_signs = _NOT_WESTERN.sub("\n", text)
        utf8 = _UTF8_AS_LATIN.findall(text_of_signs)
        if len(utf8) >= _MIN_UTF8_AS_LATIN:
            return f"{MOJIBAKE_WARNING}: UTF-8 read as Latin-1 ({len(utf8)} sequences like {utf8[0]!r})"
        runs = _LATIN_RUN.findall(text_of_signs)
        if sum(map(len, runs)) >= _MIN_LATIN_RUN_CHARACTERS:
            return (
                f"{MOJIBAKE_WARNING}: {len(runs)} runs of Latin-1 letters like {runs[0][:12]!r},"
                " as Chinese bytes read as a Western charset"
            )
    # Hanzi: the unified ideographs, extension A and the compatibility block; not the private-use area,
    # which icon fonts fill (one genuine page of the 836 had 230 such "characters").
    hanzi = NOT_HAN.sub("", text)
    total = len(hanzi)
    if total < _MIN_HANZI:
        return None
    # The rare ones are what is left when the common ones are cut out too.
    rare = len(runs_of(common_characters()).sub("", hanzi)) / total
    if rare >= _RARE_HANZI_SHARE:
        return f"{MOJIBAKE_WARNING}: {rare:.0%} of {total} hanzi are rare, as in a wrong Chinese charset"
    return None

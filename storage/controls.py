"""Control characters: no stored text may contain one, and :func:`strip_controls` takes them out.

C0 controls (U+0000-U+001F) but tab and newline, DEL and the C1 controls (U+0080-U+009F) are never text a
reader should see: they arrive from escape sequences pasted into a CMS, from Word's manual line break
(U+000B), from ``&#x1b;``-style references, and as C1 characters in pages decoded with the wrong charset
(mojibake, which :mod:`crawler.cleaner.decoding` deals with; here they are only removed). Terminals and
some databases act on them, and a search for a word they split finds nothing.
"""

from __future__ import annotations

import re

# The controls that end a line (str.splitlines breaks at each of them) become one; CR LF is one break.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85]")
# Every other control but tab (U+0009) and newline (U+000A) goes, and so do the noncharacters U+FFFE and
# U+FFFF: XML forbids them, and lxml refuses to set a text that holds one.
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# Past this length a text is looked at as UTF-8 bytes (_holds_controls).
_LONG_TEXT = 1000
# Every byte of UTF-8 that is no C0 control (but tab and newline) and no DEL: deleting them leaves those.
_NOT_C0_OR_DEL = bytes(b for b in range(256) if b in (0x09, 0x0A) or 0x20 <= b < 0x7F or b >= 0x80)
# The C1 controls and the two noncharacters, as UTF-8: each pattern starts with a literal byte, so the
# search skips to it.
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
_NONCHARACTERS_UTF8 = re.compile(b"\xef\xbf[\xbe\xbf]")


def strip_controls(text: str) -> str:
    """``text`` without control characters: line-ending ones become ``\\n``, the others are dropped."""
    if not _holds_controls(text):  # nearly always: no copies
        return text
    if "\r\n" in text:  # Windows line ends, the usual find: str.replace is many times faster than re.sub
        text = text.replace("\r\n", "\n")
        if not _holds_controls(text):
            return text
    return _OTHER_CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def _holds_controls(text: str) -> bool:
    if len(text) <= _LONG_TEXT:
        return CONTROL_CHARACTERS.search(text) is not None
    # A whole page: re tests a character class at some 4 ns a character of hanzi text; encoding it and
    # deleting every byte that is no control takes under half of that (0.13 ms against 0.29 on the
    # pages of bench/crawl.py). tests/test_controls.py checks that both say the same of every character.
    return utf8_holds_controls(text.encode("utf-8", "surrogatepass"))


def utf8_holds_controls(utf8: bytes) -> bool:
    """Whether text encoded as UTF-8 holds a character :func:`strip_controls` takes out: for a caller that
    needs the bytes anyway (the HTML parser is given UTF-8)."""
    return (
        bool(utf8.translate(None, _NOT_C0_OR_DEL))
        or _C1_UTF8.search(utf8) is not None
        or _NONCHARACTERS_UTF8.search(utf8) is not None
    )

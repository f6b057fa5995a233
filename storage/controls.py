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


def strip_controls(text: str) -> str:
    """``text`` without control characters: line-ending ones become ``\\n``, the others are dropped."""
    if not CONTROL_CHARACTERS.search(text):  # nearly always: one scan, no copies
        return text
    if "\r\n" in text:  # Windows line ends, the usual find: str.replace is many times faster than re.sub
        text = text.replace("\r\n", "\n")
        if not CONTROL_CHARACTERS.search(text):
            return text
    return _OTHER_CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))

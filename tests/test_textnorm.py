"""dedup.textnorm.nfkc: NFKC by a shortcut, which must give what unicodedata gives for any text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from dedup.textnorm import _COMMON_COMPATIBILITY, nfkc

REPLACED = "".join(character for character, _decomposition in _COMMON_COMPATIBILITY)
# Characters that act on their neighbours under normalisation: combining marks (composed with what goes
# before), Hangul jamo (composed into syllables), a compatibility ideograph and a full-width letter.
NEIGHBOURS = "e\u0301\u0308\u0327\u1100\u1161\u11a8\uf900Ａ ,.a"


def test_each_replaced_character_is_replaced_by_what_nfkc_makes_of_it() -> None:
    for character, decomposition in _COMMON_COMPATIBILITY:
        assert unicodedata.normalize("NFKC", character) == decomposition


@pytest.mark.parametrize("plane_start", range(0, 0x30000, 0x1000))
def test_every_character_beside_a_replaced_one_normalises_as_unicodedata_does(plane_start: int) -> None:
    for code in range(plane_start, plane_start + 0x1000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        character = chr(code)
        for text in (
            character,
            f"{character}，",
            f"，{character}",
            f"\xa0{character}…",
            f"a{character}\u3000",
        ):
            assert nfkc(text) == unicodedata.normalize("NFKC", text), (hex(code), text)


def test_mixed_text_normalises_as_unicodedata_does() -> None:
    pieces = REPLACED + NEIGHBOURS + "双城论坛 Twin-City Forum ①²½™ﬁ"
    generator = random.Random(18)
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), text

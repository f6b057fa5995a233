"""storage.controls: a long text (a whole page) is tested for controls as UTF-8 bytes, a short one with a
regular expression; both must say the same of every character."""

from __future__ import annotations

import pytest

from storage.controls import CONTROL_CHARACTERS, strip_controls

# Long enough to take the bytes' path; hanzi, so that the text is stored two bytes a character.
PAGE = "<p>雙城論壇在臺北舉行，two cities' forum.</p>\n" * 60


def _some_characters() -> list[str]:
    # Every character of the first planes' blocks where controls and their UTF-8 neighbours live, the
    # noncharacters and their neighbours, a lone surrogate and one beyond the BMP.
    code_points = [*range(0x0000, 0x3100), *range(0xFFF0, 0x10000), 0xD800, 0x1F600]
    return [chr(code_point) for code_point in code_points]


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_long_text_keeps_or_loses_each_character_as_a_short_one_does(where: str) -> None:
    assert len(PAGE) > 2000
    for character in _some_characters():
        long = {"start": character + PAGE, "middle": PAGE + character + PAGE, "end": PAGE + character}[where]
        if CONTROL_CHARACTERS.search(character):
            becomes = strip_controls(f"a{character}b")[1:-1]  # the short path: "\n" or nothing
            assert strip_controls(long) == long.replace(character, becomes), repr(character)
        else:
            assert strip_controls(long) is long, repr(character)


def test_windows_line_ends_in_a_long_text_become_newlines() -> None:
    page = PAGE.replace("\n", "\r\n")
    assert strip_controls(page) == PAGE
    assert strip_controls(page + "\x0b") == PAGE + "\n"
    assert strip_controls(page + "\x1b[0m") == PAGE + "[0m"

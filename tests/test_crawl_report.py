from __future__ import annotations

import io
from dataclasses import replace

from forumwatch.crawl import ProgressLine, summary_table
from forumwatch.tables import display_width, render_table, truncate
from storage.runs import SourceCounts

COUNTS = {
    "sina-finance": SourceCounts(fetched=4, new=2, duplicates=1, off_topic=1, errors=0, skipped=0),
    "twnews": SourceCounts(fetched=3, new=1, duplicates=1, off_topic=1, errors=1, skipped=2),
}


def test_summary_table_has_a_row_per_source_and_a_total() -> None:
    lines = summary_table(COUNTS).splitlines()
    assert lines[0].split() == ["source", "fetched", "new", "duplicates", "off-topic", "errors", "skipped"]
    assert lines[2].split() == ["sina-finance", "4", "2", "1", "1", "0", "0"]
    assert lines[-1].split() == ["total", "7", "3", "2", "2", "1", "2"]


def test_progress_line_without_a_terminal_prints_plain_lines_now_and_then() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream)
    progress(COUNTS)
    progress(COUNTS)  # within the interval: not printed again
    progress.close()
    assert stream.getvalue().splitlines() == [
        "crawling 2 sources: 7 fetched, 3 new, 2 duplicates, 2 off-topic, 1 errors, 2 skipped"
    ]


# What counts_of returns: the summary's columns and more, errors by kind among them.
FULL_COUNTS = {
    name: replace(
        row,
        requests=9,
        bytes=51234,
        duration_seconds=1.5,
        errors_by_kind={"http": row.errors} if row.errors else {},
    )
    for name, row in COUNTS.items()
}


def test_summary_and_progress_show_the_summary_columns_of_full_counts() -> None:
    assert summary_table(FULL_COUNTS) == summary_table(COUNTS)
    stream = io.StringIO()
    ProgressLine(stream)(FULL_COUNTS)
    assert stream.getvalue() == (
        "crawling 2 sources: 7 fetched, 3 new, 2 duplicates, 2 off-topic, 1 errors, 2 skipped\n"
    )


def test_tables_align_chinese_by_display_width() -> None:
    assert display_width("双城论坛") == 8
    assert truncate("2021上海-台北城市论坛以视频形式举行", 12) == "2021上海-台…"
    table = render_table(["title", "n"], [["双城论坛", 1], ["forum", 22]])
    first, second = table.splitlines()[2:]
    assert display_width(first) == display_width(second)

"""Alert rules and health judgements as pure decisions: which events moved, which sources are unwell."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from forumwatch.config import HealthConfig, TopicConfig, parse_config
from scheduler.health import diagnose
from scheduler.rules import event_key, event_moves
from storage.notices import StoryFacts

TOPICS = [
    TopicConfig(name="twin-city-forum", aliases=["双城论坛", "上海-台北城市论坛", "Twin-City Forum"]),
    TopicConfig(name="mayors-forum", aliases=["市长论坛"]),
]


def facts(
    event: dict[str, object] | None, topics: frozenset[str] = frozenset({"twin-city-forum"})
) -> StoryFacts:
    return StoryFacts(
        story_id=1, created_at=datetime(2026, 11, 21, tzinfo=UTC), kind="announcement", event=event,
        topics=topics, copies=1, title="t", url="http://x/", outlet=None, published=None, text="",
        language="zh", script="Hans",
    )  # fmt: skip


def test_an_event_is_known_by_its_topic_and_year_in_either_script() -> None:
    simplified = facts({"name": "2021上海-台北城市论坛", "year": 2021, "start": "2021-12-01"})
    traditional = facts({"name": "雙城論壇", "year": None, "start": "2021-12-01"})
    assert event_key(simplified, TOPICS) == event_key(traditional, TOPICS) == "twin-city-forum:2021"
    assert event_key(facts({"name": "雙城論壇", "year": None, "start": None}), TOPICS) is None
    assert event_key(facts(None), TOPICS) is None


def test_an_event_moves_when_a_date_or_a_place_both_readings_know_differ() -> None:
    before = {"start": "2021-12-01", "end": None, "venue": "臺北晶華酒店", "city": "臺北"}
    assert event_moves(before, dict(before, venue="台北晶华酒店")) == []  # the same place in another script
    assert event_moves(before, dict(before, start="2021-12-08")) == ["date"]
    assert event_moves(before, dict(before, venue=None, city="上海")) == ["city"]
    assert event_moves(before, {"start": None, "venue": None, "city": None}) == []
    assert event_moves(None, before) == []


def stats(**values: object) -> dict[str, object]:
    base: dict[str, object] = {"fetched": 10, "skipped": 0, "requests": 20, "errors": 0, "empty": 0}
    return base | values


POLICY = HealthConfig(silent_runs=3)


def test_a_source_silent_for_n_runs_is_failing() -> None:
    silent = stats(fetched=0, requests=2)
    assert diagnose([silent, silent], POLICY) == []  # two runs: not yet
    assert diagnose([silent, silent, silent, stats()], POLICY) == ["no articles in the last 3 runs"]
    assert diagnose([silent, silent, stats(fetched=0, skipped=4)], POLICY) == []  # it still lists articles


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (
            stats(errors=12, errors_by_kind={"http": 12}),
            "12 of 20 requests failed (60%, usually 5%): http 12",
        ),
        (stats(empty=6), "no article found in 6 of 10 pages (60%, usually 0%)"),
        (stats(replacement_pages=2), "2 pages decoded with replacement characters"),
    ],
)
def test_jumps_in_errors_and_empty_pages_and_garbled_text_are_problems(
    current: dict[str, object], expected: str
) -> None:
    usual = [stats(errors=1)] * 5
    [problem] = diagnose([current, *usual], POLICY)
    assert problem.startswith(expected)


def test_a_source_always_this_bad_is_not_a_jump() -> None:
    usual = [stats(errors=12)] * 5
    assert diagnose([stats(errors=13), *usual], POLICY) == []


def test_alert_rules_name_known_topics_and_channels() -> None:
    from forumwatch.config import ConfigError

    data = {
        "topics": [{"name": "twin-city-forum", "aliases": ["双城论坛"]}],
        "sources": [{"name": "feed", "kind": "feed", "url": "http://127.0.0.1/feed"}],
        "channels": [{"name": "hook", "kind": "webhook", "url": "http://127.0.0.1/hook"}],
        "schedules": [{"name": "hourly", "cron": "61 * * * *", "sources": ["feed", "nope"]}],
        "alerts": [{"name": "forums", "topics": ["twin-city"], "channels": ["hook", "mail"]}],
        "health": {"channels": ["pager"]},
    }
    with pytest.raises(ConfigError) as refused:
        parse_config(data, origin="forumwatch.toml")
    lines = refused.value.lines
    assert any(
        line.startswith("forumwatch.toml: schedules[0] (hourly).cron: not a crontab") for line in lines
    )
    data["schedules"][0]["cron"] = "15 * * * *"  # type: ignore[index]
    with pytest.raises(ConfigError) as refused:
        parse_config(data, origin="forumwatch.toml")
    assert refused.value.lines == [
        "forumwatch.toml: schedules[0] (hourly).sources: no source named 'nope'",
        "forumwatch.toml: alerts[0] (forums).topics: no topic named 'twin-city'",
        "forumwatch.toml: alerts[0] (forums).channels: no channel named 'mail'",
        "forumwatch.toml: health.channels: no channel named 'pager'",
    ]

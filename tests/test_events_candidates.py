"""The event reader's candidates (crawler/events/candidates.py): every date and city the rules weigh,
with the features they weigh them by, and the rules' own pick among them marked."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from bench.event_ranker import Linear
from crawler.events import read_event
from crawler.events.candidates import event_candidates

BEIJING = timezone(timedelta(hours=8))
TITLE = "2019双城论坛下月在上海举行"
TEXT = "市府今（5）日宣布，2019双城论坛将于本月28日在上海举行，台北市长将率团前往。"
PUBLISHED = datetime(2019, 8, 5, 10, tzinfo=BEIJING)


def test_the_rules_pick_is_among_the_candidates_and_marked() -> None:
    candidates = event_candidates(TITLE, TEXT, PUBLISHED, "zh")
    assert candidates is not None
    rules = read_event(TITLE, TEXT, PUBLISHED, "zh")
    assert candidates.rules == rules
    assert rules.event is not None
    assert rules.event.start == date(2019, 8, 28)
    picked = [c for c in candidates.dates if c.features.get("rules_pick")]
    assert {c.start for c in picked} == {date(2019, 8, 28)}
    assert candidates.dates[0].start is None
    assert candidates.dates[0].features["null"] == 1.0
    (shanghai,) = [c for c in candidates.cities if c.key == "上海"]
    assert shanghai.features["rules_pick"] == 1.0
    assert shanghai.features["in_title"] == 1.0
    assert candidates.kind_features["rules_announcement"] == 1.0


def test_the_day_of_the_announcement_is_no_candidate() -> None:
    """今（5）日宣布 is the day something was said: the rules drop it before weighing the rest."""
    candidates = event_candidates(TITLE, TEXT, PUBLISHED, "zh")
    assert candidates is not None
    by_start = {c.start: c.features for c in candidates.dates if c.start}
    assert by_start[date(2019, 8, 28)]["attachment_2"] == 1.0  # 将于本月28日…举行
    assert date(2019, 8, 5) not in by_start  # the rules drop a date of speech outright


def test_a_story_naming_no_forum_has_no_candidates() -> None:
    assert event_candidates("台北市长今日出访", "台北市长今日出访上海。", PUBLISHED, "zh") is None


def test_a_linear_score_ignores_features_it_was_not_trained_with() -> None:
    model = Linear(("a", "b"), (0.0, 1.0), (1.0, 2.0), ((1.0, -1.0),))
    assert model.scores({"a": 2.0, "b": 3.0, "c": 100.0}) == [2.0 - 1.0]

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage import feeds
from storage.runs import finish_run, latest_runs, start_run

FEED = "https://example.com/feed.xml"


def test_validators_are_kept_until_replaced(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert feeds.get_validators(session, FEED) == feeds.FeedValidators(None, None)
        feeds.record_fetch(
            session,
            FEED,
            status=200,
            validators=feeds.FeedValidators('"abc"', "Wed, 01 Dec 2021 14:01:19 GMT"),
        )
    with Session(engine) as session, session.begin():
        feeds.record_fetch(session, FEED, status=None, error="connection refused")
    with Session(engine) as session:
        assert feeds.get_validators(session, FEED) == feeds.FeedValidators(
            '"abc"', "Wed, 01 Dec 2021 14:01:19 GMT"
        )


def test_run_records_status_and_counts(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        run_id = start_run(session)
    with Session(engine) as session, session.begin():
        finish_run(session, run_id, "finished", {"sources": {"sina": {"new": 2}}})
    with Session(engine) as session:
        [run] = latest_runs(session)
    assert (run.status, run.stats, run.finished_at is not None) == (
        "finished",
        {"sources": {"sina": {"new": 2}}},
        True,
    )

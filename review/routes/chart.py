"""The chart: stories per day by their head's publication date, the last CHART_DAYS days."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, tzinfo
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.dependencies import Db, Zone, csrf_checked, signed_in
from review.pages import render_page
from storage.models import Article, Story

CHART_DAYS = 90

router = APIRouter(dependencies=[Depends(csrf_checked), Depends(signed_in)])


@router.get("/chart", response_class=HTMLResponse, include_in_schema=False)
def chart_page(request: Request, db: Db, zone: Zone) -> HTMLResponse:
    return render_page(request, "chart.html", nav="chart", chart=chart_of(db, zone))


def chart_of(db: Session, zone: tzinfo) -> dict[str, Any]:
    """Stories per day by their head's publication date, the last CHART_DAYS days of ``zone`` including
    the empty ones: numbers the template draws as SVG bars (no script needed) and tells in words."""
    today = datetime.now(zone).date()
    days = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    start = datetime.combine(days[0], datetime.min.time(), zone)
    end = datetime.combine(today + timedelta(days=1), datetime.min.time(), zone)
    heads = select(Article.published_at).where(
        Article.is_head.is_(True), Article.published_at >= start, Article.published_at < end
    )
    per_day = Counter(moment.astimezone(zone).date() for moment in db.scalars(heads) if moment)
    undated = select(func.count()).select_from(Article).join(Story, Story.id == Article.story_id)
    undated = undated.where(
        Article.is_head.is_(True), Article.published_at.is_(None), Story.created_at >= start
    )
    counts = [(day.isoformat(), per_day[day]) for day in days]
    busiest = max(counts, key=lambda day_count: day_count[1])
    return {
        "days": counts,
        "total": sum(per_day[day] for day in days),
        "top": max(busiest[1], 1),
        "busiest": busiest,
        "empty_days": sum(1 for _day, count in counts if not count),
        "undated": db.scalar(undated) or 0,
    }

"""Announcements and events: is a forum story announcing a forum to come, reporting one held, or
neither, and which forum, when and where. Pure: text in, :class:`EventReading` out, no I/O.

Works on Simplified, Traditional (folded to Simplified for matching; names and places are returned as
written) and English. How an article is read, step by step and module by module, is in ``reader.py``.
"""

from __future__ import annotations

from crawler.events.model import Event, EventReading, Kind
from crawler.events.reader import read_event

__all__ = ["Event", "EventReading", "Kind", "read_event"]

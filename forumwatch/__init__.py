"""forumwatch: nightly news monitoring for cross-strait city diplomacy (the composition root)."""

__version__ = "0.1.0"

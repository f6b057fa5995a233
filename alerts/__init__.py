"""Alerts: which stories alert whom (rules), what the message says (per language and channel), the
channels that carry it, and delivery through the outbox."""

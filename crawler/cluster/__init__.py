"""Crawl workers sharing one crawl through Redis: scrapy-redis's scheduler and dupefilter, and around
them what makes a night's run whole across workers (docs/cluster.md).

A run, seeded by `forumwatch crawl` (seeding.py, from forumwatch/cluster.py), lives in Redis under ``{prefix}:run:{id}``:
each source's request queue (scrapy-redis's priority queue) and dupefilter, its start token, and what
each worker holds. A worker that takes a request moves it, in one step, from the queue into its own
in-flight hash, and deletes it from there only when Scrapy has finished with it (its items committed,
the requests it led to queued): a worker killed at any moment leaves its requests in its hash, and
whoever notices that its heartbeat stopped puts them back in the queue. The run has drained when every
queue and every in-flight hash is empty; then the seeder closes it, adding up what each worker counted.

This module holds only names: the spiders read them without importing Redis.
"""

from __future__ import annotations

# Set on every crawler of a worker: what a spider may know only within one process (the pages that led
# to an article, whether the feed was this worker's to fetch) is handled as a worker must.
CLUSTER_WORKER_SETTING = "FORUMWATCH_CLUSTER_WORKER"

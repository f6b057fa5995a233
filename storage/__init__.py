"""Persistence for forumwatch: models, engine set-up, migrations, dedup fingerprints and queries.

This package must not import Scrapy, APScheduler or a web framework: the crawler, the scheduler and the
review page all reach the database through the functions here.
"""

"""Downloader middlewares of forumwatch."""

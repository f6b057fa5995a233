"""Benchmarks: forumwatch beside its peers, in one run, on third-party data read from ``../shared/eval``."""

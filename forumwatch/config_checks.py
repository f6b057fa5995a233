"""The configuration checked against what only the components know: the cleaner's site profiles, the
addresses the network policy can read, the topic matcher's highest score.

The schema (forumwatch/config.py) imports no crawler code, so these checks run here, at load, and a wrong
value is still refused with its key path before anything runs.
"""

from __future__ import annotations

from crawler.netpolicy import parse_allowed
from crawler.topics import MAX_SCORE
from forumwatch.config import Config
from forumwatch.config_errors import ConfigError, entry_path, shown_value


def check_config(config: Config, origin: str = "config") -> Config:
    """``config``, once the crawler accepts it; else ConfigError, one line per problem."""
    problems = crawl_problems(config)
    if problems:
        raise ConfigError([f"{origin}: {problem}" for problem in problems])
    return config


def crawl_problems(config: Config) -> list[str]:
    """What the configuration asks of the crawler that it cannot do, each with its key path."""
    problems = []
    for index, entry in enumerate(config.crawl.allow_private):
        try:
            parse_allowed(entry)
        except ValueError as error:
            problems.append(f"crawl.allow_private[{index}]: {error}")
    for index, source in enumerate(config.sources):
        if source.profile is not None and source.profile not in (known := profile_names()):
            problems.append(
                f"{entry_path('sources', index, source.name)}.profile: unknown profile"
                f" {shown_value(source.profile)}; known: {', '.join(known)}"
            )
    for index, topic in enumerate(config.topics):
        if topic.min_score is not None and topic.min_score > MAX_SCORE:
            problems.append(
                f"{entry_path('topics', index, topic.name)}.min_score: {topic.min_score:g} can never be reached:"
                f" the highest score is {MAX_SCORE:g}"
            )
    return problems


def profile_names() -> list[str]:
    from crawler.cleaner import profile_names as cleaner_profiles  # the cleaner (trafilatura): 0.3 s

    return cleaner_profiles()

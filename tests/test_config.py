from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.topics import DEFAULT_MIN_SCORE, Topic
from forumwatch.cli import main
from forumwatch.config import Config, ConfigError, load_config
from forumwatch.config_checks import check_config


def load_checked(path: Path) -> Config:
    """The file as the command line loads it: the schema's checks, then those against the components."""
    return check_config(load_config(path), str(path))


EXAMPLE = Path(__file__).parents[1] / "forumwatch.example.toml"

MINIMAL = """
[database]
url = "sqlite:///{db}"
[[topics]]
name = "twin-city-forum"
aliases = ["双城论坛"]
[[sources]]
name = "sina-finance"
kind = "site"
start_urls = ["https://finance.sina.com.cn/"]
article_pattern = "doc-.*\\\\.shtml"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "forumwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_example_is_valid() -> None:
    config = load_checked(EXAMPLE)
    assert {s.kind for s in config.sources} == {"feed", "site"}
    assert "twin-city-forum" in [t.name for t in config.topics]


def test_minimal_config_gets_defaults(tmp_path: Path) -> None:
    config = load_checked(write(tmp_path, MINIMAL.format(db=tmp_path / "x.db")))
    assert config.crawl.obey_robots_txt is True
    assert config.crawl.keep_unmatched is False
    assert config.sources[0].entry_url == "https://finance.sina.com.cn/"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("article_pattern", "artcle_pattern"), "sources[0] (sina-finance).artcle_pattern: unknown key"),
        (
            ('kind = "site"', 'kind = "blog"'),
            "sources[0] (sina-finance).kind: Input should be 'feed' or 'site'",
        ),
        (
            ('aliases = ["双城论坛"]', 'aliases = "双城论坛"'),
            "topics[0] (twin-city-forum).aliases: Input should be a valid list",
        ),
        (("[database]", "[database]\nechoo = true"), "database.echoo: unknown key"),
        (
            ('article_pattern = "doc-.*\\\\.shtml"', 'article_pattern = "doc-(["'),
            "article_pattern: invalid regular expression",
        ),
        (
            ('start_urls = ["https://finance.sina.com.cn/"]', 'start_urls = ["finance.sina.com.cn"]'),
            "start_urls[0]: not an http(s) URL",
        ),
        (('kind = "site"', 'kind = "feed"'), "sources[0] (sina-finance): a feed source needs url"),
    ],
)
def test_bad_config_names_the_key_and_the_reason(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = MINIMAL.format(db=tmp_path / "x.db").replace(*change)
    with pytest.raises(ConfigError) as caught:
        load_checked(write(tmp_path, text))
    assert expected in caught.value.lines[0]


TOPIC_KEYS = 'aliases = ["双城论坛"]'


def test_topic_exclusions_and_min_score_are_optional(tmp_path: Path) -> None:
    plain = load_checked(write(tmp_path, MINIMAL.format(db=tmp_path / "x.db"))).topics[0]
    text = MINIMAL.format(db=tmp_path / "x.db").replace(
        TOPIC_KEYS, 'aliases = ["双城论坛", "Twin-City Forum"]\nexclude = ["成渝双城"]\nmin_score = 3'
    )
    tuned = load_checked(write(tmp_path, text)).topics[0]
    assert (plain.exclude, plain.min_score) == ([], None)  # None: the matcher's default
    assert Topic.from_dict(plain.model_dump(exclude_none=True)).min_score == DEFAULT_MIN_SCORE
    assert (tuned.exclude, tuned.min_score) == (["成渝双城"], 3.0)


@pytest.mark.parametrize(
    ("topic_keys", "expected"),
    [
        (
            'aliases = ["双城论坛", ""]',
            "topics[0] (twin-city-forum).aliases[1]: String should have at least 1 character",
        ),
        (
            'aliases = ["双城论坛", "——"]',
            "topics[0] (twin-city-forum).aliases[1]: '——' has no letter, digit or CJK character to match",
        ),
        (
            "aliases = []",
            "topics[0] (twin-city-forum).aliases: List should have at least 1 item after validation, not 0",
        ),
        (
            'aliases = ["双城论坛"]\nexclude = ["成渝", " "]',
            "topics[0] (twin-city-forum).exclude[1]: ' ' has no letter, digit or CJK character to match",
        ),
        (
            'aliases = ["双城论坛"]\nexclude = ["雙城論壇"]',
            "topics[0] (twin-city-forum).exclude: '雙城論壇' is the alias '双城论坛' once folded: the topic could never match",
        ),
        (
            'aliases = ["Twin-City Forum"]\nexclude = ["twin city  forum"]',
            "topics[0] (twin-city-forum).exclude: 'twin city  forum' is the alias 'Twin-City Forum' once folded: the topic could never match",
        ),
        (
            'aliases = ["双城论坛"]\nexclude = ["论坛"]',
            "topics[0] (twin-city-forum).exclude: '论坛' occurs in the alias '双城论坛': the topic could never match",
        ),
        (
            'aliases = ["双城论坛"]\nmin_score = 0',
            "topics[0] (twin-city-forum).min_score: Input should be greater than 0",
        ),
        (
            'aliases = ["双城论坛"]\nmin_score = 12',
            "topics[0] (twin-city-forum).min_score: 12 can never be reached: the highest score is 9",
        ),
        (
            'aliases = ["双城论坛"]\nmin_score = "high"',
            "topics[0] (twin-city-forum).min_score: Input should be a valid number (got 'high')",
        ),
        ('aliases = ["双城论坛"]\nexclue = ["成渝"]', "topics[0] (twin-city-forum).exclue: unknown key"),
    ],
)
def test_bad_topic_names_the_key_and_the_reason(tmp_path: Path, topic_keys: str, expected: str) -> None:
    path = write(tmp_path, MINIMAL.format(db=tmp_path / "x.db").replace(TOPIC_KEYS, topic_keys))
    with pytest.raises(ConfigError) as caught:
        load_checked(path)
    assert caught.value.lines == [f"{path}: {expected}"]


def test_wrong_type_in_crawl_section(tmp_path: Path) -> None:
    text = MINIMAL.format(db=tmp_path / "x.db") + '\n[crawl]\ndownload_delay = "fast"\n'
    with pytest.raises(ConfigError, match=r"crawl\.download_delay: Input should be a valid number"):
        load_checked(write(tmp_path, text))


def test_unknown_profile_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.format(db=tmp_path / "x.db").replace(
        'article_pattern = "doc-', 'profile = "sinna"\narticle_pattern = "doc-'
    )
    with pytest.raises(ConfigError, match=r"profile: unknown profile 'sinna'"):
        load_checked(write(tmp_path, text))


def test_toml_syntax_error_says_where(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 2"):
        load_checked(write(tmp_path, "[database]\nurl = \n"))


@pytest.mark.parametrize("command", ["crawl", "articles", "stories"])
def test_cli_refuses_a_bad_config_with_exit_2_and_creates_no_database(tmp_path: Path, command: str) -> None:
    db = tmp_path / "never.db"
    path = write(tmp_path, MINIMAL.format(db=db).replace("article_pattern", "artcle_pattern"))
    result = CliRunner().invoke(main, [command, "--config", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{path}: sources[0] (sina-finance).artcle_pattern: unknown key"
    ]
    assert not db.exists()


FEED_SOURCE = """
[[sources]]
name = "feed-one"
kind = "feed"
url = "https://news.example/feed"
"""


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('url = "https://news.example/feed"', 'url = "https://watcher:s3cret@news.example/feed"'), "url"),
        (('start_urls = ["https://finance', 'start_urls = ["https://watcher:s3cret@finance'), "start_urls[0]"),
        (
            ('start_urls = ["https://finance.sina.com.cn/"]', 'sitemap_urls = ["https://watcher@sina.example/s.xml"]'),
            "sitemap_urls[0]",
        ),
    ],
)  # fmt: skip
def test_a_source_url_with_credentials_is_refused_without_echoing_them(
    tmp_path: Path, change: tuple[str, str], key: str
) -> None:
    path = write(tmp_path, (MINIMAL.format(db=tmp_path / "x.db") + FEED_SOURCE).replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_checked(path)
    source = "sources[1] (feed-one)" if key == "url" else "sources[0] (sina-finance)"
    assert caught.value.lines == [
        f"{path}: {source}.{key}: a source URL may not hold a user name or password (user:password@):"
        " it would be logged and stored, and forumwatch crawls public pages only"
    ]


def test_an_at_sign_after_the_host_is_no_credential(tmp_path: Path) -> None:
    text = MINIMAL.format(db=tmp_path / "x.db") + FEED_SOURCE.replace("/feed", "/feed?by=desk@news.example")
    assert (
        load_checked(write(tmp_path, text)).sources[1].url == "https://news.example/feed?by=desk@news.example"
    )


def test_a_url_that_is_not_one_is_echoed_without_its_password(tmp_path: Path) -> None:
    text = (MINIMAL.format(db=tmp_path / "x.db") + FEED_SOURCE).replace(
        "https://news.example/feed", "https://watcher:s3cret@news example/feed"
    )
    with pytest.raises(ConfigError) as caught:
        load_checked(write(tmp_path, text))
    assert caught.value.lines[0].endswith(
        "sources[1] (feed-one).url: not an http(s) URL (got 'https://watcher:***@news example/feed')"
    )


TEN_MB = 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("addition", "where", "reason"),
    [
        (f'\n[crawl]\ndownload_delay = "{"9" * TEN_MB}"\n', "crawl.download_delay", "Input should be a valid number (got '999"),
        (f'\n[scheduler]\ntimezone = "{"Z" * TEN_MB}"\n', "scheduler.timezone", "unknown time zone 'ZZZ"),
        (f'\n[scheduler]\ncron = "* * * * {"y" * TEN_MB}"\n', "scheduler.cron", "not a crontab expression"),
        (f"\n[health]\n{'k' * TEN_MB} = 1\n", "health.kkk", "unknown key"),
        (FEED_SOURCE.replace("/feed", "/ " + "f" * TEN_MB), "sources[1] (feed-one).url", "not an http(s) URL"),
    ],
)  # fmt: skip
def test_a_huge_value_is_cut_in_the_message(tmp_path: Path, addition: str, where: str, reason: str) -> None:
    path = write(tmp_path, MINIMAL.format(db=tmp_path / "x.db") + addition)
    with pytest.raises(ConfigError) as caught:
        load_checked(path)
    [line] = caught.value.lines
    assert line.startswith(f"{path}: {where}")
    assert reason in line
    assert len(line) < len(str(path)) + 500
    assert "characters)" in line


def test_the_cli_prints_a_huge_value_cut(tmp_path: Path) -> None:
    path = write(
        tmp_path, MINIMAL.format(db=tmp_path / "x.db") + f"\n[crawl]\nuser_agent = [{'1, ' * 100_000}]\n"
    )
    result = CliRunner().invoke(main, ["articles", "--config", str(path)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert (
        line
        == f"{path}: crawl.user_agent: Input should be a valid string (got [{'1, ' * 26}1… (300,000 characters))"
    )


def test_an_integer_too_long_to_read_is_refused_in_one_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, MINIMAL.format(db=tmp_path / "x.db") + f"\n[crawl]\nmax_listing_pages = {'9' * 5000}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_checked(path)
    assert caught.value.lines == [f"{path}: not valid TOML: an integer of more than 4,300 digits"]


def test_an_allow_private_entry_the_network_policy_cannot_read_is_refused(tmp_path: Path) -> None:
    text = (
        MINIMAL.format(db=tmp_path / "x.db")
        + '\n[crawl]\nallow_private = ["127.0.0.1", "http://intranet/"]\n'
    )
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_checked(path)
    assert caught.value.lines == [
        f"{path}: crawl.allow_private[1]: 'http://intranet/' is neither an address, a network (10.0.0.0/8)"
        " nor a host name"
    ]


def test_autothrottle_can_be_turned_off(tmp_path: Path) -> None:
    from forumwatch.crawling import settings_of

    default = load_checked(write(tmp_path, MINIMAL.format(db=tmp_path / "x.db")))
    off = load_checked(
        write(tmp_path, MINIMAL.format(db=tmp_path / "x.db") + "\n[crawl]\nautothrottle = false\n")
    )
    assert settings_of(default, None).getbool("AUTOTHROTTLE_ENABLED") is True
    assert settings_of(off, None).getbool("AUTOTHROTTLE_ENABLED") is False

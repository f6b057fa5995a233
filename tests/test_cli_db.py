"""`forumwatch db current|history|upgrade`: the schema's revision read and brought up to date over
Alembic with no alembic.ini, on a real SQLite file and on the PostgreSQL server; relative SQLite paths
in a config file are the file's neighbours."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from forumwatch.cli import main
from storage.engine import head_revision, make_engine, schema_history, schema_revision


def run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(main, list(args), catch_exceptions=False)
    else:
        before = Path.cwd()
        os.chdir(cwd)
        try:
            result = runner.invoke(main, list(args), catch_exceptions=False)
        finally:
            os.chdir(before)
    return result.exit_code, result.output


def test_current_upgrade_history(database_url: str) -> None:
    head = head_revision()
    code, output = run("db", "current", "--db", database_url)
    assert code == 0
    assert "no database yet" in output or "not set up by forumwatch" in output

    code, output = run("db", "upgrade", "--db", database_url)
    assert code == 0, output
    assert f"created at {head}" in output, output
    assert schema_revision(make_engine(database_url)) == head

    code, output = run("db", "upgrade", "--db", database_url)
    assert code == 0, output
    assert f"at {head} already" in output, output
    code, output = run("db", "current", "--db", database_url)
    assert f"at {head}, the newest" in output, output

    code, output = run("db", "history", "--db", database_url)
    lines = output.splitlines()
    assert code == 0
    assert len(lines) == len(schema_history())
    assert lines[0].startswith("0001 ")
    assert lines[-1].startswith(f"{head} (current, head)")


def test_upgrade_from_an_older_revision(sqlite_url: str) -> None:
    from alembic import command

    from storage.engine import alembic_config

    engine = make_engine(sqlite_url, for_writing=True)
    older = schema_history()[-2].revision
    command.upgrade(alembic_config(engine), older)
    _code, output = run("db", "current", "--db", sqlite_url)
    assert f"at {older}; the newest is {head_revision()}" in output, output
    _code, output = run("db", "upgrade", "--db", sqlite_url)
    assert f"from {older} to {head_revision()}" in output, output


def test_a_relative_sqlite_path_is_the_config_files_neighbour(tmp_path: Path) -> None:
    service = tmp_path / "etc"
    service.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = service / "forumwatch.toml"
    config.write_text(
        '[database]\nurl = "sqlite:///data/forumwatch.db"\n\n[[topics]]\nname = "t"\naliases = ["双城论坛"]\n',
        encoding="utf-8",
    )
    code, output = run("db", "upgrade", "--config", str(config), cwd=elsewhere)
    assert code == 0, output
    assert (service / "data" / "forumwatch.db").is_file()
    assert not (elsewhere / "data").exists()


def test_an_unreachable_server_is_one_line() -> None:
    code, output = run("db", "current", "--db", "postgresql+psycopg://postgres@127.0.0.1:9/test")
    assert code == 2
    assert "connection" in output
    assert "Traceback" not in output


def test_the_review_groups_database_reaches_its_subcommands(sqlite_url: str, tmp_path: Path) -> None:
    assert run("db", "upgrade", "--db", sqlite_url)[0] == 0
    code, output = run("review", "--db", sqlite_url, "show", "1", cwd=tmp_path)
    assert code == 1
    assert "no story 1" in output  # not "no database at sqlite:///forumwatch.db"


def test_sqlites_uri_form_is_read_as_a_file(tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    from forumwatch.config import load_config
    from storage.engine import database_exists, sqlite_file

    config = tmp_path / "forumwatch.toml"
    config.write_text(
        '[database]\nurl = "sqlite:///file:data/x.db?mode=rwc&uri=true"\n\n'
        '[[topics]]\nname = "t"\naliases = ["双城论坛"]\n',
        encoding="utf-8",
    )
    url = load_config(config).database.url
    assert make_url(url).database == f"file:{tmp_path}/data/x.db"
    assert sqlite_file(url) == tmp_path / "data" / "x.db"
    assert not database_exists(url)
    assert run("db", "upgrade", "--db", url)[0] == 0
    assert database_exists(url)
    assert sqlite_file("sqlite:///file::memory:?uri=true") is None

"""The deployment examples of deploy/ hold together: the systemd units pass `systemd-analyze verify`, the
Compose file runs the service, the page and PostgreSQL as described, every forumwatch command and option
they use exists, and every file the Dockerfile copies is there. No image is built: no Docker engine."""

from __future__ import annotations

import configparser
import functools
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from forumwatch.cli import main
from forumwatch.config import DATABASE_URL_ENV
from review.app import create_app
from review.security import TOKEN_ENV, Access
from scheduler.crawls import STOP_GRACE_SECONDS
from storage.engine import open_database

ROOT = Path(__file__).parents[1]
DEPLOY = ROOT / "deploy"
UNITS = [DEPLOY / "forumwatch-schedule.service", DEPLOY / "forumwatch-serve.service"]
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / "env.example"
CONFIG_IN_PLACE = "/etc/forumwatch/forumwatch.toml"
# `forumwatch` where a shell line starts it: after white space or a bin/ folder, followed by a space or
# the end (not forumwatch.toml, forumwatch-serve.service, /opt/forumwatch/venv or image: forumwatch:1).
INVOCATION = re.compile(r"(?:^|(?<=\s)|(?<=bin/))forumwatch(?=\s|$)(.*)")
SHELL_BREAKS = ("#", "|", "&&", ";", "\\", "`")
SERVE_DEFAULT_PORT = next(p.default for p in main.commands["serve"].params if p.name == "port")


# ------------------------------------------------------------------------------------------ helpers
def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def invocation_words(line: str) -> list[str] | None:
    """The words after `forumwatch` on a shell line, up to a comment or another command; None when the
    line starts no forumwatch command."""
    found = INVOCATION.search(line)
    if found is None:
        return None
    words = []
    for word in shlex.split(found.group(1), comments=False, posix=True):
        if word.startswith(SHELL_BREAKS):
            break
        words.append(word)
    return words


@functools.cache
def help_text(words: tuple[str, ...]) -> str:
    """`forumwatch WORDS --help`, run as the deployments run it: the exit code must be 0."""
    done = subprocess.run(
        [sys.executable, "-m", "forumwatch", *words, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"forumwatch {' '.join(words)} --help: {done.stderr}"
    return done.stdout


def assert_invocation_exists(words: list[str], where: str) -> None:
    """The subcommands of ``words`` exist and the command's --help lists every option given."""
    command: list[str] = []
    rest: list[str] = []
    for index, word in enumerate(words):
        shown = help_text(tuple(command))
        if "Commands:" not in shown or not re.fullmatch(r"[a-z][a-z-]*", word):
            rest = words[index:]  # options and arguments
            break
        if word not in re.findall(r"^  (\S+)", shown.split("Commands:")[-1], re.M):
            raise AssertionError(f"{where}: forumwatch {' '.join([*command, word])}: no such command")
        command.append(word)
    listed = help_text(tuple(command))
    for option in rest:
        name = option.split("=", 1)[0]
        if name.startswith("-") and name not in ("--help", "--version"):
            assert re.search(rf"(^|[\s,]){re.escape(name)}([\s,]|$)", listed, re.M), (
                f"{where}: forumwatch {' '.join(command)} has no option {name}"
            )


def yaml_or_none() -> Any:
    try:
        import yaml
    except ImportError:
        return None
    return yaml


def compose() -> dict[str, Any]:
    yaml = yaml_or_none()
    if yaml is None:
        pytest.skip("PyYAML is not installed: the Compose file's structure is not checked")
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments left out."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            found.append((instruction.upper(), arguments.strip()))
    return found


def seconds(duration: str) -> float:
    """A systemd or Compose duration (`90s`, `2min`, `120`) in seconds."""
    total = 0.0
    for number, unit_name in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", duration):
        total += float(number) * {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}[unit_name]
    return total


# ------------------------------------------------------------------------------------------ systemd
@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_unit_passes_systemd_analyze_verify(path: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    # verify checks that ExecStart's program exists: this environment's forumwatch stands in for
    # /opt/forumwatch/venv/bin/forumwatch. The copy keeps the unit's name, which verify reads too.
    installed = Path(sys.executable).parent / "forumwatch"
    if not installed.exists():
        pytest.skip(f"no forumwatch script beside {sys.executable} to stand in for the unit's")
    text = path.read_text(encoding="utf-8")
    assert "/opt/forumwatch/venv/bin/forumwatch " in text
    copy = tmp_path / path.name
    copy.write_text(text.replace("/opt/forumwatch/venv/bin/forumwatch", str(installed)), encoding="utf-8")
    done = subprocess.run(
        [analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # Unknown keys and bad values are warnings ("Unknown key ..., ignoring"): any word about our file fails.
    about_the_unit = [line for line in output.splitlines() if path.name in line]
    assert not about_the_unit, "\n".join(about_the_unit)


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_unit_runs_forumwatch_as_documented(path: Path) -> None:
    service = unit(path)["Service"]
    assert service["User"] == "forumwatch"
    assert service["WorkingDirectory"] == "/var/lib/forumwatch"
    assert service["EnvironmentFile"] == "/etc/forumwatch/env"
    assert service["Restart"] == "on-failure"
    assert service["KillSignal"] == "SIGTERM"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["PrivateTmp"] == "yes"
    # The working directory is where the database (and SQLite's WAL files) may be written.
    assert service["WorkingDirectory"] in service["ReadWritePaths"].split()
    words = invocation_words(service["ExecStart"])
    assert words is not None
    assert words[words.index("--config") + 1] == CONFIG_IN_PLACE
    assert_invocation_exists(words, path.name)


def test_the_schedule_unit_lets_crawls_stop_cleanly() -> None:
    service = unit(DEPLOY / "forumwatch-schedule.service")["Service"]
    # SIGTERM to the service alone: it stops its crawls itself; a second SIGTERM would make Scrapy quit
    # without closing its sources.
    assert service["KillMode"] == "mixed"
    assert seconds(service["TimeoutStopSec"]) >= STOP_GRACE_SECONDS + 30
    assert invocation_words(service["ExecStart"])[:1] == ["schedule"]  # type: ignore[index]


def test_the_serve_unit_listens_behind_a_proxy() -> None:
    words = invocation_words(unit(DEPLOY / "forumwatch-serve.service")["Service"]["ExecStart"])
    assert words is not None
    assert words[0] == "serve"
    assert words[words.index("--host") + 1] == "127.0.0.1"
    assert "--https" in words
    assert "--open" not in words


# ------------------------------------------------------------------------------------------ Docker
def test_the_dockerfile_installs_forumwatch_without_development_tools() -> None:
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    runs = " ".join(arguments for instruction, arguments in instructions if instruction == "RUN")
    assert "pip install '.[postgres]'" in runs
    assert "dev" not in re.findall(r"pip install (\S+)", runs)[0]
    users = [arguments for instruction, arguments in instructions if instruction == "USER"]
    assert users, "the image runs as root"
    assert users[-1] not in ("root", "0")
    assert ("ENTRYPOINT", '["forumwatch"]') in instructions


def test_every_file_the_dockerfile_copies_exists() -> None:
    copied = []
    for instruction, arguments in dockerfile_instructions():
        if instruction in ("COPY", "ADD"):
            *sources, _destination = [word for word in arguments.split() if not word.startswith("--")]
            copied += sources
    assert copied
    ignored = {
        line.strip().rstrip("/")
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for source in copied:
        assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which the repository lacks"
        assert source.rstrip("/") not in ignored, f"{source} is copied but kept out of the build context"


def test_the_image_holds_every_package_pip_installs() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    copied = {
        arguments.split()[0].rstrip("/")
        for instruction, arguments in dockerfile_instructions()
        if instruction == "COPY"
    }
    for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]:
        assert pattern.rstrip("*") in copied, f"pyproject.toml installs {pattern}, the image lacks it"
    assert project["project"]["readme"] in " ".join(a for i, a in dockerfile_instructions() if i == "COPY")


def test_the_healthcheck_asks_a_page_serve_answers_without_sign_in(tmp_path: Path) -> None:
    healthcheck = " ".join(a for i, a in dockerfile_instructions() if i == "HEALTHCHECK")
    found = re.search(r"http://127\.0\.0\.1:(\d+)(/[\w/]*)", healthcheck)
    assert found is not None, healthcheck
    assert int(found.group(1)) == SERVE_DEFAULT_PORT
    engine = open_database(f"sqlite:///{tmp_path / 'forumwatch.db'}")
    client = TestClient(create_app(engine, Access("a token nobody gave")))
    assert client.get(found.group(2), follow_redirects=False).status_code == 200


def commented_commands(path: Path) -> list[list[str]]:
    """The forumwatch commands shown in a file's comments, as its comments show commands: indented
    (``#   docker compose exec serve forumwatch status``)."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#   "):
            words = invocation_words(line[1:])
            if words:
                found.append(words)
    return found


def test_the_dockerfile_comments_name_existing_commands() -> None:
    for words in commented_commands(DOCKERFILE):
        assert_invocation_exists(words, "Dockerfile")


# ------------------------------------------------------------------------------------------ Compose
def test_the_compose_file_is_there_in_any_case() -> None:
    # Without PyYAML the structure is not checked below: at least the essentials are in the text.
    text = COMPOSE.read_text(encoding="utf-8")
    for needed in ("services:", "image: postgres:16", DATABASE_URL_ENV, "schedule", "serve", CONFIG_IN_PLACE):
        assert needed in text


def test_compose_runs_the_service_the_page_and_postgres() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "schedule", "serve"}
    database = services["db"]
    assert database["image"] == "postgres:16"
    volume = next(v for v in database["volumes"] if v.endswith(":/var/lib/postgresql/data"))
    assert volume.split(":")[0] in compose()["volumes"], "the database's volume is not a named volume"
    assert database["healthcheck"]["test"]
    for name in ("schedule", "serve"):
        service = services[name]
        build = service["build"]
        assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE.resolve()
        url = service["environment"][DATABASE_URL_ENV]
        assert url.startswith("postgresql+psycopg://")
        assert "@db:" in url
        assert f"./forumwatch.toml:{CONFIG_IN_PLACE}:ro" in service["volumes"]
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["init"] is True
        command = service["command"]
        assert command[0] == name
        assert command[command.index("--config") + 1] == CONFIG_IN_PLACE
        assert_invocation_exists(command, f"compose.yaml ({name})")
    assert services["schedule"]["healthcheck"] == {"disable": True}
    assert seconds(services["schedule"]["stop_grace_period"]) >= STOP_GRACE_SECONDS + 30
    serve = services["serve"]["command"]
    assert serve[serve.index("--host") + 1] == "0.0.0.0"
    assert serve[serve.index("--port") + 1] == str(SERVE_DEFAULT_PORT)
    assert "--open" not in serve  # refused off loopback anyway
    assert services["serve"]["ports"] == [f"127.0.0.1:{SERVE_DEFAULT_PORT}:{SERVE_DEFAULT_PORT}"]


def test_the_compose_comments_name_existing_commands() -> None:
    shown = commented_commands(COMPOSE)
    assert shown, "compose.yaml shows no forumwatch command in its comments"
    for words in shown:
        assert_invocation_exists(words, "compose.yaml")


# ------------------------------------------------------------------------------------------ README, env
def test_the_commands_in_the_deploy_readme_exist() -> None:
    checked = 0
    in_code = False
    lines = (DEPLOY / "README.md").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    for line in lines:
        if line.startswith("```"):
            in_code = not in_code
            continue
        words = invocation_words(line) if in_code else None
        if words:
            assert_invocation_exists(words, "deploy/README.md")
            checked += 1
    assert checked >= 3


def test_the_env_example_names_the_variables_forumwatch_reads() -> None:
    import tomllib

    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    assert re.search(rf"^{TOKEN_ENV}=", text, re.M)
    assert DATABASE_URL_ENV in text
    example = tomllib.loads((ROOT / "forumwatch.example.toml").read_text(encoding="utf-8"))
    for channel in example.get("channels", []):
        for key, variable in channel.items():
            if key.endswith("_env"):
                assert variable in text, f"env.example does not mention {variable} ({channel['name']}.{key})"

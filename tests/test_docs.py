"""The documentation keeps up with the code: every command, option and configuration key is described,
the README stays short and renders, its example configuration loads, and no link leads nowhere."""

from __future__ import annotations

import re
import tomllib
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from pydantic import BaseModel

from forumwatch.cli import main
from forumwatch.config import Config, parse_config

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
COMMANDS_DOC = DOCS / "commands.md"
CONFIGURATION_DOC = DOCS / "configuration.md"
# The README is where a newcomer starts: what forumwatch is and how to run it, not its internals.
README_MAX_BYTES = 12 * 1024
MARKDOWN_FILES = [README, *sorted(DOCS.glob("*.md")), ROOT / "deploy" / "README.md"]
# Text files that people copy from: none may name a path of the machine the docs were written on.
MACHINE_PATHS = re.compile(r"(?<![\w.])/(?:work|tmp|root|home)/")
FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HELP_OPTIONS = {"--help", "--version"}


# ------------------------------------------------------------------------------------------ helpers
def commands(
    group: click.Group = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and subcommand of the CLI, with the words that invoke it (() for `forumwatch`)."""
    yield path, group
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


def visible_options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def outside_code(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown text that are not in fenced code blocks, numbered from 1."""
    in_code = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield number, line


def sections(text: str, level: int = 2) -> dict[str, str]:
    """A Markdown text cut at its headings of ``level``: heading text (without backticks) -> body, the
    deeper headings inside it included."""
    marker = "#" * level + " "
    found: dict[str, str] = {}
    current: str | None = None
    body: list[str] = []
    for _, line in outside_code(text + "\n"):
        if line.startswith(marker):
            if current is not None:
                found[current] = "\n".join(body)
            current, body = line[len(marker) :].strip().replace("`", ""), []
        elif current is not None:
            body.append(line)
    if current is not None:
        found[current] = "\n".join(body)
    return found


def models_in(annotation: object) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds: ``list[X]``, ``X | None``, ``Annotated[A | B, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in typing.get_args(annotation):
        found += models_in(argument)
    return found


def config_keys(model: type[BaseModel]) -> set[str]:
    """Every key of ``model`` and of the models below it."""
    keys = set(model.model_fields)
    for field in model.model_fields.values():
        for inner in models_in(field.annotation):
            keys |= config_keys(inner)
    return keys


def heading_anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces become hyphens."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {heading_anchor(line.lstrip("#")) for _, line in outside_code(text) if line.startswith("#")}


# ------------------------------------------------------------------------------------------ commands
COMMAND_PATHS = [path for path, _ in commands()]


def test_the_walk_finds_the_subcommands() -> None:
    assert ("crawl",) in COMMAND_PATHS
    assert ("db", "upgrade") in COMMAND_PATHS
    assert ("review", "mark") in COMMAND_PATHS


@pytest.mark.parametrize(
    ("path", "command"), list(commands()), ids=[" ".join(("forumwatch", *path)) for path in COMMAND_PATHS]
)
def test_every_command_has_a_section_with_its_options(path: tuple[str, ...], command: click.Command) -> None:
    documented = sections(COMMANDS_DOC.read_text(encoding="utf-8"))
    heading = " ".join(("forumwatch", *path))
    assert heading in documented, f"docs/commands.md has no section `## {heading}`"
    body = documented[heading]
    for option in visible_options(command):
        names = [name for name in option.opts + option.secondary_opts if name.startswith("--")]
        assert any(f"`{name}" in body for name in names), (
            f"docs/commands.md, `{heading}`: option {'/'.join(option.opts)} is not described"
        )


def test_the_commands_doc_describes_no_command_that_does_not_exist() -> None:
    documented = sections(COMMANDS_DOC.read_text(encoding="utf-8"))
    existing = {" ".join(("forumwatch", *path)) for path in COMMAND_PATHS}
    invented = [
        heading for heading in documented if heading.startswith("forumwatch") and heading not in existing
    ]
    assert not invented


def resolve(words: list[str]) -> tuple[click.Command, list[str]]:
    """The command ``forumwatch WORDS...`` names and the words after it; AssertionError if none does.
    A word written ``a|b`` stands for each alternative in turn (all must exist)."""
    command: click.Command = main
    for index, word in enumerate(words):
        if not isinstance(command, click.Group) or not re.fullmatch(r"[a-z][a-z|-]*", word):
            return command, words[index:]
        alternatives = word.split("|")
        if alternatives[0] not in command.commands:
            if isinstance(command, click.Group) and command.invoke_without_command:
                return command, words[index:]  # `forumwatch review` lists: what follows is arguments
            raise AssertionError(f"forumwatch {' '.join(words[: index + 1])}: no such command")
        for alternative in alternatives[1:]:
            assert alternative in command.commands, f"no command {alternative!r} under {command.name}"
        command = command.commands[alternatives[0]]
    return command, []


def assert_options_exist(command: click.Command, words: list[str], where: str) -> None:
    known = {
        name for p in command.params if isinstance(p, click.Option) for name in p.opts + p.secondary_opts
    }
    for word in words:
        option = word.split("=", 1)[0]
        if option.startswith("-") and option not in HELP_OPTIONS:
            assert option in known, f"{where}: `{command.name}` has no option {option}"


def readme_command_rows() -> list[str]:
    return [
        line
        for _, line in outside_code(README.read_text(encoding="utf-8"))
        if line.startswith("| `forumwatch")
    ]


def test_the_readme_lists_the_daily_commands() -> None:
    rows = readme_command_rows()
    assert len(rows) >= 10
    listed = " ".join(rows)
    for name in ("crawl", "review", "serve", "export", "status", "runs", "alerts", "schedule", "db"):
        assert f"`forumwatch {name}" in listed


@pytest.mark.parametrize("row", readme_command_rows())
def test_every_command_in_the_readme_table_exists(row: str) -> None:
    first_cell = row.split(" | ")[0]
    for usage in re.findall(r"`(forumwatch[^`]*)`", first_cell):
        words = usage.replace("\\|", "|").split()[1:]
        command, rest = resolve(words)
        assert_options_exist(command, rest, f"README: {usage}")


# ------------------------------------------------------------------------------------ configuration
def test_every_configuration_key_is_documented_in_its_section() -> None:
    documented = sections(CONFIGURATION_DOC.read_text(encoding="utf-8"))
    missing = []
    for section, field in Config.model_fields.items():
        assert section in documented, f"docs/configuration.md has no section `## {section}`"
        keys: set[str] = set()
        for model in models_in(field.annotation):
            keys |= config_keys(model)
        assert keys, f"[{section}] has no keys?"
        missing += [f"{section}.{key}" for key in sorted(keys) if f"`{key}`" not in documented[section]]
    assert not missing, f"docs/configuration.md does not describe: {', '.join(missing)}"


def test_the_readme_configuration_is_valid() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert blocks, "the README shows no configuration"
    for block in blocks:
        config = parse_config(tomllib.loads(block), origin="README.md")
        assert {source.kind for source in config.sources} == {"feed", "site"}
        assert config.channels
        assert config.alerts
        assert config.schedules


# ------------------------------------------------------------------------------------ README, links
def test_the_readme_is_short() -> None:
    size = len(README.read_bytes())
    assert size <= README_MAX_BYTES, f"README.md is {size:,} bytes; at most {README_MAX_BYTES:,}"


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_tables_have_no_blank_line_inside(path: Path) -> None:
    """A row after a blank line is a paragraph of pipes, not a row: every table row follows the header,
    its separator or another row."""
    lines = dict(outside_code(path.read_text(encoding="utf-8")))
    for number, line in lines.items():
        if not line.startswith("|"):
            continue
        is_header = re.fullmatch(r"\|?[\s:|-]+\|?", lines.get(number + 1, "")) is not None
        follows_row = lines.get(number - 1, "").startswith("|")
        assert is_header or follows_row, f"{path.name}:{number}: a table row cut off from its table"


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_lead_somewhere(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prose = "\n".join(line for _, line in outside_code(text))
    for target in LINK.findall(prose):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        assert linked.exists(), f"{path.name}: link to {target}: no such file"
        assert linked.is_relative_to(ROOT), f"{path.name}: link to {target} leaves the repository"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{path.name}: link to {target}: no such heading"


def test_the_docs_index_lists_every_page() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "README.md":
            assert f"]({page.name})" in index, f"docs/README.md does not list {page.name}"


def documentation_files() -> list[Path]:
    return [*MARKDOWN_FILES, *sorted(DOCS.rglob("*")), *sorted((ROOT / "deploy").rglob("*"))]


def test_no_path_of_this_machine_in_the_docs() -> None:
    for path in documentation_files():
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found = MACHINE_PATHS.search(text)
            assert found is None, f"{path.relative_to(ROOT)}: {text[found.start() : found.start() + 40]!r}"


def test_models_in_reads_the_annotations_config_uses() -> None:
    # list[...], X | None and Annotated unions with a discriminator: all three shapes occur in Config.
    assert models_in(list[Config]) == [Config]
    assert models_in(Config | None) == [Config]
    assert models_in(types.NoneType) == []

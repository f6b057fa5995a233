"""How a refused configuration is told: one line per problem, with its key path and the reason, e.g.
``forumwatch.toml: sources[2] (sina-finance).artcle_pattern: unknown key``; values a person wrote are
quoted and cut, secrets never echoed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from forumwatch.terminal import without_password


class ConfigError(Exception):
    """The configuration file cannot be used; ``lines`` say where and why, one problem per line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def describe_errors(error: ValidationError, data: dict[str, object]) -> list[str]:
    """Pydantic's errors as 'key.path: reason' lines, naming list entries by their `name` too."""
    lines = []
    for detail in error.errors(include_url=False):
        location = _key_path(detail["loc"], data)
        # A check across the file reports several problems at once, one per line, each with its path.
        for reason in _reason(detail).splitlines():
            reason = _cut(reason, REASON_CHARS)
            lines.append(f"{location}: {reason}" if location else reason)
    return lines


# An echoed value is cut to this many characters: enough to tell which value it is, while a value pasted
# by mistake (a 10 MB blob) cannot flood the terminal.
SHOWN_VALUE_CHARS = 80
# Other libraries' reasons (the crontab parser's) quote values their own way: the whole reason is cut.
REASON_CHARS = 300


def _cut(text: str, limit: int, length: int | None = None) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was (``length``, else its own)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({length if length is not None else len(text):,} characters)"


def shown_value(value: object) -> str:
    """``value`` quoted as repr() quotes it (controls escaped), cut to SHOWN_VALUE_CHARS."""
    return _cut(repr(value), SHOWN_VALUE_CHARS, len(value) if isinstance(value, str) else None)


def entry_path(key: str, index: int, name: str) -> str:
    """How an error names the entry of a list of tables: ``sources[2] (city-news)``."""
    return f"{key}[{index}] ({_cut(name, SHOWN_VALUE_CHARS)})"


def _key_path(location: tuple[int | str, ...], data: object) -> str:
    parts: list[str] = []
    node: object = data
    for key in location:
        if isinstance(key, int):
            entry = node[key] if isinstance(node, list) and key < len(node) else None
            named = entry.get("name") if isinstance(entry, dict) else None
            shown_name = f" ({_cut(named, SHOWN_VALUE_CHARS)})" if isinstance(named, str) else ""
            parts.append(f"[{key}]{shown_name}")
            node = entry
        elif key.startswith(("function-", "literal[", "union[")) or key in ("str", "int", "float"):
            continue  # pydantic's names for validator branches, not keys of the file
        else:
            shown_key = _cut(key, SHOWN_VALUE_CHARS)  # an unknown key is any text the file holds
            parts.append(f".{shown_key}" if parts else shown_key)
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def _reason(detail: Mapping[str, Any]) -> str:
    kind, message, given = detail["type"], str(detail["msg"]), detail.get("input")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        pattern = str(detail.get("ctx", {}).get("pattern", ""))
        if pattern.startswith("^https?"):
            return f"not an http(s) URL (got {shown_value(without_password(str(given)))})"
        if pattern.startswith("^(rediss?"):
            shown = shown_value(without_password(str(given)))
            return f"not a Redis URL: redis://host:6379/0, rediss://... or unix:///... (got {shown})"
        if pattern.startswith("^[A-Za-z_]"):
            return f"not an environment variable's name: letters, digits and '_' (got {shown_value(given)})"
        return f"use lower-case letters, digits, '-' and '_' only (got {shown_value(given)})"
    if kind.endswith("_type") or kind == "literal_error":
        return f"{message} (got {shown_value(given)})"
    return message.removeprefix("Value error, ")

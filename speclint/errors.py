"""Errors speclint reports to users as one clear line, never as a traceback."""

from __future__ import annotations


class SpeclintError(Exception):
    """Base class: every error a user can see. ``str(err)`` is the one line to show."""


class InputError(SpeclintError):
    """A file that cannot be linted: missing, unreadable, corrupt, encrypted, scanned..."""

    def __init__(self, path: str, cause: str) -> None:
        self.path = path
        self.cause = cause
        super().__init__(f"{path}: {cause}")


class ConfigError(SpeclintError):
    """A configuration file with an unknown key or a bad value."""


class RulePackError(SpeclintError):
    """A rule pack that cannot be loaded (bad field, duplicate code, bad query)."""


class QuerySyntaxError(SpeclintError):
    """A rule query that does not parse, pointing at the line and column of the problem.

    ``column`` counts within ``line`` (both from 1). A query of one line is shown whole
    with a caret under the problem; in a query of several lines, as a pack's queries are,
    the message names the line and shows that line.
    """

    def __init__(self, query: str, column: int, problem: str, line: int = 1) -> None:
        self.query = query
        self.column = column
        self.problem = problem
        self.line = line
        pointer = " " * (column - 1) + "^"
        lines = query.split("\n")
        if len(lines) == 1:
            where, shown = f"column {column}", query
        else:
            where, shown = f"line {line}, column {column}", lines[min(line, len(lines)) - 1]
        super().__init__(f"query error at {where}: {problem}\n  {shown}\n  {pointer}")

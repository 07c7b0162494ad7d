"""Configuration: ``[tool.speclint]`` in ``pyproject.toml`` or a ``speclint.toml``.

The nearest file walking up from each linted file applies to it (``--config`` names
one file for every path). Keys use kebab-case, as ruff's do::

    [tool.speclint]
    select = ["PBR", "RFL001"]        # codes or family prefixes; default: every rule
    ignore = ["OVR003"]
    fail-on = "error"                  # info | warning | error | never
    timeout = 60                       # processor seconds per file (0 on the command line: none)
    max-memory = 1024                  # MB one file may use
    exclude = ["archive/**"]          # replaces the default, ["*.reviewed.docx"]
    extend-exclude = ["drafts/old/**"] # added to exclude
    force-exclude = true               # exclude files named on the command line too
    respect-gitignore = false          # also lint files in folders that git ignores
    group-related = false              # report every rule that fires on a sentence
    group-repeats = false              # report every place (true: fold rows, items, sections)
    [tool.speclint.severity]
    MFL003 = "warning"
    [tool.speclint.per-file-ignores]
    "legacy/*.docx" = ["PBR"]
    [tool.speclint.per-clause-ignores]
    "4.3" = ["OVR"]                    # clause 4.3 and every sub-clause (4.3.1, 4.3(a))
    "Schedule 2*" = ["PBR001"]         # a glob over clause numbers as printed
    "legacy/*.docx::6.2" = ["PBR"]     # only in files matching the path glob

An unknown key or a bad value is one line naming the file, the key and what is allowed.

``SPECLINT_PDF_TIMEOUT`` is a deprecated alias of ``timeout``: when set to a number of
seconds above 0, it is the time limit of every file whose limit neither ``--timeout`` nor
a configuration file sets. (It once timed the PDF reader alone, from inside it.)

A ``per-clause-ignores`` key is a clause pattern, optionally after a path glob and
``::``. Without glob characters it matches that clause number and every clause beneath
it (``4.3`` covers ``4.3``, ``4.3.1`` and ``4.3(a)``, not ``4.31``); with ``*``, ``?``
or ``[...]`` it is a glob over the whole number as printed. Matching ignores case,
repeated spaces and a trailing full stop. A key without a lettered part also covers
the clause with it ("Schedule 2 3" covers "Schedule 2 Part A 3.1"). Findings with no
clause (about the document as a whole) are never matched.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator
from pydantic_core import ErrorDetails

from speclint import lazy_re as re
from speclint.errors import ConfigError
from speclint.models import Severity
from speclint.paths import resolved, windows_hint
from speclint.registry import RuleRegistry, builtin_registry
from speclint.workers import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FailOn = Literal["info", "warning", "error", "never"]
CONFIG_FILES = ("speclint.toml", "pyproject.toml")
#: Left out of folders by default: the reviewed copies ``speclint annotate`` writes,
#: whose findings would repeat the draft's. A reviewed copy named outright is linted.
DEFAULT_EXCLUDE = ("*.reviewed.docx",)


#: The deprecated alias of ``timeout`` (see the module docstring).
TIMEOUT_ALIAS = "SPECLINT_PDF_TIMEOUT"


def default_timeout() -> float:
    """The time limit of a file when no option or configuration sets one, in seconds.

    That is :data:`~speclint.workers.DEFAULT_TIMEOUT`, unless the deprecated
    ``SPECLINT_PDF_TIMEOUT`` holds a number of seconds above 0.
    """
    raw = os.environ.get(TIMEOUT_ALIAS, "").strip()
    try:
        value = float(raw) if raw else 0.0
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < float("inf") else DEFAULT_TIMEOUT


class Settings(BaseModel):
    """Validated settings for linting a set of files."""

    # The validator is built when settings are first validated (a configuration file):
    # a run without one takes the defaults (default_settings), which need none.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = Field(default=(), alias="extend-select")
    severity: dict[str, Severity] = Field(default_factory=dict)
    fail_on: FailOn = Field(default="warning", alias="fail-on")
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = Field(default=(), alias="extend-exclude")
    force_exclude: bool = Field(default=False, alias="force-exclude")
    # Read by the walk (speclint.walking) from the TOML itself; declared so it is checked.
    respect_gitignore: bool = Field(default=True, alias="respect-gitignore", strict=True)
    #: One finding per family and sentence, the other codes listed in its ``related``.
    group_related: bool = Field(default=True, alias="group-related", strict=True)
    #: One finding per rule repeated down a table (or list), the other rows and items
    #: in its ``also_at`` (the introducing sentence's code, when another, in ``related``),
    #: and per issue repeated in the paragraphs of one section; ``"tables"`` folds tables
    #: and lists only, each paragraph of a section reported on its own.
    group_repeats: StrictBool | Literal["tables"] = Field(default=True, alias="group-repeats")
    per_file_ignores: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, alias="per-file-ignores"
    )
    per_clause_ignores: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, alias="per-clause-ignores"
    )
    timeout: float | None = Field(default_factory=default_timeout, gt=0)
    max_memory: int | None = Field(default=DEFAULT_MAX_MEMORY_MB, alias="max-memory", gt=0)
    root: Path | None = Field(default=None, exclude=True)

    @field_validator("per_clause_ignores")
    @classmethod
    def _clause_keys(cls, table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for key in table:
            files, sep, pattern = key.rpartition("::")
            if not pattern.strip() or (sep and not files.strip()):
                raise ValueError(
                    f"key {key!r} needs a clause number or pattern, optionally after "
                    'a path glob and \'::\' (such as "4.3" or "legacy/*.docx::6.2")'
                )
        return table

    def with_limits(self, timeout: float | None, max_memory: int | None) -> Settings:
        """These settings with the limits given on the command line (``0``: no limit)."""
        update: dict[str, object] = {}
        if timeout is not None:
            update["timeout"] = timeout or None
        if max_memory is not None:
            update["max_memory"] = max_memory or None
        return self.model_copy(update=update)

    def enabled(self, code: str, path: str | None = None) -> bool:
        """True when rule ``code`` is selected, not ignored, and not ignored for ``path``."""
        chosen = self.select + self.extend_select
        if not any(_matches(code, s) for s in chosen):
            return False
        if any(_matches(code, s) for s in self.ignore):
            return False
        if path is not None and self.per_file_ignores:
            rel = self.relative(path)
            for pattern, codes in self.per_file_ignores.items():
                if _glob(rel, pattern) and any(_matches(code, c) for c in codes):
                    return False
        return True

    def clause_ignored(self, code: str, clause: str | None, path: str | None = None) -> bool:
        """True when ``per-clause-ignores`` silences ``code`` in ``clause`` of ``path``.

        ``clause`` is the number as printed (``None`` for a finding with no clause,
        which no key matches). A key scoped to files (``PATH-GLOB::CLAUSE``) needs
        ``path`` to match.
        """
        if clause is None or not self.per_clause_ignores:
            return False
        number = _clause_key(clause)
        # Clauses under a lettered part print it ("Schedule 2 Part A 3"); a key written
        # without the part ("Schedule 2 3", as such clauses were printed until December 2026) still
        # covers them.
        partless = _PART.sub("", number)
        rel = self.relative(path) if path is not None else None
        for key, codes in self.per_clause_ignores.items():
            if not any(_matches(code, c) for c in codes):
                continue
            files, sep, pattern = key.rpartition("::")
            if sep and (rel is None or not _glob(rel, files.strip())):
                continue
            wanted = _clause_key(pattern)
            if _clause_matches(number, wanted) or (
                partless != number and " part " not in wanted and _clause_matches(partless, wanted)
            ):
                return True
        return False

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The configured severity of ``code`` (exact code first, then its family)."""
        return self.severity.get(code) or self.severity.get(code[:3]) or default

    def excluded(self, path: str) -> bool:
        """True when ``path`` matches one of the ``exclude`` or ``extend-exclude`` patterns."""
        rel = self.relative(path)
        return any(_glob(rel, pattern) for pattern in self.exclude + self.extend_exclude)

    def relative(self, path: str) -> str:
        """``path`` relative to the configuration file's folder, with forward slashes."""
        resolved_path = resolved(path)
        if self.root is not None:
            try:
                return resolved_path.relative_to(resolved(self.root)).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()

    def selecting(
        self, select: Iterable[str] | None = None, ignore: Iterable[str] = ()
    ) -> Settings:
        """Apply the command line's choice of rules.

        ``select`` replaces the configured selection (``extend-select`` included) and
        ``ignore`` adds to the configured ignores.
        """
        extra = tuple(ignore)
        if select is None and not extra:
            return self
        update: dict[str, Any] = {}
        if select is not None:
            update.update(select=tuple(select), extend_select=())
        if extra:
            update["ignore"] = self.ignore + extra
        return self.model_copy(update=update)


def _matches(code: str, selector: str) -> bool:
    selector = selector.strip().upper()
    return selector == "ALL" or code == selector or code.startswith(selector)


_PART = re.compile(r" part [a-z]\b")


def _clause_key(text: str) -> str:
    """A clause number or pattern, compared without case, extra spaces or a final stop."""
    return " ".join(text.split()).rstrip(".").casefold()


def _clause_matches(number: str, pattern: str) -> bool:
    """``number`` is ``pattern`` or beneath it (``4.3.1``, ``4.3(a)``), or matches its glob."""
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(number, pattern)
    return number == pattern or (
        number.startswith(pattern) and number[len(pattern) : len(pattern) + 1] in (".", "(", " ")
    )


def path_matches(rel: str, pattern: str) -> bool:
    """True when the path ``rel`` (forward slashes) or its name matches the glob ``pattern``.

    ``dir/`` and ``dir/**`` match everything below ``dir``.
    """
    return _glob(rel, pattern)


def _glob(rel: str, pattern: str) -> bool:
    # A glob written on Windows ("legacy\\*.docx") means the same folders: a backslash
    # is no escape in these globs, so it can only have been a separator.
    pattern = pattern.replace("\\", "/")
    name = rel.rsplit("/", 1)[-1]
    return (
        fnmatch.fnmatch(rel, pattern)
        or fnmatch.fnmatch(name, pattern)
        or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*")
        or (pattern.endswith("/**") and rel.startswith(pattern[:-3].rstrip("/") + "/"))
    )


_ALLOWED = (
    "select, ignore, extend-select, severity, fail-on, exclude, extend-exclude, "
    "force-exclude, respect-gitignore, group-related, group-repeats, per-file-ignores, "
    "per-clause-ignores, timeout, max-memory"
)


#: Keys of other linters' configurations, and what speclint says instead.
_OTHER_KEYS = {
    "include": "--include GLOB is a command-line option, not a configuration key",
    "extend-include": "--include GLOB is a command-line option, not a configuration key",
    "extend-ignore": "'ignore' already adds to the defaults",
    "fail-level": "did you mean 'fail-on'?",
    "min-alert-level": "did you mean 'fail-on'?",
}


def _key_hint(key: str) -> str:
    """``did you mean 'select'?; `` for a misspelt configuration key, else ``""``."""
    import difflib

    name = key.replace("_", "-").lower()
    other = _OTHER_KEYS.get(name)
    if other is not None:
        return f"{other}; "
    close = difflib.get_close_matches(name, _ALLOWED.split(", "), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?; " if close else ""


def _describe(error: ErrorDetails) -> str:
    loc = [str(p) for p in error["loc"]]
    key = loc[0] if loc else "?"
    if error["type"] == "extra_forbidden":
        return f"unknown key '{key}' ({_key_hint(key)}allowed: {_ALLOWED})"
    if key == "fail-on" or key == "fail_on":
        return "'fail-on' must be one of info, warning, error, never"
    if key == "timeout":
        return "'timeout' must be a number of seconds greater than 0"
    if key in ("force-exclude", "force_exclude", "respect-gitignore", "respect_gitignore"):
        return f"'{key.replace('_', '-')}' must be true or false"
    if key in ("group-repeats", "group_repeats"):
        return "'group-repeats' must be true, false or \"tables\""
    if key in ("max-memory", "max_memory"):
        return "'max-memory' must be a whole number of megabytes greater than 0"
    if key == "severity":
        code = loc[1] if len(loc) > 1 else "?"
        return f"severity for '{code}' must be one of info, warning, error"
    if key in ("per-clause-ignores", "per_clause_ignores") and error["type"] == "value_error":
        return f"'per-clause-ignores': {error['msg'].removeprefix('Value error, ')}"
    if key in _IGNORE_TABLES:
        return _describe_ignores(_IGNORE_TABLES[key], loc[1:], error["input"])
    if key in _LIST_SETTINGS:
        return _describe_list(key, _LIST_SETTINGS[key], error["input"] if len(loc) == 1 else None)
    return f"'{'.'.join(loc)}': {error['msg']}"


#: The settings that are lists of strings, by either spelling: (name, what it lists, example).
_LIST_SETTINGS = {
    "select": ("select", "codes", "PBR"),
    "ignore": ("ignore", "codes", "OVR003"),
    "extend-select": ("extend-select", "codes", "PBR"),
    "extend_select": ("extend-select", "codes", "PBR"),
    "exclude": ("exclude", "path patterns", "archive/**"),
    "extend-exclude": ("extend-exclude", "path patterns", "old/**"),
    "extend_exclude": ("extend-exclude", "path patterns", "old/**"),
}


def _describe_list(key: str, setting: tuple[str, str, str], value: Any) -> str:
    """Say in plain words how to write a list setting given as a string or with a non-string."""
    name, what, sample = setting
    if isinstance(value, str) and value.strip():
        return (
            f"'{name}' is a list of {what}, as {name} = [\"{value.strip()}\"], not a single string"
        )
    return f"'{name}' is a list of {what}, such as {name} = [\"{sample}\"]"


#: The two tables of codes to ignore, by either spelling: (name, what a key is, example).
_IGNORE_TABLES = {
    "per-clause-ignores": ("per-clause-ignores", "clause number", ("4.3", "OVR")),
    "per_clause_ignores": ("per-clause-ignores", "clause number", ("4.3", "OVR")),
    "per-file-ignores": ("per-file-ignores", "path pattern", ("legacy/*.docx", "PBR")),
    "per_file_ignores": ("per-file-ignores", "path pattern", ("legacy/*.docx", "PBR")),
}


def _describe_ignores(table: tuple[str, str, tuple[str, str]], loc: list[str], value: Any) -> str:
    """Say in plain words what to write in ``per-clause-ignores`` or ``per-file-ignores``.

    TOML reads an unquoted ``4.3`` as a table ``4`` holding a key ``3``, and a bare
    ``"PBR"`` is a string, not a list: each gets the line to write instead.
    """
    name, what, (sample_key, sample_code) = table
    head = f"[{name}]:"
    if not loc:
        return (
            f'{head} this is a table of {what}s and codes, such as "{sample_key}" = '
            f'["{sample_code}"], under its own heading [tool.speclint.{name}]'
        )
    key, leaf = loc[0], value
    if len(loc) == 1:
        while isinstance(leaf, dict) and leaf:  # an unquoted dotted key: its first part
            inner, leaf = next(iter(leaf.items()))
            key = f"{key}.{inner}"
    codes = _codes_list(leaf, sample_code)
    if len(loc) == 1 and isinstance(value, dict):
        also = (
            "; the value is a list of codes, not a single string" if isinstance(leaf, str) else ""
        )
        return (
            f'{head} quote the {what}, as "{key}" = {codes}; without quotes TOML reads '
            f"{key} as a table of its own{also}"
        )
    if len(loc) == 1 and isinstance(value, str):
        return f'{head} the value is a list of codes, as "{key}" = {codes}, not a single string'
    return f'{head} the value for "{key}" is a list of codes such as ["{sample_code}"]'


def _codes_list(value: Any, sample: str) -> str:
    """``value`` written as a TOML list of codes, or ``["sample"]`` when it holds none."""
    if isinstance(value, str) and value.strip():
        codes = [value.strip()]
    elif isinstance(value, list) and value and all(isinstance(c, str) for c in value):
        codes = value
    else:
        codes = [sample]
    return "[" + ", ".join(f'"{c}"' for c in codes) + "]"


def settings_from_dict(data: dict[str, Any], source: str, root: Path | None = None) -> Settings:
    """Validate a settings table; raise :class:`ConfigError` naming ``source`` on failure."""
    try:
        return Settings.model_validate({**data, "root": root})
    except ValidationError as exc:
        detail = _describe(exc.errors()[0])
        joint = " " if detail.startswith("[") else ": "  # "FILE [per-clause-ignores]: ..."
        raise ConfigError(f"{source}{joint}{detail}") from None


def validate_selectors(
    selectors: Iterable[str],
    registry: RuleRegistry,
    source: str = "--select/--ignore",
    *,
    whole: bool = False,
) -> None:
    """Raise :class:`ConfigError` for a selector that names no rule of ``registry``.

    A typo is not 'clean'. The message names ``source`` (the option or the
    configuration file), the selector and the nearest code or family: ``--select:
    'PRB' names no rule (did you mean PBR?)``. With ``whole``, only a full code or a
    family (``PBR001``, ``PBR``) is accepted, as for severity overrides. The registry's
    rules are read only when there is a selector other than ``ALL`` to check.
    """
    selectors = [s for s in selectors if s.strip().upper() != "ALL"]
    if not selectors:
        return
    codes = list(registry.codes)
    for raw in selectors:
        selector = raw.strip().upper()
        known = any(
            code == selector or code[:3] == selector if whole else code.startswith(selector)
            for code in codes
        )
        if not known:
            raise ConfigError(f"{source}: {raw!r} names no rule ({_nearest(selector, codes)})")


def nearest_code(selector: str, codes: Iterable[str]) -> str | None:
    """The rule code (or, for three letters or fewer, the family) nearest ``selector``."""
    import difflib

    codes = sorted(codes)
    families = sorted({code[:3] for code in codes})
    # Letters only ('PBRX') can only have meant a family; a code has digits.
    pool = families if len(selector) <= 3 or selector.isalpha() else codes
    close = difflib.get_close_matches(selector.upper(), pool, n=1, cutoff=0.6)
    return close[0] if close else None


def _nearest(selector: str, codes: list[str]) -> str:
    """``did you mean PBR?`` for the code or family nearest ``selector``, or where to look."""
    close = nearest_code(selector, codes)
    if close:
        return f"did you mean {close}?"
    return "use a code such as PBR001, a family such as PBR, or ALL; see 'speclint rules'"


def load_file(path: str | Path, registry: RuleRegistry | None = None) -> Settings:
    """Load settings from a ``speclint.toml`` or a ``pyproject.toml``'s ``[tool.speclint]``.

    Its selectors are checked against ``registry`` (the built-in rules by default).
    """
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except FileNotFoundError:
        hint = windows_hint(str(file), "no such file")
        raise ConfigError(f"{file}: configuration file not found{hint}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(_not_utf8(file, exc)) from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot be read ({exc.strerror or exc})") from None
    return _load_text(file, text, registry or builtin_registry())


def _not_utf8(file: Path, exc: UnicodeDecodeError) -> str:
    """The one line for a configuration file saved in another encoding than UTF-8."""
    line = exc.object[: exc.start].count(b"\n") + 1
    return (
        f"{file}: not UTF-8 text (byte 0x{exc.object[exc.start]:02X} on line {line}); "
        "TOML files must be saved as UTF-8"
    )


def _load_text(file: Path, text: str, registry: RuleRegistry) -> Settings:
    """Settings from the text of the configuration file ``file``, validated."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{file}: not valid TOML (nested too deeply)") from None
    if file.name == "pyproject.toml":
        tools = data.get("tool", {})
        if not isinstance(tools, dict) or "speclint" not in tools:
            # Named with --config: the defaults in its place would look like a clean setup.
            _no_misspelt_table(file, text)
            raise ConfigError(f"{file}: has no [tool.speclint] table")
        table = tools["speclint"]
        source = f"{file} [tool.speclint]"
    else:
        table = data.get("tool", {}).get("speclint", data) if "tool" in data else data
        source = str(file)
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: must be a table of settings")
    settings = settings_from_dict(table, source, root=resolved(file).parent)
    if not settings.select and not settings.extend_select:
        # A selection of nothing would make every document look clean.
        raise ConfigError(
            f"{source}: 'select' is empty, so no rule would run; leave it out to run every rule"
        )
    validate_selectors(
        (
            *settings.select,
            *settings.extend_select,
            *settings.ignore,
            *(c for codes in settings.per_file_ignores.values() for c in codes),
        ),
        registry,
        source,
    )
    validate_selectors(
        (c for codes in settings.per_clause_ignores.values() for c in codes),
        registry,
        f"{source} [per-clause-ignores]",
    )
    validate_selectors(settings.severity, registry, f"{source} [severity]", whole=True)
    return settings


def _in_folder(folder: Path, registry: RuleRegistry) -> Settings | None:
    """The settings of ``folder``'s own configuration file, or ``None`` when it has none.

    A ``pyproject.toml`` counts only with a ``[tool.speclint]`` table (one that cannot
    be read does not count); it is read once, both to look and to load.
    """
    for name in CONFIG_FILES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml":
            return load_file(candidate, registry)
        try:
            text = candidate.read_text("utf-8")
        except UnicodeDecodeError as exc:
            if b"[tool.speclint" in exc.object:  # settings that would be silently unread
                raise ConfigError(_not_utf8(candidate, exc)) from None
            continue
        except OSError:
            continue
        if "[tool.speclint" in text:
            return _load_text(candidate, text, registry)
        _no_misspelt_table(candidate, text)
    return None


#: The tables of a TOML text's ``[tool.NAME]`` headings (and ``[tool.NAME.part]``).
_TOOL_TABLE = re.compile(r"^\s*\[\[?\s*tool\s*\.\s*([A-Za-z0-9_-]+)", re.MULTILINE)


def _no_misspelt_table(file: Path, text: str) -> None:
    """Raise :class:`ConfigError` when ``text`` has a ``[tool.…]`` table that misspells speclint.

    A typo in the table's name would otherwise leave every setting in it unread, and the
    documents linted with the defaults as if nothing were wrong.
    """
    if "[tool" not in text and "[ tool" not in text:
        return
    for name in _TOOL_TABLE.findall(text):
        folded = name.lower().replace("-", "").replace("_", "")
        if name == "speclint":
            continue
        if folded == "speclint" or difflib.SequenceMatcher(None, folded, "speclint").ratio() >= 0.8:
            raise ConfigError(
                f"{file}: unknown table [tool.{name}] (did you mean [tool.speclint]?)"
            )


def discover(
    path: str | Path,
    cache: dict[Path, Settings] | None = None,
    registry: RuleRegistry | None = None,
) -> Settings:
    """Settings for one file: the nearest configuration walking up, or the defaults.

    Pass the same ``cache`` dictionary for every file of one run so that each folder
    is looked at once and each configuration file read once, however many folders
    below it hold files. Selectors are checked against ``registry`` (the built-in
    rules by default).
    """
    start = resolved(path)
    folder = start if start.is_dir() else start.parent
    cache = {} if cache is None else cache
    walked: list[Path] = []
    settings: Settings | None = None
    for current in (folder, *folder.parents):
        if current in cache:
            settings = cache[current]
            break
        walked.append(current)
        settings = _in_folder(current, registry or builtin_registry())
        if settings is not None:
            break
    settings = settings if settings is not None else default_settings()
    cache.update(dict.fromkeys(walked, settings))
    return settings


def default_settings() -> Settings:
    """``Settings()``, the defaults, made without building the model's validator.

    Pydantic never validates defaults, so the two are equal (a test holds them so).
    """
    return Settings.model_construct()

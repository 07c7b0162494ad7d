"""The command line: a thin layer over :mod:`speclint.api`.

Exit codes: 0 no findings at or above the fail level, 1 findings, 2 a usage,
configuration or input error, or a path with no document to lint (the other files are
still linted and reported). ``annotate`` exits 0 once the reviewed copy is written,
and 1 only when ``--fail-on`` asks it to.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import gc
import os
import re
import shlex
import sys
import types
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from speclint.errors import InputError, SpeclintError
from speclint.formatters import FORMATS
from speclint.lifetime import freeze_after_first_lint
from speclint.parsers import suffix_list
from speclint.paths import resolved, windows_hint
from speclint.registry import builtin_registry
from speclint.terminal import visible
from speclint.version import __version__

if TYPE_CHECKING:
    from speclint.atomic import Pending
    from speclint.models import InputFormat, Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_CHECK_EPILOG = """\
exit codes:
  0  no finding at or above the fail level (--fail-on, or each file's 'fail-on';
     default: warning)
  1  findings at or above the fail level
  2  a usage, configuration or input error: a file that could not be read, or a
     path with no document to lint (every other file is still linted and reported)

Documents in folders that speclint does not read (.doc, .odt, .rtf, .xlsx, .pptx...)
are listed as not checked, with the LibreOffice command that converts them.

examples:
  speclint check fixtures/markdown/community-support-spec.md
  speclint check --format html -o report.html fixtures/formats/
  speclint check - --stdin-filename spec.md < spec.md
"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and one line, never a traceback.

    A mistyped command or choice (``speclint chek``, ``--format jsn``) gets the nearest
    valid one: ``(did you mean 'check'?)``.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"speclint: error: {message}{_did_you_mean(message)}\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """Parse ``args``; an unknown option is reported by its command, with the nearest one."""
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            command = self._command(getattr(parsed, "command", None))
            extra = _more_paths(parsed, extra, command)
        if extra:
            unknown = " ".join(extra)
            command.error(f"unrecognized arguments: {unknown}{_nearest_option(extra, command)}")
        return parsed

    def _command(self, name: str | None) -> argparse.ArgumentParser:
        """The parser of the subcommand ``name`` (this parser when there is none)."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and name in action.choices:
                chosen: argparse.ArgumentParser = action.choices[name]
                return chosen
        return self


def _more_paths(
    parsed: argparse.Namespace, extra: list[str], command: argparse.ArgumentParser
) -> list[str]:
    """``extra`` less the paths given after options (``check a.md --format json b.md``).

    argparse takes a command's list of paths from one place only; ruff, flake8 and Vale
    take paths wherever they are, so speclint adds the later ones to the list too.
    What is left (from the first unknown option on) is returned.
    """
    lists = [a for a in command._actions if not a.option_strings and a.nargs in ("*", "+")]
    if len(lists) != 1:
        return extra
    first = next((i for i, e in enumerate(extra) if e.startswith("-") and e != "-"), len(extra))
    dest = lists[0].dest
    setattr(parsed, dest, [*(getattr(parsed, dest, None) or []), *extra[:first]])
    return extra[first:]


#: Options of other linters, and what speclint calls them.
_OTHER_TOOLS = {
    "--fail-level": "--fail-on",
    "--fail-under": "--fail-on",
    "--severity": "--fail-on",
    "--min-alert-level": "--fail-on",
    "--exit-zero": "--fail-on never",
    "--no-exit": "--fail-on never",
    "--nofail": "--fail-on never",
    "--output-format": "--format",
    "--reporter": "--format",
    "--config-file": "--config",
    "--rules": "--select",
    "--enable": "--select",
    "--disable": "--ignore",
    "--exclude-rules": "--ignore",
    "--extend-ignore": "--ignore",
}


def _nearest_option(extra: list[str], command: argparse.ArgumentParser) -> str:
    """`` (did you mean --select?)`` for the first unknown option in ``extra``, else ``""``."""
    typed = next((e for e in extra if e.startswith("--")), None)
    if typed is None:
        return ""
    name = typed.split("=", 1)[0]
    known = [o for o in command._option_string_actions if o.startswith("--")]
    meant = _OTHER_TOOLS.get(name.lower())
    if meant is not None and meant.split()[0] in known:
        return f" (did you mean {meant}?)"
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


def _did_you_mean(message: str) -> str:
    """`` (did you mean 'check'?)`` for an argparse "invalid choice" message, else ``""``."""
    found = _INVALID_CHOICE.search(message)
    if found is None:
        return ""
    typed, listed = found.groups()
    choices = re.findall(r"'([^']*)'", listed) or [c.strip() for c in listed.split(",")]
    close = difflib.get_close_matches(typed.lower(), choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if "check" in choices and os.path.exists(typed):  # 'speclint draft.docx'
        return f" (to lint it: speclint check {shlex.quote(typed)})"
    return ""


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _selected(value: str) -> list[str]:
    codes = _codes(value)
    if not codes:
        # An empty --select ("$CODES" unset in CI) would run no rule and look clean.
        raise argparse.ArgumentTypeError("no codes given; leave --select out to run every rule")
    return codes


def _rule_options(command: argparse.ArgumentParser) -> None:
    """--select, --ignore and --config, shared by the commands that lint."""
    command.add_argument(
        "--select",
        type=_selected,
        action="extend",
        metavar="CODES",
        help="only these codes or family prefixes, comma-separated (e.g. PBR,RFL001)",
    )
    command.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        metavar="CODES",
        help="skip these codes or family prefixes, comma-separated",
    )
    command.add_argument(
        "--config", metavar="FILE", help="use this speclint.toml or pyproject.toml"
    )


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def _number(kind: type[float] | type[int], *, zero: bool = False) -> Callable[[str], Any]:
    """An argparse type: a number of ``kind`` above 0, or 0 too when ``zero`` (no limit)."""

    def parse(value: str) -> float | int:
        try:
            number = kind(value)
        except ValueError:
            noun = "whole number" if kind is int else "number"
            raise argparse.ArgumentTypeError(f"expected a {noun}, got {value!r}") from None
        if number < 0 or (number == 0 and not zero):
            limit = "0 (no limit) or more" if zero else "more than 0"
            raise argparse.ArgumentTypeError(f"must be {limit}")
        return number

    return parse


def _cores() -> int:
    """The cores this process may use (CPU affinity and container limits included)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return os.cpu_count() or 1


def _run_options(command: argparse.ArgumentParser) -> None:
    """Paths, rule choice, parallelism and cache, shared by 'check' and 'baseline'."""
    command.add_argument(
        "paths",
        nargs="*",
        default=None,
        metavar="PATH",
        help=f"files or folders to lint; folders are searched for {suffix_list()} files "
        "(default: the current folder, '.')",
    )
    _rule_options(command)
    command.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="also lint files in folders that match GLOB, read as plain text "
        "(e.g. --include '*.rst'); may be given more than once",
    )
    command.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_const",
        const=False,
        default=None,
        help="also lint files in folders that git ignores (.gitignore, .git/info/exclude)",
    )
    command.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=_cores(),
        metavar="N",
        help="lint N files at once in separate processes (default: the number of cores)",
    )
    command.add_argument(
        "--timeout",
        type=_number(float, zero=True),
        metavar="SECONDS",
        help="stop linting a file that has used SECONDS of processor time (or five times "
        "that by the clock) and report it (default: 60; 0 for no limit)",
    )
    command.add_argument(
        "--max-memory",
        type=_number(int, zero=True),
        metavar="MB",
        help="stop linting a file that needs more than MB megabytes "
        "(default: 1024; 0 for no limit)",
    )
    command.add_argument(
        "--force-exclude",
        action="store_true",
        help="leave out files named on the command line that 'exclude' matches, as in "
        "folders (for pre-commit, which names every file; also 'force-exclude = true')",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="lint every file afresh; do not use the cache"
    )
    # Without it, argparse would read '--cache' as short for '--cache-dir' and take the
    # path after it as the cache folder.
    command.add_argument(
        "--cache",
        dest="no_cache",
        action="store_false",
        help="use the results cache (the default; undoes an earlier --no-cache)",
    )
    command.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=os.environ.get("SPECLINT_RESULTS_CACHE_DIR"),
        help="where to keep cached results "
        "(default: $SPECLINT_RESULTS_CACHE_DIR or .speclint_cache)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(
        prog="speclint",
        description="Lint commissioning documents for the anti-patterns in "
        "Intelligent Kindness, Box 3 (p215).",
    )
    parser.add_argument("--version", action="version", version=f"speclint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help=f"lint files and folders ({suffix_list('')})",
        description="Lint files and folders for the anti-patterns in Intelligent Kindness,\n"
        "Box 3 (p215). With no PATH, the current folder is linted. Reviewed copies\n"
        "written by 'speclint annotate' (*.reviewed.docx) are left out of folders\n"
        "unless named (see 'exclude' in the configuration).",
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _run_options(check)
    check.add_argument(
        "--format",
        choices=FORMATS,
        help="text (default, for people), json (the stable contract), html (a report "
        "to read in the browser), sarif, github or markdown (for CI); with -o and no "
        "--format, the file's suffix says which (.json, .sarif, .html, .md)",
    )
    check.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with PATH '-', read the document from standard input as if it were NAME: "
        "its suffix gives the format (without NAME: Word or PDF by their first bytes, "
        "else plain text) and configuration is found from NAME's folder",
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="leave out the findings recorded in FILE by 'speclint baseline'",
    )
    check.add_argument(
        "--fail-on",
        choices=("info", "warning", "error", "never"),
        help="lowest severity that makes the exit code 1 (default: each file's "
        "'fail-on' in the configuration, else warning)",
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the finding lines (no excerpts or summary)",
    )

    baseline = sub.add_parser(
        "baseline",
        help="record today's findings so that 'check --baseline' reports only new ones",
    )
    _run_options(baseline)
    baseline.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="speclint-baseline.json",
        help="the baseline file to write (default: speclint-baseline.json)",
    )

    annotate = sub.add_parser(
        "annotate",
        help="write a reviewed copy of a Word draft with one comment per finding",
        description="Write a reviewed copy of a Word draft with one comment per finding,\n"
        "authored 'speclint'. The draft is never modified. Annotating a copy that\n"
        "speclint has already reviewed replaces speclint's earlier comments; other\n"
        "people's comments are kept (a *.reviewed.docx needs -o to name its new copy).\n"
        "Several drafts, or folders of them, each get their own reviewed copy.",
        epilog="exit codes:\n"
        "  0  every reviewed copy was written (whatever it found, unless --fail-on)\n"
        "  1  with --fail-on LEVEL: a finding at or above LEVEL\n"
        "  2  a usage, configuration or input error: no copy is written for that draft\n"
        "     (the other drafts are still reviewed)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    annotate.add_argument(
        "draft",
        metavar="DRAFT.docx",
        nargs="+",
        help="the Word drafts to review, or folders of them (each gets its own reviewed copy)",
    )
    annotate.add_argument(
        "-o",
        "--output",
        metavar="OUT.docx",
        help="where to write the reviewed copy (default: DRAFT.reviewed.docx beside the "
        "draft); an existing folder takes DRAFT.reviewed.docx of every draft given",
    )
    annotate.add_argument(
        "--force", action="store_true", help="replace OUT.docx if it already exists"
    )
    annotate.add_argument(
        "--fail-on",
        choices=("info", "warning", "error", "never"),
        help="exit 1 when a finding is at or above this severity (default, and never: "
        "exit 0 whenever the copy is written)",
    )
    _rule_options(annotate)

    outline = sub.add_parser(
        "outline",
        help="show the units the rules read: clause numbers, headings, places and text",
        description="Show, in document order, each unit the rules read: the clause "
        "number as printed, the headings above it, where it is, its length and its "
        "first words (text) or whole text (JSON). Exit codes: 0 shown, 2 a file could "
        "not be read or none was found.",
    )
    outline.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders (.md, .txt, .docx, .pdf)"
    )
    outline.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    outline.add_argument(
        "--tree",
        action="store_true",
        help="show the clause tree: each clause, list item and table row nested under "
        "the clause it belongs to (JSON: a 'tree' beside the units of each file)",
    )

    _serve_parser(sub)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line a rule, fitted to 80 columns; json: every field, with the "
        "principle, docs and examples",
    )
    rules.add_argument(
        "--concepts",
        action="store_true",
        help="list the concepts (@NAME) and word senses the rule queries use",
    )

    rule = sub.add_parser("rule", help="explain one rule (by code, name or words of its name)")
    rule.add_argument(
        "code",
        metavar="CODE",
        nargs="+",
        help="a code (RFL001), a family (RFL), a name, or words of a name",
    )
    return parser


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("must be from 0 to 65535 (0: any free port)")
    return port


def _serve_parser(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help="a local web page (and HTTP API) to check documents in the browser",
        description="Serve a web page on which to check documents: choose or drop files, "
        "read the report, download reviewed Word copies, try a clause as you type. Needs "
        "the serve extra (pip install 'speclint[serve]'). Listens on this machine only "
        "unless --host says otherwise; then every request needs a token.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=_port, default=8765, help="port to listen on (default: 8765; 0: any)"
    )
    serve.add_argument("--open", action="store_true", help="open the page in the browser")
    serve.add_argument(
        "--token",
        help="require this token on every request (generated and printed when --host "
        "is not a loopback address and none is given)",
    )
    serve.add_argument(
        "--max-upload-mb",
        type=_number(float),
        default=50.0,
        metavar="MB",
        help="largest file accepted, in MB (default: 50)",
    )
    serve.add_argument(
        "--max-files",
        type=_number(int),
        default=50,
        metavar="N",
        help="most files in one request (default: 50)",
    )
    serve.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=_cores(),
        metavar="N",
        help="lint N files at once in worker processes (default: the number of cores)",
    )
    serve.add_argument(
        "--timeout",
        type=_number(float),
        default=60.0,
        metavar="SECONDS",
        help="stop linting a file after SECONDS and report it (default: 60)",
    )
    serve.add_argument(
        "--max-memory",
        type=_number(int),
        default=1024,
        metavar="MB",
        help="stop linting a file that needs more than MB megabytes (default: 1024)",
    )
    serve.add_argument(
        "--config", metavar="FILE", help="use this speclint.toml or pyproject.toml for uploads"
    )


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import secrets

    from speclint.config import Settings, load_file
    from speclint.serve import ServeOptions, is_loopback, run

    token = args.token
    if token is not None and not token.strip():
        raise SpeclintError("--token must not be empty")
    if token is None and not is_loopback(args.host):
        token = secrets.token_urlsafe(24)
        err.write(
            f"speclint serve: {args.host} is reachable from other machines, so every request "
            "needs this token (generated now; give --token to choose one)\n"
        )
    size = int(args.max_upload_mb * 1024 * 1024)
    options = ServeOptions(
        host=args.host,
        port=args.port,
        token=token,
        max_file_bytes=size,
        max_files=args.max_files,
        max_request_bytes=max(size * 4, size),
        jobs=args.jobs,
        timeout=args.timeout,
        max_memory_mb=args.max_memory,
        settings=load_file(args.config, builtin_registry()) if args.config else Settings(),
    )
    return run(options, out, err, open_browser=args.open)


def _color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _write_output(path: str, text: str) -> None:
    """Write a report file, or raise one clear line saying why it could not be written."""
    try:
        from speclint.atomic import write_file

        write_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _paths(args: argparse.Namespace) -> list[str]:
    """The paths to lint: those given, or the current folder."""
    return list(args.paths) if args.paths else ["."]


def _wanted(args: argparse.Namespace) -> list[str]:
    """The paths to lint, less the files named that 'exclude' covers when exclusion is forced.

    A file named outright is linted even if 'exclude' matches it, unless ``--force-exclude``
    or its configuration's ``force-exclude = true`` says otherwise: pre-commit names every
    staged file, so without it an excluded archive would be linted on each commit. An
    empty list means every path named was left out.
    """
    paths = _paths(args)
    named = [p for p in paths if p != "-" and not os.path.isdir(p)]
    if not named:
        return paths
    from speclint.config import discover, load_file

    registry = builtin_registry()
    fixed = load_file(args.config, registry) if args.config else None
    found: dict[Any, Any] = {}
    kept = []
    for path in paths:
        if path in named:
            try:
                settings = fixed or discover(path, found, registry)
            except SpeclintError:
                settings = None  # the lint says what is wrong with it, once
            forced = settings is not None and (args.force_exclude or settings.force_exclude)
            if forced and settings is not None and settings.excluded(path):
                continue
        kept.append(path)
    return kept


def _lint(
    args: argparse.Namespace,
    err: TextIO,
    baseline: str | None = None,
    paths: list[str] | None = None,
) -> Report:
    """Run the lint the command line describes, with a progress bar at a terminal."""
    from speclint.api import check_paths
    from speclint.progress import ProgressBar

    bar = ProgressBar(err)
    try:
        return check_paths(
            paths if paths is not None else _paths(args),
            baseline=baseline,
            progress=bar,
            **_lint_options(args),
        )
    finally:
        bar.close()


def _lint_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options of 'check' that say what is linted and how, as the API takes them."""
    from speclint.results_cache import DEFAULT_DIR

    return {
        "config_file": args.config,
        "select": args.select,
        "ignore": args.ignore or (),
        "jobs": args.jobs,
        "cache_dir": None if args.no_cache else (args.cache_dir or DEFAULT_DIR),
        "timeout": args.timeout,
        "max_memory": args.max_memory,
        "include": args.include,
        "respect_gitignore": args.respect_gitignore,
    }


# --- standard input ----------------------------------------------------------------------


def _stdin_wanted(args: argparse.Namespace) -> bool:
    """True when 'check' reads standard input (PATH '-'); raise on a mix of '-' and paths."""
    paths = args.paths or []
    if "-" not in paths:
        if args.stdin_filename:
            raise SpeclintError("--stdin-filename needs the path '-' (standard input)")
        return False
    if len(paths) > 1:
        raise SpeclintError("'-' (standard input) cannot be linted with other paths")
    return True


def _lint_stdin(args: argparse.Namespace, stdin: BinaryIO) -> Report:
    """Lint standard input as the file ``--stdin-filename`` names (plain text by default).

    The format comes from the name's suffix (any suffix speclint does not read, or no
    name, is read as plain text); the configuration is the one nearest the name's
    folder, as if the file were there, unless ``--config`` is given.
    """
    from speclint.api import check_bytes
    from speclint.config import discover, load_file, validate_selectors
    from speclint.parsers import format_for
    from speclint.parsers.sniff import identify

    registry = builtin_registry()
    validate_selectors(args.select or (), registry, "--select")
    validate_selectors(args.ignore or (), registry, "--ignore")
    name = args.stdin_filename or "<stdin>"
    data = stdin.read()
    kind = identify(data)
    # Without a name, a Word or PDF file piped in is read as what its bytes say it is.
    fmt = (format_for(name) or "txt") if args.stdin_filename else _STDIN_KINDS.get(kind, "txt")
    where = args.stdin_filename or os.path.join(os.getcwd(), "stdin.txt")
    settings = load_file(args.config, registry) if args.config else discover(where, None, registry)
    settings = settings.selecting(args.select, args.ignore or ())
    forced = args.force_exclude or settings.force_exclude
    if forced and args.stdin_filename and settings.excluded(args.stdin_filename):
        from speclint.models import Report

        return Report()  # an editor linting an excluded file as it is typed
    report = check_bytes(data, fmt, path=name, config=settings)
    if report.errors and not args.stdin_filename and kind not in ("text", "empty"):
        hint = "; name its format with --stdin-filename (such as --stdin-filename spec.docx)"
        errors = tuple(e.model_copy(update={"message": e.message + hint}) for e in report.errors)
        report = report.model_copy(update={"errors": errors})
    return report


#: What standard input with no name is read as, by the kind its first bytes show.
_STDIN_KINDS: dict[str, InputFormat] = {"zip": "docx", "pdf": "pdf"}


# --- check, baseline, annotate -----------------------------------------------------------


def _over_input(report: Report, args: argparse.Namespace, err: TextIO) -> bool:
    """True (with one line on ``err``) when ``args.output`` is one of the linted files."""
    found = [*(f.path for f in report.files), *(e.path for e in report.errors)]
    return _over(args, [*found, *(s.path for s in report.skipped)], err)


def _report_errors(report: Report, err: TextIO, *, errors: bool = True) -> None:
    """One stderr line per unreadable file or empty folder (when ``errors``)."""
    if errors:
        _write_errors(report.errors, err)


def _write_errors(errors: Sequence[Any], err: TextIO) -> None:
    """One stderr line per file that could not be linted (each with a path and a message).

    A bad configuration stops every file beneath it: it is said once, with how many
    files it kept from being linted, not once per file.
    """
    from speclint.skipping import BAD_CONFIGURATION

    prefix = BAD_CONFIGURATION + ": "
    shared: dict[str, int] = {}
    for error in errors:
        if error.message.startswith(prefix):
            shared[error.message] = shared.get(error.message, 0) + 1
    said: set[str] = set()
    for error in errors:
        message = error.message
        if shared.get(message, 0) > 1:
            if message not in said:
                said.add(message)
                count = shared[message]
                cause = visible(message.removeprefix(prefix))
                err.write(f"speclint: error: {cause} ({count} files not linted)\n")
            continue
        err.write(f"speclint: error: {visible(error.path)}: {visible(message)}\n")


def _wrote(report: Report) -> str:
    """``12 findings in 3 files``: what a report file holds, for the 'wrote' line."""
    from speclint.formatters._shared import plural

    return f"{plural(len(report.findings), 'finding')} in {plural(len(report.files), 'file')}"


def _check(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: BinaryIO) -> int:
    from speclint.formatters import renderer

    if not _stdin_wanted(args):
        return _check_streamed(args, out, err)
    known = None
    if args.baseline:
        from speclint.baseline import Baseline

        known = Baseline.load(args.baseline)
    report = _lint_stdin(args, stdin)
    stale: list[tuple[str, str, str]] = []  # as a run over files says them
    if known is not None:
        stale = [key for file in report.files for key in known.unmatched(file)]
        report = known.filter(report)
    if args.output and _over_input(report, args, err):
        return EXIT_ERROR
    color = args.format == "text" and _color(out) and not args.output
    text = renderer(args.format)(report, builtin_registry(), color=color, quiet=args.quiet)
    # Machine formats on stdout carry the input errors themselves.
    _report_errors(report, err, errors=args.format == "text" or bool(args.output))
    if known is not None:
        err.write(known.stale_note([*stale, *known.vanished()], args.baseline))
    if args.output and not report.files:
        err.write(f"speclint: error: no document could be read; {args.output} not written\n")
    elif args.output:
        _write_output(args.output, text)
        if not args.quiet:
            err.write(f"wrote {args.output} ({_wrote(report)})\n")
    else:
        out.write(text)
    if report.errors:
        return EXIT_ERROR
    # Each file is judged by its own configuration's fail level unless --fail-on is given.
    return EXIT_FINDINGS if any(f.fails(args.fail_on) for f in report.files) else EXIT_CLEAN


def _check_streamed(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``check`` over paths: each file's part of the report is written as soon as it can be.

    The output is the very text the format renders for the whole report, but the run
    holds no file's report once its part is out (see :mod:`speclint.formatters.stream`).
    A report file (``-o``) is written beside its target and takes its place at the end.
    """
    from speclint.fanout import stream
    from speclint.formatters.stream import Options, Piece, piece, writer
    from speclint.progress import ProgressBar

    known = None
    if args.baseline:
        from speclint.baseline import Baseline

        known = Baseline.load(args.baseline)
    color = args.format == "text" and not args.output and _color(out)
    options = Options(args.format, color, args.quiet, args.fail_on, known)
    pending = _open_output(args.output) if args.output else None
    bar = ProgressBar(err)
    shared = pending is None and _isatty(out)

    def write(text: str) -> None:
        if pending is not None:
            try:
                pending.write(text)
            except OSError as exc:
                raise _unwritable(args.output, exc) from None
            return
        if shared:
            bar.close()  # the bar and the report share a terminal: never on one line
        out.write(text)

    errors: list[Any] = []  # each with a path and a message
    linted: list[str] = []
    stale: list[tuple[str, str, str]] = []  # baseline entries no file matches any more
    paths = _wanted(args)
    try:
        skipped, results = (
            stream(paths, functools.partial(piece, options), progress=bar, **_lint_options(args))
            if paths
            else ((), iter(()))  # every file named is excluded: an empty report
        )
        report = writer(write, options)
        for result in results:
            if not isinstance(result, Piece):
                errors.append(result)
                continue
            if pending is not None:
                linted.append(result.path)
            stale.extend(result.stale)
            report.add(result)
        bar.close()
        report.finish(errors, skipped)
    except BaseException:
        if pending is not None:
            pending.discard()
        raise
    finally:
        bar.close()
    # Nor over a document found but not read (a .doc beside the drafts, say).
    others = [*(e.path for e in errors), *(s.path for s in skipped)]
    if pending is not None and _over(args, [*linted, *others], err):
        pending.discard()
        return EXIT_ERROR
    if args.format == "text" or args.output:
        _write_errors(errors, err)
    if known is not None:
        err.write(known.stale_note([*stale, *known.vanished()], args.baseline))
    if pending is not None and not report.files:
        pending.discard()
        err.write(f"speclint: error: no document could be read; {args.output} not written\n")
    elif pending is not None:
        _commit_output(pending, args.output)
        if not args.quiet:
            files = _plural(report.files, "file")
            found = _plural(report.findings, "finding")
            err.write(f"wrote {args.output} ({found} in {files})\n")
    if errors:
        return EXIT_ERROR
    # Each file is judged by its own configuration's fail level unless --fail-on is given.
    return EXIT_FINDINGS if report.fails else EXIT_CLEAN


#: The format of a report file named with ``-o`` and no ``--format``, by its suffix.
_OUTPUT_SUFFIXES = {
    ".json": "json",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}


def _format_of(output: str | None) -> str:
    """The format ``-o FILE`` asks for by its suffix (``report.json``: JSON), else text."""
    if not output:
        return "text"
    return _OUTPUT_SUFFIXES.get(os.path.splitext(output)[1].lower(), "text")


def _plural(count: int, noun: str) -> str:
    """``1 file``, ``2 files`` (as the formatters say it, without loading them)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _unwritable(path: str, exc: OSError) -> SpeclintError:
    """The one line saying why the report file ``path`` cannot be written."""
    from speclint.atomic import cannot_write

    return SpeclintError(cannot_write("report", path, exc))


def _open_output(path: str) -> Pending:
    """Start writing a report file, or raise one clear line saying why it cannot be written."""
    import errno

    from speclint.atomic import Pending

    if os.path.isdir(path):  # found now, not once every file has been linted
        raise _unwritable(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    try:
        return Pending(path)
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _commit_output(pending: Pending, path: str) -> None:
    """Put a report file written in pieces in its place, or raise one clear line."""
    try:
        pending.commit()
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _over(args: argparse.Namespace, linted: list[str], err: TextIO) -> bool:
    """True (with one line on ``err``) when ``args.output`` is one of the linted files."""
    target = resolved(args.output)
    if any(resolved(p) == target for p in [*linted, *_paths(args)] if p != "-"):
        err.write(f"speclint: error: refusing to write over an input file: {args.output}\n")
        return True
    return False


def _baseline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from speclint.baseline import record_baseline
    from speclint.formatters._shared import plural

    if "-" in (args.paths or []):
        # Entries are keyed on the file's path, which standard input has not got.
        raise SpeclintError(
            "'speclint baseline' records files, not standard input ('-'): name the files "
            "or folders to record"
        )
    paths = _wanted(args)
    if not paths:
        out.write(f"Every file named is excluded; {args.output} not written.\n")
        return EXIT_CLEAN
    report = _lint(args, err, paths=paths)
    if _over_input(report, args, err):
        return EXIT_ERROR
    if not report.files:
        # An empty baseline would make every known finding new again.
        _report_errors(report, err)
        err.write(f"speclint: error: no document could be read; {args.output} not written\n")
        return EXIT_ERROR
    recorded = record_baseline(report, args.output)
    kept = (
        f" (kept the recorded findings of {plural(recorded.kept, 'file')} that could not be read)"
        if recorded.kept
        else ""
    )
    out.write(
        f"Recorded {plural(recorded.findings, 'finding')} in {plural(recorded.files, 'file')} "
        f"to {args.output}{kept}.\n"
        f"Report only new findings with: speclint check --baseline {shlex.quote(args.output)}\n"
    )
    _report_errors(report, err)
    return EXIT_ERROR if report.errors else EXIT_CLEAN


def _annotate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the reviewed copies: exit 0 once they are written, or 1 at ``--fail-on`` findings.

    Each draft named, and each ``.docx`` in a folder named, gets its own reviewed copy; a
    draft that cannot be reviewed is one line on ``err`` (exit 2) and the others are
    still reviewed.
    """
    from speclint.config import load_file, validate_selectors

    registry = builtin_registry()
    validate_selectors(args.select or (), registry, "--select")
    validate_selectors(args.ignore or (), registry, "--ignore")
    fixed = load_file(args.config, registry) if args.config else None
    drafts: list[str] = []
    failed = False
    for given in args.draft:
        if not os.path.isdir(given):
            drafts.append(given)
            continue
        inside = _drafts_in(given)
        if not inside:
            err.write(
                f"speclint: error: {visible(given)}: is a folder with no Word .docx draft in it; "
                "annotate reads .docx (lint other files with 'speclint check')\n"
            )
            failed = True
        drafts += inside
    # A draft named twice, even as "spec.docx" and "./spec.docx", is reviewed once.
    named: dict[str, str] = {}
    for draft in drafts:
        named.setdefault(os.path.realpath(draft), draft)
    drafts = list(named.values())
    copies = _copies(drafts, args.output)
    fails = False
    for draft in drafts:
        try:
            fails |= _annotate_one(args, draft, copies[draft], fixed, out)
        except InputError as exc:
            said = f"{exc.path}: {exc.cause}{windows_hint(exc.path, exc.cause)}"
            err.write(f"speclint: error: {visible(said)}\n")
            failed = True
        except SpeclintError as exc:
            err.write(f"speclint: error: {visible(str(exc))}\n")
            failed = True
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if fails else EXIT_CLEAN


def _drafts_in(folder: str) -> list[str]:
    """The Word drafts in ``folder`` and below, leaving out reviewed copies and lock files."""
    from pathlib import Path

    found = [
        str(path)
        for path in Path(folder).rglob("*.docx")
        if path.is_file()
        and not path.name.lower().endswith(".reviewed.docx")
        and not path.name.startswith("~$")
    ]
    return sorted(found)


def _copies(drafts: list[str], output: str | None) -> dict[str, str | None]:
    """Where each draft's reviewed copy goes (``None``: beside it, by default).

    ``-o FILE`` names the copy of a single draft; ``-o FOLDER`` (an existing folder)
    takes every draft's ``DRAFT.reviewed.docx``, as long as no two drafts share a name.
    """
    if not output:
        return dict.fromkeys(drafts)
    if not os.path.isdir(output):
        if len(drafts) > 1:
            raise SpeclintError(
                f"-o names the reviewed copy of one draft, or an existing folder for them "
                f"all; {len(drafts)} drafts were given"
            )
        return {draft: output for draft in drafts}
    from speclint.annotate import REVIEWED_SUFFIX, reviewed_path

    copies: dict[str, str | None] = {}
    taken: dict[str, str] = {}
    for draft in drafts:
        name = os.path.basename(draft)
        if not name.lower().endswith(REVIEWED_SUFFIX):
            name = reviewed_path(draft).name
        copy = os.path.join(output, name)
        if copy in taken:
            raise SpeclintError(
                f"{draft} and {taken[copy]} would both be reviewed as {copy}; "
                "annotate them into different folders"
            )
        taken[copy] = draft
        copies[draft] = copy
    return copies


def _annotate_one(
    args: argparse.Namespace, draft: str, copy: str | None, fixed: Any, out: TextIO
) -> bool:
    """Write one reviewed copy and say so; True when a finding is at ``--fail-on`` or above."""
    from speclint.annotate import annotate_docx
    from speclint.config import discover
    from speclint.formatters._shared import plural
    from speclint.models import FileReport

    registry = builtin_registry()
    settings = fixed if fixed is not None else discover(draft, None, registry)
    settings = settings.selecting(args.select, args.ignore or ())
    result = annotate_docx(draft, copy, settings=settings, force=args.force)
    replaced = (
        f" (replacing {plural(result.replaced, 'earlier speclint comment')})"
        if result.replaced
        else ""
    )
    out.write(f"Wrote {result.output} with {plural(result.comments, 'comment')}{replaced}.\n")
    if args.fail_on is None:
        return False
    judged = FileReport(path=str(draft), format="docx", findings=tuple(result.findings))
    return judged.fails(args.fail_on)


def _outline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from speclint.api import outline_paths
    from speclint.formatters.outline import render_json, render_text

    if "-" in args.paths:
        raise SpeclintError(
            "'speclint outline' reads files, not standard input ('-'): name the files or "
            "folders to outline"
        )
    report = outline_paths(args.paths, tree=args.tree)
    out.write(render_json(report) if args.format == "json" else render_text(report))
    _write_errors(report.errors, err)
    if not report.files and not report.errors:
        where = ", ".join(args.paths)
        err.write(f"speclint: error: no {suffix_list('or')} files in {where}\n")
        return EXIT_ERROR
    return EXIT_ERROR if report.errors else EXIT_CLEAN


def _concepts(args: argparse.Namespace, out: TextIO) -> int:
    from speclint.rules import vocabulary

    pack = vocabulary().pack
    if args.format == "json":
        import json

        data = {
            "concepts": [
                {"name": c.name, "description": c.description, "query": c.query.strip()}
                for c in pack.concepts
            ],
            "senses": [
                {
                    "name": s.name,
                    "words": list(s.words),
                    "meaning": s.meaning,
                    "wrong": list(s.wrong),
                    "context": list(s.context),
                    "unless": list(s.unless),
                }
                for s in pack.senses
            ],
        }
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return EXIT_CLEAN
    width = max(len(c.name) for c in pack.concepts) + 1
    out.write("Concepts (use as @NAME in a rule query; NEG(@NAME) for the negated sense):\n")
    for c in pack.concepts:
        out.write(f"  @{c.name:<{width}} {c.description}\n")
    out.write("\nWord senses (masked wherever a wrong-sense pattern covers the word):\n")
    for sense in pack.senses:
        out.write(f"  {sense.name}: {', '.join(sense.words)} - {sense.meaning}\n")
    return EXIT_CLEAN


#: The width ``speclint rules`` fits its lines to.
RULES_WIDTH = 80


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    """List every rule, or give them all as JSON (with the principle, docs and examples).

    The text has a header, then each family's title and one line a rule (code, name,
    severity), within 80 columns; the principle is in the JSON and in 'speclint rule'.
    """
    from speclint.docs import rules_json

    if getattr(args, "concepts", False):
        return _concepts(args, out)
    registry = builtin_registry()
    rules = registry.rules
    if args.format == "json":
        out.write(rules_json(rules))
        return EXIT_CLEAN
    titles = registry.titles
    name_width = max(len("NAME"), *(len(r.name) for r in rules))
    out.write(f"{'CODE':<6}  {'NAME':<{name_width}}  SEVERITY\n")
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            title = f"{family}: {titles.get(family, '')}".rstrip(": ")
            out.write(f"\n{_fit(title, RULES_WIDTH)}\n")
        out.write(_fit(f"{r.code:<6}  {r.name:<{name_width}}  {r.severity.value}", RULES_WIDTH))
        out.write("\n")
    out.write("\n'speclint rule CODE' explains a rule; 'speclint rules --format json' gives all.\n")
    return EXIT_CLEAN


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters (ending with an ellipsis when cut)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _rule(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Explain one rule, found by code, name or words of its name; list several matches."""
    from speclint.docs import render_rule

    registry = builtin_registry()
    query = " ".join(args.code)
    rule = registry.get(query)
    family = query.strip().upper()
    if rule is None and family in registry.titles:
        members = [r for r in registry.rules if r.code[:3] == family]
        title = registry.titles[family]
        out.write(f"{_plural(len(members), 'rule')} in family {family} ({title}):\n")
        for r in members:
            out.write(f"  {r.code}  {r.name}  ({r.severity.value})\n")
        out.write("'speclint rule CODE' explains one of them.\n")
        return EXIT_CLEAN
    if rule is None:
        words = [w for w in re.split(r"[\s\-_]+", query.lower()) if w]
        matches = [r for r in registry.rules if words and all(w in r.name for w in words)]
        if len(matches) == 1:
            rule = matches[0]
        elif matches:
            out.write(f"{len(matches)} rules match '{query}':\n")
            for r in matches:
                out.write(f"  {r.code}  {r.name}  ({r.severity.value})\n")
            out.write("'speclint rule CODE' explains one of them.\n")
            return EXIT_CLEAN
    if rule is None:
        known = [key for r in registry.rules for key in (r.code, r.name)]
        close = difflib.get_close_matches(query.upper(), known, n=3) or difflib.get_close_matches(
            query.lower(), known, n=3
        )
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see 'speclint rules')"
        err.write(f"speclint: error: no rule called '{query}'{hint}\n")
        return EXIT_ERROR
    width = min(100, max(60, _terminal_width()))
    out.write(render_rule(rule, width=width))
    return EXIT_CLEAN


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 88


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Run speclint with ``argv``; return the exit code.

    ``stdin`` is where ``speclint check -`` reads the document (default: the process's
    standard input, as bytes). Called without ``argv``, as the ``speclint`` command is,
    it also reads and keeps compiled regular expressions, collects garbage less often
    while it runs and readies the process to end
    quickly (see :func:`_ready_to_exit`).
    """
    if argv is not None:
        return _main(argv, out, err, stdin)
    # Starting up makes tens of thousands of objects that live as long as the process
    # (modules, models, the rule registry): sweeping the young ones every 700 new
    # objects, the default, costs a short run more than any garbage it frees.
    gc.set_threshold(_YOUNG_SWEEP, *gc.get_threshold()[1:])
    # What the first lint loads (the rules, the cached queries) lives as long as the
    # process: frozen once that lint ends, rather than swept (speclint.lifetime).
    freeze_after_first_lint()
    # pydantic looks for plugins in every installed distribution's entry points before
    # it builds its first model; speclint's own models need none. Set the variable to
    # an empty value to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _skip_plugin_search()
    try:
        return _main(None, out, err, stdin)
    finally:
        _keep_patterns()
        _ready_to_exit()


#: The values of ``PYDANTIC_DISABLE_PLUGINS`` with which pydantic loads no plugin at all.
_NO_PLUGINS = ("__all__", "1", "true")


def _skip_plugin_search() -> None:
    """Spare the command pydantic's plugin loader when plugins are off.

    The loader imports ``importlib.metadata`` (and with it the email package, sockets
    and more: a tenth of a short run's start) only to answer "no plugins" when
    ``PYDANTIC_DISABLE_PLUGINS`` turns them all off. In that case a loader that answers
    the same at once stands in for it; with plugins on, pydantic's own is used.
    """
    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _NO_PLUGINS or name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic's plugin loader, with every plugin disabled.")
    loader.get_plugins = tuple  # type: ignore[attr-defined]
    sys.modules[name] = loader


#: New objects between two sweeps of the youngest generation, in the speclint command.
_YOUNG_SWEEP = 50_000


def _keep_patterns() -> None:
    """Keep the regular expressions the command compiled afresh (:mod:`speclint.regex_cache`).

    Only once the stored ones were read, after the arguments were (``--version`` and
    ``--help`` need neither).
    """
    module = sys.modules.get("speclint.regex_cache")
    if module is not None:
        module.save()


def _ready_to_exit() -> None:
    """Spare the command's exit a sweep of every object it loaded.

    At exit the interpreter collects garbage over everything still alive, the modules,
    models and rule registry included: a tenth of a short run's time. Frozen objects
    are left out of that sweep; the process is about to end, so nothing is lost.
    """
    gc.freeze()


def _main(
    argv: Sequence[str] | None,
    out: TextIO | None,
    err: TextIO | None,
    stdin: BinaryIO | None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        # A console that cannot show "£" or "–" gets a stand-in character, not a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if argv is None:
        # The command reads the patterns earlier runs compiled rather than compiling them
        # again, and keeps those it compiles afresh for the next (see _keep_patterns).
        from speclint import regex_cache

        regex_cache.load()
    if args.command == "check" and args.output == "-":
        args.output = None  # '-o -': standard output, as for other tools
    if args.command == "check" and args.format is None:
        args.format = _format_of(args.output)
    try:
        if args.command == "check":
            return _check(args, out, err, stdin or sys.stdin.buffer)
        if args.command == "baseline":
            return _baseline(args, out, err)
        if args.command == "annotate":
            return _annotate(args, out, err)
        if args.command == "outline":
            return _outline(args, out, err)
        if args.command == "serve":
            return _serve(args, out, err)
        if args.command == "rules":
            return _rules(args, out)
        if args.command == "rule":
            return _rule(args, out, err)
        parser.print_help(out)
        return EXIT_ERROR
    except SpeclintError as exc:
        err.write(f"speclint: error: {visible(str(exc))}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("speclint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # a bug: one line, never a traceback
        err.write(f"speclint: internal error ({type(exc).__name__}: {exc}); please report it\n")
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

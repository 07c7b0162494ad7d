"""The Starlette application behind ``speclint serve``: the page and the HTTP API.

Routes (every answer is JSON unless it is the page, an asset or a download; every
error is ``{"error": "plain message"}`` with a fitting status):

``GET /``
    The page. With ``?token=TOKEN`` it sets the token as a cookie (HttpOnly,
    SameSite=Strict) and redirects to ``/``, so the token leaves the address bar.
``GET /static/NAME``
    The page's script and styles, and the HTML report's (a fixed list: no URL names a
    file on disk).
``POST /api/check``
    Multipart: one or more ``files``, optional ``select`` and ``ignore`` (comma-separated
    codes or families). The ``--format json`` report; an unreadable file is an entry
    in its ``errors``.
``POST /api/report?format=html|json|sarif``
    As ``/api/check``, answered with the whole report in that format, as a download.
``POST /api/review``
    What the page uses: as ``/api/check``, answered with ``report`` (the JSON report),
    ``html`` (the HTML report's sections) and ``downloads`` (links to the report in
    each format and to each Word file's reviewed copy, kept for a while). Files keep the
    folders the page sends (``Lot 1/spec.docx``); a file too large, or past the most files
    or bytes in one request, is that file's error rather than a 413. With ``Accept:
    application/x-ndjson``, a line as each file is read, then the answer.
``GET /api/results/ID/report/FORMAT``, ``GET /api/results/ID/reviewed/N``
    Those downloads; ``GET /api/results/ID/reviewed.zip``, every reviewed copy at once.
``POST /api/annotate``
    Multipart: one ``.docx`` as ``file`` (plus ``select``, ``ignore``). Its reviewed copy.
``POST /api/text``
    JSON ``{"text": "..."}`` (optional ``"format": "md" | "txt"``, ``"select"``,
    ``"ignore"``). The JSON report for that text.
``GET /api/rules``
    Every rule, as ``speclint rules --format json``.

Statuses: 400 bad input, 401 a missing or wrong token, 404 nothing there, 413 too
large (or too many files), 415 a file type speclint does not read.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import secrets
import time
import unicodedata
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import quote, unquote_to_bytes

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from speclint.config import Settings, validate_selectors
from speclint.errors import SpeclintError
from speclint.models import FileError, FileReport, Finding, InputFormat, Report, SkippedFile
from speclint.parsers import format_for, suffix_list
from speclint.registry import builtin_registry
from speclint.serve.options import ServeOptions, is_loopback
from speclint.serve.pool import WorkerFailed, WorkerPool
from speclint.serve.tasks import annotate_upload, lint_upload
from speclint.skipping import DOCUMENT_SUFFIXES, skip_reason

__all__ = ["COOKIE", "DOCX_TYPE", "clean_name", "clean_path", "create_app", "reviewed_name"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The cookie that carries the token once the page has been opened with ``?token=``.
COOKIE = "speclint_token"
#: The policy for the page and every API answer: nothing from anywhere but here.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_SUPPORTED = suffix_list()
#: Word packages that are linted but never annotated (a reviewed copy is a .docx).
_OTHER_WORD = (".docm", ".dotx", ".dotm")
_MAX_FIELD_BYTES = 64 * 1024
_MAX_FIELDS = 20
#: The most files one page request may have refused (too large, too many) before the
#: request itself is refused: each costs a line of the report, however small the file.
_MAX_REFUSED = 500
_REPORT_TYPES = {
    "html": ("text/html; charset=utf-8", "speclint-report.html"),
    "json": ("application/json", "speclint-report.json"),
    "sarif": ("application/sarif+json", "speclint-report.sarif"),
}
_ASSETS = {
    "index.html": ("serve", "index.html", "text/html; charset=utf-8"),
    "page.js": ("serve", "page.js", "text/javascript; charset=utf-8"),
    "page.css": ("serve", "page.css", "text/css; charset=utf-8"),
    "report.js": ("report", "report.js", "text/javascript; charset=utf-8"),
    "report.css": ("report", "report.css", "text/css; charset=utf-8"),
}

LintFunction = Callable[[bytes, str, InputFormat, Settings], "FileReport | FileError"]


class Problem(HTTPException):
    """An error answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status_code=status, detail=message)


# --- uploads -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its sanitised name, its format and its bytes."""

    name: str
    fmt: InputFormat
    data: bytes


_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


def clean_name(raw: str) -> str:
    """A file name fit to show and to send back: no folders, controls or odd characters.

    Only the last part of a path is kept (``../../etc/passwd`` is ``passwd``), characters
    that are not allowed in file names on common systems are dropped, leading dots and
    spaces are removed, and the name is cut to 120 characters (keeping the suffix).
    """
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in _UNSAFE.sub("", name) if ch.isprintable())
    name = name.strip().lstrip(". ").strip()
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem[: 110 - len(suffix)]}.{suffix}" if dot and len(suffix) <= 8 else name[:120]
    return name or "upload"


def clean_path(raw: str) -> str:
    """A file's path inside a folder the page sent (``pack/Lot 1/spec.docx``), made safe.

    Each part is cleaned as :func:`clean_name` cleans a name; empty, ``.`` and ``..``
    parts are dropped, so the path never leaves the folder, and at most the last five
    parts are kept.
    """
    parts = unicodedata.normalize("NFC", raw).replace("\\", "/").split("/")
    # clean_name says "upload" for a part with nothing left in it ("..", "..."): dropped,
    # unlike a folder that is really called "upload".
    kept = [
        clean_name(part)
        for part in parts
        if part.strip() not in ("", ".", "..")
        and (clean_name(part) != "upload" or part.strip() == "upload")
    ]
    return "/".join(kept[-5:]) or clean_name(raw)


def _unique(names: Sequence[str]) -> list[str]:
    """``spec.docx``, ``spec (2).docx``: the same name twice in one request is told apart."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        # The number goes before the file's own suffix, never into a folder's name.
        folder, slash, base = name.rpartition("/")
        stem, dot, suffix = base.rpartition(".")
        while candidate.lower() in seen:
            n += 1
            candidate = f"{folder}{slash}{stem} ({n}).{suffix}" if dot else f"{name} ({n})"
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def _mb(size: int) -> str:
    """``50 MB``, ``1.5 MB``; ``64 KB`` under a megabyte."""
    if size < 1024 * 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{round(size / (1024 * 1024), 1):g} MB"


class _Form:
    """A streaming multipart reader that keeps uploads in memory, within the limits.

    With ``lenient`` (the page), a file over the size limit, past the most files in one
    request or past the request's limit for all its files together is not kept but listed
    in :attr:`refused` with the reason, so that the rest of a tender pack is still
    checked; otherwise each is a 413 for the request. Even then, a body twice the
    request's limit, or more than :data:`_MAX_REFUSED` files refused, is a 413.
    """

    def __init__(self, options: ServeOptions, *, lenient: bool = False) -> None:
        self.options = options
        self.lenient = lenient
        self.files: list[tuple[str, str, bytearray]] = []  # field, filename, data
        self.refused: list[tuple[str, str]] = []  # filename, why it was not kept
        self._refusal: str | None = None
        self.fields: dict[str, str] = {}
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._field: str | None = None
        self._filename: str | None = None
        self._data = bytearray()
        self._fields = 0
        self._kept = 0  # bytes of the files kept so far

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._field = self._filename = None
        self._data = bytearray()
        self._refusal = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def on_headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, params = parse_options_header(self._disposition)
        if b"name" not in params:
            raise Problem(400, "a form part has no name")
        self._field = params[b"name"].decode("utf-8", "replace")
        filename = params.get(b"filename")
        if filename is None:  # only the RFC 5987 form: filename*=UTF-8''...
            starred = re.search(rb"filename\*=UTF-8''([^;\s]+)", self._disposition, re.I)
            filename = unquote_to_bytes(starred.group(1)) if starred else None
        if filename is None:
            self._fields += 1
            if self._fields > _MAX_FIELDS:
                raise Problem(400, f"too many form fields: at most {_MAX_FIELDS}")
        else:
            self._filename = filename.decode("utf-8", "replace")
            if len(self.files) >= self.options.max_files:
                if self.lenient:
                    most = self.options.max_files
                    self._refusal = (
                        f"not checked: the server checks at most {most} "
                        f"file{'' if most == 1 else 's'} at once; check this one in a second go"
                    )
                    return
                raise Problem(
                    413, f"too many files: at most {self.options.max_files} in one request"
                )

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._refusal is not None:
            return
        self._data += data[start:end]
        is_file = self._filename is not None
        limit = self.options.max_file_bytes if is_file else _MAX_FIELD_BYTES
        together = self.options.max_request_bytes
        if is_file and self.lenient:
            if len(self._data) > limit:
                self._refuse(
                    f"is over the {_mb(limit)} limit for one file, so it was not checked; "
                    "split it or save a copy without images"
                )
            elif self._kept + len(self._data) > together:
                self._refuse(
                    f"not checked: the files chosen together are over the {_mb(together)} "
                    "limit for one check; check this one in a second go"
                )
        elif len(self._data) > limit:
            if self._filename is None:
                raise Problem(413, f"the field '{self._field}' is over the {_mb(limit)} limit")
            raise Problem(
                413, f"{clean_name(self._filename)} is over the {_mb(limit)} limit for one file"
            )

    def _refuse(self, why: str) -> None:
        self._refusal = why
        self._data = bytearray()

    def on_part_end(self) -> None:
        if self._field is None:
            return
        if self._refusal is not None and self._filename is not None:
            self.refused.append((self._filename, self._refusal))
            if len(self.refused) > _MAX_REFUSED:
                raise Problem(
                    413, f"too many files: at most {self.options.max_files} in one request"
                )
        elif self._filename is not None:
            self._kept += len(self._data)
            self.files.append((self._field, self._filename, self._data))
        else:
            self.fields[self._field] = self._data.decode("utf-8", "replace")

    async def read(self, request: Request) -> None:
        """Read the request's body into :attr:`files` and :attr:`fields`."""
        from python_multipart.multipart import MultipartParser, parse_options_header

        kind, params = parse_options_header(request.headers.get("content-type", ""))
        if kind != b"multipart/form-data":
            raise Problem(415, "send the files as multipart/form-data")
        boundary = params.get(b"boundary")
        if not boundary:
            raise Problem(400, "the multipart body has no boundary")
        length = request.headers.get("content-length")
        if length is not None and length.isdigit():
            _check_request_size(int(length), self.options, self.lenient)
        callbacks: Any = {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }
        parser = MultipartParser(boundary, callbacks)
        total = 0
        try:
            async for chunk in request.stream():
                total += len(chunk)
                _check_request_size(total, self.options, self.lenient)
                parser.write(chunk)
            parser.finalize()
        except Problem:
            raise
        except Exception as exc:
            raise Problem(400, f"the multipart body cannot be read ({exc})") from None


def _check_request_size(size: int, options: ServeOptions, lenient: bool = False) -> None:
    limit = options.max_request_bytes * (2 if lenient else 1)
    if size > limit:
        raise Problem(413, f"the request is over the {_mb(limit)} limit")


@dataclass(frozen=True)
class _Pack:
    """What a request sent: the uploads speclint reads, its settings, and the rest."""

    uploads: list[Upload]
    settings: Settings
    #: Documents of a kind speclint does not read, with how to convert them.
    skipped: tuple[SkippedFile, ...] = ()
    #: Files the page sent that were not kept (too large, too many), with the reason.
    refused: tuple[FileError, ...] = ()


async def _uploads(
    request: Request, options: ServeOptions, *, field: str = "files", page: bool = False
) -> _Pack:
    """The uploads of ``field`` speclint reads, the form's settings, and those it does not.

    Files are sanitised and typed; a request with no file speclint reads is 415, each
    file's line saying how to have it checked, except from the ``page``, which shows
    that advice from the report's ``skipped``. From the page, a file's name keeps the
    folders it was chosen in (``Lot 1/spec.docx``), and a file too large or past the
    most files in one request is that file's error instead of a 413 for them all.
    """
    form = _Form(options, lenient=page)
    await form.read(request)
    chosen = [(name, data) for f, name, data in form.files if f == field]
    clean = clean_path if page else clean_name
    refused = [(clean(name), why) for name, why in form.refused]
    if not chosen and not refused:
        raise Problem(400, f"no files: send one or more as '{field}' form fields")
    names = _unique([clean(name) for name, _ in chosen] + [name for name, _ in refused])
    errors = tuple(
        FileError(path=name, message=why)
        for name, (_, why) in zip(names[len(chosen) :], refused, strict=True)
    )
    names = names[: len(chosen)]
    uploads = []
    unread: list[str] = []
    for name, (_, data) in zip(names, chosen, strict=True):
        fmt = format_for(name)
        if fmt is None:
            unread.append(name)
        else:
            uploads.append(Upload(name, fmt, bytes(data)))
    if not uploads and not page:
        raise Problem(415, "\n".join(f"{name}: {_not_read(name)}" for name in unread))
    settings = _settings(options, form.fields.get("select"), form.fields.get("ignore"))
    # As in a folder on the command line: the pack is linted, the rest listed as not checked.
    skipped = tuple(SkippedFile(path=name, reason=_not_read(name)) for name in unread)
    return _Pack(uploads, settings, skipped, errors)


def _not_read(name: str) -> str:
    """Why an upload is not checked, with the LibreOffice command when one converts it."""
    reason = skip_reason(name)
    if reason is not None and "LibreOffice" in reason:
        return reason
    return f"not a document speclint reads (it reads {_SUPPORTED})"


def _codes(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ",".join(value)
    if not isinstance(value, str):
        raise Problem(400, f"'{what}' must be comma-separated codes")
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _settings(options: ServeOptions, select: Any, ignore: Any) -> Settings:
    chosen = _codes(select, "select") or None
    extra = _codes(ignore, "ignore")
    try:
        validate_selectors(chosen or (), builtin_registry(), "select")
        validate_selectors(extra, builtin_registry(), "ignore")
    except SpeclintError as exc:
        raise Problem(400, str(exc)) from None
    return options.settings.selecting(chosen, extra)


# --- the results the page links to -------------------------------------------------------


@dataclass
class _Kept:
    report: Report
    drafts: list[tuple[str, bytes, tuple[Finding, ...]]]
    settings: Settings
    until: float
    size: int


class _Results:
    """Reports kept for the page's download links: a while, and within a memory budget."""

    def __init__(self, seconds: float, budget: int = 512 * 1024 * 1024, most: int = 64) -> None:
        self.seconds = seconds
        self.budget = budget
        self.most = most
        self._kept: OrderedDict[str, _Kept] = OrderedDict()

    def put(self, report: Report, uploads: Sequence[Upload], settings: Settings) -> str:
        by_name = {fr.path: fr for fr in report.files}
        drafts = [
            (u.name, u.data, by_name[u.name].findings)
            for u in uploads
            # Macro-enabled files and templates are linted, but reviewed copies are .docx.
            if u.fmt == "docx" and not u.name.lower().endswith(_OTHER_WORD) and u.name in by_name
        ]
        size = sum(len(d) for _, d, _ in drafts) + 4096 * (len(report.findings) + 1)
        key = secrets.token_urlsafe(16)
        self._kept[key] = _Kept(report, drafts, settings, time.monotonic() + self.seconds, size)
        self._tidy()
        return key

    def get(self, key: str) -> _Kept:
        self._tidy()
        kept = self._kept.get(key)
        if kept is None:
            raise Problem(
                404, "these results are no longer kept: choose the files again to check them"
            )
        return kept

    def _tidy(self) -> None:
        now = time.monotonic()
        for key in [k for k, v in self._kept.items() if v.until < now]:
            del self._kept[key]
        while len(self._kept) > self.most or (
            len(self._kept) > 1 and sum(v.size for v in self._kept.values()) > self.budget
        ):
            self._kept.popitem(last=False)


# --- responses ---------------------------------------------------------------------------


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return Response(body, status_code=status, media_type="application/json")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _attachment(filename: str) -> str:
    """A Content-Disposition for ``filename``: an ASCII fallback and the UTF-8 name."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r'["\\;\x00-\x1f\x7f]', "", ascii_name).strip() or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def reviewed_name(name: str) -> str:
    """``NAME.reviewed.docx`` for the upload ``NAME.docx``; a reviewed copy keeps its name."""
    if name.lower().endswith(".reviewed.docx"):
        return name
    stem = name[: -len(".docx")] if name.lower().endswith(".docx") else name
    return f"{stem}.reviewed.docx"


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _report_response(report: Report, fmt: str) -> Response:
    from speclint.formatters import renderer
    from speclint.formatters.html import asset

    media, filename = _REPORT_TYPES[fmt]
    headers = {"Content-Disposition": _attachment(filename)}
    if fmt == "html":
        # The report's own policy: its inline style and script, by hash; nothing else.
        headers["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; "
            f"style-src {_csp_hash(asset('report.css'))}; "
            f"script-src {_csp_hash(asset('report.js'))}; base-uri 'none'; form-action 'none'"
        )
    body = renderer(fmt)(report, builtin_registry())
    return Response(body, media_type=media, headers=headers)


_asset_cache: dict[str, bytes] = {}


def _asset(name: str) -> tuple[bytes, str]:
    """One of the fixed assets by name (``page.js``...), and its media type."""
    where, filename, media = _ASSETS[name]
    if name not in _asset_cache:
        if where == "report":
            from speclint.formatters.html import asset

            _asset_cache[name] = asset(filename).encode("utf-8")
        else:
            folder = resources.files("speclint.serve").joinpath("assets")
            _asset_cache[name] = folder.joinpath(filename).read_bytes()
    return _asset_cache[name], media


# --- the application ---------------------------------------------------------------------


class _Guard:
    """Token and Host checks before any route, and the security headers on every answer.

    On loopback without a token, a request must name this machine in its ``Host``
    header (so a web page elsewhere cannot reach the server by DNS rebinding). With a
    token, every request carries it: ``Authorization: Bearer TOKEN``, the cookie the
    page sets, or ``?token=TOKEN`` on the page's own address.
    """

    def __init__(self, app: ASGIApp, options: ServeOptions) -> None:
        self.app = app
        self.options = options
        self.local = is_loopback(options.host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await _with_headers(refusal, scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in _SECURITY_HEADERS.items():
                    if key not in headers:
                        headers[key] = value
            await send(message)

        await self.app(scope, receive, send_secured)

    def _refusal(self, request: Request) -> Response | None:
        host = _host_name(request.headers.get("host", ""))
        if self.local and self.options.token is None and not is_loopback(host):
            return _error(400, "this server only answers requests addressed to this machine")
        token = self.options.token
        if token is None:
            return None
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() == "bearer" and _same(value.strip(), token):
            return None
        if _same(request.cookies.get(COOKIE, ""), token):
            return None
        if request.url.path == "/" and "token" in request.query_params:
            if _same(request.query_params["token"], token):
                return None  # the page sets the cookie and redirects
            return _error(401, "wrong token: use the address speclint serve printed")
        return _error(
            401,
            "this server needs its token: open the address speclint serve printed, "
            "or send 'Authorization: Bearer TOKEN'",
            {"WWW-Authenticate": "Bearer"},
        )


_SECURITY_HEADERS = {
    "content-security-policy": PAGE_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def _host_name(header: str) -> str:
    """The host named by a ``Host`` header, without its port (``[::1]:8765`` is ``::1``)."""
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.partition(":")[0]


def _same(given: str, token: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


async def _with_headers(response: Response, scope: Scope, receive: Receive, send: Send) -> None:
    for key, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    await response(scope, receive, send)


class _Service:
    """The routes' shared state: options, worker pool, kept results, the lint function."""

    def __init__(self, options: ServeOptions, lint: LintFunction) -> None:
        self.options = options
        self.lint = lint
        self.pool = WorkerPool(
            options.jobs, timeout=options.timeout, max_memory_mb=options.max_memory_mb
        )
        self.results = _Results(options.keep_seconds)
        self._rules: str | None = None

    async def lint_all(
        self,
        pack: _Pack,
        on_done: Callable[[FileReport | FileError], None] | None = None,
    ) -> Report:
        """Lint every upload in the workers; a worker's failure is that file's error.

        ``on_done`` is called with each file's result as soon as it is ready.
        """

        async def one(upload: Upload) -> FileReport | FileError:
            result: FileReport | FileError
            try:
                result = await self.pool.run(
                    self.lint, upload.data, upload.name, upload.fmt, pack.settings
                )
            except WorkerFailed as exc:
                result = FileError(path=upload.name, message=str(exc))
            if on_done is not None:
                on_done(result)
            return result

        results = await asyncio.gather(*(one(u) for u in pack.uploads))
        return Report(
            files=tuple(r for r in results if isinstance(r, FileReport)),
            errors=tuple(r for r in results if isinstance(r, FileError)) + pack.refused,
            skipped=pack.skipped,
        )

    async def annotate(
        self, name: str, data: bytes, settings: Settings, findings: Sequence[Finding] | None
    ) -> Response:
        """A reviewed copy as a download, or the error that prevented it."""
        try:
            result = await self.pool.run(annotate_upload, data, name, settings, findings)
        except WorkerFailed as exc:
            raise Problem(422, f"{name}: {exc}") from None
        if isinstance(result, FileError):
            raise Problem(422, f"{result.path}: {result.message}")
        reviewed, comments = result
        return Response(
            reviewed,
            media_type=DOCX_TYPE,
            headers={
                "Content-Disposition": _attachment(reviewed_name(name.rsplit("/", 1)[-1])),
                "X-Speclint-Comments": str(comments),
            },
        )

    # -- routes --

    async def page(self, request: Request) -> Response:
        token = self.options.token
        if token is not None and "token" in request.query_params:
            response = RedirectResponse("/", status_code=303)
            response.set_cookie(
                COOKIE, token, httponly=True, samesite="strict", path="/", max_age=12 * 3600
            )
            return response
        body, media = _asset("index.html")
        # The kinds of document the page sends by name alone from a folder, for advice.
        listed = ",".join(sorted(DOCUMENT_SUFFIXES)).encode("ascii")
        return Response(body.replace(b"__LISTED__", listed), media_type=media)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _ASSETS or name == "index.html":
            raise Problem(404, "not found")
        body, media = _asset(name)
        return Response(body, media_type=media)

    async def check(self, request: Request) -> Response:
        from speclint.formatters.json import report_dict

        report = await self.lint_all(await _uploads(request, self.options))
        return _json(report_dict(report))

    async def report(self, request: Request) -> Response:
        fmt = request.query_params.get("format", "html")
        if fmt not in _REPORT_TYPES:
            raise Problem(400, f"unknown format '{fmt}' (choose html, json or sarif)")
        report = await self.lint_all(await _uploads(request, self.options))
        return await run_in_threadpool(_report_response, report, fmt)

    async def review(self, request: Request) -> Response:
        """The page's check: the report, its sections and its download links.

        Asked with ``Accept: application/x-ndjson``, the answer is a stream of JSON
        lines: ``{"done": PATH, "checked": K, "of": N}`` (with ``"findings"`` or
        ``"error"``) as each file is read, then ``{"result": ...}``, the answer itself,
        or ``{"error": message}`` if it failed; so the page can say which files are
        done while a large PDF is still being read.
        """
        pack = await _uploads(request, self.options, page=True)
        if "application/x-ndjson" not in request.headers.get("accept", ""):
            return _json(await self._review(pack))
        return StreamingResponse(
            self._review_lines(pack),
            media_type="application/x-ndjson",
            headers={"X-Accel-Buffering": "no"},
        )

    async def _review_lines(self, pack: _Pack) -> AsyncIterator[str]:
        lines: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        total = len(pack.uploads)
        checked = 0

        def done(result: FileReport | FileError) -> None:
            nonlocal checked
            checked += 1
            line: dict[str, Any] = {"done": result.path, "checked": checked, "of": total}
            if isinstance(result, FileError):
                line["error"] = result.message
            else:
                line["findings"] = len(result.findings)
            lines.put_nowait(line)

        async def answer() -> None:
            try:
                lines.put_nowait({"result": await self._review(pack, done)})
            except Exception:
                lines.put_nowait({"error": "internal error; please report it"})
            finally:
                lines.put_nowait(None)

        task = asyncio.create_task(answer())
        try:
            while (line := await lines.get()) is not None:
                yield json.dumps(line, ensure_ascii=False) + "\n"
        finally:
            task.cancel()  # the page went away: stop waiting for its files

    async def _review(
        self, pack: _Pack, on_done: Callable[[FileReport | FileError], None] | None = None
    ) -> dict[str, Any]:
        from speclint.annotate import comment_count
        from speclint.formatters.html import render_sections
        from speclint.formatters.json import report_dict

        report = await self.lint_all(pack, on_done)
        key = self.results.put(report, pack.uploads, pack.settings)
        base = f"/api/results/{key}"
        kept = self.results.get(key)
        html = await run_in_threadpool(render_sections, report, builtin_registry())
        return {
            "report": report_dict(report),
            "html": html,
            "downloads": {
                **{fmt: f"{base}/report/{fmt}" for fmt in _REPORT_TYPES},
                "keep_minutes": round(self.options.keep_seconds / 60),
                "reviewed_zip": f"{base}/reviewed.zip" if kept.drafts else None,
                "reviewed": [
                    {
                        "path": name,
                        "name": reviewed_name(name.rsplit("/", 1)[-1]),
                        "url": f"{base}/reviewed/{i}",
                        "comments": comment_count(findings),
                    }
                    for i, (name, _, findings) in enumerate(kept.drafts, 1)
                ],
            },
        }

    async def kept_report(self, request: Request) -> Response:
        kept = self.results.get(request.path_params["key"])
        fmt = request.path_params["fmt"]
        if fmt not in _REPORT_TYPES:
            raise Problem(404, f"no report format '{fmt}' (html, json or sarif)")
        return await run_in_threadpool(_report_response, kept.report, fmt)

    async def kept_reviewed(self, request: Request) -> Response:
        kept = self.results.get(request.path_params["key"])
        index = request.path_params["index"]
        if not 1 <= index <= len(kept.drafts):
            raise Problem(404, "no such reviewed copy")
        name, data, findings = kept.drafts[index - 1]
        return await self.annotate(name, data, kept.settings, findings)

    async def kept_reviewed_zip(self, request: Request) -> Response:
        """Every Word file's reviewed copy in one zip, each under its folder and new name.

        A file that cannot be reviewed is left out and named, with the reason, in
        ``not-reviewed.txt`` inside the zip.
        """
        kept = self.results.get(request.path_params["key"])
        if not kept.drafts:
            raise Problem(404, "there is no Word file in these results to review")

        async def one(name: str, data: bytes, findings: tuple[Finding, ...]) -> bytes | str:
            try:
                result = await self.pool.run(annotate_upload, data, name, kept.settings, findings)
            except WorkerFailed as exc:
                return str(exc)
            return result.message if isinstance(result, FileError) else result[0]

        copies = await asyncio.gather(*(one(*draft) for draft in kept.drafts))
        body = await run_in_threadpool(_zip_of, [d[0] for d in kept.drafts], copies)
        return Response(
            body,
            media_type="application/zip",
            headers={"Content-Disposition": _attachment("speclint-reviewed.zip")},
        )

    async def annotate_route(self, request: Request) -> Response:
        form = _Form(self.options)
        await form.read(request)
        files = [(name, data) for f, name, data in form.files if f == "file"]
        if len(files) != 1:
            raise Problem(400, "send exactly one .docx file as the 'file' form field")
        name = clean_name(files[0][0])
        if format_for(name) != "docx" or name.lower().endswith(_OTHER_WORD):
            raise Problem(415, f"{name}: annotate reads Word .docx files only")
        settings = _settings(self.options, form.fields.get("select"), form.fields.get("ignore"))
        return await self.annotate(name, bytes(files[0][1]), settings, None)

    async def text(self, request: Request) -> Response:
        from speclint.api import check_text
        from speclint.formatters.json import report_dict

        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Problem(415, 'send JSON: {"text": "..."} as application/json')
        body = await request.body()
        if len(body) > 4 * self.options.max_text_chars + 1024:
            raise Problem(
                413, f"the text is over the {self.options.max_text_chars:,}-character limit"
            )
        try:
            data = json.loads(body)
        except ValueError:
            raise Problem(400, 'the body is not JSON: send {"text": "..."}') from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise Problem(400, 'send {"text": "..."} with the text as a string')
        text: str = data["text"]
        if len(text) > self.options.max_text_chars:
            raise Problem(
                413, f"the text is over the {self.options.max_text_chars:,}-character limit"
            )
        fmt = data.get("format", "md")
        if fmt not in ("md", "txt"):
            raise Problem(400, "'format' must be 'md' or 'txt'")
        settings = _settings(self.options, data.get("select"), data.get("ignore"))
        # Short texts are linted here, in a thread: typing stays quick while the workers
        # are busy with large files.
        report = await run_in_threadpool(check_text, text, fmt, config=settings)
        return _json(report_dict(report))

    def _too_long(self) -> str:
        return f"the text is over the {self.options.max_text_chars:,}-character limit"

    async def rules(self, request: Request) -> Response:
        if self._rules is None:
            self._rules = await run_in_threadpool(_rules_json)
        return Response(self._rules, media_type="application/json")


def _zip_of(names: Sequence[str], copies: Sequence[bytes | str]) -> bytes:
    """A zip of the reviewed ``copies`` of ``names``; a ``str`` is why one has no copy."""
    import io
    import zipfile

    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # "spec.docx" and its earlier "spec.reviewed.docx" would otherwise be one name twice.
        entries = _unique([reviewed_name(name) for name in names])
        for name, entry, copy in zip(names, entries, copies, strict=True):
            if isinstance(copy, bytes):
                archive.writestr(entry, copy)
            else:
                missing.append(f"{name}: {copy}\n")
        if missing:
            archive.writestr("not-reviewed.txt", "".join(missing))
    return buffer.getvalue()


def _rules_json() -> str:
    """What ``speclint rules --format json`` prints."""
    from speclint.docs import rules_json

    return rules_json(builtin_registry().rules)


async def _problem(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        message = (
            exc.detail
            if isinstance(exc, Problem)
            else _STATUS_TEXT.get(exc.status_code, str(exc.detail))
        )
        return _error(exc.status_code, message, dict(exc.headers or {}))
    return _error(500, "internal error; please report it")


_STATUS_TEXT = {404: "not found", 405: "method not allowed for this address"}


def create_app(options: ServeOptions | None = None, *, lint: LintFunction | None = None) -> ASGIApp:
    """The ASGI application: the page, the API and the guard in front of them.

    ``lint`` replaces the function the workers run on each upload (it must be a
    module-level function, as :func:`speclint.serve.tasks.lint_upload` is).
    """
    options = options or ServeOptions()
    service = _Service(options, lint or lint_upload)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await service.pool.start()
        await run_in_threadpool(builtin_registry().load)  # for /api/text and the report's advice
        try:
            yield
        finally:
            await run_in_threadpool(service.pool.close)

    routes = [
        Route("/", service.page, methods=["GET"]),
        Route("/static/{name}", service.static, methods=["GET"]),
        Route("/api/check", service.check, methods=["POST"]),
        Route("/api/report", service.report, methods=["POST"]),
        Route("/api/review", service.review, methods=["POST"]),
        Route("/api/annotate", service.annotate_route, methods=["POST"]),
        Route("/api/text", service.text, methods=["POST"]),
        Route("/api/rules", service.rules, methods=["GET"]),
        Route("/api/results/{key}/report/{fmt}", service.kept_report, methods=["GET"]),
        Route("/api/results/{key}/reviewed/{index:int}", service.kept_reviewed, methods=["GET"]),
        Route("/api/results/{key}/reviewed.zip", service.kept_reviewed_zip, methods=["GET"]),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        HTTPException: _problem,
        Exception: _problem,
    }
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.service = service
    return _Guard(app, options)

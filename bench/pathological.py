"""Pathological inputs end to end: every family of issue #16, up to a few MB each.

Writes each case into a temporary folder (text that once made a regex backtrack, a
sentence full of proximity hits, a 1.4 MB specification, Word files with a row of
thousands of cells, a huge ``gridSpan``, a huge numbering start, big header parts,
PDFs with a FlateDecode bomb and 8,000 or 30,000 pages, a FIFO and ``/dev/zero``
named as documents, a symlink loop, a deeply nested ``speclint.toml``, corrupt
baselines), runs ``speclint check --timeout 10`` on each as a fresh process, and
prints per case: wall time, peak memory, exit code, stderr lines, and PASS or FAIL.

A case passes when the run finishes within 15 s, no process of it peaks at 1 GB or
more of resident memory, the exit code is 0, 1 or 2, stderr has at most one line per
bad file, and nothing says "Traceback" or "internal error". Peak memory is the
largest resident size of any one process of the run (GNU ``time``: speclint and
its workers), and "tree" is the largest sum over the run's live processes, sampled
every 20 ms.

Run: ``python bench/pathological.py [--only NAME ...] [--keep]``; the exit code is 1
when a case fails.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import ROOT
from helpers import pdf_from_objects

TIMEOUT = 10
WALL_LIMIT = 15.0
MEMORY_LIMIT_MB = 1024


@dataclass
class Case:
    """One pathological input: how to write it, and the command-line arguments to check it."""

    name: str
    make: Callable[[Path], list[str]]  # writes into the folder; returns the paths to check
    bad_files: int = 1  # stderr lines allowed
    extra: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- text


def _write(folder: Path, name: str, data: bytes | str) -> list[str]:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return [str(path)]


def _ordinary_spec(size: int) -> str:
    """An ordinary specification of about ``size`` bytes: the text fixtures, renumbered."""
    parts = [
        (ROOT / "fixtures" / "text" / "outcome-payment-spec.txt").read_text(encoding="utf-8"),
        (ROOT / "fixtures" / "markdown" / "community-support-spec.md").read_text(encoding="utf-8"),
    ]
    out: list[str] = []
    length = 0
    section = 0
    while length < size:
        for part in parts:
            section += 1
            text = re.sub(r"(?m)^(\d+)\.", rf"{section}.\1.", part)
            out.append(text)
            length += len(text)
    return "\n".join(out)


def _proximity_sentence(size: int) -> str:
    words = "payment withheld until the KPI target is met and "
    return "4.1 " + words * (size // len(words)) + "so on.\n"


def _directives(count: int) -> str:
    return "".join(
        f"<!-- speclint: ignore PBR001 -- agreed at panel {i} -->\n"
        f"{i}.1 The Provider shall report monthly to the commissioner.\n\n"
        for i in range(1, count + 1)
    )


# --------------------------------------------------------------------------- Word


def _docx(body: str = "", parts: dict[str, bytes] | None = None, edit: bool = False) -> bytes:
    """A Word package from python-docx's template, with the body and parts replaced."""
    import docx

    document = docx.Document()
    document.add_paragraph("4.2 The Provider shall keep records of every visit.")
    document.add_paragraph("First step", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    parts = dict(parts or {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml" and body:
                data = re.sub(
                    rb"<w:body>.*</w:body>",
                    b"<w:body>" + body.encode() + b"</w:body>",
                    data,
                    flags=re.S,
                )
            if info.filename in parts:
                data = parts.pop(info.filename)
            target.writestr(info.filename, data)
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _cell(text: str, extra: str = "") -> str:
    return f"<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _wide_row(cells: int) -> bytes:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="100"/>' * cells + "</w:tblGrid>"
    head = "<w:tr>" + "".join(_cell(f"Measure {i}") for i in range(cells)) + "</w:tr>"
    row = (
        "<w:tr>"
        + "".join(_cell(f"Payment {i} is withheld until the target is met.") for i in range(cells))
        + "</w:tr>"
    )
    return _docx(f"<w:tbl>{grid}{head}{row}</w:tbl>")


def _grid_span() -> bytes:
    grid = '<w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="100"/></w:tblGrid>'
    rows = (
        "<w:tr>" + _cell("Indicator") + _cell("Target") + "</w:tr>"
        "<w:tr>" + _cell("Waiting time", '<w:gridSpan w:val="400000000"/>') + "</w:tr>"
    )
    para = "<w:p><w:r><w:t>4.1 The Provider shall meet the target.</w:t></w:r></w:p>"
    return _docx(f"{para}<w:tbl>{grid}{rows}</w:tbl>")


def _numbering_start() -> bytes:
    import docx

    document = docx.Document()
    for i in range(5):
        document.add_paragraph(f"The Provider shall report step {i}.", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/numbering.xml":
                data = re.sub(rb'<w:start w:val="\d+"/>', b'<w:start w:val="99999999999"/>', data)
                data = re.sub(rb'<w:numFmt w:val="\w+"/>', b'<w:numFmt w:val="upperRoman"/>', data)
            target.writestr(info.filename, data)
    return out.getvalue()


def _big_headers(count: int = 19, size: int = 9_900_000) -> bytes:
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    text = "Community support service specification " * (size // 42)
    header = f"<w:hdr {namespace}><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:hdr>".encode()
    import docx

    document = docx.Document()
    document.add_paragraph("4.2 The Provider shall keep records of every visit.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
    content = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdH{i}" Type="{kind}" Target="header{i}.xml"/>'
                    for i in range(count)
                )
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            if info.filename == "[Content_Types].xml":
                types = "".join(
                    f'<Override PartName="/word/header{i}.xml" ContentType="{content}"/>'
                    for i in range(count)
                )
                data = data.replace(b"</Types>", types.encode() + b"</Types>")
            if info.filename == "word/document.xml":
                refs = "".join(
                    f'<w:headerReference w:type="default" r:id="rIdH{i}"/>' for i in range(count)
                )
                data = re.sub(rb"<w:sectPr([^>]*)>", rb"<w:sectPr\1>" + refs.encode(), data)
            target.writestr(info.filename, data)
        for i in range(count):
            target.writestr(f"word/header{i}.xml", header)
    return out.getvalue()


# --------------------------------------------------------------------------- PDF


def pdf_bytes(contents: Sequence[bytes], filters: Sequence[str] = ()) -> bytes:
    """A PDF with one page per content stream (Helvetica, not embedded), written directly.

    ``filters`` names the filters the content streams are already encoded with.
    """
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[bytes] = []
    decode = b""
    if filters:
        decode = b" /Filter [" + b" ".join(b"/" + f.encode() for f in filters) + b"]"
    for content in contents:
        page_number = len(objects) + 1
        kids.append(b"%d 0 R" % page_number)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_number + 1)
        )
        objects.append(
            b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(content), decode, content)
        )
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), b" ".join(kids))
    return pdf_from_objects(objects)


def _text(x: int, y: int, size: int, text: str) -> bytes:
    return b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (size, x, y, text.encode("latin-1"))


def _long_pdf(pages: int) -> bytes:
    contents = [
        _text(72, 800, 9, "Community support service specification")
        + _text(72, 740, 11, f"{n}.1 The Provider shall keep a record of every visit made.")
        + _text(72, 720, 11, "Payment is withheld until the quarterly target is met.")
        + _text(280, 40, 9, f"Page {n} of {pages}")
        for n in range(1, pages + 1)
    ]
    return pdf_bytes(contents)


def _deflate_bomb(inflated: int, layers: int = 1) -> bytes:
    """A page whose content stream inflates to ``inflated`` bytes of spaces."""
    head = _text(72, 740, 11, "4.1 The Provider shall keep records.")
    packer = zlib.compressobj(9)
    parts = [packer.compress(head)]
    block = b" " * (1 << 20)
    for _ in range(inflated // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.flush())
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return pdf_bytes([data], ["FlateDecode"] * layers)


# --------------------------------------------------------------------------- special files


def _fifo(folder: Path) -> list[str]:
    path = folder / "notes.md"
    os.mkfifo(path)
    return [str(path)]


def _dev_zero(folder: Path) -> list[str]:
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return [str(path)]


def _good(folder: Path) -> Path:
    path = folder / "good.md"
    path.write_text("4.1 The Provider shall keep records of every visit.\n", encoding="utf-8")
    return path


def _symlink_loop(folder: Path) -> list[str]:
    pack = folder / "pack"
    pack.mkdir()
    _good(pack)
    (pack / "a.md").symlink_to(pack / "b.md")
    (pack / "b.md").symlink_to(pack / "a.md")
    (pack / "sub").mkdir()
    (pack / "sub" / "up").symlink_to(pack)
    return [str(pack)]


def _deep_toml(folder: Path) -> list[str]:
    pack = folder / "pack"
    pack.mkdir()
    _good(pack)
    team = pack / "team"
    team.mkdir()
    (team / "speclint.toml").write_text("timeout = " + "[" * 100_000 + "]" * 100_000 + "\n")
    _good(team)
    return [str(pack)]


def _baseline(content: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / "baseline.json"
        path.write_text(content, encoding="utf-8")
        return ["--baseline", str(path), str(_good(folder))]

    return make


def _data(name: str, build: Callable[[], bytes | str]) -> Callable[[Path], list[str]]:
    return lambda folder: _write(folder, name, build())


CASES: list[Case] = [
    Case(
        "txt: '!' and 400 spaces (455 B)",
        _data("bang.txt", lambda: "!" + " " * 400 + "The Provider shall be paid."),
    ),
    Case(
        "txt: '!' and 2 MB of spaces",
        _data("bang.txt", lambda: "!" + " " * 2_000_000 + "the provider shall be paid"),
    ),
    Case(
        "txt: 2 KB directive line",
        _data(
            "directive.txt",
            lambda: "# speclint: ignore " + " " * 2000 + "x\n4.1 The Provider shall report.\n",
        ),
    ),
    Case(
        "txt: 2 MB directive line",
        _data(
            "directive.txt",
            lambda: (
                "# speclint: ignore " + " PBR001," * 200_000 + "x\n4.1 The Provider shall report.\n"
            ),
        ),
    ),
    Case(
        "md: 2 MB directive comment",
        _data(
            "directive.md",
            lambda: (
                "<!-- speclint: ignore" + " " * 2_000_000 + "\n4.1 The Provider shall report.\n"
            ),
        ),
    ),
    Case(
        "txt: 32k dots", _data("dots.txt", lambda: "The Provider shall " + "." * 32_000 + " Next.")
    ),
    Case("md: 2 MB of dots", _data("dots.md", lambda: "1. " + "." * 2_000_000)),
    Case("md: '](' x 32k", _data("links.md", lambda: "](" * 32_000)),
    Case("md: '](' x 1M (2 MB)", _data("links.md", lambda: "](" * 1_000_000)),
    Case(
        "txt: 112 KB sentence of trigger words",
        _data("near.txt", lambda: _proximity_sentence(112_000)),
    ),
    Case(
        "txt: 1.1 MB sentence of trigger words",
        _data("near.txt", lambda: _proximity_sentence(1_100_000)),
    ),
    Case(
        "txt: 1.4 MB ordinary specification", _data("spec.txt", lambda: _ordinary_spec(1_400_000))
    ),
    Case("md: 4,000 directives", _data("directives.md", lambda: _directives(4_000))),
    Case("md: 40,000 directives (3.6 MB)", _data("directives.md", lambda: _directives(40_000))),
    Case("docx: a row of 2,000 cells", _data("wide.docx", lambda: _wide_row(2_000))),
    Case("docx: a row of 20,000 cells", _data("wide.docx", lambda: _wide_row(20_000))),
    Case("docx: gridSpan 4e8", _data("span.docx", _grid_span)),
    Case("docx: numbering start 99999999999", _data("numbering.docx", _numbering_start)),
    Case("docx: 19 header parts of 9.9 MB", _data("headers.docx", _big_headers)),
    Case(
        "pdf: FlateDecode bomb (1 GB inflated)", _data("bomb.pdf", lambda: _deflate_bomb(1 << 30))
    ),
    Case(
        "pdf: double FlateDecode bomb", _data("bomb2.pdf", lambda: _deflate_bomb(4 << 30, layers=2))
    ),
    Case("pdf: 8,000 pages", _data("long.pdf", lambda: _long_pdf(8_000))),
    Case("pdf: 30,000 pages", _data("longer.pdf", lambda: _long_pdf(30_000))),
    Case("FIFO named .md", _fifo),
    Case("/dev/zero symlink named .txt", _dev_zero),
    Case("symlink loop in a folder", _symlink_loop, bad_files=3),
    Case("deeply nested speclint.toml", _deep_toml),
    Case("baseline nested 100,000 deep", _baseline("[" * 100_000 + "]" * 100_000)),
    Case(
        "baseline with a 5,001-digit count",
        _baseline('{"version": 1, "findings": [{"count": ' + "9" * 5001 + "}]}"),
    ),
]


# --------------------------------------------------------------------------- running


def _descendants_rss(root: int) -> int:
    """The summed resident memory, in bytes, of ``root`` and every process under it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total


@dataclass
class Result:
    """What one run cost and said."""

    seconds: float
    cpu: float
    peak_mb: float
    tree_mb: float
    code: int
    stderr: str
    stdout: str


def run_check(arguments: list[str], folder: Path) -> Result:
    """Run ``speclint check --timeout 10`` as a fresh process; measure it to the end."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), SPECLINT_CACHE_DIR=str(folder / "user-cache"))
    command = [sys.executable, "-m", "speclint", "check", "--timeout", str(TIMEOUT)]
    command += ["--no-cache", "--jobs", "1", *arguments]
    out_path, err_path = folder / "stdout.txt", folder / "stderr.txt"
    usage_path = folder / "usage.txt"
    # GNU time forks from a small process, so the peak is speclint's, not this script's.
    command = ["/usr/bin/time", "-f", "%M %U %S", "-o", str(usage_path), *command]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=folder, env=env)
        tree = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                tree[0] = max(tree[0], _descendants_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = process.wait()
        finally:
            done.set()
            sampler.join()
        seconds = time.perf_counter() - start
    peak_kb, user, system = usage_path.read_text(encoding="ascii").strip().splitlines()[-1].split()
    return Result(
        seconds,
        float(user) + float(system),
        int(peak_kb) / 1024,
        tree[0] / (1024 * 1024),
        code,
        err_path.read_text(encoding="utf-8", errors="replace"),
        out_path.read_text(encoding="utf-8", errors="replace"),
    )


def verdict(case: Case, result: Result) -> list[str]:
    """Why a case failed (nothing when it passed)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    why = []
    if result.seconds > WALL_LIMIT:
        why.append(f"took {result.seconds:.1f} s")
    if max(result.peak_mb, result.tree_mb) >= MEMORY_LIMIT_MB:
        why.append(f"peaked at {max(result.peak_mb, result.tree_mb):.0f} MB")
    if result.code not in (0, 1, 2):
        why.append(f"exit code {result.code}")
    if len(lines) > case.bad_files:
        why.append(f"{len(lines)} stderr lines")
    text = result.stderr + result.stdout
    if "Traceback" in text or "internal error" in text:
        why.append("traceback or internal error")
    return why


def main(argv: list[str] | None = None) -> int:
    """Write and check every case; print the table; exit 1 when a case failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="run cases whose names hold a word")
    parser.add_argument("--keep", action="store_true", help="keep the folder of cases")
    parser.add_argument("--verbose", action="store_true", help="print each case's stderr")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or any(w in c.name for w in args.only)]
    base = Path(tempfile.mkdtemp(prefix="speclint-pathological-"))
    failed = 0
    print(
        f"{'case':<42} {'size':>9} {'wall s':>7} {'cpu s':>6} {'peak MB':>8} {'tree MB':>8} "
        f"{'exit':>4} {'lines':>5}  result"
    )
    try:
        for number, case in enumerate(cases):
            folder = base / f"case{number:02d}"
            folder.mkdir()
            arguments = case.make(folder)
            size = sum(
                Path(a).stat().st_size
                for a in arguments
                if Path(a).is_file() and not Path(a).is_symlink() and Path(a).exists()
            )
            result = run_check(arguments, folder)
            why = verdict(case, result)
            failed += bool(why)
            lines = len([line for line in result.stderr.splitlines() if line.strip()])
            status = "PASS" if not why else "FAIL: " + ", ".join(why)
            print(
                f"{case.name:<42} {_size(size):>9} {result.seconds:>7.1f} {result.cpu:>6.1f} "
                f"{result.peak_mb:>8.0f} {result.tree_mb:>8.0f} {result.code:>4} {lines:>5}"
                f"  {status}",
                flush=True,
            )
            if args.verbose or why:
                for line in result.stderr.splitlines()[:5]:
                    print(f"    {line[:200]}")
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"cases kept in {base}")
    print(f"{len(cases) - failed} of {len(cases)} cases passed")
    return 1 if failed else 0


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B" if size else "-"


if __name__ == "__main__":
    sys.exit(main())

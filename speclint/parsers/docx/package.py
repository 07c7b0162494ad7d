"""The safety of a ``.docx`` package, judged before anything is decompressed.

:func:`check_package` refuses bytes that are not a Word package (by their signature,
naming what they look like instead), a pre-2007 or password-protected file, and a zip
whose declared sizes break the decompression limits (a zip bomb), each with a one-line
:class:`~speclint.errors.InputError`.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from speclint.errors import InputError
from speclint.parsers.docx.ooxml import XML_PARSER
from speclint.parsers.sniff import Kind, identify

#: Largest total uncompressed size of a .docx package's members.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Largest compression ratio accepted for a member bigger than :data:`RATIO_MIN_BYTES`.
MAX_RATIO = 100
#: Members at least this large (uncompressed) must not exceed :data:`MAX_RATIO`.
RATIO_MIN_BYTES = 10 * 1024 * 1024
#: Most members a .docx package may have.
MAX_MEMBERS = 10_000


def failure_reason(exc: BaseException) -> str:
    """Return a short, one-line, plain-English reason for ``exc``."""
    text = " ".join(str(exc).split())
    if isinstance(exc, zipfile.BadZipFile):
        return f"damaged zip archive: {text}" if text else "damaged zip archive"
    if isinstance(exc, etree.XMLSyntaxError):
        return f"malformed XML: {text}" if text else "malformed XML"
    if isinstance(exc, KeyError):
        return f"missing part {text}"
    if not text:
        text = type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def check_package(data: bytes, path: str) -> None:
    """Refuse, with a one-line :class:`InputError`, bytes that are not a safe .docx.

    Checks the file's signature (empty, plain text, OLE2 ``.doc`` or encrypted file,
    PDF...) and, for a zip, the members' declared sizes against the decompression
    limits before anything is decompressed.
    """
    try:
        _check_package(data, path)
    except InputError:
        raise
    except Exception as exc:  # an unsupported zip version or method: still one line
        raise InputError(path, f"is corrupt or not a valid .docx ({failure_reason(exc)})") from None


def _check_package(data: bytes, path: str) -> None:
    if not data:
        raise InputError(path, "the file is empty (0 bytes)")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(path, _ole_cause(data))
    if data[:2] != b"PK":
        raise InputError(path, f"is not a Word .docx file ({_sniff(data)})")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError(path, f"is corrupt or not a valid .docx ({failure_reason(exc)})") from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        _check_sizes(infos, path)
        if any(info.flag_bits & 0x1 for info in infos):
            raise InputError(
                path, "is password-protected (its zip members are encrypted), so it cannot be read"
            )
        if "word/document.xml" not in names and _main_part(archive) not in names:
            if "xl/workbook.xml" in names:
                kind = "it is an Excel workbook"
            elif "ppt/presentation.xml" in names:
                kind = "it is a PowerPoint presentation"
            else:
                kind = "the zip has no word/document.xml"
            raise InputError(path, f"is not a Word .docx file ({kind})")


def _check_sizes(infos: list[zipfile.ZipInfo], path: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            path,
            f"refused: the zip has {len(infos):,} members, over the {MAX_MEMBERS:,}-member limit",
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        limit_mb = MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
        raise InputError(
            path,
            f"refused as a possible zip bomb: it would expand to {total:,} bytes, "
            f"over the {limit_mb} MB decompression limit",
        )
    packed = sum(info.compress_size for info in infos)
    if total >= RATIO_MIN_BYTES and total / max(packed, 1) > MAX_RATIO:
        # Many members each just under the per-member floor add up to the same bomb.
        raise InputError(
            path,
            f"refused as a possible zip bomb: its members expand {total / max(packed, 1):,.0f}:1 "
            f"to {total:,} bytes, over the {MAX_RATIO}:1 decompression-ratio limit",
        )
    for info in infos:
        if info.file_size >= RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputError(
                    path,
                    f"refused as a possible zip bomb: {info.filename} expands "
                    f"{ratio:,.0f}:1 to {info.file_size:,} bytes, over the "
                    f"{MAX_RATIO}:1 decompression-ratio limit",
                )


def _main_part(archive: zipfile.ZipFile) -> str:
    """Return the main part named by ``_rels/.rels`` (``word/document.xml`` by default)."""
    try:
        info = archive.getinfo("_rels/.rels")
        if info.file_size > 1024 * 1024:
            return "word/document.xml"
        root = etree.fromstring(archive.read(info), XML_PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, OSError):
        return "word/document.xml"
    for rel in root:
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def _ole_cause(data: bytes) -> str:
    names = data[: 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in names or (
        "EncryptionInfo".encode("utf-16-le") in names
    ):
        return (
            "is password-protected (an encrypted Word file); remove the password in Word "
            "(File > Info > Protect Document) and save it again"
        )
    return (
        "is a pre-2007 Word .doc file (an OLE2 compound file), not a .docx; "
        "open it in Word and save it as .docx"
    )


#: What a Word reader says of other files named ``.docx`` (and how to mend them).
_NOT_WORD: dict[Kind, str] = {
    "pdf": "it looks like a PDF",
    "rtf": "it looks like an RTF file; save it as .docx",
    "html": "it looks like HTML",
    "xml": "it looks like a bare XML file, not a zipped Word package",
    "json": "it looks like plain text",
    "text": "it looks like plain text",
}


def _sniff(data: bytes) -> str:
    return _NOT_WORD.get(identify(data), "it is not a zip package")

"""What the server's worker processes run: lint or annotate one upload, from its bytes.

Module-level functions, so that the pool can send them to a worker by name. Nothing
here touches the disk: uploads are linted from memory with :func:`speclint.check_bytes`
and reviewed copies are written to memory with :func:`speclint.annotate.annotate_bytes`.
"""

from __future__ import annotations

from collections.abc import Sequence

from speclint.api import check_bytes
from speclint.config import Settings
from speclint.errors import InputError, SpeclintError
from speclint.models import FileError, FileReport, Finding, InputFormat


def lint_upload(
    data: bytes, name: str, fmt: InputFormat, settings: Settings
) -> FileReport | FileError:
    """Lint one uploaded file; an unreadable file gives its :class:`FileError`."""
    report = check_bytes(data, fmt, path=name, config=settings)
    return report.files[0] if report.files else report.errors[0]


def annotate_upload(
    data: bytes, name: str, settings: Settings, findings: Sequence[Finding] | None = None
) -> tuple[bytes, int] | FileError:
    """A reviewed copy of one uploaded ``.docx`` and its number of comments, or why not.

    With ``findings`` (from an earlier lint of the same bytes) the draft is not linted again.
    """
    from speclint.annotate import annotate_bytes, comment_count

    try:
        reviewed, found, _ = annotate_bytes(data, name, findings=findings, settings=settings)
    except InputError as exc:
        return FileError(path=name, message=exc.cause)
    except SpeclintError as exc:
        return FileError(path=name, message=str(exc).removeprefix(f"{name}: "))
    return reviewed, comment_count(found)

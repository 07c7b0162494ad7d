"""Baselines: record today's findings so that only new ones are reported.

A baseline file lists, for each file, the codes and fingerprints of its findings
(see :attr:`speclint.models.Finding.fingerprint`): the code plus the normalised text
of the sentence that triggered it. Moving a clause, renumbering it or reflowing a
PDF keeps a finding's identity; editing the flagged sentence makes it new again.
Paths are stored relative to the baseline file's folder, so the file works from
any working directory and on any machine.

A finding that folds the rows of a table, the items of a list or the paragraphs of one
section (``group-repeats``,
:attr:`speclint.models.Finding.folded`) is recorded and matched place by place, each
by its own code and fingerprint, as if it had not been folded: a baseline recorded
before folding still silences every row it knew, one recorded after still does when
a row is added or edited, and only the places it does not know are reported (folded
again into one finding, :func:`speclint.engine.grouping.refold`).
"""

from __future__ import annotations

import json
import os
import shlex
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from speclint.atomic import cannot_write, write_file
from speclint.errors import SpeclintError
from speclint.models import FileReport, Report
from speclint.paths import resolved, windows_hint
from speclint.version import __version__

if TYPE_CHECKING:
    from speclint.models import Finding

#: Bump when the file's shape changes in a way that breaks readers.
BASELINE_VERSION = 1

Key = tuple[str, str, str]


def _relative(path: str, folder: Path) -> str:
    """``path`` relative to ``folder`` (``../`` where needed), with forward slashes.

    Only a file on another drive than the baseline (Windows) keeps its absolute path.
    """
    resolved_path = resolved(path)
    try:
        return Path(os.path.relpath(resolved_path, resolved(folder))).as_posix()
    except ValueError:
        return resolved_path.as_posix()


def _keys(file: FileReport, folder: Path) -> list[Key]:
    """The key of every place of ``file``'s findings: each folded place has its own."""
    return [key for _, key in _places(file, folder)]


def _places(file: FileReport, folder: Path) -> list[tuple[Finding, Key]]:
    """Every place of ``file``'s findings (a folded one's places each on its own), keyed."""
    where = _relative(file.path, folder)
    return [
        (place, (where, place.code, place.fingerprint))
        for finding in file.findings
        for place in _unfolded(finding)
    ]


def _insert(findings: list[Finding], finding: Finding) -> None:
    """Put ``finding`` into ``findings`` (in document order) before the first that follows it.

    Its place is its span (block, then trigger), as the engine ordered them; a finding
    without one goes last.
    """
    span = finding.span
    at = len(findings)
    if span is not None:
        here = (span.block, span.trigger.start)
        for index, other in enumerate(findings):
            if other.span is not None and (other.span.block, other.span.trigger.start) > here:
                at = index
                break
    findings.insert(at, finding)


def _unfolded(finding: Finding) -> list[Finding]:
    """``finding``'s places (:func:`speclint.engine.grouping.unfolded`), itself when unfolded.

    The engine is imported only for a folded finding: a parent process that reads a
    baseline to report stale entries does not load it.
    """
    if not finding.folded:
        return [finding]
    from speclint.engine.grouping import unfolded

    return unfolded(finding)


class Recorded(NamedTuple):
    """What :func:`record_baseline` wrote: findings and files, and files kept from before."""

    findings: int
    files: int
    kept: int


def write_baseline(report: Report, target: str | Path) -> int:
    """Write the findings of ``report`` to the baseline file ``target``; return how many."""
    return record_baseline(report, target).findings


def record_baseline(report: Report, target: str | Path) -> Recorded:
    """Write the findings of ``report`` to the baseline file ``target``.

    A file of ``report.errors`` (timed out, unreadable today) keeps the entries that
    ``target`` already held for it, so that its known findings do not all come back
    as new once it reads again.
    """
    target = Path(target)
    counts: Counter[Key] = Counter()
    excerpts: dict[Key, str] = {}
    for file in report.files:
        for finding, key in _places(file, target.parent):
            counts[key] += 1
            excerpts.setdefault(key, finding.excerpt)
    kept = _kept(report, target)
    for key, (count, excerpt) in kept.items():
        counts[key] += count
        excerpts.setdefault(key, excerpt)
    entries = [
        {"path": path, "code": code, "fingerprint": fp, "count": n, "excerpt": excerpts[key]}
        for key, n in sorted(counts.items())
        for path, code, fp in (key,)
    ]
    data = {"version": BASELINE_VERSION, "tool": f"speclint {__version__}", "findings": entries}
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        write_file(target, text.encode("utf-8"))
    except OSError as exc:
        raise SpeclintError(cannot_write("baseline", target, exc)) from None
    files = {key[0] for key in counts}
    return Recorded(sum(counts.values()), len(files), len({key[0] for key in kept}))


def _kept(report: Report, target: Path) -> dict[Key, tuple[int, str]]:
    """The entries ``target`` holds for the files of ``report`` that could not be linted."""
    if not report.errors or not target.is_file():
        return {}
    unread = {_relative(error.path, target.parent) for error in report.errors}
    try:
        data: Any = json.loads(target.read_text("utf-8"))
        old = Baseline.load(target)
    except (OSError, ValueError, RecursionError, SpeclintError):
        return {}  # an unusable old baseline is simply replaced
    excerpts = {
        (str(e.get("path")), str(e.get("code")), str(e.get("fingerprint"))): str(
            e.get("excerpt", "")
        )
        for e in data["findings"]
    }
    return {
        key: (count, excerpts.get(key, "")) for key, count in old.counts.items() if key[0] in unread
    }


class Baseline:
    """Known findings read from a baseline file, matched by file, code and fingerprint."""

    def __init__(
        self, counts: Counter[Key], folder: Path, excerpts: dict[Key, str] | None = None
    ) -> None:
        """Use ``counts`` of known findings; paths are relative to ``folder``."""
        self.counts = counts
        self.folder = folder
        self.excerpts = excerpts or {}
        self._by_path: dict[str, list[tuple[Key, int]]] | None = None

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a baseline file; raise :class:`SpeclintError` with one line if it is unusable."""
        file = Path(path)
        try:
            data: Any = json.loads(file.read_text("utf-8"))
        except FileNotFoundError:
            hint = windows_hint(str(file), "no such file")
            raise SpeclintError(f"{file}: baseline file not found{hint}") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise SpeclintError(f"{file}: not a speclint baseline ({exc})") from None
        except RecursionError:
            raise SpeclintError(f"{file}: not a speclint baseline (nested too deeply)") from None
        shape = (
            f'{file}: not a speclint baseline (expected {{"version": {BASELINE_VERSION}, '
            '"findings": [{"path", "code", "fingerprint", "count"}, ...]}, as written by '
            "'speclint baseline')"
        )
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
            raise SpeclintError(shape)
        if data.get("version") != BASELINE_VERSION:
            raise SpeclintError(
                f"{file}: baseline version {data.get('version')!r} is not supported "
                f"(expected {BASELINE_VERSION}); record it again with 'speclint baseline'"
            )
        counts: Counter[Key] = Counter()
        excerpts: dict[Key, str] = {}
        for entry in data["findings"]:
            try:
                key = (str(entry["path"]), str(entry["code"]), str(entry["fingerprint"]))
                count = entry.get("count", 1)
            except (KeyError, TypeError, AttributeError):
                raise SpeclintError(shape) from None
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise SpeclintError(f"{file}: 'count' must be a whole number of 1 or more")
            counts[key] += count
            excerpts.setdefault(key, str(entry.get("excerpt", "")))
        return cls(counts, file.parent, excerpts)

    def unmatched(self, file: FileReport) -> tuple[Key, ...]:
        """The entries for ``file`` (linted as a whole) that none of its findings matches.

        A key recorded ``count`` times and matched fewer times appears once per miss.
        """
        if self._by_path is None:
            self._by_path = {}
            for key, count in sorted(self.counts.items()):
                self._by_path.setdefault(key[0], []).append((key, count))
        entries = self._by_path.get(_relative(file.path, self.folder), [])
        if not entries:
            return ()
        found = Counter(_keys(file, self.folder))
        return tuple(key for key, count in entries for _ in range(max(0, count - found[key])))

    def vanished(self) -> tuple[Key, ...]:
        """The entries whose file no longer exists beside the baseline."""
        gone: dict[str, bool] = {}
        stale = []
        for key, count in sorted(self.counts.items()):
            path = key[0]
            if path not in gone:
                gone[path] = not (self.folder / path).exists()
            if gone[path]:
                stale.extend([key] * count)
        return tuple(stale)

    def stale_note(self, keys: Iterable[Key], source: str, limit: int = 20) -> str:
        """Lines for stderr saying which entries no longer match a finding, and how to drop them.

        ``source`` is the baseline file as the user named it; the first ``limit``
        entries are listed, each with its file, code and recorded sentence.
        """
        stale = sorted(keys)
        if not stale:
            return ""
        many = len(stale) != 1
        count = f"{len(stale)} {'entries' if many else 'entry'}"
        verb = "match" if many else "matches"
        lines = [
            f"speclint: {count} of the baseline no longer {verb} a finding (fixed, reworded "
            f"or deleted); record it again to drop {'them' if many else 'it'}: "
            f"speclint baseline -o {shlex.quote(source)} PATH..."
        ]
        for key in stale[:limit]:
            excerpt = " ".join(self.excerpts.get(key, "").split())
            if len(excerpt) > 80:
                excerpt = excerpt[:79].rstrip() + "…"
            said = f" {excerpt!r}" if excerpt else ""
            lines.append(f"  {key[0]}: {key[1]}{said}")
        if len(stale) > limit:
            lines.append(f"  and {len(stale) - limit} more")
        return "\n".join(lines) + "\n"

    def filter(self, report: Report) -> Report:
        """``report`` without the findings the baseline knows; ``baselined`` counts them.

        A folded finding is matched place by place: it is left out when the baseline
        knows every place, and otherwise reported for the places it does not know
        (folded again into one, and placed among the file's findings where its first
        place now is); a finding left out counts once.
        """
        remaining = Counter(self.counts)
        files = []
        hidden = 0
        for file in report.files:
            where = _relative(file.path, self.folder)
            kept: list[Finding] = []
            refolded: list[Finding] = []
            for finding in file.findings:
                places = _unfolded(finding)
                new = []
                for place in places:
                    key = (where, place.code, place.fingerprint)
                    if remaining[key] > 0:
                        remaining[key] -= 1
                    else:
                        new.append(place)
                if not new:
                    hidden += 1
                elif len(new) == len(places):
                    kept.append(finding)
                else:
                    from speclint.engine.grouping import refold

                    refolded.append(refold(new) or finding)
            for finding in refolded:
                _insert(kept, finding)
            files.append(file.model_copy(update={"findings": tuple(kept)}))
        return report.model_copy(
            update={"files": tuple(files), "baselined": report.baselined + hidden}
        )

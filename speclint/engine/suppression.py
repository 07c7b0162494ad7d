"""Inline suppressions: ``speclint: ignore CODE[, CODE] -- reason``, parsed and applied.

A directive in a Markdown comment (``<!-- speclint: ignore PBR001 -- agreed -->``), a
plain-text line of its own, or a Word comment on a clause silences those codes (or
family prefixes, or ``all``) for the clause it is attached to.
``speclint: ignore-file CODE`` silences them for the whole file. The reason follows
``--`` (or an en or em dash).

The engine keeps directives honest with two rules of its own: ``SPL001`` for a
directive, or a code in it, that silenced nothing (as ruff's RUF100), or for a comment
that starts with ``speclint:`` but is not a directive it can read, and ``SPL002`` for a
directive without a reason. Those findings are about the directives, so only
configuration silences them, never a directive.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from speclint.config import Settings, nearest_code
from speclint.models import Block, Document, Location
from speclint.rules.schema import ENGINE_CODES
from speclint.structure.build import Outline

_PREFIX = re.compile(r"^\s*speclint\s*:\s*", re.IGNORECASE)
#: The directive word: up to a space, a comma or the dash before the reason.
_VERB = re.compile(r"[^\s,–—]*?(?=\s|,|--|–|—|$)")
_REASON_DASH = re.compile(r"--|–|—")
#: A hyphen that is not inside a code (``PBR-001``): a mistyped ``--``.
_LONE_HYPHEN = re.compile(r"(?<![A-Za-z0-9])-|-(?![A-Za-z0-9])")
_CODES = re.compile(r"[A-Za-z0-9_,\s-]*")
#: What a code or family prefix can look like (``PBR001``, ``PBR``, ``ALL``).
_CODE_SHAPED = re.compile(r"^(?:all|[a-z]{1,3}|[a-z]{3}[0-9]{1,3})$", re.IGNORECASE)
_VERBS = ("ignore", "ignore-file")
FORM = "speclint: ignore CODE[,CODE] -- reason"


@dataclass(frozen=True)
class Suppression:
    """Codes (or prefixes) silenced, where, and the reason given (``""`` when none).

    A comment that starts with ``speclint:`` but is not a directive speclint can read
    is kept too, with no codes and ``problem`` saying what is wrong, so that it is
    reported (SPL001) rather than silently ignored.
    """

    codes: tuple[str, ...]
    whole_file: bool
    reason: str
    problem: str = ""  # why a malformed directive was not understood ("" when it was)

    def covers(self, code: str) -> bool:
        """True when this suppression silences ``code``."""
        return self.entry_for(code) is not None

    def entry_for(self, code: str) -> int | None:
        """The index of the first code (or prefix, or ``ALL``) here that covers ``code``."""
        for index, entry in enumerate(self.codes):
            if entry == "ALL" or code.startswith(entry):
                return index
        return None


def parse_directive(text: str) -> Suppression | None:
    """Parse one comment; ``None`` when it does not start with ``speclint:``.

    A comment that starts with ``speclint:`` but is not a well-formed directive gives a
    :class:`Suppression` that silences nothing and says in ``problem`` what is wrong.
    """
    head = _PREFIX.match(text)
    if head is None:
        return None
    rest = text[head.end() :].strip()
    verb_match = _VERB.match(rest)
    verb = verb_match.group() if verb_match else ""
    if not verb:
        return _malformed(f"'speclint:' is followed by no directive; write '{FORM}'")
    if verb.lower() not in _VERBS:
        close = difflib.get_close_matches(verb.lower(), _VERBS, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return _malformed(f"'{verb}' is not a speclint directive{hint}; write '{FORM}'")
    whole_file = verb.lower() == "ignore-file"
    form = FORM.replace("ignore ", f"{verb.lower()} ", 1)
    remainder = rest[len(verb) :].strip()
    dash = _REASON_DASH.search(remainder)
    codes_text = (remainder[: dash.start()] if dash else remainder).strip()
    reason = remainder[dash.end() :].strip() if dash else ""
    hyphen = _LONE_HYPHEN.search(codes_text)
    before = codes_text[: hyphen.start()] if hyphen else codes_text
    if not before.strip(" ,-"):
        return _malformed(f"the directive names no codes; write '{form}'", whole_file)
    if hyphen and codes_text[hyphen.end() :].strip(" ,-"):
        read = " ".join(codes_text[hyphen.end() :].split())
        words = re.split(r"[\s,]+", read.strip(" ,-"))
        if all(_CODE_SHAPED.match(w) for w in words):
            return _malformed(
                f"cannot read the codes {_quote(codes_text)}; write '{form}'", whole_file
            )
        after = " ".join(remainder[hyphen.end() :].split())
        example = f"speclint: {verb.lower()} {' '.join(before.split()).strip(' ,')} -- {after}"
        return _malformed(
            f"'{read}' follows a single hyphen, so it was read as codes; the reason goes "
            f"after '--', as in '{example}'",
            whole_file,
        )
    if _CODES.fullmatch(codes_text) is None:
        return _malformed(f"cannot read the codes {_quote(codes_text)}; write '{form}'", whole_file)
    pieces = (c.strip("-").upper() for c in re.split(r"[\s,]+", codes_text))
    return Suppression(tuple(c for c in pieces if c), whole_file, reason)


def _malformed(problem: str, whole_file: bool = False) -> Suppression:
    """A ``speclint:`` comment that is not a directive: it silences nothing."""
    return Suppression((), whole_file, "", problem)


def _quote(codes: str) -> str:
    """Codes that could not be read, quoted, with how they should be separated."""
    return f"'{' '.join(codes.split())}' (separate them with commas or spaces)"


@dataclass
class Directive:
    """One ``speclint:`` directive in the document and what it has silenced so far."""

    suppression: Suppression
    text: str
    location: Location
    clause: str | None  # the clause it is attached to (None for ignore-file)
    position: tuple[int, float]  # where it sorts among findings
    used: set[int] = field(default_factory=set)  # indexes of codes that silenced a finding

    def order(self, code: str) -> tuple[int, float, str]:
        """Sort key among findings: just before the text it is attached to."""
        return (*self.position, code)


@dataclass
class Directives:
    """Every directive of a document, by scope, with the credit each code earns."""

    in_order: list[Directive]  # every directive, in document order
    whole_file: list[Directive]
    by_unit: dict[int, list[Directive]]

    @classmethod
    def gather(cls, document: Document, outline: Outline) -> Directives:
        """Parse each block's directives once.

        A Word comment anchored on several paragraphs is one directive: the copies
        attached to each paragraph share its text and its (first) anchor.
        """
        if not any(block.comments for block in document.blocks):
            return cls([], [], {})  # most documents: no comment, so no directive
        unit_of: dict[int, tuple[int, int]] = {}  # block -> (unit, offset in unit text)
        for u, unit in enumerate(outline.units):
            for seg in unit.segments:
                unit_of.setdefault(seg.block, (u, seg.start))
        found: dict[object, Directive] = {}
        by_unit: dict[int, list[Directive]] = {}
        next_unit = len(outline.units)
        places: list[tuple[int, float]] = [(0, 0.0)] * len(document.blocks)
        for b in range(len(document.blocks) - 1, -1, -1):  # a block outside every unit
            if b in unit_of:  # sorts before the next unit
                next_unit = unit_of[b][0]
                places[b] = (next_unit, unit_of[b][1] - 0.5)
            else:
                places[b] = (next_unit, -1.0)
        for b, block in enumerate(document.blocks):
            located = len(block.comment_locations) == len(block.comments)
            for i, text in enumerate(block.comments):
                suppression = parse_directive(text)
                if suppression is None:
                    continue
                where = block.comment_locations[i] if located else None
                key: object = (text, where) if where is not None else (text, b, i)
                directive = found.get(key)
                if directive is None:
                    owner = outline.units[unit_of[b][0]] if b in unit_of else None
                    clause = owner.number if owner is not None else None
                    section = owner.heading_path if owner is not None else ()
                    base = where or block.location
                    location = base.model_copy(
                        update={
                            "path": document.path,
                            "clause": None if suppression.whole_file else clause,
                            "section": section or None,
                        }
                    )
                    directive = Directive(
                        suppression,
                        " ".join(text.split()),
                        location,
                        None if suppression.whole_file else clause,
                        _position(block, where, places[b], unit_of.get(b)),
                    )
                    found[key] = directive
                if suppression.whole_file:
                    continue
                if b in unit_of:
                    listed = by_unit.setdefault(unit_of[b][0], [])
                    if directive not in listed:
                        listed.append(directive)
        # A directive above a clause covers every unit of it: its pieces after a split
        # and the text that carries it on after a table (units of one ``group``).
        members: dict[int, list[int]] = {}
        for u, unit in enumerate(outline.units):
            if unit.group:  # 0: a unit not made by the builder, grouped with nothing
                members.setdefault(unit.group, []).append(u)
        for units in members.values():
            if len(units) < 2 or not any(u in by_unit for u in units):
                continue
            shared: dict[int, Directive] = {}
            for u in units:
                shared.update((id(d), d) for d in by_unit.get(u, []))
            for u in units:
                by_unit[u] = list(shared.values())
        every = list(found.values())
        return cls(every, [d for d in every if d.suppression.whole_file], by_unit)

    def whole_file_covers(self, code: str) -> bool:
        """True when an ``ignore-file`` directive covers ``code``."""
        return any(d.suppression.covers(code) for d in self.whole_file)

    def silence(self, code: str, unit: int | None) -> bool:
        """True when a directive silences ``code`` in ``unit``; credit the first that does.

        ``ignore-file`` directives come first, then the clause's own directives in
        document order; a finding with no clause (``unit`` ``None``) is silenced only
        by ``ignore-file``.
        """
        candidates = self.whole_file + (self.by_unit.get(unit, []) if unit is not None else [])
        for directive in candidates:
            entry = directive.suppression.entry_for(code)
            if entry is not None:
                directive.used.add(entry)
                return True
        return False

    def housekeeping(
        self, directive: Directive, enabled: set[str], known: set[str], settings: Settings
    ) -> Iterator[tuple[str, str]]:
        """The SPL findings ``directive`` earns: (code, detail for the message).

        A code is judged only when some rule it names ran here: a code whose rules
        were all deselected (or are ignored in this clause by configuration) may well
        be needed in another run, so it is not called unused.
        """
        if directive.suppression.problem:
            yield "SPL001", directive.suppression.problem
            return
        problems: list[str] = []
        codes = directive.suppression.codes
        for index, entry in enumerate(codes):
            named = [c for c in known if entry == "ALL" or c.startswith(entry)]
            if not named:
                close = nearest_code(entry, known)
                hint = f" (did you mean {close}?)" if close else ""
                problems.append(f"'{entry}' names no rule{hint}")
            elif entry in codes[:index]:
                problems.append(f"'{entry}' is named twice")
            elif all(c in ENGINE_CODES for c in named):
                problems.append(f"'{entry}' is silenced only by configuration")
            elif index not in directive.used and any(
                c in enabled
                and c not in ENGINE_CODES
                and not settings.clause_ignored(c, directive.clause, directive.location.path)
                for c in named
            ):
                problems.append(f"'{entry}' silenced nothing")
        if problems:
            yield "SPL001", "; ".join(problems)
        if not directive.suppression.reason:
            yield "SPL002", ", ".join(codes)


def _position(
    block: Block,
    where: Location | None,
    place: tuple[int, float],
    owner: tuple[int, int] | None,
) -> tuple[int, float]:
    """Where a directive sorts: before its block, or after it when it sits below it.

    Directives left after the last block (an ``ignore-file`` at the end of a file) are
    attached to that block, but their findings still come after its text.
    """
    last = block.anchors[-1].line if block.anchors else block.location.line
    if where is None or where.line is None or last is None or where.line <= last:
        return place
    if owner is None:
        return (place[0], -0.5)
    unit, start = owner
    return (unit, start + len(block.text) + 0.5)

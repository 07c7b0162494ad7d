"""Word styles and automatic numbering, resolved the way Word displays them.

Word keeps clause numbers out of the text: a paragraph carries a ``w:numPr`` (or
inherits one from its style) naming a ``w:num``, which points at a ``w:abstractNum``
whose ``w:lvl`` elements say how each level is counted and printed (``%1.%2.%3``,
``(%4)``...). This module reads ``styles.xml`` and ``numbering.xml`` once per
document and then renders the label of each numbered paragraph in reading order,
keeping Word's counters: lists sharing an abstract definition continue each other,
a ``w:startOverride`` restarts a list, lower levels restart when a higher level
advances (unless ``w:lvlRestart`` says otherwise) and ``w:isLgl`` prints every
level in Arabic numerals.

Only lxml is used here: the elements come from python-docx's parts, but this module
never imports python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"

_VAL = _W + "val"
_STYLE = _W + "style"
_STYLE_ID = _W + "styleId"
_TYPE = _W + "type"
_DEFAULT = _W + "default"
_NAME = _W + "name"
_BASED_ON = _W + "basedOn"
_PPR = _W + "pPr"
_NUMPR = _W + "numPr"
_NUM_ID = _W + "numId"
_ILVL = _W + "ilvl"
_OUTLINE = _W + "outlineLvl"
_ABSTRACT = _W + "abstractNum"
_ABSTRACT_ID = _W + "abstractNumId"
_NUM = _W + "num"
_LVL = _W + "lvl"
_START = _W + "start"
_NUM_FMT = _W + "numFmt"
_LVL_TEXT = _W + "lvlText"
_LVL_RESTART = _W + "lvlRestart"
_IS_LGL = _W + "isLgl"
_PSTYLE = _W + "pStyle"
_LVL_OVERRIDE = _W + "lvlOverride"
_START_OVERRIDE = _W + "startOverride"
_NUM_STYLE_LINK = _W + "numStyleLink"
_STYLE_LINK = _W + "styleLink"
_PIC_BULLET = _W + "lvlPicBulletId"

#: Word allows nine list levels, ``ilvl`` 0 to 8.
LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


#: Word's own limit for a list's start value; larger values in a file are hostile.
MAX_NUMBER = 32767


def _int(value: str | None, default: int | None = None) -> int | None:
    """Parse a decimal attribute, returning ``default`` when missing or malformed.

    Values are clamped to 0..:data:`MAX_NUMBER`, so a crafted file cannot make a
    number whose letters or roman numerals fill the memory.
    """
    if value is None:
        return default
    try:
        number = int(value.strip()[:12])
    except ValueError:
        return default
    return min(max(number, 0), MAX_NUMBER)


def _val(parent: Any, tag: str) -> str | None:
    """Return ``w:val`` of the ``tag`` child of ``parent``, or ``None``."""
    if parent is None:
        return None
    child = parent.find(tag)
    if child is None:
        return None
    value: str | None = child.get(_VAL)
    return value


def _on(parent: Any, tag: str) -> bool:
    """Return whether the on/off property ``tag`` is present and switched on."""
    child = parent.find(tag)
    if child is None:
        return False
    return str(child.get(_VAL, "true")).lower() not in ("0", "false", "off")


# --- number formats -----------------------------------------------------------------

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(n: int) -> str:
    """Return ``n`` in lower-case Roman numerals (``4`` → ``"iv"``); ``str(n)`` if < 1."""
    if n < 1:
        return str(n)
    out: list[str] = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Return ``n`` in Word's lower-case letter numbering (a to z, then aa to zz...)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word number format ``fmt`` (``decimal``, ``lowerRoman``...)."""
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "none":
        return ""
    return str(n)


# --- styles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StyleInfo:
    """What a paragraph style contributes once its ``w:basedOn`` chain is followed."""

    num_id: str | None = None
    ilvl: int | None = None
    heading_level: int | None = None
    contents: bool = False  # a contents-list entry ("toc 1" … "toc 9")


#: Word's built-in styles of a contents list's entries, by name ("toc 1" to "toc 9").
_TOC_STYLE = re.compile(r"toc [1-9]$", re.IGNORECASE)


@dataclass(frozen=True)
class _RawStyle:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


class Styles:
    """The paragraph styles of one document, with inheritance resolved on demand."""

    def __init__(self, styles_root: Any | None) -> None:
        """Index the ``w:style`` elements of ``styles.xml`` (``None`` if there is none)."""
        self._raw: dict[str, _RawStyle] = {}
        self._resolved: dict[str, StyleInfo] = {}
        self.default_id: str | None = None
        if styles_root is None:
            return
        for style in styles_root.iter(_STYLE):
            if style.get(_TYPE, "paragraph") != "paragraph":
                continue
            style_id = style.get(_STYLE_ID)
            if not style_id:
                continue
            ppr = style.find(_PPR)
            numpr = ppr.find(_NUMPR) if ppr is not None else None
            self._raw[style_id] = _RawStyle(
                name=_val(style, _NAME) or style_id,
                based_on=_val(style, _BASED_ON),
                num_id=_val(numpr, _NUM_ID),
                ilvl=_int(_val(numpr, _ILVL)),
                outline=_int(_val(ppr, _OUTLINE)),
            )
            if self.default_id is None and _on_attr(style.get(_DEFAULT)):
                self.default_id = style_id

    def resolve(self, style_id: str | None) -> StyleInfo:
        """Return the numbering and heading level a paragraph of ``style_id`` inherits."""
        if style_id is None:
            style_id = self.default_id
            if style_id is None:
                return StyleInfo()
        cached = self._resolved.get(style_id)
        if cached is not None:
            return cached
        num_id: str | None = None
        ilvl: int | None = None
        heading: int | None = None
        heading_known = False
        contents = False
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and len(seen) < 32:
            seen.add(current)
            raw = self._raw.get(current)
            if raw is None:
                break
            if num_id is None and raw.num_id is not None:
                num_id = raw.num_id
            if ilvl is None and raw.ilvl is not None:
                ilvl = raw.ilvl
            contents = contents or _TOC_STYLE.match(raw.name) is not None
            if not heading_known:
                level = _heading_from(raw, current)
                if level is not None:
                    heading_known = True
                    heading = level if level > 0 else None
            current = raw.based_on
        info = StyleInfo(num_id=num_id, ilvl=ilvl, heading_level=heading, contents=contents)
        self._resolved[style_id] = info
        return info


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _heading_from(raw: _RawStyle, style_id: str) -> int | None:
    """Return 1-9 for a heading style, 0 for "explicitly body text", ``None`` if silent."""
    if raw.outline is not None:
        return raw.outline + 1 if 0 <= raw.outline < LEVELS else 0
    for name in (raw.name, style_id):
        match = _HEADING_NAME.match(name.strip())
        if match:
            return int(match.group(1))
        if name.strip().lower() == "title":
            return 1
    return None


def outline_heading(value: str | None) -> int | None:
    """Map a paragraph's ``w:outlineLvl`` value to a heading level (0 for body text)."""
    level = _int(value)
    if level is None:
        return None
    return level + 1 if 0 <= level < LEVELS else 0


# --- numbering ------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    is_lgl: bool = False
    style: str | None = None

    @property
    def template(self) -> tuple[str | int, ...]:
        """``text`` split into literal strings and 0-based level numbers for ``%N``."""
        return _template(self.text)


_TEMPLATES: dict[str, tuple[str | int, ...]] = {}


def _template(text: str) -> tuple[str | int, ...]:
    cached = _TEMPLATES.get(text)
    if cached is None:
        parts: list[str | int] = []
        for i, piece in enumerate(_PLACEHOLDER.split(text)):
            if i % 2:
                parts.append(int(piece) - 1)
            elif piece:
                parts.append(piece)
        cached = tuple(parts)
        if len(_TEMPLATES) < 4096:
            _TEMPLATES[text] = cached
    return cached


_DEFAULT_LEVEL = Level()


def _read_level(lvl: Any) -> Level:
    fmt = _val(lvl, _NUM_FMT) or "decimal"
    if lvl.find(_PIC_BULLET) is not None:
        fmt = "bullet"
    return Level(
        start=_int(_val(lvl, _START), 1) or 0,
        fmt=fmt,
        text=_val(lvl, _LVL_TEXT) or "",
        restart=_int(_val(lvl, _LVL_RESTART)),
        is_lgl=_on(lvl, _IS_LGL),
        style=_val(lvl, _PSTYLE),
    )


def _read_levels(parent: Any) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.findall(_LVL):
        ilvl = _int(lvl.get(_ILVL))
        if ilvl is not None and 0 <= ilvl < LEVELS:
            levels[ilvl] = _read_level(lvl)
    return levels


@dataclass
class _Num:
    """A ``w:num``: an abstract definition plus its level overrides."""

    key: str
    levels: dict[int, Level]
    start_overrides: dict[int, int] = field(default_factory=dict)
    #: The lower levels a paragraph at each level restarts, worked out on first use.
    resets: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def restarted_by(self, ilvl: int) -> tuple[int, ...]:
        """The levels below ``ilvl`` whose counters a paragraph at ``ilvl`` restarts."""
        found = self.resets.get(ilvl)
        if found is None:
            found = self.resets[ilvl] = tuple(
                lower
                for lower in range(ilvl + 1, LEVELS)
                if (restart := self.levels[lower].restart if lower in self.levels else None) is None
                or (restart != 0 and ilvl + 1 <= restart)
            )
        return found


@dataclass
class _ListState:
    counters: list[int | None] = field(default_factory=lambda: [None] * LEVELS)


@dataclass(frozen=True)
class ListLabel:
    """The result of numbering one paragraph."""

    level: int
    label: str | None


class Numbering:
    """Word's list counters for one document, advanced paragraph by paragraph."""

    def __init__(self, numbering_root: Any | None, styles: Styles) -> None:
        """Read ``numbering.xml`` (``None`` if there is none) once for the document."""
        self._nums: dict[str, _Num] = {}
        self._states: dict[str, _ListState] = {}
        self._used: set[str] = set()
        if numbering_root is None:
            return
        abstracts: dict[str, tuple[dict[int, Level], str | None, str | None]] = {}
        for abstract in numbering_root.iter(_ABSTRACT):
            abstract_id = abstract.get(_ABSTRACT_ID)
            if abstract_id is None:
                continue
            abstracts[abstract_id] = (
                _read_levels(abstract),
                _val(abstract, _NUM_STYLE_LINK),
                _val(abstract, _STYLE_LINK),
            )
        num_to_abstract: dict[str, str] = {}
        num_elements: dict[str, Any] = {}
        for num in numbering_root.iter(_NUM):
            num_id = num.get(_NUM_ID)
            abstract_id = _val(num, _ABSTRACT_ID)
            if num_id is None or abstract_id is None:
                continue
            num_to_abstract[num_id] = abstract_id
            num_elements[num_id] = num
        # A numStyleLink abstract borrows the definition of the style it links to.
        style_links = {link: aid for aid, (_, _, link) in abstracts.items() if link}
        for num_id, num in num_elements.items():
            abstract_id = num_to_abstract[num_id]
            if abstract_id not in abstracts:
                continue
            levels, num_style_link, _ = abstracts[abstract_id]
            if num_style_link:
                target = style_links.get(num_style_link)
                if target is None:
                    linked_num = styles.resolve(num_style_link).num_id
                    target = num_to_abstract.get(linked_num or "")
                if target is not None and target in abstracts:
                    abstract_id = target
                    levels = abstracts[target][0]
            entry = _Num(key=abstract_id, levels=dict(levels))
            for override in num.findall(_LVL_OVERRIDE):
                ilvl = _int(override.get(_ILVL))
                if ilvl is None or not 0 <= ilvl < LEVELS:
                    continue
                replaced = override.find(_LVL)
                if replaced is not None:
                    entry.levels[ilvl] = _read_level(replaced)
                start = _int(_val(override, _START_OVERRIDE))
                if start is not None:
                    entry.start_overrides[ilvl] = start
                elif replaced is not None:
                    entry.start_overrides[ilvl] = entry.levels[ilvl].start
            self._nums[num_id] = entry

    def has(self, num_id: str | None) -> bool:
        """Return whether ``num_id`` names a list definition (``"0"`` never does)."""
        return num_id is not None and num_id in self._nums

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """Return the level whose ``w:pStyle`` is ``style_id`` (0 if none)."""
        entry = self._nums.get(num_id)
        if entry is not None and style_id is not None:
            for ilvl, level in entry.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0

    def advance(self, num_id: str, ilvl: int) -> ListLabel:
        """Count one paragraph of list ``num_id`` at level ``ilvl`` and render its label.

        Returns the label exactly as Word prints it (``"3.2.1"``, ``"(a)"``), or
        ``None`` for a bullet or a level that prints nothing.
        """
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        entry = self._nums[num_id]
        state = self._states.setdefault(entry.key, _ListState())
        counters = state.counters
        if num_id not in self._used:
            self._used.add(num_id)
            for lvl in entry.start_overrides:
                counters[lvl] = None
                # Levels below a restarted level restart with it.
                for lower in range(lvl + 1, LEVELS):
                    counters[lower] = None
        level = entry.levels.get(ilvl)
        if level is None:
            return ListLabel(ilvl, None)
        current = counters[ilvl]
        if current is None:
            counters[ilvl] = entry.start_overrides.get(ilvl, level.start)
        else:
            counters[ilvl] = current + 1
        for lower in entry.restarted_by(ilvl):
            counters[lower] = None
        if level.fmt == "bullet":
            return ListLabel(ilvl, None)
        pieces: list[str] = []
        for piece in level.template:
            if isinstance(piece, str):
                pieces.append(piece)
                continue
            shown = entry.levels.get(piece, _DEFAULT_LEVEL)
            value = counters[piece]
            if value is None:
                value = entry.start_overrides.get(piece, shown.start)
            fmt = shown.fmt
            if fmt == "bullet" or (level.is_lgl and fmt != "none"):
                fmt = "decimal"
            pieces.append(str(value) if fmt == "decimal" else format_number(value, fmt))
        label = "".join(pieces)
        return ListLabel(ilvl, label if label.strip() else None)


@dataclass(frozen=True)
class ParagraphStyle:
    """A paragraph's resolved style: heading level, list membership, contents entry."""

    heading_level: int | None
    num_id: str | None
    ilvl: int | None
    contents: bool = False


def paragraph_style(ppr: Any | None, styles: Styles, numbering: Numbering) -> ParagraphStyle:
    """Resolve the heading level and numbering of a paragraph from its ``w:pPr``."""
    style_id: str | None = None
    outline: str | None = None
    numpr: Any | None = None
    if ppr is not None:
        # One pass over the (few) children of w:pPr: faster than three find() calls.
        for child in ppr:
            tag = child.tag
            if tag == _PSTYLE:
                style_id = child.get(_VAL)
            elif tag == _NUMPR:
                numpr = child
            elif tag == _OUTLINE:
                outline = child.get(_VAL)
    info = styles.resolve(style_id)
    heading = info.heading_level
    num_id = info.num_id
    ilvl = info.ilvl
    from_style = num_id is not None
    if outline is not None:
        level = outline_heading(outline)
        if level is not None:
            heading = level or None
    if numpr is not None:
        for child in numpr:
            tag = child.tag
            if tag == _NUM_ID:
                own_num = child.get(_VAL)
                if own_num is not None:
                    num_id = own_num
                    from_style = False
            elif tag == _ILVL:
                own_ilvl = _int(child.get(_VAL))
                if own_ilvl is not None:
                    ilvl = own_ilvl
    if num_id is None or not numbering.has(num_id):
        return ParagraphStyle(heading, None, None, info.contents)
    if ilvl is None:
        resolved_style = style_id or styles.default_id
        ilvl = numbering.level_for_style(num_id, resolved_style) if from_style else 0
    return ParagraphStyle(heading, num_id, ilvl, info.contents)

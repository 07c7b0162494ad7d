"""One finding per family and sentence: the other rules of the family folded into it.

Two rules of one family often fire on the same sentence ("a tenth of the price is
withheld until the target is met" is both payment withheld against a target and
payment per result). A reader gains nothing from two findings that say the same thing
about one sentence, so the engine reports one: the most severe, then the lowest code.
The codes of the others go in its ``related`` field, and its highlights cover every
rule's trigger words. ``group-related = false`` in the configuration turns this off.

Grouping comes after inline suppressions and ``per-clause-ignores`` (each code is
silenced on its own, as before) and before a baseline is applied.

Then the findings that repeat one issue down one table (the same rule on each row of
activity counts, or on each fee of a price list, and a finding of the family on the
sentence that introduces the table) or one list (the items under one lead-in and the
lead-in itself, or a clause and its lettered sub-clauses) are folded into one
(:func:`fold_repeats`; which table or list a finding sits in is the engine's
``_repeat_keys``): the most severe, then the earliest in the document. Different rules
on different rows are different issues and stay apart. It keeps the others, in document order, in
its ``folded`` field (their places are its ``also_at``), and their codes join its
``related`` when they differ from its own. The same rule in separate paragraphs of one
section (the clauses under one heading, no other heading between) folds too, when the
words the findings point at share a key word or figure (:func:`key_words`): a visit
length set in one clause and counted again in the next, not two different lengths.
``group-repeats = false`` turns this off, ``"tables"`` keeps it to tables and lists. A
baseline is matched place by place (:func:`refold` puts together what it leaves).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from speclint import lazy_re as re
from speclint.models import Finding

__all__ = [
    "NEAR",
    "PARAGRAPH",
    "fold_related",
    "fold_repeats",
    "key_words",
    "refold",
    "related_groups",
    "unfolded",
]

Order = TypeVar("Order")


def fold_related(
    placed: Sequence[tuple[Order, Finding]], keys: Sequence[Hashable | None]
) -> list[tuple[Order, Finding]]:
    """``placed`` with the findings that share a key folded into one of them.

    ``keys[i]`` is the sentence and family of ``placed[i]``, or ``None`` for a finding
    never grouped (about the whole document, or about a directive). The finding kept
    from a group is the most severe, then the one with the lowest code; it keeps its
    place in ``placed``.
    """
    out = list(placed)
    dropped: set[int] = set()
    for lead, members in related_groups(keys, lambda i: _rank(placed[i][1])):
        finding = placed[lead][1]
        others = {placed[i][1].code for i in members} - {finding.code}
        spans = [span for i in members for span in _carried(placed[i][1], finding.excerpt)]
        update = {"related": tuple(sorted(others)), "highlights": _merged(spans)}
        out[lead] = (placed[lead][0], finding.model_copy(update=update))
        dropped.update(i for i in members if i != lead)
    return [item for index, item in enumerate(out) if index not in dropped]


def related_groups(
    keys: Sequence[Hashable | None], rank: Callable[[int], tuple[int, str]]
) -> list[tuple[int, list[int]]]:
    """The groups :func:`fold_related` folds: each one's kept finding and its members.

    ``keys`` as for :func:`fold_related`; ``rank(i)`` is ``(-severity rank, code)`` of
    finding ``i`` (:func:`_rank`). Only groups of two or more; the finding kept is the one
    of least rank (the most severe, then the lowest code), the first of them on a tie.
    The engine asks this before it builds the findings, to build in full only those kept.
    """
    groups: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        if key is not None:
            groups.setdefault(key, []).append(index)
    return [(min(members, key=rank), members) for members in groups.values() if len(members) > 1]


def _rank(finding: Finding) -> tuple[int, str]:
    """How :func:`fold_related` orders a group's findings: the most severe, then the lowest code."""
    return (-finding.severity.rank, finding.code)


def _carried(member: Finding, excerpt: str) -> list[tuple[int, int]]:
    """``member``'s highlights as ranges of ``excerpt``, the excerpt kept for the group.

    Members start in the same sentence but may quote different other sentences (see
    ``engine._sentence``): a highlight is found again by its text, and left out when
    the kept excerpt does not hold it.
    """
    if member.excerpt == excerpt:
        return list(member.highlights)
    out = []
    for start, end in member.highlights:
        text = member.excerpt[start:end]
        places = [m.start() for m in re.finditer(re.escape(text), excerpt)] if text else []
        if places:
            at = min(places, key=lambda place: abs(place - start))  # the nearest copy
            out.append((at, at + len(text)))
    return out


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Character ranges in order, overlapping or touching ones joined."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return tuple(joined)


def fold_repeats(
    placed: Sequence[tuple[Order, Finding]],
    containers: Sequence[tuple[str, frozenset[tuple[Hashable, str]]]],
    positions: Sequence[int] | None = None,
) -> list[tuple[Order, Finding]]:
    """``placed`` with the findings that repeat one issue down a table or list folded.

    ``placed`` is in document order. ``containers[i]`` is the family of ``placed[i]``
    and the tables, lists and sections it sits in, each with its role there:
    ``"member"`` (a row, an item, a lettered sub-clause), ``"head"`` (the sentence
    introducing the table or list, the clause above the sub-clauses) or ``"paragraph"``
    (a paragraph of a section). Members of one container fold when they have the same
    code: rows flagged by different rules of a family are different issues (a price
    weight and a short term in one table of tender particulars). A head folds with the
    members when they all have one code (the table's introduction and its rows are then
    one issue). Paragraphs of one section are written separately, and one rule may find
    two issues in them: two fold only when they have the same code and their trigger
    words share a key word or figure (:func:`key_words`: "30 minutes" in two measures
    of one visit length, "per night" in two rates of one card), and are no more than
    ``NEAR`` paragraphs apart (``positions[i]``: the paragraph, or unit, of ``placed[i]``;
    a document without headings is one long section). Findings joined through
    another finding (a table's rows read with the lead-in above it) are one group. The
    finding kept is the most severe, then the earliest; it keeps its place.
    """
    codes: dict[tuple[str, Hashable], set[str]] = {}
    for index, (family, where) in enumerate(containers):
        for container, role in where:
            if role == "member":
                codes.setdefault((family, container), set()).add(placed[index][1].code)
    parent = list(range(len(placed)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # A paragraph's key words are compared only with those of another finding of its
    # code in its section: a finding alone there is not read for them.
    shared: dict[tuple[str, Hashable, str], int] = {}
    for index, (family, where) in enumerate(containers):
        for container, role in where:
            if role == PARAGRAPH:
                peer = (family, container, placed[index][1].code)
                shared[peer] = shared.get(peer, 0) + 1
    first: dict[tuple[str, Hashable, str], int] = {}
    peers: dict[tuple[str, Hashable, str], list[int]] = {}
    keys: dict[int, frozenset[str]] = {}
    joined = [False] * len(placed)
    for index, (family, where) in enumerate(containers):
        for container, role in where:
            if role == PARAGRAPH:
                code = placed[index][1].code
                if shared[(family, container, code)] < 2:
                    continue  # no other finding of its code in its section to fold with
                mine = keys.get(index)
                if mine is None:
                    mine = keys[index] = key_words(placed[index][1])
                earlier = peers.setdefault((family, container, code), [])
                for other in earlier[-_PEERS:]:
                    if positions is not None and positions[index] - positions[other] > NEAR:
                        continue
                    if mine & keys[other]:
                        joined[index] = joined[other] = True
                        parent[root(index)] = root(other)
                if mine:
                    earlier.append(index)
                continue
            if role == "member":
                code = placed[index][1].code
            else:
                member_codes = codes.get((family, container), set())
                if len(member_codes) != 1:
                    continue  # no rows, or rows of different issues: the head stays alone
                (code,) = member_codes
            joined[index] = True
            seen = first.setdefault((family, container, code), index)
            if seen != index:
                parent[root(index)] = root(seen)
    groups: dict[int, list[int]] = {}
    for index in range(len(placed)):
        if joined[index]:
            groups.setdefault(root(index), []).append(index)
    out = list(placed)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        lead = min(members, key=lambda i: (-placed[i][1].severity.rank, i))
        others = [placed[i][1] for i in members if i != lead]
        out[lead] = (placed[lead][0], _folded(placed[lead][1], others))
        dropped.update(i for i in members if i != lead)
    return [item for index, item in enumerate(out) if index not in dropped]


#: The role of a paragraph of a section in ``fold_repeats``'s containers.
PARAGRAPH = "paragraph"
#: How many paragraphs (units) apart two places of a section may be and still fold: twice
#: the widest gap between the places of one issue on the readers' pages (4).
NEAR = 8
#: How many earlier paragraphs of a section a finding is compared with (a long section
#: costs no more than this per finding).
_PEERS = 64
#: A trigger's words and figures: "£13.50", "30", "20%", "night".
_KEY = re.compile(r"[£$€]?\d[\d,.]*\d%?|[£$€]?\d%?|[a-z][a-z'\u2019-]+", re.IGNORECASE)
#: Words that say nothing of which issue a trigger is about: joining words, the
#: vocabulary every finding of a payment or measurement rule shares, and words every
#: part of a specification uses ("practice", "staff", "time", "care"). A plural
#: stands for its singular too ("numbers" for "number").
_NOT_KEY = frozenset(
    """
    a an the and or nor but if of for to in on at by as with from into than then that
    this these those there their its it is are be been being was were will shall must
    may can could would should not no any all each every per only once when where which
    who whom whose what how also such other more less least most up out over under
    numbers amounts total targets payments paid pays paying fees prices priced costs
    rates charge charged sums values performance measures measured providers services
    contracts commissioner council authority based basis against withhold withheld
    withholding held holds back deduct deducted deductions reduce reduced reductions
    retain retained earned earns reward rewarded bonus penalty sanction met meets
    meeting achieve achieved reach reached reaches deliver delivered completed complete
    report reported rated rating increase decrease rise falls short fewer below above
    least made makes given gives takes taken provides receives see seen days weeks
    months quarters years daily weekly monthly quarterly annual annually yearly minutes
    hours nights exactly precisely strictly maximum minimum fixed set until unless
    before after within without whether cent percent one two three four five six seven
    eight nine ten first second third practices times own staff people person care
    support work team
    """.split()
)


def key_words(finding: Finding) -> frozenset[str]:
    """What ``finding``'s trigger words are about: their words and figures.

    "visit" and "45" for ('visit', 'exactly 45 minutes'), "£20" for ('paid at £20');
    plural nouns are read as singular. Left out: joining words, periods and units of time
    ("each month", "minutes"), verbs' -ed and -ing forms, and the vocabulary every
    finding of a payment or measurement rule shares ("number", "target", "withheld",
    "exactly"), which say how, not about what.
    """
    out: set[str] = set()
    excerpt = finding.excerpt
    for start, end in finding.highlights:
        for match in _KEY.finditer(excerpt[start:end]):
            word = match.group().lower().replace("\u2019", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if word.isdigit() and len(word) == 1:
                continue  # "1", "4": a clause number or a small count, no topic
            if word[0].isalpha():
                if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
                    word = word[:-1]
                if len(word) < 3 or word in _NOT_KEY or f"{word}s" in _NOT_KEY:
                    continue
                if len(word) > 5 and word.endswith(("ed", "ing")):
                    continue  # "received", "delivered", "meeting": what is done, not to what
            out.add(word)
    return frozenset(out)


def _folded(lead: Finding, others: Sequence[Finding]) -> Finding:
    """``lead`` carrying ``others`` (in document order), their codes in its ``related``.

    ``lead``'s own codes stay in its ``own_related``, for :func:`unfolded`.
    """
    own = lead.related if lead.own_related is None else lead.own_related
    codes = set(own).union(*(member.codes for member in others)) - {lead.code}
    update = {"folded": tuple(others), "related": tuple(sorted(codes)), "own_related": own}
    return lead.model_copy(update=update)


def refold(places: Iterable[Finding]) -> Finding | None:
    """The one finding for ``places`` of a folded group (each unfolded), or ``None``.

    As :func:`fold_repeats` chooses: the most severe, then the earliest in the document
    (by the block and offset each starts at). A baseline that knows some of a group's
    places leaves the others to this.
    """
    ordered = sorted(places, key=_document_order)
    if not ordered:
        return None
    lead = min(ordered, key=lambda f: -f.severity.rank)  # the earliest of the most severe
    others = [f for f in ordered if f is not lead]
    return _folded(lead, others) if others else lead


def unfolded(finding: Finding) -> list[Finding]:
    """Every place of ``finding``, each a finding of its own: itself first, then ``folded``.

    The first keeps the codes of its own sentence in ``related`` (its ``own_related``;
    for a finding folded before that was kept, those no folded place brought).
    """
    if not finding.folded:
        return [finding]
    own = finding.own_related
    if own is None:
        brought = {code for member in finding.folded for code in member.codes}
        own = tuple(code for code in finding.related if code not in brought)
    first = finding.model_copy(update={"folded": (), "related": own, "own_related": None})
    return [first, *finding.folded]


def _document_order(finding: Finding) -> tuple[int, int]:
    span = finding.span
    return (span.block, span.trigger.start) if span is not None else (-1, 0)

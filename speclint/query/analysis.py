"""Turn a clause's text into tokens the query evaluator can match.

Each token knows its sentence, its clause, its value when it is a number, a
percentage or a sum of money (``ten per cent`` and ``£1.2m`` included), and which
negation cues have it in scope. Each sentence keeps the classification the structure
layer gave it (:attr:`speclint.models.Sentence.flags`): a definition, history, or
commentary about commissioning.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from speclint import lazy_re as re
from speclint.models import Clause
from speclint.query.words import normalise
from speclint.structure.meaning import CASE_TRAPS, SentenceClass

if TYPE_CHECKING:
    from speclint.query.concepts import Sense, SensePattern, Senses
    from speclint.query.prefilter import UnitView

try:
    import speclint._scan as _compiled
except ImportError:  # built without a C compiler: _tokenise_python does the work
    _compiled = None  # type: ignore[assignment]

TokenKind = Literal["word", "number", "percent", "money", "punct"]

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 50,
}  # fmt: skip
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
#: A number written in words, "six" to "ninety-nine" and "one hundred" (regex source).
NUMBER_IN_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:" + _UNITS + r"))?"
    r"|one hundred|hundred|zero|" + _UNITS + r"|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)"
)
_WORD_VALUES = {k: float(v) for k, v in _NUMBER_WORDS.items()}
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "bn": 1e9, "million": 1e6, "billion": 1e9, "thousand": 1e3}
#: The ways a percentage is written after its number (regex source, case-insensitive).
PERCENT_SIGN = r"(?:%|per\s?cent\b|percent\b)"
#: A word as the tokeniser reads it, apostrophes included (regex source).
WORD = r"[a-z]+(?:['’][a-z]+)*(?:\d+[a-z\d]*)?"
_TOKEN = re.compile(
    r"(?P<money>£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:" + "|".join(_MULTIPLIERS) + r")\b)?)"
    r"|(?P<percent>(?:\d+(?:\.\d+)?|" + NUMBER_IN_WORDS + r")\s?" + PERCENT_SIGN + ")"
    r"|(?P<number>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<word>" + WORD + ")"
    r"|(?P<punct>[,;:()\[\]|–—…]|\.\.\.|\s-\s)",
    re.IGNORECASE,
)
#: The same pattern for text already lower-cased (faster than matching ignoring case).
#: ``speclint/_scan.c`` matches this pattern by hand, alternative by alternative: change both.
_TOKEN_LOWER = re.compile(_TOKEN.pattern)
#: Each group of the token pattern by its number (``match.lastindex``): every group is a
#: named one (a test holds this to the pattern), so this is ``match.lastgroup`` without
#: its look-up.
_GROUP_KINDS: tuple[str, ...] = ("", "money", "percent", "number", "word", "punct")
_WORD_GROUP = _GROUP_KINDS.index("word")
_PUNCT_GROUP = _GROUP_KINDS.index("punct")
_MONEY_VALUE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)")
_PERCENT_SIGN = re.compile(r"\s?" + PERCENT_SIGN, re.IGNORECASE)
_WORD_PARTS = re.compile(r"[- ]+")

_CUES = frozenset(
    ["not", "no", "never", "neither", "nor", "none", "nothing", "cannot", "rarely", "seldom"]
)  # "without" is evidence, not negation, in commissioning text (see docs/query-language.md)
_NOT_CUE_AFTER = frozenset(
    [
        "only",
        "later",
        "less",
        "more",
        "fewer",
        "longer",
        "sooner",
        "exceeding",
        "earlier",
        "than",
        "least",
        "always",
        "necessarily",
    ]
)
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "shall",
        "would",
        "should",
        "does",
        "do",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "may",
        "might",
        "must",
    ]
)
#: Verbs that set a mechanism aside: "sanctions are disapplied" (the words before them)
#: and, said of the past, "the scheme disapplied sanctions" (the words after them).
_POST_CUES = frozenset({"disapplied", "waived", "suspended"})
#: A post cue that is a sanction in the future ("payment will be suspended") and sets the
#: mechanism aside only when it is said of the past ("the scheme was suspended").
_PAST_ONLY_CUES = frozenset({"suspended"})
_PAST_AUXILIARIES = frozenset({"was", "were", "been"})
#: Adverbs between an auxiliary and its verb ("was also suspended").
#: "no part of", "no element of": the negation covers the whole of what follows.
_PORTIONS = frozenset(
    ["part", "element", "portion", "proportion", "share", "aspect", "amount", "percentage"]
)
_VERB_ADVERBS = frozenset(
    ["also", "then", "temporarily", "subsequently", "effectively", "formally", "largely"]
)
_TERMINATORS = frozenset(
    [
        "but",
        "however",
        "although",
        "though",
        "while",
        "whilst",
        "whereas",
        "unless",
        "until",
        "except",
        "where",
        "which",
        "who",
        "whom",
        "when",
        "whenever",
        "if",
        "so",
        "because",
        "provided",
    ]
)
_FORWARD_LIMIT = 8
#: "groups not on the directory are excluded": after a noun, "not" and one of these opens
#: a phrase that says which groups; its scope ends where the sentence's own verb begins.
_PLACE_PREPOSITIONS = frozenset(
    ["on", "in", "at", "from", "within", "under", "inside", "outside", "part", "eligible"]
)
_OPENING_CUES = (
    ("rather", "than"),
    ("instead", "of"),
    ("no", "longer"),
    ("rare", "for"),  # "it is rare for a tender to be evaluated on price alone"
    ("unusual", "for"),
)
#: "an alternative to payment by results", "an alternate payment mechanism to PbR": what
#: the thing replaces, not what it is (a cue when "to" follows within a few words).
_ALTERNATIVE = frozenset(["alternative", "alternate"])
_ALTERNATIVE_REACH = 6
_BACKWARD_LIMIT = 8
#: A cue's reach past the commas of a list it opens ("no funding, time or backfill").
_LIST_LIMIT = 14
#: "nor" reaches the predicate that "neither ... nor ..." shares ("... will be funded").
_NOR_LIMIT = 16
_COORDINATORS = frozenset(["or", "and", "nor"])
#: Relative words that open a clause of their own, whatever the cue before them.
_RELATIVES = frozenset(["whose"])
#: Words a cue's backward reach stops at: a coordinator, or the pronoun opening the clause
#: it negates ("recover any sum paid for visits that did not take place": the recovery
#: is not negated).
_BACKWARD_STOPS = frozenset("and or that which who whom whose".split())
#: "for each month the person is not in work": after "each" or "every" and a noun, a
#: determiner opens a clause of its own, and a cue in it reaches back no further.
_EVERY = frozenset(["each", "every", "any", "per"])
_DETERMINERS = frozenset(["the", "a", "an", "this", "their", "his", "her", "its", "our", "your"])
#: Words that open the subject of a clause of its own after "and" ("and the Council will").
_SUBJECT_OPENERS = frozenset(
    "the a an this these those each every all their its our we they it he she you".split()
)
#: Words that open a clause of reasons or results after a comma (", as staff and ...").
_CLAUSE_OPENERS = frozenset(
    ["as", "since", "therefore", "thus", "hence", "then", "yet", "meaning", "otherwise", "instead"]
)
#: How many tokens away from its cue a negated token can be, at most.
NEGATION_REACH = max(_BACKWARD_LIMIT, _LIST_LIMIT + 2, _FORWARD_LIMIT + _NOR_LIMIT + 2)


@dataclass(slots=True)
class Token:
    """A word, number, percentage, money amount or punctuation mark in a unit's text.

    ``pos`` is the token's index within its own unit and ``negated_by`` holds the
    unit-relative indices of the negation cues that have it in scope, so analyses can
    be joined without copying tokens.
    """

    start: int
    end: int
    norm: str
    kind: TokenKind
    sentence: int
    clause: int
    pos: int
    value: float | None = None
    negated_by: tuple[int, ...] = ()
    masked: bool = False  # a word used in a sense no rule means (see concepts.toml senses)


@dataclass
class Analysis:
    """The tokens of a unit (or of a whole document) and what each sentence is.

    ``prefilter``, when set, says which queries (and parts of queries) can hold here at
    all, from the words the document's pre-filter found in the unit; the evaluator
    passes over the parts that cannot without looking at a token. ``memo`` is the
    evaluator's: each concept's hits here, shared by every rule that uses it.
    """

    tokens: list[Token] = field(default_factory=list)
    flags: dict[int, frozenset[SentenceClass]] = field(default_factory=dict)
    prefilter: UnitView | None = field(default=None, repr=False)
    memo: dict[
        tuple[int, bool, bool, frozenset[int]], tuple[object, list[tuple[int, int]] | None]
    ] = field(default_factory=dict, repr=False)
    _vocab: dict[str, list[int]] | None = None
    #: The tokens a word sense masks, by word (``None``: not worked out yet).
    _masked: dict[str, list[int]] | None = None
    _stems: dict[str, list[int]] = field(default_factory=dict)
    _words: list[str] | None = None  # the vocabulary's words, sorted
    _valued: dict[str, list[int]] = field(default_factory=dict)

    def valued(self, kind: str) -> list[int]:
        """Indices of the tokens with a value that a number test of ``kind`` reads.

        ``number`` reads numbers and numbers in words; ``percent`` and ``money`` their own.
        """
        found = self._valued.get(kind)
        if found is None:
            kinds = ("number", "word") if kind == "number" else (kind,)
            found = self._valued[kind] = [
                i
                for i, tok in enumerate(self.tokens)
                if tok.value is not None and tok.kind in kinds
            ]
        return found

    def stem_hits(self, stem: str) -> list[int]:
        """Sorted indices of the tokens whose word starts with ``stem`` (built once per stem)."""
        found = self._stems.get(stem)
        if found is None:
            vocab = self.vocabulary
            words = self._words
            if words is None:
                words = self._words = sorted(vocab)
            at = bisect_left(words, stem)
            found = []
            while at < len(words) and words[at].startswith(stem):
                found.extend(vocab[words[at]])
                at += 1
            found.sort()
            self._stems[stem] = found
        return found

    @property
    def vocabulary(self) -> dict[str, list[int]]:
        """Map each word to the indices of its tokens, built once."""
        if self._vocab is None:
            vocab: dict[str, list[int]] = {}
            for i, tok in enumerate(self.tokens):
                if not tok.masked:
                    vocab.setdefault(tok.norm, []).append(i)
            self._vocab = vocab
        return self._vocab

    @property
    def masked_vocabulary(self) -> dict[str, list[int]]:
        """Map each word to the indices of its tokens that a word sense masks, built once.

        With :attr:`vocabulary` it gives every token of a word, masked or not, without a
        pass over the tokens for each word asked about.
        """
        if self._masked is None:
            masked: dict[str, list[int]] = {}
            for i, tok in enumerate(self.tokens):
                if tok.masked:
                    masked.setdefault(tok.norm, []).append(i)
            self._masked = masked
        return self._masked

    def all_hits(self, word: str, prefix: bool) -> list[int]:
        """Sorted indices of the tokens of ``word`` (a stem when ``prefix``), masked or not."""
        vocab = self.vocabulary
        masked = self.masked_vocabulary
        if prefix:
            found = self.stem_hits(word)
            extra = [i for norm, places in masked.items() if norm.startswith(word) for i in places]
        else:
            found = vocab.get(word, [])
            extra = masked.get(word, [])
        return sorted(found + extra) if extra else found

    def sentences_flagged(self, flags: frozenset[str]) -> frozenset[int]:
        """The ids of sentences carrying any of ``flags``."""
        return frozenset(sid for sid, marks in self.flags.items() if marks & flags)

    @staticmethod
    def join(parts: list[Analysis]) -> Analysis:
        """Concatenate analyses, for document-wide queries."""
        if len(parts) == 1:
            return parts[0]
        tokens: list[Token] = []
        flags: dict[int, frozenset[SentenceClass]] = {}
        for part in parts:
            tokens.extend(part.tokens)
            flags.update(part.flags)
        # Both word indexes in one pass (cheaper than moving each part's own by its offset).
        vocab: dict[str, list[int]] = {}
        masked: dict[str, list[int]] = {}
        for i, tok in enumerate(tokens):
            (masked if tok.masked else vocab).setdefault(tok.norm, []).append(i)
        return Analysis(tokens, flags, _vocab=vocab, _masked=masked)


def _value(kind: str, text: str) -> float | None:
    if kind == "word":
        return _WORD_VALUES.get(text.lower())
    low = text.lower().replace(",", "").replace("£", "").strip()
    if kind == "money":
        match = _MONEY_VALUE.match(low)
        if not match:
            return None
        return float(match.group(1)) * _MULTIPLIERS.get(match.group(2), 1.0)
    if kind == "percent":
        head = _PERCENT_SIGN.split(low, maxsplit=1)[0].strip()
        try:
            return float(head)
        except ValueError:
            return word_value(head)
    if kind == "number":
        try:
            return float(low)
        except ValueError:
            return None
    return None


def word_value(text: str) -> float | None:
    """The value of a number in words: "sixty" 60, "twenty-five" 25, "one hundred" 100."""
    total = 0.0
    for part in _WORD_PARTS.split(text.lower().strip()):
        if part == "hundred":
            total = max(total, 1.0) * 100
        elif part in _NUMBER_WORDS:
            total += _NUMBER_WORDS[part]
        else:
            return None
    return total


_MAYBE_CUE = _CUES | _POST_CUES | _ALTERNATIVE | {a for a, _ in _OPENING_CUES}
#: Every word that can be a negation cue, and the ending that makes any word one ("don't"):
#: a unit holding neither has no negated token, which the pre-filter uses for ``NEG``.
CUE_WORDS: frozenset[str] = _MAYBE_CUE
CUE_ENDINGS = ("n't", "n’t")


def _negate_from(tokens: list[Token], i: int, first: int, last: int) -> None:
    """Mark the scope of ``tokens[i]`` if it is a cue (``first``..``last``: its sentence)."""
    norm = tokens[i].norm
    nxt = tokens[i + 1].norm if i + 1 < last else ""
    opening = any(norm == a and nxt == b for a, b in _OPENING_CUES) and not (
        nxt == "longer" and i + 2 < last and tokens[i + 2].norm == "than"
    )  # "no longer than 18 weeks" compares; "no longer funded" denies
    replaced = 0  # where what an alternative replaces begins, just after its "to"
    if norm in _ALTERNATIVE:
        replaced = next(
            (
                j + 1
                for j in range(i + 1, min(last, i + 1 + _ALTERNATIVE_REACH))
                if tokens[j].norm == "to"
            ),
            0,
        )
        opening = bool(replaced)
    is_cue = (norm in _CUES or norm.endswith("n't")) and nxt not in _NOT_CUE_AFTER
    if norm == "no" and i + 1 < last and tokens[i + 1].kind == "number":
        is_cue = False  # "No. 5"
    elif norm == "not" and i >= first + 2 and tokens[i - 1].norm == "or":
        is_cue = is_cue and tokens[i - 2].norm != "whether"  # "whether or not": no denial
    if not (is_cue or opening or norm in _POST_CUES):
        return
    before = tokens[i - 1].norm if i > first else ""
    active = False
    if norm in _POST_CUES:
        auxiliary = _auxiliary_before(tokens, i, first)
        if norm in _PAST_ONLY_CUES and auxiliary and auxiliary not in _PAST_AUXILIARIES:
            return  # "payment will be suspended": the sanction itself
        # "the NHS disapplied sanctions": a post cue said actively reaches forward too.
        active = not auxiliary and i + 1 < last and tokens[i + 1].kind == "word"
    if norm not in _POST_CUES or active:
        start = replaced or i + (2 if opening else 1)
        start_of = norm in ("none", "neither", "nothing") and nxt == "of"
        limit = start + (_NOR_LIMIT if norm == "nor" else _FORWARD_LIMIT)
        if norm == "no" and nxt in _PORTIONS and i + 2 < last and tokens[i + 2].norm == "of":
            limit += 4  # "no part of the fee depends on ...": past "part of" to the predicate
        if opening and start < last and tokens[start].value is not None:
            limit = start + 1  # "fourteen a day rather than ten": only the figure set aside
        if norm == "neither" and not start_of:
            # "Neither the sessions nor the backfill ... will be funded": both subjects
            # and the predicate they share.
            nor = next(
                (
                    k
                    for k in range(start, min(last, start + _FORWARD_LIMIT))
                    if tokens[k].norm == "nor"
                ),
                None,
            )
            if nor is not None:
                limit = nor + 1 + _NOR_LIMIT
        in_list = False
        # "not on the list" after a noun (no auxiliary before the cue): the phrase only.
        reduced = norm == "not" and nxt in _PLACE_PREPOSITIONS and before not in _AUXILIARIES
        j = start - 1
        while j + 1 < min(last, limit):
            j += 1
            tok = tokens[j]
            if tok.kind == "punct":
                if not (tok.norm == "," and _list_comma(tokens, j, last, in_list)):
                    break
                in_list = True
                limit = max(limit, min(j + 1 + _FORWARD_LIMIT, start + _LIST_LIMIT))
                continue
            # "none of which will attract payment": the relative pronoun is the object.
            # "will be provided" is a verb, "provided that" a condition.
            verb = tok.norm == "provided" and tokens[j - 1].norm in _AUXILIARIES
            if tok.norm in _TERMINATORS and not (j == start + 1 and start_of) and not verb:
                break
            if tok.norm in _RELATIVES or (tok.norm == "that" and _relative_that(tokens, j, last)):
                break
            if tok.norm == "and" and not in_list and _opens_clause(tokens, j, last):
                break
            if reduced and tok.norm in _AUXILIARIES:
                break
            tok.negated_by += (i,)
    if norm in _POST_CUES or before in _AUXILIARIES or norm.endswith("n't"):
        for j in range(i - 1, max(first, i - _BACKWARD_LIMIT) - 1, -1):
            t = tokens[j]
            if t.kind == "punct" or t.norm in _TERMINATORS or t.norm in _BACKWARD_STOPS:
                break
            t.negated_by += (i,)
            if t.norm in _DETERMINERS and j - 2 >= first and tokens[j - 2].norm in _EVERY:
                break  # "for each month the person is not ...": the clause opens at "the"


def _auxiliary_before(tokens: list[Token], i: int, first: int) -> str:
    """The auxiliary just before ``tokens[i]`` ("was" in "was also suspended"), or ""."""
    j = i - 1
    while j >= first and tokens[j].norm in _VERB_ADVERBS:
        j -= 1
    return tokens[j].norm if j >= first and tokens[j].norm in _AUXILIARIES else ""


def _list_comma(tokens: list[Token], j: int, last: int, in_list: bool) -> bool:
    """True when the comma at ``j`` parts the items of a list ("funding, time or backfill").

    A word or three and then "or", "and" or "nor" follow it; ", and" straight after a
    comma carries a list on only when the list has already begun (", time, and backfill").
    A comma followed by a word that opens a clause (", as staff and ...") parts clauses.
    """
    if j + 1 < last and tokens[j + 1].norm in _CLAUSE_OPENERS:
        return False
    for k in range(j + 1, min(last, j + 5)):
        tok = tokens[k]
        if tok.norm in _COORDINATORS:
            return k > j + 1 or in_list
        if tok.kind == "punct" and tok.norm != ",":
            return False
        if tok.norm in _TERMINATORS or tok.norm in _RELATIVES:
            return False
    return False


def _opens_clause(tokens: list[Token], j: int, last: int) -> bool:
    """True when "and" at ``j`` opens a clause with a subject and verb of its own.

    "... nor carry case files and the Council will fund ...": a subject ("the
    Council", "they") and an auxiliary within the next few words.
    """
    if j + 1 >= last or tokens[j + 1].norm not in _SUBJECT_OPENERS:
        return False
    return any(tokens[k].norm in _AUXILIARIES for k in range(j + 2, min(last, j + 5)))


def _relative_that(tokens: list[Token], j: int, last: int) -> bool:
    """True when "that" at ``j`` opens a relative clause ("no staff that are ..."), not a noun."""
    nxt = tokens[j + 1].norm if j + 1 < last else ""
    return nxt in _AUXILIARIES or nxt in ("cannot", "the", "a", "an", "it", "they")


def _tokenise_python(
    text: str,
    low: str,
    spans: list[tuple[int, int]],
    sentence_base: int,
    clause_id: int,
    aligned: bool,
    lower: bool,
) -> tuple[list[Token], dict[str, list[int]], list[tuple[int, int]]]:
    """The tokens of ``text`` in sentences ``spans``, each word's places, each sentence's bounds.

    A sentence's bounds are its first token and the one after its last. ``low`` is
    :func:`normalise` of ``text``; ``aligned``: as long as ``text``; ``lower``: the
    lower-cased pattern may scan it. The compiled loop (``speclint/_scan.c``)
    gives the same three for ``lower`` text; a test compares them.
    """
    tokens: list[Token] = []
    append = tokens.append
    vocab: dict[str, list[int]] = {}
    if lower:
        finditer, scanned = _TOKEN_LOWER.finditer, low
    else:
        finditer, scanned = _TOKEN.finditer, text
    word_values = _WORD_VALUES
    bounds: list[tuple[int, int]] = []
    pos = 0
    for n, (start, end) in enumerate(spans):
        sid = sentence_base + n
        first = pos
        for match in finditer(scanned, start, end):
            index = match.lastindex  # which group matched: a number, not a name to look up
            a, b = match.span()
            norm = low[a:b] if aligned else normalise(match.group())
            if index == _WORD_GROUP:
                append(Token(a, b, norm, "word", sid, clause_id, pos, word_values.get(norm)))
            elif index == _PUNCT_GROUP:
                norm = norm.strip()
                append(Token(a, b, norm, "punct", sid, clause_id, pos))
            else:
                kind = _GROUP_KINDS[index or 0]
                value = _value(kind, text[a:b])
                append(Token(a, b, norm, kind, sid, clause_id, pos, value))  # type: ignore[arg-type]
            found = vocab.get(norm)
            if found is None:
                vocab[norm] = [pos]
            else:
                found.append(pos)
            pos += 1
        bounds.append((first, pos))
    return tokens, vocab, bounds


def analyse(clause: Clause, clause_id: int = 0, sentence_base: int = 0) -> Analysis:
    """Tokenise ``clause.text`` sentence by sentence, with numbers, negation and flags.

    The flags are read from the clause's sentences, as the structure layer set them.
    """
    flags: dict[int, frozenset[SentenceClass]] = {}
    text = clause.text
    low = normalise(text)
    spans: list[tuple[int, int]] = []
    for n, sentence in enumerate(clause.sentences):
        flags[sentence_base + n] = sentence.flags
        spans.append((sentence.start, sentence.end))
    # Lower-casing a token alone or within the text gives the same letters, unless some
    # character lower-cases to two; and the pattern matches the lower-cased text as it
    # matches the text ignoring case, unless one of CASE_TRAPS is there.
    aligned = len(low) == len(text)
    lower = aligned and not any(c in text for c in CASE_TRAPS)
    if lower and _compiled is not None:
        tokens, vocab, bounds = _compiled.tokens(
            low, spans, sentence_base, clause_id, _WORD_VALUES, Token, _value, text
        )
    else:
        tokens, vocab, bounds = _tokenise_python(
            text, low, spans, sentence_base, clause_id, aligned, lower
        )
    if not tokens:
        return Analysis(tokens, flags, _vocab=vocab)
    # Negation: only at the words that can be cues, in the order they occur.
    cues = (
        [w for w in vocab if w in _MAYBE_CUE or w.endswith("n't")]
        if "n't" in low
        else _MAYBE_CUE.intersection(vocab)
    )
    if cues:
        at = 0
        for i in sorted([i for cue in cues for i in vocab[cue]]):
            while bounds[at][1] <= i:
                at += 1
            _negate_from(tokens, i, *bounds[at])
    senses = builtin_senses()
    wrong = _wrong_senses(senses, vocab, low) if senses.senses else []
    told = senses.may_be_told(vocab)
    if wrong is None or wrong or told:
        norms = [t.norm for t in tokens]
        hidden: set[int] = (
            set() if wrong is not None else _masked_by_sentence(senses, norms, bounds)
        )
        if told and wrong is not None:
            for first, last in bounds:
                hidden.update(first + i for i in senses.in_context(norms[first:last]))
        for sense, pattern, _, anchor, spelt in wrong or ():
            # Every match holds each word the pattern spells out (``spelt``, at its
            # offsets): try the places of one of them, ``anchor``, in its own sentence.
            offset = spelt[anchor][0]
            size = len(pattern.words)
            for at in vocab[spelt[anchor][1]]:
                i = at - offset
                first, last = bounds[tokens[at].sentence - sentence_base]
                if i < first or i + size > last:
                    continue
                for k, word in spelt:
                    if norms[i + k] != word:
                        break
                else:
                    if pattern.matches_at(norms, i):
                        hidden.update(j for j in range(i, i + size) if sense.is_target(norms[j]))
        if hidden:
            masked: dict[str, list[int]] = {}
            for i in sorted(hidden):
                tokens[i].masked = True
                masked.setdefault(tokens[i].norm, []).append(i)
            vocab = {}
            for i, tok in enumerate(tokens):
                if not tok.masked:
                    vocab.setdefault(tok.norm, []).append(i)
            return Analysis(tokens, flags, _vocab=vocab, _masked=masked)
    return Analysis(tokens, flags, _vocab=vocab, _masked=_NO_MASKED)


#: No masked tokens, shared (an analysis never changes this map once made).
_NO_MASKED: dict[str, list[int]] = {}

#: A wrong-sense pattern, its sense, the words it spells out (not stems, not ``?``),
#: which of them it is looked up by, and each with its offset in the pattern.
_Wrong = tuple["Sense", "SensePattern", frozenset[str], int, tuple[tuple[int, str], ...]]
#: A pattern looked up by one of its stems: the stem (its ``*`` left off), the stem's
#: offset in the pattern, the pattern, its sense, and the words it spells out, as a set
#: and each with its offset.
_Stemmed = tuple[str, int, "Sense", "SensePattern", frozenset[str], tuple[tuple[int, str], ...]]
#: The patterns looked up by one word: those spelling out that word alone, and the others
#: by a second word each spells out (its longest other word), so that a unit holding the
#: first word and not the second costs one test for all of them, not one for each.
_Keyed = tuple[tuple[_Wrong, ...], tuple[tuple[str, tuple[_Wrong, ...]], ...]]
#: How :func:`_wrong_senses` finds a unit's patterns: by the word (then the second word)
#: or the stem each is looked up by.
_Spelling = tuple[dict[str, _Keyed], dict[str, list[_Stemmed]]]
#: Per :class:`Senses`, its :data:`_Spelling`; ``None`` when some pattern has neither a
#: word nor a stem (``?`` alone).
_SPELT: dict[int, tuple[Senses, _Spelling | None]] = {}


def _wrong_senses(senses: Senses, vocab: dict[str, list[int]], low: str) -> list[_Wrong] | None:
    """The wrong-sense patterns that can match in a unit of these words (its text ``low``).

    A pattern matches only where every word it spells out is in the unit, so the others
    need not be tried. One looked up by a stem ("extend* the contract*", by "contract")
    matches only at a word starting with that stem, and is tried at each such word of
    the unit as if it spelt that word out. ``None`` when that cannot be told (a pattern
    of ``?`` alone): then :meth:`Senses.masked` tries every sentence.
    """
    known = _SPELT.get(id(senses))
    if known is None or known[0] is not senses:
        known = _SPELT[id(senses)] = (senses, _spelling(senses))
    if known[1] is None:
        return None
    spelling, stemmed = known[1]
    words = vocab.keys()
    found: list[_Wrong] = []
    for word in words & spelling.keys():
        alone, paired = spelling[word]
        if alone:
            found.extend(alone)
        for second, wrongs in paired:
            if second in words:
                found.extend([wrong for wrong in wrongs if words >= wrong[2]])
    for stem, entries in stemmed.items():
        if stem not in low:
            continue  # a stem not in the unit's text starts none of its words
        starting = [word for word in words if word.startswith(stem)]
        for _, offset, sense, pattern, spelt_words, spelt in entries:
            if words >= spelt_words:
                for word in starting:
                    found.append((sense, pattern, spelt_words, 0, ((offset, word), *spelt)))
    return found


def _spelling(senses: Senses) -> _Spelling | None:
    """The patterns of ``senses`` by the word or stem each is looked up by (:data:`_SPELT`).

    That is the longest word the pattern spells out other than the words its sense
    masks ("probation" in "supervision by the probation"): the rarest, most likely. A
    pattern that spells out no word but :data:`_POOR_KEYS` is looked up by its longest
    stem instead when it has one ("contract" in "extend* the contract*"): "the" would
    send it to nearly every unit. A pattern looked up by a word is filed under its
    second word too (:data:`_Keyed`): "each" and "every" alone key 58 and 73 patterns.
    """
    spelling: dict[str, list[_Wrong]] = {}
    stemmed: dict[str, list[_Stemmed]] = {}
    for sense in senses.senses:
        for pattern in sense.wrong:
            spelt = tuple(
                (k, w) for k, w in enumerate(pattern.words) if w != "?" and not w.endswith("*")
            )
            heads = [(k, w, False) for k, w in spelt]
            heads += [(k, w[:-1], True) for k, w in enumerate(pattern.words) if w.endswith("*")]
            if not heads:
                return None
            ours = [h for h in heads if not sense.is_target(h[1])]
            pick = (
                [h for h in ours if not h[2] and h[1] not in _POOR_KEYS]
                or [h for h in heads if not h[2] and h[1] not in _POOR_KEYS]
                or [h for h in ours if h[2]]
                or [h for h in heads if not h[2]]
                or heads
            )
            offset, key, stem = max(pick, key=lambda h: len(h[1]))
            words = frozenset(w for _, w in spelt)
            if stem:
                stemmed.setdefault(key, []).append((key, offset, sense, pattern, words, spelt))
            else:
                wrong = (sense, pattern, words, spelt.index((offset, key)), spelt)
                spelling.setdefault(key, []).append(wrong)
    return {key: _keyed(key, wrongs) for key, wrongs in spelling.items()}, stemmed


def _keyed(key: str, wrongs: list[_Wrong]) -> _Keyed:
    """``wrongs``, the patterns looked up by ``key``, filed as :data:`_Keyed` says."""
    alone: list[_Wrong] = []
    paired: dict[str, list[_Wrong]] = {}
    for wrong in wrongs:
        others = [word for _, word in wrong[4] if word != key]
        if others:
            paired.setdefault(max(others, key=len), []).append(wrong)
        else:
            alone.append(wrong)
    return tuple(alone), tuple((word, tuple(found)) for word, found in paired.items())


#: Words in nearly every unit: poor keys for a sense pattern that has a stem to be looked
#: up by instead (see :func:`_spelling`).
_POOR_KEYS = frozenset("a an and by for in its of on or the this to with".split())


def _masked_by_sentence(
    senses: Senses, norms: list[str], bounds: list[tuple[int, int]]
) -> set[int]:
    """The tokens :meth:`Senses.masked` hides, sentence by sentence (``bounds``)."""
    hidden: set[int] = set()
    for first, last in bounds:
        hidden.update(first + i for i in senses.masked(norms[first:last]))
    return hidden


_SENSES: list[Senses] = []


def builtin_senses() -> Senses:
    """The built-in word senses, loaded once."""
    if not _SENSES:
        from speclint.query.vocabulary import builtin_vocabulary

        _SENSES.append(builtin_vocabulary().senses)
    return _SENSES[0]

/* The tokenising loop of speclint.query.analysis, compiled; and a substring screen
 * (speclint.substrings, at the end of this file).
 *
 * tokens(low, spans, sentence_base, clause_id, word_values, token, value, text)
 *     -> (tokens, vocabulary, bounds)
 *
 * It is analysis._tokenise_python for lower-cased text (analysis._TOKEN_LOWER, no case
 * folding), written in C: the token pattern is matched by hand, alternative by
 * alternative in the pattern's order and with its backtracking, using the predicates
 * Python's regular-expression engine uses for a str pattern (\d: a decimal digit, \s:
 * Unicode white space, \b: next to a letter, digit or underscore, the end of a search
 * range counting as a boundary); each token is made as ``token`` (the Token class, a
 * dataclass with slots) makes it from the same arguments, its slots filled in directly
 * (the class's own __init__ is called when its fields are not the plain slots expected),
 * and a money, percentage or number token's value is asked of ``value``
 * (analysis._value), as the Python loop does. A test compares the two on every corpus
 * sentence and on generated text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t end; /* the end of the search range: nothing at or past it is read */
} Text;

enum { G_NONE = 0, G_MONEY = 1, G_PERCENT = 2, G_NUMBER = 3, G_WORD = 4, G_PUNCT = 5 };

static PyObject *kind_names[6]; /* "", "money", "percent", "number", "word", "punct" */

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) {
    return i < t->end ? PyUnicode_READ(t->kind, t->data, i) : 0;
}
static inline int is_digit(const Text *t, Py_ssize_t i) {
    return i < t->end && Py_UNICODE_ISDECIMAL(PyUnicode_READ(t->kind, t->data, i));
}
static inline int is_space(const Text *t, Py_ssize_t i) {
    return i < t->end && Py_UNICODE_ISSPACE(PyUnicode_READ(t->kind, t->data, i));
}
static inline int is_az(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = at(t, i);
    return c >= 'a' && c <= 'z';
}
/* \b just after a letter: a boundary unless a letter, digit or underscore follows. */
static inline int boundary_after_letter(const Text *t, Py_ssize_t i) {
    if (i >= t->end) return 1;
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    return !(Py_UNICODE_ISALNUM(c) || c == '_');
}
/* The ASCII literal ``lit`` at ``i``: the index after it, or -1. */
static Py_ssize_t literal(const Text *t, Py_ssize_t i, const char *lit) {
    for (; *lit; lit++, i++) {
        if (i >= t->end || PyUnicode_READ(t->kind, t->data, i) != (Py_UCS4)(unsigned char)*lit)
            return -1;
    }
    return i;
}

/* \d[\d,]*(?:\.\d+)? from ``i``, whose character is a digit: the index after it. */
static Py_ssize_t figure(const Text *t, Py_ssize_t i) {
    i++;
    while (is_digit(t, i) || at(t, i) == ',') i++;
    if (at(t, i) == '.' && is_digit(t, i + 1)) {
        i += 2;
        while (is_digit(t, i)) i++;
    }
    return i;
}

static const char *multipliers[] = {"k", "m", "bn", "million", "billion", "thousand", NULL};

/* (?:\s?(?:k|m|bn|million|billion|thousand)\b)? from ``i``: the index after it. */
static Py_ssize_t multiplier(const Text *t, Py_ssize_t i) {
    /* \s? is greedy; without the space, the alternatives would start on the space. */
    Py_ssize_t from = is_space(t, i) ? i + 1 : i;
    for (const char **m = multipliers; *m; m++) {
        Py_ssize_t after = literal(t, from, *m);
        if (after >= 0 && boundary_after_letter(t, after)) return after;
    }
    return i;
}

/* (?:%|per\s?cent\b|percent\b) at ``i``: the index after it, or -1. */
static Py_ssize_t percent_sign(const Text *t, Py_ssize_t i) {
    if (at(t, i) == '%') return i + 1;
    Py_ssize_t p = literal(t, i, "per");
    if (p >= 0) {
        Py_ssize_t c = literal(t, is_space(t, p) ? p + 1 : p, "cent");
        if (c >= 0 && boundary_after_letter(t, c)) return c;
        /* \s? matching nothing leaves "cent" to start on the space: no match. */
    }
    p = literal(t, i, "percent");
    if (p >= 0 && boundary_after_letter(t, p)) return p;
    return -1;
}

/* \s?(?:%|per\s?cent\b|percent\b) at ``i``: the index after it, or -1. */
static Py_ssize_t percent_tail(const Text *t, Py_ssize_t i) {
    if (is_space(t, i)) return percent_sign(t, i + 1); /* without it: a sign cannot start on a space */
    return percent_sign(t, i);
}

static const char *tens[] = {"twenty", "thirty", "forty", "fifty", "sixty",
                             "seventy", "eighty", "ninety", NULL};
static const char *units[] = {"one", "two", "three", "four", "five", "six", "seven",
                              "eight", "nine", NULL};
/* The alternatives after the tens, in the pattern's order. */
static const char *others[] = {"one hundred", "hundred", "zero", "one", "two", "three",
                               "four", "five", "six", "seven", "eight", "nine", "ten",
                               "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                               "sixteen", "seventeen", "eighteen", "nineteen", NULL};

/* A number in words followed by a percent sign, at ``i``: the index after it, or -1. */
static Py_ssize_t worded_percent(const Text *t, Py_ssize_t i) {
    for (const char **ten = tens; *ten; ten++) {
        Py_ssize_t after = literal(t, i, *ten);
        if (after < 0) continue;
        Py_UCS4 c = at(t, after);
        if (c == '-' || c == ' ') {
            for (const char **unit = units; *unit; unit++) {
                Py_ssize_t u = literal(t, after + 1, *unit);
                if (u < 0) continue;
                Py_ssize_t end = percent_tail(t, u);
                if (end >= 0) return end;
            }
        }
        Py_ssize_t end = percent_tail(t, after);
        if (end >= 0) return end;
    }
    for (const char **word = others; *word; word++) {
        Py_ssize_t after = literal(t, i, *word);
        if (after < 0) continue;
        Py_ssize_t end = percent_tail(t, after);
        if (end >= 0) return end;
    }
    return -1;
}

/* The token pattern at ``i``: which group matched (G_NONE: none), and where it ends. */
static int match_at(const Text *t, Py_ssize_t i, Py_ssize_t *end) {
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    if (c == 0x00A3) { /* money: £\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|...)\b)? */
        Py_ssize_t j = is_space(t, i + 1) ? i + 2 : i + 1;
        if (is_digit(t, j)) {
            *end = multiplier(t, figure(t, j));
            return G_MONEY;
        }
        return G_NONE; /* no other alternative starts with "£" */
    }
    int digit = Py_UNICODE_ISDECIMAL(c);
    if (digit) { /* percent: \d+(?:\.\d+)?\s?(?:%|...) */
        Py_ssize_t j = i + 1;
        while (is_digit(t, j)) j++;
        if (at(t, j) == '.' && is_digit(t, j + 1)) {
            j += 2;
            while (is_digit(t, j)) j++;
        }
        /* Shorter runs of digits, or no decimals, leave a digit or "." next: no sign. */
        Py_ssize_t sign = percent_tail(t, j);
        if (sign >= 0) {
            *end = sign;
            return G_PERCENT;
        }
        *end = figure(t, i);
        return G_NUMBER;
    }
    if (c >= 'a' && c <= 'z') {
        Py_ssize_t sign = worded_percent(t, i);
        if (sign >= 0) {
            *end = sign;
            return G_PERCENT;
        }
        /* word: [a-z]+(?:['’][a-z]+)*(?:\d+[a-z\d]*)? */
        Py_ssize_t j = i + 1;
        while (is_az(t, j)) j++;
        for (;;) {
            Py_UCS4 q = at(t, j);
            if ((q == '\'' || q == 0x2019) && is_az(t, j + 1)) {
                j += 2;
                while (is_az(t, j)) j++;
            } else {
                break;
            }
        }
        if (is_digit(t, j)) {
            j++;
            while (is_digit(t, j) || is_az(t, j)) j++;
        }
        *end = j;
        return G_WORD;
    }
    switch (c) { /* punct: [,;:()\[\]|–—…]|\.\.\.|\s-\s */
    case ',': case ';': case ':': case '(': case ')': case '[': case ']': case '|':
    case 0x2013: case 0x2014: case 0x2026:
        *end = i + 1;
        return G_PUNCT;
    case '.':
        if (at(t, i + 1) == '.' && at(t, i + 2) == '.') {
            *end = i + 3;
            return G_PUNCT;
        }
        return G_NONE;
    default:
        if (Py_UNICODE_ISSPACE(c) && at(t, i + 1) == '-' && is_space(t, i + 2)) {
            *end = i + 3;
            return G_PUNCT;
        }
        return G_NONE;
    }
}

/* Token's fields in the order of its __init__, the last two left at their defaults. */
static const char *fields[10] = {"start", "end", "norm", "kind", "sentence", "clause",
                                 "pos", "value", "negated_by", "masked"};
static PyTypeObject *slotted_type; /* the class whose slot offsets are known (held) */
static Py_ssize_t offsets[10];
static PyObject *empty_tuple;

/* Whether instances of ``type`` can be filled in slot by slot: every field a slot. */
static int learn_slots(PyObject *type) {
    if (!PyType_Check(type)) return 0;
    if ((PyTypeObject *)type == slotted_type) return 1;
    PyTypeObject *tp = (PyTypeObject *)type;
    if (tp->tp_dictoffset != 0) return 0;
    Py_ssize_t found[10];
    for (int k = 0; k < 10; k++) {
        PyObject *d = PyDict_GetItemString(tp->tp_dict, fields[k]); /* borrowed */
        if (d == NULL || !Py_IS_TYPE(d, &PyMemberDescr_Type)) return 0;
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type != T_OBJECT_EX || (m->flags & READONLY)) return 0;
        found[k] = m->offset;
    }
    /* The class's __init__ assigns each argument and leaves value, negated_by and masked
     * at None, () and False (tests/query/test_tokens_compiled.py holds it to that). */
    for (int k = 0; k < 10; k++) offsets[k] = found[k];
    Py_INCREF(tp);
    Py_XDECREF(slotted_type);
    slotted_type = tp;
    return 1;
}

/* A token from ``argv``: with ``nargs`` 7, its value is None. */
static PyObject *make_token(PyObject *type, int slotted, PyObject **argv, Py_ssize_t nargs) {
    if (!slotted) return PyObject_Vectorcall(type, argv, nargs, NULL);
    PyTypeObject *tp = (PyTypeObject *)type;
    PyObject *tok = tp->tp_alloc(tp, 0);
    if (tok == NULL) return NULL;
    for (int k = 0; k < 10; k++) {
        PyObject *v = k < nargs ? argv[k] : k == 7 ? Py_None : k == 8 ? empty_tuple : Py_False;
        Py_INCREF(v);
        *(PyObject **)((char *)tok + offsets[k]) = v;
    }
    return tok;
}

/* Append ``pos`` to vocabulary[norm]. */
static int add_place(PyObject *vocab, PyObject *norm, Py_ssize_t pos) {
    PyObject *index = PyLong_FromSsize_t(pos);
    if (index == NULL) return -1;
    PyObject *places = PyDict_GetItemWithError(vocab, norm); /* borrowed */
    int failed;
    if (places != NULL) {
        failed = PyList_Append(places, index);
    } else if (PyErr_Occurred()) {
        failed = -1;
    } else {
        places = PyList_New(1);
        if (places == NULL) {
            Py_DECREF(index);
            return -1;
        }
        Py_INCREF(index);
        PyList_SET_ITEM(places, 0, index);
        failed = PyDict_SetItem(vocab, norm, places);
        Py_DECREF(places);
    }
    Py_DECREF(index);
    return failed;
}

static PyObject *tokens(PyObject *self, PyObject *args) {
    PyObject *low, *spans, *word_values, *token_type, *value_fn, *text;
    Py_ssize_t sentence_base, clause_id;
    if (!PyArg_ParseTuple(args, "UO!nnO!OOU", &low, &PyList_Type, &spans, &sentence_base,
                          &clause_id, &PyDict_Type, &word_values, &token_type, &value_fn,
                          &text))
        return NULL;
    int slotted = learn_slots(token_type);
    PyObject *out = PyList_New(0), *vocab = PyDict_New(), *bounds = PyList_New(0);
    PyObject *clause = PyLong_FromSsize_t(clause_id);
    if (out == NULL || vocab == NULL || bounds == NULL || clause == NULL) goto fail;
    Text t = {PyUnicode_KIND(low), PyUnicode_DATA(low), 0};
    Py_ssize_t length = PyUnicode_GET_LENGTH(low), pos = 0;
    Py_ssize_t count = PyList_GET_SIZE(spans);
    for (Py_ssize_t n = 0; n < count; n++) {
        Py_ssize_t start, stop;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(spans, n), "nn", &start, &stop)) goto fail;
        /* As re's finditer(low, start, stop) clamps them. */
        if (start < 0) start = 0;
        if (stop > length) stop = length;
        if (stop < 0) stop = 0;
        t.end = stop;
        PyObject *sid = PyLong_FromSsize_t(sentence_base + n);
        if (sid == NULL) goto fail;
        Py_ssize_t first = pos;
        Py_ssize_t i = start;
        while (i < stop) {
            Py_ssize_t e;
            int group = match_at(&t, i, &e);
            if (group == G_NONE) {
                i++;
                continue;
            }
            PyObject *norm = PyUnicode_Substring(low, i, e), *value = NULL;
            if (norm == NULL) { Py_DECREF(sid); goto fail; }
            if (group == G_WORD) {
                value = PyDict_GetItemWithError(word_values, norm);
                if (value == NULL && PyErr_Occurred()) { Py_DECREF(norm); Py_DECREF(sid); goto fail; }
                value = value == NULL ? Py_None : value;
                Py_INCREF(value);
            } else if (group == G_PUNCT) {
                if (Py_UNICODE_ISSPACE(PyUnicode_READ(t.kind, t.data, i))) {
                    PyObject *stripped = PyObject_CallMethod(norm, "strip", NULL);
                    Py_DECREF(norm);
                    if (stripped == NULL) { Py_DECREF(sid); goto fail; }
                    norm = stripped;
                }
            } else {
                PyObject *raw = PyUnicode_Substring(text, i, e);
                if (raw == NULL) { Py_DECREF(norm); Py_DECREF(sid); goto fail; }
                value = PyObject_CallFunctionObjArgs(value_fn, kind_names[group], raw, NULL);
                Py_DECREF(raw);
                if (value == NULL) { Py_DECREF(norm); Py_DECREF(sid); goto fail; }
            }
            PyObject *a = PyLong_FromSsize_t(i), *b = PyLong_FromSsize_t(e);
            PyObject *p = PyLong_FromSsize_t(pos);
            PyObject *tok = NULL;
            if (a != NULL && b != NULL && p != NULL) {
                PyObject *argv[8] = {a, b, norm, kind_names[group], sid, clause, p, value};
                tok = make_token(token_type, slotted, argv, group == G_PUNCT ? 7 : 8);
            }
            Py_XDECREF(a);
            Py_XDECREF(b);
            Py_XDECREF(p);
            Py_XDECREF(value);
            if (tok == NULL || PyList_Append(out, tok) < 0 || add_place(vocab, norm, pos) < 0) {
                Py_XDECREF(tok);
                Py_DECREF(norm);
                Py_DECREF(sid);
                goto fail;
            }
            Py_DECREF(tok);
            Py_DECREF(norm);
            pos++;
            i = e;
        }
        Py_DECREF(sid);
        PyObject *bound = Py_BuildValue("(nn)", first, pos);
        if (bound == NULL || PyList_Append(bounds, bound) < 0) {
            Py_XDECREF(bound);
            goto fail;
        }
        Py_DECREF(bound);
    }
    Py_DECREF(clause);
    return Py_BuildValue("(NNN)", out, vocab, bounds);
fail:
    Py_XDECREF(out);
    Py_XDECREF(vocab);
    Py_XDECREF(bounds);
    Py_XDECREF(clause);
    return NULL;
}

/* -- the substring screen ---------------------------------------------------------
 *
 * screen(keys) -> capsule; holds_any(capsule, text) -> bool
 *
 * Whether any of ``keys`` occurs in ``text``: ``any(k in text for k in keys)`` in one
 * pass over the text, each position compared only with the keys starting with its
 * first two characters (speclint.substrings.Screen; a test compares the two). Keys of
 * one character are filed by that character, longer keys by a hash of their first two
 * (PAIR_BUCKETS buckets); pairs that share a bucket are told apart key by key. Filed by
 * the first character alone, a screen of two hundred keys walked a dozen keys at every
 * letter of a text.
 */
#define PAIR_BUCKETS 4096
#define PAIR(a, b) \
    ((((Py_ssize_t)((a) & 255)) * 67 + (Py_ssize_t)((b) & 1023)) & (PAIR_BUCKETS - 1))

typedef struct {
    Py_ssize_t count;   /* how many keys */
    int empty;          /* some key is "": every text holds it */
    int singles;        /* some key is one character long */
    Py_ssize_t *lens;   /* each key's length */
    Py_UCS4 **points;   /* each key's characters */
    Py_UCS4 *firsts;    /* each key's first two characters, side by side (0 past its end) */
    Py_ssize_t *next;   /* the next key in the same bucket, or -1 */
    Py_ssize_t heads[256]; /* keys of one character, by that character & 255, or -1 */
    int32_t *pairs;     /* longer keys: the first in each PAIR bucket, or -1 */
    unsigned long long *bits; /* each key's group as a bit (NULL: built without groups) */
    unsigned long long all_bits;   /* every group's bit */
    unsigned long long empty_bits; /* the groups of the empty key, which every text holds */
} Screen;

static void screen_free(PyObject *capsule) {
    Screen *sc = PyCapsule_GetPointer(capsule, "speclint.screen");
    if (sc == NULL) return;
    for (Py_ssize_t k = 0; k < sc->count; k++) PyMem_Free(sc->points[k]);
    PyMem_Free(sc->points);
    PyMem_Free(sc->firsts);
    PyMem_Free(sc->lens);
    PyMem_Free(sc->next);
    PyMem_Free(sc->pairs);
    PyMem_Free(sc->bits);
    PyMem_Free(sc);
}

static PyObject *screen(PyObject *self, PyObject *args) {
    PyObject *keys, *groups = NULL;
    if (!PyArg_ParseTuple(args, "O!|O!", &PyTuple_Type, &keys, &PyTuple_Type, &groups)) return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(keys);
    if (groups != NULL && PyTuple_GET_SIZE(groups) != count) {
        PyErr_SetString(PyExc_ValueError, "one group a key");
        return NULL;
    }
    Screen *sc = PyMem_Calloc(1, sizeof(Screen));
    if (sc == NULL) return PyErr_NoMemory();
    sc->lens = PyMem_Calloc(count ? count : 1, sizeof(Py_ssize_t));
    sc->points = PyMem_Calloc(count ? count : 1, sizeof(Py_UCS4 *));
    sc->next = PyMem_Calloc(count ? count : 1, sizeof(Py_ssize_t));
    sc->firsts = PyMem_Calloc(count ? 2 * count : 2, sizeof(Py_UCS4));
    sc->pairs = PyMem_Malloc(PAIR_BUCKETS * sizeof(int32_t));
    if (sc->lens == NULL || sc->points == NULL || sc->next == NULL || sc->pairs == NULL
        || sc->firsts == NULL || count > INT32_MAX) {
        PyMem_Free(sc->lens);
        PyMem_Free(sc->points);
        PyMem_Free(sc->firsts);
        PyMem_Free(sc->next);
        PyMem_Free(sc->pairs);
        PyMem_Free(sc);
        return PyErr_NoMemory();
    }
    for (int b = 0; b < 256; b++) sc->heads[b] = -1;
    for (int b = 0; b < PAIR_BUCKETS; b++) sc->pairs[b] = -1;
    if (groups != NULL) {
        sc->bits = PyMem_Calloc(count ? count : 1, sizeof(unsigned long long));
        if (sc->bits == NULL) {
            PyErr_NoMemory();
            goto fail;
        }
        for (Py_ssize_t k = 0; k < count; k++) {
            long g = PyLong_AsLong(PyTuple_GET_ITEM(groups, k));
            if (g < 0 || g > 63) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "groups are 0 to 63");
                goto fail;
            }
            sc->bits[k] = 1ULL << g;
            sc->all_bits |= sc->bits[k];
            if (PyUnicode_Check(PyTuple_GET_ITEM(keys, k))
                && PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(keys, k)) == 0)
                sc->empty_bits |= sc->bits[k];
        }
    }
    /* Keys are filed in reverse so that each bucket lists them in the given order. */
    for (Py_ssize_t k = count - 1; k >= 0; k--) {
        PyObject *key = PyTuple_GET_ITEM(keys, k);
        if (!PyUnicode_Check(key)) {
            sc->count = count;
            PyErr_SetString(PyExc_TypeError, "screen keys must be str");
            goto fail;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(key);
        sc->lens[k] = n;
        if (n == 0) {
            sc->empty = 1;
            sc->next[k] = -1;
            continue;
        }
        sc->points[k] = PyUnicode_AsUCS4Copy(key);
        if (sc->points[k] == NULL) {
            sc->count = count;
            goto fail;
        }
        sc->firsts[2 * k] = sc->points[k][0];
        sc->firsts[2 * k + 1] = n > 1 ? sc->points[k][1] : 0;
        if (n == 1) {
            int bucket = (int)(sc->points[k][0] & 255);
            sc->next[k] = sc->heads[bucket];
            sc->heads[bucket] = k;
            sc->singles = 1;
        } else {
            Py_ssize_t bucket = PAIR(sc->points[k][0], sc->points[k][1]);
            sc->next[k] = sc->pairs[bucket];
            sc->pairs[bucket] = (int32_t)k;
        }
    }
    sc->count = count;
    PyObject *capsule = PyCapsule_New(sc, "speclint.screen", screen_free);
    if (capsule == NULL) goto fail;
    return capsule;
fail:
    for (Py_ssize_t k = 0; k < count; k++) PyMem_Free(sc->points[k]);
    PyMem_Free(sc->points);
    PyMem_Free(sc->firsts);
    PyMem_Free(sc->lens);
    PyMem_Free(sc->next);
    PyMem_Free(sc->pairs);
    PyMem_Free(sc->bits);
    PyMem_Free(sc);
    return NULL;
}

/* The scan of one text, written once for each width of its characters (the
 * compiler then reads a character with one load, not a switch on the width): from
 * ``found`` (a mask of groups), each position's keys of one character and keys
 * starting with its two are compared, until ``found`` is ``all``. A key's group is its
 * bit, or 1 for a screen built without groups (holds_any, which stops at the first). */
#define SCREEN_SCAN(NAME, CHAR)                                                            \
    static unsigned long long NAME(const Screen *sc, const CHAR *s, Py_ssize_t n,          \
                                   unsigned long long found, unsigned long long all) {     \
        const Py_ssize_t *next = sc->next, *lens = sc->lens;                               \
        const int32_t *pairs = sc->pairs;                                                  \
        const Py_UCS4 *firsts = sc->firsts;                                                \
        const unsigned long long *bits = sc->bits;                                         \
        const int singles = sc->singles;                                                   \
        for (Py_ssize_t i = 0; i < n && found != all; i++) {                               \
            Py_UCS4 c = s[i];                                                              \
            if (singles) {                                                                 \
                for (Py_ssize_t k = sc->heads[c & 255]; k >= 0; k = next[k]) {             \
                    if (firsts[2 * k] == c) found |= bits != NULL ? bits[k] : 1;           \
                }                                                                          \
            }                                                                              \
            if (i + 1 < n) {                                                               \
                Py_UCS4 c1 = s[i + 1];                                                     \
                for (Py_ssize_t k = pairs[PAIR(c, c1)]; k >= 0; k = next[k]) {             \
                    unsigned long long bit = bits != NULL ? bits[k] : 1;                   \
                    if (firsts[2 * k] != c || firsts[2 * k + 1] != c1 || (found & bit))    \
                        continue;                                                          \
                    Py_ssize_t len = lens[k];                                              \
                    if (len > n - i) continue;                                             \
                    const Py_UCS4 *key = sc->points[k];                                    \
                    Py_ssize_t j = 2;                                                      \
                    while (j < len && s[i + j] == key[j]) j++;                             \
                    if (j == len) found |= bit;                                            \
                }                                                                          \
            }                                                                              \
        }                                                                                  \
        return found;                                                                      \
    }

SCREEN_SCAN(screen_ucs1, Py_UCS1)
SCREEN_SCAN(screen_ucs2, Py_UCS2)
SCREEN_SCAN(screen_ucs4, Py_UCS4)

static unsigned long long screen_text(const Screen *sc, PyObject *text, unsigned long long found,
                                      unsigned long long all) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return screen_ucs1(sc, PyUnicode_1BYTE_DATA(text), n, found, all);
    case PyUnicode_2BYTE_KIND:
        return screen_ucs2(sc, PyUnicode_2BYTE_DATA(text), n, found, all);
    default:
        return screen_ucs4(sc, PyUnicode_4BYTE_DATA(text), n, found, all);
    }
}

static PyObject *holds_any(PyObject *self, PyObject *args) {
    PyObject *capsule, *text;
    if (!PyArg_ParseTuple(args, "OU", &capsule, &text)) return NULL;
    Screen *sc = PyCapsule_GetPointer(capsule, "speclint.screen");
    if (sc == NULL) return NULL;
    if (sc->empty) Py_RETURN_TRUE;
    /* Every key counts as one group: the scan stops at the first found. */
    if (screen_text(sc, text, 0, 1)) Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

/* -- grouped screens --------------------------------------------------------------
 *
 * screen(keys, groups) -> capsule; groups_in(capsule, text) -> int
 *
 * A screen whose keys each belong to a group (``groups``: a tuple of ints from 0 to 63,
 * one a key): the bit mask of the groups with a key that occurs in ``text``, in one pass
 * over the text (speclint.substrings.GroupScreen; a test compares it with ``key in
 * text`` key by key). Keys of a group already found are not compared again.
 */
static PyObject *groups_in(PyObject *self, PyObject *args) {
    PyObject *capsule, *text;
    if (!PyArg_ParseTuple(args, "OU", &capsule, &text)) return NULL;
    Screen *sc = PyCapsule_GetPointer(capsule, "speclint.screen");
    if (sc == NULL) return NULL;
    if (sc->bits == NULL) {
        PyErr_SetString(PyExc_ValueError, "a screen built without groups");
        return NULL;
    }
    unsigned long long found = screen_text(sc, text, sc->empty_bits, sc->all_bits);
    return PyLong_FromUnsignedLongLong(found);
}

/* -- an OR's hits (speclint.query.program._or) --------------------------------------
 *
 * or_hits(by_word, rest, raws, checks, ev) -> list | None
 *
 * The run of a compiled ``OR`` (program._or's ``run``, the Python twin kept there and
 * used without this module or with SPECLINT_PURE_QUERY=1), step for step: the plain
 * words the unit holds, each word's hits (a word negated where the evaluator is strict
 * is asked of ``ev._negated``, as in Python), its phrases run when the unit holds their
 * other words, then the other items the pre-filter allows (``view.alternatives``), or
 * every one when the unit has no pre-filter. The order of the parts may differ from
 * Python's (a set's order there): an OR's hits are read in any order. A list another
 * call may change while a program runs (the deferred programs put themselves in place)
 * is read again by index, and each program is held while it runs.
 */
static PyObject *s_analysis, *s_vocab, *s_vocabulary, *s_skip, *s_affirmed, *s_lenient,
    *s_tokens, *s_sentence, *s_negated_by, *s_prefilter, *s_alternatives, *s_negated,
    *s_candidates, *s_items_map, *s_query, *s_by_unit, *s_items, *s_spent, *s_size, *s_unit,
    *s_bit;

/* What one entry of an OR's map from units to items costs, in tests (prefilter._ENTRY_COST,
 * passed in by set_entry_cost when the pre-filter is imported). */
static Py_ssize_t entry_cost = -1;

/* Whether bit ``n`` of the non-negative int ``mask`` is set; ``bit`` is 1 << n, for the
 * general case. -1 on error. */
static int mask_has(PyObject *mask, Py_ssize_t n, PyObject *bit) {
#if PY_VERSION_HEX < 0x030C0000
    if (PyLong_CheckExact(mask) && Py_SIZE(mask) >= 0) {
        Py_ssize_t digit = n / PyLong_SHIFT;
        if (digit >= Py_SIZE(mask)) return 0;
        return (int)((((PyLongObject *)mask)->ob_digit[digit] >> (n % PyLong_SHIFT)) & 1);
    }
#endif
    PyObject *both = PyNumber_And(mask, bit);
    if (both == NULL) return -1;
    int set = PyObject_IsTrue(both);
    Py_DECREF(both);
    return set;
}

/* UnitView.alternatives(view, rest) (prefilter.py), its common case here: the OR's items
 * known for the document, tested unit by unit while that is cheap, or read from the map
 * once made. Anything else (the OR not yet met in this document, the map due now) is asked
 * of the view itself. A new reference. */
static PyObject *alternatives(PyObject *view, PyObject *rest) {
    if (entry_cost < 0) return PyObject_CallMethodOneArg(view, s_alternatives, rest);
    PyObject *candidates = PyObject_GetAttr(view, s_candidates), *known = NULL, *out = NULL;
    PyObject *map = NULL, *query = NULL, *by_unit = NULL, *items = NULL, *spent = NULL,
             *size = NULL, *unit = NULL, *bit = NULL, *ident = NULL;
    if (candidates == NULL) return NULL;
    map = PyObject_GetAttr(candidates, s_items_map);
    ident = PyLong_FromVoidPtr(rest);
    if (map == NULL || ident == NULL || !PyDict_Check(map)) goto slow;
    known = PyDict_GetItemWithError(map, ident);
    if (known == NULL) {
        if (PyErr_Occurred()) goto done;
        goto slow;
    }
    Py_INCREF(known);
    query = PyObject_GetAttr(known, s_query);
    if (query == NULL) goto done;
    if (query != rest) goto slow;
    by_unit = PyObject_GetAttr(known, s_by_unit);
    unit = PyObject_GetAttr(view, s_unit);
    if (by_unit == NULL || unit == NULL) goto done;
    if (by_unit != Py_None) {
        if (!PyDict_Check(by_unit)) goto slow;
        out = PyDict_GetItemWithError(by_unit, unit);
        if (out == NULL) {
            if (PyErr_Occurred()) goto done;
            out = PyList_New(0);
        } else {
            Py_INCREF(out);
        }
        goto done;
    }
    items = PyObject_GetAttr(known, s_items);
    spent = PyObject_GetAttr(known, s_spent);
    size = PyObject_GetAttr(known, s_size);
    bit = PyObject_GetAttr(view, s_bit);
    if (items == NULL || spent == NULL || size == NULL || bit == NULL) goto done;
    if (!PyList_Check(items)) goto slow;
    Py_ssize_t used = PyLong_AsSsize_t(spent), total = PyLong_AsSsize_t(size);
    Py_ssize_t at = PyLong_AsSsize_t(unit);
    if (PyErr_Occurred()) {
        PyErr_Clear();
        goto slow;
    }
    Py_ssize_t count = PyList_GET_SIZE(items);
    if (used + count >= total * entry_cost) goto slow; /* the map is due: Python makes it */
    PyObject *now = PyLong_FromSsize_t(used + count);
    if (now == NULL) goto done;
    int failed = PyObject_SetAttr(known, s_spent, now);
    Py_DECREF(now);
    if (failed < 0) goto done;
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *pair = PyList_GET_ITEM(items, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "alternatives: an item is not (item, units)");
            Py_CLEAR(out);
            goto done;
        }
        int has = mask_has(PyTuple_GET_ITEM(pair, 1), at, bit);
        if (has < 0 || (has && PyList_Append(out, PyTuple_GET_ITEM(pair, 0)) < 0)) {
            Py_CLEAR(out);
            goto done;
        }
    }
    goto done;
slow:
    if (!PyErr_Occurred()) out = PyObject_CallMethodOneArg(view, s_alternatives, rest);
done:
    Py_XDECREF(candidates);
    Py_XDECREF(map);
    Py_XDECREF(ident);
    Py_XDECREF(known);
    Py_XDECREF(query);
    Py_XDECREF(by_unit);
    Py_XDECREF(items);
    Py_XDECREF(spent);
    Py_XDECREF(size);
    Py_XDECREF(unit);
    Py_XDECREF(bit);
    return out;
}

static PyObject *set_entry_cost(PyObject *self, PyObject *arg) {
    Py_ssize_t cost = PyLong_AsSsize_t(arg);
    if (cost == -1 && PyErr_Occurred()) return NULL;
    entry_cost = cost;
    Py_RETURN_NONE;
}

/* Append ``hits`` (a new reference, or NULL for none) to ``parts`` ``times`` times. */
static int add_part(PyObject *parts, PyObject *hits, Py_ssize_t times) {
    if (hits == NULL) return 0;
    for (Py_ssize_t k = 0; k < times; k++) {
        if (PyList_Append(parts, hits) < 0) { Py_DECREF(hits); return -1; }
    }
    Py_DECREF(hits);
    return 0;
}

/* Run ``program(ev)``, append its hits to ``parts`` unless None; -1 on error. */
static int run_program(PyObject *program, PyObject *ev, PyObject *parts) {
    Py_INCREF(program);
    PyObject *hits = PyObject_CallOneArg(program, ev);
    Py_DECREF(program);
    if (hits == NULL) return -1;
    if (hits == Py_None) { Py_DECREF(hits); return 0; }
    int failed = PyList_Append(parts, hits);
    Py_DECREF(hits);
    return failed;
}

/* A word's hits, as program._or's run makes them: NULL and no error for none. */
static PyObject *word_hits(PyObject *ev, PyObject *places, PyObject *tokens, PyObject *skip,
                           int strict) {
    Py_ssize_t count = PyList_GET_SIZE(places);
    PyObject *hits = PyList_New(0);
    if (hits == NULL) return NULL;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *place = PyList_GET_ITEM(places, k);
        PyObject *tok = NULL;
        if (skip != NULL || strict) {
            if (tokens == NULL) { PyErr_SetString(PyExc_TypeError, "no tokens"); goto fail; }
            tok = PyObject_GetItem(tokens, place);
            if (tok == NULL) goto fail;
        }
        if (skip != NULL) {
            PyObject *sentence = PyObject_GetAttr(tok, s_sentence);
            if (sentence == NULL) { Py_DECREF(tok); goto fail; }
            int skipped = PySequence_Contains(skip, sentence);
            Py_DECREF(sentence);
            if (skipped < 0) { Py_DECREF(tok); goto fail; }
            if (skipped) { Py_DECREF(tok); continue; }
        }
        if (strict) {
            PyObject *cues = PyObject_GetAttr(tok, s_negated_by);
            Py_DECREF(tok);
            if (cues == NULL) goto fail;
            int negatable = PyObject_IsTrue(cues);
            Py_DECREF(cues);
            if (negatable < 0) goto fail;
            if (negatable) {
                PyObject *negated = PyObject_CallMethodObjArgs(ev, s_negated, place, place, NULL);
                if (negated == NULL) goto fail;
                int no = PyObject_IsTrue(negated);
                Py_DECREF(negated);
                if (no < 0) goto fail;
                if (no) continue;
            }
        } else {
            Py_XDECREF(tok);
        }
        PyObject *span = PyTuple_Pack(2, place, place);
        if (span == NULL) goto fail;
        int failed = PyList_Append(hits, span);
        Py_DECREF(span);
        if (failed < 0) goto fail;
    }
    if (PyList_GET_SIZE(hits) == 0) { Py_DECREF(hits); return NULL; }
    return hits;
fail:
    Py_DECREF(hits);
    return NULL;
}

/* One OR's hits from its parts' lists (a new reference): None for no part, the one part
 * itself, or every part's hits in one list. NULL on error. */
static PyObject *joined(PyObject *parts) {
    Py_ssize_t count = PyList_GET_SIZE(parts);
    if (count < 2) {
        PyObject *one = count ? PyList_GET_ITEM(parts, 0) : Py_None;
        Py_INCREF(one);
        return one;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *part = PyList_GET_ITEM(parts, k);
        if (!PyList_Check(part)) {
            PyErr_SetString(PyExc_TypeError, "or_hits: a program's hits are not a list");
            return NULL;
        }
        total += PyList_GET_SIZE(part);
    }
    PyObject *out = PyList_New(total);
    if (out == NULL) return NULL;
    Py_ssize_t n = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *part = PyList_GET_ITEM(parts, k);
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(part); j++) {
            PyObject *span = PyList_GET_ITEM(part, j);
            Py_INCREF(span);
            PyList_SET_ITEM(out, n++, span);
        }
    }
    return out;
}

static PyObject *or_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "or_hits(by_word, rest, raws, checks, ev)");
        return NULL;
    }
    PyObject *by_word = args[0], *rest = args[1], *raws = args[2], *checks = args[3],
             *ev = args[4];
    if (!PyDict_Check(by_word) || !PyDict_Check(raws) || !PyList_Check(checks)) {
        PyErr_SetString(PyExc_TypeError, "or_hits: by_word and raws dicts, checks a list");
        return NULL;
    }
    PyObject *parts = PyList_New(0), *analysis = PyObject_GetAttr(ev, s_analysis);
    PyObject *vocab = NULL, *skip = NULL, *tokens = NULL, *common = NULL, *view = NULL,
             *items = NULL, *result = NULL;
    if (parts == NULL || analysis == NULL) goto fail;
    if (PyDict_GET_SIZE(by_word)) {
        vocab = PyObject_GetAttr(analysis, s_vocab);
        if (vocab == Py_None) {
            Py_DECREF(vocab);
            vocab = PyObject_GetAttr(analysis, s_vocabulary);
        }
        if (vocab == NULL) goto fail;
        if (!PyDict_Check(vocab)) {
            PyErr_SetString(PyExc_TypeError, "or_hits: the vocabulary is not a dict");
            goto fail;
        }
        skip = PyObject_GetAttr(ev, s_skip);
        if (skip == NULL) goto fail;
        int skipping = PyObject_IsTrue(skip);
        if (skipping < 0) goto fail;
        if (!skipping) Py_CLEAR(skip);
        PyObject *flag = PyObject_GetAttr(ev, s_affirmed);
        if (flag == NULL) goto fail;
        int strict = PyObject_IsTrue(flag);
        Py_DECREF(flag);
        if (strict < 0) goto fail;
        if (strict) {
            flag = PyObject_GetAttr(ev, s_lenient);
            if (flag == NULL) goto fail;
            int lenient = PyObject_IsTrue(flag);
            Py_DECREF(flag);
            if (lenient < 0) goto fail;
            strict = !lenient;
        }
        /* The words both hold, found from the smaller of the two, before any program
         * runs (as Python's ``vocab.keys() & words``). */
        common = PyList_New(0);
        if (common == NULL) goto fail;
        PyObject *small = vocab, *large = by_word, *key, *value;
        if (PyDict_GET_SIZE(by_word) < PyDict_GET_SIZE(vocab)) { small = by_word; large = vocab; }
        Py_ssize_t at = 0;
        while (PyDict_Next(small, &at, &key, &value)) {
            int has = PyDict_Contains(large, key);
            if (has < 0) goto fail;
            if (has && PyList_Append(common, key) < 0) goto fail;
        }
        if (PyList_GET_SIZE(common) && (skip != NULL || strict)) {
            tokens = PyObject_GetAttr(analysis, s_tokens);
            if (tokens == NULL) goto fail;
        }
        for (Py_ssize_t w = 0; w < PyList_GET_SIZE(common); w++) {
            PyObject *word = PyList_GET_ITEM(common, w);
            PyObject *entry = PyDict_GetItemWithError(by_word, word);
            if (entry == NULL) {
                if (PyErr_Occurred()) goto fail;
                continue;
            }
            Py_INCREF(entry);
            PyObject *terms_obj, *phrases;
            if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 2) {
                Py_DECREF(entry);
                PyErr_SetString(PyExc_TypeError, "or_hits: an entry is not (terms, phrases)");
                goto fail;
            }
            terms_obj = PyTuple_GET_ITEM(entry, 0);
            phrases = PyTuple_GET_ITEM(entry, 1);
            Py_ssize_t terms = PyLong_AsSsize_t(terms_obj);
            if (terms == -1 && PyErr_Occurred()) { Py_DECREF(entry); goto fail; }
            if (terms) {
                PyObject *places = PyDict_GetItemWithError(vocab, word);
                if (places == NULL && PyErr_Occurred()) { Py_DECREF(entry); goto fail; }
                if (places != NULL && PyList_Check(places) && PyList_GET_SIZE(places)) {
                    Py_INCREF(places);
                    PyObject *hits = word_hits(ev, places, tokens, skip, strict);
                    Py_DECREF(places);
                    if (hits == NULL && PyErr_Occurred()) { Py_DECREF(entry); goto fail; }
                    if (add_part(parts, hits, terms) < 0) { Py_DECREF(entry); goto fail; }
                } else if (places != NULL && !PyList_Check(places)) {
                    Py_DECREF(entry);
                    PyErr_SetString(PyExc_TypeError, "or_hits: a word's places are not a list");
                    goto fail;
                }
            }
            if (!PyList_Check(phrases)) {
                Py_DECREF(entry);
                PyErr_SetString(PyExc_TypeError, "or_hits: phrases are not a list");
                goto fail;
            }
            for (Py_ssize_t p = 0; p < PyList_GET_SIZE(phrases); p++) {
                PyObject *pair = PyList_GET_ITEM(phrases, p);
                Py_INCREF(pair);
                PyObject *needed = PyTuple_GET_ITEM(pair, 1);
                int all = 1;
                for (Py_ssize_t n = 0; n < PyTuple_GET_SIZE(needed); n++) {
                    int has = PyDict_Contains(vocab, PyTuple_GET_ITEM(needed, n));
                    if (has < 0) { Py_DECREF(pair); Py_DECREF(entry); goto fail; }
                    if (!has) { all = 0; break; }
                }
                int failed = all ? run_program(PyTuple_GET_ITEM(pair, 0), ev, parts) : 0;
                Py_DECREF(pair);
                if (failed < 0) { Py_DECREF(entry); goto fail; }
            }
            Py_DECREF(entry);
        }
    }
    if (rest != Py_None) {
        view = PyObject_GetAttr(analysis, s_prefilter);
        if (view == NULL) goto fail;
        if (view == Py_None) {
            for (Py_ssize_t k = 0; k < PyList_GET_SIZE(checks); k++) {
                if (run_program(PyList_GET_ITEM(checks, k), ev, parts) < 0) goto fail;
            }
        } else {
            items = alternatives(view, rest);
            if (items == NULL) goto fail;
            if (!PyList_Check(items)) {
                PyErr_SetString(PyExc_TypeError, "or_hits: alternatives is not a list");
                goto fail;
            }
            for (Py_ssize_t k = 0; k < PyList_GET_SIZE(items); k++) {
                PyObject *ident = PyLong_FromVoidPtr(PyList_GET_ITEM(items, k));
                if (ident == NULL) goto fail;
                PyObject *program = PyDict_GetItemWithError(raws, ident);
                Py_DECREF(ident);
                if (program == NULL) {
                    if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "or_hits: no program");
                    goto fail;
                }
                if (run_program(program, ev, parts) < 0) goto fail;
            }
        }
    }
    result = joined(parts);
fail:
    Py_XDECREF(items);
    Py_XDECREF(view);
    Py_XDECREF(tokens);
    Py_XDECREF(common);
    Py_XDECREF(skip);
    Py_XDECREF(vocab);
    Py_XDECREF(analysis);
    Py_XDECREF(parts);
    return result;
}

/* -- proximity, AND and a concept's memo (speclint.query.program) --------------------
 *
 * near_hits(left, right, pairs, kind, distance, reach, ev) -> list | None
 *
 * The run of a compiled proximity connector with two sides (program._near's ``run``,
 * its Python twin kept there and used without this module or with SPECLINT_PURE_QUERY=1):
 * both sides run with the evaluator lenient (their negated leaf hits kept for the pair to
 * judge), then their hits are paired as Evaluator._pairs pairs them, step for step when a
 * hit has a negation cue of its own, pair by pair when none has (what its windows find).
 * ``kind``: 0 "s", 1 "c", 2 "pre", 3 "w"; ``reach``: analysis.NEGATION_REACH. Sides with
 * more than MOST_PAIRS pairs, or hits that are not plain spans, are handed to ``pairs``
 * (program._pairs's function). A kept hit is in the result once, sorted.
 *
 * blocked_hits, not_hits: a proximity connector whose right side is NOT, and NOT itself.
 *
 * and_hits(items, ev) -> list | None: an AND's items run in turn, None at the first that
 * fails, else their hits in one list (program._and's ``run``); ``items`` is read again by
 * index, since a deferred program puts itself in place while it runs.
 *
 * concept_hits(query, ident, inner, compile, ev) -> list | None: a concept's hits, from the
 * analysis's memo or worked out and kept there (program._concept's ``run``); ``inner``
 * holds the concept's compiled tree once ``compile(query.query)`` has made it.
 */

static PyObject *s_memo;

/* Field ``k`` of a token (see ``fields``), a new reference; read from its slot when the
 * token's class is the one the tokeniser fills slot by slot. */
static PyObject *tok_field(PyObject *tok, int k) {
    if (slotted_type != NULL && Py_TYPE(tok) == slotted_type) {
        PyObject *v = *(PyObject **)((char *)tok + offsets[k]);
        if (v != NULL) {
            Py_INCREF(v);
            return v;
        }
    }
    return PyObject_GetAttrString(tok, fields[k]);
}

/* An int field of token ``i`` of ``tokens``; -1 with an error set on failure. */
static Py_ssize_t tok_int(PyObject *tokens, Py_ssize_t i, int k) {
    if (i < 0 || i >= PyList_GET_SIZE(tokens)) {
        PyErr_SetString(PyExc_IndexError, "near_hits: a hit outside the tokens");
        return -1;
    }
    PyObject *v = tok_field(PyList_GET_ITEM(tokens, i), k);
    if (v == NULL) return -1;
    Py_ssize_t n = PyLong_AsSsize_t(v); /* -1 with an error set on failure */
    Py_DECREF(v);
    return n;
}

/* A hit's two token indices; 0 when ``hit`` is not a pair of ints (no error set). */
static int span_of(PyObject *hit, Py_ssize_t *first, Py_ssize_t *last) {
    if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2) return 0;
    PyObject *a = PyTuple_GET_ITEM(hit, 0), *b = PyTuple_GET_ITEM(hit, 1);
    if (!PyLong_CheckExact(a) || !PyLong_CheckExact(b)) return 0;
    *first = PyLong_AsSsize_t(a);
    *last = PyLong_AsSsize_t(b);
    if (PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return 1;
}

/* Set ev._lenient; -1 on error. */
static int set_lenient(PyObject *ev, PyObject *value) {
    return PyObject_SetAttr(ev, s_lenient, value);
}

/* One hit of a side: its span, its scope (sentence for "s", else clause), its negation cues
 * from outside it (``ncues`` of them from ``cues[cue_at]``), whether it is kept, and the
 * index of the same span on the other side (-1: none). */
typedef struct {
    Py_ssize_t first, last, scope, cue_at, ncues, twin;
    int kept;
    PyObject *hit; /* borrowed from the side's list */
} Hit;

typedef struct {
    Py_ssize_t *at;
    Py_ssize_t size, cap;
} Cues;

static int cues_add(Cues *cues, Py_ssize_t at) {
    if (cues->size == cues->cap) {
        Py_ssize_t cap = cues->cap ? 2 * cues->cap : 16;
        Py_ssize_t *grown = PyMem_Resize(cues->at, Py_ssize_t, cap);
        if (grown == NULL) { PyErr_NoMemory(); return -1; }
        cues->at = grown;
        cues->cap = cap;
    }
    cues->at[cues->size++] = at;
    return 0;
}

/* Evaluator._outside_cues(hit) into ``cues``; -1 on error. */
static int outside_cues(PyObject *tokens, Hit *h, Cues *cues) {
    h->cue_at = cues->size;
    h->ncues = 0;
    for (Py_ssize_t i = h->first; i <= h->last; i++) {
        PyObject *tok = PyList_GET_ITEM(tokens, i);
        PyObject *found = tok_field(tok, 8);
        if (found == NULL) return -1;
        if (!PyTuple_Check(found)) {
            Py_DECREF(found);
            PyErr_SetString(PyExc_TypeError, "near_hits: negated_by is not a tuple");
            return -1;
        }
        Py_ssize_t count = PyTuple_GET_SIZE(found);
        if (count == 0) { Py_DECREF(found); continue; }
        PyObject *pos_obj = tok_field(tok, 6);
        if (pos_obj == NULL) { Py_DECREF(found); return -1; }
        Py_ssize_t pos = PyLong_AsSsize_t(pos_obj);
        Py_DECREF(pos_obj);
        if (pos == -1 && PyErr_Occurred()) { Py_DECREF(found); return -1; }
        for (Py_ssize_t k = 0; k < count; k++) {
            Py_ssize_t cue = PyLong_AsSsize_t(PyTuple_GET_ITEM(found, k));
            if (cue == -1 && PyErr_Occurred()) { Py_DECREF(found); return -1; }
            Py_ssize_t at = i - pos + cue;
            if ((at < h->first || at > h->last) && cues_add(cues, at) < 0) {
                Py_DECREF(found);
                return -1;
            }
        }
        Py_DECREF(found);
    }
    h->ncues = cues->size - h->cue_at;
    return 0;
}

/* ``hits`` sorted, each once (hits.distinct), a new reference. */
static PyObject *distinct_hits(PyObject *hits) {
    if (PyList_GET_SIZE(hits) < 2) return Py_NewRef(hits);
    PyObject *once = PySet_New(hits);
    if (once == NULL) return NULL;
    PyObject *out = PySequence_List(once);
    Py_DECREF(once);
    if (out != NULL && PyList_Sort(out) < 0) Py_CLEAR(out);
    return out;
}

/* Read a side's hits: 1 done, 0 not plain spans in the tokens (Python decides), -1 error. */
static int read_side(PyObject *hits, PyObject *tokens, int field, Hit *out) {
    Py_ssize_t n = PyList_GET_SIZE(hits);
    for (Py_ssize_t k = 0; k < n; k++) {
        Hit *h = &out[k];
        h->hit = PyList_GET_ITEM(hits, k);
        h->ncues = 0;
        h->cue_at = 0;
        h->kept = 0;
        h->twin = -1;
        if (!span_of(h->hit, &h->first, &h->last)) return 0;
        if (h->first < 0 || h->last < h->first || h->last >= PyList_GET_SIZE(tokens)) return 0;
        h->scope = tok_int(tokens, h->first, field);
        if (h->scope == -1 && PyErr_Occurred()) return -1;
    }
    return 1;
}

/* Evaluator._is_close(query, a, b, swapped), ``kind`` as near_hits takes it. */
static inline int is_close(long kind, Py_ssize_t distance, const Hit *a, const Hit *b,
                           int swapped) {
    if (a->scope != b->scope) return 0;
    if (kind <= 1) return 1;
    if (kind == 2) {
        const Hit *first = swapped ? b : a, *second = swapped ? a : b;
        Py_ssize_t gap = second->first - first->last;
        return gap > 0 && gap <= distance;
    }
    Py_ssize_t gap = b->first - a->last, back = a->first - b->last;
    return (gap > back ? gap : back) <= distance;
}

/* Whether every cue of ``h`` lies in ``span``. */
static inline int cues_in(const Cues *cues, const Hit *h, const Hit *span) {
    for (Py_ssize_t k = 0; k < h->ncues; k++) {
        Py_ssize_t c = cues->at[h->cue_at + k];
        if (c < span->first || c > span->last) return 0;
    }
    return 1;
}

/* hits.apart(a, b). */
static inline int apart(const Hit *a, const Hit *b) {
    if (b->first <= a->first && a->last <= b->last)
        return a->first != b->first && a->last != b->last;
    if (a->first <= b->first && b->last <= a->last)
        return b->first != a->first && b->last != a->last;
    return 1;
}

/* Mark hit ``k`` of side ``s`` kept, and its twin on the other side (``out`` is by span). */
static inline void keep_hit(Hit *sides[2], int s, Py_ssize_t k) {
    sides[s][k].kept = 1;
    if (sides[s][k].twin >= 0) sides[1 - s][sides[s][k].twin].kept = 1;
}

/* Evaluator._pairs when some hit has a cue of its own, step for step: each side in turn,
 * each hit in order, passed over once kept; a hit with no cue kept with a partner with
 * none, else paired with the first hit with cues in reach that it and that pair accept;
 * a hit with cues kept when lenient and a partner leaves a cue for the enclosing
 * connector, else paired with the first partner spanning its cues that accepts it. */
static void pair_with_cues(long kind, Py_ssize_t distance, Py_ssize_t reach_base, int lenient,
                           Hit *sides[2], const Py_ssize_t counts[2], const Cues *cues) {
    Py_ssize_t longest[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        for (Py_ssize_t k = 0; k < counts[s]; k++) {
            Py_ssize_t len = sides[s][k].last - sides[s][k].first;
            if (len > longest[s]) longest[s] = len;
        }
    }
    for (int this = 0; this < 2; this++) {
        int other = 1 - this, swapped = this == 1;
        Hit *mine = sides[this], *theirs = sides[other];
        for (Py_ssize_t k = 0; k < counts[this]; k++) {
            Hit *a = &mine[k];
            if (a->kept) continue;
            Py_ssize_t lo = 0, hi = 0, reach = reach_base + longest[other];
            if (a->ncues == 0) {
                int found = 0;
                for (Py_ssize_t j = 0; j < counts[other] && !found; j++) {
                    found = theirs[j].ncues == 0 && is_close(kind, distance, a, &theirs[j], swapped);
                }
                if (found) {
                    keep_hit(sides, this, k);
                    continue;
                }
            } else {
                if (lenient) {
                    int leaves = 0;
                    for (Py_ssize_t j = 0; j < counts[other] && !leaves; j++) {
                        leaves = is_close(kind, distance, a, &theirs[j], swapped) &&
                                 !cues_in(cues, a, &theirs[j]);
                    }
                    if (leaves) {
                        keep_hit(sides, this, k);
                        continue;
                    }
                }
                lo = hi = cues->at[a->cue_at];
                for (Py_ssize_t c = 1; c < a->ncues; c++) {
                    Py_ssize_t at = cues->at[a->cue_at + c];
                    if (at < lo) lo = at;
                    if (at > hi) hi = at;
                }
            }
            for (Py_ssize_t j = 0; j < counts[other]; j++) {
                Hit *b = &theirs[j];
                if (a->ncues == 0) {
                    if (b->first < a->first - reach || b->first > a->last + reach) continue;
                    if (b->ncues == 0) continue;
                } else if (b->first > lo || b->last < hi) {
                    continue;
                }
                if (!is_close(kind, distance, a, b, swapped)) continue;
                if (cues_in(cues, a, b) && cues_in(cues, b, a) && apart(a, b)) {
                    keep_hit(sides, this, k);
                    keep_hit(sides, other, j);
                    break;
                }
            }
        }
    }
}

/* The pairs' result, ``pairs(ev, left, right) or None``, from Python. */
static PyObject *pairs_in_python(PyObject *pairs, PyObject *ev, PyObject *left,
                                 PyObject *right) {
    PyObject *found = PyObject_CallFunctionObjArgs(pairs, ev, left, right, NULL);
    if (found == NULL) return NULL;
    int any = PyObject_IsTrue(found);
    if (any < 0) { Py_DECREF(found); return NULL; }
    if (!any) { Py_DECREF(found); Py_RETURN_NONE; }
    return found;
}

/* How many pairs near_hits tries in C, at most; with more, Evaluator._pairs's windows. */
#define MOST_PAIRS 65536

static PyObject *near_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "near_hits(left, right, pairs, kind, distance, reach, ev)");
        return NULL;
    }
    PyObject *left = args[0], *right = args[1], *pairs = args[2], *ev = args[6];
    long kind = PyLong_AsLong(args[3]);
    Py_ssize_t distance = PyLong_AsSsize_t(args[4]), reach = PyLong_AsSsize_t(args[5]);
    if (PyErr_Occurred()) return NULL;
    PyObject *saved = PyObject_GetAttr(ev, s_lenient);
    if (saved == NULL) return NULL;
    PyObject *left_hits = NULL, *right_hits = NULL, *result = NULL, *analysis = NULL,
             *tokens = NULL, *kept = NULL, *lists[2] = {NULL, NULL};
    Hit *hits = NULL;
    Cues cues = {NULL, 0, 0};
    if (set_lenient(ev, Py_True) < 0) goto done;
    left_hits = PyObject_CallOneArg(left, ev);
    if (left_hits == NULL) goto done;
    int any = PyObject_IsTrue(left_hits);
    if (any < 0) goto done;
    if (!any) {
        if (set_lenient(ev, saved) == 0) result = Py_NewRef(Py_None);
        goto done;
    }
    right_hits = PyObject_CallOneArg(right, ev);
    if (right_hits == NULL) goto done;
    if (set_lenient(ev, saved) < 0) goto done;
    any = PyObject_IsTrue(right_hits);
    if (any < 0) goto done;
    if (!any) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (!PyList_Check(left_hits) || !PyList_Check(right_hits)) goto python;
    if (PyList_GET_SIZE(left_hits) * PyList_GET_SIZE(right_hits) > MOST_PAIRS) goto python;
    PyObject *flag = PyObject_GetAttr(ev, s_affirmed);
    if (flag == NULL) goto done;
    int strict = PyObject_IsTrue(flag);
    Py_DECREF(flag);
    int lenient = PyObject_IsTrue(saved);
    if (strict < 0 || lenient < 0) goto done;
    analysis = PyObject_GetAttr(ev, s_analysis);
    if (analysis == NULL) goto done;
    tokens = PyObject_GetAttr(analysis, s_tokens);
    if (tokens == NULL) goto done;
    if (!PyList_Check(tokens)) goto python;
    /* Each side sorted, each hit once, as Evaluator._pairs takes them. */
    lists[0] = distinct_hits(left_hits);
    lists[1] = lists[0] == NULL ? NULL : distinct_hits(right_hits);
    if (lists[1] == NULL) goto done;
    Py_ssize_t counts[2] = {PyList_GET_SIZE(lists[0]), PyList_GET_SIZE(lists[1])};
    hits = PyMem_New(Hit, counts[0] + counts[1]);
    if (hits == NULL) { PyErr_NoMemory(); goto done; }
    Hit *sides[2] = {hits, hits + counts[0]};
    int field = kind == 0 ? 4 : 5; /* "s": the sentence; otherwise the clause */
    int ok = read_side(lists[0], tokens, field, sides[0]);
    if (ok == 1) ok = read_side(lists[1], tokens, field, sides[1]);
    if (ok < 0) goto done;
    if (ok == 0) goto python;
    int with_cues = 0;
    if (strict) {
        /* Only a hit of one token that no cue reaches needs no look (as in Python). */
        for (Py_ssize_t k = 0; k < counts[0] + counts[1]; k++) {
            Hit *h = &hits[k];
            if (h->first == h->last) {
                PyObject *found = tok_field(PyList_GET_ITEM(tokens, h->first), 8);
                if (found == NULL) goto done;
                int none = PyTuple_Check(found) && PyTuple_GET_SIZE(found) == 0;
                Py_DECREF(found);
                if (none) continue;
            }
            if (outside_cues(tokens, h, &cues) < 0) goto done;
            if (h->ncues) with_cues = 1;
        }
    }
    if (!with_cues) {
        /* No hit has a cue of its own: a hit is kept when the other side holds a partner
         * (pair by pair, what the windows of Evaluator._pairs find). */
        for (Py_ssize_t i = 0; i < counts[0]; i++) {
            for (Py_ssize_t j = 0; j < counts[1]; j++) {
                if (is_close(kind, distance, &sides[0][i], &sides[1][j], 0))
                    sides[0][i].kept = sides[1][j].kept = 1;
            }
        }
    } else {
        /* The same span on both sides is one hit of ``out``: find each one's twin. */
        for (Py_ssize_t i = 0; i < counts[0]; i++) {
            for (Py_ssize_t j = 0; j < counts[1]; j++) {
                if (sides[0][i].first == sides[1][j].first &&
                    sides[0][i].last == sides[1][j].last) {
                    sides[0][i].twin = j;
                    sides[1][j].twin = i;
                }
            }
        }
        pair_with_cues(kind, distance, reach, lenient, sides, counts, &cues);
    }
    kept = PySet_New(NULL);
    if (kept == NULL) goto done;
    for (Py_ssize_t k = 0; k < counts[0] + counts[1]; k++) {
        if (hits[k].kept && PySet_Add(kept, hits[k].hit) < 0) goto done;
    }
    if (PySet_GET_SIZE(kept) == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    result = PySequence_List(kept);
    if (result != NULL && PyList_Sort(result) < 0) Py_CLEAR(result);
    goto done;
python:
    result = pairs_in_python(pairs, ev, left_hits, right_hits);
done:
    PyMem_Free(hits);
    PyMem_Free(cues.at);
    Py_XDECREF(lists[0]);
    Py_XDECREF(lists[1]);
    Py_XDECREF(kept);
    Py_XDECREF(tokens);
    Py_XDECREF(analysis);
    Py_XDECREF(left_hits);
    Py_XDECREF(right_hits);
    Py_DECREF(saved);
    return result;
}

static PyObject *and_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "and_hits(items: list, ev)");
        return NULL;
    }
    PyObject *items = args[0], *ev = args[1];
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(items); k++) {
        PyObject *program = PyList_GET_ITEM(items, k);
        Py_INCREF(program);
        PyObject *hits = PyObject_CallOneArg(program, ev);
        Py_DECREF(program);
        if (hits == NULL) { Py_DECREF(out); return NULL; }
        if (hits == Py_None) {
            Py_DECREF(hits);
            Py_DECREF(out);
            Py_RETURN_NONE;
        }
        PyObject *seq = PySequence_Fast(hits, "and_hits: a program's hits are not iterable");
        Py_DECREF(hits);
        if (seq == NULL) { Py_DECREF(out); return NULL; }
        int failed = PyList_SetSlice(out, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, seq);
        Py_DECREF(seq);
        if (failed < 0) { Py_DECREF(out); return NULL; }
    }
    return out;
}

static PyObject *concept_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "concept_hits(query, ident, inner: list, compile, ev)");
        return NULL;
    }
    PyObject *query = args[0], *ident = args[1], *inner = args[2], *compile = args[3],
             *ev = args[4];
    PyObject *affirmed = NULL, *lenient = NULL, *skip = NULL, *key = NULL, *analysis = NULL,
             *memo = NULL, *program = NULL, *found = NULL, *result = NULL;
    affirmed = PyObject_GetAttr(ev, s_affirmed);
    lenient = PyObject_GetAttr(ev, s_lenient);
    skip = PyObject_GetAttr(ev, s_skip);
    analysis = PyObject_GetAttr(ev, s_analysis);
    if (affirmed == NULL || lenient == NULL || skip == NULL || analysis == NULL) goto done;
    key = PyTuple_Pack(4, ident, affirmed, lenient, skip);
    if (key == NULL) goto done;
    memo = PyObject_GetAttr(analysis, s_memo);
    if (memo == NULL) goto done;
    if (!PyDict_Check(memo)) {
        PyErr_SetString(PyExc_TypeError, "concept_hits: the memo is not a dict");
        goto done;
    }
    PyObject *known = PyDict_GetItemWithError(memo, key); /* borrowed */
    if (known == NULL && PyErr_Occurred()) goto done;
    if (known != NULL && PyTuple_Check(known) && PyTuple_GET_SIZE(known) == 2 &&
        PyTuple_GET_ITEM(known, 0) == query) {
        result = Py_NewRef(PyTuple_GET_ITEM(known, 1));
        goto done;
    }
    if (PyList_GET_SIZE(inner) == 0) {
        PyObject *tree = PyObject_GetAttr(query, s_query);
        if (tree == NULL) goto done;
        program = PyObject_CallOneArg(compile, tree);
        Py_DECREF(tree);
        if (program == NULL || PyList_Append(inner, program) < 0) goto done;
    } else {
        program = Py_NewRef(PyList_GET_ITEM(inner, 0));
    }
    found = PyObject_CallOneArg(program, ev);
    if (found == NULL) goto done;
    PyObject *entry = PyTuple_Pack(2, query, found);
    if (entry == NULL) goto done;
    int failed = PyDict_SetItem(memo, key, entry);
    Py_DECREF(entry);
    if (failed < 0) goto done;
    result = Py_NewRef(found);
done:
    Py_XDECREF(affirmed);
    Py_XDECREF(lenient);
    Py_XDECREF(skip);
    Py_XDECREF(key);
    Py_XDECREF(analysis);
    Py_XDECREF(memo);
    Py_XDECREF(program);
    Py_XDECREF(found);
    return result;
}

/* checked_hits(query, ident, raw, ev) -> list | None: ``raw(ev)``, unless the unit's
 * pre-filter says ``query`` cannot hold there (program._compile's ``checked``: the node's
 * answer read from the view's table of nodes, or asked of ``view.could_hold``). */
static PyObject *s_nodes, *s_could_hold;

static PyObject *checked_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "checked_hits(query, ident, raw, ev)");
        return NULL;
    }
    PyObject *query = args[0], *ident = args[1], *raw = args[2], *ev = args[3];
    PyObject *analysis = PyObject_GetAttr(ev, s_analysis);
    if (analysis == NULL) return NULL;
    PyObject *view = PyObject_GetAttr(analysis, s_prefilter);
    Py_DECREF(analysis);
    if (view == NULL) return NULL;
    if (view != Py_None) {
        int holds = -1;
        PyObject *nodes = PyObject_GetAttr(view, s_nodes);
        if (nodes == NULL) { Py_DECREF(view); return NULL; }
        PyObject *known = PyDict_Check(nodes) ? PyDict_GetItemWithError(nodes, ident) : NULL;
        if (known == NULL && PyErr_Occurred()) { Py_DECREF(nodes); Py_DECREF(view); return NULL; }
        if (known != NULL && PyTuple_Check(known) && PyTuple_GET_SIZE(known) == 2 &&
            PyTuple_GET_ITEM(known, 0) == query) {
            PyObject *mask = PyTuple_GET_ITEM(known, 1);
            Py_INCREF(mask);
            PyObject *unit = PyObject_GetAttr(view, s_unit);
            PyObject *bit = PyObject_GetAttr(view, s_bit);
            Py_ssize_t at = unit == NULL ? -1 : PyLong_AsSsize_t(unit);
            if (unit != NULL && bit != NULL && !(at == -1 && PyErr_Occurred()))
                holds = mask_has(mask, at, bit);
            Py_XDECREF(unit);
            Py_XDECREF(bit);
            Py_DECREF(mask);
        } else {
            PyObject *answer = PyObject_CallMethodOneArg(view, s_could_hold, query);
            if (answer != NULL) {
                holds = PyObject_IsTrue(answer);
                Py_DECREF(answer);
            }
        }
        Py_DECREF(nodes);
        Py_DECREF(view);
        if (holds < 0) return NULL;
        if (!holds) Py_RETURN_NONE;
    } else {
        Py_DECREF(view);
    }
    return PyObject_CallOneArg(raw, ev);
}

/* not_hits(item, ev) -> [] | None: NOT's run (program._not's ``run``): ``item`` run with
 * the evaluator strict about its leaves' negation; [] when it does not hold. */
static PyObject *not_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "not_hits(item, ev)");
        return NULL;
    }
    PyObject *item = args[0], *ev = args[1];
    PyObject *saved = PyObject_GetAttr(ev, s_lenient);
    if (saved == NULL) return NULL;
    PyObject *hits = NULL;
    if (set_lenient(ev, Py_False) == 0) hits = PyObject_CallOneArg(item, ev);
    if (hits == NULL || set_lenient(ev, saved) < 0) {
        Py_DECREF(saved);
        Py_XDECREF(hits);
        return NULL;
    }
    Py_DECREF(saved);
    int any = PyObject_IsTrue(hits);
    Py_DECREF(hits);
    if (any < 0) return NULL;
    if (any) Py_RETURN_NONE;
    return PyList_New(0);
}

/* blocked_hits(left, blocker, rest, ev) -> list | None: a proximity connector whose right
 * side is NOT (program._near's ``blocked``): the left side's hits and the blocker's, both
 * with the evaluator as it is; with no blocker every left hit is kept, as it is; else
 * ``rest(ev, hits, blocking)`` keeps those with no blocker in reach. */
static PyObject *blocked_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "blocked_hits(left, blocker, rest, ev)");
        return NULL;
    }
    PyObject *left = args[0], *blocker = args[1], *rest = args[2], *ev = args[3];
    PyObject *hits = PyObject_CallOneArg(left, ev);
    if (hits == NULL) return NULL;
    int any = PyObject_IsTrue(hits);
    if (any <= 0) {
        Py_DECREF(hits);
        if (any < 0) return NULL;
        Py_RETURN_NONE;
    }
    PyObject *blocking = PyObject_CallOneArg(blocker, ev);
    if (blocking == NULL) {
        Py_DECREF(hits);
        return NULL;
    }
    any = PyObject_IsTrue(blocking);
    if (any <= 0) {
        Py_DECREF(blocking);
        if (any < 0) { Py_DECREF(hits); return NULL; }
        return hits;
    }
    PyObject *kept = PyObject_CallFunctionObjArgs(rest, ev, hits, blocking, NULL);
    Py_DECREF(blocking);
    Py_DECREF(hits);
    return kept;
}

/* meet_need(candidates, need, context) -> int: Candidates._meet (prefilter.py) step for
 * step, its Python twin kept there as _meet_python and used without this module or with
 * SPECLINT_PURE_QUERY=1. ``context`` is the document's (present, plain, atoms, all): its
 * words (a frozenset), the units of each plain word (a dict filling itself in by
 * __missing__), the units of each atom met so far, and every unit (a bit mask). A need's
 * parts are ORed together as there; ``every``'s parts are met here, without a Python call
 * each; the rarer parts (odd needles, stems, concepts) are asked of the candidates'
 * methods. The result is the same integer, whatever order the words are met in. */
static PyObject *s_parts_attr, *s_parts_method, *s_data, *s_containing, *s_word_method,
    *s_atom_method, *s_of_method, *s_anywhere_method, *s_bar;

typedef struct {
    PyObject *cand, *present, *plain, *atoms, *all;
} MeetContext;

/* found | mask, as a new reference; ``found`` is released (NULL on error). */
static PyObject *or_into(PyObject *found, PyObject *mask) {
    PyObject *joined_mask = PyNumber_Or(found, mask);
    Py_DECREF(found);
    return joined_mask;
}

static PyObject *atom_mask(MeetContext *c, PyObject *atom) {
    PyObject *mask = PyDict_GetItemWithError(c->atoms, atom);
    if (mask != NULL) {
        Py_INCREF(mask);
        return mask;
    }
    if (PyErr_Occurred()) return NULL;
    return PyObject_CallMethodOneArg(c->cand, s_atom_method, atom);
}

/* Candidates._phrase: the units holding every atom (a list or tuple), within ``first``. */
static PyObject *phrase_mask(MeetContext *c, PyObject *atoms, PyObject *first) {
    PyObject *seq = PySequence_Fast(atoms, "a phrase's atoms");
    if (seq == NULL) return NULL;
    PyObject *units = first;
    Py_INCREF(units);
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *mask = atom_mask(c, PySequence_Fast_GET_ITEM(seq, k));
        if (mask == NULL) goto fail;
        PyObject *both = PyNumber_And(units, mask);
        Py_DECREF(mask);
        Py_DECREF(units);
        units = both;
        if (units == NULL) goto fail;
        int any = PyObject_IsTrue(units);
        if (any < 0) goto fail;
        if (!any) {
            Py_DECREF(units);
            Py_DECREF(seq);
            return PyLong_FromLong(0);
        }
    }
    Py_DECREF(seq);
    return units;
fail:
    Py_XDECREF(units);
    Py_DECREF(seq);
    return NULL;
}

static PyObject *meet(MeetContext *c, PyObject *need) {
    PyObject *parts = PyObject_GetAttr(need, s_parts_attr);
    if (parts == NULL) return NULL;
    if (parts == Py_None) {
        Py_DECREF(parts);
        PyObject *data = PyObject_GetAttr(need, s_data);
        if (data == NULL) return NULL;
        int everything = data == Py_True;
        Py_DECREF(data);
        if (everything) {
            Py_INCREF(c->all);
            return c->all; /* needs no word */
        }
        parts = PyObject_CallMethodNoArgs(need, s_parts_method);
        if (parts == NULL) return NULL;
    }
    if (!PyTuple_Check(parts) || PyTuple_GET_SIZE(parts) != 8) {
        Py_DECREF(parts);
        PyErr_SetString(PyExc_TypeError, "a need's parts: a tuple of eight");
        return NULL;
    }
    PyObject *words = PyTuple_GET_ITEM(parts, 0), *odd = PyTuple_GET_ITEM(parts, 1),
             *stems = PyTuple_GET_ITEM(parts, 2), *headed = PyTuple_GET_ITEM(parts, 3),
             *phrases = PyTuple_GET_ITEM(parts, 4), *concepts = PyTuple_GET_ITEM(parts, 5),
             *anywhere = PyTuple_GET_ITEM(parts, 6), *every = PyTuple_GET_ITEM(parts, 7);
    if (!PyTuple_Check(words) || !PyTuple_Check(odd) || !PyTuple_Check(stems) ||
        !PyDict_Check(headed) || !PyTuple_Check(phrases) || !PyTuple_Check(concepts) ||
        !PyTuple_Check(anywhere) || !PyTuple_Check(every)) {
        Py_DECREF(parts);
        PyErr_SetString(PyExc_TypeError, "a need's parts: tuples, and a dict of headed phrases");
        return NULL;
    }
    PyObject *found = PyLong_FromLong(0), *mask = NULL, *units = NULL, *rests = NULL,
             *atoms = NULL;
    if (found == NULL) goto fail;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(words); k++) {
        PyObject *word = PyTuple_GET_ITEM(words, k);
        int has = PySet_Contains(c->present, word);
        if (has < 0) goto fail;
        if (!has) continue;
        mask = PyObject_GetItem(c->plain, word);
        if (mask == NULL) goto fail;
        found = or_into(found, mask);
        Py_CLEAR(mask);
        if (found == NULL) goto fail;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(odd); k++) {
        mask = PyObject_CallMethodOneArg(c->cand, s_containing, PyTuple_GET_ITEM(odd, k));
        if (mask == NULL) goto fail;
        found = or_into(found, mask);
        Py_CLEAR(mask);
        if (found == NULL) goto fail;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(stems); k++) {
        mask = PyObject_CallMethodObjArgs(c->cand, s_word_method, PyTuple_GET_ITEM(stems, k),
                                          Py_True, NULL);
        if (mask == NULL) goto fail;
        found = or_into(found, mask);
        Py_CLEAR(mask);
        if (found == NULL) goto fail;
    }
    Py_ssize_t pos = 0;
    PyObject *head, *written;
    while (PyDict_Next(headed, &pos, &head, &written)) {
        /* A phrase headed by a plain word is looked at only when the document has it. */
        int has = PySet_Contains(c->present, head);
        if (has < 0) goto fail;
        if (!has) continue;
        Py_INCREF(head);
        Py_INCREF(written);
        units = PyObject_GetItem(c->plain, head);
        rests = units == NULL ? NULL : PyUnicode_Split(written, s_bar, -1);
        Py_DECREF(head);
        Py_DECREF(written);
        if (rests == NULL) goto fail;
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(rests); k++) {
            atoms = PyUnicode_Split(PyList_GET_ITEM(rests, k), NULL, -1);
            if (atoms == NULL) goto fail;
            mask = phrase_mask(c, atoms, units);
            Py_CLEAR(atoms);
            if (mask == NULL) goto fail;
            found = or_into(found, mask);
            Py_CLEAR(mask);
            if (found == NULL) goto fail;
        }
        Py_CLEAR(rests);
        Py_CLEAR(units);
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(phrases); k++) {
        mask = phrase_mask(c, PyTuple_GET_ITEM(phrases, k), c->all);
        if (mask == NULL) goto fail;
        found = or_into(found, mask);
        Py_CLEAR(mask);
        if (found == NULL) goto fail;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(concepts); k++) {
        mask = PyObject_CallMethodOneArg(c->cand, s_of_method, PyTuple_GET_ITEM(concepts, k));
        if (mask == NULL) goto fail;
        found = or_into(found, mask);
        Py_CLEAR(mask);
        if (found == NULL) goto fail;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(anywhere); k++) {
        mask = PyObject_CallMethodOneArg(c->cand, s_anywhere_method,
                                         PyTuple_GET_ITEM(anywhere, k));
        if (mask == NULL) goto fail;
        found = or_into(found, mask);
        Py_CLEAR(mask);
        if (found == NULL) goto fail;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(every); k++) {
        PyObject *each = PyTuple_GET_ITEM(every, k);
        if (!PyTuple_Check(each)) {
            PyErr_SetString(PyExc_TypeError, "a need's every: tuples of needs");
            goto fail;
        }
        units = c->all;
        Py_INCREF(units);
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(each); j++) {
            mask = meet(c, PyTuple_GET_ITEM(each, j));
            if (mask == NULL) goto fail;
            PyObject *both = PyNumber_And(units, mask);
            Py_CLEAR(mask);
            Py_DECREF(units);
            units = both;
            if (units == NULL) goto fail;
            int any = PyObject_IsTrue(units);
            if (any < 0) goto fail;
            if (!any) break;
        }
        found = or_into(found, units);
        Py_CLEAR(units);
        if (found == NULL) goto fail;
    }
    Py_DECREF(parts);
    return found;
fail:
    Py_XDECREF(found);
    Py_XDECREF(mask);
    Py_XDECREF(units);
    Py_XDECREF(rests);
    Py_XDECREF(atoms);
    Py_DECREF(parts);
    return NULL;
}

static PyObject *meet_need(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyTuple_Check(args[2]) || PyTuple_GET_SIZE(args[2]) != 4) {
        PyErr_SetString(PyExc_TypeError,
                        "meet_need(candidates, need, (present, plain, atoms, all))");
        return NULL;
    }
    MeetContext c = {args[0], PyTuple_GET_ITEM(args[2], 0), PyTuple_GET_ITEM(args[2], 1),
                     PyTuple_GET_ITEM(args[2], 2), PyTuple_GET_ITEM(args[2], 3)};
    if (!PyAnySet_Check(c.present) || !PyDict_Check(c.plain) || !PyDict_Check(c.atoms)) {
        PyErr_SetString(PyExc_TypeError, "meet_need: a frozenset, a dict and a dict");
        return NULL;
    }
    return meet(&c, args[1]);
}

static PyMethodDef methods[] = {
    {"tokens", tokens, METH_VARARGS,
     "Tokenise lower-cased text sentence by sentence (see analysis._tokenise_python)."},
    {"screen", screen, METH_VARARGS, "A screen for any of a tuple of substrings."},
    {"holds_any", holds_any, METH_VARARGS, "Whether any of a screen's substrings is in a text."},
    {"groups_in", groups_in, METH_VARARGS,
     "The bit mask of the groups with a substring in a text (see substrings.GroupScreen)."},
    {"set_entry_cost", set_entry_cost, METH_O,
     "The cost of one entry of an OR's map from units to items (prefilter._ENTRY_COST)."},
    {"or_hits", (PyCFunction)(void (*)(void))or_hits, METH_FASTCALL,
     "A compiled OR's hits in one unit (see query.program._or)."},
    {"near_hits", (PyCFunction)(void (*)(void))near_hits, METH_FASTCALL,
     "A compiled proximity connector's hits in one unit (see query.program._near)."},
    {"checked_hits", (PyCFunction)(void (*)(void))checked_hits, METH_FASTCALL,
     "A node's hits unless the pre-filter rules it out (see query.program._compile)."},
    {"not_hits", (PyCFunction)(void (*)(void))not_hits, METH_FASTCALL,
     "NOT's hits in one unit (see query.program._not)."},
    {"blocked_hits", (PyCFunction)(void (*)(void))blocked_hits, METH_FASTCALL,
     "A proximity connector's hits with NOT as its right side (see query.program._near)."},
    {"and_hits", (PyCFunction)(void (*)(void))and_hits, METH_FASTCALL,
     "A compiled AND's hits in one unit (see query.program._and)."},
    {"concept_hits", (PyCFunction)(void (*)(void))concept_hits, METH_FASTCALL,
     "A concept's hits in one unit, from the memo or worked out (see query.program._concept)."},
    {"meet_need", (PyCFunction)(void (*)(void))meet_need, METH_FASTCALL,
     "The units a flattened need allows (see query.prefilter.Candidates._meet)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_scan",
    "The tokenising loop of speclint.query.analysis, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__scan(void) {
    static const char *names[6] = {"", "money", "percent", "number", "word", "punct"};
    for (int k = 0; k < 6; k++) {
        kind_names[k] = PyUnicode_InternFromString(names[k]);
        if (kind_names[k] == NULL) return NULL;
    }
    empty_tuple = PyTuple_New(0);
    if (empty_tuple == NULL) return NULL;
    PyObject **strings[] = {&s_analysis, &s_vocab, &s_vocabulary, &s_skip, &s_affirmed,
                            &s_lenient, &s_tokens, &s_sentence, &s_negated_by, &s_prefilter,
                            &s_alternatives, &s_negated, &s_candidates, &s_items_map,
                            &s_query, &s_by_unit, &s_items, &s_spent, &s_size, &s_unit,
                            &s_bit, &s_memo, &s_nodes, &s_could_hold};
    static const char *texts[] = {"analysis", "_vocab", "vocabulary", "skip_sentences",
                                  "affirmed_only", "_lenient", "tokens", "sentence",
                                  "negated_by", "prefilter", "alternatives", "_negated",
                                  "_candidates", "_items", "query", "by_unit", "items",
                                  "spent", "size", "unit", "_bit", "memo", "_nodes",
                                  "could_hold"};
    for (int k = 0; k < 24; k++) {
        *strings[k] = PyUnicode_InternFromString(texts[k]);
        if (*strings[k] == NULL) return NULL;
    }
    PyObject **meet_strings[] = {&s_parts_attr, &s_parts_method, &s_data, &s_containing,
                                 &s_word_method, &s_atom_method, &s_of_method,
                                 &s_anywhere_method, &s_bar};
    static const char *meet_texts[] = {"_parts", "parts", "_data", "_containing", "_word",
                                       "_atom", "_of", "_anywhere", "|"};
    for (int k = 0; k < 9; k++) {
        *meet_strings[k] = PyUnicode_InternFromString(meet_texts[k]);
        if (*meet_strings[k] == NULL) return NULL;
    }
    return PyModule_Create(&module);
}

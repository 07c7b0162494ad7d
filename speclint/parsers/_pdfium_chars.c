/* The per-character pass of speclint.parsers.pdf_chars, compiled.
 *
 * read(textpage, functions, text, transform, cos_r, sin_r, words, normalise,
 *      font_kind, symbol_char) -> list of (text, x0, x1, base, size, bold, space, n)
 *      records (pdf_layout.Char instances once bind() has been called, else tuples),
 *      or None when words is true and a glyph is printed over the one before it
 *      inside a run (the caller then reads the page again character by character).
 *
 * The layout's loops over those records are here too (line, new_line, rows, cells,
 * further down), each the Python loop of pdf_layout it stands in for, step for step;
 * tests/parsers/conftest.py compares them with Python on every page the tests read.
 *
 * It is the loop of pdf_chars._read written in C, step for step, with the same
 * floating-point arithmetic (built with -ffp-contract=off), so that both give the same
 * records: a test compares them on every PDF the tests read. pdfium is called through
 * the addresses of its functions, which pypdfium2 has already loaded; Python is called
 * back only for what Python knows: the text a character contributes (normalise), a
 * font's weight and symbol set (font_kind, once per font name) and a symbol glyph's
 * meaning (symbol_char).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static PyObject *math_hypot; /* math.hypot, loaded with the module */

typedef struct { float left, top, right, bottom; } RectF;
typedef struct { float a, b, c, d, e, f; } MatrixF;

typedef int (*origin_fn)(void *, int, double *, double *);
typedef int (*box_fn)(void *, int, RectF *);
typedef int (*matrix_fn)(void *, int, MatrixF *);
typedef double (*size_fn)(void *, int);
typedef unsigned long (*font_fn)(void *, int, void *, unsigned long, int *);
typedef int (*generated_fn)(void *, int);
typedef void *(*object_fn)(void *, int);

/* The record being built: only the last record is ever extended or trimmed. */
typedef struct {
    int open;
    Py_UCS4 *text;
    Py_ssize_t len, cap;
    double x0, x1, base, size;
    int bold, space;
    long n;
} Record;

static int record_reserve(Record *r, Py_ssize_t extra) {
    if (r->len + extra <= r->cap) return 0;
    Py_ssize_t cap = r->cap ? r->cap : 16;
    while (cap < r->len + extra) cap *= 2;
    Py_UCS4 *grown = PyMem_Realloc(r->text, (size_t)cap * sizeof(Py_UCS4));
    if (grown == NULL) { PyErr_NoMemory(); return -1; }
    r->text = grown;
    r->cap = cap;
    return 0;
}

static int record_append_str(Record *r, PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (record_reserve(r, n) < 0) return -1;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < n; k++) r->text[r->len++] = PyUnicode_READ(kind, data, k);
    return 0;
}

/* The layout's Char class and where each of its slots sits in an instance, once bound
 * (bind()); until then records are returned as tuples. */
static PyTypeObject *char_type;
enum { S_TEXT, S_X0, S_X1, S_BASE, S_SIZE, S_BOLD, S_SPACE, S_N, SLOTS };
static const char *slot_names[SLOTS] = {"text", "x0", "x1", "base", "size", "bold", "space", "n"};
static Py_ssize_t slot_at[SLOTS];
#define SLOT(o, s) (*(PyObject **)((char *)(o) + slot_at[s]))

/* A Char holding these values (new references, all of them stolen), made without
 * running the dataclass's __init__, which only stores them. */
/* Where each of ``names`` (object slots of class ``cls``, called ``what`` in errors) is
 * stored in an instance: the offsets go in ``at``, all or (on an error) none of them.
 * -1 with an exception set if one is missing or not an object slot. */
static int slot_offsets(PyObject *cls, const char *what, const char *const *names, int n,
                        Py_ssize_t *at) {
    Py_ssize_t found[32];
    if (n > (int)(sizeof found / sizeof found[0])) {
        PyErr_SetString(PyExc_SystemError, "too many slots");
        return -1;
    }
    for (int k = 0; k < n; k++) {
        PyObject *descr = PyObject_GetAttrString(cls, names[k]);
        if (descr == NULL) return -1;
        int ok = Py_IS_TYPE(descr, &PyMemberDescr_Type) &&
                 ((PyMemberDescrObject *)descr)->d_member->type == T_OBJECT_EX;
        if (ok) found[k] = ((PyMemberDescrObject *)descr)->d_member->offset;
        Py_DECREF(descr);
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "%s.%s is not a slot", what, names[k]);
            return -1;
        }
    }
    memcpy(at, found, (size_t)n * sizeof found[0]);
    return 0;
}

static PyObject *new_char(PyObject *values[SLOTS]) {
    PyObject *made = NULL;
    for (int k = 0; k < SLOTS; k++)
        if (values[k] == NULL) goto fail;
    made = char_type->tp_alloc(char_type, 0);
    if (made == NULL) goto fail;
    for (int k = 0; k < SLOTS; k++) SLOT(made, k) = values[k];
    return made;
fail:
    for (int k = 0; k < SLOTS; k++) Py_XDECREF(values[k]);
    return NULL;
}

/* Append the open record to the list (a Char once bound, else a tuple), and close it. */
static int record_flush(Record *r, PyObject *out) {
    if (!r->open) return 0;
    r->open = 0;
    PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, r->text, r->len);
    if (text == NULL) return -1;
    PyObject *row;
    if (char_type != NULL) {
        PyObject *bold = r->bold ? Py_True : Py_False;
        PyObject *space = r->space ? Py_True : Py_False;
        Py_INCREF(bold);
        Py_INCREF(space);
        PyObject *values[SLOTS] = {text, PyFloat_FromDouble(r->x0), PyFloat_FromDouble(r->x1),
                                   PyFloat_FromDouble(r->base), PyFloat_FromDouble(r->size),
                                   bold, space, PyLong_FromLong(r->n)};
        row = new_char(values);
    } else {
        row = Py_BuildValue("(NddddOOl)", text, r->x0, r->x1, r->base, r->size,
                            r->bold ? Py_True : Py_False, r->space ? Py_True : Py_False, r->n);
    }
    if (row == NULL) return -1;
    int failed = PyList_Append(out, row);
    Py_DECREF(row);
    return failed;
}

static int record_start(Record *r, PyObject *out, double x0, double x1, double base,
                        double size, int bold, int space) {
    if (record_flush(r, out) < 0) return -1;
    r->open = 1;
    r->len = 0;
    r->x0 = x0; r->x1 = x1; r->base = base; r->size = size;
    r->bold = bold; r->space = space; r->n = 1;
    return 0;
}

/* The run's font size, or the glyph box's height (at least 1) where pdfium has none. */
static inline double glyph_size(double size, const RectF *rect) {
    if (size > 0) return size;
    double height = (double)rect->top - (double)rect->bottom;
    return height > 1.0 ? height : 1.0;
}

static PyObject *read_page(PyObject *self, PyObject *args) {
    unsigned long long page_address;
    PyObject *functions, *text, *normalise, *font_kind, *symbol_char;
    double ux, uy, uc, vx, vy, vc, cos_r, sin_r;
    int words;
    if (!PyArg_ParseTuple(args, "KO!U(dddddd)ddpOOO", &page_address, &PyTuple_Type,
                          &functions, &text, &ux, &uy, &uc, &vx, &vy, &vc, &cos_r, &sin_r,
                          &words, &normalise, &font_kind, &symbol_char))
        return NULL;
    if (PyTuple_GET_SIZE(functions) != 7) {
        PyErr_SetString(PyExc_ValueError, "seven pdfium function addresses expected");
        return NULL;
    }
    void *addresses[7];
    for (int k = 0; k < 7; k++) {
        addresses[k] = PyLong_AsVoidPtr(PyTuple_GET_ITEM(functions, k));
        if (addresses[k] == NULL && PyErr_Occurred()) return NULL;
    }
    origin_fn get_origin = (origin_fn)addresses[0];
    box_fn get_box = (box_fn)addresses[1];
    matrix_fn get_matrix = (matrix_fn)addresses[2];
    size_fn get_size = (size_fn)addresses[3];
    font_fn get_font = (font_fn)addresses[4];
    generated_fn is_generated = (generated_fn)addresses[5];
    object_fn text_object = (object_fn)addresses[6]; /* may be NULL */
    void *raw = (void *)(uintptr_t)page_address;

    int kind = PyUnicode_KIND(text);
    const void *chars = PyUnicode_DATA(text);
    Py_ssize_t count = PyUnicode_GET_LENGTH(text);
    int upright = (ux == 1.0 && uy == 0.0 && vx == 0.0 && vy == -1.0);

    PyObject *out = PyList_New(0);
    PyObject *font_cache = PyDict_New();
    PyObject *symbol = Py_None; /* borrowed from font_cache */
    Record record = {0};
    char small[128];
    char *name = small;
    unsigned long name_cap = sizeof(small);
    if (out == NULL || font_cache == NULL) goto fail;

    double px0 = INFINITY, pbase = INFINITY;
    double px1 = 0.0, psize = 0.0, prise = 0.0, pgap = 0.0;
    Py_UCS4 ptext = 0;      /* the last character kept, when it is one character */
    int ptext_single = 0;
    int pspace = 0;
    Py_ssize_t last_index = -2;
    double size = 0.0;
    int bold = 0, rotated = 0;
    void *last_owner = NULL;
    int have_owner = 0;
    double ox = 0.0, oy = 0.0;
    RectF rect = {0};
    MatrixF matrix = {0};

    for (Py_ssize_t i = 0; i < count; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, chars, i);
        get_origin(raw, (int)i, &ox, &oy);
        double x, base;
        if (upright) {
            x = ox + uc;
            base = vc - oy;
        } else {
            x = ox * ux + oy * uy + uc;
            base = ox * vx + oy * vy + vc;
        }
        if (x > px0) {
            double rise = base - pbase;
            if (-prise < rise && rise < prise) {
                if (x < px1) {
                    px1 = x;
                    if (record.open) record.x1 = x;
                }
                if (ch > 0x20 && ch < 0x7f && !pspace && -0.01 <= rise && rise <= 0.01 &&
                    x - px1 <= pgap && symbol == Py_None) {
                    if (rotated) continue;
                    get_box(raw, (int)i, &rect);
                    double right;
                    if (upright) {
                        double left = rect.left;
                        right = rect.right;
                        right = (right > left ? right : left) + uc;
                    } else {
                        right = (double)rect.left * ux + (double)rect.bottom * uy + uc;
                        double other = (double)rect.right * ux + (double)rect.top * uy + uc;
                        if (other > right) right = other;
                    }
                    double x1 = right < x ? x : right;
                    double char_size = glyph_size(size, &rect);
                    if (words && base == pbase && char_size == psize && record.open) {
                        if (ptext_single && ch == ptext && fabs(x - px0) < 0.1 * char_size) {
                            Py_DECREF(out);
                            out = Py_None;
                            Py_INCREF(out);
                            goto done;
                        }
                        if (record_reserve(&record, 1) < 0) goto fail;
                        record.text[record.len++] = ch;
                        record.x1 = x1;
                        record.n += 1;
                        px0 = x;
                        px1 = x1;
                        ptext = ch;
                        ptext_single = 1;
                    } else {
                        if (record_start(&record, out, x, x1, base, char_size, bold, 0) < 0)
                            goto fail;
                        if (record_reserve(&record, 1) < 0) goto fail;
                        record.text[record.len++] = ch;
                        px0 = x; px1 = x1; pbase = base;
                        ptext = ch;
                        ptext_single = 1;
                        if (char_size != psize) {
                            psize = char_size;
                            prise = 0.4 * char_size;
                            pgap = 0.15 * char_size;
                        }
                    }
                    last_index = i;
                    continue;
                }
            }
        } else if (x == px0 && base == pbase && last_index == i - 1) {
            PyObject *extra = PyObject_CallFunction(normalise, "(C)", (int)ch);
            if (extra == NULL) goto fail;
            if (extra != Py_None && PyUnicode_GET_LENGTH(extra) > 0 &&
                !(PyUnicode_GET_LENGTH(extra) == 1 && PyUnicode_READ_CHAR(extra, 0) == ' ')) {
                if (record.open && record_append_str(&record, extra) < 0) {
                    Py_DECREF(extra);
                    goto fail;
                }
                Py_DECREF(extra);
                ptext_single = 0;
                last_index = i;
                continue;
            }
            Py_DECREF(extra);
        }
        int plain = ch > 0x20 && ch < 0x7f;
        PyObject *norm;
        if (plain || ch == ' ') { /* normalise(" ") is " ", checked where this is loaded */
            norm = PyUnicode_FromOrdinal((int)ch);
        } else {
            norm = PyObject_CallFunction(normalise, "(C)", (int)ch);
        }
        if (norm == NULL) goto fail;
        if (norm == Py_None && !(ch >= 0xF000 && ch <= 0xF0FF)) {
            Py_DECREF(norm);
            continue; /* a private-use code is kept until its font is known */
        }
        int space = norm != Py_None && PyUnicode_GET_LENGTH(norm) == 1 &&
                    PyUnicode_READ_CHAR(norm, 0) == ' ';
        if (space) {
            if (is_generated(raw, (int)i)) {
                Py_DECREF(norm);
                continue;
            }
        } else {
            void *owner = text_object != NULL ? text_object(raw, (int)i) : NULL;
            if (owner == NULL || !have_owner || owner != last_owner) {
                last_owner = owner;
                have_owner = owner != NULL;
                get_matrix(raw, (int)i, &matrix);
                double along = (double)matrix.a * cos_r + (double)matrix.b * sin_r;
                double across = (double)matrix.b * cos_r - (double)matrix.a * sin_r;
                rotated = along <= 0 || fabs(across) > 0.05 * along;
                double c = matrix.c, d = matrix.d, norm_cd;
                if (c == 0.0 || d == 0.0) {
                    norm_cd = fabs(c) + fabs(d);
                } else {
                    /* The C library's hypot and math.hypot differ in the last bit for
                     * some pairs: ask Python's, as the Python loop does. */
                    PyObject *h = PyObject_CallFunction(math_hypot, "dd", c, d);
                    norm_cd = h != NULL ? PyFloat_AsDouble(h) : -1.0;
                    Py_XDECREF(h);
                    if (norm_cd == -1.0 && PyErr_Occurred()) { Py_DECREF(norm); goto fail; }
                }
                size = get_size(raw, (int)i) * norm_cd;
                int flags = 0;
                unsigned long needed = get_font(raw, (int)i, name, name_cap, &flags);
                if (needed > name_cap) {
                    char *bigger = PyMem_Malloc(needed);
                    if (bigger == NULL) { Py_DECREF(norm); PyErr_NoMemory(); goto fail; }
                    if (name != small) PyMem_Free(name);
                    name = bigger;
                    name_cap = needed;
                    if (get_font(raw, (int)i, name, name_cap, &flags) != needed) needed = 0;
                }
                PyObject *key = PyBytes_FromString(needed == 0 ? "" : name);
                if (key == NULL) { Py_DECREF(norm); goto fail; }
                PyObject *cached = PyDict_GetItemWithError(font_cache, key);
                if (cached == NULL) {
                    if (PyErr_Occurred()) { Py_DECREF(key); Py_DECREF(norm); goto fail; }
                    cached = PyObject_CallOneArg(font_kind, key);
                    if (cached == NULL || !PyTuple_Check(cached) || PyTuple_GET_SIZE(cached) != 2) {
                        if (cached != NULL) {
                            Py_DECREF(cached);
                            PyErr_SetString(PyExc_TypeError, "font_kind must return a pair");
                        }
                        Py_DECREF(key);
                        Py_DECREF(norm);
                        goto fail;
                    }
                    int stored = PyDict_SetItem(font_cache, key, cached);
                    Py_DECREF(cached); /* the dictionary holds it */
                    if (stored < 0) { Py_DECREF(key); Py_DECREF(norm); goto fail; }
                }
                Py_DECREF(key);
                bold = PyObject_IsTrue(PyTuple_GET_ITEM(cached, 0));
                if (bold < 0) { Py_DECREF(norm); goto fail; }
                symbol = PyTuple_GET_ITEM(cached, 1);
            }
        }
        if (rotated) {
            Py_DECREF(norm);
            continue; /* rotated text (a "DRAFT" watermark, a vertical label) */
        }
        if (symbol != Py_None && !space) {
            Py_DECREF(norm);
            norm = PyObject_CallFunction(symbol_char, "(CO)", (int)ch, symbol);
            if (norm == NULL) goto fail;
        }
        if (norm == Py_None) {
            Py_DECREF(norm);
            continue;
        }
        get_box(raw, (int)i, &rect);
        double a = (double)rect.left * ux + (double)rect.bottom * uy + uc;
        double b = (double)rect.right * ux + (double)rect.top * uy + uc;
        double right = a >= b ? a : b;
        double x1 = right < x ? x : right;
        double char_size = glyph_size(size, &rect);
        if (record_start(&record, out, x, x1, base, char_size, bold && !space, space) < 0 ||
            record_append_str(&record, norm) < 0) {
            Py_DECREF(norm);
            goto fail;
        }
        px0 = x; px1 = x1; pbase = base;
        ptext_single = PyUnicode_GET_LENGTH(norm) == 1;
        ptext = ptext_single ? PyUnicode_READ_CHAR(norm, 0) : 0;
        pspace = space;
        Py_DECREF(norm);
        if (char_size != psize) {
            psize = char_size;
            prise = 0.4 * char_size;
            pgap = 0.15 * char_size;
        }
        last_index = i;
    }
    if (record_flush(&record, out) < 0) goto fail;
done:
    PyMem_Free(record.text);
    if (name != small) PyMem_Free(name);
    Py_DECREF(font_cache);
    return out;
fail:
    PyMem_Free(record.text);
    if (name != small) PyMem_Free(name);
    Py_XDECREF(font_cache);
    Py_XDECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ the layout's loops
 *
 * bind(Char, raised) makes read() return Char instances and lets line() and rows() read
 * them; ``raised(ch, prev)`` is pdf_layout's test for a raised note reference, called
 * only where the sizes and baselines already say it may be one.
 */
static PyObject *raised_test;

static PyObject *bind(PyObject *self, PyObject *args) {
    PyObject *cls, *raised;
    if (!PyArg_ParseTuple(args, "O!O", &PyType_Type, &cls, &raised)) return NULL;
    if (slot_offsets(cls, "Char", slot_names, SLOTS, slot_at) < 0) return NULL;
    Py_INCREF(cls);
    Py_XSETREF(char_type, (PyTypeObject *)cls);
    Py_INCREF(raised);
    Py_XSETREF(raised_test, raised);
    Py_RETURN_NONE;
}

/* A character's measures, when it is a Char of plain floats, bools and an int (every
 * reading path makes them so); 0 when not, and the caller leaves it to Python. */
typedef struct {
    PyObject *obj, *text;
    double x0, x1, base, size;
    int bold, space;
    long n;
} Measures;

static int measures(PyObject *ch, Measures *m) {
    if (char_type == NULL || !Py_IS_TYPE(ch, char_type)) return 0;
    PyObject *x0 = SLOT(ch, S_X0), *x1 = SLOT(ch, S_X1), *base = SLOT(ch, S_BASE),
             *size = SLOT(ch, S_SIZE), *bold = SLOT(ch, S_BOLD), *space = SLOT(ch, S_SPACE),
             *n = SLOT(ch, S_N), *text = SLOT(ch, S_TEXT);
    if (x0 == NULL || x1 == NULL || base == NULL || size == NULL || bold == NULL ||
        space == NULL || n == NULL || text == NULL)
        return 0;
    if (!PyFloat_CheckExact(x0) || !PyFloat_CheckExact(x1) || !PyFloat_CheckExact(base) ||
        !PyFloat_CheckExact(size) || !PyBool_Check(bold) || !PyBool_Check(space) ||
        !PyLong_CheckExact(n) || !PyUnicode_CheckExact(text))
        return 0;
    m->obj = ch;
    m->text = text;
    m->x0 = PyFloat_AS_DOUBLE(x0);
    m->x1 = PyFloat_AS_DOUBLE(x1);
    m->base = PyFloat_AS_DOUBLE(base);
    m->size = PyFloat_AS_DOUBLE(size);
    /* A NaN sorts and compares unlike any number: Python reads such a line. */
    if (isnan(m->x0) || isnan(m->x1) || isnan(m->base) || isnan(m->size)) return 0;
    m->bold = bold == Py_True;
    m->space = space == Py_True;
    m->n = PyLong_AsLong(n);
    if (m->n == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return m->n >= 1;
}

/* Every character of the list ``chars`` measured into ``all``; 0 (and None put in
 * ``*result``) when one is not a plain Char, for the caller to leave it to Python. */
static int measured(PyObject *chars, Measures *all, PyObject **result) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(chars); i++) {
        if (!measures(PyList_GET_ITEM(chars, i), &all[i])) {
            *result = Py_None;
            Py_INCREF(Py_None);
            return 0;
        }
    }
    return 1;
}

typedef struct {
    double value;
    long count;
} Weighted;

static int compare_weighted(const void *a, const void *b) {
    double x = ((const Weighted *)a)->value, y = ((const Weighted *)b)->value;
    return (x > y) - (x < y);
}

/* The distinct sizes of a line's characters, in the order first met, with the object
 * each was first met as (a dict's key keeps the first object put in under it). */
typedef struct {
    double value;
    PyObject *key;
    long count;
} SizeCount;

/* line(chars) -> (text, x0, x1, top, cy, bold, segs, sizes), the loop of
 * pdf_layout._measure step for step; None when a character is not a plain Char (see
 * measures()) and Python is to read the line. Raises ValueError for a line with no
 * visible character, as Python does. The median centre is the middle of the sorted
 * centres, each character of a record counted (the same value whatever the sort). */
static PyObject *line(PyObject *self, PyObject *chars) {
    if (!PyList_CheckExact(chars)) Py_RETURN_NONE;
    Py_ssize_t count = PyList_GET_SIZE(chars);
    size_t room = (size_t)(count ? count : 1);
    Measures *all = PyMem_Malloc(sizeof(Measures) * room);
    Weighted *centres = PyMem_Malloc(sizeof(Weighted) * room);
    SizeCount *sizes = PyMem_Malloc(sizeof(SizeCount) * room);
    /* Which characters' text goes into the line, and which have a space put before. */
    char *kept = PyMem_Malloc(room), *spaced = PyMem_Malloc(room);
    PyObject *segs = NULL, *sizes_dict = NULL, *result = NULL;
    if (all == NULL || centres == NULL || sizes == NULL || kept == NULL || spaced == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (!measured(chars, all, &result)) goto done;
    segs = PyList_New(0);
    if (segs == NULL) goto done;
    Measures *prev = NULL;
    int space = 0, bold = 1;
    double x0 = 0.0, x1 = 0.0, top = 0.0, seg0 = 0.0, seg1 = 0.0;
    Py_ssize_t ncentres = 0, nsizes = 0, length = 0;
    long total = 0;
    Py_UCS4 widest = 127;
    memset(kept, 0, room);
    memset(spaced, 0, room);
    for (Py_ssize_t i = 0; i < count; i++) {
        Measures *ch = &all[i];
        if (ch->space) {
            space = prev != NULL;
            continue;
        }
        double size = ch->size, cx0 = ch->x0, cx1 = ch->x1, base = ch->base;
        double ctop = base - 0.8 * size;
        if (prev == NULL) {
            x0 = cx0; x1 = cx1; top = ctop;
            seg0 = cx0; seg1 = cx1;
        } else {
            if (size < 0.75 * prev->size && base < prev->base - 0.15 * prev->size) {
                PyObject *said = PyObject_CallFunctionObjArgs(raised_test, ch->obj, prev->obj, NULL);
                if (said == NULL) goto done;
                int is = PyObject_IsTrue(said);
                Py_DECREF(said);
                if (is < 0) goto done;
                if (is) continue; /* a raised note reference ("days¹") */
            }
            if (fabs(cx0 - prev->x0) < 0.1 * size && fabs(base - prev->base) < 0.1 * size) {
                int same = PyUnicode_Compare(ch->text, prev->text);
                if (same == -1 && PyErr_Occurred()) goto done;
                if (same == 0) continue; /* the same glyph printed twice (fake bold) */
            }
            double psize = prev->size;
            if (space || cx0 - prev->x1 > 0.15 * (size > psize ? size : psize)) {
                spaced[i] = 1;
                length++;
            }
            if (cx0 - seg1 > (size > 6.67 ? 1.2 * size : 8.0)) {
                PyObject *seg = Py_BuildValue("(dd)", seg0, seg1);
                if (seg == NULL || PyList_Append(segs, seg) < 0) {
                    Py_XDECREF(seg);
                    goto done;
                }
                Py_DECREF(seg);
                seg0 = cx0;
            }
            if (cx1 > seg1) seg1 = cx1;
            if (cx0 < x0) x0 = cx0;
            if (cx1 > x1) x1 = cx1;
            if (ctop < top) top = ctop;
        }
        kept[i] = 1;
        length += PyUnicode_GET_LENGTH(ch->text);
        Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(ch->text);
        if (most > widest) widest = most;
        Py_ssize_t k = 0;
        while (k < nsizes && !(sizes[k].value == size)) k++;
        if (k == nsizes) {
            sizes[k].value = size;
            sizes[k].key = SLOT(ch->obj, S_SIZE);
            sizes[k].count = 0;
            nsizes++;
        }
        sizes[k].count += ch->n;
        centres[ncentres].value = base - 0.3 * size;
        centres[ncentres].count = ch->n;
        ncentres++;
        total += ch->n;
        if (bold) bold = ch->bold;
        prev = ch;
        space = 0;
    }
    if (prev == NULL) {
        PyErr_SetString(PyExc_ValueError, "a line needs at least one visible character");
        goto done;
    }
    {
        PyObject *seg = Py_BuildValue("(dd)", seg0, seg1);
        if (seg == NULL || PyList_Append(segs, seg) < 0) {
            Py_XDECREF(seg);
            goto done;
        }
        Py_DECREF(seg);
    }
    sizes_dict = PyDict_New();
    if (sizes_dict == NULL) goto done;
    for (Py_ssize_t k = 0; k < nsizes; k++) {
        PyObject *n = PyLong_FromLong(sizes[k].count);
        if (n == NULL || PyDict_SetItem(sizes_dict, sizes[k].key, n) < 0) {
            Py_XDECREF(n);
            goto done;
        }
        Py_DECREF(n);
    }
    qsort(centres, (size_t)ncentres, sizeof(Weighted), compare_weighted);
    long middle = total / 2, seen = 0;
    double cy = centres[ncentres - 1].value;
    for (Py_ssize_t k = 0; k < ncentres; k++) {
        seen += centres[k].count;
        if (seen > middle) {
            cy = centres[k].value;
            break;
        }
    }
    PyObject *text = PyUnicode_New(length, widest);
    if (text == NULL) goto done;
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (spaced[i]) PyUnicode_WRITE(PyUnicode_KIND(text), PyUnicode_DATA(text), at++, ' ');
        if (kept[i]) {
            Py_ssize_t n = PyUnicode_GET_LENGTH(all[i].text);
            if (PyUnicode_CopyCharacters(text, at, all[i].text, 0, n) < 0) {
                Py_DECREF(text);
                goto done;
            }
            at += n;
        }
    }
    result = Py_BuildValue("(NddddOOO)", text, x0, x1, top, cy, bold ? Py_True : Py_False,
                           segs, sizes_dict);
done:
    PyMem_Free(all);
    PyMem_Free(centres);
    PyMem_Free(sizes);
    PyMem_Free(kept);
    PyMem_Free(spaced);
    Py_XDECREF(segs);
    Py_XDECREF(sizes_dict);
    return result;
}

typedef struct {
    double key;
    Py_ssize_t at;
} Keyed;

/* Sort ``items`` by key, stably (as Python's sort), merging the runs already in order:
 * a page's characters come mostly in reading order, so there are few. ``spare`` has
 * room for ``n`` items. */
static void stable_sort(Keyed *items, Keyed *spare, Py_ssize_t n) {
    if (n < 2) return;
    Py_ssize_t *starts = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    if (starts == NULL) { /* no room: insertion sort, stable too */
        for (Py_ssize_t i = 1; i < n; i++) {
            Keyed item = items[i];
            Py_ssize_t j = i;
            while (j > 0 && items[j - 1].key > item.key) {
                items[j] = items[j - 1];
                j--;
            }
            items[j] = item;
        }
        return;
    }
    Py_ssize_t runs = 0;
    starts[runs++] = 0;
    for (Py_ssize_t i = 1; i < n; i++)
        if (items[i].key < items[i - 1].key) starts[runs++] = i;
    starts[runs] = n;
    Keyed *from = items, *to = spare;
    while (runs > 1) {
        Py_ssize_t merged = 0;
        for (Py_ssize_t r = 0; r < runs; r += 2) {
            Py_ssize_t lo = starts[r], mid = starts[r + 1 < runs ? r + 1 : runs];
            Py_ssize_t hi = r + 1 < runs ? starts[r + 2] : mid;
            Py_ssize_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) to[k++] = from[j].key < from[i].key ? from[j++] : from[i++];
            while (i < mid) to[k++] = from[i++];
            while (j < hi) to[k++] = from[j++];
            starts[merged++] = lo;
        }
        starts[merged] = n;
        runs = merged;
        Keyed *swap = from;
        from = to;
        to = swap;
    }
    if (from != items) memcpy(items, from, sizeof(Keyed) * (size_t)n);
    PyMem_Free(starts);
}

/* rows(chars) -> list of rows, the loop of pdf_layout.group_rows step for step; None
 * when a character is not a plain Char (see measures()). */
static PyObject *rows(PyObject *self, PyObject *chars) {
    PyObject *items = PySequence_List(chars);
    if (items == NULL) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(items);
    Measures *all = PyMem_Malloc(sizeof(Measures) * (size_t)(count ? count : 1));
    Keyed *order = PyMem_Malloc(sizeof(Keyed) * (size_t)(count ? count : 1));
    Keyed *spare = PyMem_Malloc(sizeof(Keyed) * (size_t)(count ? count : 1));
    PyObject *result = NULL, *grouped = NULL, *row = NULL;
    if (all == NULL || order == NULL || spare == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (!measured(items, all, &result)) goto done;
    for (Py_ssize_t i = 0; i < count; i++) {
        order[i].key = all[i].base;
        order[i].at = i;
    }
    stable_sort(order, spare, count);
    grouped = PyList_New(0);
    if (grouped == NULL) goto done;
    double row_cy = 0.0, row_size = 0.0;
    Py_ssize_t row_len = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Measures *ch = &all[order[k].at];
        double ch_size = ch->size, base = ch->base;
        double size = ch_size > row_size ? ch_size : row_size;
        if (row_len && fabs(base - row_cy) <= 0.4 * size) {
            if (PyList_Append(row, ch->obj) < 0) goto done;
            row_len++;
            if (ch_size > row_size && !ch->space) row_size = ch_size;
            continue;
        }
        if (ch->space && !row_len) continue;
        row = PyList_New(0);
        if (row == NULL) goto done;
        int failed = PyList_Append(grouped, row);
        Py_DECREF(row); /* grouped holds it */
        if (failed < 0 || PyList_Append(row, ch->obj) < 0) goto done;
        row_len = 1;
        row_cy = base;
        row_size = ch_size;
    }
    result = PyList_New(0);
    if (result == NULL) goto done;
    Py_ssize_t nrows = PyList_GET_SIZE(grouped);
    for (Py_ssize_t r = 0; r < nrows; r++) {
        PyObject *one = PyList_GET_ITEM(grouped, r);
        Py_ssize_t n = PyList_GET_SIZE(one);
        int visible = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *ch = PyList_GET_ITEM(one, k);
            order[k].key = PyFloat_AS_DOUBLE(SLOT(ch, S_X0));
            order[k].at = k;
            if (SLOT(ch, S_SPACE) != Py_True) visible = 1;
        }
        if (!visible) continue;
        stable_sort(order, spare, n);
        PyObject *sorted = PyList_New(n);
        if (sorted == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *ch = PyList_GET_ITEM(one, order[k].at);
            Py_INCREF(ch);
            PyList_SET_ITEM(sorted, k, ch);
        }
        int failed = PyList_Append(result, sorted);
        Py_DECREF(sorted);
        if (failed < 0) {
            Py_CLEAR(result);
            goto done;
        }
    }
done:
    PyMem_Free(all);
    PyMem_Free(order);
    PyMem_Free(spare);
    Py_XDECREF(grouped);
    Py_DECREF(items);
    return result;
}

/* cells(chars, tables) -> (body, buckets, in_table), the loop of pdf_layout.split_tables
 * that sorts a page's characters into table cells, step for step; None when a character
 * is not a plain Char (see measures()) or a box is not numbers. ``tables`` holds per
 * table (bbox, rows), each row (r, low, high, cells), each cell (c, box); ``buckets``
 * holds per table a dict from (r, c) to the cell's characters. */
typedef struct {
    double x0, top, x1, bottom;
    PyObject *key; /* (r, c) */
} CellBox;
typedef struct {
    double low, high;
    Py_ssize_t first, count; /* its cells in the table's CellBox array */
} RowBand;
typedef struct {
    double x0, top, x1, bottom;
    CellBox *cells;
    RowBand *rows;
    Py_ssize_t nrows;
} TableBox;

static int four(PyObject *box, double out[4]) {
    if (!PyTuple_Check(box) || PyTuple_GET_SIZE(box) != 4) return 0;
    for (int k = 0; k < 4; k++) {
        PyObject *v = PyTuple_GET_ITEM(box, k);
        if (!PyFloat_CheckExact(v) && !PyLong_CheckExact(v)) return 0;
        out[k] = PyFloat_AsDouble(v);
        if (out[k] == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            return 0;
        }
    }
    return 1;
}

static PyObject *cells(PyObject *self, PyObject *args) {
    PyObject *chars, *tables;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &chars, &PyList_Type, &tables))
        return NULL;
    Py_ssize_t ntables = PyList_GET_SIZE(tables), count = PyList_GET_SIZE(chars);
    TableBox *boxes = PyMem_Calloc((size_t)(ntables ? ntables : 1), sizeof(TableBox));
    PyObject *body = PyList_New(0), *buckets = PyList_New(0), *in_table = PyList_New(0);
    PyObject *result = NULL;
    if (boxes == NULL) PyErr_NoMemory();
    if (boxes == NULL || body == NULL || buckets == NULL || in_table == NULL) goto done;
    for (Py_ssize_t t = 0; t < ntables; t++) {
        PyObject *table = PyList_GET_ITEM(tables, t), *rows_list;
        double bbox[4];
        if (!PyTuple_Check(table) || PyTuple_GET_SIZE(table) != 2 ||
            !four(PyTuple_GET_ITEM(table, 0), bbox) ||
            !PyList_Check(rows_list = PyTuple_GET_ITEM(table, 1)))
            goto unread;
        TableBox *tb = &boxes[t];
        tb->x0 = bbox[0]; tb->top = bbox[1]; tb->x1 = bbox[2]; tb->bottom = bbox[3];
        Py_ssize_t nrows = PyList_GET_SIZE(rows_list), ncells = 0;
        for (Py_ssize_t r = 0; r < nrows; r++) {
            PyObject *row = PyList_GET_ITEM(rows_list, r);
            if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) != 4 ||
                !PyList_Check(PyTuple_GET_ITEM(row, 3)))
                goto unread;
            ncells += PyList_GET_SIZE(PyTuple_GET_ITEM(row, 3));
        }
        tb->rows = PyMem_Calloc((size_t)(nrows ? nrows : 1), sizeof(RowBand));
        tb->cells = PyMem_Calloc((size_t)(ncells ? ncells : 1), sizeof(CellBox));
        if (tb->rows == NULL || tb->cells == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        tb->nrows = nrows;
        Py_ssize_t at = 0;
        for (Py_ssize_t r = 0; r < nrows; r++) {
            PyObject *row = PyList_GET_ITEM(rows_list, r);
            PyObject *low = PyTuple_GET_ITEM(row, 1), *high = PyTuple_GET_ITEM(row, 2);
            PyObject *row_cells = PyTuple_GET_ITEM(row, 3);
            if (!(PyFloat_CheckExact(low) || PyLong_CheckExact(low)) ||
                !(PyFloat_CheckExact(high) || PyLong_CheckExact(high)))
                goto unread;
            tb->rows[r].low = PyFloat_AsDouble(low);
            tb->rows[r].high = PyFloat_AsDouble(high);
            if (PyErr_Occurred()) {
                PyErr_Clear();
                goto unread;
            }
            tb->rows[r].first = at;
            tb->rows[r].count = PyList_GET_SIZE(row_cells);
            for (Py_ssize_t c = 0; c < tb->rows[r].count; c++, at++) {
                PyObject *cell = PyList_GET_ITEM(row_cells, c);
                double box[4];
                if (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) != 2 ||
                    !four(PyTuple_GET_ITEM(cell, 1), box))
                    goto unread;
                CellBox *cb = &tb->cells[at];
                cb->x0 = box[0]; cb->top = box[1]; cb->x1 = box[2]; cb->bottom = box[3];
                cb->key = PyTuple_Pack(2, PyTuple_GET_ITEM(row, 0), PyTuple_GET_ITEM(cell, 0));
                if (cb->key == NULL) goto done;
            }
        }
        PyObject *bucket = PyDict_New(), *held = PyList_New(0);
        if (bucket == NULL || held == NULL || PyList_Append(buckets, bucket) < 0 ||
            PyList_Append(in_table, held) < 0) {
            Py_XDECREF(bucket);
            Py_XDECREF(held);
            goto done;
        }
        Py_DECREF(bucket);
        Py_DECREF(held);
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *obj = PyList_GET_ITEM(chars, i);
        Measures m;
        if (!measures(obj, &m)) goto unread;
        double cx = (m.x0 + m.x1) / 2;
        double cy = m.base - 0.3 * m.size; /* Char.cy */
        PyObject *into = body; /* a list, or the cell's key */
        Py_ssize_t owner = -1;
        for (Py_ssize_t t = 0; t < ntables; t++) {
            TableBox *tb = &boxes[t];
            if (!(tb->x0 <= cx && cx <= tb->x1 && tb->top <= cy && cy <= tb->bottom)) continue;
            for (Py_ssize_t r = 0; r < tb->nrows && owner < 0; r++) {
                RowBand *band = &tb->rows[r];
                if (!(band->low <= cy && cy <= band->high)) continue;
                for (Py_ssize_t c = band->first; c < band->first + band->count; c++) {
                    CellBox *cb = &tb->cells[c];
                    if (cb->x0 <= cx && cx <= cb->x1 && cb->top <= cy && cy <= cb->bottom) {
                        into = cb->key;
                        owner = t;
                        break;
                    }
                }
            }
            break; /* the first table whose box holds it takes it, or leaves it as text */
        }
        if (owner < 0) {
            if (PyList_Append(body, obj) < 0) goto done;
            continue;
        }
        PyObject *bucket = PyList_GET_ITEM(buckets, owner);
        PyObject *list = PyDict_GetItemWithError(bucket, into);
        if (list == NULL) {
            if (PyErr_Occurred()) goto done;
            list = PyList_New(0);
            if (list == NULL || PyDict_SetItem(bucket, into, list) < 0) {
                Py_XDECREF(list);
                goto done;
            }
            Py_DECREF(list);
        }
        if (PyList_Append(list, obj) < 0 ||
            PyList_Append(PyList_GET_ITEM(in_table, owner), obj) < 0)
            goto done;
    }
    result = PyTuple_Pack(3, body, buckets, in_table);
    goto done;
unread:
    result = Py_None;
    Py_INCREF(result);
done:
    if (boxes != NULL) {
        for (Py_ssize_t t = 0; t < ntables; t++) {
            TableBox *tb = &boxes[t];
            if (tb->cells != NULL) {
                Py_ssize_t n = 0;
                for (Py_ssize_t r = 0; r < tb->nrows; r++) n += tb->rows[r].count;
                for (Py_ssize_t c = 0; c < n; c++) Py_XDECREF(tb->cells[c].key);
            }
            PyMem_Free(tb->cells);
            PyMem_Free(tb->rows);
        }
        PyMem_Free(boxes);
    }
    Py_XDECREF(body);
    Py_XDECREF(buckets);
    Py_XDECREF(in_table);
    return result;
}

/* ------------------------------------------------------------------ whole lines
 *
 * bind_line(Line, soft_hyphen) lets new_line() build pdf_layout.Line instances: the
 * measures of line() and what Line.__post_init__ does with them (a clause number run
 * into its text, soft hyphens, the line's size), without running the dataclass's
 * __init__, which only stores its arguments.
 */
static PyTypeObject *line_type;
enum { L_CHARS, L_PAGE, L_NUMBER, L_ROLE, L_COLUMN, L_RIGHT, L_TEXT, L_X0, L_X1, L_TOP, L_CY,
       L_SIZE, L_BOLD, L_SEGS, LINE_SLOTS };
static const char *line_names[LINE_SLOTS] = {"chars", "page", "number", "role", "column",
                                             "right_edge", "text", "x0", "x1", "top", "cy",
                                             "size", "bold", "segs"};
static Py_ssize_t line_at[LINE_SLOTS];
#define LSLOT(o, s) (*(PyObject **)((char *)(o) + line_at[s]))

static PyObject *bind_line(PyObject *self, PyObject *cls) {
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "a class expected");
        return NULL;
    }
    if (slot_offsets(cls, "Line", line_names, LINE_SLOTS, line_at) < 0) return NULL;
    Py_INCREF(cls);
    Py_XSETREF(line_type, (PyTypeObject *)cls);
    Py_RETURN_NONE;
}

static inline int ascii_digit(Py_UCS4 c) { return c >= '0' && c <= '9'; }

/* Where the clause number ends in a text that starts "2.2.1crisis": the end of
 * ^([0-9]{1,3}(?:\.[0-9]{1,3})+)(?=[a-z]{3}) (pdf_layout._GLUED_NUMBER), or 0. A run of
 * digits cut short cannot be followed by a letter, so the pattern never backtracks
 * into a match: read straight through. */
static Py_ssize_t glued_number(PyObject *text) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, run = 0, groups = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (i < n && ascii_digit(PyUnicode_READ(kind, data, i))) i++;
    if (i < 1 || i > 3) return 0;
    for (;;) {
        if (i + 1 < n && PyUnicode_READ(kind, data, i) == '.' &&
            ascii_digit(PyUnicode_READ(kind, data, i + 1))) {
            Py_ssize_t start = ++i;
            while (i < n && ascii_digit(PyUnicode_READ(kind, data, i))) i++;
            run = i - start;
            if (run > 3) return 0;
            groups++;
            continue;
        }
        break;
    }
    if (groups < 1 || i + 3 > n) return 0;
    for (Py_ssize_t k = i; k < i + 3; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c < 'a' || c > 'z') return 0;
    }
    return i;
}

/* round(value * 2) / 2 as Python works it out (ties to even); 0 when Python would raise. */
static int half_point(double value, double *out) {
    double twice = value * 2;
    if (!isfinite(twice)) return 0;
    *out = nearbyint(twice) / 2;
    return 1;
}

/* new_line(chars, page, role, column, right_edge) -> a Line, or None when Python is to
 * build it (a character that is not a plain Char, a size Python would not round). */
static PyObject *new_line(PyObject *self, PyObject *args) {
    PyObject *chars, *page, *role, *column, *right_edge;
    if (!PyArg_ParseTuple(args, "OOOOO", &chars, &page, &role, &column, &right_edge))
        return NULL;
    if (line_type == NULL) Py_RETURN_NONE;
    PyObject *measured = line(self, chars);
    if (measured == NULL || measured == Py_None) return measured;
    /* (text, x0, x1, top, cy, bold, segs, sizes) */
    PyObject *text = PyTuple_GET_ITEM(measured, 0), *sizes = PyTuple_GET_ITEM(measured, 7);
    double size = 0.0;
    {
        /* The rounded sizes with their counts; the most common, the larger on a tie. */
        Py_ssize_t pos = 0, nrounded = 0, room = PyDict_GET_SIZE(sizes);
        PyObject *key, *value;
        double *rounded = PyMem_Malloc(sizeof(double) * (size_t)(room ? room : 1));
        long *counts = PyMem_Malloc(sizeof(long) * (size_t)(room ? room : 1));
        int ok = rounded != NULL && counts != NULL;
        while (ok && PyDict_Next(sizes, &pos, &key, &value)) {
            double r;
            long c = PyLong_AsLong(value);
            if (!half_point(PyFloat_AS_DOUBLE(key), &r) || (c == -1 && PyErr_Occurred())) {
                PyErr_Clear();
                ok = 0;
                break;
            }
            Py_ssize_t k = 0;
            while (k < nrounded && rounded[k] != r) k++;
            if (k == nrounded) {
                rounded[k] = r;
                counts[k] = 0;
                nrounded++;
            }
            counts[k] += c;
        }
        if (ok) {
            Py_ssize_t best = 0;
            for (Py_ssize_t k = 1; k < nrounded; k++)
                if (counts[k] > counts[best] ||
                    (counts[k] == counts[best] && rounded[k] > rounded[best]))
                    best = k;
            size = rounded[best];
        }
        PyMem_Free(rounded);
        PyMem_Free(counts);
        if (!ok || nrounded == 0) {
            Py_DECREF(measured);
            Py_RETURN_NONE;
        }
    }
    Py_INCREF(text);
    Py_ssize_t glued = PyUnicode_GET_LENGTH(text) ? glued_number(text) : 0;
    if (glued) {
        /* f"{number} {rest}" */
        PyObject *number = PyUnicode_Substring(text, 0, glued);
        PyObject *rest = PyUnicode_Substring(text, glued, PyUnicode_GET_LENGTH(text));
        PyObject *spaced = number && rest ? PyUnicode_FromFormat("%U %U", number, rest) : NULL;
        Py_XDECREF(number);
        Py_XDECREF(rest);
        Py_SETREF(text, spaced);
        if (text == NULL) {
            Py_DECREF(measured);
            return NULL;
        }
    }
    if (PyUnicode_FindChar(text, 0x00AD, 0, PyUnicode_GET_LENGTH(text), 1) >= 0) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        int at_end = PyUnicode_READ_CHAR(text, n - 1) == 0x00AD;
        PyObject *soft = PyUnicode_FromOrdinal(0x00AD), *none = PyUnicode_New(0, 0);
        PyObject *body = soft && none ? PyUnicode_Replace(text, soft, none, -1) : NULL;
        Py_XDECREF(soft);
        Py_XDECREF(none);
        if (body != NULL && at_end) {
            PyObject *dash = PyUnicode_FromString("-");
            PyObject *joined = dash ? PyUnicode_Concat(body, dash) : NULL;
            Py_XDECREF(dash);
            Py_SETREF(body, joined);
        }
        Py_SETREF(text, body);
        if (text == NULL) {
            Py_DECREF(measured);
            return NULL;
        }
    }
    PyObject *made = line_type->tp_alloc(line_type, 0);
    PyObject *size_obj = PyFloat_FromDouble(size), *zero = PyLong_FromLong(0);
    if (made == NULL || size_obj == NULL || zero == NULL) {
        Py_XDECREF(made);
        Py_XDECREF(size_obj);
        Py_XDECREF(zero);
        Py_DECREF(text);
        Py_DECREF(measured);
        return NULL;
    }
    PyObject *values[LINE_SLOTS] = {
        chars, page, zero, role, column, right_edge, text,
        PyTuple_GET_ITEM(measured, 1), PyTuple_GET_ITEM(measured, 2),
        PyTuple_GET_ITEM(measured, 3), PyTuple_GET_ITEM(measured, 4), size_obj,
        PyTuple_GET_ITEM(measured, 5), PyTuple_GET_ITEM(measured, 6)};
    for (int k = 0; k < LINE_SLOTS; k++) {
        PyObject *v = values[k];
        if (k != L_TEXT && k != L_SIZE && k != L_NUMBER) Py_INCREF(v);
        LSLOT(made, k) = v;
    }
    Py_DECREF(measured);
    return made;
}

static PyMethodDef methods[] = {
    {"read", read_page, METH_VARARGS,
     "Read a pdfium text page's characters as layout records (see pdf_chars._read)."},
    {"bind", bind, METH_VARARGS,
     "bind(Char, raised): return Char records and read them in line() and rows()."},
    {"line", line, METH_O,
     "A line's text and measures from its Char records (see pdf_layout.Line)."},
    {"rows", rows, METH_O,
     "Characters grouped into printed rows (see pdf_layout.group_rows)."},
    {"bind_line", bind_line, METH_O,
     "bind_line(Line): let new_line() build Line instances."},
    {"new_line", new_line, METH_VARARGS,
     "new_line(chars, page, role, column, right_edge): a Line (see pdf_layout.Line)."},
    {"cells", cells, METH_VARARGS,
     "A page's characters sorted into table cells (see pdf_layout.split_tables)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium_chars",
    "The per-character pass of speclint.parsers.pdf_chars, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__pdfium_chars(void) {
    PyObject *math = PyImport_ImportModule("math");
    if (math == NULL) return NULL;
    math_hypot = PyObject_GetAttrString(math, "hypot");
    Py_DECREF(math);
    if (math_hypot == NULL) return NULL;
    return PyModule_Create(&module);
}

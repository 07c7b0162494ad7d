/* The per-character pass of speclint.parsers.pdf_chars, compiled.
 *
 * read(textpage, functions, text, transform, cos_r, sin_r, words, normalise,
 *      font_kind, symbol_char) -> list of (text, x0, x1, base, size, bold, space, n)
 *      tuples, or None when words is true and a glyph is printed over the one before it
 *      inside a run (the caller then reads the page again character by character).
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

/* Append the open record to the list as a tuple, and close it. */
static int record_flush(Record *r, PyObject *out) {
    if (!r->open) return 0;
    r->open = 0;
    PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, r->text, r->len);
    if (text == NULL) return -1;
    PyObject *row = Py_BuildValue("(NddddOOl)", text, r->x0, r->x1, r->base, r->size,
                                  r->bold ? Py_True : Py_False,
                                  r->space ? Py_True : Py_False, r->n);
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

static PyMethodDef methods[] = {
    {"read", read_page, METH_VARARGS,
     "Read a pdfium text page's characters as layout records (see pdf_chars._read)."},
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

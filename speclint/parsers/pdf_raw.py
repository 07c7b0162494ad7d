"""pdfium's C functions, called through plain function pointers.

pypdfium2's bindings check and convert every argument, which costs more than the call
itself when it is made for every character or path segment of a document. These are the
same C functions, reached through their addresses with no argument checks: callers pass
the handles and ``ctypes`` references pdfium expects.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c


def address(function: Any) -> int:
    """The address of the C function behind a pypdfium2 binding (or of a handle)."""
    value = ctypes.cast(function, ctypes.c_void_p).value
    assert value is not None
    return value


def c_function(function: Any, restype: Any) -> Any:
    """The C function behind a pypdfium2 binding, callable without argument checks."""
    return ctypes.CFUNCTYPE(restype)(address(function))


HANDLE = ctypes.POINTER(ctypes.c_ubyte)  # an opaque pdfium handle, passed on as it is

# Page objects and the paths among them (ruled tables, and the cheap test for them).
COUNT_OBJECTS = c_function(pdfium_c.FPDFPage_CountObjects, ctypes.c_int)
GET_OBJECT = c_function(pdfium_c.FPDFPage_GetObject, HANDLE)
FORM_COUNT_OBJECTS = c_function(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
FORM_GET_OBJECT = c_function(pdfium_c.FPDFFormObj_GetObject, HANDLE)
OBJECT_TYPE = c_function(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
OBJECT_MATRIX = c_function(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int)
DRAW_MODE = c_function(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int)
SEGMENT_COUNT = c_function(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
GET_SEGMENT = c_function(pdfium_c.FPDFPath_GetPathSegment, HANDLE)
SEGMENT_POINT = c_function(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
SEGMENT_TYPE = c_function(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
SEGMENT_CLOSE = c_function(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)

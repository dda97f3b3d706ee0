"""The suite's PDFium substitutes fonts only from the folders `make install-test` fills (issue 81): PDFium scans
font folders itself, and fonts-wqy-* / fonts-arphic-* installed beside them changed the final check's pixels and
so its recorded OCR readings.  The pin must have happened before any document was opened: at the import of
``pdfium_reader``, with ``REDACTOR_PDFIUM_FONT_PATHS`` set by tests/conftest.py first."""

from __future__ import annotations

import ctypes
import os

from redactor.verify import pdfium_reader


def test_pdfium_was_given_exactly_the_pinned_font_folders():
    wanted = [p for p in os.environ.get(pdfium_reader.FONT_PATHS_ENV, "").split(os.pathsep) if p]
    assert wanted and all(os.path.isdir(p) for p in wanted)
    assert any(p.endswith("noto") for p in wanted)                  # the CJK fonts the corpus draws with
    bufs, arr = pdfium_reader._PINNED
    given = [ctypes.string_at(arr[k]).decode() for k in range(len(bufs))]
    assert given == wanted and not arr[len(bufs)]                   # the list PDFium reads ends with NULL

"""Decide what an input is before opening it, and reject it with a reason.

Like OCRmyPDF's triage: sniff the bytes, never trust the extension alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from redactor.errors import InputFileError

log = logging.getLogger(__name__)

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED = "pdf, png, jpg, jpeg, tif, tiff"

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)


def classify(path: str | Path) -> str:
    """Return "pdf" or "image", or raise InputFileError naming the reason."""
    p = Path(path)
    if not p.exists():
        raise InputFileError("file not found", path=str(p))
    if not p.is_file():
        raise InputFileError("not a regular file", path=str(p))
    suffix = p.suffix.lower()
    if suffix not in PDF_SUFFIXES | IMAGE_SUFFIXES:
        raise InputFileError(f"unsupported file type {suffix or '(none)'}; supported: {SUPPORTED}", path=str(p))
    try:
        with p.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputFileError(f"cannot read file ({exc.strerror})", path=str(p)) from exc
    if not head:
        raise InputFileError("file is empty (0 bytes)", path=str(p))
    if b"%PDF-" in head:
        if suffix not in PDF_SUFFIXES:
            log.info("PDF content with a %s extension; treating as PDF", suffix)   # no file name: it may carry a name
        return "pdf"
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            return "image"
    if suffix in PDF_SUFFIXES:
        raise InputFileError("not a PDF (no %PDF- header); re-export the document as PDF", path=str(p))
    raise InputFileError(f"not a readable image (expected {SUPPORTED})", path=str(p))


def check_pdf_tail(path: str | Path) -> None:
    """A PDF cut off in transfer lacks its %%EOF marker: reject rather than guess."""
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as fh:
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise InputFileError(
            "PDF is truncated or damaged (no %%EOF at the end); upload the complete file again",
            path=str(p),
        )

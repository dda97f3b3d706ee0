"""One-glyph ActualTexts of a tagged PDF, read from a content stream as Chromium writes it and as MuPDF rewrites it."""

from __future__ import annotations

from redactor.redact.actual_text import _restated, _string_bytes


def test_a_span_around_one_glyph_restates_it_in_hex_and_in_literal_strings():
    chromium = (b"/Span<</ActualText <FEFF9A6C> >> BDC\n/F76 14 Tf\n1 0 0 -1 15.6 612 Tm\n<65> Tj\nEMC\n"
                b"/F77 14 Tf\n13.99 0 Td <91> Tj\n")
    mupdf = b"/Span<</ActualText<FEFF9A6C>>>BDC BT/F76 14 Tf 1 0 0 -1 15.6 612 Tm (e)Tj EMC/F77 14 Tf <91>Tj"
    assert _restated(chromium) == [(b"F76", 0x65, "马")]
    assert _restated(mupdf) == [(b"F76", 0x65, "马")]


def test_spans_over_several_glyphs_or_none_restate_nothing():
    several = b"/Span<</ActualText<FEFF9A6C840D>>>BDC /F1 9 Tf [(a) -20 (b)] TJ EMC"
    removed = b"/Span<</ActualText<FEFF4F55>>>BDC EMC /F1 9 Tf (a)Tj"        # the glyph went with a redaction
    untagged = b"/P<</MCID 3>>BDC /F1 9 Tf (a)Tj EMC"
    assert _restated(several) == []
    assert _restated(removed) == []
    assert _restated(untagged) == []


def test_literal_strings_keep_their_escapes():
    assert _string_bytes(rb"(\(\)\\)") == b"()\\"
    assert _string_bytes(rb"(\101\n)") == b"A\n"
    assert _string_bytes(b"<4 1>") == b"A"

"""ToUnicode CMaps read into code -> text (``redactor/tounicode.py``)."""

from redactor.tounicode import unicode_map

CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <738B>
<0004> <6DD1 73FA>
endbfchar
2 beginbfrange
<0010> <0012> <674E>
<0020> <0021> [<5EFA> <56FD>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def test_chars_ranges_and_arrays() -> None:
    assert unicode_map(CMAP) == {"0003": "王", "0004": "淑珺", "0010": "李", "0011": "杏", "0012": "材",
                                 "0020": "建", "0021": "国"}


def test_one_byte_codes_keep_their_width() -> None:
    cmap = b"1 beginbfchar\n<0a> <9648>\nendbfchar\n1 beginbfrange\n<01> <02> <0041>\nendbfrange"
    assert unicode_map(cmap) == {"0A": "陈", "01": "A", "02": "B"}


def test_targets_written_as_code_points_and_odd_entries_do_not_stop_reading() -> None:
    cmap = (b"2 beginbfrange\n<e752> <e753> <1f100>\n<0001> <0001> <>\nendbfrange\n"
            b"2 beginbfchar\n<0003> <4E2>\n<0004> <738B>\nendbfchar")
    assert unicode_map(cmap) == {"E752": "\U0001f100", "E753": "\U0001f101", "0003": "\u04e2", "0004": "王"}

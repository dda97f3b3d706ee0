"""The final check reads a text layer's signature labels line by line, as policy reads the input's.

Found on the never-tuned variety seed 5813 (``python -m benchmarks.run --subset variety --seed 5813``), applicant
1's landscape 专业技术资格证书: the check joined the whole text layer into one string
(专业技术资格证书持证人签名姓名…), in which the role lexicon cut out no label.  With no label in the text layer the
check took the page for a scan and judged ink by its own OCR, and the bold lines 评审机构 … and 管理号 … beside
持证人签名 -- print -- became "pen strokes": the repair blacked out the reviewing committee's name and the
management number (others' data lost).
"""

from __future__ import annotations

import pymupdf

from redactor.verify.pdfium_reader import open_pdf, read_pages
from redactor.verify.signatures import signature_labels


def _certificate(path: str) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    for x, y, text in ((300, 60, "专业技术资格证书"), (70, 300, "持证人签名"), (260, 120, "姓名"),
                       (260, 275, "评审机构 内蒙古自治区卫生系列高级职称评审委员会"), (260, 308, "管理号 150222197709111892")):
        page.insert_text((x, y), text, fontname="china-s", fontsize=11)
    doc.save(path)


def test_the_holders_signature_label_is_found_in_the_text_layer(tmp_path):
    pdf_path = str(tmp_path / "cert.pdf")
    _certificate(pdf_path)
    with open_pdf(pdf_path) as pdf:
        (page,) = read_pages(pdf, None)
        labels = signature_labels(page)
    assert len(labels) == 1, labels
    own, box = labels[0]
    assert own, "持证人签名 is the holder's -- the applicant's -- signature label"
    assert 60 <= box.x0 <= 80 and 280 <= box.y0 <= 300, box

"""Small synthetic PDFs and people for tests: every value is invented.

ID numbers are built with a valid GB 11643 check digit from a fixed prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
import yaml

from redactor.normalize import id_check_char


def make_id(first17: str) -> str:
    return first17 + id_check_char(first17)


def bad_checksum(valid: str) -> str:
    last = valid[-1]
    repl = "0" if last != "0" else "1"
    return valid[:-1] + repl


@dataclass
class Person:
    name: str = "王淑珺"
    id_number: str = field(default_factory=lambda: make_id("15020219850612152"))
    mobile: str = "13812345678"
    employer: str = "包头钢铁（集团）有限责任公司"
    aliases: tuple[str, ...] = ("包钢集团", "包钢")
    email: str = "wangshujun@example.com"

    def profile(self) -> dict:
        return {
            "name": self.name, "id_number": self.id_number, "phones": [self.mobile],
            "employers": [self.employer, *self.aliases], "emails": [self.email],
        }

    def write_profile(self, path: Path) -> Path:
        path.write_text(yaml.safe_dump(self.profile(), allow_unicode=True), encoding="utf-8")
        return path


APPLICANT = Person()
COLLEAGUE_ID = make_id("15010219790301234")           # another person's valid ID
CONTRACT_NO = bad_checksum(make_id("15020219850612153"))  # 18 digits, checksum fails
OFFICE_LINE = "0472-2181234"


class PdfWriter:
    """Lines of text on A4 pages with PyMuPDF's built-in CJK font."""

    def __init__(self, fontsize: float = 10.5, font: str = "china-s", embed: bool = False) -> None:
        self.doc = pymupdf.open()
        self.embed = embed
        self.page = self._new_page()
        self.y = 60.0
        self.fontsize = fontsize
        self.font = "droid" if embed else font

    def _new_page(self) -> pymupdf.Page:
        page = self.doc.new_page(width=595, height=842)
        if self.embed:   # an embedded TrueType CJK font, as Word/WPS exports have
            page.insert_font(fontname="droid", fontbuffer=pymupdf.Font("china-s").buffer)
        return page

    def line(self, text: str, x: float = 50, gap: float = 1.8, **kw) -> pymupdf.Rect:
        if self.y > 790:
            self.page = self._new_page()
            self.y = 60.0
        self.page.insert_text((x, self.y), text, fontname=kw.pop("fontname", self.font), fontsize=self.fontsize, **kw)
        r = pymupdf.Rect(x, self.y - self.fontsize, x + 10, self.y + 3)
        self.y += self.fontsize * gap
        return r

    def cell(self, rect: tuple[float, float, float, float], text: str) -> None:
        r = pymupdf.Rect(rect)
        self.page.draw_rect(r, color=(0, 0, 0), width=0.6)
        self.page.insert_text((r.x0 + 3, r.y1 - 5), text, fontname=self.font, fontsize=self.fontsize)

    def save(self, path: Path, **meta: str) -> Path:
        if meta:
            self.doc.set_metadata(meta)
        self.doc.save(path)
        self.doc.close()
        return path


Cell = tuple[tuple[float, float], tuple[float, float], str]     # (x0, x1), (y0, y1) under the title, text


def ruled_form(path: Path, cells: list[Cell], title: str = "专业技术职称评审表") -> Path:
    """A form of ruled cells under its title: each cell's columns in points, its rows measured from the title."""
    w = PdfWriter()
    w.line(title, x=220)
    w.y += 10
    top = w.y
    for (x0, x1), (y0, y1), text in cells:
        w.cell((x0, top + y0, x1, top + y1), text)
    return w.save(path)


def application_form(path: Path, p: Person = APPLICANT, embed: bool = False, **meta: str) -> Path:
    """A 评审表-like page: labelled table cells, decoys, a name split and spaced."""
    w = PdfWriter(embed=embed)
    w.line("专业技术职称评审表", x=220)
    w.y += 10
    top = w.y
    w.cell((50, top, 110, top + 24), "姓名")
    w.cell((110, top, 220, top + 24), p.name)
    w.cell((220, top, 300, top + 24), "身份证号")
    w.cell((300, top, 545, top + 24), p.id_number)
    w.cell((50, top + 24, 110, top + 48), "工作单位")
    w.cell((110, top + 24, 545, top + 48), p.employer)
    w.cell((50, top + 48, 110, top + 72), "联系电话")
    w.cell((110, top + 48, 300, top + 72), "138-1234-5678")
    w.cell((300, top + 48, 545, top + 72), f"办公电话 {OFFICE_LINE}")
    w.y = top + 100
    w.line("推荐人：李明华（内蒙古大学）  推荐人身份证号：")
    w.line(COLLEAGUE_ID)
    w.line(f"合同编号：{CONTRACT_NO}")
    w.line("同事：王淑华、王芳芳；合作单位：包头钢铁职业技术学院")
    w.line("申请人王 淑 珺同志现任包钢集团技术中心高级工程师，")
    w.line("联系手机 +86 138 1234 5678，")
    w.line("E-mail: wangshujun@example.com。")
    w.line("本人承诺以上材料真实。申报人王淑")
    w.line("珺同志已阅读并同意。发证机关：内蒙古自治区人力资源和社会保障厅")
    return w.save(path, **meta)


def hostile_pdf(path: Path, p: Person = APPLICANT) -> Path:
    """An application form that also hides the applicant's data everywhere a
    box does not reach: metadata, XMP, a note annotation, a form field, an
    embedded file, an outline, JavaScript, invisible text, text outside the crop
    box and an /ActualText copy in the content stream."""
    tmp = path.with_suffix(".base.pdf")
    application_form(tmp, p, author=p.name, title=f"{p.name} 评审表", subject=p.id_number)
    doc = pymupdf.open(tmp)
    page = doc[0]
    doc.set_xml_metadata(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{p.name} {p.mobile}</dc:creator></x:xmpmeta>')
    page.add_text_annot((500, 40), f"{p.name} {p.id_number}")
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "applicant"
    widget.field_value = p.email
    widget.rect = pymupdf.Rect(50, 700, 300, 720)
    page.add_widget(widget)
    doc.embfile_add("id.txt", p.id_number.encode(), filename="id.txt")
    doc.set_toc([[1, f"{p.name} 的材料", 1]])
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"<</S/JavaScript/JS(app.alert('{p.mobile}'))>>")
    page.insert_text((50, 760), f"隐藏层 {p.name} {p.id_number}", fontname="china-s", fontsize=9, render_mode=3)
    # /ActualText copy of the name around an unrelated glyph run
    hexname = "FEFF" + p.name.encode("utf-16-be").hex().upper()
    xref = page.get_contents()[0]
    stream = doc.xref_stream(xref)
    doc.update_stream(xref, f"/Span <</ActualText <{hexname}>>> BDC ".encode() + stream + b" EMC")
    # a layer that is OFF, and a page label, both carrying the name
    ocg = doc.add_ocg("hidden", on=False)
    page.insert_text((300, 760), f"图层 {p.name}", fontname="china-s", fontsize=9, oc=ocg)
    doc.set_page_labels([{"startpage": 0, "prefix": f"{p.name}-", "style": "D"}])
    # text outside the crop box
    page.insert_text((50, 835), f"{p.name} {p.mobile}", fontname="china-s", fontsize=9)
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 800))
    doc.save(path)
    doc.close()
    tmp.unlink()
    return path

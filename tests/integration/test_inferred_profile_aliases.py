"""Issue 51, "Inferred profile": a profile read from the 评审表 carries every name the documents tie to the
applicant's employer and the 曾用名 printed on the form, for the applicant to confirm -- not only the first
unit, so the short name is not left in the files as someone else's."""

from __future__ import annotations

from tests.synth import APPLICANT, PdfWriter

FORMER_NAME = "王淑君"
SHORT = "包钢集团"


def _form(path) -> None:
    w = PdfWriter()
    w.line("专业技术职称评审表", x=220)
    w.y += 10
    top = w.y
    for (x0, x1), (y0, y1), text in (
            ((50, 110), (0, 24), "姓名"), ((110, 220), (0, 24), APPLICANT.name),
            ((220, 300), (0, 24), "曾用名"), ((300, 400), (0, 24), FORMER_NAME),
            ((50, 110), (24, 48), "工作单位"), ((110, 545), (24, 48), APPLICANT.employer),
            ((50, 160), (72, 96), "推荐人工作单位"), ((160, 545), (72, 96), "内蒙古大学")):
        w.cell((x0, top + y0, x1, top + y1), text)
    w.save(path)


def _summary(path) -> None:
    w = PdfWriter()
    w.line("个人工作总结", x=220)
    w.line(f"本人自2010年起在{APPLICANT.employer}（以下简称“{SHORT}”）技术中心工作。")
    w.line(f"在{SHORT}期间，与内蒙古大学合作完成课题三项。")
    w.save(path)


def test_the_inferred_profile_holds_the_short_name_and_the_former_name(tmp_path, text_pipeline) -> None:
    form, summary = tmp_path / "评审表.pdf", tmp_path / "工作总结.pdf"
    _form(form)
    _summary(summary)
    profile, source = text_pipeline.infer([str(form), str(summary)])
    assert profile.name == APPLICANT.name
    assert profile.employers == (APPLICANT.employer, SHORT)           # official name first, then the alias
    assert profile.name_aliases == (FORMER_NAME,)
    assert "内蒙古大学" not in profile.employers                        # the recommender's unit is not theirs
    assert source.kind == "inferred"

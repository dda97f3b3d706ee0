"""Issue 51, "Inferred profile": a profile read from the 评审表 carries every name the documents tie to the
applicant's employer -- the short name a document defines, the English name of a bilingual letterhead -- and the
曾用名 printed on the form, for the applicant to confirm: not only the first unit, so the other names are not
left in the files as someone else's."""

from __future__ import annotations

from tests.synth import APPLICANT, PdfWriter, ruled_form

FORMER_NAME = "王淑君"
SHORT = "包钢集团"


def _form(path) -> None:
    ruled_form(path, [
        ((50, 110), (0, 24), "姓名"), ((110, 220), (0, 24), APPLICANT.name),
        ((220, 300), (0, 24), "曾用名"), ((300, 400), (0, 24), FORMER_NAME),
        ((50, 110), (24, 48), "工作单位"), ((110, 545), (24, 48), APPLICANT.employer),
        ((50, 160), (72, 96), "推荐人工作单位"), ((160, 545), (72, 96), "内蒙古大学")])


def _summary(path) -> None:
    w = PdfWriter()
    w.line("个人工作总结", x=220)
    w.line(f"本人自2010年起在{APPLICANT.employer}（以下简称“{SHORT}”）技术中心工作。")
    w.line(f"在{SHORT}期间，与内蒙古大学合作完成课题三项。")
    w.save(path)


ENGLISH = "Baotou Iron and Steel (Group) Co., Ltd."


def _letter(path) -> None:
    """A 在职证明 on the employer's bilingual letterhead: the English name right under the Chinese one."""
    w = PdfWriter()
    w.line(APPLICANT.employer, x=180)
    w.line(ENGLISH, x=180)
    w.y += 20
    w.line("在职证明", x=260)
    w.line(f"兹证明{APPLICANT.name}同志系我单位在职职工。")
    w.line("Inner Mongolia University 为合作单位。")
    w.save(path)


def test_the_inferred_profile_holds_the_short_name_and_the_former_name(tmp_path, text_pipeline) -> None:
    form, summary, letter = tmp_path / "评审表.pdf", tmp_path / "工作总结.pdf", tmp_path / "在职证明.pdf"
    _form(form)
    _summary(summary)
    _letter(letter)
    profile, source = text_pipeline.infer([str(form), str(summary), str(letter)])
    assert profile.name == APPLICANT.name
    # official name first, then the short name a document defines and the English name its letterhead prints
    assert profile.employers == (APPLICANT.employer, SHORT, ENGLISH)
    assert profile.name_aliases == (FORMER_NAME,)
    assert "内蒙古大学" not in profile.employers                        # the recommender's unit is not theirs
    assert source.kind == "inferred"


def test_a_header_row_and_a_dotted_name_do_not_make_a_second_applicant(tmp_path, text_pipeline) -> None:
    """A 推荐人 table's header row (姓名 | 工作单位: the cell after 姓名 is another label, not a name) and an applicant
    whose name is written with a middle dot (the word reader splits it) once failed inference on a whole dossier
    ("the forms name 2 different applicants")."""
    dotted = "布和·托娅"
    form = ruled_form(tmp_path / "评审表.pdf", [
        ((50, 110), (0, 24), "姓名"), ((110, 220), (0, 24), dotted),
        ((50, 110), (24, 48), "工作单位"), ((110, 545), (24, 48), "包头市中心医院"),
        ((50, 110), (72, 96), "推荐人"), ((110, 220), (72, 96), "姓名"), ((220, 545), (72, 96), "工作单位"),
        ((110, 220), (96, 120), "李明华"), ((220, 545), (96, 120), "内蒙古大学")])
    w = PdfWriter()                       # a second form whose font dropped the dot: 布和 托娅
    w.line("专业技术职务任职资格送审表", x=200)
    w.line("姓名 布和\u3000托娅    性别 女")
    second = tmp_path / "送审表.pdf"
    w.save(second)
    profile, _ = text_pipeline.infer([str(form), str(second)])
    assert profile.name == dotted
    assert profile.employers == ("包头市中心医院",)


def test_the_applicants_english_name_printed_in_a_paper_is_offered_as_an_english_name(tmp_path, text_pipeline) -> None:
    """Issue 82 item 7: a paper's byline prints the applicant as WANG Shujun; the inferred profile offers it (with
    the 曾用名) for the applicant to confirm -- the co-author's English name is not offered."""
    form = tmp_path / "评审表.pdf"
    _form(form)
    w = PdfWriter()
    w.line("基于深度学习的钢材表面缺陷检测", x=150)
    w.line(f"{APPLICANT.name}  李明华")
    w.line("Surface defect detection of steel based on deep learning", x=120)
    w.line("WANG Shujun, LI Minghua")
    paper = tmp_path / "论文.pdf"
    w.save(paper)
    profile, _ = text_pipeline.infer([str(form), str(paper)])
    assert profile.name_aliases == (FORMER_NAME, "WANG Shujun")
    assert not any("LI" in a or "Minghua" in a for a in profile.name_aliases)


def test_the_confirm_page_calls_latin_aliases_english_names() -> None:
    from redactor.web.jobs import _aliases_read

    assert _aliases_read(("王淑君", "WANG Shujun")) == "，另读到曾用名 1 个、英文名 1 个"
    assert _aliases_read(()) == ""

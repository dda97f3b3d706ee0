"""Another tool's hidden OCR layer read a co-author 何志亮 as 何志 -- the applicant's name -- where our OCR read
何志亮.  The hidden copy's text goes, without a box (the pixels are the co-author's name), and it ties no
picture to the applicant (the co-author's bio portrait beside it stayed).  Where our OCR read the applicant's
name itself, the hidden copy is boxed as before.  Fake names only."""

from __future__ import annotations

from redactor.config import RedactorConfig
from redactor.model import Action, ApplicantProfile, BBox, Finding
from redactor.policy import decide
from redactor.policy.rules import APPLICANT_RECOGNIZER
from redactor.redact import _hidden_copy_of_ocr_value

PROFILE = ApplicantProfile(name="何志", employers=("包头市中心医院",))


def _own(box: BBox, source: str) -> Finding:
    return Finding(page=1, entity_type="PERSON", boxes=(box,), recognizer=APPLICANT_RECOGNIZER, score=1.0,
                   text="何志", start=10, end=12,
                   explanation=(("form_kind", "chinese_name"), ("profile_field", "name"), ("source", source)))


def _other(box: BBox, text: str = "何志亮") -> Finding:
    return Finding(page=1, entity_type="PERSON", boxes=(box,), recognizer="ner.v1", score=0.9, text=text,
                   start=40, end=40 + len(text), explanation=(("source", "ocr"),))


def _decisions(findings):
    return decide(findings, PROFILE, RedactorConfig().policy).decisions


def test_a_hidden_copy_on_another_persons_name_goes_as_text_only():
    hidden = _own(BBox(89, 653, 103, 663), "hidden_layer")
    ds = _decisions([hidden, _other(BBox(88, 651, 113, 666))])
    [d] = [d for d in ds if d.finding.explain("source") == "hidden_layer"]
    assert d.action is Action.REDACT and d.rule == "own.name.hidden_misread"
    assert _hidden_copy_of_ocr_value(d, {})          # redaction removes its text, paints no box


def test_a_hidden_copy_where_our_ocr_read_the_applicant_is_boxed():
    hidden = _own(BBox(81, 110, 102, 123), "hidden_layer")
    ocr_own = _own(BBox(83, 106, 102, 123), "ocr")
    ds = _decisions([hidden, ocr_own, _other(BBox(83, 106, 132, 124), "何志 HE Zhi")])
    [d] = [d for d in ds if d.finding.explain("source") == "hidden_layer"]
    assert d.rule != "own.name.hidden_misread" and not _hidden_copy_of_ocr_value(d, {})


def test_a_text_only_copy_at_a_bio_opening_gives_its_portrait_to_no_one_but_the_co_author():
    """variety seed 89205: the co-author 陈波亮's bio opens beside their portrait; the hidden layer read the name as
    the applicant's 陈波 (a text-only removal) and the portrait went as the applicant's "by the name its bio opens
    with".  A text-only removal says nothing of whose the bio is; the applicant's own name boxed there does."""
    from redactor.ownership.lexicon import Owner
    from redactor.ownership.photos import _bio_beside
    from redactor.ownership.structure import PageStructure

    portrait, opener = BBox(55, 659, 103, 722), BBox(108, 655, 133, 668)
    page = PageStructure(number=1, width=595, height=842, openers=(opener,))
    hidden = _own(BBox(108, 657, 125, 668), "hidden_layer")
    ds = _decisions([hidden, _other(BBox(109, 653, 133, 669))])
    assert any(d.rule == "own.name.hidden_misread" for d in ds), "premise: the copy is a text-only removal"
    assert _bio_beside(portrait, page, ds) is Owner.OTHER_PERSON
    boxed = _decisions([_own(BBox(108, 657, 125, 668), "ocr")])          # our OCR read the applicant there
    assert _bio_beside(portrait, page, boxed) is Owner.APPLICANT


def test_the_final_check_reads_the_same_text_only_removal_from_the_plan_and_from_the_audit():
    """The gate rebuilds the plan's decisions from the plan, ``redactor verify`` from the audit: a text-only removal
    (the audit's ``painted: false``) names nobody's page, group or bio in either -- one answer, as policy's."""
    from redactor.model import RedactionPlan
    from redactor.ownership.photos import applicants_names, subject_is_applicant
    from redactor.ownership.records import from_audit, from_plan, record_of
    from redactor.ownership.structure import PageStructure

    hidden = _own(BBox(108, 657, 125, 668), "hidden_layer")
    ds = _decisions([hidden, _other(BBox(109, 653, 133, 669))])
    plan = RedactionPlan("x.pdf", tuple(ds))
    [i] = [k for k, d in enumerate(plan.redactions) if d.rule == "own.name.hidden_misread"]
    gate = from_plan(plan, unpainted=(i,))
    audit = {"redactions": [record_of(d, painted=k != i) for k, d in enumerate(plan.redactions)],
             "kept": [record_of(d) for d in plan.kept]}
    assert audit["redactions"][i]["painted"] is False
    verify = from_audit(audit)
    page = PageStructure(number=1, width=595, height=842, subject=(BBox(107, 654, 135, 670),))
    for records in (gate, verify):
        assert any(d.finding.explain("text_only") for d in records)
        assert applicants_names(records, 1) == ()
        assert not subject_is_applicant(page, records)
    # the same removal painted (our own OCR read the applicant there): their name stands at the subject's place
    painted = from_plan(plan)
    assert applicants_names(painted, 1) and subject_is_applicant(page, painted)


def test_our_ocr_one_glyph_off_the_applicant_under_their_exact_hidden_name_is_the_applicant():
    """Variety seed 85526 (fresh, never tuned): on a scan with a hidden text layer the layer read the bio's opening
    name as the applicant's exactly, our OCR read the same three characters with one wrong -- another person's
    name, so the hidden copy went as text only and the applicant's bio portrait was kept as the co-author's (a
    silent leak).  One glyph off the applicant's name under their exact name is the applicant's name: removed
    (for review), the hidden copy boxed, the bio and its portrait theirs.  A whole other name stays as before."""
    from redactor.ownership.lexicon import Owner
    from redactor.ownership.photos import _bio_beside
    from redactor.ownership.structure import PageStructure

    profile = ApplicantProfile(name="何志强", employers=("包头市中心医院",))

    def hidden(box):
        return Finding(page=1, entity_type="PERSON", boxes=(box,), recognizer=APPLICANT_RECOGNIZER, score=1.0,
                       text="何志强", start=10, end=13,
                       explanation=(("form_kind", "chinese_name"), ("profile_field", "name"),
                                    ("source", "hidden_layer")))

    portrait, opener = BBox(46, 587, 94, 649), BBox(101, 583, 125, 597)
    page = PageStructure(number=1, width=595, height=842, openers=(opener,))
    ds = decide([hidden(BBox(100, 585, 125, 596)), _other(BBox(101, 583, 125, 597), "何志蔷")], profile,
                RedactorConfig().policy).decisions
    [ocr] = [d for d in ds if d.finding.explain("source") == "ocr"]
    assert ocr.action is Action.REDACT and ocr.rule == "own.name.ocr_misread" and ocr.needs_review
    assert not any(d.rule == "own.name.hidden_misread" for d in ds)
    assert _bio_beside(portrait, page, ds) is Owner.APPLICANT
    # our OCR's reading differs in two characters: a whole other name, the hidden copy text only
    ds = decide([hidden(BBox(100, 585, 125, 596)), _other(BBox(101, 583, 125, 597), "何立蔷")], profile,
                RedactorConfig().policy).decisions
    assert any(d.rule == "own.name.hidden_misread" for d in ds)
    assert _bio_beside(portrait, page, ds) is Owner.OTHER_PERSON
    # a two-character name one glyph off shares one character in place: below the bar, our OCR's name decides
    ds = _decisions([_own(BBox(100, 585, 115, 596), "hidden_layer"), _other(BBox(99, 583, 116, 597), "何芝")])
    assert any(d.rule == "own.name.hidden_misread" for d in ds)

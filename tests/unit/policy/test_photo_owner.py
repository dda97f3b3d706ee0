"""Whose picture: the text beside it decides (issue 10, portraits class)."""

from __future__ import annotations

import pytest

from redactor.config import load_config, profile_from_mapping
from redactor.model import Action, BBox, Finding
from redactor.policy import decide
from tests.synth import APPLICANT

APPLICANT_RECOGNIZER = "applicant_value.v1"


def _name(text, box, own):
    meta = (("form_kind", "chinese_name"), ("profile_field", "name")) if own else ()
    start = int(box.y0 * 10 + box.x0)          # distinct places on the page: distinct offsets
    return Finding(page=1, entity_type="PERSON", boxes=(box,), text=text, start=start, end=start + len(text),
                   recognizer=APPLICANT_RECOGNIZER if own else "lac_ner.v1", score=1.0 if own else 0.85,
                   explanation=meta)


def _photo(entity, box, **expl):
    return Finding(page=1, entity_type=entity, boxes=(box,), recognizer="x", score=0.6,
                   explanation=tuple(expl.items()))


@pytest.fixture(scope="module")
def setup():
    return profile_from_mapping(APPLICANT.profile()), load_config().policy


def _decision(findings, setup, entity):
    prof, cfg = setup
    plan = decide(findings, prof, cfg)
    return [d for d in plan.decisions if d.finding.entity_type == entity]


@pytest.mark.issue(10)
def test_portrait_beside_another_persons_bio_is_kept(setup):
    portrait = _photo("PORTRAIT", BBox(50, 420, 125, 515), kind="portrait")
    other = _name("李明华", BBox(140, 430, 180, 442), own=False)
    own_far = _name(APPLICANT.name, BBox(50, 60, 120, 80), own=True)
    [d] = _decision([own_far, other, portrait], setup, "PORTRAIT")
    assert d.action is Action.KEEP and d.rule == "other.photo.beside_other_person"


def test_stacked_author_bios_each_portrait_goes_with_the_name_beside_it(setup):
    """A paper's 作者简介 block: the applicant's bio with a thumbnail portrait, the next author's bio
    right under it.  The applicant's portrait box (a skewed scan's, a little large) ends a point above
    the next author's name, which is then nearer than the applicant's name beside the portrait
    (seed 113 kept the applicant's portrait as a co-author's)."""
    own_portrait = _photo("PORTRAIT", BBox(36, 570, 87, 642), kind="id_photo")
    own = _name(APPLICANT.name, BBox(90, 575, 113, 586), own=True)
    coauthor_portrait = _photo("PORTRAIT", BBox(32, 645, 80, 707), kind="id_photo")
    coauthor = _name("李明华", BBox(88.5, 643, 111, 658), own=False)
    decided = {d.finding.boxes[0].y0: d for d in _decision([own, coauthor, own_portrait, coauthor_portrait],
                                                            setup, "PORTRAIT")}
    assert decided[570].action is Action.REDACT
    assert decided[645].action is Action.KEEP and decided[645].rule == "other.photo.beside_other_person"


@pytest.mark.issue(10)
def test_portrait_with_a_photo_label_is_the_applicants_even_beside_another_name(setup):
    portrait = _photo("PORTRAIT", BBox(450, 100, 530, 200), kind="id_photo", photo_label_near=True)
    other = _name("李明华", BBox(380, 120, 420, 132), own=False)
    [d] = _decision([other, portrait], setup, "PORTRAIT")
    assert d.action is Action.REDACT


@pytest.mark.issue(10)
def test_photo_slot_beside_the_applicants_name_is_removed_without_asking_a_reviewer(setup):
    """Issue 41: needs_review is for decisions a person must check; beside the applicant's own name the picture
    is theirs, face or not.  Tied by a 照片 label alone it is still flagged."""
    slot = _photo("PHOTO_SLOT", BBox(470, 45, 545, 140), kind="photo_slot", header_band=True)
    own = _name(APPLICANT.name, BBox(50, 50, 120, 75), own=True)
    [d] = _decision([own, slot], setup, "PHOTO_SLOT")
    assert d.action is Action.REDACT and not d.needs_review
    labelled = _photo("PHOTO_SLOT", BBox(470, 45, 545, 140), kind="photo_slot", photo_label_near=True)
    [d] = _decision([labelled], setup, "PHOTO_SLOT")
    assert d.action is Action.REDACT and d.needs_review


@pytest.mark.issue(10)
def test_photo_slot_tied_to_nobody_is_kept(setup):
    slot = _photo("PHOTO_SLOT", BBox(470, 45, 545, 140), kind="photo_slot", header_band=True)
    [d] = _decision([slot], setup, "PHOTO_SLOT")
    assert d.action is Action.KEEP


def test_photo_slot_that_another_detector_found_is_not_decided_twice(setup):
    slot = _photo("PHOTO_SLOT", BBox(470, 45, 545, 140), kind="photo_slot")
    qr = Finding(page=1, entity_type="QR_CODE", boxes=(BBox(472, 47, 543, 138),), recognizer="qr_code.v1",
                 score=1.0, text="https://example.org/journal", explanation=(("decoded", True),))
    own = _name(APPLICANT.name, BBox(50, 50, 120, 75), own=True)
    assert _decision([own, qr, slot], setup, "PHOTO_SLOT") == []


def _qr(payload, box=BBox(470, 45, 545, 120)):
    return Finding(page=1, entity_type="QR_CODE", boxes=(box,), recognizer="qr_code.v1", score=1.0, text=payload,
                   explanation=(("decoded", True),))


@pytest.mark.issue(10)
def test_personal_contact_code_naming_nobody_is_removed_from_the_applicants_header(setup):
    own = _name(APPLICANT.name, BBox(50, 50, 120, 75), own=True)
    [d] = _decision([own, _qr("https://u.wechat.com/EPx-synthetic-code")], setup, "QR_CODE")
    assert d.action is Action.REDACT and d.rule == "own.qr_code.personal_contact"


def test_document_code_beside_the_applicant_stays(setup):
    own = _name(APPLICANT.name, BBox(50, 50, 120, 75), own=True)
    [d] = _decision([own, _qr("https://contest.example.org/apply/2024")], setup, "QR_CODE")
    assert d.action is Action.KEEP


def test_someone_elses_contact_card_beside_their_name_stays(setup):
    other = _name("李明华", BBox(380, 60, 420, 72), own=False)
    [d] = _decision([other, _qr("BEGIN:VCARD\nFN:Synthetic\nEND:VCARD")], setup, "QR_CODE")
    assert d.action is Action.KEEP


def test_a_partial_ner_reading_of_the_applicants_own_name_does_not_make_a_portrait_someone_elses(setup):
    # OCR on an ID-card copy: LAC tags part of the applicant's name as a PERSON right beside the photo;
    # it repeats a removed value and ties nothing
    portrait = _photo("PORTRAIT", BBox(264, 144, 331, 226), kind="id_photo")
    own = _name(APPLICANT.name, BBox(144, 141, 169, 153), own=True)
    partial = Finding(page=1, entity_type="PERSON", boxes=(BBox(240, 150, 260, 160),), text=APPLICANT.name[:2],
                      start=own.start, end=own.start + 2, recognizer="lac_ner.v1", score=0.85)
    [d] = _decision([own, partial, portrait], setup, "PORTRAIT")
    assert d.action is Action.REDACT


def _part_of_the_applicants_name_beside_their_portrait(name: str, own_box: BBox, part: str, part_box: BBox,
                                                       portrait_box: BBox, extra=()):
    """The plan for the applicant ``name`` read at ``own_box``, NER's ``part`` of it at ``part_box`` kept as a
    person of its own (the class), and a portrait at ``portrait_box`` beside them: (plan, portrait, profile)."""
    prof = profile_from_mapping({**APPLICANT.profile(), "name": name, "name_aliases": []})
    portrait = _photo("PORTRAIT", portrait_box, kind="id_photo")
    own = _name(name, own_box, own=True)
    word = _name(part, part_box, own=False)
    plan = decide([own, word, portrait, *extra], prof, load_config().policy)
    assert any(d.finding is word and d.action is Action.KEEP for d in plan.decisions)    # the class: NER's word kept
    [d] = [d for d in plan.decisions if d.finding is portrait]
    assert d.action is Action.REDACT, d.rule
    return plan


@pytest.mark.issue(10)
def test_one_word_of_the_applicants_dotted_name_is_no_other_person_beside_the_bio_portrait():
    """NER tags 高娃 of 高娃　满都拉 (a name written in words) as a person of its own and policy keeps that
    span; lying inside the applicant's removed name, it must not make the bio portrait someone else's."""
    _part_of_the_applicants_name_beside_their_portrait("高娃　满都拉", BBox(140, 430, 205, 442), "高娃",
                                                       BBox(138, 430, 163, 442), BBox(50, 420, 125, 515))


@pytest.mark.issue(49)
def test_a_hidden_layers_cut_short_copy_of_the_applicants_name_is_no_other_person_beside_the_bio_portrait():
    """A scan's hidden OCR layer read the bio's opener 布和·吉日嘎拉 one character short; NER tagged its 布和 a person,
    and its box, a few points left of our OCR's, lay only three quarters inside the applicant's removed name: the
    applicant's bio portrait went out as a co-author's (a silent leak, variety seed 94627).  A part of the
    applicant's name read where the applicant's name is read is no other person; a co-author whose name is a part
    of the applicant's, on a bio of their own, keeps their portrait."""
    theirs = _photo("PORTRAIT", BBox(38, 650, 84, 712), kind="id_photo")
    colleague = _name("吉日嘎拉", BBox(90, 652, 130, 663), own=False)
    plan = _part_of_the_applicants_name_beside_their_portrait(
        "布和·吉日嘎拉", BBox(94, 580, 144, 595), "布和", BBox(90.6, 580, 106, 591), BBox(38, 583, 84, 645),
        extra=(colleague, theirs))
    [d] = [d for d in plan.decisions if d.finding is theirs]
    assert d.action is Action.KEEP, d.rule


@pytest.mark.parametrize("turns", [1, 3])
def test_a_sideways_forms_photo_goes_with_the_name_in_its_row(setup, turns):
    """A 送审表 scanned sideways (seed 179, black-and-white): the form's rows run down the page, so the
    photo's row is a column of the page.  The applicant's name is in the photo's row, 100 pt off along the
    page's y; in the page's own rows beside the photo lie other people's names of the form's next cells
    (a recommender's).  The portrait detector says the page is turned; the tie is measured the form's way."""
    photo = BBox(124, 71, 216, 158)
    own = _name(APPLICANT.name, BBox(150, 260, 168, 278), own=True)
    other = _name("李明华", BBox(260, 100, 276, 124), own=False)
    [d] = _decision([own, other, _photo("PORTRAIT", photo, kind="id_photo", quarter_turns=turns)], setup, "PORTRAIT")
    assert d.action is Action.REDACT, d.rule
    # the same page upright: the other's name is in the photo's row, and the photo is theirs
    [d] = _decision([own, other, _photo("PORTRAIT", photo, kind="id_photo")], setup, "PORTRAIT")
    assert d.action is Action.KEEP and d.rule == "other.photo.beside_other_person"


@pytest.mark.issue(41)
@pytest.mark.parametrize("value", ["蒙古", "蒙古族", "达斡尔族", "汉"])
def test_an_id_cards_nationality_read_as_a_name_makes_no_one_elses_photo(setup, value):
    """A phone photo of an ID card: OCR reads 民族 蒙古 and NER tags 蒙古 as a person, nearer to the portrait than
    the holder's name; a 民族 field's value is nobody, so the card's portrait stays the applicant's."""
    portrait = _photo("PORTRAIT", BBox(380, 120, 480, 240), kind="id_photo")
    nation = _name(value, BBox(300, 150, 330, 165), own=False)
    own = _name(APPLICANT.name, BBox(120, 100, 170, 115), own=True)
    [d] = _decision([own, nation, portrait], setup, "PORTRAIT")
    assert d.action is Action.REDACT
    people = [x for x in decide([own, nation, portrait], *setup).decisions if x.finding is nation]
    assert people[0].rule == "other.field_value"


@pytest.mark.issue(42)
def test_one_removal_per_box_the_ner_copy_of_the_applicants_name_is_dropped(setup):
    """LAC's PERSON over the applicant's matched name is the same characters: one removal, not two with the same
    box (undoing one in the web app left the other, and the name stayed black)."""
    own = _name(APPLICANT.name, BBox(120, 100, 170, 115), own=True)
    ner = Finding(page=1, entity_type="PERSON", boxes=own.boxes, text=own.text, start=own.start, end=own.end,
                  recognizer="lac_ner.v1", score=0.85)
    plan = decide([own, ner], *setup)
    removed = [d for d in plan.decisions if d.action is Action.REDACT]
    assert [d.rule for d in removed] == ["own.name"]


@pytest.mark.issue(80)
@pytest.mark.parametrize("value", ["\n性\n别", "性别", "出生年月"])
def test_a_printed_label_read_as_a_name_makes_no_one_elses_photo(setup, value):
    """A certificate scanned sideways with the holder's photo beside its 性 别 cell: OCR read the spaced label one
    character a line and NER tagged 性别 as a person, nearer to the portrait than the holder's name; the portrait
    was kept as that person's and the check, asking the same decision, passed it (a fresh marks seed).  A label
    of the role lexicon, whole, is nobody's name."""
    portrait = _photo("PORTRAIT", BBox(300, 132, 405, 209), kind="portrait")
    label = _name(value, BBox(368, 336, 391, 395), own=False)
    own = _name(APPLICANT.name, BBox(408, 410, 436, 501), own=True)
    [d] = _decision([own, label, portrait], setup, "PORTRAIT")
    assert d.action is Action.REDACT
    [kept] = [x for x in decide([own, label, portrait], *setup).decisions if x.finding is label]
    assert kept.rule == "other.field_label" and kept.action is Action.KEEP
    # beside the portrait, where a person's name would make it theirs, the label still makes it no one's
    beside, far = BBox(410, 150, 440, 190), _name(APPLICANT.name, BBox(60, 700, 110, 715), own=True)
    [d] = _decision([far, _name("李明华", beside, own=False), portrait], setup, "PORTRAIT")
    assert d.action is Action.KEEP and d.rule == "other.photo.beside_other_person"
    [d] = _decision([far, _name(value, beside, own=False), portrait], setup, "PORTRAIT")
    assert d.action is Action.REDACT

"""The corpus's structure documents (``benchmarks/corpus/structures.py``, ``--subset structure``): documents whose
owners only the page's structure tells apart.  Their truth must say so -- a 干部任免审批表's portrait is the
applicant's while family members are named beside it; a 项目任务书 lists a colleague at the applicant's employer
(the employer's name in the colleague's row is the applicant's data) and a partner's seal and signature
(kept); a 继续教育证书's seal over the holder's 工作单位 line is the issuer's -- and the same seed gives the same
document."""

from __future__ import annotations

from benchmarks.corpus import catalog
from benchmarks.corpus.people import make_cast


def _units(doc_type: str, seed: int = 11):
    cast = make_cast(seed, 0)
    one, two = catalog.build(doc_type, cast), catalog.build(doc_type, cast)
    assert one.pdf == two.pdf, "not deterministic for one seed"
    return cast, one.instance_dicts


def test_the_cadre_forms_portrait_is_the_applicants_beside_a_family_table():
    cast, units = _units("ganbu_renmian")
    photos = [u for u in units if u["category"] == "photo"]
    assert [u["owner"] for u in photos] == ["applicant"]
    others = [u for u in units if u["category"] == "name" and u["owner"] == "other"]
    assert len(others) >= 2, "the family table names no one"


def test_the_task_book_has_a_colleague_at_the_employer_and_a_partners_seal_and_signature():
    cast, units = _units("xiangmu_renwushu")
    emp = cast.applicant.employer.official
    own_employer = [u for u in units if u["category"] == "employer" and u["owner"] == "applicant"]
    assert len(own_employer) >= 2 and all(u["text"] == emp for u in own_employer)
    seals = {(u["owner"]) for u in units if u["category"] == "seal"}
    signatures = {(u["owner"]) for u in units if u["category"] == "signature"}
    assert seals == {"applicant", "other"} and signatures == {"applicant", "other"}


def test_the_training_certificates_seal_over_the_holders_unit_is_the_issuers():
    cast, units = _units("jixu_jiaoyu_zhengshu")
    seals = [u for u in units if u["category"] == "seal"]
    assert seals and all(u["owner"] == "other" for u in seals)
    assert any(u["category"] == "employer" and u["owner"] == "applicant" for u in units)

"""The corpus's partner-seal decoy (issue #10): a 成果应用证明 stamped by an organisation of the
employer's city and legal form whose name differs only in the distinctive word; the seal is tagged
as another organisation's (kept), and the document is the same for the same seed."""

from __future__ import annotations

from benchmarks.corpus import catalog
from benchmarks.corpus.people import PARTNER_ORGS, make_cast


def test_partner_seal_is_a_kept_decoy_and_deterministic():
    cast = make_cast(7, 0)
    emp = cast.applicant.employer.official
    one, two = catalog.build("yingyong_zhengming", cast), catalog.build("yingyong_zhengming", cast)
    assert one.pdf == two.pdf
    seals = [i for i in one.instance_dicts if i["category"] == "seal"]
    assert [(s["owner"], s["form"]) for s in seals] == [("other", "seal_partner")]
    assert any(i["owner"] == "applicant" and i["category"] == "employer" for i in one.instance_dicts)
    assert any(i["category"] == "employer" and i["owner"] == "other" and i["text"] in {o.official for o in PARTNER_ORGS[emp]}
               for i in one.instance_dicts)


def test_every_employer_has_partners_differing_only_in_the_distinctive_word():
    from benchmarks.corpus.people import EMPLOYERS

    assert EMPLOYERS and all(PARTNER_ORGS[emp.official] for orgs in EMPLOYERS.values() for emp in orgs)
    for orgs in EMPLOYERS.values():
        for emp in orgs:
            for p in PARTNER_ORGS[emp.official]:
                assert p.official != emp.official
                assert p.official[:2] == emp.official[:2] and p.official[-2:] == emp.official[-2:]

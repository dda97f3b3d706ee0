"""Fresh variety seed 58969 (never opened before its run), applicant 0, the 评审表 (b layout) scanned on pale
green paper: the applicant's black signature beside 申请人签名 was taken for a colour figure (its near-black pixels'
hues are noise) and detection called the label unsigned; the gate read the strokes but settled them by that
decision as kept, and the output went out signed.  Detection now finds it; blinded, the gate repairs it."""

from __future__ import annotations

import pytest

from tests.corpus_case import covered, redact_corpus_file

SEED, APPLICANT, PATH, DOC = 58969, 0, "scanned", "pingshen_biao_b"


def _signatures(f):
    sigs = [i for i in f.instances if i["category"] == "signature"]
    own = [i for i in sigs if i["owner"] == "applicant"]
    others = [i for i in sigs if i["owner"] != "applicant"]
    assert len(own) == 1 and others        # premise: the applicant's, and the recommender's and reviewers'
    return own[0], others


@pytest.mark.models
def test_the_black_signature_on_tinted_paper_goes_and_the_others_stay(tmp_path, region_pipeline):
    f, audit, _ = redact_corpus_file(region_pipeline, tmp_path, SEED, APPLICANT, PATH, DOC)
    own, others = _signatures(f)
    gone = [b for r in audit["redactions"] if r["page"] == own["page"] for b in r["boxes"]]
    assert covered(own["bbox"], gone) >= 0.95, (own, gone)
    assert not audit["repairs"]                                     # detection's, not the gate's
    for o in others:
        removed = [b for r in audit["redactions"] if r["page"] == o["page"] for b in r["boxes"]]
        assert covered(o["bbox"], removed) < 0.1, o


@pytest.mark.models
def test_the_gate_alone_repairs_the_signature_detection_called_unsigned(tmp_path, cfg):
    """Detection's hue test as it was (every dark pixel's hue counted): the label is found unsigned, and the gate's
    strokes there are the applicant's signature, repaired -- not kept by the "unsigned" decision."""
    from redactor.pipeline import Pipeline

    params = {**cfg.detect.region_params, "signature.v1": {"hue_min_chroma": 0.0}}
    blind = cfg.model_copy(update={"detect": cfg.detect.model_copy(update={"region_params": params})})
    f, audit, _ = redact_corpus_file(Pipeline(blind), tmp_path, SEED, APPLICANT, PATH, DOC)
    own, _ = _signatures(f)
    repaired = [b for r in audit["redactions"] if r["category"] == "signature" and r["rule"].startswith("repair")
                for b in r["boxes"]]
    assert covered(own["bbox"], repaired) >= 0.8, (own, audit["verification"]["leaks"])

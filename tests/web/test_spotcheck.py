"""抽检: sampling, the leak-rate estimate, and a session over a batch folder through the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from redactor.web.spotcheck.batch import BatchDoc, read_batch  # noqa: E402
from redactor.web.spotcheck.sampling import SampleSpec, draw_sample  # noqa: E402
from redactor.web.spotcheck.stats import Stratum, stratified_rate, wilson  # noqa: E402


def docs(n_review: int, types: dict[str, int]) -> list[BatchDoc]:
    out = [BatchDoc("R", f"r{k}", "论文", 1, 1, 1, "", "/x") for k in range(n_review)]
    for t, n in types.items():
        out += [BatchDoc("A", f"{t}{k}", t, 0, 1, 1, "", "/x") for k in range(n)]
    return out


def test_needs_review_first_then_proportional_by_type_reproducible_by_seed() -> None:
    population = docs(3, {"论文": 60, "证书": 30, "评审表": 10})
    spec = SampleSpec(size=13, seed=7)
    sample = draw_sample(population, spec)
    strata = [s for _, s in sample]
    assert strata[:3] == ["needs_review"] * 3
    assert strata.count("type:论文") == 6 and strata.count("type:证书") == 3 and strata.count("type:评审表") == 1
    assert [d.key for d, _ in draw_sample(population, spec)] == [d.key for d, _ in sample]
    assert [d.key for d, _ in draw_sample(population, SampleSpec(size=13, seed=8))] != [d.key for d, _ in sample]
    assert len({d.key for d, _ in sample}) == 13


def test_every_type_gets_one_while_the_budget_lasts_and_size_caps_at_the_batch() -> None:
    population = docs(0, {"论文": 90, "证书": 5, "other": 5})
    strata = [s for _, s in draw_sample(population, SampleSpec(size=4, seed=1))]
    assert sorted(set(strata)) == ["type:other", "type:论文", "type:证书"] and len(strata) == 4
    assert len(draw_sample(population, SampleSpec(size=500, seed=1))) == 100
    flat = draw_sample(population, SampleSpec(size=10, seed=1, review_first=False, by_type=False))
    assert {s for _, s in flat} == {"random"} and len(flat) == 10


def test_wilson_matches_the_textbook_values() -> None:
    lo, hi = wilson(0.0, 30)
    assert lo == 0.0 and hi == pytest.approx(0.1135, abs=1e-4)      # 0 of 30
    lo, hi = wilson(0.5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)


def test_stratified_rate_weights_strata_by_their_share_of_the_batch() -> None:
    # 10 flagged documents all reviewed (2 leaks), 990 others, 50 reviewed, 0 leaks
    est = stratified_rate({"needs_review": Stratum(10, 10, 2), "type:论文": Stratum(990, 50, 0)})
    assert est["rate"] == pytest.approx(0.002)                    # 10/1000 * 0.2, not 2/60
    assert est["ci95"][0] <= 0.002 <= est["ci95"][1] and est["ci95"][1] < 0.1
    full = stratified_rate({"a": Stratum(5, 5, 1)})
    assert full["ci95"] == [0.2, 0.2]                              # reviewed in full: known exactly
    part = stratified_rate({"a": Stratum(10, 5, 0), "b": Stratum(10, 0, 0)})
    assert part["covered_share"] == 0.5 and part["uncovered_strata"] == ["b"]
    assert stratified_rate({"a": Stratum(3, 0, 0)})["rate"] is None


def test_batch_folder_is_read_through_the_report_and_the_ledger(batch_dir: Path) -> None:
    found = read_batch(batch_dir)
    assert len(found) == 6
    # the folder's batch-report.json says 证书 for 学位证书.pdf (an older table): read with today's kinds
    stored = {d["stem"]: d["doc_type"] for a in json.loads((batch_dir / "batch-report.json").read_text(
        encoding="utf-8"))["applicants"] for d in a["documents"]}
    assert stored["学位证书"] == "证书"
    assert {d.doc_type for d in found} == {"评审表", "论文", "学位证书"}
    assert all(Path(d.input_path).is_file() and d.redacted_pdf.is_file() and d.audit_json.is_file() for d in found)
    assert sum(d.needs_review > 0 for d in found) >= 1


def test_spot_check_session_records_verdicts_and_writes_the_qa_report(make_app, batch_dir: Path) -> None:
    with TestClient(make_app(batch_dir=str(batch_dir))) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        s = c.post("/api/spot/sessions", headers=h, json={"size": 4, "seed": 42}).json()
        assert s["seed"] == 42 and len(s["sample"]) == 4 and s["sample"][0]["stratum"] == "needs_review"
        again = c.post("/api/spot/sessions", headers=h, json={"size": 4, "seed": 42}).json()
        assert [x["stem"] for x in again["sample"]] == [x["stem"] for x in s["sample"]]
        sid = s["id"]
        page = c.get(f"/spot/{sid}/1")
        assert page.status_code == 200 and "原件" in page.text and "脱敏件" in page.text
        img = c.get(f"/api/spot/sessions/{sid}/docs/1/pages/original/1.png")
        assert img.status_code == 200 and img.content[:4] == b"\x89PNG"
        assert c.post(f"/api/spot/sessions/{sid}/verdicts", json={"pos": 1, "verdict": "ok"}).status_code == 403
        assert c.post(f"/api/spot/sessions/{sid}/verdicts", headers=h,
                      json={"pos": 1, "verdict": "bad"}).status_code == 422
        for pos, v in ((1, "leak"), (2, "ok"), (3, "over_redaction")):
            r = c.post(f"/api/spot/sessions/{sid}/verdicts", headers=h, json={"pos": pos, "verdict": v, "note": "右下角"})
            assert r.status_code == 200
        report = c.get(f"/api/spot/sessions/{sid}/report").json()
        assert report["verdict_counts"] == {"ok": 1, "leak": 1, "over_redaction": 1, "other": 0}
        assert report["reviewed"] == 3 and report["pending"] == [4] and report["seed"] == 42
        assert {r["verdict"] for r in report["redo"]} == {"leak", "over_redaction"}
        assert 0 < report["leak_rate"]["rate"] < 1 and report["leak_rate"]["ci95"][0] <= report["leak_rate"]["rate"]
        saved = json.loads((batch_dir / f"qa-report-{sid}.json").read_text(encoding="utf-8"))
        assert saved["verdict_counts"] == report["verdict_counts"]
        assert "整批泄露率估计" in (batch_dir / f"qa-report-{sid}.html").read_text(encoding="utf-8")
        assert (batch_dir / "spotcheck.sqlite").is_file()


def test_a_sample_of_flagged_documents_only_is_warned_about_before_it_is_drawn(make_app, batch_dir: Path) -> None:
    """Issue 51, item 10: a sample no larger than the flagged documents would hold nothing else; the reviewer is
    told what that means and asked again, and only the second, confirmed request draws it."""
    with TestClient(make_app(batch_dir=str(batch_dir))) as c:
        token = c.get("/api/session").json()["csrf"]
        before = len(c.app.state.spot.store.sessions())
        r = c.post("/spot", data={"csrf": token, "size": "1", "review_first": "1", "by_type": "1"},
                   follow_redirects=False)
        assert r.status_code == 200 and 'id="only-flagged"' in r.text and "无法估计整批" in r.text
        assert 'name="only_flagged_ok" value="1"' in r.text and 'value="1" min="1"' in r.text
        assert len(c.app.state.spot.store.sessions()) == before               # nothing drawn yet
        r = c.post("/spot", data={"csrf": token, "size": "1", "review_first": "1", "only_flagged_ok": "1"},
                   follow_redirects=False)
        assert r.status_code == 303 and len(c.app.state.spot.store.sessions()) == before + 1
        r = c.post("/spot", data={"csrf": token, "size": "4", "review_first": "1"}, follow_redirects=False)
        assert r.status_code == 303                                            # a mixed sample: no question


def test_an_effective_sample_above_the_files_reviewed_is_never_shown() -> None:
    """Six files reviewed of a small batch can weigh as 8.7 random draws (the finite-population correction): the
    page said 有效样本量约 8.7 份 after 6 reviewed, which read as an error (issue 82).  Now the number is named only
    when it is no more than the files reviewed; otherwise the words say the estimate rests on the 6 reviewed."""
    from redactor.web.spotcheck.service import leak_rate_words
    from redactor.web.spotcheck.stats import shown_effective_n

    est = stratified_rate({"type:论文": Stratum(4, 3, 0), "type:证书": Stratum(5, 3, 1)})
    assert est["effective_n"] > est["reviewed"] == 6, est          # the interval's input stays in the JSON
    assert shown_effective_n(est) is None
    words = leak_rate_words(est, 6, 6)
    assert "有效样本量" not in words and f"{est['effective_n']:g}" not in words
    assert "依据的是实际核对的 6 份" in words and "加权" in words
    plain = stratified_rate({"type:论文": Stratum(900, 3, 1), "type:证书": Stratum(100, 3, 1)})
    n = shown_effective_n(plain)
    assert n is not None and 0 < n <= 6
    assert f"有效样本量约 {n:g} 份" in leak_rate_words(plain, 6, 6) and "相当于从全批随机抽查" in leak_rate_words(plain, 6, 6)
    # one stratum reviewed in large part: its n_eff (15) is above the 6 reviewed, and is not named either
    one = stratified_rate({"type:论文": Stratum(10, 6, 1)})
    assert one["effective_n"] > 6 and shown_effective_n(one) is None
    assert "有效样本量" not in leak_rate_words(one, 6, 6) and "依据实际核对的 6 份" in leak_rate_words(one, 6, 6)


def test_no_grid_point_names_an_effective_sample_above_the_files_reviewed() -> None:
    """Every small design (two strata, sizes 2-12, any share reviewed, any leaks): the words name an effective
    sample size only where it is no more than the files reviewed, and say what the estimate rests on otherwise."""
    import itertools
    import re

    from redactor.web.spotcheck.service import leak_rate_words

    shown = hidden = 0
    for big_a, big_b in itertools.product((2, 5, 12), (3, 12)):
        for n_a, n_b in itertools.product(range(1, big_a + 1), range(1, big_b + 1)):
            for x_a, x_b in ((0, 0), (1, 0), (n_a, min(1, n_b))):
                est = stratified_rate({"type:a": Stratum(big_a, n_a, x_a), "type:b": Stratum(big_b, n_b, x_b)})
                words = leak_rate_words(est, n_a + n_b, n_a + n_b)
                named = [float(v) for v in re.findall(r"有效样本量约 ([0-9.]+) 份", words)]
                assert all(v <= n_a + n_b for v in named), (big_a, big_b, n_a, n_b, x_a, x_b, words)
                if named:
                    shown += 1
                else:
                    hidden += 1
                    assert f"依据的是实际核对的 {n_a + n_b} 份" in words, words
    assert shown > 50 and hidden > 50, (shown, hidden)        # both wordings are exercised


def test_the_qa_report_page_names_the_effective_n_only_up_to_the_files_reviewed(make_app, batch_dir: Path) -> None:
    """The QA report (HTML and its words) over two designs recorded in the store: 6 reviewed of strata of 4 and 5
    (n_eff 8.7: not shown) and of strata of 900 and 100 with a leak in each (n_eff 3.7: shown)."""
    import re

    with TestClient(make_app(batch_dir=str(batch_dir))) as c:
        sc = c.app.state.spot
        docs = read_batch(batch_dir)
        for sid, pop in (("t-small", {"type:论文": 4, "type:学位证书": 5}),
                         ("t-large", {"type:论文": 900, "type:学位证书": 100})):
            sample = [(d.applicant_id, d.stem, "type:论文" if k < 3 else "type:学位证书") for k, d in enumerate(docs)]
            sc.store.create(sid, 1, 6, False, True, pop, sample)
            for pos in range(1, 7):
                sc.store.record(sid, pos, "leak" if pos == 4 or (sid == "t-large" and pos == 1) else "ok", "")
            report = sc.report(sid)
            html = c.app.state.templates.get_template("spot_report_file.html.j2").render(
                report=report, vlabels={"ok": "合格", "leak": "泄露", "over_redaction": "过度脱敏", "other": "其他"},
                standalone=True)
            named = [float(v) for v in re.findall(r"有效样本量约 ([0-9.]+) 份", html)]
            assert report["reviewed"] == 6
            if sid == "t-small":
                assert report["leak_rate"]["effective_n"] > 6 and report["effective_n_shown"] is None
                assert named == [] and "依据实际核对的 6 份" in html and "依据的是实际核对的 6 份" in html
            else:
                assert report["effective_n_shown"] is not None and named and all(v <= 6 for v in named)

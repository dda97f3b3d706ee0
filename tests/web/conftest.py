"""Fixtures for the web app: a fast Pipeline shared by every app, small synthetic inputs, a batch folder."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

import pymupdf
import pytest

from redactor.config import RedactorConfig, profile_from_mapping
from tests.synth import APPLICANT, Person, application_form

OTHER = Person(name="赵子龙", id_number="110101199003077774", mobile="13900001111",
               employer="内蒙古第一机械集团有限公司", aliases=("一机集团",), email="zhaozilong@example.com")



def selfcheck_lines(p: Person = APPLICANT) -> dict[str, tuple[str, float]]:
    """The lines of the page the browser test edits: (text, baseline y in points)."""
    return {
        "name": (f"申请人：{p.name}", 100.0),
        "id": (f"身份证号：{p.id_number}", 130.0),
        "mobile": (f"联系手机：{p.mobile}", 160.0),
        "referee": ("推荐人：李明华（内蒙古大学教授）", 190.0),
        "project": ("项目编号 XM20240815 经费一百万元", 220.0),
        "footer": ("本人承诺以上材料真实有效。", 250.0),
    }


SELFCHECK_LINES = selfcheck_lines()


@pytest.fixture(scope="session")
def web_cfg(cfg: RedactorConfig) -> RedactorConfig:
    """The web app's config (a failed verification is shown, not raised), text path only: fast."""
    return cfg.model_copy(update={
        "detect": cfg.detect.model_copy(update={"regions": []}),
        "verify": cfg.verify.model_copy(update={"fail_closed": False}),
    })


@pytest.fixture(scope="session")
def web_pipeline(web_cfg: RedactorConfig):
    from redactor.pipeline import Pipeline

    return Pipeline(web_cfg, regions=False)


@pytest.fixture
def make_app(tmp_path: Path, web_cfg: RedactorConfig, web_pipeline):
    """Build an app over a tmp root; every app shares the session's Pipeline (tests run one at a time)."""
    from redactor.web import WebSettings, create_app

    def build(**kw):
        settings = WebSettings(root=str(tmp_path / "root"), **kw)
        return create_app(settings, cfg=web_cfg, pipeline_factory=lambda c: web_pipeline, warm_up=False)

    return build


def selfcheck_pdf(path: Path, person: Person = APPLICANT, extra: tuple[tuple[str, float], ...] = ()) -> Path:
    """``extra``: more (text, baseline) lines, e.g. a 曾用名 the profile lacks (policy asks a person to look)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for text, y in [*selfcheck_lines(person).values(), *extra]:
        page.insert_text((60, y), text, fontname="china-s", fontsize=12)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def selfcheck_file(tmp_path: Path) -> Path:
    """A one-page PDF named after the applicant, as uploads are."""
    return selfcheck_pdf(tmp_path / f"{APPLICANT.name}-业绩材料.pdf")


@pytest.fixture
def form_file(tmp_path: Path) -> Path:
    return application_form(tmp_path / f"{APPLICANT.name}-评审表.pdf")


def pdf_text(path: Path | bytes) -> str:
    doc = pymupdf.open(stream=path, filetype="pdf") if isinstance(path, bytes) else pymupdf.open(path)
    try:
        return "".join("".join(p.get_text().split()) for p in doc)
    finally:
        doc.close()


def wait_job(client, job_id: str, until=lambda j: j["state"] in ("done", "failed", "confirm_profile"),
             timeout: float = 120) -> dict:
    end = time.time() + timeout
    while time.time() < end:
        j = client.get(f"/api/jobs/{job_id}").json()
        if until(j):
            return j
        time.sleep(0.2)
    raise AssertionError(f"job still {j['state']}")


def _doc_type(stem: str) -> str:
    return next((t for t in ("评审表", "论文", "证书") if t in stem), "other")


@pytest.fixture(scope="session")
def batch_dir(tmp_path_factory: pytest.TempPathFactory, web_pipeline) -> Path:
    """A `redactor batch` output folder in the contract's layout, made by the real Pipeline.

    Two applicants, three documents each; one paper carries a 曾用名 the profile lacks, which policy keeps
    for review, so that the sample has that stratum and its document a place to look at.
    """
    from redactor.policy.naming import allocate_stems

    root = tmp_path_factory.mktemp("batch")
    inputs, out = root / "inputs", root / "out"
    out.mkdir()
    applicants = []
    ledger = []
    for aid, person in (("A001", APPLICANT), ("A002", OTHER)):
        src = inputs / aid
        src.mkdir(parents=True)
        files = [application_form(src / f"{person.name}-评审表.pdf", person),
                 selfcheck_pdf(src / f"{person.name}-论文.pdf", person,
                               extra=(("曾用名：赵云", 280.0),) if aid == "A002" else ()),
                 selfcheck_pdf(src / "学位证书.pdf", person)]
        profile = profile_from_mapping(person.profile())
        stems = allocate_stems([str(f) for f in files], profile)
        docs = []
        for k, f in enumerate(files):
            stem, renamed = stems[str(f)]
            t0 = time.time()
            o = web_pipeline.run(str(f), profile, str(out / aid), stem, renamed)
            docs.append({"stem": stem, "state": "done", "pages": o.pages, "kind": "born_digital",
                         "doc_type": _doc_type(stem), "redactions": {"total": o.redactions}, "kept": o.kept,
                         "needs_review": o.needs_review, "error": "",
                         "seconds": round(time.time() - t0, 2)})
            ledger.append((aid, stem, str(f.resolve()), hashlib.sha256(f.read_bytes()).hexdigest(), "x", "done",
                           hashlib.sha256(Path(o.output_pdf).read_bytes()).hexdigest(),
                           hashlib.sha256(Path(o.audit_json).read_bytes()).hexdigest(), t0, time.time(),
                           time.time() - t0, ""))
        (out / aid / "summary.json").write_text(json.dumps({"applicant_id": aid, "documents": docs},
                                                           ensure_ascii=False), encoding="utf-8")
        applicants.append({"applicant_id": aid, "documents": docs})
    (out / "batch-report.json").write_text(json.dumps({
        "tool_version": "test", "config_digest": "x", "started": 0, "finished": 1, "applicants": applicants,
        "totals": {"documents": 6}}, ensure_ascii=False), encoding="utf-8")
    con = sqlite3.connect(out / "ledger.sqlite")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE documents (applicant_id TEXT, stem TEXT, input_path TEXT, input_sha256 TEXT, "
                "config_digest TEXT, state TEXT, output_pdf_sha256 TEXT, audit_sha256 TEXT, started REAL, "
                "finished REAL, seconds REAL, error TEXT, PRIMARY KEY (applicant_id, stem))")
    con.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", ledger)
    con.commit()
    con.close()
    return out

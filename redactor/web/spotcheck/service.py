"""The spot-check of one batch folder: sessions, page images of originals and outputs, verdicts, the QA report."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path
from typing import Any

from redactor.ingest.render import render_pages
from redactor.web.spotcheck.batch import BatchDoc, read_batch
from redactor.web.spotcheck.sampling import REVIEW_STRATUM, SampleSpec, draw_sample, population
from redactor.web.spotcheck.stats import Stratum, stratified_rate
from redactor.web.spotcheck.store import VERDICTS, SpotStore
from redactor.web.worker import Worker

VERDICT_LABELS = {"ok": "合格", "leak": "泄露（仍有本人信息）", "over_redaction": "过度脱敏", "other": "其他"}
REDO = ("leak", "over_redaction")


def stratum_label(key: str) -> str:
    """A stratum in the reviewer's words: 建议人工确认 / 类型：论文 / 随机抽样."""
    if key == REVIEW_STRATUM:
        return "建议人工确认的文件"
    if key.startswith("type:"):
        kind = key.split(":", 1)[1]
        return f"类型：{'其他' if kind == 'other' else kind}"
    return "随机抽样" if key == "random" else key


def leak_rate_words(e: dict[str, Any], sampled: int, reviewed: int) -> str:
    """What the estimate means, in plain words (the method's name stays behind 详情)."""
    if e.get("rate") is None:
        return "尚无已核对的文件，无法估计。"
    n = e["effective_n"]
    text = (f"按已核对的 {reviewed} 份估计：整批中仍有本人信息的文件约占 {e['rate'] * 100:.1f}%，"
            f"在 95% 的把握下不超过 {e['ci95'][1] * 100:.1f}%。")
    if e.get("method", "").startswith("stratified"):
        text += (f"“有效样本量约 {n:g} 份”是说：各类文件抽得多少不一，按它们在全批中的份数折算后，"
                 f"这些核对结果的把握相当于从全批随机抽查 {n:g} 份。")
        if n > reviewed:
            text += (f"它多于实际核对的 {reviewed} 份，是分层折算的结果（某类文件抽查占比大，或一类的核对结果"
                     "全都一样时，把握更大），并非计算错误。")
    if e.get("covered_share", 1) < 1:
        text += f"注意：只有全批 {e['covered_share'] * 100:.0f}% 的文件所在的分层有核对结果，其余分层未计入。"
    return text


def _days(stamps: list[float]) -> str:
    days = sorted({time.strftime("%Y-%m-%d", time.localtime(t)) for t in stamps})
    return "" if not days else days[0] if len(days) == 1 else f"{days[0]} 至 {days[-1]}"


class SpotCheck:
    def __init__(self, folder: Path, worker: Worker, cache: Path, dpi: float) -> None:
        self.folder = folder
        self.worker = worker
        self.cache = cache
        self.dpi = dpi
        self.docs()                                    # fail at start-up on a folder that is not a batch
        self.store = SpotStore(folder / "spotcheck.sqlite")

    def docs(self) -> list[BatchDoc]:
        return read_batch(self.folder)

    def create(self, size: int, seed: int | None, review_first: bool, by_type: bool, reviewer: str = "") -> str:
        seed = secrets.randbelow(2**31) if seed is None else seed
        spec = SampleSpec(size=size, seed=seed, review_first=review_first, by_type=by_type)
        docs = self.docs()
        sample = draw_sample(docs, spec)
        sid = time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
        self.store.create(sid, seed, size, review_first, by_type, population(docs, spec),
                          [(d.applicant_id, d.stem, s) for d, s in sample], reviewer=" ".join(reviewer.split())[:60])
        return sid

    def session(self, sid: str) -> dict[str, Any]:
        meta = self.store.session(sid)
        if meta is None:
            raise KeyError(sid)
        return {**meta, "sample": self.store.sample(sid)}

    def doc(self, sid: str, pos: int) -> tuple[dict[str, Any], BatchDoc]:
        s = self.session(sid)
        item = next((x for x in s["sample"] if x["pos"] == pos), None)
        if item is None:
            raise KeyError(pos)
        doc = next((d for d in self.docs() if d.applicant_id == item["applicant_id"] and d.stem == item["stem"]), None)
        if doc is None:
            raise KeyError(pos)
        return item, doc

    def pages(self, sid: str, pos: int) -> dict[str, list[dict[str, Any]]]:
        """Page images of the original and the redacted output (rendered once, on the worker)."""
        _, doc = self.doc(sid, pos)
        out_dir = self.cache / sid / str(pos)
        out: dict[str, list[dict[str, Any]]] = {}
        for kind, path in (("original", doc.input_path), ("redacted", str(doc.redacted_pdf))):
            if not path or not Path(path).is_file():
                out[kind] = []
                continue
            marker = out_dir / f"{kind}.json"
            if not marker.is_file():
                pages = self.worker.submit(render_pages, path, out_dir, self.worker.cfg.ingest,
                                           dpi=self.dpi, prefix=kind).result()
                out_dir.mkdir(parents=True, exist_ok=True)
                marker.write_text(json.dumps([{"page": p.page, "width": p.width, "height": p.height, "png": p.png}
                                              for p in pages]))
            out[kind] = json.loads(marker.read_text())
        return out

    def audit(self, doc: BatchDoc) -> dict[str, Any]:
        try:
            return json.loads(doc.audit_json.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def record(self, sid: str, pos: int, verdict: str, note: str) -> None:
        self.doc(sid, pos)
        self.store.record(sid, pos, verdict, note.strip()[:500])

    def report(self, sid: str) -> dict[str, Any]:
        """The QA report; also written as qa-report-<session>.json/.html into the batch folder."""
        s = self.session(sid)
        counts = {v: 0 for v in VERDICTS}
        strata: dict[str, dict[str, int]] = {k: {"population": n, "reviewed": 0, "leaks": 0}
                                             for k, n in s["population"].items()}
        for item in s["sample"]:
            if item["verdict"]:
                counts[item["verdict"]] += 1
                st = strata.setdefault(item["stratum"], {"population": 0, "reviewed": 0, "leaks": 0})
                st["reviewed"] += 1
                st["leaks"] += item["verdict"] == "leak"
        estimate = stratified_rate({k: Stratum(v["population"], v["reviewed"], v["leaks"]) for k, v in strata.items()})
        return {
            "session": sid, "batch_folder": self.folder.name, "seed": s["seed"], "sample_size": len(s["sample"]),
            "reviewed": sum(counts.values()), "population": sum(s["population"].values()),
            "strategy": {"review_first": bool(s["review_first"]), "by_type": bool(s["by_type"])},
            "verdict_counts": counts, "strata": strata, "leak_rate": estimate,
            "redo": [{"applicant_id": i["applicant_id"], "stem": i["stem"], "verdict": i["verdict"],
                      "note": i["note"] or ""} for i in s["sample"] if i["verdict"] in REDO],
            "pending": [i["pos"] for i in s["sample"] if not i["verdict"]],
            "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
            "reviewer": s.get("reviewer") or "",
            "checked_on": _days([i["at"] for i in s["sample"] if i.get("at")]),
            "strata_labels": {k: stratum_label(k) for k in strata},
            "leak_rate_words": leak_rate_words(estimate, len(s["sample"]), sum(counts.values())),
        }

    def write_report(self, sid: str, report: dict[str, Any], html: str) -> tuple[Path, Path]:
        js = self.folder / f"qa-report-{sid}.json"
        ht = self.folder / f"qa-report-{sid}.html"
        js.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        ht.write_text(html, encoding="utf-8")
        return js, ht

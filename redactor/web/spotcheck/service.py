"""The spot-check of one batch folder: sessions, page images of originals and outputs, verdicts, the QA report."""

from __future__ import annotations

import json
import math
import secrets
import struct
import time
from pathlib import Path
from typing import Any

from redactor.batch.report import doc_type_label
from redactor.ingest.render import render_pages
from redactor.web.spotcheck.batch import BatchDoc, read_batch
from redactor.web.spotcheck.sampling import (POOLED_STRATUM, REVIEW_STRATUM, TYPE_PREFIX, SampleSpec, draw_sample,
                                             pooled_note, stratify)
from redactor.web.spotcheck.stats import Stratum, shown_effective_n, stratified_rate
from redactor.web.spotcheck.store import MARK_KINDS, VERDICTS, SpotStore
from redactor.web.worker import Worker

VERDICT_LABELS = {"ok": "合格", "leak": "泄露（仍有本人信息）", "over_redaction": "过度脱敏", "other": "其他"}
REDO = ("leak", "over_redaction")
MARK_LABELS = {"leak": "泄露", "over_redaction": "过度脱敏"}


class MarkError(ValueError):
    """A marked place the store cannot take (message in Chinese, for the reviewer)."""


def stratum_label(key: str, pooled: dict[str, int] | None = None) -> str:
    """A stratum in the reviewer's words: 建议人工确认 / 类型：论文 / 合并的小类 / 随机抽样 -- never an id."""
    if key == REVIEW_STRATUM:
        return "建议人工确认的文件"
    if key.startswith(TYPE_PREFIX):
        return f"类型：{doc_type_label(key[len(TYPE_PREFIX):])}"
    if key == POOLED_STRATUM:
        kinds = "、".join(doc_type_label(k) for k in sorted(pooled or {}))
        return f"合并的小类（{kinds}）" if kinds else "合并的小类"
    return "随机抽样" if key == "random" else key


def leak_rate_words(e: dict[str, Any], sampled: int, reviewed: int) -> str:
    """What the estimate means, in plain words (the method's name stays behind 详情).  The effective sample size
    is named only where it is no more than the documents reviewed (``stats.shown_effective_n``)."""
    if e.get("rate") is None:
        return "尚无已核对的文件，无法估计。"
    n = shown_effective_n(e)
    text = (f"按已核对的 {reviewed} 份估计：整批中仍有本人信息的文件约占 {e['rate'] * 100:.1f}%，"
            f"在 95% 的把握下不超过 {e['ci95'][1] * 100:.1f}%。")
    if e.get("method", "").startswith("stratified"):
        if n is not None:
            text += (f"“有效样本量约 {n:g} 份”是说：各类文件抽得多少不一，按它们在全批中的份数折算后，"
                     f"这些核对结果的把握相当于从全批随机抽查 {n:g} 份。")
        else:
            text += (f"各类文件抽查的比例不同，估计按各类在全批中的份数加权，依据的是实际核对的 {reviewed} 份"
                     "（分层后，一类之内的核对结果越一致、核对的份数占这一类越多，区间越窄，区间已计入这一点）。")
    elif n is None and e.get("ci95") and e["ci95"][0] != e["ci95"][1]:
        text += (f"估计依据实际核对的 {reviewed} 份；它们占所在分层的比例不小，核对的比例越大，不确定性越小，"
                 "区间已计入这一点。")
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

    def create(self, size: int, seed: int | None, review_first: bool, by_type: bool, reviewer: str = "",
               pool_below: int | None = None) -> str:
        """``pool_below``: kinds with fewer documents are pooled (default: configs/doc_kinds.yaml)."""
        seed = secrets.randbelow(2**31) if seed is None else seed
        spec = SampleSpec(size=size, seed=seed, review_first=review_first, by_type=by_type,
                          **({"pool_below": max(1, pool_below)} if pool_below is not None else {}))
        docs = self.docs()
        strata = stratify(docs, spec)
        sample = draw_sample(docs, spec)
        sid = time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
        self.store.create(sid, seed, size, review_first, by_type, strata.population(),
                          [(d.applicant_id, d.stem, s) for d, s in sample], reviewer=" ".join(reviewer.split())[:60],
                          pooled=strata.pooled, pool_below=spec.pool_below)
        return sid

    def kinds(self, review_first: bool = True) -> dict[str, Any]:
        """The batch's kinds as the start page shows them: (Chinese name, documents), and the pooling note a
        sample stratified by kind would get."""
        docs = self.docs()
        spec = SampleSpec(size=1, seed=0, review_first=review_first)
        counts: dict[str, int] = {}
        for d in docs:
            counts[d.kind_label] = counts.get(d.kind_label, 0) + 1
        pooled = stratify(docs, spec).pooled
        return {"counts": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
                "pooled_note": pooled_note(pooled, spec.pool_below, review_first)}

    def session(self, sid: str) -> dict[str, Any]:
        meta = self.store.session(sid)
        if meta is None:
            raise KeyError(sid)
        return {**meta, "sample": self.store.sample(sid),
                "pooled_note": pooled_note(meta.get("pooled") or {}, meta.get("pool_below") or 0,
                                           bool(meta.get("review_first")))}

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

    # --- marked places ------------------------------------------------------------------------------------

    def add_mark(self, sid: str, pos: int, page: int, kind: str, note: str = "", *,
                 bbox: list[float] | None = None, pixels: list[float] | None = None) -> dict[str, Any]:
        """A place on page ``page`` (1-based, as the audit counts) of the redacted output, marked 泄露 or 过度脱敏.

        The box is given in PDF points (``bbox``, top-left origin, as the audit's boxes) or in pixels of the
        page image this app rendered (``pixels``), which are converted with that image's own scale (its width
        and height in pixels against the page's in points).  It is clipped to the page; a box that is empty
        after that is refused."""
        _, doc = self.doc(sid, pos)
        if kind not in MARK_KINDS:
            raise MarkError("标记只能是“泄露”（leak）或“过度脱敏”（over_redaction）。")
        if (bbox is None) == (pixels is None):
            raise MarkError("请给出位置：bbox（PDF 点）或 pixels（页面图像的像素）二者之一。")
        pages = {p["page"]: p for p in self.pages(sid, pos)["redacted"]}
        if page not in pages:
            raise MarkError(f"脱敏件没有第 {page} 页（共 {len(pages)} 页）。")
        geo = pages[page]
        box = _four(bbox if bbox is not None else pixels)
        if pixels is not None:
            w_px, h_px = png_size(Path(geo["png"]))
            sx, sy = geo["width"] / w_px, geo["height"] / h_px
            box = [box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy]
        x0, x1 = sorted((box[0], box[2]))
        y0, y1 = sorted((box[1], box[3]))
        x0, x1 = max(0.0, x0), min(float(geo["width"]), x1)
        y0, y1 = max(0.0, y0), min(float(geo["height"]), y1)
        if x1 - x0 < 1 or y1 - y0 < 1:
            raise MarkError("框选的位置不在页面内或太小。")
        mark = self.store.add_mark(sid, pos, doc.applicant_id, doc.stem, page,
                                   (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)), kind,
                                   " ".join(note.split())[:300])
        return mark | {"label": MARK_LABELS[kind]}

    def marks(self, sid: str, pos: int | None = None) -> list[dict[str, Any]]:
        return [m | {"label": MARK_LABELS[m["kind"]]} for m in self.store.marks(sid, pos)]

    def delete_mark(self, sid: str, pos: int, mark_id: int) -> bool:
        self.doc(sid, pos)
        return self.store.delete_mark(sid, pos, mark_id)

    def report(self, sid: str) -> dict[str, Any]:
        """The QA report; also written as qa-report-<session>.json/.html into the batch folder."""
        s = self.session(sid)
        marks = self.marks(sid)
        places: dict[int, list[dict[str, Any]]] = {}
        for m in marks:
            places.setdefault(m["pos"], []).append(
                {"page": m["page"], "bbox": m["bbox"], "kind": m["kind"], "label": m["label"], "note": m["note"]})
        counts = {v: 0 for v in VERDICTS}
        strata: dict[str, dict[str, int]] = {k: {"population": n, "reviewed": 0, "leaks": 0}
                                             for k, n in s["population"].items()}
        leak_by_mark = []
        for item in s["sample"]:
            if item["verdict"]:
                counts[item["verdict"]] += 1
                st = strata.setdefault(item["stratum"], {"population": 0, "reviewed": 0, "leaks": 0})
                st["reviewed"] += 1
                # a reviewed document with a place marked 泄露 counts as leaked, whatever its verdict says
                marked_leak = any(p["kind"] == "leak" for p in places.get(item["pos"], []))
                st["leaks"] += item["verdict"] == "leak" or marked_leak
                if marked_leak and item["verdict"] != "leak":
                    leak_by_mark.append(item["pos"])
        estimate = stratified_rate({k: Stratum(v["population"], v["reviewed"], v["leaks"]) for k, v in strata.items()})
        pooled = s.get("pooled") or {}
        return {
            "session": sid, "batch_folder": self.folder.name, "seed": s["seed"], "sample_size": len(s["sample"]),
            "reviewed": sum(counts.values()), "population": sum(s["population"].values()),
            "strategy": {"review_first": bool(s["review_first"]), "by_type": bool(s["by_type"])},
            "verdict_counts": counts, "strata": strata, "leak_rate": estimate,
            "redo": [{"pos": i["pos"], "applicant_id": i["applicant_id"], "stem": i["stem"], "verdict": i["verdict"],
                      "note": i["note"] or "", "places": places.get(i["pos"], [])}
                     for i in s["sample"] if i["verdict"] in REDO or places.get(i["pos"])],
            "marks": [{k: m[k] for k in ("pos", "applicant_id", "stem", "page", "bbox", "kind", "label", "note")}
                      for m in marks],
            "leak_by_mark": leak_by_mark,
            "pooled": {"kinds": {doc_type_label(k): n for k, n in pooled.items()}, "below": s.get("pool_below") or 0,
                       "note": s["pooled_note"]},
            "effective_n_shown": shown_effective_n(estimate),
            "pending": [i["pos"] for i in s["sample"] if not i["verdict"]],
            "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
            "reviewer": s.get("reviewer") or "",
            "checked_on": _days([i["at"] for i in s["sample"] if i.get("at")]),
            "strata_labels": {k: stratum_label(k, pooled) for k in strata},
            "leak_rate_words": leak_rate_words(estimate, len(s["sample"]), sum(counts.values())),
        }

    def write_report(self, sid: str, report: dict[str, Any], html: str) -> tuple[Path, Path]:
        js = self.folder / f"qa-report-{sid}.json"
        ht = self.folder / f"qa-report-{sid}.html"
        js.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        ht.write_text(html, encoding="utf-8")
        return js, ht


def _four(v: Any) -> list[float]:
    try:
        box = [float(x) for x in v]
    except (TypeError, ValueError):
        raise MarkError("位置应为四个数：[x0, y0, x1, y1]。") from None
    if len(box) != 4 or not all(math.isfinite(x) and abs(x) <= 1e6 for x in box):
        raise MarkError("位置应为四个数：[x0, y0, x1, y1]。")
    return box


def png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels of a PNG, from its header (the page images this app rendered)."""
    with path.open("rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        raise MarkError("页面图像不可读，请刷新页面后重试。")
    w, h = struct.unpack(">II", head[16:24])
    return w, h

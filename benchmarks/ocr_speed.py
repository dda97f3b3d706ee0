"""OCR speed and accuracy on generated dense Chinese A4 pages.

    python -m benchmarks.ocr_speed                 # the full sweep (about 25 minutes on 2 cores)
    python -m benchmarks.ocr_speed --quick         # the chosen settings only, 2 pages
    python -m benchmarks.ocr_speed --only dpi,threads

Every configuration runs in a fresh process (so thread settings and peak RSS
are its own) over the same pages: dense dossier-like text (Chinese prose,
labelled fields with ID/phone numbers, e-mail addresses, dates) set in
PyMuPDF's CJK fonts at 10.5 pt (every sixth line 8 pt), about 40 lines and
1,100 characters a page.  Each page is read ``--repeat`` times and the fastest
run counts (the machine may be shared).  Reported: OCR wall seconds and CPU
seconds per page (recognize() only, rendering excluded), the
character error rate against the known text (whitespace ignored; missing
lines count as deletions), lines found, and peak RSS of the process.

Quantised variants need the ``onnx`` package (``pip install onnx``); the
int8 models are written to benchmarks/results/ocr/models/ (git-ignored).
Results go to benchmarks/results/ocr/ocr_speed-<time>.json (and ocr_speed.json).

On a shared machine wall times swing with other load; CPU seconds per page
(process time, min of the repeats) are the stable figure for one-thread
workers, and two such workers on two idle cores do about 2 x 60 / cpu pages
a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import random

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.extract import peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "benchmarks" / "results" / "ocr"

COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法"
    "所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已"
    "通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九"
    "区强放决西被干做必战先回则任取据处府研究院校教授讲师副职称评审申报材料科技项目论文专利获奖情况单位工作经历学历学位毕业"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
LABELS = ["姓名", "身份证号", "联系电话", "工作单位", "电子邮箱", "现任职务", "申报职称", "毕业院校", "所学专业", "通讯地址"]


# -- the pages ------------------------------------------------------------------------

def fake_id(rng: random.Random) -> str:
    """An 18-digit number with a valid GB 11643 check digit (made up: region 110101, fixed date)."""
    body = "11010119" + f"{rng.randint(60, 99)}" + f"{rng.randint(1, 12):02d}" + f"{rng.randint(1, 28):02d}" + f"{rng.randint(0, 999):03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]


def _line(rng: random.Random) -> str:
    kind = rng.random()
    prose = lambda n: "".join(rng.choice(COMMON) for _ in range(n))  # noqa: E731
    if kind < 0.55:
        return prose(rng.randint(24, 44))
    label = rng.choice(LABELS)
    if label == "身份证号":
        value = fake_id(rng)
    elif label == "联系电话":
        value = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
    elif label == "电子邮箱":
        value = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9))) + "@example.com"
    elif label == "姓名":
        value = rng.choice(SURNAMES) + prose(rng.randint(1, 2))
    else:
        value = prose(rng.randint(6, 16))
    tail = f"  {rng.randint(1990, 2023)}年{rng.randint(1, 12)}月" if rng.random() < 0.4 else ""
    return f"{label}：{value}{tail}"


def make_pages(n: int, seed: int = 7, fontsize: float = 10.5) -> tuple[bytes, list[list[tuple[float, float, str]]]]:
    """A PDF with ``n`` dense A4 pages and, per page, (top, bottom, text) of every line."""
    import pymupdf

    rng = random.Random(seed)
    doc = pymupdf.open()
    truth: list[list[tuple[float, float, str]]] = []
    for i in range(n):
        page = doc.new_page(width=595.0, height=842.0)
        font = ("china-s", "china-ss")[i % 2]
        lines = []
        y = 60.0
        k = 0
        while y < 842 - 50:
            t = _line(rng)
            size = 8.0 if k % 6 == 5 else fontsize        # every sixth line is small print
            page.insert_text((56, y), t, fontname=font, fontsize=size)
            lines.append((y - size, y + 0.3 * size, t))
            y += max(size, fontsize) * 1.8
            k += 1
        truth.append(lines)
    data = doc.tobytes()
    doc.close()
    return data, truth


# -- scoring ----------------------------------------------------------------------------

def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def score_page(lines: list[Any], truth: list[tuple[float, float, str]]) -> tuple[int, int]:
    """(edits, truth characters): OCR lines are assigned to the truth line their centre falls in."""
    got: dict[int, list[tuple[float, str]]] = {i: [] for i in range(len(truth))}
    extra = 0
    for ln in lines:
        cx, cy = ln.bbox.center
        hit = next((i for i, (top, bottom, _) in enumerate(truth) if top - 2 <= cy <= bottom + 2), None)
        if hit is None:
            extra += len("".join(ln.text.split()))
        else:
            got[hit].append((ln.bbox.x0, ln.text))
    edits, total = extra, 0
    for i, (_, _, t) in enumerate(truth):
        want = "".join(t.split())
        have = "".join("".join(x[1] for x in sorted(got[i])).split())
        edits += edit_distance(want, have)
        total += len(want)
    return edits, total


# -- quantisation ------------------------------------------------------------------------

def quantized_model(src: Path, ops: list[str], tag: str) -> Path:
    """int8 dynamic quantisation of ``src`` (cached); keeps the ONNX metadata (rec's character table)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    dst = OUT_DIR / "models" / f"{src.stem}.{tag}.onnx"
    if dst.is_file():
        return dst
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(".tmp.onnx")
    quantize_dynamic(str(src), str(tmp), weight_type=QuantType.QUInt8, op_types_to_quantize=ops)
    m_src, m_dst = onnx.load(str(src)), onnx.load(str(tmp))
    have = {p.key for p in m_dst.metadata_props}
    for p in m_src.metadata_props:
        if p.key not in have:
            m_dst.metadata_props.append(p)
    onnx.save(m_dst, str(dst))
    tmp.unlink(missing_ok=True)
    return dst


def quantized_static(src: Path, tag: str, calib: list[Any]) -> Path:
    """int8 static (QDQ, per-channel) quantisation calibrated on ``calib`` input batches (cached).

    The PP-OCR exports are opset 11; per-channel QDQ needs opset 13, so the
    model is converted first.
    """
    import onnx
    from onnx import version_converter
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    dst = OUT_DIR / "models" / f"{src.stem}.{tag}.onnx"
    if dst.is_file():
        return dst
    dst.parent.mkdir(parents=True, exist_ok=True)
    m13, pre = dst.with_suffix(".op13.onnx"), dst.with_suffix(".pre.onnx")
    onnx.save(version_converter.convert_version(onnx.load(str(src)), 13), str(m13))
    quant_pre_process(str(m13), str(pre), skip_symbolic_shape=True)

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.it = iter([{"x": b} for b in calib])

        def get_next(self) -> dict[str, Any] | None:
            return next(self.it, None)

    quantize_static(str(pre), str(dst), Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8)
    m_src, m_dst = onnx.load(str(src)), onnx.load(str(dst))
    have = {p.key for p in m_dst.metadata_props}
    m_dst.metadata_props.extend(p for p in m_src.metadata_props if p.key not in have)
    onnx.save(m_dst, str(dst))
    m13.unlink(missing_ok=True)
    pre.unlink(missing_ok=True)
    return dst


def calibration_batches(n_pages: int = 2, seed: int = 99) -> tuple[list[Any], list[Any]]:
    """(rec inputs, det inputs) from pages other than the evaluation pages."""
    import numpy as np
    import pymupdf

    from redactor.ingest.images import render_page
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

    data, _ = make_pages(n_pages, seed=seed)
    doc = pymupdf.open(stream=data, filetype="pdf")
    eng = RapidOcrEngine()
    from rapidocr.utils.process_img import get_rotate_crop_image

    rec, det = [], []
    for page in doc:
        img = np.ascontiguousarray(render_page(page, 200).pixels[:, :, ::-1])
        det.append(eng._det.get_preprocess()(img))
        for b in eng._detect(img)[::2]:
            crop = get_rotate_crop_image(img, b.copy())
            rec.append(eng._rec.resize_norm_img(crop, max(crop.shape[1] / crop.shape[0], 320 / 48))[None].astype(np.float32))
    return rec, det


# -- one configuration, in its own process -----------------------------------------------

def worker(spec: dict[str, Any]) -> dict[str, Any]:
    import pymupdf

    from redactor.config import OcrConfig
    from redactor.ingest.images import render_page

    pdf = pymupdf.open(spec["pdf"])
    truth = json.loads(Path(spec["truth"]).read_text(encoding="utf-8"))
    pages = spec.get("pages") or list(range(pdf.page_count))
    rasters = [render_page(pdf[i], spec["dpi"]) for i in pages]
    t0 = time.perf_counter()
    if spec.get("engine") == "rapidocr-default":
        engine: Any = _DefaultRapid()
    else:
        from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

        cfg = OcrConfig(
            det_limit_side_len=spec.get("det_side", 1280),
            rec_batch_num=spec.get("rec_batch", 6),
            intra_op_threads=spec.get("threads", 1),
            use_angle_cls=spec.get("cls", False),
        )
        engine = RapidOcrEngine(cfg, det_model=spec.get("det_model"), rec_model=spec.get("rec_model"))
    load = time.perf_counter() - t0
    out = []
    for i, r in zip(pages, rasters):
        secs = cpu = float("inf")
        for _ in range(max(1, spec.get("repeat", 1))):
            t, c = time.perf_counter(), time.process_time()
            lines = engine.recognize(r)
            secs = min(secs, time.perf_counter() - t)
            cpu = min(cpu, time.process_time() - c)
        edits, total = score_page(lines, [tuple(x) for x in truth[i]])
        out.append({"page": i, "secs": secs, "cpu": cpu, "edits": edits, "chars": total, "lines": len(lines),
                    "truth_lines": len(truth[i]), "stats": _stats(engine)})
    return {"load_s": load, "pages": out, "peak_rss_mb": peak_rss_mb()}


def _stats(engine: Any) -> dict[str, Any]:
    st = getattr(engine, "last_stats", None)
    if st is None:
        return {}
    return {"rotation": st.rotation, "detected": st.detected, "returned": st.returned,
            "seconds": {k: round(v, 3) for k, v in st.seconds.items()}}


class _DefaultRapid:
    """RapidOCR exactly as shipped (angle classifier on unless ``use_cls`` is False, det side 736 min, default
    threads), for reference."""

    def __init__(self, use_cls: bool = True) -> None:
        from rapidocr import RapidOCR

        from redactor.ingest.ocr.rapidocr_engine import CLS_MODEL, DET_MODEL, REC_MODEL, rapidocr_model_dir

        d = rapidocr_model_dir()
        self.ocr = RapidOCR(params={"Global.log_level": "warning", "Global.use_cls": use_cls,
                                    "Det.model_path": str(d / DET_MODEL), "Rec.model_path": str(d / REC_MODEL),
                                    "Cls.model_path": str(d / CLS_MODEL)})

    def recognize(self, raster: Any) -> list[Any]:
        from redactor.protocols import OcrText

        res = self.ocr(raster.pixels[:, :, ::-1].copy())
        out = []
        for box, txt, sc in zip(res.boxes if res.boxes is not None else [], res.txts or (), res.scores or ()):
            xs, ys = [p[0] for p in box], [p[1] for p in box]
            b = raster.point_box(min(xs), min(ys), max(xs), max(ys))
            out.append(OcrText(txt, tuple(b for _ in txt), b, sc))
        return out


# -- the sweep ----------------------------------------------------------------------------

def run_spec(spec: dict[str, Any], parallel: int = 1) -> dict[str, Any]:
    """Run ``spec`` in ``parallel`` processes splitting the pages; wall time gives throughput."""
    n = spec["n_pages"]
    chunks = [list(range(n))[k::parallel] for k in range(parallel)]
    t0 = time.perf_counter()
    procs = []
    for ch in chunks:
        s = dict(spec, pages=ch)
        procs.append(subprocess.Popen([sys.executable, "-m", "benchmarks.ocr_speed", "worker", json.dumps(s)],
                                      cwd=ROOT, stdout=subprocess.PIPE, text=True))
    results = []
    for p in procs:
        stdout, _ = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"worker failed for {spec}")
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    wall = time.perf_counter() - t0
    pages = [pg for r in results for pg in r["pages"]]
    ocr_secs = sum(pg["secs"] for pg in pages)
    edits = sum(pg["edits"] for pg in pages)
    chars = sum(pg["chars"] for pg in pages)
    return {
        "spec": {k: v for k, v in spec.items() if k not in ("pdf", "truth", "pages", "n_pages", "repeat")},
        "parallel": parallel,
        "pages": len(pages),
        "s_per_page": ocr_secs / len(pages),
        "cpu_per_page": sum(pg["cpu"] for pg in pages) / len(pages),
        # throughput: pages over the busiest worker's OCR time (rendering and loading excluded)
        "pages_per_min": 60.0 * len(pages) / max(sum(pg["secs"] for pg in r["pages"]) for r in results),
        "wall_s": wall,
        "cer_pct": 100.0 * edits / max(chars, 1),
        "lines": sum(pg["lines"] for pg in pages),
        "truth_lines": sum(pg["truth_lines"] for pg in pages),
        "load_s": max(r["load_s"] for r in results),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
        "per_page": pages,
    }


def sweep(groups: set[str], n_pages: int, quick: bool, repeat: int = 2) -> list[dict[str, Any]]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    data, truth = make_pages(n_pages)
    pdf = OUT_DIR / "pages.pdf"
    pdf.write_bytes(data)
    tpath = OUT_DIR / "truth.json"
    tpath.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    base = {"pdf": str(pdf), "truth": str(tpath), "n_pages": n_pages, "dpi": 200, "threads": 1,
            "det_side": 1280, "rec_batch": 1, "repeat": repeat}     # the chosen settings (docs/ocr.md)
    plan: list[tuple[str, dict[str, Any], int]] = []
    plan.append(("chosen", dict(base), 1))
    if "reference" in groups:
        plan.append(("reference", dict(base, engine="rapidocr-default"), 1))
    if "dpi" in groups:
        plan += [("dpi", dict(base, dpi=d), 1) for d in (150, 300)]
    if "threads" in groups:
        plan.append(("threads", dict(base, threads=2), 1))
        plan.append(("throughput", dict(base, threads=1), 2))
    if "det" in groups:
        plan += [("det", dict(base, det_side=s), 1) for s in (960, 1600)]
    if "batch" in groups:
        plan += [("batch", dict(base, rec_batch=b), 1) for b in (3, 6, 12)]
        plan.append(("batch", dict(base, rec_batch=6, threads=2), 1))
    if "int8" in groups:
        try:
            from redactor.ingest.ocr.rapidocr_engine import DET_MODEL, REC_MODEL, rapidocr_model_dir

            d = rapidocr_model_dir()
            rec_mm = quantized_model(d / REC_MODEL, ["MatMul", "Gemm"], "int8-matmul")
            rec_all = quantized_model(d / REC_MODEL, ["MatMul", "Gemm", "Conv"], "int8-all")
            det_all = quantized_model(d / DET_MODEL, ["Conv"], "int8-conv")
            rec_cal, det_cal = calibration_batches()
            rec_qdq = quantized_static(d / REC_MODEL, "int8-qdq", rec_cal)
            det_qdq = quantized_static(d / DET_MODEL, "int8-qdq", det_cal)
            plan += [
                ("int8", dict(base, rec_model=str(rec_mm)), 1),
                ("int8", dict(base, rec_model=str(rec_all)), 1),
                ("int8", dict(base, det_model=str(det_all)), 1),
                ("int8", dict(base, rec_model=str(rec_qdq)), 1),
                ("int8", dict(base, det_model=str(det_qdq)), 1),
            ]
        except ImportError:
            print("int8: skipped (pip install onnx to quantise)", file=sys.stderr)
    results = []
    for group, spec, par in plan:
        r = run_spec(spec, par)
        r["group"] = group
        results.append(r)
        print(_row(r), flush=True)
    return results


def _row(r: dict[str, Any]) -> str:
    s = r["spec"]
    name = ", ".join(f"{k}={Path(v).name if isinstance(v, str) and '/' in v else v}" for k, v in s.items())
    return (f"{r['group']:<10} {name:<62} x{r['parallel']}  {r['s_per_page']:6.2f} s/page  cpu {r['cpu_per_page']:5.2f} s  "
            f"{r['pages_per_min']:5.1f} pages/min  CER {r['cer_pct']:5.2f}%  lines {r['lines']}/{r['truth_lines']}  "
            f"RSS {r['peak_rss_mb']:.0f} MB  load {r['load_s']:.1f} s")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "worker":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        print(json.dumps(worker(json.loads(argv[1]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="the chosen settings only")
    ap.add_argument("--repeat", type=int, default=2, help="reads per page; the fastest counts")
    ap.add_argument("--only", default="reference,dpi,threads,det,batch,int8",
                    help="comma-separated groups: reference,dpi,threads,det,batch,int8")
    args = ap.parse_args(argv)
    groups = set() if args.quick else set(args.only.split(","))
    n = 2 if args.quick and args.pages == 3 else args.pages
    results = sweep(groups, n, args.quick, args.repeat)
    body = json.dumps(results, indent=1, ensure_ascii=False)
    stamped = OUT_DIR / f"ocr_speed-{time.strftime('%Y%m%d-%H%M%S')}.json"
    stamped.write_text(body, encoding="utf-8")
    (OUT_DIR / "ocr_speed.json").write_text(body, encoding="utf-8")
    print(f"written {stamped} (and ocr_speed.json)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Scoring a redacted PDF against the corpus ground truth.

One *unit* per ground-truth instance; the pieces of a value split across lines
(``split_name``, sharing a ``group``) form one unit that leaks if any piece can
still be read.

Applicant-owned text (name, id_number, phone, employer, email) is **leaked** when
an independent reader (``benchmarks.extract``) still finds its normalised value
(``compact``; digits only for IDs and phones) near its box: text-layer characters
whose centre lies in the box grown by 3 pt, OCR characters in the box grown by
4 pt + 35 % of its height (OCR only on pages that are not born-digital or where
the value sits in a pasted image), or anywhere in the metadata.  When no reader
can find the value *in the input either* (the OCR misreads it), the reader is
blind there and the unit falls back to geometry: leaked unless at least half of
its box is blacked out (pixels in the fill colour, or redaction boxes in the
audit).

Applicant-owned regions (photo, qr_code, seal, signature) are **leaked** when less
than ``REGION_COVERED`` of the box is painted in the fill colour in the rendered
output, or a QR code still decodes inside the box, or a face is still found in a
portrait box.

Other people's data (``owner: other``) is **lost** when more than half of its box
is blacked out (figures -- charts, micrographs -- when any of it is: they must stay
untouched), or when it was readable in the input and is not any more — read
as a reviewer sees it: by OCR on scans, photos and pasted images (dropping an
invisible OCR layer as a whole is not a loss), by the text layer elsewhere.

Over-redaction: the area of the union of the output's redaction boxes (from the
audit) outside the union of the applicant-owned truth boxes (grown by
``OWN_SLACK_PT``), absolute (pt²) and as a share of the page area.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from benchmarks.extract import (
    PdfReadout, area, covered_fraction, grow, intersection, newly_blank, newly_filled, text_key, value_key,
)

TEXT_CATEGORIES = ("name", "id_number", "phone", "employer", "email")
REGION_CATEGORIES = ("photo", "qr_code", "seal", "signature", "figure")
CATEGORIES = TEXT_CATEGORIES + REGION_CATEGORIES
PATH_ORDER = ("born_digital", "scanned", "scan_with_hidden_text", "scan_ocrmypdf", "mixed", "phone_photo", "image_file",
              "outlined")

REGION_COVERED = 0.8          # an own region counts as removed when this share of its box is blacked out
TEXT_COVERED = 0.5            # geometric fallback for text the readers cannot read in the input
DECOY_COVERED = 0.5           # a decoy is lost when more than this share of its box is blacked out
FIGURE_TOUCHED = 0.02         # a figure (chart, micrograph) must stay untouched: lost above this share
OWN_SLACK_PT = 2.0            # redaction boxes may exceed the truth box by this much without counting
PARTIAL = 0.5                 # "partial": at least this share of the value's characters still readable
RASTER_KINDS = ("scanned", "scan_with_hidden_text", "image", "outlined")
HIDDEN_LAYER_SIDEWAYS = 0.5     # see _read_text: how far beside the box an OCR layer's characters may sit   # truth page kinds whose content is pixels


# --- one document ----------------------------------------------------------------------------------

def ocr_pages_of(truth_doc: dict[str, Any]) -> set[int]:
    """Pages whose pixels carry text the text layer may not have."""
    pages = {p["page"] for p in truth_doc["pages"] if p.get("kind", "born_digital") != "born_digital"}
    pages |= {d["page"] for d in truth_doc["instances"] if d.get("in_raster")}
    return pages


def units(instances: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Instances grouped into scoring units (split pieces together), in truth order."""
    out: list[list[dict[str, Any]]] = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in instances:
        g = d.get("group")
        if g:
            if g not in groups:
                groups[g] = []
                out.append(groups[g])
            groups[g].append(d)
        else:
            out.append([d])
    return out


def redaction_boxes(audit: dict[str, Any] | None) -> dict[int, list[tuple[float, float, float, float]]]:
    boxes: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
    for r in (audit or {}).get("redactions", []):
        if r.get("painted") is False:      # text removed without a box: covers nothing
            continue
        for b in r.get("boxes") or [r.get("bbox")]:
            if b:
                boxes[int(r["page"])].append(tuple(float(v) for v in b))
    return boxes


def _read_text(ro: PdfReadout | None, d: dict[str, Any], use_ocr: bool, hidden_layer: bool = False) -> tuple[list[str], float]:
    """Which readers find the value of ``d`` near its box, and the share of its characters readable.

    ``hidden_layer``: the page is a scan under an invisible OCR text layer, whose characters sit
    evenly across each OCR *word* (OCRmyPDF's glyph-less font), not where the glyphs are; the
    text reader looks HIDDEN_LAYER_SIDEWAYS of the box's width further left and right."""
    if ro is None:
        return [], 0.0
    page = ro.page(d["page"])
    if page is None:
        return [], 0.0
    key = value_key(d["category"], d.get("text", ""))
    if not key:
        return [], 0.0
    found: list[str] = []
    near = text_key(d["category"], page.text_near(d["bbox"], sideways=HIDDEN_LAYER_SIDEWAYS if hidden_layer else 0.0))
    if key in near:
        found.append("text")
    seen = near
    if use_ocr:
        o = text_key(d["category"], page.ocr_near(d["bbox"]))
        if key in o:
            found.append("ocr")
        seen += o
    have = Counter(seen)
    want = Counter(key)
    residue = sum(min(n, have[c]) for c, n in want.items()) / max(1, len(key))
    return found, residue


def _read_region(ro: PdfReadout | None, d: dict[str, Any]) -> list[str]:
    if ro is None:
        return []
    page = ro.page(d["page"])
    if page is None:
        return []
    found = []
    if d["category"] == "qr_code" and page.decode_codes(d["bbox"]):
        found.append("qr_decode")
    if d["category"] == "photo" and page.faces(d["bbox"]):
        found.append("face")
    return found


STAMP_SHOWN = 0.35   # a stamp on a black-and-white scan shows when this share of its ring's directions is inked


def stamp_erased(page: Any, bbox: Sequence[float]) -> bool:
    """The 1-bit scan's threshold left (almost) nothing of a stamp: fewer than ``STAMP_SHOWN`` of the
    directions round its ring (the ellipse inscribed in its box, 0.8-1.05 of its radii), rows of print left out,
    hold ink (smoothed, darker than 215: a stroke, or dots at least ~15 % dense).  Such a
    stamp is not in the input; scored as there, a few specks of its ring left counted as a leak the tool
    could not have seen (seeds 179 and 181, partial impressions at thresholds 115-160)."""
    if page is None:
        return False
    c = page.crop(bbox)
    if c.size == 0:
        return False
    import cv2

    # smoothed, a dithered stamp's dots are a grey (a faint impression ~20 % dots), a thresholded one's
    # ring stays dark, and paper with a stray speck stays white
    grey = cv2.GaussianBlur((c.mean(axis=2) if c.ndim == 3 else c).astype(np.float32), (0, 0), 1.5)
    h, w = grey.shape
    yy, xx = np.mgrid[0:h, 0:w]
    r = np.hypot((xx - (w - 1) / 2) / max(w / 2, 1), (yy - (h - 1) / 2) / max(h / 2, 1))
    ink = grey < 215
    # rows of print across the stamp (the employer's name and the date it is stamped over) are left out:
    # a row inked over a fifth of the box's width, and a few pixels round it
    rows = cv2.dilate((ink.mean(axis=1) > 0.2).astype(np.uint8)[:, None], np.ones((7, 1), np.uint8))[:, 0] > 0
    band = (r >= 0.8) & (r <= 1.05) & ~rows[:, None]

    def directions(mask: np.ndarray) -> int:
        a = np.arctan2(yy[mask] - (h - 1) / 2, xx[mask] - (w - 1) / 2)
        return len(np.unique(((a + np.pi) / (2 * np.pi) * 72).astype(int) % 72))

    seen = directions(band)
    return seen == 0 or directions(band & ink) < STAMP_SHOWN * seen


def score_document(
    truth_doc: dict[str, Any],
    before: PdfReadout | None,
    after: PdfReadout | None,
    audit: dict[str, Any] | None,
    *,
    fill: Sequence[int] = (0, 0, 0),
    system: str = "redactor",
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Score one output against the truth of its input.

    ``before``: a readout of the input (as a PDF); ``after``: of the output
    (None when the system produced nothing).  Returns ``{"records": [...],
    "pages": [...], "spurious": [...]}``; every record is a flat dict.
    """
    meta = dict(meta or {})
    base = {"system": system, "file": truth_doc["file"], "doc_type": truth_doc["doc_type"],
            "path": truth_doc["path"], **meta}
    ocr_pages = ocr_pages_of(truth_doc)
    boxes = redaction_boxes(audit)
    page_kind = {p["page"]: p.get("kind", "born_digital") for p in truth_doc["pages"]}
    bitonal = bool((truth_doc.get("render") or {}).get("bitonal"))
    records: list[dict[str, Any]] = []
    for unit in units(truth_doc["instances"]):
        head = unit[0]
        cat, owner = head["category"], head["owner"]
        region = cat in REGION_CATEGORIES
        rec: dict[str, Any] = {
            **base,
            "id": head.get("group") or head["id"],
            "pieces": [d["id"] for d in unit],
            "category": cat,
            "owner": owner,
            "form": head.get("form", ""),
            "shared": bool(head.get("shared")),
            "role": head.get("role", ""),
            "in_raster": any(d.get("in_raster") for d in unit),
            "page": head["page"],
            "page_kind": page_kind.get(head["page"], ""),
            "region": region,
            "chars": len(value_key(cat, head.get("text", ""))) if not region else 0,
        }
        read_before: set[str] = set()
        read_after: set[str] = set()
        cov_audit, cov_px, residue = [], [], []
        for d in unit:
            cov_audit.append(covered_fraction(d["bbox"], boxes.get(d["page"], [])))
            pg = after.page(d["page"]) if after is not None else None
            pb = before.page(d["page"]) if before is not None else None
            if pg is None:
                cov_px.append(0.0)
            else:
                painted = newly_filled(pg.fill_mask(d["bbox"], fill),
                                       pb.fill_mask(d["bbox"], fill) if pb is not None else None)
                if region and pb is not None and page_kind.get(d["page"]) not in RASTER_KINDS:
                    # a mark removed by its pixels, print kept over it: blank (born-digital pages only: on a scan a
                    # grey stamp left in place is ink like the print kept, and could not be told from it)
                    # (the applicant's: with the boxes of values removed across it; another's: only where it
                    # was blanked, as a box over part of it counts by its area, ``newly_filled``)
                    painted = max(painted, newly_blank(pg.crop(d["bbox"]), pb.crop(d["bbox"]),
                                                       fill if owner == "applicant" else None))
                cov_px.append(painted)
            if region:
                read_before.update(_read_region(before, d))
                read_after.update(_read_region(after, d))
            else:
                use_ocr = d["page"] in ocr_pages
                hidden = page_kind.get(d["page"]) == "scan_with_hidden_text"
                fb, _ = _read_text(before, d, use_ocr, hidden)
                fa, res = _read_text(after, d, use_ocr, hidden)
                read_before.update(fb)
                read_after.update(fa)
                residue.append(res)
        # metadata: the whole value (a split name's pieces joined), anywhere outside the page
        whole = "".join(d.get("text", "") for d in unit)
        if not region and owner == "applicant" and after is not None and after.in_metadata(cat, whole):
            read_after.add("metadata")
        covered = max(min(cov_px), min(cov_audit)) if unit else 0.0     # every piece must be covered
        rec.update({
            "read_before": sorted(read_before),
            "read_after": sorted(read_after),
            "measurable": bool(read_before) or region,
            "cov_audit": round(min(cov_audit), 3),
            "cov_pixels": round(min(cov_px), 3),
            "residue": round(max(residue), 3) if residue else 0.0,
        })
        if after is None:
            rec["status"] = "no_output"
        elif bitonal and cat == "seal" and before is not None and all(stamp_erased(before.page(d["page"]), d["bbox"])
                                                                      for d in unit):
            rec["status"], rec["why"] = "absent", "erased_in_input"
        elif owner == "applicant":
            if region:
                cov = min(cov_px)
                leaked = cov < REGION_COVERED or bool(read_after)
                why = ",".join(sorted(read_after)) or (f"uncovered({cov:.2f})" if leaked else "")
            elif read_after:
                leaked, why = True, ",".join(sorted(read_after))
            elif not read_before:
                leaked = covered < TEXT_COVERED
                why = f"unreadable_in_input+uncovered({covered:.2f})" if leaked else ""
            else:
                leaked, why = False, ""
            rec["status"] = "leaked" if leaked else "removed"
            rec["why"] = why
            rec["partial"] = (not leaked and not region and rec["residue"] >= PARTIAL)
        else:
            coverage = max(min(cov_px), min(cov_audit)) if not region else max(max(cov_px), max(cov_audit))
            # judged by what a reviewer sees: OCR on scans, photos and pasted images (an invisible OCR
            # layer may be dropped as a whole), the text layer elsewhere
            judge = "ocr" if (rec["in_raster"] or rec["page_kind"] in RASTER_KINDS) else "text"
            lost_reads = judge in read_before and judge not in read_after and not region
            lost_region = region and bool(read_before) and not read_after
            limit = FIGURE_TOUCHED if cat == "figure" else DECOY_COVERED
            lost = coverage > limit or lost_reads or lost_region
            why = (f"covered({coverage:.2f})" if coverage > limit else
                   "unreadable_after" if (lost_reads or lost_region) else "")
            rec["status"] = "lost" if lost else "kept"
            rec["why"] = why
        records.append(rec)
    pages, spurious = _over_redaction(truth_doc, audit, after, base)
    return {"records": records, "pages": pages, "spurious": spurious}


def _mask(boxes: Iterable[Sequence[float]], w: float, h: float, step: float) -> np.ndarray:
    nx, ny = max(1, int(np.ceil(w / step))), max(1, int(np.ceil(h / step)))
    m = np.zeros((ny, nx), dtype=bool)
    for b in boxes:
        x0, y0 = int(np.clip(np.floor(b[0] / step), 0, nx)), int(np.clip(np.floor(b[1] / step), 0, ny))
        x1, y1 = int(np.clip(np.ceil(b[2] / step), 0, nx)), int(np.clip(np.ceil(b[3] / step), 0, ny))
        m[y0:y1, x0:x1] = True
    return m


def _over_redaction(truth_doc: dict[str, Any], audit: dict[str, Any] | None, after: PdfReadout | None,
                    base: dict[str, Any], step: float = 0.5) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    pages: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    if after is None or audit is None:
        return pages, spurious
    own: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
    decoys: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for d in truth_doc["instances"]:
        if d["owner"] == "applicant":
            own[d["page"]].append(grow(d["bbox"], OWN_SLACK_PT))
        else:
            decoys[d["page"]].append(d)
    boxes = redaction_boxes(audit)
    outside: list[dict[str, Any]] = []
    for p in truth_doc["pages"]:
        n = p["page"]
        w, h = float(p["width"]), float(p["height"])
        red = _mask(boxes.get(n, []), w, h, step)
        ownm = _mask(own.get(n, []), w, h, step)
        cell = step * step
        pages.append({**base, "page": n, "page_kind": p.get("kind", ""), "page_pt2": round(w * h, 1),
                      "redacted_pt2": round(float(red.sum()) * cell, 1),
                      "over_pt2": round(float((red & ~ownm).sum()) * cell, 1)})
    for r in audit.get("redactions", []):
        if r.get("painted") is False:
            continue
        n = int(r["page"])
        rb = [tuple(b) for b in (r.get("boxes") or [r.get("bbox")]) if b]
        tot = sum(area(b) for b in rb)
        if tot <= 0:
            continue
        inside = sum(covered_fraction(b, own.get(n, [])) * area(b) for b in rb) / tot
        outside.append({"category": r.get("category", ""), "rule": r.get("rule", ""),
                        "outside_pt2": tot * (1 - inside), "file": base["file"], "page": n})
        if inside < 0.2:
            hit = [d["id"] for d in decoys.get(n, []) if any(intersection(d["bbox"], b) > 0.3 * area(d["bbox"]) for b in rb)]
            spurious.append({**base, "page": n, "category": r.get("category", ""), "rule": r.get("rule", ""),
                             "recognizer": r.get("recognizer", ""), "source": r.get("source", ""),
                             "area_pt2": round(tot, 1), "own_overlap": round(inside, 3), "decoys_hit": hit,
                             "bbox": r.get("bbox")})
    # attribute the area outside own boxes to the rules that drew it (overlaps counted per box)
    by_rule: dict[str, float] = defaultdict(float)
    for o in outside:
        by_rule[f"{o['category']}:{o['rule']}"] += o["outside_pt2"]
    if pages:
        pages[0]["outside_by_rule"] = {k: round(v, 1) for k, v in by_rule.items() if v >= 1.0}
    return pages, spurious


# --- aggregation -----------------------------------------------------------------------------------

def _rate(recs: list[dict[str, Any]], bad: str) -> dict[str, Any]:
    n = len(recs)
    k = sum(1 for r in recs if r["status"] == bad)
    return {"n": n, bad: k, "rate": round(1 - k / n, 4) if n else None,
            "ids": [unit_ref(r) for r in recs if r["status"] == bad][:12]}


def unit_ref(r: dict[str, Any]) -> str:
    """``a2/01-pingshen_biao.pdf#pingshen_biao-014``: applicant, file, unit id."""
    a = r.get("applicant")
    return (f"a{a}/" if a is not None else "") + f"{r['file']}#{r['id']}"


def group_rate(recs: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], bad: str) -> dict[str, Any]:
    by: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in recs:
        by[key(r)].append(r)
    return {str(k): _rate(v, bad) for k, v in sorted(by.items(), key=lambda kv: str(kv[0]))}


def cross_rate(recs: list[dict[str, Any]], k1: str, k2: str, bad: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in recs:
        by[r[k1]].append(r)
    for a, rs in by.items():
        out[a] = group_rate(rs, lambda r: r[k2], bad)
        out[a]["all"] = _rate(rs, bad)
    return out


def summarize(records: list[dict[str, Any]], pages: list[dict[str, Any]], spurious: list[dict[str, Any]],
              failures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Figures of one system over the whole run."""
    scored = [r for r in records if r["status"] not in ("no_output", "absent")]
    own = [r for r in scored if r["owner"] == "applicant"]
    other = [r for r in scored if r["owner"] != "applicant"]
    own_text = [r for r in own if not r["region"]]
    out: dict[str, Any] = {
        "units": len(records),
        "unscored_units": len(records) - len(scored),
        "applicant": {
            "all": _rate(own, "leaked"),
            "by_category": group_rate(own, lambda r: r["category"], "leaked"),
            "by_path": group_rate(own, lambda r: r["path"], "leaked"),
            "by_category_path": cross_rate(own, "category", "path", "leaked"),
            "by_form": group_rate(own, lambda r: f"{r['category']}/{r['form']}", "leaked"),
            "by_doc_type": group_rate(own, lambda r: r["doc_type"], "leaked"),
            "by_form_path": group_rate(own, lambda r: f"{r['form']}@{r['path']}", "leaked"),
            "shared": group_rate([r for r in own if r["shared"]], lambda r: r["path"], "leaked"),
            "not_shared": _rate([r for r in own if not r["shared"]], "leaked"),
            "partial": sum(1 for r in own_text if r.get("partial")),
            "partial_ids": [unit_ref(r) for r in own_text if r.get("partial")][:12],
            "unmeasurable": sum(1 for r in own_text if not r["measurable"]),
            # text/ocr/metadata/qr_decode/face: a reader found it; uncovered: a region (or unreadable
            # text) not blacked out
            "leaks_by_reader": dict(Counter(w.split("(")[0] for r in own if r["status"] == "leaked"
                                            for w in (r.get("why") or "?").split(","))),
        },
        "decoys": {
            "all": _rate(other, "lost"),
            "by_category": group_rate(other, lambda r: r["category"], "lost"),
            "by_path": group_rate(other, lambda r: r["path"], "lost"),
            "by_category_path": cross_rate(other, "category", "path", "lost"),
            "by_form": group_rate(other, lambda r: f"{r['category']}/{r['form']}", "lost"),
            "by_doc_type": group_rate(other, lambda r: r["doc_type"], "lost"),
            "unmeasurable": sum(1 for r in other if not r["measurable"] and not r["region"]),
            "lost_by_reason": dict(Counter((r.get("why") or "?").split("(")[0] for r in other if r["status"] == "lost")),
        },
        "regions": _regions(scored),
        "over_redaction": _over_summary(pages),
        "spurious": {
            "count": len(spurious),
            "by_rule": dict(Counter(f"{s['category']}:{s['rule']}" for s in spurious).most_common()),
            "examples": spurious[:15],
        },
    }
    if failures is not None:
        out["failures"] = failures
    return out


def issue_bars(records: list[dict[str, Any]], without_output: list[str], documents: int) -> dict[str, Any]:
    """The measures of issue #10's "done when" bars, over every path: recall per text category and
    QR codes, portraits, employer seals and the applicant's signatures removed, other people's seals,
    signatures, portraits and all decoys kept, and the documents without output."""
    scored = [r for r in records if r["status"] not in ("no_output", "absent")]
    own = [r for r in scored if r["owner"] == "applicant"]
    oth = [r for r in scored if r["owner"] != "applicant"]

    def of(rs: list[dict[str, Any]], cat: str) -> list[dict[str, Any]]:
        return [r for r in rs if r["category"] == cat]

    out: dict[str, Any] = {f"recall {c}": _rate(of(own, c), "leaked") for c in TEXT_CATEGORIES + ("qr_code",)}
    out["portraits removed"] = _rate(of(own, "photo"), "leaked")
    out["employer seals removed"] = _rate([r for r in of(own, "seal") if r["form"].startswith("seal_employer")], "leaked")
    out["applicant signatures removed"] = _rate(of(own, "signature"), "leaked")
    out["others' seals kept"] = _rate(of(oth, "seal"), "lost")
    out["others' signatures kept"] = _rate(of(oth, "signature"), "lost")
    out["others' portraits kept"] = _rate(of(oth, "photo"), "lost")
    out["non-portrait pictures kept"] = _rate(of(oth, "figure"), "lost")
    out["decoys kept"] = _rate(oth, "lost")
    out["documents without output"] = {"n": documents, "count": len(without_output), "ids": without_output}
    return out


def _regions(recs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for cat in REGION_CATEGORIES:
        own = [r for r in recs if r["category"] == cat and r["owner"] == "applicant"]
        oth = [r for r in recs if r["category"] == cat and r["owner"] != "applicant"]
        out[cat] = {
            "own": _rate(own, "leaked"),
            "own_mean_cov_pixels": round(float(np.mean([r["cov_pixels"] for r in own])), 3) if own else None,
            "own_mean_cov_audit": round(float(np.mean([r["cov_audit"] for r in own])), 3) if own else None,
            "own_readable_after": sum(1 for r in own if r["read_after"]),
            "own_readable_before": sum(1 for r in own if r["read_before"]),
            "other": _rate(oth, "lost"),
        }
    return out


def _over_summary(pages: list[dict[str, Any]]) -> dict[str, Any]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in pages:
        by[p["path"]].append(p)
    out: dict[str, Any] = {}
    rules: dict[str, float] = defaultdict(float)
    for p in pages:
        for k, v in (p.get("outside_by_rule") or {}).items():
            rules[k] += v
    out["outside_by_rule_pt2"] = {k: round(v, 1) for k, v in sorted(rules.items(), key=lambda kv: -kv[1])}
    docs: dict[str, dict[str, Any]] = {}
    for p in pages:
        ref = (f"a{p['applicant']}/" if p.get("applicant") is not None else "") + p["file"]
        d = docs.setdefault(ref, {"doc": ref, "over_pt2": 0.0, "rules": {}})
        d["over_pt2"] += p["over_pt2"]
        for k, v in (p.get("outside_by_rule") or {}).items():
            d["rules"][k] = d["rules"].get(k, 0.0) + v
    top = sorted(docs.values(), key=lambda d: -d["over_pt2"])[:10]
    out["top_documents"] = [{"doc": d["doc"], "over_pt2": round(d["over_pt2"], 1),
                             "main_rule": max(d["rules"], key=d["rules"].get) if d["rules"] else ""} for d in top]
    for k, ps in list(by.items()) + [("all", pages)]:
        page_pt2 = sum(p["page_pt2"] for p in ps)
        over = sum(p["over_pt2"] for p in ps)
        red = sum(p["redacted_pt2"] for p in ps)
        out[k] = {"pages": len(ps), "over_pt2": round(over, 1), "redacted_pt2": round(red, 1),
                  "over_share_of_page": round(over / page_pt2, 5) if page_pt2 else None,
                  "over_share_of_redacted": round(over / red, 4) if red else None,
                  "over_pt2_per_page": round(over / len(ps), 1) if ps else None}
    return out

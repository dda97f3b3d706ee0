"""Colleagues whose whole name is inside the applicant's, and the applicant's name with a character lost, on scans.

    python -m benchmarks.dropped_char_probe [--redactor CMD] [--applicants N] [--seed S]

On a scan the applicant's name is matched with one character dropped (OCR loses a faint character), so a colleague
whose whole name is that reading (王珺 beside the applicant 王淑珺, 阳志远 beside 欧阳志远) can go with it (issue 49,
class 5; ``detect.dropped_chars``).  For each synthetic applicant (three-character names and compound surnames,
drawn from the corpus generator's name lists) one page is drawn and scanned at 200 dpi: the colleagues' names in a
list, glued after a word, opening a line and inside a sentence, and the applicant's own name with one character
whited out (as a faint print loses it) in the same places -- its middle character, and where the name opens its
line also its first (the reading then starts a character in from the margin the other lines share).  Each page
goes through ``redactor redact`` as a user runs it, with the applicant's profile; the output's pixels are read at
every name's box.  Reported: colleagues kept (no removal box over them) and the applicant's names removed
(covered), with the cases that failed.

Synthetic names only; the work folder is deleted.
"""

from __future__ import annotations

import argparse
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf

from benchmarks.corpus.people import COMPOUND_SURNAMES, GIVEN_F, GIVEN_M, SURNAMES

SIZE = 14.0                 # points: the characters' size on the drawn page
DPI = 200                   # the scan's resolution
# (context, whose): {n} is the name as printed; the colleague's contexts and the applicant's
CONTEXTS = ("参加人员：{n}、李强、张伟", "项目组成员{n}负责数据采集与分析", "{n}主持完成了三项课题", "本课题由{n}负责实验设计")
KEPT_BELOW = 0.05           # share of a name's box painted black for it to count as kept
GONE_ABOVE = 0.5            # ... and to count as removed


def _applicants(n: int, seed: int) -> list[str]:
    rng = random.Random(f"dropped-char-probe:{seed}")
    given = sorted(set(GIVEN_F) | set(GIVEN_M))
    out: list[str] = []
    while len(out) < n:
        if len(out) % 2:
            name = rng.choice(sorted(COMPOUND_SURNAMES)) + rng.choice(given)
        else:
            name = rng.choice(sorted(SURNAMES)) + rng.choice(given) + rng.choice(given)
        if len(name) >= 3 and len(set(name)) == len(name) and name not in out:
            out.append(name)
    return out


def _colleagues(name: str) -> list[str]:
    """Whole names inside the applicant's: a character dropped inside it (王珺 of 王淑珺), or a compound
    surname's first character (阳志远 of 欧阳志远)."""
    if name[:2] in COMPOUND_SURNAMES:
        return [name[1:]]
    return [name[0] + name[2]]


def _page(name: str, out: Path) -> list[tuple[str, str, pymupdf.Rect]]:
    """Draw and scan the page; (whose, the text as printed, its box in points) for every name on it."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    # (printed, whose, context, the character lost: its index in the name, None for none)
    rows = [(c, "colleague", ctx, None) for c in _colleagues(name) for ctx in CONTEXTS]
    rows += [(name, "applicant", ctx, len(name) // 2) for ctx in CONTEXTS]   # inside the name, as a faint print loses it
    rows += [(name, "applicant", ctx, 0) for ctx in CONTEXTS if ctx.startswith("{n}")]   # opening its line
    items, y = [], 90.0
    for printed, whose, ctx, lost in rows:
        text = ctx.format(n=printed)
        page.insert_text((60, y), text, fontname="china-s", fontsize=SIZE)
        a = text.index(printed)
        box = pymupdf.Rect(60 + SIZE * a, y - 12, 60 + SIZE * (a + len(printed)), y + 2)
        if lost is not None:
            page.draw_rect(pymupdf.Rect(box.x0 + SIZE * lost, y - 14, box.x0 + SIZE * (lost + 1), y + 4),
                           color=(1, 1, 1), fill=(1, 1, 1))
        items.append((whose, text if lost is None else f"{text} (character {lost + 1} lost)", box))
        y += 32
    page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY).save(str(out))
    return items


def _black(pdf: Path, box: pymupdf.Rect) -> float:
    with pymupdf.open(str(pdf)) as doc:
        page = doc[0]
        s = page.rect.width / 595
        pix = page.get_pixmap(dpi=72, clip=pymupdf.Rect(box.x0 * s, box.y0 * s, box.x1 * s, box.y1 * s),
                              colorspace=pymupdf.csGRAY)
    return sum(1 for v in pix.samples if v <= 8) / max(1, len(pix.samples))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--redactor", default=f"{sys.executable} -m redactor", help="the command to run")
    ap.add_argument("--applicants", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dropped-char-probe-"))
    kept = gone = n_col = n_own = 0
    failed: list[str] = []
    try:
        for i, name in enumerate(_applicants(args.applicants, args.seed)):
            scan = work / f"page{i}.png"
            items = _page(name, scan)
            profile = work / f"profile{i}.yaml"
            profile.write_text(f"name: {name}\nemployers: [内蒙古大学]\n", encoding="utf-8")
            out = work / f"out{i}"
            subprocess.run([*shlex.split(args.redactor), "redact", str(scan), "--profile", str(profile), "--out",
                            str(out)], check=True, capture_output=True)
            pdf = out / f"page{i}.redacted.pdf"
            for whose, text, box in items:
                black = _black(pdf, box)
                if whose == "colleague":
                    n_col += 1
                    kept += black < KEPT_BELOW
                    if black >= KEPT_BELOW:
                        failed.append(f"colleague removed: {text} (applicant {name})")
                else:
                    n_own += 1
                    gone += black > GONE_ABOVE
                    if black <= GONE_ABOVE:
                        failed.append(f"applicant's left: {text}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"colleagues inside the applicant's name kept: {kept}/{n_col}")
    print(f"the applicant's name with a character lost removed: {gone}/{n_own}")
    for f in failed:
        print("  " + f)
    return 0


if __name__ == "__main__":
    sys.exit(main())

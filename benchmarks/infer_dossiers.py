"""Profile inference on whole dossiers: what the web app's 从评审表读取 reads from every file an applicant uploads.

    python -m benchmarks.run --subset variety --seed S --out DIR          # a corpus first
    python -m benchmarks.infer_dossiers DIR/corpus/applicant_00 DIR/corpus/applicant_01 ...

For each applicant folder, ``Pipeline.infer`` over its born-digital files (the scanned and photographed copies
are the same documents) is compared with the folder's ``profile.yaml``: whether a profile came out at all, the
name and ID number, the phones, the employer names of the truth found and the ones added that the truth lacks
(English names tied to the unit count there: the truth profile lists Chinese names only), and the name aliases.
One JSON line per dossier and a summary line.  Inference is text-only; no OCR runs for born-digital files.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

import yaml


def _count(found: set[str], truth: list[str]) -> str:
    return f"{len(found & set(truth))}/{len(truth)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dossiers", nargs="+", help="applicant folders of a generated corpus (with profile.yaml)")
    ap.add_argument("--config", help="config merged over the packaged defaults")
    args = ap.parse_args(argv)

    from redactor.config import load_config
    from redactor.errors import RedactorError
    from redactor.normalize import compact
    from redactor.pipeline import Pipeline

    pipe = Pipeline(load_config(args.config), regions=False)
    rows = []
    for d in args.dossiers:
        files = sorted(f for f in glob.glob(str(Path(d) / "*.pdf")) if "." not in Path(f).name[:-4])
        truth = yaml.safe_load((Path(d) / "profile.yaml").read_text(encoding="utf-8"))
        try:
            prof, _ = pipe.infer(files)
        except RedactorError as exc:
            rows.append({"dossier": d, "inferred": False, "why": str(exc)[:120]})
            print(json.dumps(rows[-1], ensure_ascii=False))
            continue
        units = [compact(e) for e in truth.get("employers", [])]
        got = [compact(e) for e in prof.employers]
        rows.append({
            "dossier": d, "inferred": True, "name": prof.name == truth["name"],
            "id_number": prof.id_number == str(truth.get("id_number", "")),
            "phones": _count(set(map(compact, prof.phones)), [compact(str(p)) for p in truth.get("phones", [])]),
            "employers": _count(set(got), units), "employers_added": len([e for e in got if e not in units]),
            "aliases": _count(set(prof.name_aliases), list(truth.get("name_aliases", []))),
        })
        print(json.dumps(rows[-1], ensure_ascii=False))
    ok = [r for r in rows if r["inferred"]]

    def total(key: str) -> str:
        return f"{sum(int(r[key].split('/')[0]) for r in ok)}/{sum(int(r[key].split('/')[1]) for r in ok)}"

    print(f"inferred {len(ok)}/{len(rows)}; name {sum(r['name'] for r in ok)}, ID {sum(r['id_number'] for r in ok)}; "
          f"phones {total('phones') if ok else '-'}; employer names of the truth {total('employers') if ok else '-'}, "
          f"added {sum(r['employers_added'] for r in ok)}; aliases {total('aliases') if ok else '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

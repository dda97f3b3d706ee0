"""Generate the seeded synthetic corpus: one folder per applicant with documents,
``profile.yaml`` and ``truth.json``.

    python -m benchmarks.corpus.generate --out DIR --seed 7 --applicants 3 \\
        --paths born_digital,scanned,scan_with_hidden_text,phone_photo,mixed,image_file

In-process (tests, benchmarks)::

    from benchmarks.corpus import generate_dossier
    d = generate_dossier(7, 0, ("born_digital", "scanned"))
    d.profile, d.files[0].data, d.files[0].instances, d.truth()

Every born-digital document of the applicant is produced; the other paths render
a seeded subset of them (``PATH_DEFAULT_DOCS``) unless ``doc_types`` or
``all_docs`` say otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .catalog import BUILDERS, CLASSIC, DOC_TITLES, MARKS, STRUCTURE, WORDS, available, build
from .documents import BuiltDoc
from .people import Applicant, Cast, make_cast
from .render import PATHS, render

SCHEMA = "redactor-corpus-truth/1"
GENERATOR_VERSION = "1"
CATEGORIES = ("name", "id_number", "phone", "employer", "email", "photo", "qr_code", "seal", "signature")
ALL_PATHS = tuple(PATHS)

# Which documents each non-digital path renders by default: fixed ones plus seeded extras.
PATH_DEFAULT_DOCS: dict[str, tuple[tuple[str, ...], int]] = {
    "scanned": (("pingshen_biao", "huojiang"), 1),
    "scan_with_hidden_text": (("yeji_baogao",), 1),
    "phone_photo": (("zige_zhengshu",), 1),
    "mixed": (("pingshen_biao",), 1),
    "image_file": (("lunwen",), 2),
    "scan_ocrmypdf": (("lunwen_b",), 1),
    "outlined": (("huojiang",), 0),
}
# the variety documents each path renders besides (scans and photos of ID cards, a scanned Word form ...)
PATH_VARIETY_DOCS: dict[str, tuple[str, ...]] = {
    "scanned": ("id_card_sheet", "pingshen_biao_b", "word_shenbao", "yingyong_zhengming", "yeji_figures"),
    "phone_photo": ("id_card_sheet", "zige_landscape"),
    "mixed": ("songshen_biao_c",),
    "image_file": ("huojiang_portrait",),
    "scan_ocrmypdf": ("lunwen_b", "songshen_biao_c"),
    "scan_with_hidden_text": ("lunwen_b",),
    "outlined": ("huojiang_portrait", "zige_landscape"),
}
_SKIPPED_NOTED: set[str] = set()


@dataclass
class GeneratedFile:
    name: str                      # file name inside the dossier folder
    data: bytes
    doc_type: str
    title: str
    path: str                      # rendering path
    media: str                     # pdf | png | jpg | tif
    pages: list[dict[str, Any]]
    instances: list[dict[str, Any]]
    params: dict[str, Any] = field(default_factory=dict)

    def truth(self) -> dict[str, Any]:
        return {"file": self.name, "doc_type": self.doc_type, "title": self.title, "path": self.path,
                "media": self.media, "render": self.params, "pages": self.pages, "instances": self.instances}

    def of(self, owner: str | None = None, category: str | None = None) -> list[dict[str, Any]]:
        return [d for d in self.instances if (owner is None or d["owner"] == owner) and
                (category is None or d["category"] == category)]


@dataclass
class Dossier:
    seed: int
    applicant_index: int
    cast: Cast
    files: list[GeneratedFile]
    built: dict[str, BuiltDoc] = field(default_factory=dict, repr=False)

    @property
    def applicant(self) -> Applicant:
        return self.cast.applicant

    @property
    def profile(self) -> dict[str, Any]:
        return self.applicant.profile()

    def file(self, doc_type: str, path: str = "born_digital") -> GeneratedFile:
        for f in self.files:
            if f.doc_type == doc_type and f.path == path:
                return f
        raise KeyError((doc_type, path))

    def truth(self) -> dict[str, Any]:
        a = self.applicant
        return {
            "schema": SCHEMA,
            "generator_version": GENERATOR_VERSION,
            "seed": self.seed,
            "applicant_index": self.applicant_index,
            "scenario": a.scenario,
            "profile": self.profile,
            "decoys": {
                "name_decoy": self.cast.name_decoy.name,
                "same_surname_colleague": self.cast.colleagues[0].name,
                "decoy_orgs": [o.official for o in self.cast.decoy_orgs],
                "invalid_id_like_numbers": list(self.cast.contract_numbers),
                **({"shares_a_word": [p.name for p in self.cast.everyone_else if set(p.words) & set(a.words)]}
                   if a.words else {}),   # dotted names (dotted_names): 巴根·其其格 beside 阿拉坦·巴根
            },
            "documents": [f.truth() for f in self.files],
        }

    def write(self, out_dir: str | Path) -> Path:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        for f in self.files:
            (out / f.name).write_bytes(f.data)
        write_profile(out / "profile.yaml", self.profile, self)
        (out / "truth.json").write_text(json.dumps(self.truth(), ensure_ascii=False, indent=1), encoding="utf-8")
        return out


def write_profile(path: Path, profile: dict[str, Any], dossier: Dossier | None = None) -> None:
    import yaml
    head = "# Synthetic applicant generated by benchmarks.corpus (invented person, not real data).\n"
    if dossier is not None:
        head += f"# seed={dossier.seed} applicant_index={dossier.applicant_index} scenario={dossier.applicant.scenario}\n"
    path.write_text(head + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _default_docs(path: str, rng: random.Random, types: Sequence[str]) -> list[str]:
    """The documents a non-digital path renders: its fixed ones, seeded classic extras and, when
    the variety documents are among ``types``, the variety documents of that path."""
    fixed, extra = PATH_DEFAULT_DOCS.get(path, ((), 0))
    out = [d for d in fixed if d in types]
    rest = [d for d in CLASSIC if d in types and d not in out and d != "id_card_copy"]
    out += rng.sample(rest, min(extra, len(rest)))
    return out + [d for d in PATH_VARIETY_DOCS.get(path, ()) if d in types and d not in out]


def _note_skipped(doc_type: str) -> None:
    if doc_type not in _SKIPPED_NOTED:
        _SKIPPED_NOTED.add(doc_type)
        from .catalog import WEB_DOCS
        from .web import WEB_UNAVAILABLE_NOTE
        from .word import WORD_UNAVAILABLE_NOTE
        note = WEB_UNAVAILABLE_NOTE if doc_type in WEB_DOCS else WORD_UNAVAILABLE_NOTE
        print(f"note: {doc_type} skipped: {note}", file=sys.stderr)


def generate_dossier(seed: int, applicant_index: int, paths: Sequence[str] = ("born_digital",),
                     doc_types: Sequence[str] | None = None, all_docs: bool = False,
                     name_in_filename: bool = True, render_kw: dict[str, dict[str, Any]] | None = None,
                     plan: dict[str, Sequence[str]] | None = None, variety: bool = False,
                     word_name: bool = False) -> Dossier:
    """Build applicant ``applicant_index`` of corpus ``seed`` and render the requested paths.

    ``doc_types`` restricts the documents (all paths render exactly these); ``all_docs``
    renders every document through every path; ``plan`` names the documents per path
    explicitly (``{"scanned": ["huojiang"]}``; paths in it are added to ``paths``);
    ``variety`` adds the other layouts, fonts, seal designs and Word forms (``catalog.VARIETY``)
    to the classic documents; ``render_kw`` passes keyword arguments per path (e.g.
    ``{"scanned": {"dpi": 300, "quarter_turns": 1}}``); ``word_name`` renames the applicant to a name that is also
    a word (``word_names``: the ``words`` subset).
    """
    if plan:
        paths = tuple(dict.fromkeys([*paths, *plan]))
        doc_types = doc_types or sorted({t for v in plan.values() for t in v})
    for p in paths:
        if p not in PATHS:
            raise ValueError(f"unknown rendering path {p!r}; known: {', '.join(PATHS)}")
    for t in doc_types or ():
        if t not in BUILDERS:
            raise ValueError(f"unknown document type {t!r}; known: {', '.join(BUILDERS)}")
    # (the structure documents only by name or plan: a dossier asking for the variety keeps the one it had)
    types = [t for t in BUILDERS if (t in doc_types if doc_types else ((variety and t not in STRUCTURE and t not in WORDS and t not in MARKS) or t in CLASSIC))]
    for t in [t for t in types if not available(t)]:
        _note_skipped(t)
        types.remove(t)
    cast = make_cast(seed, applicant_index)
    if word_name:
        from .word_names import give_word_name

        give_word_name(cast)
    a = cast.applicant
    sel = random.Random(f"select:{seed}:{applicant_index}")
    todo: dict[str, list[str]] = {}
    for p in paths:
        if plan and p in plan:
            todo[p] = [t for t in BUILDERS if t in plan[p] and t in types]
        elif p == "born_digital" or doc_types or all_docs:
            todo[p] = types
        else:
            todo[p] = _default_docs(p, sel, types)
    needed = [t for t in BUILDERS if any(t in v for v in todo.values())]
    built: dict[str, BuiltDoc] = {}
    for t in dict.fromkeys(needed):
        built[t] = build(t, cast)
    files: list[GeneratedFile] = []
    order = {t: i + 1 for i, t in enumerate(BUILDERS)}
    for p in paths:
        for t in todo[p]:
            bd = built[t]
            rng = random.Random(f"render:{seed}:{applicant_index}:{t}:{p}")
            kw = dict((render_kw or {}).get(p, {}))
            if p == "born_digital":
                kw.setdefault("page_kinds", bd.page_kinds)
            if p == "phone_photo":
                kw.setdefault("pages", [1])
            for rf in render(p, bd.pdf, bd.instance_dicts, rng, **kw):
                stem = f"{order[t]:02d}-{t}"
                if name_in_filename and t == "lunwen" and p == "born_digital":
                    stem = f"{order[t]:02d}-{a.name}-论文首页"
                params = {**rf.params, **({"font": bd.meta["font"]} if "font" in bd.meta else {})}
                files.append(GeneratedFile(stem + rf.suffix, rf.data, t, DOC_TITLES[t], p, rf.media, rf.pages,
                                           rf.instances, params))
    return Dossier(seed, applicant_index, cast, files, built)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.corpus.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory (one sub-folder per applicant)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--applicants", type=int, default=3)
    ap.add_argument("--first", type=int, default=0, help="index of the first applicant")
    ap.add_argument("--paths", default="born_digital", help=f"comma-separated, of: {','.join(ALL_PATHS)} (or 'all')")
    ap.add_argument("--docs", default="", help=f"comma-separated document types (default all): {','.join(BUILDERS)}")
    ap.add_argument("--all-docs", action="store_true", help="render every document through every path")
    ap.add_argument("--variety", action="store_true",
                    help="add the other layouts, fonts, seal designs and Word forms (catalog.VARIETY)")
    args = ap.parse_args(argv)
    paths = ALL_PATHS if args.paths == "all" else tuple(p.strip() for p in args.paths.split(",") if p.strip())
    docs = [d.strip() for d in args.docs.split(",") if d.strip()] or None
    out = Path(args.out)
    index = []
    for i in range(args.first, args.first + args.applicants):
        t0 = time.perf_counter()
        d = generate_dossier(args.seed, i, paths, docs, args.all_docs, variety=args.variety)
        folder = d.write(out / f"applicant_{i:02d}")
        n = sum(len(f.instances) for f in d.files)
        print(f"applicant {i:02d} ({d.applicant.scenario}): {len(d.files)} files, {n} instances "
              f"-> {folder} [{time.perf_counter() - t0:.1f}s]")
        index.append({"folder": folder.name, "applicant_index": i, "scenario": d.applicant.scenario,
                      "files": [f.name for f in d.files]})
    (out / "index.json").write_text(json.dumps({"schema": SCHEMA, "seed": args.seed, "paths": list(paths),
                                                "applicants": index}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

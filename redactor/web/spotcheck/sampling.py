"""Drawing the sample: documents flagged needs_review first, then by document kind, at random with a recorded seed.

The kinds are data (``configs/doc_kinds.yaml``, read through ``redactor.batch.report.doc_type``).  A kind with
fewer than ``SampleSpec.pool_below`` documents to stratify would make a stratum of its own that the sample
reviews in full; such small kinds are pooled into one stratum (``POOLED_STRATUM``), and the session records
which kinds it holds, so that the page and the QA report can say so.

Each sampled document carries its stratum, so that the leak-rate estimate can
weight every stratum by its share of the batch (``stats.stratified_rate``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from redactor.batch.report import doc_type_label
from redactor.config import doc_kinds
from redactor.web.spotcheck.batch import BatchDoc

REVIEW_STRATUM = "needs_review"
POOLED_STRATUM = "pooled"
TYPE_PREFIX = "type:"


def _pool_below_default() -> int:
    return doc_kinds().pool_below


@dataclass(frozen=True)
class SampleSpec:
    size: int
    seed: int
    review_first: bool = True       # every document with needs_review > 0 is its own stratum, drawn first
    by_type: bool = True            # the rest is stratified by doc_type (else one "random" stratum)
    pool_below: int = field(default_factory=_pool_below_default)   # kinds with fewer documents are pooled


@dataclass(frozen=True)
class Strata:
    """The batch cut into strata: stratum key -> its documents, and the kinds pooled (name -> documents)."""

    members: dict[str, list[BatchDoc]]
    pooled: dict[str, int]

    def population(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.members.items()}


def _flagged(doc: BatchDoc, spec: SampleSpec) -> bool:
    return spec.review_first and doc.needs_review > 0


def pooled_kinds(docs: list[BatchDoc], spec: SampleSpec) -> dict[str, int]:
    """The kinds with fewer than ``spec.pool_below`` documents among those stratified by kind (the flagged
    documents drawn first are not), with their counts; none when the sample is not stratified by kind."""
    if not spec.by_type:
        return {}
    sizes: dict[str, int] = defaultdict(int)
    for d in docs:
        if not _flagged(d, spec):
            sizes[d.doc_type] += 1
    return {k: n for k, n in sorted(sizes.items()) if n < spec.pool_below}


def stratify(docs: list[BatchDoc], spec: SampleSpec) -> Strata:
    pooled = pooled_kinds(docs, spec)
    members: dict[str, list[BatchDoc]] = defaultdict(list)
    for d in docs:
        if _flagged(d, spec):
            key = REVIEW_STRATUM
        elif not spec.by_type:
            key = "random"
        else:
            key = POOLED_STRATUM if d.doc_type in pooled else TYPE_PREFIX + d.doc_type
        members[key].append(d)
    return Strata(dict(members), pooled)


def population(docs: list[BatchDoc], spec: SampleSpec) -> dict[str, int]:
    return stratify(docs, spec).population()


def pooled_note(pooled: dict[str, int], pool_below: int, review_first: bool = False) -> str:
    """The words that say which kinds were pooled ("" when none were)."""
    if not pooled:
        return ""
    kinds = "、".join(f"{doc_type_label(k)}（{n} 份）" for k, n in sorted(pooled.items()))
    besides = "（不计先抽的“建议人工确认”的文件）" if review_first else ""
    return (f"份数少于 {pool_below} 份{besides}的文件类型合并为一层抽样（“合并的小类”）：{kinds}。"
            "这些类型各自份数太少，单独成层只能全部核对；合并后按它们的总份数参与加权。")


def draw_sample(docs: list[BatchDoc], spec: SampleSpec) -> list[tuple[BatchDoc, str]]:
    """``spec.size`` documents (or all), needs_review first, the rest allocated in proportion to stratum size."""
    rng = random.Random(spec.seed)
    strata = stratify(docs, spec).members
    budget = min(spec.size, len(docs))
    take: dict[str, int] = {}
    if REVIEW_STRATUM in strata:
        take[REVIEW_STRATUM] = min(budget, len(strata[REVIEW_STRATUM]))
        budget -= take[REVIEW_STRATUM]
    rest = sorted(s for s in strata if s != REVIEW_STRATUM)
    take.update(_allocate({s: len(strata[s]) for s in rest}, budget))
    out: list[tuple[BatchDoc, str]] = []
    for s in ([REVIEW_STRATUM] if REVIEW_STRATUM in strata else []) + rest:
        members = sorted(strata[s], key=lambda d: d.key)
        out += [(d, s) for d in rng.sample(members, take.get(s, 0))]
    return out


def _allocate(sizes: dict[str, int], budget: int) -> dict[str, int]:
    """Proportional allocation (largest remainder), at least one per stratum while the budget lasts."""
    total = sum(sizes.values())
    if budget <= 0 or total == 0:
        return {s: 0 for s in sizes}
    if budget >= total:
        return dict(sizes)
    alloc = {s: min(n, max(1, int(budget * n / total))) for s, n in sizes.items()}
    while sum(alloc.values()) > budget:          # the minimum of one overshot: trim the largest
        s = max(alloc, key=lambda k: (alloc[k], k))
        alloc[s] -= 1
    by_remainder = sorted(sizes, key=lambda s: (-(budget * sizes[s] / total - alloc[s]), s))
    while sum(alloc.values()) < budget:
        for s in by_remainder:
            if sum(alloc.values()) < budget and alloc[s] < sizes[s]:
                alloc[s] += 1
    return alloc

"""Drawing the sample: documents flagged needs_review first, then by document type, at random with a recorded seed.

Each sampled document carries its stratum, so that the leak-rate estimate can
weight every stratum by its share of the batch (``stats.stratified_rate``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from redactor.web.spotcheck.batch import BatchDoc

REVIEW_STRATUM = "needs_review"


@dataclass(frozen=True)
class SampleSpec:
    size: int
    seed: int
    review_first: bool = True       # every document with needs_review > 0 is its own stratum, drawn first
    by_type: bool = True            # the rest is stratified by doc_type (else one "random" stratum)


def stratum_of(doc: BatchDoc, spec: SampleSpec) -> str:
    if spec.review_first and doc.needs_review > 0:
        return REVIEW_STRATUM
    return f"type:{doc.doc_type}" if spec.by_type else "random"


def population(docs: list[BatchDoc], spec: SampleSpec) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for d in docs:
        out[stratum_of(d, spec)] += 1
    return dict(out)


def draw_sample(docs: list[BatchDoc], spec: SampleSpec) -> list[tuple[BatchDoc, str]]:
    """``spec.size`` documents (or all), needs_review first, the rest allocated in proportion to stratum size."""
    rng = random.Random(spec.seed)
    strata: dict[str, list[BatchDoc]] = defaultdict(list)
    for d in docs:
        strata[stratum_of(d, spec)].append(d)
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

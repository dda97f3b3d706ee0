"""The batch leak rate from a spot-check: a stratified estimate with a 95 % Wilson interval.

Each stratum h (needs_review, then each document type) holds N_h documents of
which n_h were reviewed and x_h leaked.  The estimate weights strata by their
share of the batch, p = sum W_h x_h/n_h with W_h = N_h/N, and its variance is
V = sum W_h^2 (1 - n_h/N_h) p_h (1 - p_h) / n_h (finite-population corrected:
a fully reviewed stratum adds no uncertainty).  The interval is Wilson's score
interval for p at the effective sample size n_eff = p (1 - p) / V (Kish); with
no leaks seen, V is 0 and n_eff is the number of documents reviewed in strata
that were not reviewed in full, which gives the usual 0-to-upper-bound
interval.  When every stratum was reviewed in full the rate is known exactly.
Strata with no reviewed document are left out and reported; the estimate then
covers only the reviewed share of the batch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


def wilson(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``p`` observed on ``n`` trials."""
    if n <= 0:
        return 0.0, 1.0
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Stratum:
    population: int       # N_h
    reviewed: int         # n_h
    leaks: int            # x_h


def stratified_rate(strata: dict[str, Stratum]) -> dict:
    covered = {k: s for k, s in strata.items() if s.reviewed > 0}
    total = sum(s.population for s in strata.values())
    cov_total = sum(s.population for s in covered.values())
    if not covered or cov_total == 0:
        return {"rate": None, "ci95": None, "method": "none", "reviewed": 0, "uncovered_strata": sorted(strata)}
    p = var = 0.0
    sampled = 0
    for s in covered.values():
        w = s.population / cov_total
        ph = s.leaks / s.reviewed
        fpc = max(0.0, 1 - s.reviewed / s.population) if s.population else 0.0
        p += w * ph
        var += w * w * fpc * ph * (1 - ph) / s.reviewed
        if fpc > 0:
            sampled += s.reviewed
    if sampled == 0:          # every covered stratum was reviewed in full
        lo = hi = p
        n_eff = float(sum(s.reviewed for s in covered.values()))
    else:
        n_eff = p * (1 - p) / var if var > 0 else float(sampled)
        lo, hi = wilson(p, n_eff)
    return {
        "rate": round(p, 5), "ci95": [round(lo, 5), round(hi, 5)],
        "method": "stratified Wilson (Kish effective n)" if len(covered) > 1 else "Wilson",
        "effective_n": round(n_eff, 1), "reviewed": sum(s.reviewed for s in covered.values()),
        "covered_share": round(cov_total / total, 4) if total else 0.0,
        "uncovered_strata": sorted(set(strata) - set(covered)),
    }


def shown_effective_n(estimate: dict) -> float | None:
    """The effective sample size as a reviewer may read it: only when it is no more than the documents reviewed.

    Kish's n_eff is the number of simple random draws the weighted sample is worth.  With the finite-population
    correction (a stratum reviewed in large part) it can exceed the documents actually reviewed -- 8.7 after 6 --
    which reads as an error; then it stays the interval's input (``effective_n`` in the JSON) and is not shown."""
    n = estimate.get("effective_n")
    if estimate.get("rate") is None or n is None or n > estimate.get("reviewed", 0):
        return None
    return float(n)

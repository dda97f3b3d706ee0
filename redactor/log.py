"""Logging for applications (CLI, batch).  The library itself only logs.

Never log personal values: entity types, counts and hashes only.
"""

from __future__ import annotations

import logging


def configure_logging(verbosity: int = 0) -> None:
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("presidio-analyzer", "presidio-anonymizer", "RapidOCR", "rapidocr"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))

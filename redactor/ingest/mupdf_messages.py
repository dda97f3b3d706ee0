"""MuPDF's messages go to the log, never straight to the user's terminal.

MuPDF prints what it cannot parse as ``MuPDF error: ...`` on stderr, even where
it recovers and the document is redacted and verified.  Its own font subsetter
does so for every document drawn with Noto Serif CJK / Source Han Serif (思源宋体):
"Reserved charstring byte c=0x0" on ordinary glyphs, and it then leaves that font
for ``cff_outlines`` to clean.  An applicant checking a file reads that as a
failure, and a batch's stderr, where each bad input gets exactly one line, fills
with lines that name no document.

So every process that builds a ``Pipeline`` keeps MuPDF's messages in PyMuPDF's
store (one process-wide switch, set to the same value by every caller), and each
document's run moves them to this module's logger at DEBUG (``-vv`` shows them).
Threads share the store, so under a web server a message may be logged after
another document's run; nothing depends on which run logs it.
"""

from __future__ import annotations

import logging
import re

import pymupdf

log = logging.getLogger(__name__)

__all__ = ["keep_mupdf_messages_off_stderr", "log_mupdf_messages"]


def keep_mupdf_messages_off_stderr() -> None:
    """MuPDF's errors and warnings are kept in PyMuPDF's store instead of being printed."""
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)


def log_mupdf_messages() -> int:
    """Move what MuPDF said since the last call to the log (DEBUG), emptying the store so a
    long-running worker does not accumulate it; returns how many lines."""
    text = pymupdf.TOOLS.mupdf_warnings(reset=True) or ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for ln in lines:
        log.debug("MuPDF: %s", _NAMED.sub("…", ln))
    return len(lines)


# quoted names and paths in a message ("cannot open '/srv/王淑珺-论文.pdf'"): a file name can carry the
# applicant's name, and the log never holds a personal value
_NAMED = re.compile(r"'[^']*'|\"[^\"]*\"|\S*[/\\]\S*")

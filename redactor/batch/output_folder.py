"""The output folder: checked before any work, locked while a batch runs, private working files.

An unwritable or impossible folder used to surface as an internal error after
every document had been processed; here it is an ``OutputFolderError`` (exit 8)
with a remedy, before the first document starts.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from redactor.errors import OutputFolderError

WORK = ".work"
LOCK = ".lock"


def check_output_folder(out: Path, *, create: bool = True) -> None:
    """Raise OutputFolderError when ``out`` cannot hold the batch's outputs."""
    probe = out
    while not probe.exists():       # the nearest existing ancestor decides whether we can create it
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        what = "the output folder" if probe == out else "a parent of the output folder"
        raise OutputFolderError(f"{what} is a file, not a folder; choose another --out or move the file", path=str(probe))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputFolderError("no permission to write here; choose another --out or fix the folder's permissions",
                                path=str(probe))
    if not create:
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        test = out / ".write-test"
        test.write_bytes(b"x")
        test.unlink()
    except OSError as exc:
        hint = "the disk is full; free space" if exc.errno == errno.ENOSPC else "choose another --out"
        raise OutputFolderError(f"cannot write to the output folder ({exc.strerror}); {hint}", path=str(out)) from None


class FolderLock:
    """An exclusive lock on the output folder: two drivers on one ledger would duplicate work."""

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK
        self._fh = None

    def __enter__(self) -> FolderLock:
        self._fh = open(self.path, "a+b")
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise OutputFolderError("another batch is running on this output folder; wait for it or choose another --out",
                                    path=str(self.path.parent)) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()


def wipe_work(out: Path) -> Path:
    """Remove ``OUT/.work`` (a killed run's leftovers, unredacted copies included) and recreate it empty."""
    work = out / WORK
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    return work


def remove_work(out: Path) -> None:
    shutil.rmtree(out / WORK, ignore_errors=True)


@contextlib.contextmanager
def private_work(out: Path) -> Iterator[str]:
    """``OUT/.work/redact-<pid>-…`` for one ``redactor redact`` process, removed at exit.

    Unredacted working copies never go to a shared ``$TMPDIR``.  Folders left by
    a killed ``redact`` (its process is gone) are removed at the next start; a
    running batch on the same folder owns ``OUT/.work`` as a whole and is not
    touched here."""
    created = not out.exists()
    root = out / WORK
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(f"cannot write to the output folder ({exc.strerror}); choose another --out",
                                path=str(out)) from None
    for stale in root.glob("redact-*"):
        pid = stale.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f"redact-{os.getpid()}-", dir=root))
    try:
        yield str(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            root.rmdir()        # only when empty: nothing else is working here
            if created:
                out.rmdir()     # a run that wrote nothing (inference refused) leaves no folder behind


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

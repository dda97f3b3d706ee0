"""Self-check jobs: one working folder per job under the server's temp root, wiped when done with.

A job holds the uploads (stored under generated ids, the user's file name is
kept in memory only, to derive the cleaned output name), the confirmed
profile, and per file the analysis, the base plan and the reviewer's edits,
so that "apply again" re-runs only redaction and verification on the original.
All work runs on the single ``Worker``.  Nothing here logs a file name or a value.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import logging
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from redactor.context import RunContext, document_id_for
from redactor.errors import Cancelled, RedactorError
from redactor.ingest.render import page_count
from redactor.model import ApplicantProfile, RedactionPlan
from redactor.policy.naming import allocate_stems
from redactor.web.edits import PlanEdits
from redactor.web.messages import PROCESS_DIED, user_message
from redactor.web.settings import WebSettings
from redactor.web.worker import Worker, page_images

log = logging.getLogger(__name__)

SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


class JobError(Exception):
    """A message for the user, in Chinese, with no personal value in it."""


class JobCancelled(Cancelled):
    """The job was deleted (or the server is stopping): its work stops at the next page or step."""


@dataclass
class JobFile:
    id: str
    original_name: str                 # memory only: never logged, never written
    path: str                          # <job>/in/<id><suffix>
    stem: str = ""
    renamed: list[str] = field(default_factory=list)
    state: str = "queued"              # queued | running | done | failed
    error: str = ""                    # what the applicant reads (redactor/web/messages.py)
    error_detail: str = ""             # the technical line, behind 详情 (never the stored path)
    pages: int = 0
    analysis: Any = None
    ctx: RunContext | None = None
    plan: RedactionPlan | None = None
    edits: PlanEdits = field(default_factory=PlanEdits)
    audit: dict[str, Any] | None = None
    original_pages: list[dict[str, Any]] = field(default_factory=list)
    redacted_pages: list[dict[str, Any]] = field(default_factory=list)
    version: int = 0
    seconds: float = 0.0
    confirmed: set[str] = field(default_factory=set)   # verdict question keys the applicant answered
    stage: str = ""                    # read | detect | release, while running (pipeline's PageProgress)
    stage_page: int = 0                # pages of the stage done
    shown: tuple[Any, dict[str, Any]] | None = field(default=None, repr=False)   # api._results' last answer

    def tell(self, stage: str, done: int, total: int) -> None:
        """The pipeline's PageProgress: where this file's work is."""
        self.stage, self.stage_page = stage, done
        self.pages = self.pages or total

    @property
    def work_done(self) -> float:
        """Pages' worth of work done: reading and searching a page are one page each, release one more."""
        if self.state in ("done", "failed"):
            return 2.0 * self.pages + 1
        return {"read": self.stage_page, "detect": self.pages + self.stage_page,
                "release": 2.0 * self.pages}.get(self.stage, 0.0)

    @property
    def repairs(self) -> list[dict[str, Any]]:
        """The last output's repairs: where the final check painted what the plan had left."""
        return [e for e in (self.audit or {}).get("redactions", []) if str(e.get("rule", "")).startswith("repair.")]

    @property
    def outputs(self) -> list[str]:
        return [f"{self.stem}.redacted.pdf", f"{self.stem}.audit.json"] if self.state == "done" else []


@dataclass
class Job:
    id: str
    session: str
    dir: Path
    files: list[JobFile]
    state: str = "uploaded"            # inferring | confirm_profile | queued | running | done | failed
    profile: ApplicantProfile | None = None
    profile_source: Any = None
    message: str = ""
    step: str = ""
    created: float = field(default_factory=time.time)
    touched: float = field(default_factory=time.time)
    downloaded: float | None = None
    started: float = 0.0               # when the work began (time left is measured from it)
    declared_none: frozenset[str] = frozenset()   # profile fields the applicant declared 无 (none)
    rejected: list[dict[str, Any]] = field(default_factory=list)   # uploads refused: {index, name, reason}
    cancelled: threading.Event = field(default_factory=threading.Event)
    loading: bool = False              # the server's models are still loading (its first job): the page says so

    def check_cancelled(self) -> None:
        """Called between pages and steps: a deleted job stops here."""
        if self.cancelled.is_set():
            raise JobCancelled(self.id)

    def time_left(self, now: float | None = None) -> float | None:
        """Seconds until every file is done, at the pace of the work done so far (None until a page is)."""
        now = time.time() if now is None else now
        total = sum(2.0 * f.pages + 1 for f in self.files)
        done = sum(f.work_done for f in self.files)
        if not self.started or done < 1 or done >= total:
            return None
        return (now - self.started) / done * (total - done)

    def progress_text(self, now: float | None = None) -> str:
        """What the waiting applicant reads: which files are being read now (the one this worker reads, with its
        page and step, first; those handed to worker processes after it), how many are done, and the time left."""
        running = [f for f in self.files if f.state == "running"]
        if not running:
            if self.loading and self.state in ("queued", "running"):
                return LOADING
            return self.step
        running.sort(key=lambda f: not f.stage)          # the file whose steps are told here first
        first = running[0]
        k = self.files.index(first) + 1
        step = {"read": f"读取第 {first.stage_page + 1 if first.stage_page < first.pages else first.pages}/"
                        f"{first.pages} 页", "detect": f"查找个人信息，第 {min(first.stage_page + 1, first.pages)}/"
                        f"{first.pages} 页", "release": "脱敏并核验"}.get(first.stage, "准备中")
        if step == "准备中" and self.loading:
            step = LOADING
        text = f"第 {k}/{len(self.files)} 个文件{_named(first)}（共 {first.pages} 页）：{step}"
        if len(running) > 1:      # named as the page lists them: the output's cleaned name, else the file's place
            text += "；同时处理：" + "、".join(_named(f) or f"第 {self.files.index(f) + 1} 个文件" for f in running[1:])
        done = sum(f.state in ("done", "failed") for f in self.files)
        if done:
            text += f"；已完成 {done}/{len(self.files)} 个"
        left = self.time_left(now)
        if left is not None:
            text += f" · 预计还需约 {_duration(left)}"
        return text

    def file(self, fid: str) -> JobFile:
        for f in self.files:
            if f.id == fid:
                return f
        raise KeyError(fid)


# what a job waiting on the server's first model load reads (issue 82.9: 50 s on 准备中 with nothing said)
LOADING = "正在加载识别模型（服务启动后的第一个任务约需 1 分钟），随后开始处理"


def _named(f: JobFile) -> str:
    """A file as the progress line names it: its cleaned output name (never the upload's own)."""
    return f"「{f.stem}」" if f.stem else ""


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(5, int(round(seconds / 5.0)) * 5)} 秒"
    return f"{int(round(seconds / 60.0))} 分钟"


FRESH_POOLS_DYING_UNREAD = 2     # pools of worker processes that may die in a row, no file read in between, before
#                                  a job's run stops renewing them and reads what is left to start itself (a process
#                                  that cannot even start -- out of memory loading its models -- would otherwise
#                                  fail every file, one by one, each alone in a fresh pool)


class _Deal:
    """A job's files between the web worker and its worker processes: whoever is free takes the next.  A process
    takes one the moment it hands one back (``feed`` runs as its future's done-callback, so it never waits for the
    file this worker is reading), this worker between its own (``next_mine``).  Files over the page limit stay
    for this worker, which refuses them in their turn.  ``work_for(job, f)``: the process's ``FileWork``.

    A process that dies breaks every file its pool held (``BrokenProcessPool``).  As a batch does
    (``batch.executor.ProcessPoolExecutor``): a file that was alone in the pool killed it and fails; files that
    were several are read again, each alone, in a fresh pool (``renew``: the worker's pool replaced), and one
    that kills that one too fails.  This worker never reads a file a process died on: what kills a process
    would kill the server."""

    def __init__(self, job: Job, files: list[JobFile], pool: cf.ProcessPoolExecutor | None, processes: int,
                 work_for: Callable[[Job, JobFile], Any],
                 renew: Callable[[], cf.ProcessPoolExecutor | None] | None = None) -> None:
        self._job, self._pool, self._processes, self._work_for = job, pool, processes, work_for
        self._renew = renew
        self._todo = list(files)
        self._ahead: dict[str, tuple[JobFile, cf.Future]] = {}    # file id -> (the file, its work in a process)
        self._again: list[JobFile] = []         # in a pool that died beside others: read again, each alone
        self._suspects: set[str] = set()        # ids of the files read again: a second death fails them
        self._lost: list[JobFile] = []          # to read again, but the pool took none (yet: see ``returned``)
        self._deaths_unanswered = 0             # pools that died in a row with no file read in between
        self._lock = threading.RLock()          # a future already done runs its callback inside ``feed``
        self._closed = False
        self._started = 0
        self.broke = False                      # the pool would take no file: the worker replaces it after the run

    def feed(self, _done: cf.Future | None = None) -> None:
        """Give the next files to the worker processes that are free (also a finished file's done-callback)."""
        from redactor.web.worker import redact_file

        if self._pool is None:
            return
        with self._lock:
            while not self._closed and not self._job.cancelled.is_set():
                flying = [f for f, fut in self._ahead.values() if not fut.done()]
                if len(flying) >= self._processes or any(f.id in self._suspects for f in flying):
                    return                       # every process busy (counted afresh: a callback may have run),
                    #                              or a file read again is alone in the pool
                if self._again:                  # a file read again goes alone
                    if flying:
                        return
                    k, f = -1, self._again[0]
                    work = self._work_for(self._job, f)
                else:
                    # the next file a process may take: one over the page limit waits for the worker, which
                    # refuses it in its turn, and the files behind it go on
                    k, work = next(((k, w) for k, f in enumerate(self._todo)
                                    if (w := self._work_for(self._job, f)) is not None), (-1, None))
                    if work is None:
                        return
                try:
                    fut = self._pool.submit(redact_file, work)
                except (cf.BrokenExecutor, RuntimeError):
                    self.broke = True            # the pool broke or is shutting down: the worker reads the rest,
                    # but not a file a process died on: those fail
                    self._lost += self._again
                    self._again.clear()
                    return
                f = self._again.pop(0) if k < 0 else self._todo.pop(k)
                self._ahead[f.id] = (f, fut)
                self._started += 1
                f.state = "running"              # the applicant sees it worked on (its pages: when it is back)
                fut.add_done_callback(self.feed)

    def next_mine(self) -> tuple[JobFile, int] | None:
        """The next file for the web worker itself, and how many have been started with it; None when none is
        left to start."""
        with self._lock:
            if not self._todo:
                return None
            self._started += 1
            return self._todo.pop(0), self._started

    def returned(self) -> list[tuple[JobFile, cf.Future]]:
        """The files worker processes are done with, taken off the deal; a file whose process died comes back
        with the pool's error (``BrokenProcessPool``) only once it is known to be the one that killed it.  On
        the web worker's thread: a pool that died is renewed here."""
        with self._lock:
            done = [fid for fid, (_, fut) in self._ahead.items() if fut.done()]
            back = [self._ahead.pop(fid) for fid in done]
            died = [(f, fut) for f, fut in back if _died(fut)]
            back = [b for b in back if not _died(b[1])]
            if any(not fut.cancelled() and fut.exception() is None for _, fut in back):
                self._deaths_unanswered = 0
            lost, self._lost = self._lost, []
            if not died:                         # a pool that took none of them and died of nothing read in it
                return back + [(f, _died_future()) for f in lost]
            self._again[:0] = lost               # offered to the pool as it died (its callback): still to read
            died += list(self._ahead.values())  # the pool's other files die with it (their errors follow)
            self._ahead.clear()
            for f, fut in died:
                if len(died) == 1 or f.id in self._suspects:
                    back.append((f, fut))        # it was alone in the pool: this file is what killed it
                else:
                    self._suspects.add(f.id)
                    self._again.append(f)
            self._deaths_unanswered += 1
            if self._renew is None or self._deaths_unanswered > FRESH_POOLS_DYING_UNREAD:
                self._pool = None                # no fresh pool: this worker reads what is left to start, but
                self.broke = True                # not a file a process died on: those fail
            else:
                self._pool = self._renew()
                self.broke = self._pool is None
            if self._pool is None:
                back += [(f, _died_future()) for f in self._again]
                self._again.clear()
            self.feed()                          # now, not after the file this worker takes next
            return back

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` s for a process's file; False when nothing is left at all."""
        with self._lock:
            if not self._ahead and not self._todo and not self._again and not self._lost:
                return False
            running = [fut for _, fut in self._ahead.values()]
        if running:
            cf.wait(running, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return True

    def let_go(self) -> None:
        """Hand out nothing more, cancel the files not started in a worker process and wait for those that are (a
        deleted job's folder is wiped again once its run has let go: ``JobStore._guarded``)."""
        with self._lock:
            self._closed = True
            ahead = list(self._ahead.values())
        for _, fut in ahead:
            fut.cancel()
        cf.wait([fut for _, fut in ahead if not fut.cancelled()])


def _died(fut: cf.Future) -> bool:
    """A finished file's process died under it (its pool broke)."""
    return not fut.cancelled() and isinstance(fut.exception(), BrokenProcessPool)


def _died_future() -> cf.Future:
    fut: cf.Future = cf.Future()
    fut.set_exception(BrokenProcessPool("a worker process died; no fresh one started"))
    return fut


def _pages_or_zero(path: str, worker: Worker) -> int:
    """The page count the progress shows; 0 when the file cannot be read (it fails, named, when its turn comes)."""
    try:
        return page_count(path, worker.cfg.ingest)
    except (RedactorError, OSError, RuntimeError, ValueError):   # unreadable: it fails, named, when its turn comes
        return 0


class JobStore:
    def __init__(self, settings: WebSettings, worker: Worker, root: Path) -> None:
        self.settings = settings
        self.worker = worker
        self.root = root / "jobs"
        self.root.mkdir(parents=True, exist_ok=True)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    # --- lifecycle --------------------------------------------------------------

    def refusal(self, k: int, name: str, size: int | None) -> str:
        """Why upload ``k`` (1-based) cannot be processed, in the applicant's words; "" when it can.
        ``size`` None: larger than the limit (the server stopped reading it)."""
        s = self.settings
        if Path(name.replace("\\", "/")).suffix.lower() not in SUFFIXES:
            return "格式不支持：只接受 PDF、PNG、JPG、TIF"
        if size is None or size > s.max_file_mb * 1024 * 1024:
            return f"超过 {s.max_file_mb:g} MB 的上限，请拆分后再上传"
        return ""

    def create(self, session: str, uploads: list[tuple[str, bytes | None]], profile: ApplicantProfile | None,
               declared_none: frozenset[str] = frozenset()) -> Job:
        """A job of the acceptable uploads; a refused one is named in ``Job.rejected`` and the others go on
        (``JobError`` only when none is left).  ``bytes`` None: an upload over the size limit."""
        s = self.settings
        if not uploads:
            raise JobError("请至少选择一个文件。")
        if len(uploads) > s.max_files:
            raise JobError(f"一次最多上传 {s.max_files} 个文件。")
        jid = secrets.token_hex(12)
        job_dir = self.root / jid
        (job_dir / "in").mkdir(parents=True)
        files, rejected = [], []
        try:
            for k, (name, data) in enumerate(uploads, 1):
                clean = Path(name.replace("\\", "/")).name or f"file{k}"
                why = self.refusal(k, clean, None if data is None else len(data))
                if why:
                    rejected.append({"index": k, "name": clean, "reason": why})
                    continue
                fid = secrets.token_hex(6)
                path = job_dir / "in" / f"{fid}{Path(clean).suffix.lower()}"
                path.write_bytes(data or b"")
                files.append(JobFile(fid, clean, str(path)))
            if not files:
                raise JobError("；".join(f"第 {r['index']} 个文件{r['reason']}" for r in rejected) + "。")
        except BaseException:
            shutil.rmtree(job_dir, ignore_errors=True)
            raise
        job = Job(jid, session, job_dir, files, profile=profile, declared_none=declared_none, rejected=rejected)
        with self._lock:
            self._jobs[jid] = job
        log.info("job %s created with %d file(s)", jid, len(files))
        if profile is None:
            job.state = "inferring"
            self._submit(self._infer, job)
        else:
            self.start(job, profile)
        return job

    def get(self, session: str, jid: str) -> Job:
        with self._lock:
            job = self._jobs.get(jid)
        if job is None or not secrets.compare_digest(job.session, session):
            raise KeyError(jid)            # another session's job does not exist for this one
        job.touched = time.time()
        return job

    def delete(self, session: str, jid: str) -> None:
        """Stop the job's work (at its next page or step) and wipe its folder now; should the worker still write
        before it lets go, ``_guarded`` wipes again when it does."""
        job = self.get(session, jid)
        job.cancelled.set()
        with self._lock:
            self._jobs.pop(jid, None)
        shutil.rmtree(job.dir, ignore_errors=True)
        log.info("job %s wiped", jid)

    def expires_in(self, job: Job, now: float | None = None) -> float:
        """Seconds until ``sweep`` wipes ``job``: idle for ``idle_timeout_s``, or, once its files were downloaded,
        no activity for ``after_download_s`` -- an open page keeps it (it checks in every minute: ``touched``)."""
        now = time.time() if now is None else now
        s = self.settings
        left = s.idle_timeout_s - (now - job.touched)
        if job.downloaded:
            left = min(left, s.after_download_s - (now - max(job.downloaded, job.touched)))
        return max(0.0, left)

    def sweep(self, now: float | None = None) -> int:
        """Wipe jobs whose time is up (``expires_in``); return how many."""
        now = time.time() if now is None else now
        with self._lock:
            stale = [j for j in self._jobs.values() if j.state not in ("running", "inferring")
                     and self.expires_in(j, now) <= 0]
            for j in stale:
                self._jobs.pop(j.id, None)
                j.cancelled.set()        # a queued one never runs, and nothing recreates its folders
        for j in stale:
            shutil.rmtree(j.dir, ignore_errors=True)
            log.info("job %s wiped after timeout", j.id)
        return len(stale)

    def cancel_all(self) -> None:
        """Shutdown: every job stops at its next page or step."""
        with self._lock:
            for j in self._jobs.values():
                j.cancelled.set()

    def wipe_all(self) -> None:
        """Shutdown, after the worker has let go (``Worker.shutdown`` waits): nothing writes any more."""
        with self._lock:
            self._jobs.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    def _guarded(self, fn: Any, job: Job, *args: Any) -> None:
        """Every job function the worker runs: a cancelled job stops, and its folder is wiped once the worker
        lets go of it (nothing recreates a deleted job's folders)."""
        try:
            if not job.cancelled.is_set():
                fn(job, *args)
        except JobCancelled:
            log.info("job %s stopped: deleted", job.id)
        finally:
            self.worker.forget_readings()       # no reading of this job's pages outlives its run
            if job.cancelled.is_set():
                shutil.rmtree(job.dir, ignore_errors=True)

    def _submit(self, fn: Any, job: Job, *args: Any) -> None:
        self.worker.submit(self._guarded, fn, job, *args)

    # --- running ----------------------------------------------------------------

    def start(self, job: Job, profile: ApplicantProfile, declared_none: frozenset[str] | None = None) -> None:
        """Profile confirmed: queue every file."""
        if job.state not in ("uploaded", "confirm_profile"):
            raise JobError("申请人信息已确认，任务已开始；如需更改，请删除后重新上传。")
        job.profile = profile
        if declared_none is not None:
            job.declared_none = declared_none
        if job.profile_source is None or job.profile_source.kind != "inferred":
            from redactor.pipeline import ProfileSource

            job.profile_source = ProfileSource()
        stems = allocate_stems([f.original_name for f in job.files], profile)
        used: set[str] = set()
        for f in job.files:
            stem, renamed = stems[f.original_name]
            while stem.lower() in used:         # two uploads with the same name
                stem += "-2"
            used.add(stem.lower())
            f.stem, f.renamed, f.state, f.error, f.error_detail = stem, renamed, "queued", "", ""
        job.state = "queued"
        ready = getattr(self.worker, "ready", None)
        job.loading = ready is not None and not ready.is_set()
        self._submit(self._run, job)

    def rerun(self, job: Job, profile: ApplicantProfile, declared_none: frozenset[str]) -> None:
        """The applicant added to or corrected the profile (or declared fields 无) after a run: every file is
        processed again from its upload, the earlier outputs and edits dropped."""
        if job.state not in ("done", "failed"):
            raise JobError("请等全部文件处理完成后再重新处理。")
        for f in job.files:
            f.edits, f.confirmed, f.plan, f.analysis, f.audit = PlanEdits(), set(), None, None, None
            f.redacted_pages, f.original_pages, f.shown = [], [], None    # shown: the suggestions' values too
        for sub in ("out", "img", "work"):
            shutil.rmtree(job.dir / sub, ignore_errors=True)
        job.state, job.profile_source = "uploaded", None
        self.start(job, profile, declared_none)

    def apply_edits(self, job: Job, fid: str, edits: dict[str, Any]) -> JobFile:
        """Record edits and queue the re-application of the edited plan to the original."""
        from redactor.model import Action, BBox, Category

        f = job.file(fid)
        if job.state in ("inferring", "queued", "running"):
            raise JobError("请等全部文件处理完成后再修改。")
        if f.state != "done" or f.plan is None:
            raise JobError("该文件尚未处理完成，不能修改。")
        repairs = f.repairs
        twins = {c["id"]: c["twins"] for c in f.edits.candidates(f.plan, repairs)}
        for item in edits.get("set_action", []):
            for i in (int(item["id"]), *twins.get(int(item["id"]), ())):
                f.edits.set_action(f.plan, i, Action(item["action"]), repairs)
        for item in edits.get("add", []):
            x0, y0, x1, y1 = (float(v) for v in item["bbox"])
            page = int(item["page"])
            if not 1 <= page <= f.pages:
                raise JobError("页码超出范围。")
            f.edits.add_box(page, BBox(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
                            Category(item.get("category", "name")))
        f.state = "queued"
        job.state = "queued"
        self._submit(self._reapply, job, f)
        return f

    def confirm(self, job: Job, fid: str, keys: list[str]) -> JobFile:
        """The applicant answered verdict questions of one file (``web.verdict``): recorded, nothing re-run."""
        f = job.file(fid)
        if f.state != "done":
            raise JobError("该文件尚未处理完成。")
        f.confirmed.update(str(k) for k in keys)
        return f

    def _infer(self, job: Job) -> None:
        job.step = "正在从评审表读取申请人信息"
        try:
            profile, source = self.worker.alone.infer([f.path for f in job.files])
        except RedactorError:
            job.state, job.message = "confirm_profile", "未能从上传的文件中读取评审表信息，请手动填写。"
            return
        except Exception:
            log.exception("job %s: profile inference failed", job.id)
            job.state, job.message = "confirm_profile", "读取评审表时出错，请手动填写。"
            return
        names = {Path(f.path).stem: f.original_name for f in job.files}
        doc = names.get(str(source.inferred_from.get("document", "")), "")
        stem = allocate_stems([doc], profile)[doc][0] if doc else ""
        if stem:   # the audit names the cleaned file, not the upload's generated id
            source = replace(source, inferred_from={**source.inferred_from, "document": stem})
        job.profile, job.profile_source = profile, source
        job.message = (f"已从「{stem}」第 {source.inferred_from.get('page')} 页读取，请核对后确认。"
                       if stem else "已从评审表读取，请核对后确认。")
        if len(profile.employers) > 1 or profile.name_aliases:
            english = sum(any("a" <= c.lower() <= "z" for c in e) for e in profile.employers[1:])
            others = ("其余为文件中出现的" + "、".join(w for w, n in (("简称", len(profile.employers) - 1 - english),
                                                                 ("英文名", english)) if n))
            job.message += (f"工作单位读到 {len(profile.employers)} 个名称（第一行为全称，{others}）"
                            + _aliases_read(profile.name_aliases)
                            + "：请逐一核对，不是您的请删去。")
        job.state = "confirm_profile"

    def _run(self, job: Job) -> None:
        """Every file of the job.  Where the worker has worker processes (``Worker.file_pool``: a job's files at
        once), whoever is free takes the next file (``_Deal``): a process the moment it hands one back, this worker
        between its own; this worker takes a process's file when it is done (``_take_file``) or when nothing is
        left to start; every file gets the same decisions either way."""
        job.state, job.started = "running", time.time()
        for f in job.files:         # on the worker, as all PyMuPDF work: the page counts the progress rests on
            f.pages = _pages_or_zero(f.path, self.worker)
        pool = self.worker.file_pool() if len(job.files) > 1 else None
        pipe = self.worker.pipeline if pool is not None else self.worker.alone    # alone: every core is its own
        deal = _Deal(job, job.files, pool, self.worker.processes(), self._work_for, self._renewed_pool)
        handed = 0
        try:
            while True:
                job.check_cancelled()
                deal.feed()                  # also past a file over the page limit, once this worker refused it
                for f, fut in deal.returned():
                    self._take_file(job, f, fut)
                    handed += 1
                    self._loaded(job)
                mine = deal.next_mine()
                if mine is not None:
                    f, started = mine
                    job.step = f"第 {started}/{len(job.files)} 个文件"
                    self._run_file(job, f, pipe)
                    self._loaded(job)
                elif not deal.wait(0.5):
                    break
        finally:
            deal.let_go()           # nothing a worker process does for this job outlives its run
            if deal.broke:          # a process died between jobs or in a deleted one: the next job starts a fresh pool
                self.worker.file_pool_broke()
        job.step = ""
        job.state = "done" if any(f.state == "done" for f in job.files) else "failed"
        log.info("job %s finished (%d of %d files read in worker processes; this worker read on %d core(s))",
                 job.id, handed, len(job.files), getattr(pipe, "cores", 1))

    def _loaded(self, job: Job) -> None:
        """A file is back: the models it needed are loaded, for this job and every job after it."""
        ready = getattr(self.worker, "ready", None)
        if ready is not None:
            ready.set()
        job.loading = False

    def _renewed_pool(self) -> cf.ProcessPoolExecutor | None:
        """A fresh pool of worker processes in place of one whose process died (on the worker's thread)."""
        self.worker.file_pool_broke()
        return self.worker.file_pool()

    def _work_for(self, job: Job, f: JobFile) -> Any:
        """What a worker process needs to redact ``f`` (``redact_file``); None for a file over the page limit,
        which this worker refuses, named, in its turn (``_run_file``)."""
        from redactor.web.worker import FileWork

        if f.pages > self.settings.max_pages:
            return None
        work = job.dir / "work" / f.id
        work.mkdir(parents=True, exist_ok=True)
        return FileWork(f.path, job.profile, str(work), str(job.dir / "out"), f.stem, tuple(f.renamed),
                        job.profile_source, str(job.dir / "img" / f.id), self.settings.render_dpi, f.version + 1)

    def _take_file(self, job: Job, f: JobFile, fut: cf.Future) -> None:
        """A file a worker process redacted and drew (``redact_file``), taken as ``_run_file`` leaves one."""
        t0 = time.perf_counter()
        spent: float | None = None
        f.state = "running"
        f.tell("release", 0, f.pages)
        try:
            while True:
                try:
                    done = fut.result(timeout=0.5)
                    break
                except cf.TimeoutError:
                    job.check_cancelled()    # a deleted job stops waiting; ``_run`` waits for the process
            spent = done.seconds          # the worker process's own time; taking its result costs nothing
            if done.error:
                f.state, f.error, f.error_detail = "failed", done.error, done.error_detail
            else:
                f.ctx, f.analysis, f.plan = done.ctx, done.analysis, done.analysis.plan
                f.original_pages, f.redacted_pages = list(done.original_pages), list(done.redacted_pages)
                f.audit = json.loads(Path(done.audit_json).read_text(encoding="utf-8"))
                f.version += 1
                f.state, f.error, f.error_detail = "done", "", ""
        except JobCancelled:
            raise
        except BrokenProcessPool:            # it died alone, or again when read alone (``_Deal.returned``)
            log.error("job %s: a worker process died reading a file", job.id)
            f.state, f.error = "failed", PROCESS_DIED
        except Exception:
            log.exception("job %s: a file failed", job.id)
            f.state, f.error = "failed", "处理时发生内部错误。"
        f.seconds = spent if spent is not None else round(time.perf_counter() - t0, 2)

    def _run_file(self, job: Job, f: JobFile, pipe: Any) -> None:
        t0 = time.perf_counter()
        f.state = "running"
        try:
            f.pages = page_count(f.path, pipe.cfg.ingest)
            if f.pages > self.settings.max_pages:
                raise JobError(f"共 {f.pages} 页，超过每个文件 {self.settings.max_pages} 页的上限，请拆分后再上传。")
            job.check_cancelled()
            work = job.dir / "work" / f.id
            work.mkdir(parents=True, exist_ok=True)
            f.ctx = RunContext(pipe.cfg, str(work), document_id_for(f.path))

            def progress(stage: str, done: int, total: int) -> None:
                job.check_cancelled()          # between pages: a deleted job stops here
                f.tell(stage, done, total)

            a = pipe.analyze(f.path, job.profile, f.ctx, progress=progress)
            job.check_cancelled()
            # rasters are only needed by the detectors: do not hold them for the job's lifetime
            doc = replace(a.document, pages=tuple(replace(p, raster=None) for p in a.document.pages))
            f.analysis, f.plan = replace(a, document=doc), a.plan
            f.original_pages = self._render(doc.working_pdf, job.dir / "img" / f.id, "original")
            self._release(job, f, pipe)
        except JobCancelled:
            raise
        except JobError as exc:
            f.state, f.error = "failed", str(exc)
        except RedactorError as exc:
            f.state, (f.error, f.error_detail) = "failed", user_message(exc)
        except Exception:
            log.exception("job %s: a file failed", job.id)
            f.state, f.error = "failed", "处理时发生内部错误。"
        f.seconds = round(time.perf_counter() - t0, 2)

    def _reapply(self, job: Job, f: JobFile) -> None:
        job.state, job.step = "running", "按修改重新脱敏并核验"
        f.state = "running"
        try:
            self._release(job, f, self.worker.alone)
        except JobCancelled:
            raise
        except RedactorError as exc:
            f.state, (f.error, f.error_detail) = "failed", user_message(exc)
        except Exception:
            log.exception("job %s: re-applying failed", job.id)
            f.state, f.error = "failed", "重新脱敏时发生内部错误。"
        job.step = ""
        job.state = "done"

    def _release(self, job: Job, f: JobFile, pipe: Any) -> None:
        job.check_cancelled()
        f.tell("release", 0, f.pages)
        plan = f.edits.apply(f.plan)
        out = pipe.release(f.analysis, plan, job.profile, f.ctx, str(job.dir / "out"), f.stem, f.renamed,
                           job.profile_source)
        f.audit = json.loads(Path(out.audit_json).read_text(encoding="utf-8"))
        f.version += 1
        job.check_cancelled()
        f.redacted_pages = self._render(out.output_pdf, job.dir / "img" / f.id, f"redacted-v{f.version}")
        f.state, f.error, f.error_detail = "done", "", ""

    def _render(self, pdf: str, out_dir: Path, prefix: str) -> list[dict[str, Any]]:
        return page_images(pdf, str(out_dir), self.worker.cfg, self.settings.render_dpi, prefix)


def _aliases_read(aliases: tuple[str, ...]) -> str:
    """What the confirm page says of the other names read: 曾用名 in characters, 英文名 in Latin letters."""
    latin = sum(any("a" <= c.lower() <= "z" for c in a) for a in aliases)
    parts = [f"{w} {n} 个" for w, n in (("曾用名", len(aliases) - latin), ("英文名", latin)) if n]
    return f"，另读到{'、'.join(parts)}" if parts else ""

"""What a waiting applicant reads (issue 42): which file, which page of which step, and the time left at the
pace measured so far.  Pure: a job's files are told their progress as the pipeline tells it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from redactor.web.jobs import Job, JobFile  # noqa: E402


def _job(*pages: int) -> Job:
    files = [JobFile(f"f{k}", f"原件{k}.pdf", f"/x/{k}.pdf", stem=f"file{k}.pdf", pages=n) for k, n in enumerate(pages)]
    return Job("j", "s", Path("/x"), files)


def test_nothing_measured_yet_says_no_time():
    job = _job(3, 2)
    job.state, job.started = "running", 1000.0
    job.files[0].state = "running"
    assert job.time_left(now=1001.0) is None
    assert job.progress_text(now=1001.0) == "第 1/2 个文件「file0.pdf」（共 3 页）：准备中"


def test_pages_read_and_searched_give_the_page_and_the_time_left():
    job = _job(3, 2)
    job.state, job.started = "running", 1000.0
    f = job.files[0]
    f.state = "running"
    f.tell("read", 3, 3)
    f.tell("detect", 1, 3)          # 4 of 3*2+1 + 2*2+1 = 12 units in 20 s: 8 left, 40 s
    assert job.time_left(now=1020.0) == pytest.approx(40.0)
    text = job.progress_text(now=1020.0)
    assert text.startswith("第 1/2 个文件「file0.pdf」（共 3 页）：查找个人信息，第 2/3 页") and text.endswith("预计还需约 40 秒")


def test_a_finished_file_counts_whole_and_the_next_one_is_named():
    job = _job(1, 4)
    job.state, job.started = "running", 1.0
    job.files[0].state = "done"
    nxt = job.files[1]
    nxt.state = "running"
    nxt.tell("read", 1, 4)
    assert job.progress_text(now=61.0).startswith("第 2/2 个文件「file1.pdf」（共 4 页）：读取第 2/4 页；已完成 1/2 个")
    assert job.time_left(now=61.0) == pytest.approx(60.0 / 4 * 8)        # 4 of 12 units done


def test_files_read_at_once_are_all_named_and_the_done_ones_counted():
    """Four of eight done while a worker process reads two more: the line names every file being read, this
    worker's with its step first, and says how many are done (issue 82: it stayed on 第 1/8 个文件：准备中)."""
    job = _job(1, 1, 1, 1, 2, 3, 1, 1)
    job.state, job.started = "running", 1.0
    for f in job.files[:4]:
        f.state = "done"
    for f in job.files[4:6]:
        f.state = "running"              # handed to worker processes: no step told here
    job.files[6].state = "running"
    job.files[6].tell("detect", 0, 1)
    text = job.progress_text(now=2.0)
    assert text.startswith("第 7/8 个文件「file6.pdf」（共 1 页）：查找个人信息，第 1/1 页")
    assert "同时处理：「file4.pdf」、「file5.pdf」" in text and "已完成 4/8 个" in text


def test_a_job_waiting_on_the_first_model_load_says_so():
    """The first job after start-up waited 50 s on 准备中 with nothing said about the models (issue 82.9)."""
    from redactor.web.jobs import LOADING

    job = _job(1)
    job.state, job.loading = "queued", True
    assert job.progress_text(now=1.0) == LOADING
    job.state, job.started = "running", 1.0
    job.files[0].state = "running"
    assert job.progress_text(now=2.0) == f"第 1/1 个文件「file0.pdf」（共 1 页）：{LOADING}"
    job.loading = False
    assert job.progress_text(now=2.0).endswith("：准备中")

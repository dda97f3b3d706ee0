"""The portrait detector in a web server's threads: each thread has its own Haar cascades (a
CascadeClassifier is not safe to share), and the same page gives the same portraits in every thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from redactor.detect.regions.portrait import PortraitDetector, _cascade
from tests.unit.test_bitonal_portrait import _bw_page
from tests.pages import page_from_pdf


def test_each_thread_has_its_own_cascade():
    here = _cascade("haarcascade_frontalface_alt2.xml")
    assert _cascade("haarcascade_frontalface_alt2.xml") is here
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(_cascade, "haarcascade_frontalface_alt2.xml").result()
    assert there is not here


def test_the_same_portraits_in_parallel_threads():
    page = page_from_pdf(_bw_page(True, "dither"), 150)
    detector = PortraitDetector()
    alone = [f.boxes[0] for f in detector.detect(page, None)]
    assert alone
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: [f.boxes[0] for f in detector.detect(page, None)], range(8)))
    assert all(found == alone for found in together)

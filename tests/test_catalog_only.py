"""No module of the library holds a user-facing sentence of its own: the text catalog has them.

Every error there is ``SomeError.of("key", ...)`` and every warning ``Notice.of("key", ...)``
with keys of :data:`planning.i18n.MESSAGES` (an error's fix is ``key.fix`` or its ``fix_key``);
no ``DataError("...")``, ``Notice("...")`` or ``warnings.warn("...")`` with inline text, and no
sentence passed as a placeholder value. :data:`CATALOG_ONLY` is every module of ``planning/``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from planning.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[1]

#: every module of the library: each error, warning and reason comes from the catalog
CATALOG_ONLY = sorted(
    path.relative_to(ROOT).as_posix() for path in (ROOT / "planning").rglob("*.py")
)
ERRORS = {"PlanningError", "DataError", "TravelError", "InfeasibleScenario"}
MADE_OF_KEYS = ERRORS | {"Notice"}
#: a string that reads as text for a person: Hangul, or two words of letters
TEXT = re.compile(r"[가-힣]|[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")


def _name(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)


def _literal_text(node: ast.expr) -> str | None:
    """The text of a string constant or of an f-string's literal parts, if it reads as text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = " ".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return None
    return text if TEXT.search(text) else None


def inline_texts(source: str, filename: str = "module.py") -> tuple[int, list[str]]:
    """(number of catalog-made errors/notices, the places with inline user text or unknown keys)."""
    made, bad = 0, []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        where = f"{filename}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id in MADE_OF_KEYS:
            bad.append(f"{where} builds {func.id}(...) from inline text: use {func.id}.of(key)")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "of"
            and _name(func.value) in MADE_OF_KEYS
        ):
            made += 1
            owner = _name(func.value)
            key = node.args[0] if node.args else None
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if key.value not in MESSAGES:
                    bad.append(f"{where} {owner}.of: unknown key {key.value!r}")
                if owner in ERRORS:
                    keywords = {k.arg: k.value for k in node.keywords}
                    fix = keywords.get("fix_key")
                    fix_key = fix.value if isinstance(fix, ast.Constant) else key.value + ".fix"
                    if fix_key not in MESSAGES:
                        bad.append(f"{where} {owner}.of: no fix text {fix_key!r}")
            elif isinstance(key, ast.JoinedStr) or key is None:
                bad.append(f"{where} {owner}.of needs a catalog key")
            for value in [*node.args[1:], *(k.value for k in node.keywords)]:
                if (text := _literal_text(value)) is not None:
                    bad.append(f"{where} {owner}.of is given inline text {text!r}")
        elif _name(func) == "warn" and _name(getattr(func, "value", func)) == "warnings":
            if node.args and _literal_text(node.args[0]) is not None:
                bad.append(f"{where} warnings.warn with inline text: use t(key, 'en', ...)")
        elif isinstance(func, ast.Name) and func.id in ("msg", "t") and node.args:
            key = node.args[0]
            known = not isinstance(key, ast.Constant) or key.value in MESSAGES
            if not known:
                bad.append(f"{where} {func.id}: unknown key {key.value!r}")
    return made, bad


def test_every_module_takes_every_text_from_the_catalog() -> None:
    assert "planning/optimize/solve.py" in CATALOG_ONLY and len(CATALOG_ONLY) > 90
    made, bad = 0, []
    for entry in CATALOG_ONLY:
        path = ROOT / entry
        n, problems = inline_texts(path.read_text(encoding="utf-8"), entry)
        made += n
        bad += problems
    assert made > 75, made  # the scan sees the errors and notices (not a vacuous pass)
    assert not bad, "\n".join(bad)


def test_the_scan_catches_inline_text() -> None:
    source = (
        "import warnings\n"
        "from planning.errors import DataError\n"
        "from planning.sources import Notice\n"
        "def f(name):\n"
        "    raise DataError('broken', 'fix it', problem_ko='고장', fix_ko='고쳐 주세요')\n"
        "def g(name):\n"
        "    return Notice(f'{name} was skipped', '건너뜀')\n"
        "def h(name):\n"
        "    raise DataError.of('no.such.key', name=name)\n"
        "def i(name):\n"
        "    raise DataError.of('readers.empty', name=f'{name} is empty')\n"
        "def j(name):\n"
        "    raise DataError.of('list.more', items=name)\n"
        "def k(name):\n"
        "    warnings.warn(f'repaired {name} polygons')\n"
        "def m(name):\n"
        "    return Notice.of(f'{name}.x')\n"
        "def ok(name):\n"
        "    raise DataError.of('readers.empty', name=name)\n"
        "def ok2(name, rows):\n"
        "    return Notice.of('generic.sido_skipped', rows=', '.join(rows))\n"
    )
    made, bad = inline_texts(source, "bad.py")
    assert made == 6
    assert bad == [
        "bad.py:5 builds DataError(...) from inline text: use DataError.of(key)",
        "bad.py:7 builds Notice(...) from inline text: use Notice.of(key)",
        "bad.py:9 DataError.of: unknown key 'no.such.key'",
        "bad.py:9 DataError.of: no fix text 'no.such.key.fix'",
        "bad.py:11 DataError.of is given inline text ' is empty'",
        "bad.py:13 DataError.of: no fix text 'list.more.fix'",
        "bad.py:15 warnings.warn with inline text: use t(key, 'en', ...)",
        "bad.py:17 Notice.of needs a catalog key",
    ]

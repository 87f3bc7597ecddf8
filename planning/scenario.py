"""A planning scenario: every setting that decides a solution, frozen, with JSON and TOML round-trip.

Files are read with ``json`` / ``tomllib`` only (never executed, never unpickled). Unknown keys and
bad values raise :class:`planning.errors.DataError` naming the key and the fix, so a typo in a
hand-edited file is reported instead of silently ignored.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from planning.errors import DataError
from planning.i18n import LANGS, t
from planning.settings import DEFAULT_AS_OF, DEFAULT_TARGET_TOTAL, DEFAULT_THRESHOLD_MIN
from planning.sources import Notice
from planning.vintage import DEFAULT_VINTAGE, VINTAGES

SCHEMA_VERSION = 2
#: version 1 stored ``phases`` as phase SIZES (new sites per phase); version 2 stores the
#: cumulative network TOTAL after each phase (existing centers included), as officials count.
#: :func:`migrate` converts a version-1 file on load.
READABLE_VERSIONS = (1, 2)
MODELS: tuple[str, ...] = ("coverage", "average", "worst")
ENGINES: tuple[str, ...] = ("straight", "osm", "matrix")
MAX_THRESHOLD_MIN = 90.0
MAX_FILE_BYTES = 1_000_000
MAX_TOTAL = 5000

# The default index: equal weights on the shares of population, basic-livelihood recipients and
# unemployed (the three core indicators; unemployed is the bundled KOSIS 2024 H1 estimate, or an
# uploaded KOSIS file). planning.demand.index_formula(dict(DEFAULT_WEIGHTS)) reads
# "0.33 × 인구 비중 + 0.33 × 기초생활수급자 비중 + 0.33 × 실업자 비중".
DEFAULT_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("population", 1.0),
    ("recipients", 1.0),
    ("unemployed", 1.0),
)

#: the number of existing centers at a month (``as_of`` -> count), or that count; None: the
#: bundled center list (``planning.centers``)
Existing = Callable[[str], int] | int | None


_KOSTAT_SIDO = frozenset(
    ("11", "21", "22", "23", "24", "25", "26", "29", "31", "32", "33", "34", "35", "36", "37")
    + ("38", "39")
)  # = planning.crosswalk.SIDO (checked in tests/test_scenario.py)

_AS_OF = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Scenario:
    """All the settings of one run. Tuples (not lists/dicts) keep it hashable for caching."""

    name: str = t("scn.default_name", "ko")
    as_of: str = DEFAULT_AS_OF
    total: int = DEFAULT_TARGET_TOTAL
    engine: str = "straight"
    threshold: float = DEFAULT_THRESHOLD_MIN
    model: str = "coverage"
    weights: tuple[tuple[str, float], ...] = DEFAULT_WEIGHTS
    sido_min: tuple[tuple[str, int], ...] = ()
    locked: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    #: cumulative network totals after each phase (existing centers included), rising, each at
    #: most ``total``; ``total`` itself is the last phase when the list stops short of it
    phases: tuple[int, ...] = ()
    exact: bool = False
    note: str = ""
    vintage: str = DEFAULT_VINTAGE  # demand figures of that year (planning.vintage)
    version: int = field(default=SCHEMA_VERSION)

    def __post_init__(self) -> None:
        if isinstance(self.threshold, int | float) and not isinstance(self.threshold, bool):
            object.__setattr__(self, "threshold", float(self.threshold))  # 45 and 45.0: one key
        _validate(self)

    # -- views -------------------------------------------------------------------------------
    @property
    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)

    @property
    def quota_map(self) -> dict[str, int]:
        return dict(self.sido_min)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with ``changes`` applied (mappings and lists are normalised like ``from_dict``)."""
        data = self.to_dict()
        data.update(changes)
        return Scenario.from_dict(data)

    def key(self) -> str:
        """A stable text key of the settings that change the solution (not name or note)."""
        data = self.to_dict()
        data.pop("name")
        data.pop("note")
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    # -- dict / JSON / TOML ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["weights"] = {k: float(v) for k, v in self.weights}
        data["sido_min"] = {k: int(v) for k, v in self.sido_min}
        data["locked"] = list(self.locked)
        data["excluded"] = list(self.excluded)
        data["phases"] = list(self.phases)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, existing: Existing = None) -> Scenario:
        """Read a scenario mapping (a file's content); see :func:`read_dict` for ``existing``."""
        return read_dict(data, existing=existing)[0]

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Scenario:
        return cls.from_dict(_json_data(text))

    def to_toml(self) -> str:
        return dumps_toml(self.to_dict())

    @classmethod
    def from_toml(cls, text: str | bytes) -> Scenario:
        return cls.from_dict(_toml_data(text))


def shown_name(name: str, lang: str) -> str:
    """A scenario's name as a page or file in ``lang`` shows it: the default name (기본
    시나리오, Default scenario) in that language; a name someone typed, as typed."""
    if name in {t("scn.default_name", other) for other in LANGS}:
        return t("scn.default_name", lang)
    return name


def _json_data(text: str | bytes) -> Any:
    """The mapping of a JSON scenario text, or a DataError naming the line and column."""
    try:
        return json.loads(_text(text))
    except json.JSONDecodeError as exc:
        raise DataError.of(
            "scenario.json", line=exc.lineno, col=exc.colno, detail=exc.msg
        ) from None


def _toml_data(text: str | bytes) -> Any:
    """The mapping of a TOML scenario text, or a DataError saying what to check."""
    try:
        return tomllib.loads(_text(text))
    except tomllib.TOMLDecodeError as exc:
        raise DataError.of("scenario.toml", detail=str(exc)) from None


def parse_scenario_file(filename: str, content: bytes) -> Any:
    """The mapping in a scenario file (the format follows the extension, .json or .toml), for
    :func:`read_dict`; a DataError for a file that is not one."""
    if len(content) > MAX_FILE_BYTES:
        raise DataError.of("scenario.too_large", size=len(content), limit=MAX_FILE_BYTES)
    lower = filename.lower()
    if lower.endswith(".json"):
        return _json_data(content)
    if lower.endswith(".toml"):
        return _toml_data(content)
    raise DataError.of("scenario.not_scenario", name=filename)


def read_scenario(
    filename: str, content: bytes, *, existing: Existing = None
) -> tuple[Scenario, tuple[Notice, ...]]:
    """Read an uploaded scenario file (the format follows the extension, .json or .toml) and
    the notes on what was converted while reading it (a version-1 file's phase sizes, a 시도
    code of another code system)."""
    return read_dict(parse_scenario_file(filename, content), existing=existing)


def load_scenario(filename: str, content: bytes, *, existing: Existing = None) -> Scenario:
    """Read an uploaded scenario file; the format follows the extension (.json or .toml)."""
    return read_scenario(filename, content, existing=existing)[0]


def _existing_count(existing: Existing, as_of: str) -> int:
    if existing is None:
        from planning.centers import load_centers

        return len(load_centers(as_of))
    return int(existing(as_of) if callable(existing) else existing)


def read_dict(
    data: Mapping[str, Any], *, existing: Existing = None
) -> tuple[Scenario, tuple[Notice, ...]]:
    """A scenario from a file's mapping, and notes on what was converted on the way.

    Version 1 files stored ``phases`` as phase sizes; they become cumulative network totals
    with ``existing`` (the centers open at the file's ``as_of``; by default the bundled list).
    A ``sido_min`` key in the 법정동/MOIS code system (e.g. 47 for 경북) becomes its KOSTAT
    code (37); a code of neither system is refused.
    """
    if not isinstance(data, Mapping):
        raise DataError.of("scenario.not_table")
    known = {f.name for f in fields(Scenario)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError.of(
            "scenario.unknown_keys", keys=", ".join(unknown), allowed=", ".join(sorted(known))
        )
    version = data.get("version", SCHEMA_VERSION)
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise DataError.of("scenario.version", version=version, current=SCHEMA_VERSION)
    kw: dict[str, Any] = {}
    for key, value in data.items():
        kw[key] = _coerce(key, value)
    notes: list[Notice] = []
    if "sido_min" in kw:
        kw["sido_min"] = _kostat_sido(kw["sido_min"], notes)
    if int(version) == 1 and kw.get("phases"):
        sizes = kw["phases"]
        if any(p <= 0 for p in sizes):
            _bad_phase_size()
        as_of = kw.get("as_of", DEFAULT_AS_OF)
        n = _existing_count(existing, as_of)
        totals = tuple(n + int(c) for c in itertools.accumulate(sizes))
        kw["phases"] = totals
        notes.append(
            Notice.of(
                "scenario.v1_phases",
                sizes=", ".join(map(str, sizes)),
                totals=", ".join(map(str, totals)),
                n=n,
                as_of=as_of,
            )
        )
    kw["version"] = SCHEMA_VERSION
    return Scenario(**kw), tuple(notes)


def _kostat_sido(items: tuple[tuple[str, int], ...], notes: list[Notice]) -> tuple:
    """``sido_min`` keys as KOSTAT 시도 codes: a 법정동/MOIS code that is no KOSTAT code (47 for
    경북) is converted (with a note); codes of neither system stay and fail validation."""
    from planning.crosswalk import SIDO

    kostat = {s.kostat: s for s in SIDO}
    bjd = {b: s for s in SIDO for b in s.bjd}
    out = []
    for code, n in items:
        code = code.strip()
        if code not in kostat and code in bjd:
            sido = bjd[code]
            name = {"ko": sido.name_ko, "en": sido.name_en}
            notes.append(Notice.of("scenario.sido_bjd", code=code, sido=name, kostat=sido.kostat))
            code = sido.kostat
        out.append((code, n))
    merged: dict[str, int] = {}
    for code, n in out:
        merged[code] = merged.get(code, 0) + n
    return tuple(merged.items())


# -- validation ---------------------------------------------------------------------------------


def _text(text: str | bytes) -> str:
    if isinstance(text, str):
        return text
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError.of("scenario.utf8") from None


def _coerce(key: str, value: Any) -> Any:
    """Turn JSON/TOML values (lists, dicts) into the dataclass field types, or raise DataError."""
    try:
        if key in ("weights",):
            items = value.items() if isinstance(value, Mapping) else value
            return tuple((str(k), float(v)) for k, v in items)
        if key == "sido_min":
            items = value.items() if isinstance(value, Mapping) else value
            return tuple((str(k), _int(v)) for k, v in items)
        if key in ("locked", "excluded"):
            if isinstance(value, str):
                raise TypeError
            return tuple(str(v) for v in value)
        if key == "phases":
            if isinstance(value, str):
                raise TypeError
            return tuple(_int(v) for v in value)
        if key in ("total", "version"):
            return _int(value)
        if key == "threshold":
            if isinstance(value, bool):
                raise TypeError
            return float(value)
        if key == "exact":
            if not isinstance(value, bool):
                raise TypeError
            return value
        if key in ("name", "as_of", "engine", "model", "note"):
            if not isinstance(value, str):
                raise TypeError
            return value
        if key == "vintage":
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise TypeError
            return str(value)
    except (TypeError, ValueError):
        raise DataError.of(
            "scenario.bad_value", key=key, value=value, example=_EXAMPLES[key]
        ) from None
    return value


_EXAMPLES = {
    "name": '"기본안"',
    "as_of": '"2016-01"',
    "engine": '"straight"',
    "model": '"coverage"',
    "note": '"메모"',
    "weights": '{"population": 1.0, "recipients": 2.0}',
    "sido_min": '{"11": 2, "26": 1}',
    "locked": '["11110515"]',
    "excluded": '["11110515"]',
    "phases": "[60, 80, 100]",
    "total": "100",
    "threshold": "30",
    "exact": "false",
    "vintage": '"2015"',
    "version": str(SCHEMA_VERSION),
}


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    return int(value)


def _validate(s: Scenario) -> None:
    if not s.name.strip():
        raise DataError.of("scenario.name_empty")
    if not _AS_OF.match(s.as_of):
        raise DataError.of("scenario.as_of", as_of=s.as_of)
    if not 1 <= s.total <= MAX_TOTAL:
        raise DataError.of("scenario.total", total=s.total, most=MAX_TOTAL)
    if s.engine not in ENGINES:
        raise DataError.of(
            "scenario.engine",
            fix_key="scenario.one_of.fix",
            engine=s.engine,
            choices=", ".join(ENGINES),
        )
    if not (math.isfinite(s.threshold) and 0 < s.threshold <= MAX_THRESHOLD_MIN):
        raise DataError.of("scenario.threshold", threshold=s.threshold, most=MAX_THRESHOLD_MIN)
    if s.vintage not in VINTAGES:
        raise DataError.of(
            "scenario.vintage",
            fix_key="scenario.one_of.fix",
            vintage=s.vintage,
            choices=", ".join(VINTAGES),
        )
    if s.model not in MODELS:
        raise DataError.of(
            "scenario.model",
            fix_key="scenario.one_of.fix",
            model=s.model,
            choices=", ".join(MODELS),
        )
    keys = [k for k, _ in s.weights]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise DataError.of("scenario.weight_twice", names=", ".join(twice))
    for k, w in s.weights:
        if not math.isfinite(w) or w < 0:
            raise DataError.of("scenario.weight", name=k, weight=w)
    if s.weights and sum(w for _, w in s.weights) <= 0:
        raise DataError.of("scenario.weights_zero")
    for code, n in s.sido_min:
        if not re.fullmatch(r"\d{2}", code):
            raise DataError.of("scenario.sido_format", code=code)
        if code not in _KOSTAT_SIDO:
            raise DataError.of("scenario.sido_unknown", code=code)
        if n < 0:
            raise DataError.of("scenario.sido_negative", code=code, n=n)
    if sum(n for _, n in s.sido_min) > s.total:
        raise DataError.of("scenario.sido_sum", sum=sum(n for _, n in s.sido_min), total=s.total)
    both = sorted(set(s.locked) & set(s.excluded))
    if both:
        raise DataError.of("scenario.both_lists", sites=", ".join(both))
    if any(p <= 0 for p in s.phases):
        _bad_phase_size()
    if any(b <= a for a, b in itertools.pairwise(s.phases)):
        raise DataError.of("scenario.phases_rise", phases=", ".join(map(str, s.phases)))
    if s.phases and s.phases[-1] > s.total:
        raise DataError.of("scenario.last_phase", last=s.phases[-1], total=s.total)
    if s.version != SCHEMA_VERSION:
        raise DataError.of("scenario.version_built", version=s.version)


def _bad_phase_size() -> None:
    raise DataError.of("scenario.phase_size")


# -- a tiny TOML writer (enough for Scenario: scalars, arrays of scalars, one level of tables) ---


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) and not key.isdigit() else _toml_str(key)


def _toml_str(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DataError.of("scenario.toml_value", value=value)
        return repr(value)
    if isinstance(value, str):
        return _toml_str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps_toml(data: Mapping[str, Any]) -> str:
    """Write a flat mapping (scalars, arrays, and one level of sub-tables) as TOML."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, table in tables:
        lines.append("")
        lines.append(f"[{_toml_key(key)}]")
        for sub, value in table.items():
            if isinstance(value, Mapping):
                raise TypeError("nested tables are not supported")
            lines.append(f"{_toml_key(sub)} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"

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
from planning.i18n import josa
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

    name: str = "기본 시나리오"
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


def _json_data(text: str | bytes) -> Any:
    """The mapping of a JSON scenario text, or a DataError naming the line and column."""
    try:
        return json.loads(_text(text))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"The JSON is not valid (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            "Upload a .json scenario saved by the app, or check the commas and quotes.",
            problem_ko=f"JSON 형식이 올바르지 않습니다({exc.lineno}행 {exc.colno}열: {exc.msg}).",
            fix_ko="앱에서 저장한 .json 시나리오 파일을 올리거나, 쉼표와 따옴표를 확인해 주세요.",
        ) from None


def _toml_data(text: str | bytes) -> Any:
    """The mapping of a TOML scenario text, or a DataError saying what to check."""
    try:
        return tomllib.loads(_text(text))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(
            f"The TOML is not valid ({exc}).",
            "Upload a .toml scenario saved by the app, or check the quotes and [table] headers.",
            problem_ko=f"TOML 형식이 올바르지 않습니다({exc}).",
            fix_ko=(
                "앱에서 저장한 .toml 시나리오 파일을 올리거나, 따옴표와 [표] 머리글을 확인해 주세요."
            ),
        ) from None


def _parse(filename: str, content: bytes) -> Any:
    if len(content) > MAX_FILE_BYTES:
        raise DataError(
            f"The scenario file is too large ({len(content):,} bytes).",
            f"Upload a scenario file of at most {MAX_FILE_BYTES:,} bytes.",
            problem_ko=f"시나리오 파일이 너무 큽니다({len(content):,} 바이트).",
            fix_ko=f"{MAX_FILE_BYTES:,} 바이트 이하의 시나리오 파일을 올려 주세요.",
        )
    lower = filename.lower()
    if lower.endswith(".json"):
        return _json_data(content)
    if lower.endswith(".toml"):
        return _toml_data(content)
    raise DataError(
        f"'{filename}' is not a scenario file.",
        "Upload a file ending in .json or .toml.",
        problem_ko=f"‘{filename}’{josa(filename, '은')} 시나리오 파일 형식이 아닙니다.",
        fix_ko="확장자가 .json 또는 .toml인 파일을 올려 주세요.",
    )


def read_scenario(
    filename: str, content: bytes, *, existing: Existing = None
) -> tuple[Scenario, tuple[Notice, ...]]:
    """Read an uploaded scenario file (the format follows the extension, .json or .toml) and
    the notes on what was converted while reading it (a version-1 file's phase sizes, a 시도
    code of another code system)."""
    return read_dict(_parse(filename, content), existing=existing)


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
        raise DataError(
            "The top level of the scenario file is not a key-value table.",
            "Upload a saved scenario file as it is (a JSON object or a TOML table).",
            problem_ko="시나리오 파일의 최상위가 키-값 표가 아닙니다.",
            fix_ko="저장한 시나리오 파일(JSON 객체 또는 TOML 표)을 그대로 올려 주세요.",
        )
    known = {f.name for f in fields(Scenario)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(
            f"Unknown keys in the scenario file: {', '.join(unknown)}.",
            f"Check the key names. Allowed keys: {', '.join(sorted(known))}.",
            problem_ko=f"시나리오 파일에 알 수 없는 항목이 있습니다: {', '.join(unknown)}.",
            fix_ko=f"항목 이름을 확인해 주세요. 쓸 수 있는 항목: {', '.join(sorted(known))}.",
        )
    version = data.get("version", SCHEMA_VERSION)
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise DataError(
            f"Scenario format version {version!r} cannot be read.",
            f"Save it again in the version {SCHEMA_VERSION} format.",
            problem_ko=f"시나리오 형식 버전 {version!r}{josa(str(version), '을')} 읽을 수 "
            "없습니다.",
            fix_ko=f"버전 {SCHEMA_VERSION} 형식으로 다시 저장해 주세요.",
        )
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
        shown_s, shown_t = ", ".join(map(str, sizes)), ", ".join(map(str, totals))
        notes.append(
            Notice(
                f"This version-1 file gives phase sizes ({shown_s} new centers); they are now "
                f"cumulative network totals ({shown_t}, the {n} centers open at {as_of} "
                "included).",
                f"버전 1 파일의 단계별 신규 개소 수({shown_s})를 누적 센터 수({shown_t}, "
                f"{as_of} 기준 기존 센터 {n}곳 포함)로 바꿨습니다.",
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
            notes.append(
                Notice(
                    f"The 시도 code {code} of the minimums is a 법정동/MOIS code ({sido.name_en}); "
                    f"it is read as the KOSTAT code {sido.kostat}.",
                    f"시도별 최소 개수의 시도 코드 {code}{josa(code, '은')} 법정동(행정안전부) "
                    f"코드({sido.name_ko})라서 통계청 코드 {sido.kostat}{josa(sido.kostat, '으로')} "
                    "읽었습니다.",
                )
            )
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
        raise DataError(
            "The scenario file is not UTF-8 text.",
            "Save the file again as UTF-8.",
            problem_ko="시나리오 파일의 글자 코드가 UTF-8이 아닙니다.",
            fix_ko="파일을 UTF-8로 다시 저장한 뒤 올려 주세요.",
        ) from None


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
        raise DataError(
            f"The value {value!r} of scenario key '{key}' cannot be read.",
            f"Give '{key}' a value of the right type (e.g. {_EXAMPLES.get(key, '')}).",
            problem_ko=f"시나리오 항목 ‘{key}’의 값 {value!r}을(를) 읽을 수 없습니다.",
            fix_ko=f"‘{key}’에 맞는 형식의 값을 넣어 주세요(예: {_EXAMPLES.get(key, '')}).",
        ) from None
    return value


_EXAMPLES = {
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
    def bad(problem: str, fix: str, problem_ko: str, fix_ko: str) -> None:
        raise DataError(problem, fix, problem_ko=problem_ko, fix_ko=fix_ko)

    if not s.name.strip():
        bad(
            "The scenario name is empty.",
            "Write a name of at least one character.",
            "시나리오 이름이 비어 있습니다.",
            "이름을 한 글자 이상 적어 주세요.",
        )
    if not _AS_OF.match(s.as_of):
        bad(
            f"The reference month '{s.as_of}' is not in the right format.",
            "Write it as YYYY-MM (e.g. 2016-01).",
            f"기준 시점 ‘{s.as_of}’의 형식이 틀렸습니다.",
            "YYYY-MM 형식으로 적어 주세요(예: 2016-01).",
        )
    if not 1 <= s.total <= 5000:
        bad(
            f"The target number of centers {s.total} cannot be used.",
            "Give a whole number from 1 to 5000.",
            f"목표 센터 수 {s.total}은(는) 쓸 수 없습니다.",
            "1 이상 5000 이하의 정수를 넣어 주세요.",
        )
    if s.engine not in ENGINES:
        bad(
            f"Unknown travel-time engine '{s.engine}'.",
            f"Choose one of {', '.join(ENGINES)}.",
            f"이동시간 방식 ‘{s.engine}’을(를) 알 수 없습니다.",
            f"{', '.join(ENGINES)} 중 하나를 골라 주세요.",
        )
    if not (math.isfinite(s.threshold) and 0 < s.threshold <= MAX_THRESHOLD_MIN):
        bad(
            f"The travel-time threshold of {s.threshold} minutes cannot be used.",
            f"Give a value above 0 and at most {MAX_THRESHOLD_MIN:g} minutes.",
            f"이동시간 기준 {s.threshold}분은 쓸 수 없습니다.",
            f"0보다 크고 {MAX_THRESHOLD_MIN:g}분 이하인 값을 넣어 주세요.",
        )
    if s.vintage not in VINTAGES:
        bad(
            f"Unknown demand vintage '{s.vintage}'.",
            f"Choose one of {', '.join(VINTAGES)}.",
            f"수요 자료 시점 ‘{s.vintage}’을(를) 알 수 없습니다.",
            f"{', '.join(VINTAGES)} 중 하나를 골라 주세요.",
        )
    if s.model not in MODELS:
        bad(
            f"Unknown objective '{s.model}'.",
            f"Choose one of {', '.join(MODELS)}.",
            f"목표 ‘{s.model}’을(를) 알 수 없습니다.",
            f"{', '.join(MODELS)} 중 하나를 골라 주세요.",
        )
    keys = [k for k, _ in s.weights]
    if len(set(keys)) != len(keys):
        bad(
            "An indicator has two weights.",
            "Give each indicator one weight.",
            "가중치에 같은 지표가 두 번 있습니다.",
            "지표마다 가중치를 하나만 적어 주세요.",
        )
    for k, w in s.weights:
        if not math.isfinite(w) or w < 0:
            bad(
                f"The weight {w} of indicator '{k}' cannot be used.",
                "Give a finite number of 0 or more.",
                f"지표 ‘{k}’의 가중치 {w}은(는) 쓸 수 없습니다.",
                "0 이상의 유한한 수를 넣어 주세요.",
            )
    if s.weights and sum(w for _, w in s.weights) <= 0:
        bad(
            "All weights are zero.",
            "Give at least one indicator a weight above zero.",
            "가중치가 모두 0입니다.",
            "하나 이상의 지표에 0보다 큰 가중치를 주세요.",
        )
    for code, n in s.sido_min:
        if not re.fullmatch(r"\d{2}", code):
            bad(
                f"The 시도 code '{code}' is not in the right format.",
                "Use a 2-digit 시도 code (e.g. 11 for Seoul).",
                f"시도 코드 ‘{code}’의 형식이 틀렸습니다.",
                "두 자리 시도 코드를 써 주세요(예: 11 서울).",
            )
        if code not in _KOSTAT_SIDO:
            bad(
                f"There is no 시도 with the code '{code}'.",
                "Use a 2-digit KOSTAT 시도 code (11 Seoul ... 37 Gyeongbuk, 39 Jeju) or a "
                "법정동 code (47 for Gyeongbuk).",
                f"시도 코드 ‘{code}’에 해당하는 시도가 없습니다.",
                "통계청 두 자리 시도 코드(11 서울 … 37 경북, 39 제주) 또는 법정동 코드(경북 47)를 "
                "써 주세요.",
            )
        if n < 0:
            bad(
                f"The minimum {n} for 시도 {code} is negative.",
                "Give a whole number of 0 or more.",
                f"시도 {code}의 최소 개수 {n}이(가) 음수입니다.",
                "0 이상의 정수를 넣어 주세요.",
            )
    if sum(n for _, n in s.sido_min) > s.total:
        bad(
            f"The 시도 minimums add up to {sum(n for _, n in s.sido_min)}, "
            f"above the target number of centers ({s.total}).",
            "Lower the minimums or raise the target.",
            f"시도별 최소 개수의 합({sum(n for _, n in s.sido_min)})이 "
            f"목표 센터 수({s.total})보다 큽니다.",
            "최소 개수를 줄이거나 목표 센터 수를 늘려 주세요.",
        )
    both = sorted(set(s.locked) & set(s.excluded))
    if both:
        bad(
            f"The same sites are both included and excluded: {', '.join(both)}.",
            "Remove them from one of the two lists.",
            f"같은 후보지가 포함과 제외에 모두 있습니다: {', '.join(both)}.",
            "둘 중 한 곳에서 빼 주세요.",
        )
    if any(p <= 0 for p in s.phases):
        _bad_phase_size()
    if any(b <= a for a, b in itertools.pairwise(s.phases)):
        shown = ", ".join(map(str, s.phases))
        bad(
            f"The phase totals {shown} do not rise: each phase gives the number of centers of "
            "the whole network after it.",
            "List rising totals, e.g. 60, 80, 100.",
            f"단계별 누적 센터 수 {shown}{josa(shown, '이')} 커지는 순서가 아닙니다. 각 단계에는 "
            "그 단계가 끝난 뒤 전체 센터 수를 적습니다.",
            "커지는 순서로 적어 주세요(예: 60, 80, 100).",
        )
    if s.phases and s.phases[-1] > s.total:
        bad(
            f"The last phase total ({s.phases[-1]}) is above the target number of centers "
            f"({s.total}).",
            "Lower the phase totals or raise the target: the last phase is at most the target.",
            f"마지막 단계의 누적 센터 수({s.phases[-1]})가 목표 센터 수({s.total})보다 큽니다.",
            "단계별 누적 센터 수를 줄이거나 목표 센터 수를 늘려 주세요. 마지막 단계는 목표 센터 수 "
            "이하여야 합니다.",
        )
    if s.version != SCHEMA_VERSION:
        bad(
            f"A scenario of format version {s.version} cannot be built directly.",
            "Read old files with load_scenario or Scenario.from_dict, which convert them.",
            f"형식 버전 {s.version}의 시나리오는 바로 만들 수 없습니다.",
            "예전 파일은 load_scenario 또는 Scenario.from_dict로 읽어 변환해 주세요.",
        )


def _bad_phase_size() -> None:
    raise DataError(
        "A phase value is 0 or less.",
        "Give each phase a whole number of 1 or more.",
        problem_ko="단계 값에 0 이하의 값이 있습니다.",
        fix_ko="각 단계에 1 이상의 정수를 넣어 주세요.",
    )


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
            raise DataError(
                f"A value TOML cannot hold: {value}.",
                "Use finite numbers.",
                problem_ko=f"TOML로 쓸 수 없는 값입니다: {value}.",
                fix_ko="유한한 수를 써 주세요.",
            )
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

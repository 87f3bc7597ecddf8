"""The app's export buttons: a result reused from the cache for a loaded scenario carries the
loaded scenario's name (sheets, summary, file names), and the PDF report is offered and builds."""

from __future__ import annotations

import io

import openpyxl

from planning.ui import state


def _record_downloads(monkeypatch) -> dict[str, dict]:
    """Record every download button's key, file name and data (a callable when deferred)."""
    from streamlit.elements.widgets.button import ButtonMixin

    seen: dict[str, dict] = {}
    original = ButtonMixin.download_button

    def spy(self, label, data, *args, **kwargs):
        seen[kwargs.get("key", label)] = {"filename": kwargs.get("file_name"), "data": data}
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", spy)
    return seen


def test_exports_carry_the_loaded_scenario_name(app, monkeypatch) -> None:
    files = _record_downloads(monkeypatch)
    current = app.session_state[state.SCENARIO]
    loaded = current.replace(name="부산 우선안: 2차", note="12월 회의")  # same settings
    app.file_uploader(key="w_file_scenario").upload(
        "부산.json", loaded.to_json().encode("utf-8"), "application/json"
    )
    app.run()
    assert not app.exception
    result = app.session_state[state.RESULT]
    assert result.scenario.name == current.name  # the cached result was reused
    assert {"dl_csv", "dl_xlsx", "dl_pdf", "dl_html"} <= set(files)
    for key in ("dl_csv", "dl_xlsx", "dl_pdf", "dl_html"):
        assert "부산_우선안_2차" in files[key]["filename"], files[key]["filename"]
    assert files["dl_pdf"]["filename"].endswith(".pdf")
    wb = openpyxl.load_workbook(io.BytesIO(files["dl_xlsx"]["data"]()))
    settings = dict(wb["시나리오"].iter_rows(min_row=2, values_only=True))
    assert settings["시나리오"] == "부산 우선안: 2차" and settings["메모"] == "12월 회의"
    assert "부산 우선안: 2차" in files["dl_html"]["data"]().decode("utf-8")
    pdf = files["dl_pdf"]["data"]()
    assert pdf.startswith(b"%PDF-"), pdf[:200]


def test_english_page_exports_english_files(app, monkeypatch) -> None:
    """The English page offered Korean files (입지목록_…, 순위, 선정 이유) under English labels."""
    files = _record_downloads(monkeypatch)
    app.get("button_group")[0].set_value("en")
    app.run()
    assert not app.exception
    assert files["dl_csv"]["filename"].startswith("sites_"), files["dl_csv"]["filename"]
    wb = openpyxl.load_workbook(io.BytesIO(files["dl_xlsx"]["data"]()))
    assert "Key figures" in wb.sheetnames, wb.sheetnames
    header = [c.value for c in next(wb.worksheets[0].iter_rows(max_row=1))]
    assert "Rank" in header, header
    labels = [b.label for b in app.get("download_button")]
    assert "Meeting report (PDF, 1 page)" in labels
    # the result was solved on the Korean page: its reasons and formula still read in English
    # (they were Korean in the English files, the site table and the map's popups)
    reasons = [
        r[header.index("Why this site")].value for r in wb.worksheets[0].iter_rows(min_row=2)
    ]
    assert reasons and all(r.startswith("Rank ") and "newly covers" in r for r in reasons), reasons[
        0
    ]
    settings = dict(wb["Scenario"].iter_rows(min_row=2, values_only=True))
    assert "비중" not in next(v for k, v in settings.items() if "index" in str(k).lower())
    html = files["dl_html"]["data"]().decode("utf-8")
    assert "새로 포괄" not in html and "순위:" not in html
    table = next(d.value for d in app.dataframe if "Why this site" in d.value.columns)
    assert table["Why this site"].str.startswith("Rank ").all()
    # and back on the Korean page, Korean reasons
    app.get("button_group")[0].set_value("ko")
    app.run()
    table = next(d.value for d in app.dataframe if "선정 이유" in d.value.columns)
    assert table["선정 이유"].str.contains("순위: 새로 포괄").all()

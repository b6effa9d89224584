"""Independent review: bad input from a user's side, through ``renshe calc NAME --input -``.

Every calculator must answer malformed, missing or absurd input with exit code 2 and a
bilingual message on stderr that names the field — never a traceback. The cases that
failed before the review are marked "was:".
"""

from __future__ import annotations

import io
import json

import pytest

from renshe import cli
from renshe.rules.calculators import registry

NAMES = sorted(registry())


def calc(monkeypatch, capsys, name: str, text: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = cli.main(["calc", name, "--input", "-"])
    out, err = capsys.readouterr()
    return code, out, err


def bilingual(err: str) -> bool:
    return " / " in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("text", ["{}", "", "[1, 2]", "not json", '{"unknown_field": 1}'])
def test_malformed_or_empty_input(monkeypatch, capsys, name, text):
    code, out, err = calc(monkeypatch, capsys, name, text)
    assert code == 2 and out == ""
    assert bilingual(err) and "Traceback" not in err


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", [-1, "abc", None, [], 1e308, float("nan")])
def test_every_field_refuses_bad_values_by_name(monkeypatch, capsys, name, bad):
    """Each field of the calculator's own example, replaced by a bad value: a clean answer
    or exit 2 naming that field. Was: 1e308 in a wage or hours field raised
    decimal.InvalidOperation (a traceback) in money(), or printed Infinity (not JSON)."""
    calculator = registry()[name]
    for field in calculator.input_model.model_json_schema()["properties"]:
        payload = {**calculator.example, field: bad}
        code, out, err = calc(monkeypatch, capsys, name, json.dumps(payload))
        assert code in (0, 2), (field, err)
        if code == 2:
            assert bilingual(err) and "Traceback" not in err, (field, err)
        else:
            json.loads(out)  # valid JSON: no NaN or Infinity


@pytest.mark.parametrize(
    ("name", "payload", "field"),
    [
        # was: decimal.InvalidOperation traceback (money() on 1e308 × 21.75 …)
        ("overtime-pay", {"monthly_wage": 1e308, "weekday_hours": 1}, "monthly_wage"),
        # was: Infinity in the output
        ("overtime-pay", {"monthly_wage": 6525, "holiday_hours": 1e308}, "holiday_hours"),
        ("double-wages", {"hire": "2024-01-01", "end": "2024-06-30", "monthly_wage": 1e30}, "monthly_wage"),
        ("annual-leave", {"year": 2025, "cumulative_service_years": 5, "monthly_wage": 1e30}, "monthly_wage"),
        (
            "work-injury",
            {"level": 7, "monthly_wage": 6000, "region": "fujian", "local_avg_monthly_wage": 1e30},
            "local_avg_monthly_wage",
        ),
        # was: accepted, within_limit true for an application made before the right was known of
        ("limitation", {"known_on": "2025-06-01", "filed_on": "2025-01-01"}, "filed_on"),
        # was: "retirement.reform_start: … no published value" — a parameter name, not the user's field
        ("retirement-age", {"birth": "1967-05", "category": "male_60", "as_of": "2024-06-01"}, "as_of"),
        # was: a 2027 death silently used the 2025 national income; art. 39(3) needs the previous
        # year's figure, which the library does not have yet
        (
            "work-injury",
            {"event": "death", "monthly_wage": 6000, "region": "fujian", "as_of": "2027-03-01"},
            "national_disposable_income",
        ),
        # far-future and far-past dates
        ("deadline", {"start": "2200-01-01", "days": 10}, "start"),
        ("limitation", {"known_on": "2200-01-01"}, "known_on"),
        ("retirement-age", {"birth": "2200-01", "category": "male_60"}, "birth"),
        (
            "overtime-pay",
            {"monthly_wage": 6525, "dates_worked": [{"date": "2200-01-01", "hours": 2}]},
            "dates_worked",
        ),
        # reversed dates
        (
            "economic-compensation",
            {"start": "2025-08-31", "end": "2019-03-01", "avg_monthly_wage": 9000, "termination": "art41"},
            "end",
        ),
        ("double-wages", {"hire": "2025-06-30", "end": "2024-03-05", "monthly_wage": 6000}, "end"),
        (
            "annual-leave",
            {
                "year": 2025,
                "cumulative_service_years": 12,
                "monthly_wage": 8700,
                "joined": "2025-09-01",
                "left": "2025-03-01",
            },
            "left",
        ),
        # strings where numbers go, numbers where strings go
        ("basic-pension", {**registry()["basic-pension"].example, "avg_index": "一点零"}, "avg_index"),
        ("retirement-age", {"birth": 1967, "category": "male_60"}, "birth"),
    ],
)
def test_named_field(monkeypatch, capsys, name, payload, field):
    code, out, err = calc(monkeypatch, capsys, name, json.dumps(payload))
    assert code == 2 and out == ""
    assert err.startswith(field) and bilingual(err) and "Traceback" not in err, err


def test_death_in_2027_with_the_figure_given(monkeypatch, capsys):
    # Art. 39(3): 20 × 58000 (a figure the user supplies for 2026) = 1,160,000; 6 × 7000 = 42000.
    payload = {
        "event": "death",
        "monthly_wage": 6000,
        "region": "fujian",
        "as_of": "2027-03-01",
        "national_disposable_income": 58000,
        "local_avg_monthly_wage": 7000,
    }
    code, out, _ = calc(monkeypatch, capsys, "work-injury", json.dumps(payload))
    assert code == 0
    result = json.loads(out)
    assert result["death_subsidy"] == 1160000 and result["funeral_subsidy"] == 42000


def test_input_file_not_utf8(tmp_path, capsys):
    # was: UnicodeDecodeError traceback
    path = tmp_path / "gbk.json"
    path.write_bytes('{"start": "2025-01-01", "days": 10, "备注": "中"}'.encode("gbk"))
    code = cli.main(["calc", "deadline", "--input", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("--input") and "UTF-8" in err and bilingual(err)


def test_input_file_with_byte_order_mark(tmp_path, capsys):
    # was: "not valid JSON" for a file a Windows editor saved with a BOM.
    # 10 days from 2025-01-01: 01-02 … 01-11 → Sat 01-11 → Mon 2025-01-13 (民法典 arts. 201, 203).
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"start": "2025-01-01", "days": 10}')
    code = cli.main(["calc", "deadline", "--input", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["due"] == "2025-01-13"


def test_unknown_calculator_named_before_reading_input(monkeypatch, capsys):
    # was: an empty stdin answered "--input: not valid JSON" instead of naming the unknown calculator
    code, out, err = calc(monkeypatch, capsys, "no-such-calculator", "")
    assert code == 2 and out == "" and err.startswith("name") and bilingual(err)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "body", "field"),
    [
        ("overtime-pay", '{"monthly_wage": 1e308, "weekday_hours": 1}', "monthly_wage"),
        ("overtime-pay", '{"monthly_wage": NaN}', "monthly_wage"),
        ("limitation", '{"known_on": "2025-06-01", "filed_on": "2025-01-01"}', "filed_on"),
        ("retirement-age", '{"birth": "1967-05", "category": "male_60", "as_of": "2024-06-01"}', "as_of"),
    ],
)
def test_api_answers_422_naming_the_field(client, name, body, field):
    r = client.post(f"/api/v1/calc/{name}", body, content_type="application/json")
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == field

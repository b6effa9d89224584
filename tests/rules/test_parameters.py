"""Every parameter file validates, and look-ups fall back by region and refuse uncovered dates."""

import datetime as dt

import pytest

from renshe.rules import parameters
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.parameters import Parameter, ParameterFile

FILES = sorted(parameters.PARAMS_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(parameters.PARAMS_DIR)) for p in FILES])
def test_every_parameter_file_validates(path):
    p = parameters.load_file(path)
    assert p.spec.reference.document, "every parameter names its legal document"
    for region, entries in p.spec.values.items():
        for e in entries:
            ref = e.reference or p.spec.reference
            assert ref.document
            if e.verified:
                assert e.source, f"{p.name}/{region}/{e.from_}: a verified value says where it was read"
            else:
                assert e.note and len(e.note) > 10, f"{p.name}: an unverified value says what was searched"


def _param(values: dict) -> Parameter:
    spec = ParameterFile.model_validate(
        {
            "description": "测试参数",
            "unit": "yuan/month",
            "reference": {"document": "测试文件", "article": "第一条"},
            "values": values,
        }
    )
    return Parameter(name="test.p", spec=spec, path=parameters.PARAMS_DIR / "test.yaml")


def _v(start, value, **kw):
    return {"from": start, "value": value, "verified": True, "source": "test", **kw}


def test_region_falls_back_to_parent_then_national():
    p = _param(
        {
            "national": [_v("2020-01-01", 100)],
            "fujian": [_v("2024-01-01", 200)],
            "fujian.xiamen": [_v("2024-07-01", 300)],
        }
    )
    assert p.at(dt.date(2024, 8, 1), "fujian.xiamen").value == 300
    assert p.at(dt.date(2024, 3, 1), "fujian.xiamen").value == 200  # Xiamen's own value not yet in force
    assert p.at(dt.date(2021, 3, 1), "fujian.fuzhou").value == 100
    assert p.at(dt.date(2024, 8, 1), "fujian.fuzhou").region == "fujian"


def test_value_ends_where_the_next_begins_or_at_to():
    p = _param({"fujian": [_v("2024-01-01", 1, to="2024-06-30"), _v("2025-01-01", 2)]})
    first = p.at(dt.date(2024, 6, 30), "fujian")
    assert first.value == 1 and first.effective_to == dt.date(2024, 6, 30)
    with pytest.raises(ParameterNotFound) as err:
        p.at(dt.date(2024, 7, 1), "fujian")  # the gap between the two values
    assert "2024-07-01" in str(err.value) and "test.p" in str(err.value)
    assert p.at(dt.date(2030, 1, 1), "fujian").value == 2


def test_date_before_any_value_is_a_clear_bilingual_error():
    p = _param({"national": [_v("2020-01-01", 100)]})
    with pytest.raises(ParameterNotFound) as err:
        p.at(dt.date(2019, 12, 31))
    problem = err.value.problems[0]
    assert problem.field == "test.p"
    assert "没有已公布的取值" in problem.zh and "no published value" in problem.en


def test_unknown_region_and_name_are_errors():
    p = _param({"national": [_v("2020-01-01", 100)]})
    with pytest.raises(RulesError, match="unknown region"):
        p.at(dt.date(2021, 1, 1), "guangdong")
    with pytest.raises(ParameterNotFound):
        parameters.value_at("no.such.parameter", dt.date(2021, 1, 1))


def test_unverified_value_must_say_what_was_searched():
    with pytest.raises(ValueError, match="note"):
        _param({"national": [{"from": "2020-01-01", "value": 1, "verified": False}]})


def test_out_of_order_values_are_refused():
    with pytest.raises(ValueError, match="increasing"):
        _param({"national": [_v("2021-01-01", 1), _v("2020-01-01", 2)]})


def test_real_parameter_lookup():
    pv = parameters.value_at("labour.monthly_pay_days", dt.date(2025, 1, 1), "fujian.xiamen")
    assert pv.value == 21.75 and pv.region == "national" and pv.verified

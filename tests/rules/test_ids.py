"""ID-number (GB 11643) and credit-code (GB 32100) checks as forms and the API use them."""

import pytest

from renshe.rules import ids
from renshe.rules.errors import RulesError


def test_gb_11643_worked_example():
    # GB 11643-1999 appendix example 11010519491231002X, checked by hand:
    # digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 × weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    # = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → check character "X".
    assert ids.check_id_number(" 11010519491231002x ", "applicant.id_number") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "zh"),
    [
        ("110105194912310021", "校验码不正确"),
        ("1101051949123100", "应为18位"),
        ("110105194913310029", "不是有效的出生日期"),
    ],
)
def test_bad_id_numbers_name_the_field(value, zh):
    with pytest.raises(RulesError) as err:
        ids.check_id_number(value, "applicant.id_number")
    problem = err.value.problems[0]
    assert problem.field == "applicant.id_number" and zh in problem.zh and problem.en


def test_gb_32100_credit_code():
    # 91440300192203821 → weighted sum of the 17 characters mod 31 gives check "6" (published code of a
    # Shenzhen company, also used by the arrears tests); one character changed must be refused.
    assert ids.check_credit_code("914403001922038216") == "914403001922038216"
    with pytest.raises(RulesError) as err:
        ids.check_credit_code("914403001922038217", "respondent.credit_code")
    assert err.value.problems[0].field == "respondent.credit_code"
    with pytest.raises(RulesError) as err:
        ids.check_credit_code("91440300192203821I", "respondent.credit_code")
    assert "18位" in err.value.problems[0].zh

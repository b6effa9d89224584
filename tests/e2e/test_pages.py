"""The public pages in a real browser: home → calculators → a result; staff login; API docs; phone layout."""

from __future__ import annotations

import re

import pytest

from renshe.rules import calculators

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def _calculator() -> str:
    names = list(calculators.registry())
    if not names:
        pytest.skip("no calculator is installed on this branch")
    return "economic-compensation" if "economic-compensation" in names else names[0]


def _fill_example(page, name: str) -> None:
    """Type the calculator's example into its form, as a visitor would (the form only shows it
    as placeholders)."""
    for key, value in calculators.registry()[name].example.items():
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, v in items:
            field = page.locator(f'[name="{key}.{sub}"]' if sub else f'[name="{key}"]')
            if v is None or field.count() == 0:
                continue
            tag = field.evaluate("e => e.tagName + (e.type || '')")
            if tag.startswith("SELECT"):
                field.select_option(str(v))
            elif tag == "INPUTcheckbox":
                field.set_checked(bool(v))
            elif isinstance(v, list):
                field.fill("\n".join(" ".join(str(x) for x in row.values()) for row in v))
            else:
                field.fill(str(v))


def test_home_to_calculator_result(page, live_server, page_log, db):
    name = _calculator()
    calc = calculators.registry()[name]
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="法定计算器").first.click()
    page.wait_for_url(re.compile(r"/calc/$"))
    page.locator(f'a[href="/calc/{name}/"]').first.click()
    page.wait_for_url(re.compile(rf"/calc/{name}/$"))
    assert page.locator("h1").inner_text() == calc.title
    if name == "economic-compensation":
        # 劳动合同法 art. 47: one month's wage per full year, half a month for under six months.
        # 2020-01-01 to 2023-03-31 (last working day) is 3 years 3 months: 3 full years, and
        # the 3 months left are under six, so half a month → N = 3 + 0.5 = 3.5; 3.5 × 8000 = 28000.00 yuan.
        # The example figures are placeholders only (issue 18), so the city's figures are typed:
        # local average wage 9000, cap 3 × 9000 = 27000 ≥ 8000, no cap.
        assert page.locator('[name="local_avg_monthly_wage"]').input_value() == ""
        page.select_option('[name="region"]', "fujian.xiamen")
        page.fill('[name="local_avg_monthly_wage"]', "9000")
        page.fill('[name="local_minimum_wage"]', "2030")
        page.fill('[name="start"]', "2020-01-01")
        page.fill('[name="end"]', "2023-03-31")
        page.fill('[name="avg_monthly_wage"]', "8000")
        page.select_option('[name="termination"]', "negotiated")
        page.get_by_role("button", name="计算").click()
        assert page.locator('#result td[data-field="amount"]').inner_text() == "28,000.00元"
    else:
        # The example, typed in, must give a result.
        _fill_example(page, name)
        page.get_by_role("button", name="计算").click()
        assert page.locator("#result table.kv tr").count() >= 1
    assert page.locator("#result ol.trace li").count() >= 1
    assert not page_log.outside and not page_log.errors


def test_calculator_form_names_the_bad_field(page, live_server, db):
    name = _calculator()
    page.goto(f"{live_server.url}/calc/{name}/")
    first_required = page.locator(".field:has(.req) input[inputmode]").first  # a required number
    if first_required.count() == 0:
        pytest.skip(f"{name} has no required number field")
    first_required.fill("不是数字")
    page.get_by_role("button", name="计算").click()
    assert page.locator(".error-box").is_visible()
    assert page.locator(".field.invalid").count() >= 1
    assert page.locator(".field.invalid .err").first.inner_text()  # says what is wrong, in Chinese


def test_staff_login_with_a_demo_account(page, live_server, demo, page_log):
    page.goto(live_server.url + "/")
    assert page.evaluate("typeof window.htmx") == "object"  # the vendored copy ran under the CSP
    page.get_by_role("link", name="工作人员登录").click()
    page.fill("#id_username", "inspector.xm")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/")
    assert "郑监察（厦门市）" in page.locator("header .who").inner_text()
    page.get_by_role("button", name="退出").click()
    assert page.get_by_role("link", name="工作人员登录").is_visible()
    assert not page_log.outside and not page_log.errors


def test_wrong_password_is_refused(page, live_server, demo):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "inspector.xm")
    page.fill("#id_password", "wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不正确" in page.locator(".error-box").inner_text()


def test_anonymous_visitor_is_sent_from_admin_to_login(page, live_server, demo):
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/accounts/login/?next=/admin/"
    page.fill("#id_username", "admin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert "人社数字法治平台 管理后台" in page.content()


def test_api_docs_render_offline_under_the_csp(page, live_server, page_log, db):
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Renshe" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock").first.wait_for()
    assert not violations
    assert not page_log.outside, page_log.outside


def test_api_docs_fit_a_phone(page, live_server, db, tmp_path):
    """Issue 18: /api/v1/docs had no viewport and rendered a desktop page shrunk onto the phone."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    page.screenshot(path=str(tmp_path / "api-docs-390.png"), full_page=False)
    # a phone lays the page out at its own width only with a viewport (else as a 980 px page, shrunk)
    assert page.evaluate("document.querySelector('meta[name=viewport]').content") == "width=device-width, initial-scale=1"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("link", name="人社数字法治平台").is_visible()


def test_calculator_page_fits_a_phone(page, live_server, db, tmp_path):
    name = _calculator()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/calc/{name}/")
    _fill_example(page, name)
    page.get_by_role("button", name="计算").click()
    page.locator("#result").wait_for()
    # the result, far below the form on a phone, is brought into view (issue 18)
    page.wait_for_load_state("load")  # the browser scrolls to #result once the page has loaded
    top = page.evaluate("document.querySelector('#result').getBoundingClientRect().top")
    assert 0 <= top < 844, top
    page.screenshot(path=str(tmp_path / f"{name}-390x844.png"), full_page=True)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    button = page.get_by_role("button", name="计算").bounding_box()
    assert button["width"] > 300  # the main action spans the screen
    font = page.evaluate("getComputedStyle(document.querySelector('.field input, .field select')).fontSize")
    assert float(font.removesuffix("px")) >= 16  # no zoom-in on focus in mobile Safari

"""社保规划师 in a real browser on a phone-sized viewport: step through the form, see the
recommendation and the three charts drawn, tap a figure to see its arithmetic."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _next(page, step: int) -> None:
    """“下一步” on the form's step ``step``."""
    page.locator(f"fieldset[data-step='{step}'] .step-btn.next").click()


def _submit(page) -> None:
    """“开始规划”, then wait for the plan."""
    page.click("#plan-submit")
    page.wait_for_selector("[data-testid='recommended']")


def test_planner_on_a_phone(page, live_server, page_log, db, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/planner/")
    # Step 1 is shown, the later steps hidden until “下一步”.
    assert page.locator("fieldset[data-step='1']").is_visible()
    assert not page.locator("fieldset[data-step='2']").is_visible()
    page.fill("#f-birth", "1986-04")
    page.select_option("#f-category", "female_55")
    page.select_option("#f-employment", "flexible")
    page.select_option("#f-region", "fujian.xiamen")
    _next(page, 1)
    page.fill("#f-monthly_income", "7000")
    page.fill("#f-monthly_debt_payments", "2500")
    page.fill("#f-children", "1")
    _next(page, 2)
    page.fill("#f-paid_months", "96")
    _submit(page)
    assert page.locator("[data-testid='recommended']").inner_text().strip()
    page.wait_for_selector("body[data-charts='ready']")
    for chart in ("#chart-options", "#chart-cashflow", "#chart-sensitivity"):
        assert page.locator(f"{chart} canvas").count() >= 1, chart
    # A figure opens to its arithmetic.
    fig = page.locator("details.fig").first
    fig.locator("summary").click()
    assert "×" in fig.locator(".formula").first.inner_text()
    # Rates read as percentages, not fractions (内部收益率 0.0801 → 8.0%).
    irr = page.locator("details.fig", has_text="内部收益率").locator("strong").inner_text()
    assert irr.endswith("%") or irr == "—", irr
    # The options: the recommendation first, ten at a time, sortable, unaffordable ones hideable.
    options = page.locator("details.opt")
    total = options.count()
    assert total > 10
    assert page.locator("details.opt:visible").count() == 10
    assert page.locator("details.opt:visible").first.get_attribute("class").endswith("chosen")
    page.click("#opt-more")
    assert page.locator("details.opt:visible").count() == total
    page.select_option("#opt-sort", "cost")
    costs = [float(c) for c in page.locator("details.opt:visible").evaluate_all("els => els.map(e => e.dataset.cost)")]
    assert costs == sorted(costs) and len(costs) == total
    page.check("#opt-affordable")
    affordable = page.locator("details.opt[data-affordable]").count()
    assert 0 < affordable < total  # this household cannot afford the highest bases
    assert page.locator("details.opt:visible").count() == affordable
    assert page.locator("details.opt.unaffordable:visible").count() == 0
    page.uncheck("#opt-affordable")
    # what cannot be afforded is said in words, not only in a paler colour
    assert page.locator("details.opt.unaffordable .tag", has_text="负担不起").count() == total - affordable
    # An option's citation opens the folded “计算依据” list at its step.
    first = page.locator("details.opt:visible").first
    first.locator("summary").click()
    link = first.locator(".cite a").first
    target = link.get_attribute("href")
    assert not page.locator("#trace").evaluate("d => d.open")
    link.click()
    assert page.locator("#trace").evaluate("d => d.open")
    assert page.locator(target).is_visible()
    page.screenshot(path=str(tmp_path / "planner-390x844.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page_log.outside, page_log.outside
    assert not page_log.errors, page_log.errors


def test_the_form_is_remembered_on_the_phone_only_when_asked(page, live_server, page_log, db):
    """Nothing is kept unless the visitor ticks “在本机记住”; then the browser, not the server,
    keeps it, and “清除” forgets it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/planner/")
    page.evaluate("window.localStorage.clear()")
    page.reload()
    assert not page.locator("#remember-me").is_checked()
    assert page.locator("#remember-note").count() == 0
    page.fill("#f-birth", "1979-11")
    page.select_option("#f-employment", "unemployed")
    _next(page, 1)
    page.fill("#f-monthly_income", "4300")
    # Not ticked: planning keeps nothing.
    _submit(page)
    assert page.evaluate("Object.keys(window.localStorage)") == []
    # Ticked: this browser keeps the fields (the CSRF token is not one of them) …
    page.check("#remember-me")
    _submit(page)
    saved = page.evaluate("JSON.parse(window.localStorage.getItem('renshe.planner.form.v1'))")
    assert saved["birth"] == "1979-11" and saved["employment"] == "unemployed" and saved["monthly_income"] == "4300"
    assert "csrfmiddlewaretoken" not in saved
    # … and a fresh page is filled from it.
    page.goto(live_server.url + "/planner/")
    assert page.locator("#remember-note").is_visible()
    assert page.input_value("#f-birth") == "1979-11"
    assert page.input_value("#f-monthly_income") == "4300"
    assert page.locator("#remember-me").is_checked()
    # “清除” forgets it: the form is empty again, the example only as placeholders (issue 18).
    with page.expect_navigation():
        page.locator("#remember-note button").click()
    assert page.evaluate("window.localStorage.getItem('renshe.planner.form.v1')") is None
    assert page.input_value("#f-birth") == "" and page.input_value("#f-monthly_income") == ""
    assert page.get_attribute("#f-monthly_income", "placeholder") == "如 8000"
    assert not page_log.errors, page_log.errors

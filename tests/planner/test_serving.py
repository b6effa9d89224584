"""Planning many households together gives each exactly what planning it alone gives.

The API's planner (renshe.planner.core.serving) plans concurrent requests in one vectorised pass
in a planning process beside the web worker; these tests hold it to the single-household
answer, field for field, through a real planning process, and check that the process ends
with its worker and is replaced if it dies.
"""

from __future__ import annotations

import datetime as dt
import threading

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from renshe.planner.core.explain import plan_data, plan_data_many
from renshe.planner.core.models import Profile
from renshe.planner.core.serving import Planner, plan_batch
from tests.planner.test_properties import SETTINGS, profiles

OTHER_DAY = dt.date(2025, 3, 1)


@st.composite
def households(draw) -> list[Profile]:
    """A mixed batch: employees and others, two regions, two dates, own assumptions each."""
    out = []
    for p in draw(st.lists(profiles(), min_size=1, max_size=6)):
        region = draw(st.sampled_from(["fujian", "fujian.xiamen"]))
        on = draw(st.sampled_from([p.as_of, OTHER_DAY]))
        out.append(p.model_copy(update={"region": region, "as_of": on}))
    return out


@SETTINGS
@given(households())
def test_batch_equals_one_at_a_time(batch):
    together = plan_data_many(batch)
    assert len(together) == len(batch)
    for p, got in zip(batch, together, strict=True):
        assert got == plan_data(p)


PEOPLE = [
    Profile(category="male_60", monthly_debt_payments=500, paid_months=60, as_of="2026-06-15",
            birth=f"{1970 + k}-0{1 + k % 9}", employment=e, monthly_income=3000 + 700 * k)
    for k, e in enumerate(["employee", "flexible", "unemployed", "rural_resident"] * 3)
]
GOOD = Profile(birth="1980-05", category="female_55", employment="flexible", monthly_income=6000, as_of="2026-06-15")
# Built without validation: an unknown category the optimiser cannot place.
BAD = Profile.model_construct(**{**GOOD.model_dump(), "category": "astronaut"})


@pytest.fixture
def planner():
    p = Planner()
    yield p
    p.stop()


def _ask_together(planner: Planner, people: list[Profile]) -> dict[int, bytes | BaseException]:
    """Every profile asked at the same moment from its own thread, as concurrent requests are."""
    results: dict[int, bytes | BaseException] = {}
    start = threading.Barrier(len(people))

    def ask(k: int) -> None:
        start.wait()
        try:
            results[k] = planner.plan_json(people[k])
        except Exception as exc:  # noqa: BLE001 - recorded for the test to look at
            results[k] = exc

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(len(people))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_planner_answers_each_request_with_its_own_plan(planner):
    results = _ask_together(planner, PEOPLE)
    assert sorted(results) == list(range(len(PEOPLE)))
    for k, p in enumerate(PEOPLE):
        assert orjson.loads(results[k]) == plan_data(p)


def test_one_failing_household_does_not_fail_the_batch():
    answers = plan_batch([GOOD, BAD, GOOD])
    assert orjson.loads(answers[0][0]) == orjson.loads(answers[2][0]) == plan_data(GOOD)
    assert answers[0][1] is None and answers[2][1] is None
    assert answers[1][0] is None and isinstance(answers[1][1], KeyError)


def test_an_error_crosses_to_its_own_request_only(planner):
    results = _ask_together(planner, [GOOD, BAD, GOOD])
    assert orjson.loads(results[0]) == orjson.loads(results[2]) == plan_data(GOOD)
    assert isinstance(results[1], KeyError)


def test_the_planning_process_ends_with_its_worker(planner):
    planner.plan_json(GOOD)
    process = planner.process
    assert process.poll() is None
    planner.stop()  # what a worker's exit does: its end of the socket closes
    assert process.returncode == 0


def test_a_planning_process_that_died_is_replaced(planner):
    planner.plan_json(GOOD)
    first = planner.process
    first.kill()
    first.wait(10)
    assert orjson.loads(planner.plan_json(PEOPLE[1])) == plan_data(PEOPLE[1])
    assert planner.process.pid != first.pid

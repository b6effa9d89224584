"""Fixtures for the alert tests: Xiamen offices and users, a tiny store (see factories.make_store)."""

from __future__ import annotations

import pytest

from .factories import HULI, SIMING, XIAMEN, make_store, user


@pytest.fixture
def people(demo):
    """Inspectors of 湖里区 and 思明区, a Xiamen city inspector and leader, the provincial leader."""
    return {
        "huli": user("insp.huli", HULI, "labour_inspector"),
        "siming": user("insp.siming", SIMING, "labour_inspector"),
        "xm_inspector": user("insp.xm2", XIAMEN, "labour_inspector"),
        "xm_leader": user("leader.xm", XIAMEN, "leader"),
        "huli_leader": user("leader.huli", HULI, "leader"),
        "province": demo["leader"],
        "mediator": demo["mediator.xm"],
    }


@pytest.fixture
def store(tmp_path):
    return make_store(tmp_path / "store.duckdb")

"""Issue 12 ("Also"): no test writes into the developer's var/ — both settings that name it
point at the test session's own directory."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

REPO_VAR = (Path(__file__).resolve().parents[2] / "var").resolve()


def test_both_var_dir_settings_are_the_test_sessions_own():
    for where in (settings.VAR_DIR, settings.RENSHE["VAR_DIR"], settings.MEDIA_ROOT):
        assert not Path(where).resolve().is_relative_to(REPO_VAR), where
    assert Path(settings.VAR_DIR).resolve() == Path(settings.RENSHE["VAR_DIR"]).resolve()


def test_the_arrears_store_defaults_into_it(monkeypatch):
    from renshe.arrears import api, views

    monkeypatch.delenv("RENSHE_ARREARS_STORE", raising=False)
    for store in (api.store_path(), views.store_path()):
        assert not Path(store).resolve().is_relative_to(REPO_VAR), store

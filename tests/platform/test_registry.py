"""The registries find each app's contributions by module name (docs/registries.md)."""

from __future__ import annotations

import pytest
from django.urls import resolve

from renshe.cli import build_parser
from renshe.platform.api import api
from renshe.platform.registry import _import_optional, app_modules, package_modules


def test_every_app_with_urls_is_routed():
    names = {m.__name__ for m in app_modules("urls")}
    assert {"renshe.knowledge.urls", "renshe.normdocs.urls", "renshe.arrears.urls",
            "renshe.planner.urls", "renshe.planner.batchjobs.urls"} <= names
    # and their pages resolve through the root URLconf
    assert resolve("/planner/").url_name
    assert resolve("/knowledge/").url_name


def test_api_routers_are_mounted_under_their_prefix():
    paths = set(api.get_openapi_schema()["paths"])
    assert "/api/v1/health" in paths
    assert "/api/v1/knowledge/search" in paths
    assert any(p.startswith("/api/v1/arrears/") for p in paths)
    assert "/api/v1/plan" in paths


def test_cli_subcommands_come_from_each_package():
    modules = [m.__name__ for m in package_modules("cli")]
    assert modules[0] == "renshe.rules.cli"
    assert {"renshe.platform.cli", "renshe.knowledge.cli", "renshe.arrears.cli", "renshe.planner.cli"} <= set(modules)
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"calc", "serve", "manage", "arrears", "knowledge", "plan", "plan-batch"} <= set(commands)


def test_demo_loaders_start_with_accounts():
    names = [m.__name__ for m in app_modules("demo_load")]
    assert names[0] == "renshe.platform.accounts.demo_load"
    assert {"renshe.knowledge.demo_load", "renshe.normdocs.demo_load", "renshe.arrears.demo_load"} <= set(names)


def test_a_missing_module_is_skipped_but_a_broken_one_is_not(tmp_path, monkeypatch):
    assert _import_optional("renshe.knowledge.no_such_module") is None
    pkg = tmp_path / "brokenpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "urls.py").write_text("import no_such_dependency_anywhere\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError):
        _import_optional("brokenpkg.urls")

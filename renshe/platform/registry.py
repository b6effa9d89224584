"""Find what each domain app contributes, the way Django's admin finds every ``admin.py``.

A domain app adds a page, an API operation, a subcommand, demo data or a role's permissions
by adding a module with a conventional name to its own folder; nothing is listed by hand
(see ``docs/registries.md``):

========================  ==========================================================
module in the app         contributes
========================  ==========================================================
``urls``                  its ``urlpatterns``, included at the site root
``api``                   ``router`` (a ninja ``Router``) mounted under ``API_PREFIX``
                          (default ``"/"``) of ``/api/v1``
``cli``                   ``add_parser(subparsers)`` for ``renshe`` subcommands
                          (top-level packages of ``renshe`` only: the CLI runs
                          without Django)
``demo_load``             ``load(stdout)`` for ``manage.py load_demo``
``roles``                 ``PERMISSIONS`` for the role groups
                          (:mod:`renshe.platform.accounts.roles`)
========================  ==========================================================

Apps are visited in ``INSTALLED_APPS`` order, so an app that another's demo data needs
(accounts before the rest) comes first.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Iterator
from types import ModuleType

#: the package whose sub-apps may contribute; third-party apps never do.
ROOT = "renshe"


def _import_optional(name: str) -> ModuleType | None:
    """Import ``name`` if it exists; an ImportError raised *inside* it still propagates."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name and not name.startswith(f"{exc.name}."):
            raise
        return None


def app_modules(suffix: str) -> Iterator[ModuleType]:
    """Each installed ``renshe`` app's ``<app>.<suffix>`` module, in ``INSTALLED_APPS`` order."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name == ROOT or config.name.startswith(f"{ROOT}."):
            module = _import_optional(f"{config.name}.{suffix}")
            if module is not None:
                yield module


def package_modules(suffix: str) -> Iterator[ModuleType]:
    """Each top-level package's ``renshe.<package>.<suffix>`` module, in name order, with
    ``renshe.rules`` first (the calculators head ``renshe --help``). For the CLI, which
    must not need Django's settings to start."""
    root = importlib.import_module(ROOT)
    names = sorted(
        (m.name for m in pkgutil.iter_modules(root.__path__) if m.ispkg),
        key=lambda n: (n != "rules", n),
    )
    for name in names:
        full = f"{ROOT}.{name}.{suffix}"
        if importlib.util.find_spec(full) is not None:
            yield importlib.import_module(full)

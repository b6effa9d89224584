"""The workflow kernel: one state machine, statutory clocks, audit and 待办 for every case.

- :mod:`.machine` — the pure machine (no Django): states, transitions, roles, facts, basis;
- :mod:`.models` — :class:`~.models.WorkflowModel` (state, organisation, supervisors,
  assignee) and the notifications of the 待办;
- :mod:`.services` — :func:`~.services.apply`, the one way a workflow object changes state;
- :mod:`.clocks` — statutory clocks on ``lawcalendar.TrackedDeadline``: start, pause,
  resume, extend, count back, close;
- :mod:`.kpi` — :func:`~.kpi.on_time`, the one on-time figure;
- :mod:`.inbox` — :func:`~.inbox.items_for`, a staff member's 待办; :func:`notify` adds to it.

See ``docs/workflow.md``. This package's ``__init__`` imports no Django, so the pure
machine can be imported by the pure cores of domain apps.
"""

from __future__ import annotations

from typing import Any


def notify(to: Any, title: str, url: str = "", **kwargs: Any) -> Any:
    """Add a notification to the 待办 of a user or of every member of an organisation.

    See :func:`renshe.platform.workflow.notifications.notify` for the arguments.
    """
    from .notifications import notify as _notify

    return _notify(to, title, url, **kwargs)

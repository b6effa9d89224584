"""The pure workflow machine: states, transitions, who may take them, what they need and why.

Every case the department handles (a wage-arrears alert, a normative document, a dispute,
a disclosure request, an inspection) moves through states a law or a rule gives it. A
:class:`Machine` is that as data; :meth:`Machine.check` says whether one step is allowed
from a state, for a holder of some roles, given the facts of the case, or raises a
bilingual :class:`WorkflowError` naming what is wrong. Each :class:`Transition` names the
article that allows it (``basis``) and the statutory clock its target state starts
(``clock``: a parameter in ``renshe/rules/params``, so the length and its law are data).

No Django here: :mod:`renshe.platform.workflow.services` applies a step to a stored object
(lock, organisation, audit), :mod:`renshe.platform.workflow.clocks` runs the clocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from renshe.rules.errors import RulesError

#: the role code of the platform itself (a scheduled job, the task queue): a transition
#: listing it may be taken with no user, and only such transitions may
SYSTEM = "system"
#: Chinese names of the staff roles (renshe.platform.accounts.roles.ROLES, kept equal by a test)
ROLE_LABELS: dict[str, str] = {
    "mediator": "调解员",
    "arbitrator": "仲裁员",
    "labour_inspector": "劳动保障监察员",
    "division_staff": "处室工作人员",
    "legal_office": "法规处",
    "leader": "领导",
    "administrator": "管理员",
    "bank_feed": "银行数据接口",
    "industry_department": "行业主管部门",
    "housing_feed": "住建数据接口",
    SYSTEM: "系统",
}


class WorkflowError(RulesError):
    """A step the machine does not allow, or one missing a fact it needs (zh + en, names the field).

    Pages show the Chinese half, the API answers 422 with both, the CLI exits 2.
    """


@dataclass(frozen=True)
class Transition:
    """One allowed step: from which states, to which, who may take it, what it needs and why."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    basis: str
    needs: tuple[str, ...] = ()
    clock: str | None = None
    stops_clock: bool = True

    def __post_init__(self) -> None:
        for name in ("sources", "roles", "needs"):  # a frozenset or list given is kept in order
            object.__setattr__(self, name, tuple(getattr(self, name)))


@dataclass(frozen=True)
class Machine:
    """A workflow as data; anything not listed in ``transitions`` is forbidden."""

    name: str
    states: dict[str, str]
    initial: str
    final: tuple[str, ...]
    transitions: tuple[Transition, ...]
    facts: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """A machine that names an unknown state, fact or role, or one action twice, is a programming error."""
        seen: set[str] = set()
        for t in self.transitions:
            if t.action in seen:
                raise ValueError(f"{self.name}: action {t.action!r} listed twice")
            seen.add(t.action)
            unknown = [s for s in (*t.sources, t.target) if s not in self.states]
            unknown += [f for f in t.needs if f not in self.facts]
            unknown += [r for r in t.roles if r not in ROLE_LABELS]
            if unknown:
                raise ValueError(f"{self.name}: {t.action!r} names unknown state, fact or role {unknown}")
        if self.initial not in self.states or any(s not in self.states for s in self.final):
            raise ValueError(f"{self.name}: initial or final state not among the states")

    def transition(self, action: str) -> Transition:
        """The transition named ``action`` (bilingual error for an unknown one)."""
        for t in self.transitions:
            if t.action == action:
                return t
        raise WorkflowError.of("action", f"没有“{action}”这一操作", f"no action '{action}' in {self.name}")

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def check(self, state: str, action: str, roles: Iterable[str], facts: Iterable[str] = ()) -> Transition:
        """The transition ``action`` from ``state`` if ``roles`` may take it given ``facts``.

        Checked in this order, the first failure raised: the action exists (field
        ``action``), it starts from ``state`` (``state``), one of ``roles`` may take it
        (``role``), every fact it needs holds (the fact's name, with its Chinese reason).
        """
        t = self.transition(action)
        if state not in t.sources:
            allowed = "、".join(self.label(s) for s in t.sources)
            raise WorkflowError.of(
                "state",
                f"“{t.label}”只能在“{allowed}”状态下办理，当前状态为“{self.label(state)}”",
                f"'{action}' is allowed only from {', '.join(t.sources)}, not from '{state}'",
            )
        if not set(roles) & set(t.roles):
            need = "或".join(ROLE_LABELS[r] for r in t.roles)
            raise WorkflowError.of("role", f"“{t.label}”须由{need}办理", f"'{action}' needs role {' or '.join(t.roles)}")
        have = set(facts)
        missing = [f for f in t.needs if f not in have]
        if missing:
            raise WorkflowError.of(
                missing[0],
                f"“{t.label}”要求：{self.facts[missing[0]]}",
                f"'{action}' requires {missing[0].replace('_', ' ')}",
            )
        return t

    def available(self, state: str, roles: Iterable[str], facts: Iterable[str] | None = ()) -> list[Transition]:
        """Every step ``roles`` may take from ``state``, in table order.

        ``facts=None`` ignores facts (the steps to offer on a page, each asking for what it needs).
        """
        held = set(roles)
        out = []
        for t in self.transitions:
            if state not in t.sources or not held & set(t.roles):
                continue
            if facts is not None and not set(t.needs) <= set(facts):
                continue
            out.append(t)
        return out

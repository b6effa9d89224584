"""The explanation trace: every number says which rule, article and parameter made it.

Modelled on OpenFisca's computation trace. A calculator appends one :class:`Step`
per rule it applies; the step carries the legal reference and the parameter values
(with their effective dates) that went into it, so a page can show "why" one tap away.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from renshe.rules.parameters import ParamValue, Reference


class ParamUse(BaseModel):
    """A parameter value as a step used it."""

    name: str
    value: Any
    unit: str
    region: str
    effective_from: str
    effective_to: str | None = None
    reference: Reference
    verified: bool
    status: str | None = Field(
        default=None, description="VERIFIED-TEXT, SECONDARY, DERIVED or NOT FOUND, where the parameter file says"
    )

    @classmethod
    def of(cls, pv: ParamValue) -> ParamUse:
        return cls(
            name=pv.name,
            value=pv.value,
            unit=pv.unit,
            region=pv.region,
            effective_from=pv.effective_from.isoformat(),
            effective_to=pv.effective_to.isoformat() if pv.effective_to else None,
            reference=pv.reference,
            verified=pv.verified,
            status=pv.status,
        )


class Step(BaseModel):
    """One rule applied: what it says, where the law says it, what it used and gave."""

    rule: str = Field(description="what the rule does, in plain Chinese")
    reference: Reference
    params: list[ParamUse] = Field(default_factory=list)
    inputs: dict[str, Any] = Field(default_factory=dict)
    result: Any = None
    formula: str | None = Field(default=None, description="the arithmetic, with the numbers filled in")
    key: str | None = Field(
        default=None,
        description="a stable name for the step, so that a figure can point at the rules behind it",
    )


class Trace(list[Step]):
    """An ordered list of steps, with a helper that reads naturally in calculators."""

    def add(
        self,
        rule: str,
        reference: Reference,
        *,
        params: list[ParamValue] | None = None,
        inputs: dict[str, Any] | None = None,
        result: Any = None,
        formula: str | None = None,
        key: str | None = None,
    ) -> Any:
        """Record a step and hand back its result, so a line computes and explains."""
        self.append(
            Step(
                rule=rule,
                reference=reference,
                params=[ParamUse.of(p) for p in params or []],
                inputs=inputs or {},
                result=result,
                formula=formula,
                key=key,
            )
        )
        return result

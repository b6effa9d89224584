"""``renshe disputes list|show|claims|document|export``: the committee's cases from the command line.

For the arbitration institute's operators: list a committee's cases, show one (personal data
masked, as on the staff page), its claims as computed from the elements, one of its documents as
DOCX or PDF, and the cases as an Excel workbook (through :mod:`renshe.documents.excel`, so no cell
becomes a formula). A case is named by its number (案号) or id. Bad input prints the Chinese and
English message and exits 2 (``renshe.cli``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")
    import django

    django.setup()


def _cases(args: argparse.Namespace) -> Any:
    from renshe.disputes.models import Case
    from renshe.platform.accounts.models import Organisation
    from renshe.rules.errors import RulesError

    qs = Case.objects.exclude(state=Case.State.DRAFT).select_related("organisation")
    if args.committee:
        if not Organisation.objects.filter(code=args.committee).exists():
            raise RulesError.of("committee", f"没有代码为 {args.committee} 的仲裁委员会", f"no committee '{args.committee}'")
        qs = qs.filter(organisation__code=args.committee)
    if getattr(args, "state", None):
        if args.state not in Case.State.values:
            raise RulesError.of("state", f"状态应为 {'、'.join(Case.State.values)}", f"state must be one of {Case.State.values}")
        qs = qs.filter(state=args.state)
    if getattr(args, "year", None):
        qs = qs.filter(received_on__year=args.year)
    return qs.order_by("-received_on", "-id")


def _case(ref: str) -> Any:
    from renshe.disputes.models import Case
    from renshe.rules.errors import RulesError

    qs = Case.objects.exclude(state=Case.State.DRAFT).select_related("organisation")
    case = qs.filter(number=ref).first() or (qs.filter(pk=int(ref)).first() if ref.isdigit() else None)
    if case is None:
        raise RulesError.of("case", f"没有案号或编号为 {ref} 的案件", f"no case numbered '{ref}'")
    return case


def _row(c: Any) -> dict[str, Any]:
    return {"id": c.pk, "number": c.number, "state": c.state, "state_label": c.get_state_display(),
            "dispute_type": c.get_dispute_type_display(), "committee": c.organisation.code,
            "applicant": c.applicant_name, "respondent": c.respondent_name,
            "received_on": c.received_on.isoformat() if c.received_on else None}


def _print(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
    print()


def _list(args: argparse.Namespace) -> int:
    _django()
    _print([_row(c) for c in _cases(args)[: args.limit]])
    return 0


def _show(args: argparse.Namespace) -> int:
    _django()
    from renshe.disputes import progress
    from renshe.platform.accounts.masking import mask_id_number, mask_phone
    from renshe.platform.workflow.clocks import open_clocks

    c = _case(args.case)
    step = progress.next_step(c)
    _print({**_row(c), "applicant_id_number": mask_id_number(c.applicant_id_number),
            "applicant_phone": mask_phone(c.applicant_phone), "requested": c.requested,
            "clocks": [{"kind": k.kind, "due": k.due, "basis": k.basis} for k in open_clocks(c)],
            "next_step": {"text": step.text, "due": step.due, "basis": step.basis} if step else None,
            "received_from": str(c.received_from) if c.received_from_id else None,
            "court_outcome": c.court_outcome or None, "confirmation_outcome": c.confirmation_outcome or None})
    return 0


def _claims(args: argparse.Namespace) -> int:
    _django()
    from renshe.disputes import services

    c = _case(args.case)
    error = (c.claims or {}).get("error")
    _print({"number": c.number, "claims": services.adopted_claims(c), "total": (c.claims or {}).get("total"),
            "final_award_limit": (c.claims or {}).get("final_award_limit"), "error": error})
    return 0


def _document(args: argparse.Namespace) -> int:
    _django()
    from renshe.disputes import documents
    from renshe.documents import doc as docs
    from renshe.rules.errors import RulesError

    c = _case(args.case)
    if args.kind not in documents.BUILDERS:
        raise RulesError.of("kind", f"文书种类应为 {'、'.join(documents.BUILDERS)}", f"kind must be one of {list(documents.BUILDERS)}")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise RulesError.of("out", f"目录不存在：{out.parent}", f"no such directory: {out.parent}")
    d = documents.BUILDERS[args.kind](c)
    out.write_bytes(docs.to_pdf(d) if args.format == "pdf" else docs.to_docx(d))
    print(json.dumps({"number": c.number, "kind": args.kind, "file": str(out)}, ensure_ascii=False))
    return 0


EXPORT_HEADERS = ("案号", "状态", "争议类型", "仲裁委员会", "申请人", "被申请人", "收到申请", "受理", "调解结案", "裁决",
                  "结案", "请求合计（元）")


def _export(args: argparse.Namespace) -> int:
    _django()
    from renshe.documents.excel import table_bytes
    from renshe.rules.errors import RulesError

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise RulesError.of("out", "导出文件应以 .xlsx 结尾", "the export file must end in .xlsx")
    if not out.parent.is_dir():
        raise RulesError.of("out", f"目录不存在：{out.parent}", f"no such directory: {out.parent}")
    rows = [(c.number, c.get_state_display(), c.get_dispute_type_display(), c.organisation.name, c.applicant_name,
             c.respondent_name, c.received_on, c.accepted_on, c.mediated_on, c.awarded_on, c.closed_on,
             (c.claims or {}).get("total")) for c in _cases(args).iterator()]
    out.write_bytes(table_bytes("劳动人事争议案件", EXPORT_HEADERS, rows, money=[11]))
    print(json.dumps({"cases": len(rows), "file": str(out)}, ensure_ascii=False))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("disputes", help="劳动人事争议仲裁案件 / labour-dispute cases")
    s = p.add_subparsers(dest="disputes_command", required=True, parser_class=type(p))
    ls = s.add_parser("list", help="案件列表（JSON）/ list cases")
    ls.add_argument("--committee", help="仲裁委员会（设区市）代码，如 350200 / committee code")
    ls.add_argument("--state", help="只列该状态 / only this state")
    ls.add_argument("--limit", type=int, default=100)
    ls.set_defaults(func=_list)
    sh = s.add_parser("show", help="一个案件（个人信息部分隐藏）/ one case, personal data masked")
    sh.add_argument("case", help="案号或编号 / case number or id")
    sh.set_defaults(func=_show)
    cl = s.add_parser("claims", help="按要素计算的请求 / the claims computed from the elements")
    cl.add_argument("case")
    cl.set_defaults(func=_claims)
    dc = s.add_parser("document", help="生成文书 DOCX 或 PDF / write a document")
    dc.add_argument("case")
    dc.add_argument("kind", help="文书种类：application、acceptance、non_acceptance、hearing、agreement、award / kind")
    dc.add_argument("--format", choices=["pdf", "docx"], default="pdf")
    dc.add_argument("--out", required=True, help="输出文件 / output file")
    dc.set_defaults(func=_document)
    ex = s.add_parser("export", help="导出案件 Excel / export cases as .xlsx")
    ex.add_argument("--out", required=True, help="输出的 .xlsx 文件 / output .xlsx")
    ex.add_argument("--committee")
    ex.add_argument("--state")
    ex.add_argument("--year", type=int, help="收到申请的年份 / year received")
    ex.set_defaults(func=_export)

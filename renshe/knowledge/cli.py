"""``renshe knowledge search|policy-list``: the regulation library from the command line (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from renshe.knowledge.core import export, policylist, semantic
from renshe.knowledge.core import search as search_core
from renshe.rules.cli import read_json_input
from renshe.rules.errors import RulesError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RulesError.of(
            "--on", f"日期格式应为 YYYY-MM-DD：{value}", f"date must be YYYY-MM-DD: {value}"
        ) from None


def _search(args: argparse.Namespace) -> int:
    hits = search_core.run_query(
        args.query,
        limit=args.limit,
        on=_date(args.on) if args.on else None,
        document=args.document,
        topic=args.topic,
    )
    if args.json:
        json.dump([h.as_dict() for h in hits], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for rank, h in enumerate(hits, 1):
        print(f"{rank}. 《{h.document}》{h.label}（{h.score:.2f}）")
        print(f"   {h.text}")
    if not hits:
        print("没有找到相关条文 / no matching article")
    return 0


def _policy_list(args: argparse.Namespace) -> int:
    result = policylist.policy_list(read_json_input(args.input))
    for path, render in ((args.pdf, export.to_pdf), (args.docx, export.to_docx)):
        if path:
            Path(path).write_bytes(render(result))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _embed(args: argparse.Namespace) -> int:
    """Refresh the shipped embeddings after the corpus or the 常见问法 changed (only new texts are
    run through the model; a few minutes for the whole library on one core)."""
    texts = search_core.corpus_meaning_texts()
    new = semantic.write_store(texts)
    print(f"{len(texts)} 段文本的向量已写入 {semantic.EMBEDDINGS_DIR}（新计算 {new} 段）/ "
          f"{len(texts)} vectors written, {new} newly embedded")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("knowledge", help="法规库检索与适用政策清单 / regulation library")
    ks = p.add_subparsers(dest="knowledge_command", required=True, parser_class=type(p))
    s = ks.add_parser("search", help="云普法检索 / full-text search over articles")
    s.add_argument("query", help="问题或关键词，如：公司不签劳动合同怎么办")
    s.add_argument("--limit", type=int, default=10, help="返回条数 / number of hits (1–100)")
    s.add_argument("--on", help="在该日期有效的条文 / law in force on this date (YYYY-MM-DD), default today")
    s.add_argument("--document", help="只查某部文件（标题或代号）/ one document (title or slug)")
    s.add_argument("--topic", help="只查某一主题，如 work_injury / one topic")
    s.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    s.set_defaults(func=_search)
    pl = ks.add_parser("policy-list", help="适用政策清单 / the duties, rights and benefits that apply")
    pl.add_argument(
        "--input",
        required=True,
        help='JSON 文件或 - （标准输入），如 {"kind": "person", "tags": ["dismissed"]}',
    )
    pl.add_argument("--pdf", help="同时导出 PDF 到该路径 / also write a PDF")
    pl.add_argument("--docx", help="同时导出 DOCX 到该路径 / also write a DOCX")
    pl.add_argument("--pretty", action="store_true", help="indent the JSON")
    pl.set_defaults(func=_policy_list)
    e = ks.add_parser("embed", help="重新计算法规库的语义向量 / refresh the shipped article embeddings")
    e.set_defaults(func=_embed)

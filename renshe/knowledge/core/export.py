"""适用政策清单 as official documents, through the platform's one document service.

The list is laid out once as a :class:`renshe.documents.doc.Doc`; :mod:`renshe.documents.doc`
renders it as PDF and DOCX with the Chinese font embedded.
"""

from __future__ import annotations

from renshe.documents import doc as docs

KIND_ZH = {"person": "个人", "enterprise": "企业"}
DISCLAIMER = (
    "本清单根据所填情形自动生成，仅供参考；具体权利义务以法律法规原文和主管部门、仲裁机构、法院的认定为准。"
)


def document(result: dict) -> docs.Doc:
    """The list as a Doc: one section per item, its basis, why, next step and the article's text."""
    tags = "、".join(t["label"] for t in result["tags"])
    head = f"对象：{KIND_ZH[result['kind']]}　地区：{result['region_name']}　日期：{result['as_of']}　情形：{tags}"
    sections = []
    for n, it in enumerate(result["items"], 1):
        step = it["next_step"]
        cite = f"《{it['document']}》{it['label']}" + (f"（{it['number']}）" if it.get("number") else "")
        rows = [
            ("依据", cite),
            ("为什么适用", it["why"]),
            ("下一步", step.get("what", "")),
            ("办理地点", step.get("where", "")),
            ("期限", step.get("deadline", "")),
            ("携带材料", "、".join(step.get("bring") or []) or "无"),
        ]
        blocks: list[docs.Block] = [docs.Fields([(k, v) for k, v in rows if v])]
        if it["text"]:
            blocks.append(docs.Fields([("条文原文", it["text"])], small=True))
        sections.append(docs.Section(f"{n}. {it['title']}", blocks))
    sections.append(docs.Section(None, [docs.Para(DISCLAIMER, "small")]))
    return docs.Doc(title="适用政策清单", meta=[head], sections=sections)


def to_pdf(result: dict) -> bytes:
    """The list as an A4 PDF."""
    return docs.to_pdf(document(result))


def to_docx(result: dict) -> bytes:
    """The list as a Word document."""
    return docs.to_docx(document(result))

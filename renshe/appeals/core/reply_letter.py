"""The formal reply to a disclosure application (政府信息公开申请答复书), as DOCX and PDF.

Its wording follows the reply type — 《中华人民共和国政府信息公开条例》第三十六条 (已主动公开、
予以公开、不予公开、信息不存在、非本机关负责、重复申请、特别规定), 第三十七条 (部分公开),
第三十八条 (需另行加工), 第三十九条 (信访举报类、公开出版物), 第三十条 (逾期不补正) — and every
letter ends with the remedy the applicant has (第五十一条: 行政复议或行政诉讼; the time limits
for those are the review and litigation laws', not restated here).

Pure (no Django): :func:`paragraphs` is the text; :func:`document` hands it to the platform's one
document service (:mod:`renshe.documents.doc`), which renders it as PDF and DOCX with the Chinese
font embedded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renshe.documents import doc
from renshe.documents.doc import Doc, Para, Section

LAW = "《中华人民共和国政府信息公开条例》"

#: reply type → (article, the sentence that decides)
DECISIONS: dict[str, tuple[str, str]] = {
    "disclose": ("第三十六条第（二）项", "经审查，您申请公开的信息属于可以公开的政府信息，现予以提供（见附件），或按下述方式获取。"),
    "partial": ("第三十七条", "您申请公开的信息中含有不应当公开的内容，但能够作区分处理，现提供可以公开的部分；不予公开的部分理由如下。"),
    "refuse_secret": ("第十四条、第三十六条第（三）项", "您申请公开的信息属于国家秘密，依法不予公开。"),
    "refuse_law": ("第十四条、第三十六条第（三）项", "法律、行政法规禁止公开您申请的信息，依法不予公开。"),
    "refuse_safety": ("第十四条、第三十六条第（三）项", "公开您申请的信息可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。"),
    "refuse_third_party": ("第十五条、第三十二条、第三十六条第（三）项", "您申请的信息涉及第三方合法权益，经书面征求意见，第三方不同意公开且有合理理由，依法不予公开。"),
    "refuse_internal": ("第十六条第一款、第三十六条第（三）项", "您申请的信息属于行政机关的内部事务信息，可以不予公开。"),
    "refuse_process": ("第十六条第二款、第三十六条第（三）项", "您申请的信息属于行政机关在履行职责过程中形成的过程性信息，可以不予公开。"),
    "refuse_enforcement": ("第十六条第二款、第三十六条第（三）项", "您申请的信息属于行政执法案卷信息，可以不予公开。"),
    "refuse_query": ("第三十六条第（三）项", "您申请的信息属于行政查询事项，请按照相关查询渠道办理。"),
    "unable_none": ("第三十六条第（四）项、第（五）项", "经检索，本机关未制作、获取您申请的信息，该政府信息不存在或不属于本机关负责公开。"),
    "unable_make": ("第三十八条", "您申请的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。"),
    "unable_unclear": ("第三十条", "经告知补正，您的申请内容仍不明确，本机关无法提供。"),
    "ignore_petition": ("第三十九条第一款", "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，请通过信访、投诉举报渠道提出。"),
    "ignore_repeat": ("第三十六条第（六）项", "本机关已就您的同一申请作出答复，对重复申请不予重复处理。"),
    "ignore_publication": ("第三十九条第二款", "您申请提供的是公开出版物，请通过公开发行渠道获取。"),
    "ignore_excessive": ("第三十五条", "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。"),
    "ignore_confirm": ("第三十九条", "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的处理范围。"),
    "other_no_completion": ("第三十条", "经一次性告知补正，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该申请。"),
    "other_no_fee": ("第四十二条", "您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该申请。"),
    "other_other": ("第三十六条", "对您的申请作出如下处理。"),
}


@dataclass(frozen=True)
class Letter:
    number: str
    office: str
    applicant: str
    received_on: dt.date
    description: str
    outcome: str
    reply: str
    replied_on: dt.date


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def paragraphs(letter: Letter) -> tuple[str, list[str]]:
    """The letter's title and its paragraphs, one layout for both formats."""
    article, decision = DECISIONS[letter.outcome]
    title = "政府信息公开申请答复书"
    body = [
        f"编号：{letter.number}",
        f"{letter.applicant}：",
        f"本机关于{_cn(letter.received_on)}收到您提出的政府信息公开申请，申请获取“{letter.description}”。"
        f"根据{LAW}{article}的规定，现答复如下：",
        decision,
        letter.reply,
        f"如认为本答复侵犯您的合法权益，可以依照{LAW}第五十一条的规定依法申请行政复议或者提起行政诉讼。",
        letter.office,
        _cn(letter.replied_on),
    ]
    return title, [p for p in body if p]


def document(letter: Letter) -> Doc:
    """The letter as the platform's one document service lays it out (PDF and DOCX alike)."""
    title, paras = paragraphs(letter)
    body = [Para(paras[1], "strong"), *[Para(p) for p in paras[2:-2]], Para(paras[-2], "right"), Para(paras[-1], "right")]
    return Doc(title=title, meta=[paras[0]], sections=[Section(None, body)], author=letter.office)


def to_pdf(letter: Letter) -> bytes:
    return doc.to_pdf(document(letter))


def to_docx(letter: Letter) -> bytes:
    return doc.to_docx(document(letter))

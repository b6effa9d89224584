"""The public's pages: file a request on a phone (/appeals/new/), follow it (/appeals/track/), rate
the answer (/appeals/rate/<token>/). No account; the number and the phone together find a request.

A refused form keeps what was typed and names each field at fault in Chinese; nothing is saved
until everything is right (the request and its hand-over and audit rows are one transaction).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from renshe.rules.errors import RulesError

from . import places, steps
from .core.intake import validate
from .core.routing import CATEGORIES
from .models import Appeal, Satisfaction
from .services import register

FORM_FIELDS = ("name", "phone", "category", "place", "content", "project", "employer", "amount", "workers")


def _form_data(post) -> dict:
    data = {f: post.get(f, "").strip() for f in FORM_FIELDS}
    for f in ("amount", "workers"):
        if data[f] == "":
            data[f] = None
    if data["category"] != "wage_arrears":
        for f in ("project", "employer", "amount", "workers"):
            data[f] = "" if f in ("project", "employer") else None
    return data


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    values = {"category": request.GET.get("category", "")}
    if request.method == "POST":
        values = {f: request.POST.get(f, "") for f in FORM_FIELDS}
        try:
            data = validate(_form_data(request.POST)).model_dump()
            channel = "mzq" if data["category"] == "wage_arrears" else "online"
            appeal = register(data, channel=channel)
        except RulesError as exc:
            errors = {p.field: p.zh for p in exc.problems}
        else:
            request.session["appeals_filed"] = appeal.number
            messages.success(request, f"已收到您的诉求，编号 {appeal.number}。请记下编号，凭编号和手机号查询办理进度。")
            return redirect(f"{reverse('appeals:track')}?number={appeal.number}")
    return render(request, "appeals/new.html", {
        "categories": CATEGORIES, "places": places.grouped(), "values": values, "errors": errors,
    })


def track(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip().upper()
    phone = request.GET.get("phone", "").strip().replace(" ", "")
    appeal, error = None, ""
    if number and phone:
        appeal = Appeal.objects.filter(number=number, phone=phone).select_related("organisation").first()
        if appeal is None:
            error = "没有找到编号和手机号都相符的诉求，请核对后重试。"
    elif "number" in request.GET and request.GET.get("phone") is not None:
        error = "请填写诉求编号和手机号。"
    return render(request, "appeals/track.html", {
        "number": number, "phone": phone, "appeal": appeal, "error": error,
        "place": places.name_of(appeal.place) if appeal else "",
        "rate_url": steps.rating_url(appeal) if appeal and appeal.state == "replied" else "",
    })


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, token: str) -> HttpResponse:
    try:
        appeal = steps.appeal_for_token(token)
    except RulesError as exc:
        return render(request, "appeals/rate.html", {"error": exc.problems[0].zh}, status=400)
    error = ""
    if request.method == "POST":
        try:
            appeal = steps.rate(token, request.POST.get("satisfaction", ""))
        except RulesError as exc:
            error = exc.problems[0].zh
        else:
            messages.success(request, "感谢您的评价。" + ("我们将重新办理您的诉求。" if appeal.state == "accepted" else ""))
            return redirect(f"{reverse('appeals:track')}?number={appeal.number}")
    return render(request, "appeals/rate.html", {
        "appeal": appeal, "error": error, "choices": Satisfaction.choices[1:], "open": appeal.state == "replied",
    })

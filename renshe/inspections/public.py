"""The public page of 双随机一公开 (no login): published results, and one enterprise's own record.

《优化营商环境条例》第五十四条: 抽查事项及查处结果及时向社会公开. Only published results are
shown; inspectors are not named (their names are not needed to know the result). An
enterprise searching by its 统一社会信用代码 sees every published inspection of itself and its
count against each item's yearly cap.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from renshe.inspections import services
from renshe.inspections.models import Enterprise
from renshe.rules import parameters

PAGE_SIZE = 30


def results(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    q = request.GET.get("q", "").strip()[:60]
    tasks = services.published_tasks()
    enterprise = caps = None
    if q:
        enterprise = Enterprise.objects.filter(credit_code=q.upper()).first()
        if enterprise is not None:
            tasks = tasks.filter(enterprise=enterprise)
            caps = services.caps_for(enterprise, today.year)
        else:
            tasks = tasks.filter(enterprise__name__contains=q)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/results.html", {
        "page": page, "q": q, "enterprise": enterprise, "caps": caps, "year": today.year,
        "publication": parameters.value_at("inspections.result_publication_working_days", today),
    })

"""The permission matrix (issue 13, "Also"): every URL of the URLconf and every operation of the
API schema, for an anonymous visitor and a user of every role, own organisation and another.

Generated, so that a new view is covered the day it is added: the URLs come from the resolver
and the operations from the API itself. The only exemptions are reviewed lists below: the
public URLs (:data:`PUBLIC`), and for each URL that names an object, how to make one of the
user's own organisation and one of another (:data:`OBJECT_URLS`). A new URL that is neither in
:data:`PUBLIC` nor behind a login, or a new object URL missing from :data:`OBJECT_URLS`, fails.

What is held for every cell: anonymous visitors are sent to the login (pages) or get 401 (API);
no role ever gets a server error; the machine roles (bank, housing feeds) open no page; an API
operation answers 403 to a role it does not name and lets in the roles it names; an object of
another organisation is a 404, one's own is not.
"""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from renshe.arrears.roles import PUSH_TABLES
from renshe.platform.accounts.access import view_allows
from renshe.platform.accounts.api_auth import RoleBearerAuth
from renshe.platform.accounts.models import ApiToken, Organisation
from renshe.platform.accounts.roles import ROLES
from renshe.platform.api import api
from renshe.rules import calculators
from tests.arrears.alerts.factories import make_store, user, warning

XIAMEN, FUZHOU = "350200", "350100"
XM_COUNTY, FZ_COUNTY = "350206", "350102"

#: URL names anyone may open without signing in — reviewed: the public's pages and the API
#: entry points that take no account (calculators, parameters, knowledge, planner).
PUBLIC = {
    "home", "health", None, "calc-index", "calc-detail", "parameter-index", "parameter-detail", "login", "logout",
    "openapi-json", "openapi-view", "api-root", "knowledge-index", "knowledge-cite", "knowledge-policy-list",
    "knowledge-interpretation", "knowledge-document", "knowledge-article", "planner", "planner-report",
    # the public's side of appeals, disputes and inspections: applying, tracking by number and
    # phone, rating a reply, pages reached by the party's secret link, published results
    "appeals:catalogue", "appeals:disclosure-new", "appeals:new", "appeals:rate", "appeals:track",
    "disputes:apply", "disputes:resume", "disputes:party", "disputes:party_document",
    "inspections:agency-report", "inspections:results",
}
#: API operations that take no account — reviewed: the same public services as the pages, and
#: every calculator (the law's arithmetic is the public's).
PUBLIC_OPERATIONS = {"health", "parameter_list", "parameter_value", "knowledge_search", "knowledge_policy_list",
                     "plan_endpoint", "plan_chat", "track", "apply_case"} | {f"calc_{n.replace('-', '_')}" for n in calculators.registry()}
# (track: the public follows an appeal by its number and phone; apply_case: a worker applies for
# arbitration, as on the public page /disputes/apply/)
MACHINE_ROLES = {"bank_feed", "housing_feed"}
#: Pages a machine account may still open — reviewed: the 工作台 shows it that it has nothing to do.
MACHINE_MAY_OPEN = {"workbench"}
#: Pages for every signed-in account whatever its roles — reviewed: the 工作台 lists the modules
#: the account's roles open (none for a machine account). Every other page declares its roles
#: (``role_required`` / ``RoleRequiredMixin`` / a module's ``allows``), read by ``view_allows``.
SIGNED_IN_ONLY = {"workbench"}


def _patterns(resolver=None, prefix="", ns=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in ("admin", "api"):
                continue  # the admin (Django's own staff checks) and the API (below, operation by operation)
            yield from _patterns(p, prefix + str(p.pattern), p.namespace or ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{ns}:{p.name}" if ns and p.name else p.name


PAGES = sorted(set(_patterns()), key=str)


@pytest.fixture
def world(demo, tmp_path):
    """A user of every role in Xiamen's bureau, an inspector in Fuzhou's, and per object URL one
    object of each city (OBJECT_URLS)."""
    from renshe.arrears import workflow
    from renshe.arrears.models import Alert, Evidence
    from renshe.planner.batchjobs.models import PlanBatch
    from renshe.platform.workflow import notify

    users = {code: user(f"m.{code}", XIAMEN, code) for code in ROLES}
    users["other"] = user("m.fz.inspector", FUZHOU, "labour_inspector", "leader", "division_staff")
    store = make_store(tmp_path / "s.duckdb")
    workflow.dispatch_warnings([warning(project_id=1, region=XM_COUNTY), warning(project_id=2, region=FZ_COUNTY)],
                               store=store)
    alerts = {"own": Alert.objects.get(project_id=1), "other": Alert.objects.get(project_id=2)}
    evidence = {k: Evidence.objects.create(alert=a, file=ContentFile(b"%PDF-1.4\n", name="x.pdf"), description="d",
                                           uploaded_by=users["leader"]) for k, a in alerts.items()}
    batches = {k: PlanBatch.objects.create(owner=u, source_name="in.xlsx", status=PlanBatch.Status.DONE,
                                           result=ContentFile(b"PK", name="out.xlsx"))
               for k, u in (("own", users["division_staff"]), ("other", users["other"]))}
    notes = {"own": notify(users["labour_inspector"], "own"), "other": notify(users["other"], "other")}
    appeals = {k: _appeal(code, users["leader"]) for k, code in (("own", XIAMEN), ("other", FUZHOU))}
    disclosures = {k: _disclosure(code) for k, code in (("own", XIAMEN), ("other", FUZHOU))}
    disputes = {k: _dispute(code) for k, code in (("own", XIAMEN), ("other", FUZHOU))}
    plans, tasks, cases, agencies = _inspections(users)
    objects = {
        "arrears-alert": {k: {"pk": a.pk} for k, a in alerts.items()},
        "arrears-alert-step": {k: {"pk": a.pk} for k, a in alerts.items()},
        "arrears-evidence-upload": {k: {"pk": a.pk} for k, a in alerts.items()},
        "arrears-industry-feedback": {k: {"pk": a.pk} for k, a in alerts.items()},
        "arrears-evidence": {k: {"pk": e.pk} for k, e in evidence.items()},
        "arrears-project": {"own": {"project_id": 1}, "other": {"project_id": 2}},
        "arrears-city": {"own": {"code": XIAMEN}, "other": {"code": FUZHOU}},
        "planner-batch-download": {k: {"pk": b.pk} for k, b in batches.items()},
        "planner-batch-delete": {k: {"pk": b.pk} for k, b in batches.items()},
        **{f"appeals:{n}": {k: {"pk": a.pk} for k, a in appeals.items()} for n in ("detail", "step", "handover")},
        **{f"appeals:{n}": {k: {"pk": d.pk} for k, d in disclosures.items()}
           for n in ("disclosure-detail", "disclosure-step")},
        "appeals:disclosure-letter": {k: {"pk": d.pk, "fmt": "pdf"} for k, d in disclosures.items()},
        **{f"disputes:{n}": {k: {"pk": c.pk} for k, c in disputes.items()}
           for n in ("detail", "agreement", "override", "recompute")},
        "disputes:document": {k: {"pk": c.pk, "kind": "application", "fmt": "pdf"} for k, c in disputes.items()},
        "disputes:element": {k: {"pk": c.pk, "key": "hire"} for k, c in disputes.items()},
        "disputes:evidence": {k: {"pk": c.pk, "ev": c.evidence.first().pk} for k, c in disputes.items()},
        "disputes:step": {k: {"pk": c.pk, "action": "accept"} for k, c in disputes.items()},
        "disputes:clock": {k: {"pk": c.pk, "what": "suspend"} for k, c in disputes.items()},
        "workflow-notification-done": {k: {"pk": (n[0] if isinstance(n, list) else n).pk} for k, n in notes.items()},
        **{f"inspections:{n}": {k: {"pk": p.pk} for k, p in plans.items()} for n in ("plan", "plan-input")},
        **{f"inspections:{n}": {k: {"pk": t.pk} for k, t in tasks.items()} for n in ("task", "task-case")},
        "inspections:task-action": {k: {"pk": t.pk, "action": "record"} for k, t in tasks.items()},
        "inspections:case": {k: {"pk": c.pk} for k, c in cases.items()},
        "inspections:case-step": {k: {"pk": c.pk, "action": "refuse"} for k, c in cases.items()},
        "inspections:case-paper": {k: {"pk": c.pk, "kind": "rectification", "fmt": "pdf"} for k, c in cases.items()},
        "inspections:agency": {k: {"pk": a.pk} for k, a in agencies.items()},
        "inspections:agency-action": {k: {"pk": a.pk, "action": "verify"} for k, a in agencies.items()},
    }
    #: the workflow object behind each step URL whose action is in the URL: a role the step does
    #: not name must get 403 before any form is read (not a form error, not a 422)
    steps = {"inspections:task-action": tasks, "inspections:case-step": cases, "disputes:step": disputes}
    return users, objects, steps


def _inspections(users):
    """One plan (with its tasks), case and agency of Xiamen and one of Fuzhou (the demo catalogue)."""
    import io

    from renshe.inspections import case_services, services
    from renshe.inspections import demo_load as inspections_demo
    from renshe.inspections.models import Agency, InspectionItem

    inspections_demo.load(io.StringIO())
    items = list(InspectionItem.objects.filter(code__in=["R06", "R02"]))
    plans, tasks, cases, agencies = {}, {}, {}, {}
    for k, who, code in (("own", users["division_staff"], XIAMEN), ("other", users["other"], FUZHOU)):
        plans[k] = services.draw_plan(who, title="专项", year=2026, sample={code: 2}, per_task=2, seed=9, items=items)
        tasks[k] = plans[k].tasks.first()
        inspector = users["labour_inspector"] if k == "own" else users["other"]
        cases[k] = case_services.register(inspector, source="12345", source_ref=f"FJ12345-2026-{code}",
                                          employer="演示制造有限公司", allegation="拖欠工资",
                                          received_on=datetime.date(2026, 6, 29))
        agencies[k] = Agency.objects.filter(organisation__code=code).first()
    return plans, tasks, cases, agencies


def _appeal(code: str, owner):
    from renshe.appeals.models import Appeal

    org = Organisation.objects.get(code=code)
    return Appeal.objects.create(number=f"SQ-{code}", channel="12345", category="other", place=code, name="某",
                                 phone="13800000000", content="x" * 10, organisation=org, owner=owner,
                                 received_on=datetime.date(2025, 3, 3))


def _disclosure(code: str):
    from renshe.appeals.models import DisclosureRequest

    return DisclosureRequest.objects.create(number=f"GK-{code}", applicant_kind="natural", applicant="某",
                                            id_document="x", contact="x", description="x", form="x",
                                            organisation=Organisation.objects.get(code=code),
                                            received_on=datetime.date(2025, 3, 3))


def _dispute(code: str):
    """A case filed with the committee of the city ``code`` (the test of disputes' application)."""
    from renshe.disputes import services
    from tests.disputes.conftest import application, pdf_file

    orgs = {"xm": Organisation.objects.get(code=code)}
    return services.save_application(application(orgs), [pdf_file()], submit=True)


#: Object URLs whose object belongs to no organisation, with the reason (reviewed).
NO_ORGANISATION = {
    "normdocs:detail": "the department's own register: every register role reads all of it",
    "normdocs:action": "the department's own register; who may act is the workflow's check",
    "normdocs:attachment": "the department's own register: every register role reads all of it",
}


def _url(pattern: str, kwargs: dict) -> str:
    out = pattern
    for key, value in kwargs.items():
        for conv in ("int", "str", "slug", "uuid", "path", ""):
            out = out.replace(f"<{conv}:{key}>" if conv else f"<{key}>", str(value))
    return "/" + out


def _fill(pattern: str, name: str | None, objects: dict) -> str:
    if "<" not in pattern:
        return "/" + pattern
    if name in objects:
        return _url(pattern, objects[name]["own"])
    defaults = {"pk": 1, "name": "x", "slug": "x", "number": 1, "action": "retain", "code": XIAMEN,
                "project_id": 1, "ev": 1, "fmt": "pdf", "kind": "x", "what": "x", "key": "x", "token": "x"}
    kwargs = {k: defaults.get(k, uuid.UUID(int=0)) for k in re.findall(r"<(?:\w+:)?(\w+)>", pattern)}
    return _url(pattern, kwargs)


def _get(client: Client, url: str):
    """GET, or POST (an empty form) where the view takes only POST."""
    r = client.get(url, follow=False)
    return client.post(url, follow=False) if r.status_code == 405 else r


def _step_allows(obj, action: str, u) -> bool:
    """Whether ``u``'s roles may ever take ``action`` on ``obj``'s machine (whatever its state)."""
    from renshe.platform.workflow.services import acting_roles

    return bool(acting_roles(u) & set(obj.machine.transition(action).roles))


@pytest.mark.django_db
def test_every_page_for_every_role(world):
    """Every page × every role × own and other organisation. A role the page's own access rule
    (``role_required``) does not admit gets 403, and a role the workflow step does not name gets
    403 too: never a refused form (422, or the page again), which would mean the form was read
    before the permission was checked. Another organisation's object is 403 or 404."""
    users, objects, steps = world
    seen_roles, wrong = set(), []
    for pattern, qualified in PAGES:
        if "<" in pattern and qualified not in PUBLIC:
            assert qualified in objects or qualified in NO_ORGANISATION, \
                f"{pattern} names an object: add it to the world's objects (own/other organisation) or NO_ORGANISATION"
        url = _fill(pattern, qualified, objects)
        anonymous = _get(Client(), url)
        if qualified in PUBLIC:
            assert anonymous.status_code < 500, (url, anonymous.status_code)
            continue
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], \
            f"{url} opens without a login: protect it or add it to PUBLIC (reviewed)"
        view = resolve(url).func
        if view_allows(users["leader"], view) is None and qualified not in SIGNED_IN_ONLY:
            wrong.append((url, "declares no role_required / RoleRequiredMixin"))
        for code, u in users.items():
            client = Client()
            client.force_login(u)
            r = _get(client, url)
            if r.status_code not in (200, 302, 403, 404, 405, 422):  # 422: a form refused, to a role that may send it
                wrong.append((url, code, r.status_code))
            if code in MACHINE_ROLES and qualified not in MACHINE_MAY_OPEN:
                if r.status_code != 403:
                    wrong.append((url, code, r.status_code, "a machine account opens a page"))
            elif view_allows(u, view) is False:
                if r.status_code != 403:
                    wrong.append((url, code, r.status_code, "the page's access rule refuses this role: 403 expected"))
            elif qualified in steps and code != "other" \
                    and not _step_allows(steps[qualified]["own"], objects[qualified]["own"]["action"], u):
                if r.status_code != 403:
                    wrong.append((url, code, r.status_code, "the step does not name this role: 403 expected"))
            elif r.status_code == 200:
                seen_roles.add(code)
            if qualified in objects and "other" in objects[qualified]:
                # users are all of Xiamen but "other" (Fuzhou): the object not of their organisation
                theirs = objects[qualified]["own" if code == "other" else "other"]
                r = _get(client, _url(pattern, theirs))
                if r.status_code not in (403, 404):
                    wrong.append((_url(pattern, theirs), code, r.status_code, "another organisation's object"))
    assert not wrong, "\n".join(map(str, wrong))
    assert seen_roles >= {"labour_inspector", "leader", "legal_office", "division_staff"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["arrears-alert", "arrears-evidence", "arrears-project", "arrears-city",
                                  "planner-batch-download", "arrears-alert-step", "arrears-evidence-upload",
                                  "planner-batch-delete", "workflow-notification-done",
                                  "disputes:detail", "disputes:document"])
def test_objects_of_another_organisation_are_404(world, name):
    users, objects, _ = world
    pattern = next(p for p, n in PAGES if n == name)
    post = name in ("arrears-alert-step", "arrears-evidence-upload", "planner-batch-delete", "workflow-notification-done")
    who = {"planner-batch-download": "division_staff", "planner-batch-delete": "division_staff",
           "workflow-notification-done": "labour_inspector", "arrears-evidence": "leader",
           "disputes:detail": "arbitrator", "disputes:document": "arbitrator"}.get(name, "labour_inspector")
    client = Client()
    client.force_login(users[who])
    send = client.post if post else client.get
    other = send(_url(pattern, objects[name]["other"]))
    assert other.status_code == 404, (name, other.status_code)
    own = send(_url(pattern, objects[name]["own"]))
    assert own.status_code in (200, 302), (name, own.status_code)


def _operations():
    """(url, method, ninja operation, secured) for every operation of the served schema."""
    ops = {api.get_openapi_operation_id(op): op for _prefix, router in api._routers
           for path_view in router.path_operations.values() for op in path_view.operations}
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, spec in methods.items():
            url = path.replace("{table}", "payroll").replace("{name}", "economic.x")
            yield url, method, ops[spec["operationId"]], bool(spec.get("security"))


def _call(client: Client, method: str, url: str):
    if method == "get":
        return client.get(url)
    return client.post(url, content_type="application/json", data='{"rows": [{}]}')


@pytest.mark.django_db
def test_every_api_operation_for_every_role(world):
    users, *_ = world
    tokens = {code: ApiToken.issue(u, code)[1] for code, u in users.items()}
    for url, method, op, secured in _operations():
        if not secured:
            assert op.view_func.__name__ in PUBLIC_OPERATIONS, \
                f"{url} takes no account: protect it or add it to PUBLIC_OPERATIONS (reviewed)"
            continue
        r = _call(Client(enforce_csrf_checks=True), method, url)
        assert r.status_code == 401, (url, "anonymous", r.status_code)
        declared = next((set(a.roles) for a in op.auth_callbacks if isinstance(a, RoleBearerAuth)), None)
        for code, token in tokens.items():
            r = _call(Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"}), method, url)
            assert r.status_code < 500, (url, code, r.status_code)
            if declared is None:
                continue  # session only (normdocs): a token is not a way in, and the register checks its roles
            named = code in declared or (not declared and code in ROLES and not ROLES[code].machine)
            if code == "other":
                named = bool(declared & {"labour_inspector", "leader", "division_staff"}) or not declared
            if "/push/" in url:  # the push names its roles, then each table its permission
                named = named and users[code].has_perm(PUSH_TABLES["payroll"])
            if named:
                assert r.status_code not in (401, 403), (url, code, r.status_code)
            else:
                assert r.status_code == 403, (url, code, r.status_code)


#: The disputes API's object operations, each with the role that may use it on its own city's case.
DISPUTE_API = [("get", "/api/v1/disputes/cases/{pk}"), ("get", "/api/v1/disputes/cases/{pk}/elements"),
               ("get", "/api/v1/disputes/cases/{pk}/steps"), ("get", "/api/v1/disputes/cases/{pk}/documents"),
               ("get", "/api/v1/disputes/cases/{pk}/documents/application?format=pdf"),
               ("post", "/api/v1/disputes/cases/{pk}/steps/accept")]


@pytest.mark.django_db
@pytest.mark.parametrize("method,pattern", DISPUTE_API, ids=[f"{m} {p}" for m, p in DISPUTE_API])
def test_dispute_api_objects_of_another_organisation_are_404(world, method, pattern):
    """The API's object operations, by bearer token without a cookie: another city's case is a 404
    for every staff role; one's own answers (a step the role may not take is the kernel's 403)."""
    users, objects, _ = world
    for code in ("mediator", "leader", "arbitrator"):  # the arbitrator's accept last: it moves the case
        token = ApiToken.issue(users[code], f"matrix-{code}")[1]
        client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
        def send(url, client=client):
            return client.get(url) if method == "get" else client.post(url, data="{}", content_type="application/json")

        other = send(pattern.format(pk=objects["disputes:detail"]["other"]["pk"]))
        assert other.status_code == 404 and other.json()["problems"][0]["zh"], (code, pattern, other.status_code)
        own = send(pattern.format(pk=objects["disputes:detail"]["own"]["pk"]))
        expected = {"arbitrator": 200}.get(code, 403) if method == "post" else 200
        assert own.status_code == expected, (code, pattern, own.status_code)

"""POST /api/v1/arrears/push/{table}: banks and the housing department push rows with a bearer
token; the push answers at once (202) and the queue worker appends the rows; the rows meet the
same checks as files, bad ones come back by index, re-pushing changes nothing, a changed row is
a versioned correction, and the rows feed ``renshe arrears run`` like files do."""

from __future__ import annotations

import pytest

from renshe.arrears import landing
from renshe.arrears.core import ingest, warnings
from renshe.arrears.core.schema import BY_NAME
from renshe.arrears.models import PushRecord
from renshe.cli import main
from renshe.platform.accounts.models import ApiToken
from tests.arrears.conftest import HAND_BUILT, lake_count, write_tables

HOUSING = ["org", "project", "project_org", "worker", "project_worker", "attendance", "labour_cost_due"]
BANK = ["wage_account", "account_txn", "payroll"]
# not pushed: reference data first; deposits and complaints (人社's own records) after the pushes
FILES, LATER_FILES = ["region", "meta"], ["wage_deposit", "complaint"]


def _rows(table: str, rows: list[tuple] | None = None) -> list[dict]:
    names = [c.name for c in BY_NAME[table].columns]
    return [dict(zip(names, r, strict=True)) for r in (HAND_BUILT[table] if rows is None else rows)]


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A store holding the regions and the batch's as-of date, which come as files."""
    src = tmp_path / "files"
    write_tables(src, {t: HAND_BUILT[t] for t in FILES})
    path = tmp_path / "push.duckdb"
    ingest.ingest(src, path, tmp_path / "r.csv")
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(path))
    return path


@pytest.fixture
def tokens(demo):
    return {name: ApiToken.issue(demo[user], name)[1] for name, user in
            {"bank": "feed.bank", "housing": "feed.housing", "inspector": "inspector.fz"}.items()}


def _post(client, table, token=None, rows=None, body=None, content_type="application/json"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if body is not None else {"rows": rows}
    return client.post(f"/api/v1/arrears/push/{table}", data=data, content_type=content_type, headers=headers)


_count = lake_count


def _result(client, token, push_id: int) -> dict:
    r = client.get(f"/api/v1/arrears/pushes/{push_id}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.content
    return r.json()


def _push_all(client, tokens) -> list[dict]:
    """Push every table, then run the queue's task (the store's one writer); the final results."""
    ids = []
    for table in HOUSING + BANK:
        r = _post(client, table, tokens["bank" if table in BANK else "housing"], _rows(table))
        assert r.status_code == 202 and r.json()["state"] == "landed", r.content
        ids.append((r.json()["push_id"], tokens["bank" if table in BANK else "housing"]))
    landing.ingest_landed()
    return [_result(client, tok, i) for i, tok in ids]


@pytest.mark.django_db
def test_token_and_role_are_required(client, store, tokens):
    rows = _rows("payroll")
    assert _post(client, "payroll", rows=rows).status_code == 401
    assert _post(client, "payroll", "not-a-token", rows).status_code == 401
    assert _post(client, "payroll", tokens["inspector"], rows).status_code == 403  # a staff role does not push
    assert _post(client, "payroll", tokens["housing"], rows).status_code == 403  # the bank's table
    assert _post(client, "project", tokens["bank"], _rows("project")).status_code == 403  # housing's table
    assert _post(client, "region", tokens["housing"], [{"region_code": "350102"}]).status_code == 422  # not pushable
    assert _count(store, "payroll") == 0 and PushRecord.objects.count() == 0


@pytest.mark.django_db
def test_pushed_rows_feed_the_run_like_files(client, store, tokens, hand_built, tmp_path, demo, capsys):
    results = _push_all(client, tokens)
    assert all(r["rejected"] == 0 and r["inserted"] == r["received"] for r in results)
    # deposits and complaints arrive as files; then the run sees the same province as a file load
    extra = tmp_path / "extra"
    write_tables(extra, {t: HAND_BUILT[t] for t in LATER_FILES})
    ingest.ingest(extra, store, tmp_path / "r2.csv")
    assert main(["arrears", "run", "--store", str(store)]) == 0
    reference = tmp_path / "files.duckdb"
    ingest.ingest(hand_built, reference, tmp_path / "r3.csv")
    assert main(["arrears", "run", "--store", str(reference)]) == 0
    pushed = [{k: v for k, v in w.items() if k not in {"run_id", "as_of"}} for w in warnings.read(store)]
    filed = [{k: v for k, v in w.items() if k not in {"run_id", "as_of"}} for w in warnings.read(reference)]
    assert pushed == filed and [w["warning_id"] for w in pushed] == ["1-2025-09"]
    # each push recorded: who, table, counts
    rec = PushRecord.objects.get(table="payroll")
    assert (rec.actor.username, rec.inserted, rec.rejected, rec.status, rec.body_format, rec.state) == (
        "feed.bank", 4, 0, 202, "json", "ingested")
    assert PushRecord.objects.count() == len(HOUSING + BANK)
    # the log is read in the admin by the administrator and leaders, and nobody can edit it
    client.force_login(demo["leader"])
    page = client.get("/admin/arrears/pushrecord/")
    assert page.status_code == 200 and "feed.bank" in page.content.decode()
    assert client.get(f"/admin/arrears/pushrecord/{rec.pk}/delete/").status_code == 403


@pytest.mark.django_db
def test_bad_rows_come_back_by_index_and_no_good_row_is_lost(client, store, tokens):
    for table in HOUSING[:5]:
        assert _post(client, table, tokens["housing"], _rows(table)).status_code == 202
    landing.ingest_landed()
    good = _rows("attendance")
    bad = {
        3: {**good[0], "work_date": "2025-13-45"},  # no such date
        7: {**good[0], "hours": -3},  # below the minimum
        8: {**good[0], "worker_id": 999},  # no such worker on the project
        10: {k: v for k, v in good[0].items() if k != "hours"},  # required column absent
        12: {**good[0], "worker_id": "abc"},  # not an integer
        15: dict(good[0]),  # the key of index 0 again
    }
    rows, g = [], iter(good)
    for i in range(len(good) + len(bad)):
        rows.append(bad[i] if i in bad else next(g))
    r = _post(client, "attendance", tokens["housing"], rows)
    assert r.status_code == 202
    # at once: every refusal that needs no store (index 8's worker is checked against the store later)
    assert [x["index"] for x in r.json()["rejects"]] == [3, 7, 10, 12, 15]
    landing.ingest_landed()
    body = _result(client, tokens["housing"], r.json()["push_id"])
    assert (body["received"], body["accepted"], body["rejected"]) == (len(rows), len(good), len(bad))
    assert [x["index"] for x in body["rejects"]] == sorted(bad)
    reasons = {x["index"]: (x["reason_zh"], x["reason_en"]) for x in body["rejects"]}
    assert reasons[3] == ("work_date：日期格式应为 YYYY-MM-DD", "work_date: not a date (YYYY-MM-DD)")
    assert reasons[7] == ("hours：不得小于 0", "hours: below 0")
    assert reasons[8][1] == "project_id, worker_id: no such project_worker in the store"
    assert reasons[10] == ("hours：必填项缺失", "hours: is missing")
    assert reasons[12][1] == "worker_id: not an integer"
    assert reasons[15] == ("键重复（与本次推送序号 0 的行相同）", "duplicate key (same as index 0 of this push)")
    assert _count(store, "attendance") == len(good)


@pytest.mark.django_db
def test_repushing_changes_nothing(client, store, tokens):
    _push_all(client, tokens)
    before = {t: _count(store, t) for t in HOUSING + BANK}
    again = _push_all(client, tokens)
    assert all(r["inserted"] == 0 and r["unchanged"] == r["received"] for r in again)
    assert {t: _count(store, t) for t in HOUSING + BANK} == before


@pytest.mark.django_db
def test_oversize_is_refused_whole_with_413(client, store, tokens, monkeypatch):
    monkeypatch.setenv("RENSHE_ARREARS_PUSH_MAX_BYTES", "200")
    r = _post(client, "org", tokens["housing"], _rows("org"))
    assert r.status_code == 413
    assert r.json()["problems"][0] == {"field": "body", "zh": "请求体超过 200 字节，请分批推送",
                                       "en": "body larger than 200 bytes; split the push"}
    monkeypatch.setenv("RENSHE_ARREARS_PUSH_MAX_BYTES", "100000")
    monkeypatch.setenv("RENSHE_ARREARS_PUSH_MAX_ROWS", "3")
    r = _post(client, "org", tokens["housing"], _rows("org"))
    assert r.status_code == 413 and "more than 3 rows" in r.json()["message"]
    csv_body = "org_id,credit_code,name,org_type,region_code\n" + "1,x,y,owner,350102\n" * 5
    assert _post(client, "org", tokens["housing"], body=csv_body, content_type="text/csv").status_code == 413
    assert _count(store, "org") == 0
    assert list(PushRecord.objects.values_list("status", flat=True)) == [413, 413, 413]


@pytest.mark.django_db
def test_csv_body(client, store, tokens):
    names = [c.name for c in BY_NAME["org"].columns]
    lines = [",".join(names)] + [",".join(str(v) for v in row) for row in HAND_BUILT["org"]]
    lines.insert(3, '5,91350203000000019A,某劳务公司,sub,350102')  # wrong check character, data row index 2
    r = _post(client, "org", tokens["housing"], body="\n".join(lines) + "\n", content_type="text/csv")
    assert r.status_code == 202
    landing.ingest_landed()
    body = _result(client, tokens["housing"], r.json()["push_id"])
    assert (body["inserted"], body["rejected"]) == (4, 1)
    assert body["rejects"][0]["index"] == 2 and "GB 32100" in body["rejects"][0]["reason_en"]
    assert PushRecord.objects.get().body_format == "csv"
    r = _post(client, "org", tokens["housing"], body="a,b\n1,2\n", content_type="text/csv")
    assert r.status_code == 422
    assert r.json()["problems"][0] == {"field": "body", "zh": "文件缺少列：org_id、credit_code、name、org_type、region_code",
                                       "en": "file lacks column(s): org_id, credit_code, name, org_type, region_code"}


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"\n", b"\xff\xfe\x00garbage", b"org_id,org_id\n1,2\n", b'"unterminated\n',
                                  b"org_id,credit_code,name,org_type,region_code\n"])
def test_odd_csv_bodies_are_refused_not_crashed(client, store, tokens, body):
    r = _post(client, "org", tokens["housing"], body=body, content_type="text/csv")
    assert r.status_code == 422, r.content


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "field"), [
    ("{not json", "body"),
    ({"rows": []}, "rows"),
    ({"rows": [{"org_id": {"nested": 1}}]}, "rows.0.org_id"),
    ({"lines": []}, "rows"),
])
def test_malformed_body_is_422(client, store, tokens, body, field):
    r = _post(client, "org", tokens["housing"], body=body)
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"].startswith(field)


@pytest.mark.django_db
def test_all_rows_refused_is_422_with_the_report(client, store, tokens):
    r = _post(client, "org", tokens["housing"], [{"org_id": "x"}])
    assert r.status_code == 422
    assert r.json()["rejected"] == 1 and r.json()["rejects"][0]["index"] == 0
    r = _post(client, "org", tokens["housing"], body="x", content_type="text/plain")
    assert r.status_code == 415


@pytest.mark.django_db(transaction=True)
def test_two_workers_loading_the_same_landed_pushes_insert_them_once(store, demo, monkeypatch):
    """Two queue workers run the task at once: the writer lock makes the second find nothing left."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)  # queued for the workers below, not run inline

    for _ in range(3):  # the same rows pushed three times
        landing.land(demo["feed.housing"], "org", "json", 100, rows=_rows("org"))

    def work(_):
        try:
            return landing.ingest_landed()
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(work, range(2)))
    assert sorted(r["pushes"] for r in results) == [0, 3]
    assert _count(store, "org") == len(HAND_BUILT["org"])
    recs = PushRecord.objects.order_by("pk")
    assert [r.inserted for r in recs] == [len(HAND_BUILT["org"]), 0, 0]
    assert all(r.state == "ingested" and r.unchanged == (0 if i == 0 else len(HAND_BUILT["org"]))
               for i, r in enumerate(recs))


@pytest.mark.django_db
def test_a_changed_row_is_a_versioned_correction(client, store, tokens):
    """Pushing a row again with other values corrects it: counted, read in place of the old row,
    and pushing the correction once more changes nothing."""
    _post(client, "org", tokens["housing"], _rows("org"))
    landing.ingest_landed()
    fixed = _rows("org")
    fixed[1]["name"] = "福建鑫源建设工程集团有限公司"
    r = _post(client, "org", tokens["housing"], [fixed[1]])
    landing.ingest_landed()
    body = _result(client, tokens["housing"], r.json()["push_id"])
    assert (body["inserted"], body["unchanged"], body["corrected"]) == (0, 0, 1)
    assert _count(store, "org") == len(HAND_BUILT["org"])
    assert lake_count(store, "org", "name = '福建鑫源建设工程集团有限公司'") == 1
    r = _post(client, "org", tokens["housing"], [fixed[1]])
    landing.ingest_landed()
    assert _result(client, tokens["housing"], r.json()["push_id"])["unchanged"] == 1


@pytest.mark.django_db
def test_the_push_is_queued_and_loaded_by_the_worker(client, store, tokens, django_capture_on_commit_callbacks):
    """The push queues the load when its record is committed (django-q2, synchronous in tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(client, "org", tokens["housing"], _rows("org"))
    assert r.status_code == 202
    assert _result(client, tokens["housing"], r.json()["push_id"])["state"] == "ingested"
    assert _count(store, "org") == len(HAND_BUILT["org"])


@pytest.mark.django_db
def test_cr_only_line_endings_do_not_pass_the_row_limit(client, store, tokens, monkeypatch):
    monkeypatch.setenv("RENSHE_ARREARS_PUSH_MAX_ROWS", "3")
    names = [c.name for c in BY_NAME["org"].columns]
    body = "\r".join([",".join(names)] + [",".join(str(v) for v in row) for row in HAND_BUILT["org"]]) + "\r"
    r = _post(client, "org", tokens["housing"], body=body, content_type="text/csv")
    assert r.status_code == 413 and "more than 3 rows" in r.json()["message"]
    monkeypatch.setenv("RENSHE_ARREARS_PUSH_MAX_ROWS", "10")
    r = _post(client, "org", tokens["housing"], body=body, content_type="text/csv")
    assert r.status_code == 202 and r.json()["received"] == len(HAND_BUILT["org"])

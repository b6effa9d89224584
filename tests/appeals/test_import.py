"""12345 work-order import: bad rows reported by the row Excel shows, good rows routed, idempotent, fast."""

import io

import pytest
from openpyxl import Workbook

from renshe.appeals import importer
from renshe.appeals.models import Appeal, Handover, ImportBatch
from renshe.platform.audit.models import AuditRecord
from renshe.platform.audit.service import history
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.rules.errors import RulesError


def workbook(rows=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(importer.COLUMNS))
    for r in rows if rows is not None else [
        ["GD1", "2025-03-03", "王一", "13800000001", "拖欠工资", "350206", "在某工地务工两个月未发工资",
         "某项目", "某公司", 12000, 3, ""],
        ["GD2", "2025-03-03", "王二", "12345", "社会保险", "350102", "咨询养老保险转移接续办理", "", "", "", "", ""],
        ["GD3", "2025-03-04", "王三", "13800000003", "社会保险", "350102", "咨询养老保险转移接续办理", "", "", "", "", ""],
        ["GD4", "2025-13-01", "王四", "13800000004", "社会保险", "350102", "咨询养老保险转移接续办理", "", "", "", "", ""],
    ]:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db
def test_rejects_named_by_row_and_column_and_idempotent(setup):
    first = importer.import_rows(importer.read(workbook()), source="3月工单.xlsx")
    assert first.imported == 2 and first.already == 0
    batch = ImportBatch.objects.get()
    assert (batch.source, batch.imported, batch.already, batch.rejected) == ("3月工单.xlsx", 2, 0, 2)
    # one audit record for the import and one for its clocks, both on the batch; none per row
    assert sorted(r.action for r in history(batch)) == ["import", "track_many"]
    assert not AuditRecord.objects.filter(content_type__model="appeal").exists()
    for a in Appeal.objects.all():  # each request's running clock is the kernel's, in the 待办
        assert (a.import_batch, a.clock.is_open, a.clock.due, a.clock.object_id) == (batch, True, a.acceptance_due,
                                                                                     str(a.pk))
    assert first.rejects == [(3, "联系电话", "应为11位手机号或带区号的固定电话"), (5, "受理日期", "日期格式应为 YYYY-MM-DD")]
    again = importer.import_rows(importer.read(workbook()))
    assert (again.imported, again.already, len(again.rejects)) == (0, 2, 2)
    assert ImportBatch.objects.count() == 2 and TrackedDeadline.objects.count() == 2
    assert Appeal.objects.count() == 2 and Handover.objects.count() == 2
    a = Appeal.objects.get(external_id="GD1")
    assert a.channel == "12345" and a.pending_org.code == "350206" and a.number.startswith("SQ2025")


@pytest.mark.django_db
def test_same_matter_twice_in_one_file_is_one_request_and_a_repeat(setup):
    row = ["", "2025-03-03", "王一", "13800000001", "拖欠工资", "350206", "在某工地务工两个月未发工资", "某项目",
           "某公司", 12000, 3, ""]
    importer.import_rows(importer.read(workbook([["GD1", *row[1:]], ["GD9", "2025-03-05", *row[2:]]])))
    a, b = Appeal.objects.get(external_id="GD1"), Appeal.objects.get(external_id="GD9")
    assert a.repeat_of is None and b.repeat_of == a


def test_not_a_workbook_or_missing_columns():
    with pytest.raises(RulesError) as e:
        importer.read(b"not excel")
    assert "Excel" in e.value.problems[0].zh
    wb = Workbook()
    wb.active.append(["工单编号"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(RulesError) as e:
        importer.read(buf.getvalue())
    assert e.value.problems[0].zh.startswith("缺少列：受理日期")

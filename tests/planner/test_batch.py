"""plan-batch: CSV, Excel and Parquet, bad rows reported with row number and reason, the rest
planned, and each planned row the same as planning that household alone."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from renshe.cli import main
from renshe.planner.core import batch
from renshe.planner.core.explain import plan
from renshe.planner.core.models import Profile
from renshe.planner.synthetic import profiles

TODAY = dt.date(2026, 6, 15)


def test_bad_rows_reported_rest_planned():
    df = profiles(300, seed=3, today=TODAY)
    df = df.astype(str)
    df.loc[5, "birth"] = "1990-13"
    df.loc[7, "monthly_income"] = "lots"
    df.loc[9, "employment"] = "astronaut"
    df.loc[11, "paid_months"] = "900"
    out = batch.plan_frame(df.copy(), TODAY)
    assert len(out) == 300 and list(out["id"]) == list(df["id"])
    errors = out["error"].dropna()
    assert set(errors.index) == {5, 7, 9, 11}
    assert errors[5].startswith("第6行 row 6:") and "birth" in errors[5]
    assert "monthly_income" in errors[7] and "应为数字" in errors[7]
    assert "employment" in errors[9]
    assert "paid_months" in errors[11]
    ok = out.drop(index=[5, 7, 9, 11])
    assert ok["error"].isna().all()
    assert (ok["key"].notna() | (ok["affordable"] == False)).all()  # noqa: E712


def test_batch_row_equals_single_plan():
    df = profiles(40, seed=11, today=TODAY).astype(str)
    df["as_of"] = TODAY.isoformat()
    out = batch.plan_frame(df.copy(), TODAY)
    for i in range(40):
        row = df.iloc[i]
        deps = [{"relation": "child"}] * int(row["children"]) + [{"relation": "elder"}] * int(row["elders"])
        single = plan(
            Profile(
                birth=row["birth"], category=row["category"], region=row["region"], employment=row["employment"],
                monthly_income=float(row["monthly_income"]), monthly_debt_payments=float(row["monthly_debt_payments"]),
                dependents=deps, paid_months=int(row["paid_months"]), account_balance=float(row["account_balance"]),
                as_of=TODAY,
            )
        )
        got = out.iloc[i]
        if single.recommended is None:
            assert pd.isna(got["key"])
            continue
        r = single.recommended
        assert got["key"] == r.key
        assert got["monthly_pension"] == pytest.approx(r.monthly_pension, abs=0.01)
        assert got["lifetime_value"] == pytest.approx(r.lifetime_value, abs=0.01)
        assert got["retire_month"] == r.retire_month
        if r.irr is not None:
            assert got["irr"] == pytest.approx(r.irr, abs=2e-4)


WRITE = {
    "csv": lambda df, path: df.to_csv(path, index=False),
    "parquet": lambda df, path: df.to_parquet(path, index=False),
    "xlsx": lambda df, path: df.to_excel(path, index=False),
}
READ = {"csv": pd.read_csv, "parquet": pd.read_parquet, "xlsx": pd.read_excel}


@pytest.mark.parametrize("ext", ["csv", "parquet", "xlsx"])
def test_cli_plan_batch_files(tmp_path, capsys, ext):
    src, dst = tmp_path / f"in.{ext}", tmp_path / f"out.{ext}"
    df = profiles(50, seed=5, today=TODAY, bad=0.1)
    WRITE[ext](df, src)
    assert main(["plan-batch", str(src), str(dst)]) == 0
    summary = json.loads(capsys.readouterr().out)
    out = READ[ext](dst)
    assert summary["rows"] == len(out) == 50
    assert summary["errors"] == int(out["error"].notna().sum()) > 0
    assert list(out.columns[:2]) == ["id", "key"]
    # a bad row is named by the row the person sees: header = row 1 in CSV and Excel, none in Parquet
    i = int(out["error"].notna().to_numpy().argmax())
    n = i + (1 if ext == "parquet" else 2)
    assert out["error"][i].startswith(f"第{n}行 row {n}:")


def test_excel_as_people_type_it(tmp_path, capsys):
    """Excel turns 1980-05 into a date and 17 into a number: both still mean what was typed."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["id", "birth", "category", "employment", "monthly_income", "children", "as_of"])
    ws.append([17, dt.datetime(1980, 5, 1), "male_60", "employee", 8000, 1, dt.datetime(2026, 6, 15)])
    ws.append(["b-2", "1975-11", "female_55", "flexible", "六千", 0, "2026-06-15"])
    wb.save(tmp_path / "in.xlsx")
    assert main(["plan-batch", str(tmp_path / "in.xlsx"), str(tmp_path / "out.xlsx")]) == 0
    out = pd.read_excel(tmp_path / "out.xlsx", dtype={"id": str})
    assert list(out["id"]) == ["17", "b-2"]
    single = plan(Profile(birth="1980-05", category="male_60", employment="employee", monthly_income=8000,
                          dependents=[{"relation": "child"}], as_of=TODAY))
    assert out["key"][0] == single.recommended.key and pd.isna(out["error"][0])
    assert out["error"][1].startswith("第3行 row 3:") and "monthly_income" in out["error"][1]


@pytest.mark.parametrize("name", ["in.xls", "in.json", "in"])
def test_a_file_type_it_cannot_read_is_refused_in_both_languages(tmp_path, capsys, name):
    (tmp_path / name).write_text("id,birth\n")
    assert main(["plan-batch", str(tmp_path / name), str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert "不支持的文件类型" in err and "unsupported file type" in err and not (tmp_path / "out.csv").exists()


def test_an_output_type_it_cannot_write_is_refused_before_planning(tmp_path, capsys):
    src = tmp_path / "in.csv"
    profiles(5, seed=1, today=TODAY).to_csv(src, index=False)
    assert main(["plan-batch", str(src), str(tmp_path / "out.xls")]) == 2
    assert "另存为 .xlsx" in capsys.readouterr().err


def test_too_many_rows_for_one_excel_sheet(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(batch, "EXCEL_MAX_ROWS", 5)  # Excel's 1,048,576 rows, scaled down for the test
    src = tmp_path / "in.csv"
    profiles(5, seed=1, today=TODAY).to_csv(src, index=False)
    assert main(["plan-batch", str(src), str(tmp_path / "out.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "放不进一张 Excel 表" in err and "do not fit one Excel sheet" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_missing_column_is_a_bilingual_error(tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": ["a"], "birth": ["1980-01"]}).to_csv(src, index=False)
    assert main(["plan-batch", str(src), str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert "缺少列" in err and "lacks the columns" in err


def test_processes_give_the_same_result():
    df = profiles(3000, seed=8, today=TODAY, bad=0.02)
    one = batch.plan_frame(df.copy(), TODAY, workers=1)
    two = batch.plan_frame(df.copy(), TODAY, workers=2)
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize("ext", ["xlsx", "csv"])
def test_the_template_plans_as_it_stands_and_explains_every_column(tmp_path, capsys, ext):
    tpl = tmp_path / f"template.{ext}"
    assert main(["plan-template", str(tpl)]) == 0
    assert main(["plan-batch", str(tpl), str(tmp_path / f"out.{ext}")]) == 0
    capsys.readouterr()
    out = READ[ext](tmp_path / f"out.{ext}")
    assert len(out) == len(batch.EXAMPLES) and out["error"].isna().all() and out["key"].notna().all()
    if ext == "xlsx":
        example = pd.read_excel(tpl, sheet_name="填写")
        notes = pd.read_excel(tpl, sheet_name="填写说明", dtype=str, keep_default_na=False)
        assert list(notes["列名"]) == list(example.columns)  # a note for every column, in order
        assert set(notes.loc[notes["必填"] == "是", "列名"]) == set(batch.REQUIRED)
        paid = notes.set_index("列名").loc["paid_months"]
        assert paid["可填的值"] == "0–600 的整数" and paid["空着时"] == "按 0" and "已缴费月数" in paid["含义"]
        assert "female_50（女工人（原50岁退休））" in notes.set_index("列名").loc["category", "可填的值"]


def test_unreadable_input_and_unwritable_output_are_refused_before_planning(tmp_path, capsys):
    fake = tmp_path / "in.xlsx"
    fake.write_text("id,birth\n1,1980-01\n")  # a CSV renamed to .xlsx
    assert main(["plan-batch", str(fake), str(tmp_path / "out.csv")]) == 2
    assert "不是有效的 .xlsx 文件" in capsys.readouterr().err
    src = tmp_path / "in.csv"
    profiles(5, seed=1, today=TODAY).to_csv(src, index=False)
    for cmd in (["plan-batch", str(src), str(tmp_path / "no" / "out.csv")], ["plan-template", str(tmp_path / "no" / "t.xlsx")]):
        assert main(cmd) == 2
        err = capsys.readouterr().err
        assert "无法写入输出文件" in err and "cannot write the output" in err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_a_file_over_the_row_cap_is_refused_and_nothing_is_written(tmp_path, capsys, monkeypatch, suffix):
    """Issue 13, item 6: an explicit row cap, named in the refusal (exit 2, both languages); the
    parts planned before the file passed it are not left behind (the output is renamed into place
    only when every row is planned)."""
    monkeypatch.setattr(batch, "MAX_ROWS", 5)  # 1,000,000 in service, scaled down
    monkeypatch.setattr(batch, "READ_ROWS", 2)  # so parts were planned and written before the refusal
    df = profiles(6, seed=1, today=TODAY)
    src = tmp_path / f"in{suffix}"
    {".csv": lambda: df.to_csv(src, index=False), ".xlsx": lambda: df.to_excel(src, index=False),
     ".parquet": lambda: df.to_parquet(src, index=False)}[suffix]()
    out = tmp_path / "out.csv"
    assert main(["plan-batch", str(src), str(out)]) == 2
    err = capsys.readouterr().err
    assert "超过 5 户" in err and "more than 5 households" in err and "拆分" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]  # no output, no partial file
    df.head(5).to_csv(src.with_suffix(".csv"), index=False)  # at the cap: planned
    assert main(["plan-batch", str(src.with_suffix(".csv")), str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 5 and len(pd.read_csv(out)) == 5


def test_parts_keep_the_files_row_numbers(tmp_path, monkeypatch):
    """Read three rows at a time, a bad fifth household is still reported on the file's row 6."""
    monkeypatch.setattr(batch, "READ_ROWS", 3)
    df = profiles(8, seed=4, today=TODAY).astype(str)
    df.loc[4, "birth"] = "1990-13"
    df.to_csv(tmp_path / "in.csv", index=False)
    summary = batch.run(tmp_path / "in.csv", tmp_path / "out.parquet", workers=1)
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert summary["rows"] == 8 and summary["errors"] == 1 and list(out["id"]) == list(df["id"])
    assert out["error"].dropna().tolist()[0].startswith("第6行 row 6:")


_PEAK = """
import sys
from pathlib import Path
from renshe.planner.core import batch

def status(key):  # kB, from the kernel's account of this process
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key))

batch.READ_ROWS = int(sys.argv[3])
batch.run(Path(sys.argv[4]), Path(sys.argv[2]), workers=1, show_progress=False)  # the law and modules loaded
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) starts again from what is resident now
before = status("VmRSS:")
batch.run(Path(sys.argv[1]), Path(sys.argv[2]), workers=1, show_progress=False)
print(status("VmHWM:") - before)"""


def test_a_large_csv_is_planned_in_bounded_memory(tmp_path):
    """The same 20,000-household CSV planned in parts of 2,000 and in one part (the whole file in
    memory, as before): the peak resident memory each run adds (kB, its own process) is less than
    half as much streamed. bench/plan_batch_memory.py measures a million rows."""
    import subprocess
    import sys

    src, warm = tmp_path / "in.csv", tmp_path / "warm.csv"
    profiles(20_000, seed=2, today=TODAY).to_csv(src, index=False)
    profiles(500, seed=3, today=TODAY).to_csv(warm, index=False)

    def peak(part_rows: int) -> int:
        run = subprocess.run([sys.executable, "-c", _PEAK, str(src), str(tmp_path / "out.csv"), str(part_rows), str(warm)],
                             capture_output=True, text=True, check=True)
        return int(run.stdout.split()[-1])

    streamed, whole = peak(2_000), peak(100_000)
    assert streamed < whole / 2, (streamed, whole)

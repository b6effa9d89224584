"""The analytical store: a partitioned Parquet dataset that DuckDB and Spark both read in place.

Where it lives is one setting, ``RENSHE_ARREARS_STORE`` (``--store`` on the command line):
a folder (``var/arrears-lake`` by default) or any URI pyarrow writes and both engines read —
a shared mount, ``hdfs://…``, or S3-compatible storage (``s3://…``, endpoint and keys in the
usual ``AWS_*`` settings; DuckDB through its httpfs extension or fsspec, :meth:`Lake.connect_duckdb`;
Spark through ``s3a``/its Hadoop connector, configured on the cluster).

Layout::

    <store>/tables/<table>/ym=<YYYYMM>/v<version>-<n>.parquet   monthly facts
    <store>/tables/<table>/v<version>-<n>.parquet               reference tables
    <store>/_log/<version>.json                                 one file per commit
    <store>/_published/…                                        results of runs (published.py)

**Partitioning.** Every indicator is a figure for a project and a month (ARREARS-REFERENCE.md
§4–§5), and a run reads whole months for the whole province: the month is the only key the
indicators filter on, so the monthly facts (attendance by work date, payroll by wage month,
account transactions by date, complaints by date received, the labour-cost plan by month)
are partitioned by month and nothing else. A month-incremental run (:mod:`.incremental`)
then reads only the months that changed. City is not a partition key: no run reads one
city, and 10 cities × 12 months × 5 tables would multiply small files for nothing. Within a
partition the rows are sorted by the table's key (project first), so Parquet's row-group
statistics let a project's drill-down skip most of a month. The reference tables (projects,
contractors, workers: about a million rows) are read whole and are not partitioned.

**Commits.** The dataset's contents are the files named by the newest ``_log/<version>.json``
(each lists every file, so a reader opens one small file). A writer writes its new files
first — invisible, as no commit names them — then writes the next version's log file under
a temporary name and renames it into place (a single PUT on object storage). So an ingest is
all-or-nothing, and a reader pinned to a version always sees the same rows; files are never
modified or deleted, so readers need no lock. One writer at a time (:meth:`Lake.writer`):
an exclusive file lock, held by the queue worker that ingests (``renshe arrears ingest`` takes
it too and waits, then refuses in both languages).

**Corrections** are versioned: a row whose key is already there with other values is
appended with its commit version in ``_v``; a table with corrections is read through a view
that keeps each key's newest row (the older row stays, as the record of what was reported).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.fs as pafs

from renshe.arrears.core.schema import SQL_TYPES, TABLES, Table
from renshe.rules.errors import RulesError

DEFAULT = Path("var/arrears-lake")
#: the column that partitions each monthly fact table, and how a row's month is computed (SQL)
MONTH_OF: dict[str, str] = {
    "attendance": "year(work_date) * 100 + month(work_date)",
    "payroll": "CAST(replace(month, '-', '') AS INTEGER)",
    "account_txn": "year(txn_date) * 100 + month(txn_date)",
    "complaint": "year(received_date) * 100 + month(received_date)",
    "labour_cost_due": "CAST(replace(month, '-', '') AS INTEGER)",
}
#: reference tables whose new rows change earlier months' figures (from this month on)
WIDENS_FROM: dict[str, str] = {"wage_deposit": "year(valid_from) * 100 + month(valid_from)"}
#: how long a second writer waits for the first before it is refused
WRITER_WAIT_SECONDS = float(os.environ.get("RENSHE_ARREARS_WRITER_WAIT", "600"))


class WriterBusy(RulesError):
    """Another ingest holds the store."""


@dataclass(frozen=True)
class Snapshot:
    """One committed version: its files per table and the tables that hold corrections."""

    lake: Lake
    version: int
    files: dict[str, list[dict]]
    corrected: frozenset[str]
    commits: tuple[dict, ...] = ()

    def uris(self, table: str, months: set[int] | None = None) -> list[str]:
        """Every file of ``table`` (only the ``months`` given, if any) as engines address them."""
        return [self.lake.uri(f["path"]) for f in self.files.get(table, [])
                if months is None or f.get("ym") is None or f["ym"] in months]

    def rows(self, table: str) -> int:
        return sum(f["rows"] for f in self.files.get(table, []))

    def months(self) -> list[int]:
        """The months (YYYYMM) that hold attendance."""
        return sorted({f["ym"] for f in self.files.get("attendance", [])})

    def view_sql(self, t: Table, uris: list[str], src: str) -> str:
        """SELECT of ``t``'s current rows from ``src`` (a relation over ``uris``), engine-neutral SQL."""
        cols = ", ".join(c.name for c in t.columns)
        if not uris:
            typed = ", ".join(f"CAST(NULL AS {SQL_TYPES[c.kind].replace('VARCHAR', 'STRING')}) AS {c.name}" for c in t.columns)
            return f"SELECT {typed} FROM (SELECT 1 AS one) e WHERE 1 = 0"
        if t.name not in self.corrected:
            return f"SELECT {cols} FROM {src}"
        key = ", ".join(t.key)
        return (f"SELECT {cols} FROM (SELECT {cols}, row_number() OVER (PARTITION BY {key} ORDER BY _v DESC) AS _n "
                f"FROM {src}) q WHERE _n = 1")

    def attach_duckdb(self, con, only: dict[str, list[str]] | None = None,
                      pending: dict[str, list[str]] | None = None) -> None:
        """Create a view per table on ``con`` reading this version's files in place (for a table
        in ``only``, just the files it names), plus ``pending`` files a writer has not committed yet."""
        self.lake.connect_duckdb(con)
        for t in TABLES:
            uris = (only[t.name] if only and t.name in only else self.uris(t.name)) + (pending or {}).get(t.name, [])
            src = "read_parquet([" + ", ".join(_lit(u) for u in uris) + "], union_by_name = true)" if uris else ""
            con.execute(f"CREATE OR REPLACE TEMP VIEW {t.name} AS {self.view_sql(t, uris, src)}")


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


class Lake:
    """The dataset at ``location`` (a path or a URI)."""

    def __init__(self, location: str | os.PathLike) -> None:
        loc = str(location)
        self.remote = "://" in loc and not loc.startswith("file://")
        if self.remote:
            self.fs, self.base = pafs.FileSystem.from_uri(loc)
            self.root = loc.rstrip("/")
        else:
            path = Path(loc.removeprefix("file://")).absolute()
            self.fs, self.base, self.root = pafs.LocalFileSystem(), str(path), str(path)

    def __repr__(self) -> str:
        return f"Lake({self.root!r})"

    def uri(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def _path(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def connect_duckdb(self, con) -> None:
        """Let DuckDB on ``con`` read and write this store's URIs (nothing to do for a folder).

        DuckDB's own httpfs extension when it is installed; else the fsspec filesystem of the
        URI's scheme (``s3fs`` for ``s3://``, the ``s3`` extra of this package), which pip
        installs: httpfs comes only from DuckDB's extension site (``INSTALL httpfs``), which a
        machine without internet cannot reach, and the httpfs wheels on PyPI are built for
        other DuckDB versions (README, "Storage"). Both take the usual ``AWS_*`` settings."""
        if not self.remote:
            return
        import duckdb

        try:
            con.execute("LOAD httpfs")
            return
        except duckdb.Error:
            pass
        scheme = self.root.split("://", 1)[0]
        try:
            import fsspec

            fs = fsspec.filesystem(scheme, skip_instance_cache=True)  # the AWS_* settings of now
            if not con.filesystem_is_registered(fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol):
                con.register_filesystem(fs)
        except (ImportError, ValueError) as exc:
            raise RulesError.of(
                "store", f"DuckDB 无法访问 {scheme}:// 存储：请安装 httpfs 扩展或 fsspec 的 {scheme} 文件系统（如 s3fs）",
                f"DuckDB cannot reach {scheme}:// storage: install its httpfs extension or fsspec's {scheme} "
                "filesystem (such as s3fs)") from exc

    def local_path(self, rel: str) -> Path | None:
        """Where a file is on this machine's disk, for a local store (else None)."""
        return None if self.remote else Path(self._path(rel))

    def exists(self) -> bool:
        return self.latest_version() > 0

    # -- reading -------------------------------------------------------------------------
    def latest_version(self) -> int:
        try:
            infos = self.fs.get_file_info(pafs.FileSelector(self._path("_log"), allow_not_found=True))
        except (FileNotFoundError, NotADirectoryError):
            return 0
        names = [i.base_name for i in infos if i.base_name.endswith(".json") and i.base_name[:-5].isdigit()]
        return max((int(n[:-5]) for n in names), default=0)

    def _read_json(self, rel: str) -> dict:
        with self.fs.open_input_stream(self._path(rel)) as f:
            return json.loads(f.read().decode("utf-8"))

    def snapshot(self, version: int | None = None) -> Snapshot:
        """The dataset as of ``version`` (default the newest); version 0 is the empty store."""
        v = self.latest_version() if version is None else version
        if v == 0:
            return Snapshot(self, 0, {}, frozenset())
        c = self._read_json(f"_log/{v:08d}.json")
        return Snapshot(self, v, c["files"], frozenset(c["corrected"]))

    def commits_after(self, version: int, upto: int | None = None) -> list[dict]:
        """The commit records newer than ``version``, up to ``upto`` (default the newest): what
        changed since a run read it."""
        last = self.latest_version() if upto is None else upto
        return [self._read_json(f"_log/{v:08d}.json") for v in range(version + 1, last + 1)]

    # -- writing -------------------------------------------------------------------------
    def _lock_path(self) -> Path:
        if self.remote:  # one writer per machine; the queue worker is that writer
            var = Path(os.environ.get("RENSHE_VAR", "var"))
            return var / f"arrears-lake-{uuid.uuid5(uuid.NAMESPACE_URL, self.root).hex[:12]}.lock"
        return Path(self.base) / "_writer.lock"

    @contextlib.contextmanager
    def writer(self, source: str, wait: float | None = None) -> Iterator[Writer]:
        """The store's only writer; a second one waits up to ``wait`` seconds, then is refused."""
        lock = self._lock_path()
        lock.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + (WRITER_WAIT_SECONDS if wait is None else wait)
        with lock.open("a") as fh:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WriterBusy.of("store", "分析库正由另一入库任务写入，请稍后再试",
                                            "another ingest is writing the store; try again later") from None
                    time.sleep(0.2)
            try:
                yield Writer(self, self.snapshot(), source)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class Writer:
    """New files for one commit; :meth:`commit` makes them visible at once."""

    lake: Lake
    base: Snapshot
    source: str
    added: list[dict] = field(default_factory=list)
    corrected: set[str] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)
    touches_all: bool = False

    @property
    def version(self) -> int:
        return self.base.version + 1

    def new_file(self, table: str, ym: int | None) -> tuple[str, str]:
        """(relative path, local path or URI to write) of the next file of ``table``."""
        part = f"ym={ym}/" if ym is not None else ""
        rel = f"tables/{table}/{part}v{self.version:08d}-{uuid.uuid4().hex[:8]}.parquet"
        local = self.lake.local_path(rel)
        if local is not None:
            local.parent.mkdir(parents=True, exist_ok=True)
            return rel, str(local)
        return rel, self.lake.uri(rel)

    def add(self, table: str, rel: str, rows: int, ym: int | None) -> None:
        self.added.append({"table": table, "path": rel, "rows": int(rows), "ym": ym})
        if ym is not None:
            self.touched.add(ym)

    def pending(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for f in self.added:
            out.setdefault(f["table"], []).append(self.lake.uri(f["path"]))
        return out

    def commit(self) -> int:
        """Publish the new files as the next version; returns it (the base version if nothing was added)."""
        if not self.added:
            return self.base.version
        files = {k: list(v) for k, v in self.base.files.items()}
        for f in self.added:
            files.setdefault(f["table"], []).append(f)
        record = {
            "version": self.version, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source": self.source, "added": self.added, "touched_months": sorted(self.touched),
            "touches_all": self.touches_all, "corrected": sorted(self.base.corrected | self.corrected),
            "files": files,
        }
        body = json.dumps(record, ensure_ascii=False).encode("utf-8")
        final = f"_log/{self.version:08d}.json"
        local = self.lake.local_path(final)
        if local is not None:
            local.parent.mkdir(parents=True, exist_ok=True)
            tmp = local.with_name(f".{local.name}.{uuid.uuid4().hex[:6]}")
            tmp.write_bytes(body)
            os.replace(tmp, local)
        else:
            with self.lake.fs.open_output_stream(self.lake._path(final)) as out:
                out.write(body)
        self.base = Snapshot(self.lake, self.version, files, frozenset(record["corrected"]))
        self.added, self.corrected, self.touched, self.touches_all = [], set(), set(), False
        return self.base.version

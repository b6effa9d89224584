"""The Spark driver of ``renshe arrears run --engine spark``: its own process, without pandas.

PySpark 4.3 supports pandas below 3.0 only: when pandas is importable it checks the version
as its session starts and warns that it "does not yet fully support pandas >= 3.0.0". The
platform runs pandas 3 (pinned for the planner's batch files and the arrears results), so
the driver is a separate process that runs PySpark *without* pandas — a combination PySpark
supports (pandas is optional to it): nothing here converts through pandas; data leave Spark
as Arrow (``toArrow``) and are written as Parquet for the parent process. The indicators are
SQL only (no Python UDF), so the executors run no Python at all.

Input on stdin (JSON, built by :func:`renshe.arrears.core.engines.compute_spark`): a list of
actions, each ``[kind, name, text]``:

* ``parquet``: register ``name`` over the files of ``text`` (a Hadoop glob under the store:
  ``<store>/{tables/x/ym=202509/v1.parquet,...}``), read by the executors where they are;
* ``view``: ``CREATE TEMPORARY VIEW name AS text``;
* ``step``: run ``text`` and keep the result as ``name`` (materialised, cutting the lineage);
* ``output``: write table ``name`` as Parquet to the path ``text`` (on the driver's machine).
"""

from __future__ import annotations

import json
import os
import sys


def session():
    from pyspark.sql import SparkSession

    b = (SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
         .appName("renshe-arrears")
         .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "2"))
         .config("spark.ui.enabled", "false")
         .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "2g"))
         .config("spark.sql.session.timeZone", "UTC"))
    for env, key in (("SPARK_DRIVER_HOST", "spark.driver.host"), ("SPARK_DRIVER_BIND", "spark.driver.bindAddress"),
                     ("SPARK_EXECUTOR_MEMORY", "spark.executor.memory")):
        if os.environ.get(env):
            b = b.config(key, os.environ[env])
    return b.getOrCreate()


def run(actions: list[list[str]]) -> None:
    import pyarrow.parquet as pq

    spark = session()
    try:
        for kind, name, text in actions:
            if kind == "parquet":
                spark.read.format("parquet").load(text).createOrReplaceTempView(name)
            elif kind == "view":
                spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW {name} AS {text}")
            elif kind == "step":
                spark.sql(text).localCheckpoint(eager=True).createOrReplaceTempView(name)
            elif kind == "output":
                pq.write_table(spark.table(name).toArrow(), text)
            else:
                raise ValueError(f"unknown action {kind!r}")
    finally:
        spark.stop()


def main() -> int:
    # This process runs PySpark without pandas (see the module docstring): an import of pandas
    # here fails, so PySpark takes its pandas-free paths instead of checking pandas' version.
    sys.modules["pandas"] = None  # type: ignore[assignment]
    run(json.load(sys.stdin))
    return 0


if __name__ == "__main__":
    sys.exit(main())

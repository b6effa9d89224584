"""The store on S3-compatible object storage gives the same warnings as the store in a folder.

A local S3 endpoint (moto's server, on 127.0.0.1) stands in for the operator's object storage;
the platform reaches it by the settings alone: ``RENSHE_ARREARS_STORE=s3://bucket/prefix``
and the usual ``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``. pyarrow
writes the store's files, commit log and published runs; DuckDB reads them through fsspec's
``s3fs`` (its own httpfs extension cannot be installed without internet: README, "Storage").
Skipped only when moto or s3fs is not installed (both are in the ``dev`` extra).
"""

from __future__ import annotations

import socket

import pytest

from renshe.arrears.core import demo, engines, ingest, lake, warnings

moto_server = pytest.importorskip("moto.server", reason="moto[server] (dev extra) is not installed")
pytest.importorskip("s3fs", reason="s3fs (dev and s3 extras) is not installed")


@pytest.fixture
def s3(monkeypatch):
    """An S3 endpoint on loopback with an empty bucket ``renshe``; the AWS settings point at it."""
    import boto3

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    for k, v in {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                 "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1"}.items():
        monkeypatch.setenv(k, v)
    boto3.client("s3", endpoint_url=url).create_bucket(Bucket="renshe")
    yield "s3://renshe/arrears-lake"
    server.stop()


def test_a_store_on_s3_gives_the_warnings_of_a_store_in_a_folder(tmp_path, s3, monkeypatch):
    monkeypatch.setenv("RENSHE_VAR", str(tmp_path / "var"))  # the writer's lock for a remote store
    src = tmp_path / "src"
    demo.generate(src, workers=150, days=40, seed=3, fmt="csv")
    local = tmp_path / "lake"
    ingest.ingest(src, local)
    loaded = ingest.ingest(src, s3, tmp_path / "rejects.csv")
    assert loaded["rejected"] == 0 and loaded["version"] == 1
    here, there = engines.run(local, "duckdb"), engines.run(s3, "duckdb")
    assert there["store"] == s3 and there["warnings"] == here["warnings"] > 0

    def published(store):
        return [{k: v for k, v in w.items() if k != "run_id"} for w in warnings.read(store)]

    assert published(s3) == published(local)
    assert lake.Lake(s3).snapshot().rows("attendance") == lake.Lake(local).snapshot().rows("attendance")

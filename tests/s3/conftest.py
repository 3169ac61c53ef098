"""The S3 server of these tests (moto, started once for the session and stopped at its
end), its AWS variables set for the whole session (the SDK finds the endpoint and the
credentials as users' code does: ``AWS_ENDPOINT_URL`` and the others), and a new bucket
for each test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.fakes.s3server import S3Server

_buckets = itertools.count()


@pytest.fixture(scope="session")
def s3() -> Iterator[S3Server]:
    server = S3Server.start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in server.environment().items():
                patch.setenv(name, value)
            yield server
    finally:
        server.stop()


@pytest.fixture
def bucket(s3: S3Server) -> str:
    """A new, empty bucket's name."""
    name = f"export-{next(_buckets)}"
    s3.create_bucket(name)
    return name

"""examples/kubernetes: the manifests parse as the Jobs they claim to be, and their commands,
run as Kubernetes runs them (``$(JOB_COMPLETION_INDEX)`` expanded, the index set to each of
0..N-1), export every room of a dev server exactly once across the shards (into local
directories in place of the bucket), then merge into one complete export."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from liveblocks.export import Shard
from tests.devserver_process import ROOT, SECRET, DevServer
from tests.export_helpers import ROOM_IDS, fill, manifest, room_ids_in, started

EXAMPLE = ROOT / "examples" / "kubernetes"
BUCKET = "s3://example-bucket/"
SCHEDULER_VARIABLES = ("JOB_COMPLETION_INDEX", "LIVEBLOCKS_SHARDS", "AWS_BATCH_JOB_ARRAY_INDEX")


def job(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((EXAMPLE / name).read_text())
    assert document["apiVersion"] == "batch/v1" and document["kind"] == "Job"
    return document


def container_args(document: dict[str, Any]) -> list[str]:
    [container] = document["spec"]["template"]["spec"]["containers"]
    args: list[str] = container["args"]
    assert all(isinstance(arg, str) for arg in args), "every arg must be a YAML string"
    assert args[:3] == ["python", "-m", "liveblocks"]
    return args


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def kubernetes_expand(arg: str, env: Mapping[str, str]) -> str:
    """``$(NAME)`` replaced by the container's variable, as Kubernetes does for args."""
    return re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", lambda m: env[m.group(1)], arg)


def local(arg: str, bucket: Path) -> str:
    """The bucket's URLs as local directories (the commands are otherwise unchanged)."""
    return str(bucket / arg.removeprefix(BUCKET)) if arg.startswith(BUCKET) else arg


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    for [one] in started(1):
        fill(one.url)
        yield one


def run(
    args: list[str], env: dict[str, str], bucket: Path, names: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The container's args as Kubernetes runs them (``names``: the variables for
    ``$(NAME)`` when not the process's own)."""
    expanded = (kubernetes_expand(a, env if names is None else names) for a in args[1:])
    argv = [sys.executable, *(local(arg, bucket) for arg in expanded)]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=180)


def pod_env(server: DevServer, **variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCHEDULER_VARIABLES}
    env.update(LIVEBLOCKS_SECRET_KEY=SECRET, LIVEBLOCKS_BASE_URL=server.url, **variables)
    return env


def test_manifests_describe_an_indexed_export_and_its_merge() -> None:
    export, merge = job("export-job.yaml"), job("merge-job.yaml")
    spec = export["spec"]
    assert spec["completionMode"] == "Indexed"
    assert spec["template"]["spec"]["restartPolicy"] == "Never"
    args = container_args(export)
    assert args[3] == "export" and option(args, "--shard") == "auto"
    # Kubernetes does not tell a pod the count: --shards must be the Job's completions.
    assert int(option(args, "--shards")) == spec["completions"] == spec["parallelism"]
    assert "--resume" in args  # a retried pod completes its shard
    destination = args[4]
    assert destination.startswith(BUCKET) and destination.endswith("$(JOB_COMPLETION_INDEX)")
    merge_args = container_args(merge)
    assert merge_args[3] == "merge"
    shards = [destination.replace("$(JOB_COMPLETION_INDEX)", str(k)) for k in range(4)]
    assert merge_args[5:] == shards  # every shard, once
    assert merge_args[4].startswith(BUCKET) and merge_args[4] not in shards


def test_commands_export_every_shard_then_merge(server: DevServer, tmp_path: Path) -> None:
    export = job("export-job.yaml")
    args = container_args(export)
    count = export["spec"]["completions"]
    for index in range(count):
        done = run(args, pod_env(server, JOB_COMPLETION_INDEX=str(index)), tmp_path)
        assert done.returncode == 0, done.stderr
        assert f"shard auto: this task is shard {index}/{count}" in done.stderr
        shard_dir = tmp_path / "liveblocks" / "2026-01-01" / f"shard-{index}"
        assert manifest(shard_dir)["shard"] == f"{index}/{count}"
        assert sorted(room_ids_in(shard_dir)) == sorted(
            r for r in ROOM_IDS if r in Shard(index, count)
        )

    # A pod started again with the same index completes its shard, exporting nothing twice.
    again = run(args, pod_env(server, JOB_COMPLETION_INDEX="0"), tmp_path)
    assert again.returncode == 0, again.stderr
    assert "already complete" in again.stderr

    merged = run(container_args(job("merge-job.yaml")), pod_env(server), tmp_path)
    assert merged.returncode == 0, merged.stderr
    out = tmp_path / "liveblocks" / "2026-01-01" / "merged"
    assert manifest(out)["status"] == "complete"
    assert manifest(out)["missingShards"] == []
    assert sorted(room_ids_in(out)) == sorted(ROOM_IDS)


def test_the_command_outside_an_indexed_job_is_refused(server: DevServer, tmp_path: Path) -> None:
    args = container_args(job("export-job.yaml"))
    # No $JOB_COMPLETION_INDEX (nor another scheduler's index): nothing to guess from.
    refused = run(args, pod_env(server), tmp_path, {"JOB_COMPLETION_INDEX": "none"})
    assert refused.returncode == 2
    assert "shard auto: no scheduler's task index found" in refused.stderr
    assert "JOB_COMPLETION_INDEX" in refused.stderr
    assert not (tmp_path / "liveblocks" / "2026-01-01" / "shard-none").exists()

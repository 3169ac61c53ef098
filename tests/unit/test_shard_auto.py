"""``shard="auto"`` / ``--shard auto``: the shard from the variables of the scheduler running
the task (Kubernetes Indexed Jobs, AWS Batch array jobs, Slurm arrays), the errors when
they are missing or disagree, and the mutation jobs keeping only their shard's rooms."""

from __future__ import annotations

import pytest

from liveblocks import AsyncLiveblocks
from liveblocks.cli import main
from liveblocks.export import Shard
from liveblocks.mutate import mass_patch_storage_async
from tests.fakes.aiomock import api_mock
from tests.unit.test_mutate import BASE, SECRET, FakeProject, edit

SCHEDULER_VARIABLES = (
    "JOB_COMPLETION_INDEX",
    "LIVEBLOCKS_SHARDS",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "AWS_BATCH_JOB_ARRAY_SIZE",
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_COUNT",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_STEP",
)


@pytest.fixture(autouse=True)
def no_scheduler(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SCHEDULER_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_kubernetes_indexed_job_with_the_count_given(index: int) -> None:
    env = {"JOB_COMPLETION_INDEX": str(index)}
    assert Shard.auto(4, environ=env) == Shard(index, 4)
    assert Shard.auto(environ={**env, "LIVEBLOCKS_SHARDS": "4"}) == Shard(index, 4)


def test_aws_batch_array_job() -> None:
    env = {"AWS_BATCH_JOB_ARRAY_INDEX": "2", "AWS_BATCH_JOB_ARRAY_SIZE": "5"}
    assert Shard.auto(environ=env) == Shard(2, 5)
    assert Shard.auto(5, environ=env) == Shard(2, 5)
    # No size in the environment: the count given is used.
    assert Shard.auto(3, environ={"AWS_BATCH_JOB_ARRAY_INDEX": "2"}) == Shard(2, 3)


@pytest.mark.parametrize(
    ("task_id", "minimum", "step", "expected"),
    [
        ("0", None, None, 0),  # --array=0-7
        ("7", "0", None, 7),
        ("1", "1", None, 0),  # --array=1-8 maps to 0..7
        ("8", "1", "1", 7),
        ("12", "0", "4", 3),  # --array=0-28:4
        ("9", "5", "4", 1),  # --array=5-33:4
    ],
)
def test_slurm_arrays_map_to_0_to_n_minus_1(
    task_id: str, minimum: str | None, step: str | None, expected: int
) -> None:
    env = {"SLURM_ARRAY_TASK_ID": task_id, "SLURM_ARRAY_TASK_COUNT": "8"}
    if minimum is not None:
        env["SLURM_ARRAY_TASK_MIN"] = minimum
    if step is not None:
        env["SLURM_ARRAY_TASK_STEP"] = step
    assert Shard.auto(environ=env) == Shard(expected, 8)


def test_every_task_of_a_slurm_array_from_1_gets_its_own_shard() -> None:
    shards = {
        Shard.auto(
            environ={
                "SLURM_ARRAY_TASK_ID": str(task),
                "SLURM_ARRAY_TASK_COUNT": "6",
                "SLURM_ARRAY_TASK_MIN": "1",
            }
        )
        for task in range(1, 7)
    }
    assert shards == {Shard(k, 6) for k in range(6)}


def test_no_scheduler_names_the_variables_looked_at() -> None:
    with pytest.raises(ValueError) as caught:
        Shard.auto(environ={"HOME": "/root"})
    message = str(caught.value)
    for name in ("JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "SLURM_ARRAY_TASK_ID"):
        assert name in message


@pytest.mark.parametrize(
    ("env", "count", "names"),
    [
        # Kubernetes gives no count: --shards or $LIVEBLOCKS_SHARDS is needed.
        ({"JOB_COMPLETION_INDEX": "1"}, None, ["LIVEBLOCKS_SHARDS", "--shards"]),
        ({"AWS_BATCH_JOB_ARRAY_INDEX": "1"}, None, ["AWS_BATCH_JOB_ARRAY_SIZE"]),
        ({"SLURM_ARRAY_TASK_ID": "1"}, None, ["SLURM_ARRAY_TASK_COUNT"]),
        # The count given disagrees with the scheduler's, or with $LIVEBLOCKS_SHARDS.
        (
            {"AWS_BATCH_JOB_ARRAY_INDEX": "1", "AWS_BATCH_JOB_ARRAY_SIZE": "4"},
            3,
            ["AWS_BATCH_JOB_ARRAY_SIZE=4", "3"],
        ),
        ({"JOB_COMPLETION_INDEX": "1", "LIVEBLOCKS_SHARDS": "4"}, 3, ["LIVEBLOCKS_SHARDS=4"]),
        # An index outside the count, or not on a Slurm array's steps.
        ({"JOB_COMPLETION_INDEX": "4"}, 4, ["JOB_COMPLETION_INDEX=4", "0..3"]),
        (
            {
                "SLURM_ARRAY_TASK_ID": "7",
                "SLURM_ARRAY_TASK_COUNT": "3",
                "SLURM_ARRAY_TASK_MIN": "1",
            },
            None,
            ["SLURM_ARRAY_TASK_ID=7", "0..2"],
        ),
        (
            {
                "SLURM_ARRAY_TASK_ID": "5",
                "SLURM_ARRAY_TASK_COUNT": "4",
                "SLURM_ARRAY_TASK_STEP": "4",
            },
            None,
            ["SLURM_ARRAY_TASK_ID=5", "step 4"],
        ),
        ({"JOB_COMPLETION_INDEX": "one"}, 4, ["JOB_COMPLETION_INDEX", "'one'"]),
        # Two schedulers at once: which one is meant is not guessed.
        (
            {"JOB_COMPLETION_INDEX": "0", "SLURM_ARRAY_TASK_ID": "0"},
            4,
            ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"],
        ),
    ],
)
def test_missing_or_inconsistent_variables_are_refused(
    env: dict[str, str], count: int | None, names: list[str]
) -> None:
    with pytest.raises(ValueError) as caught:
        Shard.auto(count, environ=env)
    for name in names:
        assert name in str(caught.value)


def test_of_auto_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_BATCH_JOB_ARRAY_INDEX", "1")
    monkeypatch.setenv("AWS_BATCH_JOB_ARRAY_SIZE", "3")
    assert Shard.of("auto") == Shard(1, 3)
    assert Shard.of("1/3") == Shard(1, 3)


def test_cli_refuses_auto_outside_a_scheduler(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", "sk_test_cli")
    code = main(["export", str(tmp_path), "--shard", "auto", "--base-url", "http://127.0.0.1:9"])
    assert code == 2
    err = capsys.readouterr().err
    assert "error: shard auto: no scheduler's task index found" in err
    assert "JOB_COMPLETION_INDEX" in err and "SLURM_ARRAY_TASK_ID" in err


def test_cli_refuses_shards_without_auto(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", "sk_test_cli")
    argv = ["import", str(tmp_path), "--shard", "0/2", "--shards", "2"]
    assert main([*argv, "--base-url", "http://127.0.0.1:9"]) == 2
    assert "--shards N goes with --shard auto" in capsys.readouterr().err


def test_cli_kubernetes_count_must_be_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", "sk_test_cli")
    monkeypatch.setenv("JOB_COMPLETION_INDEX", "1")
    code = main(["export", str(tmp_path), "--shard", "auto", "--base-url", "http://127.0.0.1:9"])
    assert code == 2
    assert "no shard count" in capsys.readouterr().err


async def test_mutation_jobs_keep_the_rooms_of_their_shard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room_ids = [f"room-{i}" for i in range(12)]
    wanted = Shard(1, 3)
    inside = sorted(r for r in room_ids if r in wanted)
    assert 0 < len(inside) < len(room_ids)
    monkeypatch.setenv("SLURM_ARRAY_TASK_ID", "2")  # --array=1-3: task 2 is shard 1/3
    monkeypatch.setenv("SLURM_ARRAY_TASK_MIN", "1")
    monkeypatch.setenv("SLURM_ARRAY_TASK_COUNT", "3")
    listed = FakeProject({r: {"n": i} for i, r in enumerate(room_ids)})
    given = FakeProject({r: {"n": i} for i, r in enumerate(room_ids)})
    with api_mock() as mock:
        listed.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            from_list = await mass_patch_storage_async(client, edit, shard="auto")
    with api_mock() as mock:
        given.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            by_id = await mass_patch_storage_async(client, edit, rooms=room_ids, shard="1/3")
    assert sorted(r.room_id for r in from_list.patched) == inside
    assert sorted(listed.patches) == inside
    assert sorted(r.room_id for r in by_id.patched) == inside
    assert sorted(given.room_gets) == inside  # rooms of other shards are not even read

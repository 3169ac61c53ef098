"""The command line: ``python -m liveblocks export DIR`` / ``import DIR`` / ``merge OUT DIR...``
/ ``mutate MODULE:FUNCTION``.

Exit status: 0 when every room went through; 1 when some rooms failed (they are listed
in the export's manifest and on stderr, with what can help) or a merge is missing shards
or rooms; 2 for a usage or configuration error (no or wrong secret key, unreachable
server, a room list the server refuses, an unusable or damaged directory: a link in it, a
manifest or index that cannot be read, an export cut short); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Union

import msgspec

from . import errors
from ._batch import DEFAULT_CONCURRENCY, SHARDS_ENV, Progress, RoomFilter
from ._config import BASE_URL_ENV, DEFAULT_BASE_URL, SECRET_ENV, resolve_base_url, resolve_secret
from .export import (
    DEFAULT_LOCK_TIMEOUT,
    ExportDirectoryError,
    ExportResult,
    ImportResult,
    RoomFailure,
    Shard,
    export_rooms,
    import_rooms,
    merge_exports,
)
from .export._import import PARTS, ImportPlan, parse_parts
from .export._query import RoomQuery

if TYPE_CHECKING:
    from .mutate import MutationResult

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILED_ROOMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
_FAILURES_SHOWN = 10


class _UsageError(Exception):
    pass


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, got {text!r}")
    return value


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number > 0, got {text!r}")
    return value


def _shard(text: str) -> Shard | str:
    if text.strip() == "auto":
        return "auto"  # resolved with --shards once every option is read
    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _room_query(text: str) -> str:
    try:
        RoomQuery.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _import_parts(text: str) -> frozenset[str]:
    try:
        return parse_parts(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _storage_option(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` of ``--storage-option``: the value as JSON where it is some (``true``,
    ``3``, ``{"a": 1}``), else as the text given."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"must be KEY=VALUE, got {text!r}")
    try:
        return key, msgspec.json.decode(value)
    except msgspec.DecodeError:
        return key, value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, got {text!r}")
    return value


def _destination_options(sub: argparse.ArgumentParser, lock: bool) -> None:
    sub.add_argument(
        "--storage-option",
        type=_storage_option,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an fsspec option of the store of a URL destination (s3://, gs://, az://), "
        "e.g. endpoint_url=http://localhost:9000; repeatable",
    )
    if lock:
        sub.add_argument(
            "--lock-timeout",
            type=_seconds,
            metavar="SECONDS",
            default=DEFAULT_LOCK_TIMEOUT,
            help="take over the lock of a run not renewed for this long "
            f"(default {DEFAULT_LOCK_TIMEOUT:g})",
        )


def _options(args: argparse.Namespace) -> dict[str, Any] | None:
    return dict(args.storage_option) or None


def _resolve_shard(args: argparse.Namespace) -> None:
    """``--shard auto`` becomes this task's shard, from its scheduler's variables (and
    ``--shards N``), said on stderr; ``--shards`` without it is refused."""
    shard = getattr(args, "shard", None)
    count = getattr(args, "shards", None)
    if shard != "auto":
        if count is not None:
            raise ValueError("--shards N goes with --shard auto (with --shard K/N, N is the count)")
        return
    args.shard = Shard.auto(count)
    if not args.quiet:
        print(f"shard auto: this task is shard {args.shard}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m liveblocks",
        description="Export a Liveblocks project's rooms to a directory, or import them.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def room_filters(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--query", metavar="QUERY", help='rooms query, e.g. metadata["team"]:"a"')
        sub.add_argument("--user-id", metavar="ID", help="only rooms this user can access")
        sub.add_argument(
            "--group-ids", metavar="IDS", help="only rooms these groups can access (a,b,c)"
        )
        sub.add_argument("--organization-id", metavar="ID", help="only rooms of this organization")

    def shards(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--shard",
            type=_shard,
            metavar="K/N|auto",
            help="only the rooms of shard K of N; auto: this task's, from a Kubernetes "
            "Indexed Job, AWS Batch array job or Slurm array",
        )
        sub.add_argument(
            "--shards",
            type=_positive_int,
            metavar="N",
            help=f"the shard count for --shard auto when the scheduler gives none "
            f"(Kubernetes; default ${SHARDS_ENV})",
        )

    def budget(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--max-rps",
            type=_positive_number,
            metavar="R",
            help="at most R requests per second from this process, retries included "
            "(N shards sharing a budget: budget/N each)",
        )

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--concurrency",
            type=_positive_int,
            metavar="N",
            default=DEFAULT_CONCURRENCY,
            help=f"rooms handled at once (default {DEFAULT_CONCURRENCY})",
        )
        shards(sub)
        budget(sub)
        sub.add_argument("--quiet", "-q", action="store_true", help="no progress, no summary")
        sub.add_argument("--secret", metavar="KEY", help=f"secret key (default: ${SECRET_ENV})")
        sub.add_argument(
            "--base-url",
            metavar="URL",
            help=f"API base URL (default: ${BASE_URL_ENV} or {DEFAULT_BASE_URL})",
        )

    export = commands.add_parser(
        "export",
        help="export rooms, Storage and its files, Yjs (and threads) to DIR",
        description="Export every room matching the filters, with its Storage (and the "
        "files it refers to) and Yjs documents, into DIR (see liveblocks.export for the "
        "files). DIR may be a URL of object storage: s3://bucket/prefix, gs://, az://.",
    )
    export.add_argument("directory", metavar="DIR")
    room_filters(export)
    export.add_argument("--threads", action="store_true", help="also export comment threads")
    export.add_argument("--resume", action="store_true", help="complete an earlier export in DIR")
    common(export)
    _destination_options(export, lock=True)

    imp = commands.add_parser(
        "import",
        help="recreate the rooms of an export in a project",
        description="Create (or update) the rooms of the export in DIR, with their Storage "
        "(and its files), Yjs documents and threads. Yjs updates merge into existing Yjs "
        "documents. Safe to run again: it completes what an earlier run left.",
    )
    imp.add_argument("directory", metavar="DIR")
    imp.add_argument(
        "--id-map",
        metavar="FILE",
        help="append a JSON line per thread, comment or attachment given a new id (old, new)",
    )
    imp.add_argument(
        "--room",
        action="append",
        dest="rooms",
        metavar="ID",
        help="only this room of the export (repeat for more)",
    )
    imp.add_argument(
        "--query",
        type=_room_query,
        metavar="QUERY",
        help='only the rooms of the export matching this rooms query, e.g. roomId^"team-a:"',
    )
    imp.add_argument(
        "--only",
        type=_import_parts,
        metavar="PARTS",
        help=f"only these of each room, comma-separated: {','.join(PARTS)} (the room itself "
        "is always created or updated)",
    )
    imp.add_argument(
        "--skip-existing",
        action="store_true",
        help="leave alone the rooms that exist in the target",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="list the rooms that would be created and those replaced; change nothing",
    )
    imp.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="replace the Storage of rooms that exist without asking",
    )
    common(imp)
    _destination_options(imp, lock=False)

    merge = commands.add_parser(
        "merge",
        help="merge exports (e.g. shards) into one",
        description="Merge export directories, such as the shards of one export, into OUT.",
    )
    merge.add_argument("output", metavar="OUT")
    merge.add_argument("sources", metavar="DIR", nargs="+")
    merge.add_argument("--quiet", "-q", action="store_true", help="no progress, no summary")
    _destination_options(merge, lock=True)

    mutate = commands.add_parser(
        "mutate",
        help="edit the Storage of every matching room with a Python function",
        description="Call FUNCTION(room, root) for every room matching the filters, root "
        "being the room's Storage as Live structures (see client.mass_mutate_storage); "
        "its edits are sent as operations that merge with what users write meanwhile. "
        "FUNCTION is MODULE:NAME (an importable module, or a path to a .py file).",
    )
    mutate.add_argument("function", metavar="MODULE:FUNCTION")
    room_filters(mutate)
    mutate.add_argument(
        "--concurrency",
        type=_positive_int,
        metavar="N",
        default=DEFAULT_CONCURRENCY,
        help=f"rooms handled at once, 1 to 20 (default {DEFAULT_CONCURRENCY})",
    )
    shards(mutate)
    budget(mutate)
    mutate.add_argument("--quiet", "-q", action="store_true", help="no progress, no summary")
    mutate.add_argument("--secret", metavar="KEY", help=f"secret key (default: ${SECRET_ENV})")
    mutate.add_argument(
        "--base-url",
        metavar="URL",
        help=f"API base URL (default: ${BASE_URL_ENV} or {DEFAULT_BASE_URL})",
    )
    return parser


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f} rooms/s" if seconds > 0 else "-"


def _show_failures(failures: Sequence[RoomFailure | MutationResult], where: str) -> None:
    for failure in failures[:_FAILURES_SHOWN]:
        print(f"  failed: room {failure.room_id!r}: {failure.reason}", file=sys.stderr)
    more = len(failures) - _FAILURES_SHOWN
    if more > 0:
        print(f"  ... and {more} more ({where})", file=sys.stderr)


_ROOM_SEGMENT = re.compile(r"^(/v2/rooms/)[^/]+")
_ID_SEGMENT = re.compile(r"/(th|cm|at|fl|in)_[^/]+")


def _endpoint(request: str) -> str:
    """A failed request without its ids: ``GET /v2/rooms/{room_id}/threads``."""
    method, _, path = request.partition(" ")
    path = _ROOM_SEGMENT.sub(r"\1{room_id}", path.split("?", 1)[0])
    return f"{method} {_ID_SEGMENT.sub('/{id}', path)}"


Failure = Union[RoomFailure, "MutationResult"]


def _failed(failures: Sequence[Failure]) -> str:
    """``3 failed (1 a rerun may fix, 2 it cannot)``, or ``0 failed``."""
    if not failures:
        return "0 failed"
    fixable = sum(1 for f in failures if f.retryable)
    return (
        f"{len(failures)} failed ({fixable} a rerun may fix, {len(failures) - fixable} it cannot)"
    )


def _advice(
    failures: Sequence[Failure], again: str, unsupported: dict[str, str], stuck: str
) -> list[str]:
    """What to do about the failed rooms, only what can help: ``again`` retries the
    failures a rerun may fix (no answer, a timeout, 429, a server error); a 501 means the
    server lacks an endpoint (``unsupported``: a part of its path -> what to do instead);
    a refusal or bad input (``stuck`` says what that is for this command) comes back on
    every run until it is fixed."""
    lines = []
    transient = [f for f in failures if f.retryable]
    # A mutation's result says only whether a rerun may fix it.
    records = [f for f in failures if isinstance(f, RoomFailure) and not f.retryable]
    local = [f for f in records if f.local]
    missing: dict[str, int] = {}
    refused = 0
    bad = len(failures) - len(transient) - len(records)
    for failure in records:
        if failure.local:
            continue
        if failure.status in (501, 505):
            key = _endpoint(failure.request) if failure.request else "an endpoint"
            missing[key] = missing.get(key, 0) + 1
        elif failure.status is not None:
            refused += 1
        else:
            bad += 1
    if transient:
        what = "failed on the way (no answer, a timeout, 429 or a server error)"
        lines.append(f"{len(transient)} rooms {what}: {again}")
    for endpoint, count in missing.items():
        hint = next((h for part, h in unsupported.items() if part in endpoint), None)
        text = f"{count} rooms need {endpoint}, which the server does not implement (501)"
        lines.append(f"{text}: {hint}" if hint else f"{text}; running again will not help")
    if refused:
        lines.append(
            f"{refused} rooms were refused by the server (see the reasons above); running "
            "again gets the same answer until what it names is fixed"
        )
    if bad:
        lines.append(
            f"{bad} rooms failed because of {stuck} (see the reasons above); running "
            "again fails the same way until that is fixed"
        )
    if local:
        lines.append(
            f"{len(local)} rooms failed on this machine's files (see the reasons above): "
            f"once that is fixed, {again}"
        )
    return lines


def _print_advice(lines: list[str]) -> None:
    for line in lines:
        print(f"  {line}", file=sys.stderr)


def _export(args: argparse.Namespace, progress: Progress) -> int:
    result: ExportResult = export_rooms(
        None,
        args.directory,
        secret=args.secret,
        base_url=args.base_url,
        max_requests_per_second=args.max_rps,
        query=args.query,
        user_id=args.user_id,
        group_ids=args.group_ids,
        organization_id=args.organization_id,
        threads=args.threads,
        concurrency=args.concurrency,
        resume=args.resume,
        shard=args.shard,
        on_room=progress,
        storage_options=_options(args),
        lock_timeout=args.lock_timeout,
    )
    progress.close()
    if not args.quiet:
        documents = f"{result.storage} Storage, {result.yjs} Yjs"
        if result.files:
            documents += f", {result.files} files"
        if args.threads:
            documents += f", {result.threads} threads"
        if result.attachments:
            documents += f", {result.attachments} attachments"
        skipped = f", {result.skipped} already complete" if result.skipped else ""
        print(
            f"Exported {result.rooms} rooms ({documents}) to {args.directory} in "
            f"{result.elapsed:.1f} s, {_rate(result.rooms, result.elapsed)}{skipped}, "
            f"{_failed(result.failures)}",
            file=sys.stderr,
        )
    if result.failures:
        _show_failures(result.failures, f"see {os.path.join(args.directory, 'manifest.json')}")
        print(f"error: {len(result.failures)} rooms failed", file=sys.stderr)
        advice = _advice(
            result.failures,
            "run the same command with --resume to retry them",
            {
                "/threads": "export without --threads (or from a server that has comments)",
                "/attachments/": "export without --threads (or from a server that has them)",
            },
            "what the server sent (an answer this SDK could not read, a file id that is not one)",
        )
        _print_advice(advice)
        return EXIT_FAILED_ROOMS
    return EXIT_OK


def _room_list(room_ids: Sequence[str]) -> str:
    shown = ", ".join(repr(room_id) for room_id in room_ids[:_FAILURES_SHOWN])
    more = len(room_ids) - _FAILURES_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _confirm_replace(args: argparse.Namespace) -> Callable[[Sequence[str]], bool]:
    """Before Storage of existing rooms is replaced: say so; on a terminal, ask (a script,
    whose stdin is not one, goes on with the warning, so that it never hangs)."""

    def confirm(room_ids: Sequence[str]) -> bool:
        print(
            f"warning: this import replaces the Storage of {len(room_ids)} rooms that exist "
            f"in {_server(args)}: {_room_list(room_ids)}",
            file=sys.stderr,
        )
        if not sys.stdin.isatty():
            return True
        sys.stderr.write("Replace their Storage? [y/N] ")
        sys.stderr.flush()
        return sys.stdin.readline().strip().lower() in ("y", "yes")

    return confirm


def _show_plan(plan: ImportPlan) -> None:
    """A dry run's findings: one room a line on stdout (``create ID``, ``replace ID``,
    ``skip ID``), a summary on stderr."""
    storage = set(plan.replace_storage)
    for room_id in plan.create:
        print(f"create  {room_id}")
    for room_id in plan.replace:
        print(f"replace {room_id}{' (Storage replaced)' if room_id in storage else ''}")
    for room_id in plan.skip:
        print(f"skip    {room_id}")
    print(
        f"Dry run, nothing changed: of {plan.rooms} rooms, {len(plan.create)} would be "
        f"created, {len(plan.replace)} replaced ({len(plan.replace_storage)} with their "
        f"Storage), {len(plan.skip)} left alone",
        file=sys.stderr,
    )


def _import(args: argparse.Namespace, progress: Progress) -> int:
    result: ImportResult = import_rooms(
        None,
        args.directory,
        secret=args.secret,
        base_url=args.base_url,
        max_requests_per_second=args.max_rps,
        concurrency=args.concurrency,
        shard=args.shard,
        on_room=progress,
        id_map=args.id_map,
        rooms=args.rooms,
        query=args.query,
        only=args.only,
        skip_existing=args.skip_existing,
        dry_run=args.dry_run,
        on_replace=None if args.yes else _confirm_replace(args),
        storage_options=_options(args),
    )
    progress.close()
    if result.status == "dry-run":
        assert result.plan is not None
        _show_plan(result.plan)
        return EXIT_OK
    if result.status == "cancelled":
        print("cancelled: nothing was imported", file=sys.stderr)
        return EXIT_FAILED_ROOMS
    if result.export_status != "complete":
        print(
            f"warning: the export in {args.directory} is {result.export_status}: only the "
            "rooms it holds were imported (complete it with `python -m liveblocks export "
            f"{args.directory} --resume` and its options, then import again)",
            file=sys.stderr,
        )
    if not args.quiet:
        carried = result.carried
        documents = f"{result.storage} Storage, {result.yjs} Yjs"
        if result.files:
            documents += f", {result.files} files"
        if carried.threads or carried.comments:
            documents += f", {carried.threads} threads, {carried.comments} comments"
        skipped = f", {result.skipped} existing rooms left alone" if result.skipped else ""
        print(
            f"Imported {result.rooms} rooms ({documents}) in "
            f"{result.elapsed:.1f} s, {_rate(result.rooms, result.elapsed)}, "
            f"{_failed(result.failures)}{skipped}",
            file=sys.stderr,
        )
        if carried.not_carried:
            missed = "; ".join(f"{n} {what}" for what, n in carried.not_carried.items())
            hint = "" if args.id_map else " (--id-map FILE writes the new ids down)"
            print(f"Not carried over: {missed}{hint}", file=sys.stderr)
    if result.failures:
        _show_failures(result.failures, "they are listed in the result only")
        print(f"error: {len(result.failures)} rooms failed to import", file=sys.stderr)
        advice = _advice(
            result.failures,
            "run the same import again to retry them (it completes what this run left, "
            "without duplicating)",
            {
                "/threads": "import into a project whose server has comments",
                "/attachments/": "import into a project whose server takes attachments",
            },
            "bad input in the export (a damaged line or document, a link or special file "
            "in place of a file, a file id that is not one, a Storage node this SDK cannot "
            "write)",
        )
        _print_advice(advice)
        return EXIT_FAILED_ROOMS
    return EXIT_OK


def _load_function(spec: str) -> Callable[..., Any]:
    """``module:name`` or ``path/to/file.py:name``: the function it names."""
    module_name, sep, name = spec.rpartition(":")
    if not sep or not module_name or not name:
        raise ValueError(
            f"FUNCTION must be MODULE:NAME (e.g. migrations:add_version), got {spec!r}"
        )
    try:
        if module_name.endswith(".py") or os.sep in module_name:
            import importlib.util

            loader = importlib.util.spec_from_file_location("liveblocks_mutation", module_name)
            if loader is None or loader.loader is None:
                raise ImportError(f"no Python file at {module_name}")
            module = importlib.util.module_from_spec(loader)
            loader.loader.exec_module(module)
        else:
            import importlib

            if "" not in sys.path and os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())
            module = importlib.import_module(module_name)
    except (ImportError, OSError, SyntaxError) as exc:
        raise ValueError(f"cannot load {module_name}: {exc}") from exc
    function = getattr(module, name, None)
    if not callable(function):
        raise ValueError(f"{module_name} has no function {name!r}")
    result: Callable[..., Any] = function
    return result


def _mutate(args: argparse.Namespace, progress: Progress) -> int:
    from .mutate import mass_mutate_storage

    function = _load_function(args.function)
    started = time.monotonic()
    report = mass_mutate_storage(
        None,
        function,
        rooms=RoomFilter.of(
            query=args.query,
            user_id=args.user_id,
            group_ids=args.group_ids,
            organization_id=args.organization_id,
        ),
        concurrency=args.concurrency,
        shard=args.shard,
        on_result=lambda result: progress(result.room_id, result.status),
        secret=args.secret,
        base_url=args.base_url,
        max_requests_per_second=args.max_rps,
    )
    elapsed = time.monotonic() - started
    progress.close()
    failed = report.failed
    if not args.quiet:
        count = len(report.results)
        print(
            f"Mutated {len(report.mutated)} of {count} rooms ({len(report.unchanged)} "
            f"unchanged, {_failed(failed)}) in {elapsed:.1f} s, {_rate(count, elapsed)}",
            file=sys.stderr,
        )
    if failed:
        _show_failures(failed, "nothing was sent to a room whose function raised")
        print(f"error: {len(failed)} rooms failed", file=sys.stderr)
        advice = _advice(
            failed,
            "run the same command again to retry them (the function runs again on every "
            "room it selects: it should leave a room it already changed as it is)",
            {},
            "the function (it raised) or the server's refusal",
        )
        _print_advice(advice)
        return EXIT_FAILED_ROOMS
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    progress = Progress("merge", args.quiet, sys.stderr)
    try:
        manifest = merge_exports(
            args.sources,
            args.output,
            on_room=progress,
            storage_options=_options(args),
            lock_timeout=args.lock_timeout,
        )
    finally:
        progress.close()
    counts = manifest["counts"]
    if not args.quiet:
        failures = [RoomFailure.from_dict(f) for f in manifest["failures"] if isinstance(f, dict)]
        print(
            f"Merged {len(args.sources)} exports into {args.output}: {counts['rooms']} rooms, "
            f"{counts.get('storage', 0)} Storage, {counts.get('yjs', 0)} Yjs, "
            f"{_failed(failures)} in the exports",
            file=sys.stderr,
        )
    if manifest["status"] == "complete":
        return EXIT_OK
    failures = [RoomFailure.from_dict(f) for f in manifest.get("failures") or []]
    if failures:
        _show_failures(failures, f"see {os.path.join(args.output, 'manifest.json')}")
        print(f"error: {len(failures)} rooms are not in the merged export", file=sys.stderr)
    missing = manifest.get("missingShards") or []
    if missing:
        flags = " and ".join(f"--shard {shard}" for shard in missing)
        print(
            f"error: the merge is incomplete: shard {', '.join(missing)} of the split is "
            f"missing; export it ({flags}, with the same options) and merge again",
            file=sys.stderr,
        )
    for source in manifest.get("mergedFrom") or []:
        if source.get("status") != "complete":
            for line in _source_advice(source):
                print(f"error: {source['path']} is {source.get('status')}: {line}", file=sys.stderr)
    return EXIT_FAILED_ROOMS


def _source_advice(source: dict[str, Any]) -> list[str]:
    """What completes an export that a merge found incomplete: ``--resume`` for a run cut
    short and for failures a rerun may fix; for the others, fixing what they name first."""
    resume = "`python -m liveblocks export` and --resume (same options)"
    failed, fixable = source.get("failed") or 0, source.get("retryable") or 0
    if source.get("status") != "incomplete" or not failed:
        return [f"complete it with {resume}, then merge again"]
    lines = []
    if fixable:
        lines.append(
            f"{fixable} of its {failed} failed rooms a rerun may fix: complete it with "
            f"{resume}, then merge again"
        )
    if failed - fixable:
        lines.append(
            f"{failed - fixable} of its {failed} failed rooms fail the same way on every run "
            "until what their reasons name is fixed (see its manifest.json); then complete "
            f"it with {resume} and merge again"
        )
    return lines


def _server(args: argparse.Namespace) -> str:
    return str(args.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL)


def _describe(exc: BaseException, args: argparse.Namespace) -> str:
    """One line for an error that stops the whole command."""
    if isinstance(exc, ExportDirectoryError):
        return exc.cli_message
    if isinstance(exc, (errors.AuthenticationError, errors.PermissionDeniedError)):
        return (
            f"the secret key was refused by {_server(args)} ({exc.status}: {exc.message}); "
            f"check --secret or ${SECRET_ENV}"
        )
    if isinstance(exc, errors.APIConnectionError):
        tried = ""
        if exc.attempts is not None and exc.attempts > 1:
            over = f" over {exc.elapsed:.1f} s" if exc.elapsed is not None else ""
            tried = f" ({exc.attempts} attempts{over})"
        return (
            f"cannot reach {_server(args)}{tried}: {exc.message}; check --base-url or "
            f"${BASE_URL_ENV}"
        )
    if isinstance(exc, errors.NotFoundError) and not exc.from_api and exc.url:
        return (
            f"{exc.url} answered 404 with no Liveblocks error; check --base-url or "
            f"${BASE_URL_ENV} (the API's root, with no path)"
        )
    if _is_room_list(exc):
        assert isinstance(exc, errors.APIStatusError)
        return (
            f"the server refused the room list ({exc.status}: {exc.message}); check "
            "--query (and --user-id, --group-ids, --organization-id)"
        )
    if isinstance(exc, errors.LiveblocksError):
        return str(exc).splitlines()[0]
    return str(exc)


def _is_room_list(exc: BaseException) -> bool:
    return (
        isinstance(exc, errors.APIStatusError)
        and exc.status in (400, 422)
        and exc.method == "GET"
        and exc.path == "/v2/rooms"
    )


def _check_settings(args: argparse.Namespace) -> None:
    """The secret key and base URL, checked before anything, in the command line's words."""
    given = args.secret if args.secret is not None else os.environ.get(SECRET_ENV)
    if not given:
        raise ValueError(
            f"No Liveblocks secret key: pass --secret sk_... or set {SECRET_ENV}. Your "
            "project's secret key is at https://liveblocks.io/dashboard/apikeys."
        )
    try:
        resolve_secret(given)
    except ValueError as exc:
        where = "--secret" if args.secret is not None else f"${SECRET_ENV}"
        raise ValueError(f"{where} is not a secret key: {exc}") from None
    resolve_base_url(args.base_url, name="--base-url")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "merge":
            return _merge(args)
        _check_settings(args)
        _resolve_shard(args)
        progress = Progress(args.command, args.quiet, sys.stderr)
        try:
            if args.command == "export":
                return _export(args, progress)
            if args.command == "mutate":
                return _mutate(args, progress)
            return _import(args, progress)
        finally:
            progress.close()
    except KeyboardInterrupt:
        if args.command == "export":
            hint = "; run the same command with --resume to continue"
        elif args.command == "import":
            hint = "; run the same import again to complete it"
        else:
            hint = ""
        print(f"interrupted{hint}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (
        ExportDirectoryError,
        ValueError,
        OSError,
        errors.AuthenticationError,
        errors.PermissionDeniedError,
        errors.APIConnectionError,
    ) as exc:
        print(f"error: {_describe(exc, args)}", file=sys.stderr)
        return EXIT_USAGE
    except errors.LiveblocksError as exc:
        print(f"error: {_describe(exc, args)}", file=sys.stderr)
        return EXIT_USAGE if _is_room_list(exc) else EXIT_FAILED_ROOMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The command line: ``python -m liveblocks export DIR`` / ``import DIR`` / ``merge OUT DIR...``
/ ``mutate MODULE:FUNCTION``.

Exit status: 0 when every room went through; 1 when some rooms failed (they are listed
in the export's manifest and on stderr; run again with ``--resume``); 2 for a usage or
configuration error (no or wrong secret key, unreachable server, unusable directory);
130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

from . import errors
from ._batch import DEFAULT_CONCURRENCY
from ._config import BASE_URL_ENV, DEFAULT_BASE_URL, SECRET_ENV
from .export import (
    ExportDirectoryError,
    ExportResult,
    ImportResult,
    RoomFailure,
    Shard,
    export_rooms,
    import_rooms,
    merge_exports,
)
from .export._select import RoomFilter

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


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m liveblocks",
        description="Export a Liveblocks project's rooms to a directory, or import them.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--concurrency",
            type=_positive_int,
            metavar="N",
            default=DEFAULT_CONCURRENCY,
            help=f"rooms handled at once (default {DEFAULT_CONCURRENCY})",
        )
        sub.add_argument(
            "--shard", type=_shard, metavar="K/N", help="only the rooms of shard K of N"
        )
        sub.add_argument("--quiet", "-q", action="store_true", help="no progress, no summary")
        sub.add_argument("--secret", metavar="KEY", help=f"secret key (default: ${SECRET_ENV})")
        sub.add_argument(
            "--base-url",
            metavar="URL",
            help=f"API base URL (default: ${BASE_URL_ENV} or {DEFAULT_BASE_URL})",
        )

    export = commands.add_parser(
        "export",
        help="export rooms, Storage, Yjs (and threads) to DIR",
        description="Export every room matching the filters, with its Storage and Yjs "
        "documents, into DIR (see liveblocks.export for the files).",
    )
    export.add_argument("directory", metavar="DIR")
    export.add_argument("--query", metavar="QUERY", help='rooms query, e.g. metadata["team"]:"a"')
    export.add_argument("--user-id", metavar="ID", help="only rooms this user can access")
    export.add_argument(
        "--group-ids", metavar="IDS", help="only rooms these groups can access (a,b,c)"
    )
    export.add_argument("--organization-id", metavar="ID", help="only rooms of this organization")
    export.add_argument("--threads", action="store_true", help="also export comment threads")
    export.add_argument("--resume", action="store_true", help="complete an earlier export in DIR")
    common(export)

    imp = commands.add_parser(
        "import",
        help="recreate the rooms of an export in a project",
        description="Create (or update) the rooms of the export in DIR, with their Storage "
        "and Yjs documents. Yjs updates merge into existing Yjs documents.",
    )
    imp.add_argument("directory", metavar="DIR")
    common(imp)

    merge = commands.add_parser(
        "merge",
        help="merge exports (e.g. shards) into one",
        description="Merge export directories, such as the shards of one export, into OUT.",
    )
    merge.add_argument("output", metavar="OUT")
    merge.add_argument("sources", metavar="DIR", nargs="+")
    merge.add_argument("--quiet", "-q", action="store_true", help="no summary")

    mutate = commands.add_parser(
        "mutate",
        help="edit the Storage of every matching room with a Python function",
        description="Call FUNCTION(room, root) for every room matching the filters, root "
        "being the room's Storage as Live structures (see client.mass_mutate_storage); "
        "its edits are sent as operations that merge with what users write meanwhile. "
        "FUNCTION is MODULE:NAME (an importable module, or a path to a .py file).",
    )
    mutate.add_argument("function", metavar="MODULE:FUNCTION")
    mutate.add_argument("--query", metavar="QUERY", help='rooms query, e.g. metadata["team"]:"a"')
    mutate.add_argument("--user-id", metavar="ID", help="only rooms this user can access")
    mutate.add_argument(
        "--group-ids", metavar="IDS", help="only rooms these groups can access (a,b,c)"
    )
    mutate.add_argument("--organization-id", metavar="ID", help="only rooms of this organization")
    mutate.add_argument(
        "--concurrency",
        type=_positive_int,
        metavar="N",
        default=DEFAULT_CONCURRENCY,
        help=f"rooms handled at once, 1 to 20 (default {DEFAULT_CONCURRENCY})",
    )
    mutate.add_argument("--quiet", "-q", action="store_true", help="no progress, no summary")
    mutate.add_argument("--secret", metavar="KEY", help=f"secret key (default: ${SECRET_ENV})")
    mutate.add_argument(
        "--base-url",
        metavar="URL",
        help=f"API base URL (default: ${BASE_URL_ENV} or {DEFAULT_BASE_URL})",
    )
    return parser


class _Progress:
    """Rooms done and rooms per second on stderr: a tqdm bar, or a plain line on a
    terminal when tqdm is not installed; nothing when quiet or not on a terminal."""

    def __init__(self, label: str, quiet: bool, stream: IO[str]) -> None:
        self.failed = 0
        self._stream = stream
        self._bar: Any = None
        self._plain = False
        self._count = 0
        self._started = self._shown = time.monotonic()
        self._label = label
        if quiet:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            self._plain = stream.isatty()
        else:
            self._bar = tqdm(desc=label, unit=" rooms", file=stream, disable=None, leave=False)

    def __call__(self, room_id: str, outcome: str) -> None:
        self._count += 1
        if outcome == "failed":
            self.failed += 1
        if self._bar is not None:
            self._bar.update(1)
            if outcome == "failed":
                self._bar.set_postfix(failed=self.failed, refresh=False)
        elif self._plain and time.monotonic() - self._shown >= 0.2:
            self._show()

    def _show(self) -> None:
        self._shown = time.monotonic()
        rate = self._count / max(self._shown - self._started, 1e-9)
        self._stream.write(
            f"\r{self._label}: {self._count} rooms, {rate:.1f} rooms/s, {self.failed} failed"
        )
        self._stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self._plain and self._count:
            self._show()
            self._stream.write("\n")
        self._bar = None
        self._plain = False


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f} rooms/s" if seconds > 0 else "-"


def _show_failures(failures: Sequence[RoomFailure | MutationResult], where: str) -> None:
    for failure in failures[:_FAILURES_SHOWN]:
        print(f"  failed: room {failure.room_id!r}: {failure.reason}", file=sys.stderr)
    more = len(failures) - _FAILURES_SHOWN
    if more > 0:
        print(f"  ... and {more} more ({where})", file=sys.stderr)


def _export(args: argparse.Namespace, progress: _Progress) -> int:
    result: ExportResult = export_rooms(
        None,
        args.directory,
        secret=args.secret,
        base_url=args.base_url,
        query=args.query,
        user_id=args.user_id,
        group_ids=args.group_ids,
        organization_id=args.organization_id,
        threads=args.threads,
        concurrency=args.concurrency,
        resume=args.resume,
        shard=args.shard,
        on_room=progress,
    )
    progress.close()
    if not args.quiet:
        documents = f"{result.storage} Storage, {result.yjs} Yjs"
        if args.threads:
            documents += f", {result.threads} threads"
        skipped = f", {result.skipped} already complete" if result.skipped else ""
        print(
            f"Exported {result.rooms} rooms ({documents}) to {args.directory} in "
            f"{result.elapsed:.1f} s, {_rate(result.rooms, result.elapsed)}{skipped}, "
            f"{len(result.failures)} failed",
            file=sys.stderr,
        )
    if result.failures:
        _show_failures(result.failures, f"see {os.path.join(args.directory, 'manifest.json')}")
        print(
            f"error: {len(result.failures)} rooms failed; run again with --resume to retry them",
            file=sys.stderr,
        )
        return EXIT_FAILED_ROOMS
    return EXIT_OK


def _import(args: argparse.Namespace, progress: _Progress) -> int:
    result: ImportResult = import_rooms(
        None,
        args.directory,
        secret=args.secret,
        base_url=args.base_url,
        concurrency=args.concurrency,
        shard=args.shard,
        on_room=progress,
    )
    progress.close()
    if result.export_status != "complete":
        print(
            f"warning: the export in {args.directory} is {result.export_status}: "
            "only the rooms it holds were imported",
            file=sys.stderr,
        )
    if not args.quiet:
        print(
            f"Imported {result.rooms} rooms ({result.storage} Storage, {result.yjs} Yjs) in "
            f"{result.elapsed:.1f} s, {_rate(result.rooms, result.elapsed)}, "
            f"{len(result.failures)} failed",
            file=sys.stderr,
        )
    if result.failures:
        _show_failures(result.failures, "run again to retry; import is safe to repeat")
        print(f"error: {len(result.failures)} rooms failed to import", file=sys.stderr)
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


def _mutate(args: argparse.Namespace, progress: _Progress) -> int:
    from .mutate import check_mass_concurrency, mass_mutate_storage

    function = _load_function(args.function)
    check_mass_concurrency(args.concurrency)
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
        on_result=lambda result: progress(result.room_id, result.status),
        secret=args.secret,
        base_url=args.base_url,
    )
    elapsed = time.monotonic() - started
    progress.close()
    failed = report.failed
    if not args.quiet:
        count = len(report.results)
        print(
            f"Mutated {len(report.mutated)} of {count} rooms ({len(report.unchanged)} "
            f"unchanged, {len(failed)} failed) in {elapsed:.1f} s, {_rate(count, elapsed)}",
            file=sys.stderr,
        )
    if failed:
        _show_failures(failed, "nothing was sent to a room whose function raised")
        print(f"error: {len(failed)} rooms failed", file=sys.stderr)
        return EXIT_FAILED_ROOMS
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    manifest = merge_exports(args.sources, args.output)
    counts = manifest["counts"]
    if not args.quiet:
        print(
            f"Merged {len(args.sources)} exports into {args.output}: {counts['rooms']} rooms, "
            f"{counts.get('storage', 0)} Storage, {counts.get('yjs', 0)} Yjs",
            file=sys.stderr,
        )
    return EXIT_OK if manifest["status"] == "complete" else EXIT_FAILED_ROOMS


def _server(args: argparse.Namespace) -> str:
    return str(args.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL)


def _describe(exc: BaseException, args: argparse.Namespace) -> str:
    """One line for an error that stops the whole command."""
    if isinstance(exc, (errors.AuthenticationError, errors.PermissionDeniedError)):
        return (
            f"the secret key was refused by {_server(args)} ({exc.status}: {exc.message}); "
            f"check --secret or ${SECRET_ENV}"
        )
    if isinstance(exc, errors.APIConnectionError):
        return f"cannot reach {_server(args)}: {exc.message}"
    if isinstance(exc, errors.LiveblocksError):
        return str(exc).splitlines()[0]
    return str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "merge":
            return _merge(args)
        progress = _Progress(args.command, args.quiet, sys.stderr)
        try:
            if args.command == "export":
                return _export(args, progress)
            if args.command == "mutate":
                return _mutate(args, progress)
            return _import(args, progress)
        finally:
            progress.close()
    except KeyboardInterrupt:
        hint = "; run again with --resume to continue" if args.command == "export" else ""
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
        return EXIT_FAILED_ROOMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

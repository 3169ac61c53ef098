"""Writes benchmarks/README.md from a run's results: the generated part sits between two
markers, so the hand-written analysis around it survives a new run."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from pathlib import Path
from typing import Any

START = "<!-- results:start (written by benchmarks/run.py) -->"
END = "<!-- results:end -->"

OURS_PACKAGES = ("liveblocks-sdk", "msgspec", "requests", "urllib3", "aiohttp", "pycrdt")
OFFICIAL_PACKAGES = ("liveblocks", "httpx", "httpcore", "h11", "attrs", "python-dateutil")

_VERSIONS = """\
import importlib.metadata as m, json, sys
def v(name):
    try:
        return m.version(name)
    except m.PackageNotFoundError:
        return None
print(json.dumps({"python": sys.version.split()[0], **{n: v(n) for n in sys.argv[1:]}}))
"""


def _versions(python: str, packages: tuple[str, ...]) -> dict[str, Any]:
    # -I: the working directory's own liveblocks/ must not stand in for the installed one.
    command = [python, "-I", "-c", _VERSIONS, *packages]
    try:
        out = subprocess.run(command, capture_output=True, text=True)
    except OSError:  # that interpreter was not installed (no case of this run needed it)
        return {}
    return json.loads(out.stdout) if out.returncode == 0 else {}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _npm_version(name: str, prefix: Path | None = None) -> str | None:
    prefix = prefix or Path(__file__).resolve().parent.parent / ".devserver"
    try:
        package = prefix / "node_modules" / name / "package.json"
        return str(json.loads(package.read_text())["version"])
    except (OSError, KeyError, ValueError):
        return None


def _node_version() -> str | None:
    try:
        out = subprocess.run(["node", "--version"], capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip().lstrip("v") or None


def machine_notes(official_python: str, ours_python: str, node_prefix: Path) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        "ours": _versions(ours_python, OURS_PACKAGES),
        "official": _versions(official_python, OFFICIAL_PACKAGES),
        "dev_server": _npm_version("liveblocks"),
        "bun": _npm_version("bun"),
        "node": _node_version(),
        "node_sdk": _npm_version("@liveblocks/node", node_prefix),
    }


def _median(runs: list[dict[str, Any]], metric: str) -> float | None:
    values = [r[metric] for r in runs if metric in r]
    return statistics.median(values) if values else None


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "failed"
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 10:
        ms = seconds * 1000
        return f"{ms:.3g} ms" if ms < 100 else f"{ms:.0f} ms"
    return f"{seconds:.1f} s"


def _mb(value: float | None) -> str:
    return "failed" if value is None else f"{value / 1e6:.1f} MB"


def _cell(seconds: float | None, calls: int | None) -> str:
    text = _time(seconds)
    if calls and seconds:
        text += f" ({calls / seconds:,.0f}/s)"
    return text


def _others(case: Any, results: dict[str, Any], metric: str, show: Any) -> str:
    """The raw-transport and alternative variants of a case, for one metric."""
    cells = [
        f"{v}: {show(_median(results[v], metric))}"
        for v in case.variants
        if v not in (case.anchor, "ours") and _median(results[v], metric) is not None
    ]
    return ", ".join(cells) or "-"


def _cpu(seconds: float | None, row: Any) -> str:
    if seconds is None:
        return "-"
    return _time(seconds / row.calls) + f" per {row.per}" if row.calls else _time(seconds)


def _side_table(
    cases: list[Any], res: dict[str, Any], names: dict[str, Any], kind: str, intro: str, show: Any
) -> list[str]:
    """A table of one secondary measure (``cpu`` or ``memory``) for the rows that have it."""
    lines = [
        "",
        intro,
        "",
        "| Operation | Reference | Ours | Reference / ours | Other variants |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for case in cases:
        if case.script is None or case.key not in res:
            continue
        results = res[case.key]
        for row in case.rows:
            metric = getattr(row, kind)
            if metric is None:
                continue
            official = _median(results[case.anchor], metric)
            ours = _median(results["ours"], metric)
            ratio = f"{official / ours:.2f}x" if official and ours else "-"
            lines.append(
                f"| {_label(case, row, names)} | {show(official, row)} | {show(ours, row)} "
                f"| {ratio} | {_others(case, results, metric, lambda x, r=row: show(x, r))} |"
            )
    return lines if len(lines) > 5 else []


def _label(case: Any, row: Any, names: dict[str, Any]) -> str:
    """The row's operation; ``(vs <anchor>)`` where ours is compared with another variant
    than the official SDK."""
    label: str = row.label.format(**names)
    return label if case.anchor == "official" else f"{label} (vs {case.anchor})"


def _verdict(
    row: Any, results: dict[str, list[dict[str, Any]]], anchor: str = "official"
) -> tuple[str, str]:
    official = _median(results[anchor], row.metric)
    ours = _median(results["ours"], row.metric)
    if official is None or ours is None:
        return "-", "not measured (a run failed)"
    ratio = official / ours
    if row.target is None:
        return f"{ratio:.2f}x", "(for analysis)"
    misses = []
    if row.target is not None and ratio < row.target:
        misses.append(f"{ratio:.2f}x < {row.target:g}x")
    peak_official = _median(results[anchor], row.memory) if row.memory else None
    peak_ours = _median(results["ours"], row.memory) if row.memory else None
    if row.lower_memory and peak_official and peak_ours and peak_ours >= peak_official:
        misses.append("peak memory not lower")
    size = _median(results["ours"], "update_bytes")
    if row.max_copies is not None and peak_ours and size and peak_ours > row.max_copies * size:
        misses.append(f"peak memory {peak_ours / size:.1f}x the payload")
    if row.max_memory is not None and peak_ours and peak_ours >= row.max_memory:
        misses.append(f"peak memory {_mb(peak_ours)} >= {_mb(row.max_memory)}")
    if row.floor and row.floor_within is not None:
        floor = _median(results[row.floor], row.metric)
        if floor is not None and ours > floor * (1 + row.floor_within):
            misses.append(f"{ours / floor - 1:.0%} slower than {row.floor}")
    rival = _median(results[row.beat], row.metric) if row.beat else None
    if rival is not None and ours >= rival:
        misses.append(f"slower than {row.beat}")
    return f"{ratio:.2f}x", ("missed: " + ", ".join(misses)) if misses else "met"


def _target(row: Any) -> str:
    parts = [f">= {row.target:g}x"] if row.target is not None else []
    if row.lower_memory:
        parts.append("lower peak memory")
    if row.max_copies is not None:
        parts.append("no extra copy")
    if row.floor and row.floor_within is not None:
        parts.append(f"within {row.floor_within:.0%} of {row.floor}")
    if row.beat:
        parts.append(f"faster than {row.beat}")
    if row.max_memory is not None:
        parts.append(f"memory growth < {_mb(row.max_memory)}")
    return ", ".join(parts) or "-"


def _results_block(cases: list[Any], run: dict[str, Any]) -> str:
    filled = run["filled"]
    names = {
        "rooms": filled.get("rooms"),
        "storage_mb": f"{filled.get('storage_bytes', 0) / 1e6:.1f}",
        "yjs_mb": f"{filled.get('yjs_bytes', 0) / 1e6:.1f}",
        "export_rooms": f"{filled.get('export_rooms', 0):,}",
        "upload_mb": f"{filled.get('upload_bytes', 0) / 2**20:.0f}",
        "live_rooms": f"{filled.get('live_rooms', 0):,}",
        "live_doc_nodes": f"{filled.get('live_doc_nodes', 0):,}",
    }
    res = run["results"]
    about = [
        f"Run of {run['date']}: {run['rounds']} interleaved rounds, {run['seconds']} s in all."
    ]
    if "rooms" in filled:
        about.append(
            f"Dev server filled with {filled['rooms']} rooms, a Storage document of "
            f"{names['storage_mb']} MB in plain LSON ({filled['storage_live_objects']:,} "
            f"LiveObjects) and a Yjs update of {names['yjs_mb']} MB."
        )
    if "export_rooms" in filled:
        about.append(
            f"Export server: {names['export_rooms']} rooms, {filled['export_storage']} with "
            f"Storage ({filled['export_storage_bytes'] / 1e6:.1f} MB of plain LSON in all), "
            f"{filled['export_yjs']} with a Yjs document ({filled['export_yjs_bytes'] / 1e6:.1f}"
            " MB in all)."
        )
    about.append(
        "Reference: the official SDK, or the variant an operation names (vs node: "
        "@liveblocks/node, for what the official SDK does not do)."
    )
    lines = [
        " ".join(about),
        "",
        "| Case | Operation | Reference | Ours | Reference / ours | Target | Verdict "
        "| Other variants |",
        "| --- | --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for case in cases:
        if case.script is None:
            lines.append(f"| {case.title} | - | - | - | - | - | {case.note} | - |")
            continue
        if case.key not in res:
            continue
        results = res[case.key]
        for row in case.rows:
            ratio, verdict = _verdict(row, results, case.anchor)
            lines.append(
                f"| {case.title} | {_label(case, row, names)} "
                f"| {_cell(_median(results[case.anchor], row.metric), row.calls)} "
                f"| {_cell(_median(results['ours'], row.metric), row.calls)} "
                f"| {ratio} | {_target(row)} | {verdict} "
                f"| {_others(case, results, row.metric, lambda x, r=row: _cell(x, r.calls))} |"
            )
    lines += _side_table(
        cases,
        res,
        names,
        "cpu",
        "Client CPU: the time the benchmark's own process spent on the CPU per operation "
        "(per call for the loops), whatever the server and other programs did meanwhile. "
        "It is the part of each time above that the SDK controls, and it is steadier on a "
        "busy machine than the wall-clock time. For the export: the exporting process's "
        "CPU (user and system), its start included.",
        _cpu,
    )
    lines += _side_table(
        cases,
        res,
        names,
        "memory",
        "Peak memory: what Python allocated during one call, its result included "
        "(tracemalloc, in a call apart from the timed ones); for the export, the peak "
        "resident memory of the exporting process.",
        lambda value, row: _mb(value),
    )
    if "import" in res:
        flags = {r.get("aiohttp_imported") for r in res["import"]["ours"] if "error" not in r}
        said = "no" if flags == {False} else "yes" if True in flags else "unknown"
        lines += [
            "",
            f"Does `import liveblocks` with a sync client import aiohttp (ours)? **{said}**.",
        ]
    lines += ["", _machine(run), "", _details(cases, run)]
    return "\n".join(lines)


def _machine(run: dict[str, Any]) -> str:
    m = run["machine"]
    ours, official = m["ours"], m["official"]

    def pkgs(versions: dict[str, Any]) -> str:
        return ", ".join(f"{k} {v}" for k, v in versions.items() if k != "python" and v)

    before = ", ".join(f"{x:.2f}" for x in run["load_before"])
    after = ", ".join(f"{x:.2f}" for x in run["load_after"])
    return "\n".join(
        [
            "Machine:",
            "",
            f"- {m['cpus']} CPUs ({m['cpu_model']}), {m['platform']}; shared with other work, "
            f"so numbers move between runs (load average before: {before}; after: {after}).",
            f"- Ours: Python {ours.get('python')}; {pkgs(ours)}.",
            f"- Official: Python {official.get('python')}; {pkgs(official)}.",
            f"- Dev server: npm `liveblocks` {m['dev_server']} on bun {m['bun']}, over loopback.",
            f"- Node.js {m.get('node')}; npm `@liveblocks/node` {m.get('node_sdk')}.",
        ]
    )


def _details(cases: list[Any], run: dict[str, Any]) -> str:
    lines = ["<details><summary>Every run (seconds; peak memory in MB)</summary>", ""]
    for case in cases:
        if case.script is None or case.key not in run["results"]:
            continue
        for variant, runs in run["results"][case.key].items():
            cells = []
            for row in case.rows:
                for metric in (row.metric, row.cpu, row.memory):
                    if metric is None:
                        continue
                    scale = 1e6 if metric.endswith("_bytes") else 1
                    values = [f"{r[metric] / scale:.4g}" for r in runs if metric in r]
                    if values:
                        cells.append(f"{metric}: {' '.join(values)}")
            errors = [r["error"] for r in runs if "error" in r]
            if errors:
                cells.append(f"errors: {errors}")
            lines.append(f"- {case.key} / {variant}: " + "; ".join(cells))
    lines += ["", "</details>"]
    return "\n".join(lines)


TEMPLATE = """# Benchmarks

This SDK and the official `liveblocks` package (3.16.0a1) side by side, on the same local
Liveblocks dev server, in one run, with the raw transports (requests, urllib3, aiohttp) as
floors. Ratios are official time / our time: above 1 means ours is faster.

## Results

{start}
{end}

## How to reproduce

```sh
make bench         # prints the results, saves benchmarks/.work/results.json
make bench-report  # the same, then rewrites the tables of this file from them
```

It installs the project (`.venv`), the dev server (`.devserver`) and, on first use, the
official SDK from PyPI into `benchmarks/.venv-official` (both packages are imported as
`liveblocks`, so each side runs in its own interpreter), then runs `benchmarks/run.py`,
which rewrites the results above. Options: `--rounds N`, `--cases list,storage,...`,
`--profile CASE[:VARIANT]` (one run under pyinstrument, installed on demand).
"""


def write_readme(path: Path, cases: list[Any], run: dict[str, Any]) -> None:
    block = f"{START}\n{_results_block(cases, run)}\n{END}"
    text = path.read_text() if path.exists() else TEMPLATE.format(start=START, end=END)
    if START not in text or END not in text:
        text = TEMPLATE.format(start=START, end=END)
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(head + block + tail)

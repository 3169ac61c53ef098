"""Storage edits written once as data, run by the SDK (this module) and by
@liveblocks/node (tests/node/mutate.mjs), so that both results can be compared.

A step is a dict: ``do`` (``set``, ``update``, ``delete``, ``push``, ``insert``, ``move``,
``clear``), ``at`` (the path from the root: keys and list indexes), and ``key``,
``index``, ``to``, ``value`` as the action needs. ``py`` picks which Python form runs
(``item``: ``x[k] = v`` / ``del x[k]``, ``method``: ``x.set(k, v)`` / ``x.delete(k)``,
``append``, ``kwargs``); ``py_key`` / ``py_index`` / ``py_to`` give Python a negative
index where node gets the positive one. Values ``{"$LiveObject": {...}}``,
``{"$LiveList": [...]}``, ``{"$LiveMap": {...}}``, ``{"$LiveFile": {...}}`` are Live
structures; anything else is plain JSON.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from liveblocks import LiveFile, LiveList, LiveMap, LiveObject

Step = dict[str, Any]


def live(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((kind, inner),) = value.items()
        if kind == "$LiveObject":
            return LiveObject({k: live(v) for k, v in inner.items()})
        if kind == "$LiveList":
            return LiveList([live(v) for v in inner])
        if kind == "$LiveMap":
            return LiveMap({k: live(v) for k, v in inner.items()})
        if kind == "$LiveFile":
            return LiveFile(data=inner)
    return value


def apply(root: LiveObject, steps: list[Step]) -> dict[str, Any]:
    """Run ``steps`` on ``root`` through the Python forms they name; the root as plain
    JSON afterwards (what the callback sees)."""
    for step in steps:
        target: Any = root
        for key in step["at"]:
            target = target[key]
        do, form = step["do"], step.get("py")
        if do == "set":
            key = step.get("py_key", step["key"])
            if form == "method":
                target.set(key, live(step["value"]))
            else:
                target[key] = live(step["value"])
        elif do == "update":
            values = {k: live(v) for k, v in step["value"].items()}
            if form == "kwargs":
                target.update(**values)
            else:
                target.update(values)
        elif do == "delete":
            key = step.get("py_key", step["key"])
            if form == "method":
                target.delete(key)
            else:
                del target[key]
        elif do == "push":
            if form == "append":
                target.append(live(step["value"]))
            else:
                target.push(live(step["value"]))
        elif do == "insert":
            target.insert(step.get("py_index", step["index"]), live(step["value"]))
        elif do == "move":
            target.move(step.get("py_index", step["index"]), step.get("py_to", step["to"]))
        elif do == "clear":
            target.clear()
        else:
            raise ValueError(f"unknown step {do!r}")
    return root.to_immutable()


# -- steps ---------------------------------------------------------------------------


def set_(at: list[Any], key: Any, value: Any, py: str = "item", **extra: Any) -> Step:
    return {"do": "set", "at": at, "key": key, "value": value, "py": py, **extra}


def update(at: list[Any], value: dict[str, Any], py: str = "mapping") -> Step:
    return {"do": "update", "at": at, "value": value, "py": py}


def delete(at: list[Any], key: Any, py: str = "item", **extra: Any) -> Step:
    return {"do": "delete", "at": at, "key": key, "py": py, **extra}


def push(at: list[Any], value: Any, py: str = "push") -> Step:
    return {"do": "push", "at": at, "value": value, "py": py}


def insert(at: list[Any], index: int, value: Any, **extra: Any) -> Step:
    return {"do": "insert", "at": at, "index": index, "value": value, **extra}


def move(at: list[Any], index: int, to: int, **extra: Any) -> Step:
    return {"do": "move", "at": at, "index": index, "to": to, **extra}


def clear(at: list[Any]) -> Step:
    return {"do": "clear", "at": at}


def obj(data: dict[str, Any]) -> dict[str, Any]:
    return {"$LiveObject": data}


def lst(items: list[Any]) -> dict[str, Any]:
    return {"$LiveList": items}


def mp(data: dict[str, Any]) -> dict[str, Any]:
    return {"$LiveMap": data}


# -- reading a room's Storage for the comparison -------------------------------------


def storage_nodes(base_url: str, secret: str, room_id: str) -> list[Any]:
    """The room's Storage nodes as the mutation endpoint sends them, sorted by id, with
    the actor of each new node's id left out (``"3:12"`` -> ``"*:12"``): the same edits
    made in two rooms give the same nodes whatever actor numbers the rooms handed out."""
    from urllib.parse import quote

    request = urllib.request.Request(
        f"{base_url}/v2/rooms/{quote(room_id, safe='')}/request-storage-mutation",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        lines = response.read().decode().splitlines()
    nodes = [json.loads(line) for line in lines[1:] if line.strip()]

    def bare(node_id: Any) -> Any:
        if isinstance(node_id, str) and ":" in node_id and node_id.split(":", 1)[0].isdigit():
            return "*:" + node_id.split(":", 1)[1]
        return node_id

    result = []
    for node_id, crdt in nodes:
        crdt = dict(crdt)
        if "parentId" in crdt:
            crdt["parentId"] = bare(crdt["parentId"])
        result.append([bare(node_id), crdt])
    return sorted(result, key=lambda n: json.dumps(n, sort_keys=True))

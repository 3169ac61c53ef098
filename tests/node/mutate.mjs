// Run Storage edits with @liveblocks/node's mutateStorage / massMutateStorage, as the
// reference for the SDK's Live structures in the integration tests; prints the roots
// as each callback left them, as JSON (a list in job order, or by room for "mass").
//
//     node mutate.mjs PLAN.json
//
// PLAN: {"mode": "one", "jobs": [{"room": ID, "steps": [...]}, ...]} (one mutateStorage
// per job, in order), or {"mode": "mass", "concurrency": N, "steps": {ID: [...]}} (one
// massMutateStorage; rooms without steps are left as they are).
//
// A step: {"do": "set" | "update" | "delete" | "push" | "insert" | "move" | "clear",
// "at": [key or index, ...] (from the root), "key", "index", "to", "value"}. A value
// {"$LiveObject": {...}}, {"$LiveList": [...]}, {"$LiveMap": {...}} or {"$LiveFile":
// {...}} is that Live structure; anything else is a plain JSON value.
//
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL; @liveblocks/node
// from the folder NODE_SDK_DIR (see the Makefile's nodesdk target).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_SDK_DIR + "/");
const { Liveblocks, LiveObject, LiveList, LiveMap, LiveFile } = require("@liveblocks/node");

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const liveblocks = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});

function live(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const inner = value[keys[0]];
  switch (keys[0]) {
    case "$LiveObject":
      return new LiveObject(Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, live(v)])));
    case "$LiveList":
      return new LiveList(inner.map(live));
    case "$LiveMap":
      return new LiveMap(Object.entries(inner).map(([k, v]) => [k, live(v)]));
    case "$LiveFile":
      return new LiveFile(inner);
    default:
      return value;
  }
}

function apply(root, steps) {
  for (const step of steps) {
    const target = step.at.reduce((node, key) => node.get(key), root);
    switch (step.do) {
      case "set":
        target.set(step.key, live(step.value));
        break;
      case "update":
        target.update(Object.fromEntries(Object.entries(step.value).map(([k, v]) => [k, live(v)])));
        break;
      case "delete":
        target.delete(step.key);
        break;
      case "push":
        target.push(live(step.value));
        break;
      case "insert":
        target.insert(live(step.value), step.index);
        break;
      case "move":
        target.move(step.index, step.to);
        break;
      case "clear":
        target.clear();
        break;
      default:
        throw new Error(`unknown step ${step.do}`);
    }
  }
  return root.toJSON();
}

let views;
if (plan.mode === "mass") {
  views = {};
  await liveblocks.massMutateStorage(
    {},
    ({ room, root }) => {
      const steps = plan.steps[room.id];
      if (steps !== undefined) views[room.id] = apply(root, steps);
    },
    { concurrency: plan.concurrency },
  );
} else {
  views = [];
  for (const job of plan.jobs) {
    await liveblocks.mutateStorage(job.room, ({ root }) => {
      views.push(apply(root, job.steps));
    });
  }
}
// Exit at once: mutateStorage leaves send-message answers unread, and their sockets
// would keep the process alive for seconds.
process.stdout.write(JSON.stringify(views) + "\n", () => process.exit(0));

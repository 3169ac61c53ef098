// The Live Storage cases with @liveblocks/node; prints one JSON line of measurements.
//
//     node live_node.mjs mass CONCURRENCY    massMutateStorage over every room
//     node live_node.mjs doc ROOM RUNS       mutateStorage of one large document
//
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL. The edits are those
// of live_mass.py and live_doc.py.

import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

// @liveblocks/node is installed in benchmarks/.node (see run.py).
const require = createRequire(new URL("../.node/", import.meta.url));
const { Liveblocks, LiveObject, LiveList } = require("@liveblocks/node");
const { createManagedPool } = require("@liveblocks/core");

const [mode, ...rest] = process.argv.slice(2);
const liveblocks = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});
const cpu = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function editRoom(root) {
  root.set("n", (root.get("n") ?? 0) + 1);
  root.get("tags").move(0, 2);
}

function editDocument(root) {
  const cards = root.get("cards");
  for (let i = 0; i < cards.length; i += 100) {
    const card = cards.get(i);
    card.set("done", !card.get("done"));
  }
  cards.push(
    new LiveObject({
      title: "new card",
      done: false,
      points: 3,
      labels: new LiveList(["new", "card"]),
      owner: new LiveObject({ id: "user-0" }),
    }),
  );
  cards.delete(0);
}

let result;
if (mode === "mass") {
  const concurrency = Number(rest[0]);
  let rooms = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await liveblocks.massMutateStorage(
    {},
    ({ root }) => {
      editRoom(root);
      rooms++;
    },
    { concurrency },
  );
  const total = (performance.now() - start) / 1000;
  result = { total_s: total, cpu_s: cpu(cpu0), rooms, peak_rss_bytes: peakRss() };
} else {
  const [room, runs] = rest;
  const times = [];
  const cpus = [];
  for (let i = 0; i < Number(runs); i++) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    await liveblocks.mutateStorage(room, ({ root }) => editDocument(root));
    times.push((performance.now() - start) / 1000);
    cpus.push(cpu(cpu0));
  }
  // Building the tree alone: the answer read once, its lines parsed and built each time.
  const response = await fetch(
    `${process.env.LIVEBLOCKS_BASE_URL}/v2/rooms/${encodeURIComponent(room)}/request-storage-mutation`,
    {
      method: "POST",
      headers: {
        Authorization: `Bearer ${process.env.LIVEBLOCKS_SECRET_KEY}`,
        "Content-Type": "application/json",
      },
      body: "{}",
    },
  );
  const text = await response.text();
  const builds = [];
  let nodes = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const [head, ...lines] = text.split("\n").filter((line) => line.length > 0);
    const actor = JSON.parse(head).actor;
    const items = lines.map((line) => JSON.parse(line));
    const pool = createManagedPool({ getCurrentConnectionId: () => actor });
    LiveObject._fromItems(items, pool);
    builds.push((performance.now() - start) / 1000);
    nodes = items.length;
  }
  result = {
    mutate_s: median(times),
    mutate_cpu_s: median(cpus),
    build_s: median(builds),
    nodes,
    peak_rss_bytes: peakRss(),
  };
}
// Exit at once: mutateStorage leaves send-message answers unread, and their sockets
// would keep the process alive for seconds.
process.stdout.write(JSON.stringify(result) + "\n", () => process.exit(0));

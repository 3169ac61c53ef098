// Case 8 with @liveblocks/node: uploadFile of the same 96 MiB file, from a path.
//
//     node upload_node.mjs node --url URL --work DIR
//
// Prints the same JSON line as upload.py: the upload's wall-clock and CPU seconds and how
// far the resident memory grew during it.

import { openAsBlob, readFileSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

// @liveblocks/node is installed in benchmarks/.node (see run.py).
const require = createRequire(new URL("../.node/", import.meta.url));
const { Liveblocks } = require("@liveblocks/node");

const args = process.argv.slice(2);
const url = args[args.indexOf("--url") + 1];
const work = args[args.indexOf("--work") + 1];
const path = join(work, "upload.bin");
const { size } = await stat(path);
const liveblocks = new Liveblocks({ secret: "sk_localdev", baseUrl: url });
const room = `bench-upload-${Math.random().toString(16).slice(2, 10)}`;
await liveblocks.createRoom(room, { defaultAccesses: [] });

// The peak resident memory of this process (VmHWM), reset to the current one first.
const status = (field) =>
  Number(readFileSync("/proc/self/status", "utf8").match(new RegExp(`${field}:\\s+(\\d+)`))[1]) * 1024;
writeFileSync("/proc/self/clear_refs", "5");
const before = status("VmRSS");
const cpuBefore = process.cpuUsage();
const started = performance.now();
const file = new File([await openAsBlob(path)], "upload.bin");
const uploaded = await liveblocks.uploadFile({ roomId: room, file });
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const growth = status("VmHWM") - before;
await liveblocks.deleteRoom(room);
if (uploaded.size !== size) {
  console.error(`stored ${uploaded.size} bytes of ${size}`);
  process.exit(1);
}
console.log(
  JSON.stringify({
    upload_s: wall,
    upload_cpu_s: (cpu.user + cpu.system) / 1e6,
    rss_growth_bytes: growth,
    file_bytes: size,
  }),
);

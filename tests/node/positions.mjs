// List positions computed by @liveblocks/core, as the reference for the SDK's own.
//
//     node positions.mjs CASES.json
//
// CASES: [[before or null, after or null], ...] for makePosition, then {"asPos": [...]}
// entries for asPos; prints the results in the same order, as JSON.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_SDK_DIR + "/");
const { makePosition, asPos } = require("@liveblocks/core");

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = cases.map((c) =>
  Array.isArray(c) ? makePosition(c[0] ?? undefined, c[1] ?? undefined) : asPos(c.asPos),
);
process.stdout.write(JSON.stringify(results) + "\n");

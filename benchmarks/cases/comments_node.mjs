// Case 11 with Node, in two processes (one process cannot load two versions of
// @liveblocks/core, and @liveblocks/emails 3.13.4 brings its own):
//
//     node comments_node.mjs bodies CORPUS.json       @liveblocks/node's stringifyCommentBody
//                                                     on every body, in each format
//     node comments_node.mjs emails CORPUS.json URL   @liveblocks/emails'
//                                                     prepareThreadNotificationEmailAsHtml on
//                                                     every event, against the fake API at URL
//
// Prints one JSON line with the metrics comments.py prints: wall-clock and CPU seconds.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Installed by run.py: @liveblocks/node in benchmarks/.node, @liveblocks/emails (with its
// own @liveblocks/node) in benchmarks/.node-emails.
const [mode, corpusPath, url] = process.argv.slice(2);
const { bodies, users, events } = JSON.parse(readFileSync(corpusPath, "utf8"));
const resolveUsers = async ({ userIds }) => userIds.map((id) => users[id]);
const metrics = {};

// This process's CPU seconds (user and system) since ``start``.
function cpuSeconds(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

if (mode === "bodies") {
  const { stringifyCommentBody } = createRequire(new URL("../.node/", import.meta.url))(
    "@liveblocks/node"
  );
  let characters = 0;
  for (const format of ["plain", "markdown", "html"]) {
    const [started, cpu] = [performance.now(), process.cpuUsage()];
    for (const body of bodies) {
      characters += (await stringifyCommentBody(body, { format, resolveUsers })).length;
    }
    metrics[`${format}_s`] = (performance.now() - started) / 1000;
    metrics[`${format}_cpu_s`] = cpuSeconds(cpu);
  }
  metrics.characters = characters;
} else {
  const require = createRequire(new URL("../.node-emails/", import.meta.url));
  const { prepareThreadNotificationEmailAsHtml } = require("@liveblocks/emails");
  const { Liveblocks } = require("@liveblocks/node");
  const client = new Liveblocks({ secret: "sk_localdev", baseUrl: url });
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  let emails = 0;
  for (const event of events) {
    const email = await prepareThreadNotificationEmailAsHtml(client, event, { resolveUsers });
    emails += email === null ? 0 : 1;
  }
  metrics.emails_s = (performance.now() - started) / 1000;
  metrics.emails_cpu_s = cpuSeconds(cpu);
  metrics.emails = emails;
}
process.stdout.write(JSON.stringify(metrics) + "\n");

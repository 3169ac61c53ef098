// Prepare thread notification emails with @liveblocks/emails'
// prepareThreadNotificationEmailAsHtml, as the reference for the SDK's own
// (tests/node/test_thread_emails_vs_node.py). Its client talks to the server given.
//
//     node thread_email.mjs CASES.json
//
// CASES.json: [{event, users, groups, roomInfo, styles}]; users and groups map ids to the
// infos the resolvers give (null: no resolver), roomInfo is what resolveRoomInfo gives
// (null: no resolver). Prints the emails' data as a JSON list (null where there is none).
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL; the packages from the
// folder NODE_EMAILS_DIR (see the Makefile's emails target).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_EMAILS_DIR + "/");
const { prepareThreadNotificationEmailAsHtml } = require("@liveblocks/emails");
const { Liveblocks } = require("@liveblocks/node");

const client = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});

function resolver(infos, key) {
  if (infos === undefined || infos === null) return undefined;
  return async (args) => args[key].map((id) => infos[id] ?? undefined);
}

const results = [];
for (const c of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  results.push(
    await prepareThreadNotificationEmailAsHtml(client, c.event, {
      resolveUsers: resolver(c.users, "userIds"),
      resolveGroupsInfo: resolver(c.groups, "groupIds"),
      resolveRoomInfo: c.roomInfo === null ? undefined : async () => c.roomInfo,
      styles: c.styles ?? undefined,
    })
  );
}
process.stdout.write(JSON.stringify(results) + "\n");

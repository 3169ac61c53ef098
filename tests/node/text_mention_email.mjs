// Prepare text mention notification emails with @liveblocks/emails'
// prepareTextMentionNotificationEmailAsHtml, as the reference for the SDK's own
// (tests/node/test_text_mention_emails_vs_node.py). Its client talks to the server given.
//
//     node text_mention_email.mjs CASES.json
//
// CASES.json: [{event, users, roomInfo, styles}]; users maps ids to the infos the
// resolver gives (null: no resolver), roomInfo is what resolveRoomInfo gives (null: no
// resolver). Prints the emails' data as a JSON list (null where there is none).
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL; the packages from the
// folder NODE_EMAILS_DIR (see the Makefile's emails target).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_EMAILS_DIR + "/");
const { prepareTextMentionNotificationEmailAsHtml } = require("@liveblocks/emails");
const { Liveblocks } = require("@liveblocks/node");

const client = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});

function resolver(infos) {
  if (infos === undefined || infos === null) return undefined;
  return async ({ userIds }) => userIds.map((id) => infos[id] ?? undefined);
}

const results = [];
for (const c of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  results.push(
    await prepareTextMentionNotificationEmailAsHtml(client, c.event, {
      resolveUsers: resolver(c.users),
      resolveRoomInfo: c.roomInfo === null ? undefined : async () => c.roomInfo,
      styles: c.styles ?? undefined,
    }),
  );
}
process.stdout.write(JSON.stringify(results) + "\n");

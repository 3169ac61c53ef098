// Run @liveblocks/node's helpers (comment bodies, notification settings) on the cases of a
// JSON file, as the reference for the SDK's own (tests/node/test_*_vs_node.py).
//
//     node helpers.mjs CASES.json
//
// CASES.json: {"stringify": [{body, format, separator, users, groups}], "mentions":
// [body], "markdown": [text], "channels": [settings], "urls": [url]}; users and groups map
// ids to the infos the resolvers give. Prints the results under the same keys (for a URL:
// @liveblocks/core's sanitizeUrl, and generateUrl with a fragment, null where it throws).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_SDK_DIR + "/");
const {
  stringifyCommentBody,
  getMentionsFromCommentBody,
  markdownToCommentBody,
  isNotificationChannelEnabled,
} = require("@liveblocks/node");
const { sanitizeUrl, generateUrl } = require("@liveblocks/core");

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));

function resolver(infos, key) {
  if (infos === undefined || infos === null) return undefined;
  return async (args) => args[key].map((id) => infos[id] ?? undefined);
}

const stringified = [];
for (const c of cases.stringify ?? []) {
  stringified.push(
    await stringifyCommentBody(c.body, {
      format: c.format ?? undefined,
      separator: c.separator ?? undefined,
      resolveUsers: resolver(c.users, "userIds"),
      resolveGroupsInfo: resolver(c.groups, "groupIds"),
    })
  );
}
const mentions = (cases.mentions ?? []).map((body) => getMentionsFromCommentBody(body));
const markdown = (cases.markdown ?? []).map((text) => markdownToCommentBody(text));
const urls = (cases.urls ?? []).map((url) => {
  let withHash;
  try {
    withHash = generateUrl(url, undefined, "cm_1 é");
  } catch {
    withHash = null;
  }
  return [sanitizeUrl(url), withHash];
});
const channels = (cases.channels ?? []).map((settings) => isNotificationChannelEnabled(settings));
process.stdout.write(
  JSON.stringify({ stringify: stringified, mentions, markdown, channels, urls }) + "\n"
);

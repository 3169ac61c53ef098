// Upload a file with @liveblocks/node's uploadFile, as the reference for the SDK's own
// uploads in the integration tests; prints the LiveFile's data as JSON.
//
//     node upload.mjs ROOM_ID PATH
//
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL; @liveblocks/node
// from the folder NODE_SDK_DIR (see the Makefile's nodesdk target).

import { openAsBlob } from "node:fs";
import { createRequire } from "node:module";
import { basename } from "node:path";

const require = createRequire(process.env.NODE_SDK_DIR + "/");
const { Liveblocks } = require("@liveblocks/node");

const [roomId, path] = process.argv.slice(2);
const liveblocks = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});
const file = new File([await openAsBlob(path)], basename(path));
const uploaded = await liveblocks.uploadFile({ roomId, file });
process.stdout.write(JSON.stringify(uploaded.data) + "\n");

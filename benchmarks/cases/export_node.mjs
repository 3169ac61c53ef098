// Export every room with its Storage and Yjs document with @liveblocks/node, 16 rooms at
// a time: page through getRooms with startingAfter, then fetch each room's documents.
//
//     node export_node.mjs DIR [CONCURRENCY]
//
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL. Writes the same files
// as export_official.py: DIR/rooms.ndjson, DIR/storage/<id>.json, DIR/yjs/<id>.bin.

import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

// @liveblocks/node is installed in benchmarks/.node (see run.py).
const require = createRequire(new URL("../.node/", import.meta.url));
const { Liveblocks } = require("@liveblocks/node");

const [directory, concurrency = "16"] = process.argv.slice(2);
const liveblocks = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});

// Python's quote(id, safe=""): encodeURIComponent leaves !'()* as they are.
const fileName = (id) =>
  encodeURIComponent(id).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

await mkdir(join(directory, "storage"), { recursive: true });
await mkdir(join(directory, "yjs"), { recursive: true });
const roomsFile = createWriteStream(join(directory, "rooms.ndjson"));

async function exportRoom(room) {
  const storage = await liveblocks.getStorageDocument(room.id, "plain-lson");
  const update = new Uint8Array(await liveblocks.getYjsDocumentAsBinaryUpdate(room.id));
  roomsFile.write(JSON.stringify(room) + "\n");
  const name = fileName(room.id);
  if (Object.keys(storage.data).length > 0) {
    await writeFile(join(directory, "storage", name + ".json"), JSON.stringify(storage));
  }
  if (!(update.length === 2 && update[0] === 0 && update[1] === 0)) {
    await writeFile(join(directory, "yjs", name + ".bin"), update);
  }
}

let startingAfter;
do {
  const page = await liveblocks.getRooms({ limit: 100, startingAfter });
  let next = 0;
  const worker = async () => {
    while (next < page.data.length) await exportRoom(page.data[next++]);
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  startingAfter = page.nextCursor ?? undefined;
} while (startingAfter);
await new Promise((resolve) => roomsFile.end(resolve));

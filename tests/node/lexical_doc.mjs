// A Lexical document as Lexical's Yjs binding stores it, for the text mention email tests
// (pycrdt cannot embed an XmlText in a root text): a root XmlText under KEY holding one
// element XmlText per block, whose children are text maps (__type "text", __format)
// followed by their string, line-break maps, and decorator XmlElements (mentions).
//
//     node lexical_doc.mjs BLOCKS.json KEY
//
// BLOCKS: [{"type": "paragraph", "children": [{"text": S, "format": N} |
// {"linebreak": true} | {"decorator": {attributes}}]}]. Prints the document's binary
// update in base64, as a JSON string. yjs comes from NODE_PROSEMIRROR_DIR.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PROSEMIRROR_DIR + "/");
const Y = require("yjs");

const blocks = JSON.parse(readFileSync(process.argv[2], "utf8"));
const doc = new Y.Doc();
const root = doc.get(process.argv[3], Y.XmlText);
for (const block of blocks) {
  const element = new Y.XmlText();
  root.insertEmbed(root.length, element);
  element.setAttribute("__type", block.type);
  for (const child of block.children) {
    if ("text" in child) {
      const map = new Y.Map();
      element.insertEmbed(element.length, map);
      map.set("__type", "text");
      map.set("__format", child.format ?? 0);
      element.insert(element.length, child.text);
    } else if (child.linebreak) {
      const map = new Y.Map();
      element.insertEmbed(element.length, map);
      map.set("__type", "linebreak");
    } else {
      const decorator = new Y.XmlElement(child.decorator.__type);
      element.insertEmbed(element.length, decorator);
      for (const [key, value] of Object.entries(child.decorator)) decorator.setAttribute(key, value);
    }
  }
}
console.log(JSON.stringify(Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64")));

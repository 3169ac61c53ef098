// Read and write rooms' text-editor documents with @liveblocks/node-prosemirror's
// withProsemirrorDocument, as the reference for the SDK's room.prosemirror():
//
//     node prosemirror.mjs PLAN.json
//
// PLAN: {"jobs": [{"room": ID, "field": NAME?, "steps": [STEP, ...]}, ...]}, each job one
// withProsemirrorDocument call; a STEP is {"set": CONTENT} (setContent), {"clear": true}
// (clearContent) or {"read": true}. Prints, for each job, the list of what each "read"
// saw: {"json": toJSON(), "text": getText(), "markdown": toMarkdown() or null when it
// throws, "error": its message, "markdownAll": ...} where "markdownAll" is
// prosemirror-markdown's default serializer with StarterKit's names given the default
// names' functions (bulletList as bullet_list, bold as strong...; strikethrough as ~~).
// {"schema": true} prints the schema the package uses instead; {"markdown": [TEXT, ...]}
// prints the documents prosemirror-markdown's parser (markdown-it, CommonMark with
// strikethrough) makes of each text on that schema, StarterKit's names given the
// default parser's tokens.
//
// Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL; the packages from
// the folder NODE_PROSEMIRROR_DIR (see the Makefile's prosemirror target).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PROSEMIRROR_DIR + "/");
const { Liveblocks } = require("@liveblocks/node");
const { withProsemirrorDocument } = require("@liveblocks/node-prosemirror");
const { MarkdownParser, MarkdownSerializer, defaultMarkdownSerializer } = require("prosemirror-markdown");
const MarkdownIt = require("markdown-it");

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const client = new Liveblocks({
  secret: process.env.LIVEBLOCKS_SECRET_KEY,
  baseUrl: process.env.LIVEBLOCKS_BASE_URL,
});

// The default serializer's functions under StarterKit's names; attributes renamed on a
// view of the node (language is code_block's params, start is ordered_list's order).
const withAttrs = (node, attrs) =>
  Object.create(node, { attrs: { value: { ...node.attrs, ...attrs } } });
const nodes = defaultMarkdownSerializer.nodes;
const marks = defaultMarkdownSerializer.marks;
const starterKit = new MarkdownSerializer(
  {
    ...nodes,
    codeBlock: (state, node) => nodes.code_block(state, withAttrs(node, { params: node.attrs.language })),
    bulletList: nodes.bullet_list,
    orderedList: (state, node) => nodes.ordered_list(state, withAttrs(node, { order: node.attrs.start })),
    listItem: nodes.list_item,
    hardBreak: nodes.hard_break,
    horizontalRule: nodes.horizontal_rule,
  },
  {
    ...marks,
    bold: marks.strong,
    italic: marks.em,
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  },
  { strict: false, hardBreakNodeName: "hardBreak" },
);

function read(api) {
  const seen = { json: api.toJSON(), text: api.getText(), markdown: null, error: null };
  try {
    seen.markdown = api.toMarkdown();
  } catch (error) {
    seen.error = String(error.message);
  }
  seen.markdownAll = starterKit.serialize(api.getEditorState().doc);
  return seen;
}

function schemaOf(schema) {
  const attrs = (type) =>
    Object.fromEntries(Object.entries(type.attrs).map(([name, a]) => [name, a.default]));
  const out = { nodes: [], marks: [] };
  schema.spec.nodes.forEach((name, spec) => {
    const type = schema.nodes[name];
    out.nodes.push({
      name,
      attrs: attrs(type),
      groups: (spec.group || "").split(" ").filter(Boolean),
      inline: type.isInline,
      leaf: type.isLeaf,
      textblock: type.isTextblock,
      content: spec.content ?? null,
    });
  });
  schema.spec.marks.forEach((name, spec) => {
    const type = schema.marks[name];
    out.marks.push({ name, rank: type.rank, attrs: attrs(type), overlapping: !type.excludes(type) });
  });
  return out;
}

function starterKitParser(schema) {
  const tokenizer = MarkdownIt("commonmark", { html: false }).enable("strikethrough");
  return new MarkdownParser(schema, tokenizer, {
    blockquote: { block: "blockquote" },
    paragraph: { block: "paragraph" },
    list_item: { block: "listItem" },
    bullet_list: { block: "bulletList" },
    ordered_list: { block: "orderedList", getAttrs: (tok) => ({ start: +tok.attrGet("start") || 1 }) },
    heading: { block: "heading", getAttrs: (tok) => ({ level: +tok.tag.slice(1) }) },
    code_block: { block: "codeBlock", noCloseToken: true },
    fence: { block: "codeBlock", getAttrs: (tok) => ({ language: tok.info || null }), noCloseToken: true },
    hr: { node: "horizontalRule" },
    hardbreak: { node: "hardBreak" },
    em: { mark: "italic" },
    strong: { mark: "bold" },
    s: { mark: "strike" },
    link: {
      mark: "link",
      getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }),
    },
    code_inline: { mark: "code", noCloseToken: true },
  });
}

if (plan.schema || plan.markdown) {
  const room = `schema-${Date.now()}`;
  await client.createRoom(room, { defaultAccesses: [] });
  const schema = await withProsemirrorDocument({ roomId: room, client }, (api) =>
    api.getEditorState().schema,
  );
  if (plan.schema) console.log(JSON.stringify(schemaOf(schema)));
  else {
    const parser = starterKitParser(schema);
    console.log(JSON.stringify(plan.markdown.map((text) => parser.parse(text).toJSON())));
  }
} else {
  const results = [];
  for (const job of plan.jobs) {
    const seen = await withProsemirrorDocument(
      { roomId: job.room, client, field: job.field },
      async (api) => {
        const reads = [];
        for (const step of job.steps) {
          if ("set" in step) await api.setContent(step.set);
          else if (step.clear) await api.clearContent();
          else reads.push(read(api));
        }
        return reads;
      },
    );
    results.push(seen);
  }
  console.log(JSON.stringify(results));
}

// Validates GraphQL SDL with graphql-js's buildSchema and AsyncAPI documents with the
// official @asyncapi/parser. Usage: node check.mjs graphql FILE... | asyncapi FILE...
// Exits 1 if any file is rejected.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_MODULES_DIR + "/");
const [kind, ...files] = process.argv.slice(2);
let failed = false;

if (kind === "graphql") {
  const { buildSchema } = require("graphql");
  for (const file of files) {
    try {
      buildSchema(readFileSync(file, "utf8"));
      console.log(`ok   graphql  ${file}`);
    } catch (e) {
      failed = true;
      console.error(`FAIL graphql  ${file}: ${e.message}`);
    }
  }
} else if (kind === "asyncapi") {
  const { Parser } = require("@asyncapi/parser");
  const parser = new Parser();
  for (const file of files) {
    const { document, diagnostics } = await parser.parse(readFileSync(file, "utf8"));
    const errors = diagnostics.filter((d) => d.severity === 0);
    if (!document || errors.length > 0) {
      failed = true;
      console.error(`FAIL asyncapi ${file}:`);
      for (const d of errors) console.error(`  ${d.path.join(".")}: ${d.message}`);
    } else {
      console.log(`ok   asyncapi ${file}`);
    }
  }
} else {
  console.error(`unknown kind ${kind}`);
  failed = true;
}
process.exit(failed ? 1 : 0);

// Writes the summary widget's demo example (components/src/submissions-summary/examples/demo.json):
// sample submissions from generate.mjs, plus one to another template and one that is
// not a submission at all, so the demo and the tests show every part of the summary.
// Usage: node bench/make-example.mjs > components/src/submissions-summary/examples/demo.json
import { personalSubmissions } from "./generate.mjs";

const batch = personalSubmissions(60, { seed: 1 });
const other = structuredClone(batch[0]);
other.template = { id: "mah-representative-management", version: "2026.3" };
batch.push(other, { note: "这不是一份提交" });
const example = {
  title: "演示：60 份生成的医药代表自查提交，另有一份其他模板的、一份不是提交的",
  state: "demo",
  demo: { slug: "submissions-summary", nav: "fs.nav", sample: true },
  properties: { value: batch },
  see: ["未计入的提交（2 份）"],
  events: ["summary.change"],
};
process.stdout.write(JSON.stringify(example, null, 1) + "\n");

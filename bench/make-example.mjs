// Writes the summary widget's example batch (components/src/submissions-summary/sample-batch.json): sample
// submissions from generate.mjs, plus one to another template and one that is not a
// submission at all, so the demo and the tests show every part of the summary.
// Usage: node bench/make-example.mjs > components/src/submissions-summary/sample-batch.json
import { personalSubmissions } from "./generate.mjs";

const batch = personalSubmissions(60, { seed: 1 });
const other = structuredClone(batch[0]);
other.template = { id: "mah-representative-management", version: "2026.1" };
batch.push(other, { note: "这不是一份提交" });
process.stdout.write(JSON.stringify(batch, null, 1) + "\n");

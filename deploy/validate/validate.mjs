// Validates Kubernetes objects against their schemas, offline: node validate.mjs FILE.yaml...
// Each file may hold many documents (kubectl kustomize output). Core kinds are checked with
// kubernetes-models, KEDA's with @kubernetes-models/keda; a kind neither knows is an error, so nothing
// passes unchecked. Prints one line per object and exits non-zero if any is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "keda.sh") return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

let failures = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`INVALID ${file}: ${document.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    if (object.kind === "Secret" && object.data) {
      // kustomize folds long base64 values over lines; the API server's decoder skips the line breaks.
      for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s+/g, "");
    }
    const name = `${object.kind} ${object.metadata?.name} (${object.apiVersion}) in ${file}`;
    count++;
    let Model;
    try {
      const module = await import(modulePath(object.apiVersion, object.kind));
      Model = module[object.kind];
    } catch {
      console.log(`UNKNOWN ${name}: no schema for this kind`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`valid ${name}`);
    } catch (error) {
      console.log(`INVALID ${name}: ${error.message}`);
      failures++;
    }
  }
}
console.log(`${count} objects, ${failures} invalid`);
process.exit(failures === 0 && count > 0 ? 0 : 1);

// Local stand-in for SQS: local-aws-sqs on 127.0.0.1, queues kept in memory (lost on stop).
// Speaks both the JSON (x-amz-json-1.0, X-Amz-Target: AmazonSQS.<Action>) and the Query protocol.
// Queue URLs look like http://127.0.0.1:PORT/123456789012/NAME; queues are found by the URL's
// last path segment only.
// Usage: node sqs-server.js PORT
// Prints "ready" on its own line once listening; SIGTERM or SIGINT stops it. SIGUSR2 restarts it in
// place as a crash would: the port closes for 2 s and every queue and message is gone (the
// fault-injection tests use this; the queues must then be created again, e.g. by `vidsnap setup`).
"use strict";

const fs = require("fs");
const path = require("path");

// local-aws-sqs 2.0.2 counts every ChangeMessageVisibility as a receive (ApproximateReceiveCount + 1),
// unlike SQS. A worker that extends its lease while it works would then push its message to the
// dead-letter queue the first time its lease expires. Load a copy with that one line corrected: the
// change keeps the count for visibility changes (the third argument is true only for those).
function loadPatchedSqs() {
  const original = require.resolve("local-aws-sqs");
  const source = fs.readFileSync(original, "utf8");
  const wrong = "let n=Number(t.record.attributes.ApproximateReceiveCount)+1;";
  const right = "let n=Number(t.record.attributes.ApproximateReceiveCount)+(i?0:1);";
  if (!source.includes(wrong)) {
    throw new Error("local-aws-sqs is not the expected 2.0.2 build; cannot correct its receive count");
  }
  const patched = path.join(path.dirname(original), "index.vidsnap-patched.js");
  fs.writeFileSync(patched, source.replace(wrong, right));
  return require(patched);
}

const { createSqsServer } = loadPatchedSqs();

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node sqs-server.js PORT");
  process.exit(2);
}

// createSqsServer's promise resolves once listening but never rejects: a listen error (port in
// use) surfaces as an uncaught 'error' event instead.
process.on("uncaughtException", (err) => {
  console.error(`sqs-server: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});

let server;
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.error(`sqs-server: ${signal}, stopping`);
  if (!server) process.exit(0);
  setTimeout(() => process.exit(0), 2000).unref();
  // ReceiveMessage long polls hold connections open: drop them rather than wait.
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

const options = {
  port,
  hostname: "127.0.0.1",
  // Real SQS refuses to recreate a queue for 60 s after deleting it; tests should not wait.
  emulateQueueCreationLifecycle: false,
};

process.on("SIGUSR2", () => {
  if (!server || stopping) return;
  console.error("sqs-server: SIGUSR2, restarting without state");
  const old = server;
  server = undefined;
  old.closeAllConnections?.();
  old.close(() => setTimeout(() => createSqsServer(options).then((s) => {
    server = s;
    console.error("sqs-server: listening again, empty");
  }), 2000));
});

createSqsServer(options).then((s) => {
  server = s;
  if (stopping) process.exit(0); // a signal came while starting
  console.error(`sqs-server: listening on http://127.0.0.1:${server.address().port}`);
  console.log("ready");
});

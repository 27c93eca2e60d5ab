// Local stand-in for SQS: local-aws-sqs on 127.0.0.1, queues kept in memory (lost on stop).
// Speaks both the JSON (x-amz-json-1.0, X-Amz-Target: AmazonSQS.<Action>) and the Query protocol.
// Queue URLs look like http://127.0.0.1:PORT/123456789012/NAME; queues are found by the URL's
// last path segment only.
// Usage: node sqs-server.js PORT
// Prints "ready" on its own line once listening; SIGTERM or SIGINT stops it.
"use strict";

const { createSqsServer } = require("local-aws-sqs");

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

createSqsServer({
  port,
  hostname: "127.0.0.1",
  // Real SQS refuses to recreate a queue for 60 s after deleting it; tests should not wait.
  emulateQueueCreationLifecycle: false,
}).then((s) => {
  server = s;
  if (stopping) process.exit(0); // a signal came while starting
  console.error(`sqs-server: listening on http://127.0.0.1:${server.address().port}`);
  console.log("ready");
});

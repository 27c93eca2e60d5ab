// Local stand-in for S3: s3rver on 127.0.0.1, objects kept on disk.
// Usage: node s3-server.js PORT DIRECTORY [BUCKET...]
//   BUCKETs are created at start if missing (clients may also create them with PUT /bucket).
// Prints "ready" on its own line once listening; SIGTERM or SIGINT stops it.
//
// Browser CORS: s3rver has no default CORS: it answers a preflight with 403 "CORS is not enabled
// for this bucket" unless that bucket has its own CORS configuration, and buckets created through
// the API have none. So a middleware placed in front of s3rver's own allows every origin for every
// bucket: it answers preflights itself and exposes ETag (needed to finish multipart uploads from a
// browser) on every response, errors included.
"use strict";

const fs = require("fs");
const path = require("path");
const S3rver = require("s3rver");

const port = Number(process.argv[2]);
const directory = process.argv[3];
const buckets = process.argv.slice(4);
if (!Number.isInteger(port) || port <= 0 || !directory) {
  console.error("usage: node s3-server.js PORT DIRECTORY [BUCKET...]");
  process.exit(2);
}
fs.mkdirSync(directory, { recursive: true });

// s3rver's run() does not reject on a listen error (port in use): it surfaces as an uncaught
// 'error' event instead.
process.on("uncaughtException", (err) => {
  console.error(`s3-server: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});

const allowedMethods = "GET, PUT, POST, DELETE, HEAD";
const exposedHeaders = "ETag, x-amz-request-id, x-amz-version-id, Content-Length, Content-Type";

const server = new S3rver({
  port,
  address: "127.0.0.1",
  directory: path.resolve(directory),
  silent: true,
  configureBuckets: buckets.map((name) => ({ name })),
});

function setCorsHeaders(ctx) {
  ctx.set("Access-Control-Allow-Origin", "*");
  ctx.set("Access-Control-Expose-Headers", exposedHeaders);
  ctx.remove("Access-Control-Allow-Credentials"); // invalid together with "*"
  ctx.vary("Origin");
}

// Koa runs middleware in array order: put this one before s3rver's logger and router.
server.middleware.unshift(async function allowAnyOrigin(ctx, next) {
  if (!ctx.get("Origin")) return next();
  if (ctx.method === "OPTIONS" && ctx.get("Access-Control-Request-Method")) {
    setCorsHeaders(ctx);
    ctx.set("Access-Control-Allow-Methods", allowedMethods);
    const requested = ctx.get("Access-Control-Request-Headers");
    if (requested) ctx.set("Access-Control-Allow-Headers", requested);
    ctx.set("Access-Control-Max-Age", "3000");
    ctx.status = 200;
    ctx.body = "";
    return;
  }
  setCorsHeaders(ctx);
  try {
    await next();
  } finally {
    // A bucket's own CORS configuration may have replaced these; s3rver's error handler keeps
    // Access-Control-* headers, so error responses carry them too.
    setCorsHeaders(ctx);
  }
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.error(`s3-server: ${signal}, stopping`);
  setTimeout(() => process.exit(0), 2000).unref();
  if (server.httpServer) server.httpServer.closeAllConnections?.();
  server.close().then(
    () => process.exit(0),
    () => process.exit(0),
  );
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

server.run().then(
  ({ address, port: actualPort }) => {
    console.error(`s3-server: listening on http://${address}:${actualPort}, data in ${directory}`);
    console.log("ready");
  },
  (err) => {
    console.error(`s3-server: failed to start: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);

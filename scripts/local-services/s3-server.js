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
//
// Uploads as S3 checks them: s3rver accepts any V4 signature ("unimplemented") and ignores
// If-None-Match, so a size bound signed into a pre-signed PUT (Content-Length) and a single-use
// PUT (If-None-Match: *) would pass here and fail only on AWS. A second middleware verifies the V4
// query signature of every pre-signed PUT with the stand-in's one key pair (S3RVER/S3RVER) and answers
// S3's errors: 403 SignatureDoesNotMatch when a signed header (such as the length) differs, 412
// PreconditionFailed when If-None-Match: * meets an existing object.
//
// Aborted multipart uploads: s3rver has no AbortMultipartUpload (DELETE ?uploadId= answers 405) and
// takes parts for any upload id, even one never begun. The same middleware removes the upload's
// folder on DELETE (204, as S3) and answers a part for an unknown upload 404 NoSuchUpload.
//
// Listing parts: s3rver has no ListParts (GET ?uploadId= answers 405), which resuming an upload needs to
// know what is already stored. The middleware answers it from the upload's folder, where s3rver keeps
// each part as a file named by its number beside "<number>.md5" (the part's ETag), all on one page.
//
// Completing a multipart upload: s3rver streams every part through MD5 into the object, about 12 s for a 2.4 GB
// video here, all of it on the event loop, and takes any ETag for a part. The store's putObjectMultipart is
// replaced: the parts are checked as S3 checks them (each named part stored, with the ETag its PUT answered, else
// 400 InvalidPart; numbers ascending, else 400 InvalidPartOrder), joined by cat in the kernel, and given S3's
// multipart ETag (the MD5 of the parts' binary MD5s, then "-" and their count) instead of the whole object's MD5.
//
// Listings past one page: s3rver seals ListObjectsV2's continuation token with DES, which OpenSSL 3 (Debian 12's
// node) no longer offers, so asking for a listing's second page (more than 1000 keys) answered 500. Its cipher
// calls are sent to AES-128-CBC instead, with the same 8-byte key and IV each doubled: the token stays opaque
// and round-trips, which is all a client may rely on. This must run before s3rver is loaded.
"use strict";

const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
for (const name of ["createCipheriv", "createDecipheriv"]) {
  const original = crypto[name];
  crypto[name] = (algorithm, key, iv, ...rest) =>
    algorithm === "des" && key.length === 8 && iv.length === 8
      ? original("aes-128-cbc", Buffer.concat([key, key]), Buffer.concat([iv, iv]), ...rest)
      : original(algorithm, key, iv, ...rest);
}
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

const secretKey = "S3RVER";

function rfc3986(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function hmac(key, value) {
  return crypto.createHmac("sha256", key).update(value, "utf8").digest();
}

function s3Error(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

const noSuchUpload = "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.";

const xml = (v) => String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function listParts(ctx, bucketName, key, uploadId, uploadDir) {
  if (!fs.existsSync(uploadDir)) {
    return s3Error(ctx, 404, "NoSuchUpload", noSuchUpload);
  }
  const parts = fs.readdirSync(uploadDir)
    .filter((name) => /^[0-9]+$/.test(name) && fs.existsSync(path.join(uploadDir, `${name}.md5`)))
    .map((name) => {
      const stat = fs.statSync(path.join(uploadDir, name));
      const md5 = fs.readFileSync(path.join(uploadDir, `${name}.md5`), "utf8").trim();
      return { number: Number(name), size: stat.size, modified: stat.mtime.toISOString(), etag: `"${md5}"` };
    })
    .sort((a, b) => a.number - b.number);
  const body = parts.map((p) => `<Part><PartNumber>${p.number}</PartNumber><LastModified>${p.modified}</LastModified>`
    + `<ETag>${xml(p.etag)}</ETag><Size>${p.size}</Size></Part>`).join("");
  ctx.status = 200;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`
    + `<Bucket>${xml(bucketName)}</Bucket><Key>${xml(key)}</Key><UploadId>${xml(uploadId)}</UploadId>`
    + `<PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>${parts.length ? parts[parts.length - 1].number : 0}</NextPartNumberMarker>`
    + `<MaxParts>10000</MaxParts><IsTruncated>false</IsTruncated>${body}</ListPartsResult>`;
}

// Placed after allowAnyOrigin (so errors carry CORS headers) and before s3rver's router.
async function checkUploadAsS3Does(ctx, next) {
  const [rawPath, rawQuery = ""] = ctx.url.split("?");
  const pairs = rawQuery.split("&").filter(Boolean).map((p) => {
    const i = p.indexOf("=");
    const decode = (v) => decodeURIComponent(v.replace(/\+/g, " "));
    return i < 0 ? [decode(p), ""] : [decode(p.slice(0, i)), decode(p.slice(i + 1))];
  });
  const query = Object.fromEntries(pairs);
  const [, bucketName, ...keyParts] = rawPath.split("/");
  const uploadDir = query.uploadId && bucketName
    ? path.join(server.store.getResourcePath(bucketName, undefined, "uploads"), path.basename(query.uploadId))
    : null;
  if (uploadDir && ctx.method === "DELETE" && keyParts.length > 0) {
    fs.rmSync(uploadDir, { recursive: true, force: true });
    ctx.status = 204;
    ctx.body = "";
    return;
  }
  if (uploadDir && ctx.method === "GET" && keyParts.length > 0) {
    return listParts(ctx, bucketName, decodeURIComponent(keyParts.join("/")), query.uploadId, uploadDir);
  }
  if (uploadDir && ctx.method === "PUT" && !fs.existsSync(uploadDir)) {
    return s3Error(ctx, 404, "NoSuchUpload", noSuchUpload);
  }
  if (ctx.method !== "PUT" || query["X-Amz-Algorithm"] !== "AWS4-HMAC-SHA256") return next();

  const signedHeaders = (query["X-Amz-SignedHeaders"] || "").split(";").filter(Boolean);
  const canonicalQuery = pairs
    .filter(([k]) => k !== "X-Amz-Signature")
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(ctx.get(h)).trim().replace(/ +/g, " ")}\n`).join("");
  const canonicalRequest = ["PUT", rawPath, canonicalQuery, canonicalHeaders, signedHeaders.join(";"), "UNSIGNED-PAYLOAD"].join("\n");
  const [, date, region, service] = (query["X-Amz-Credential"] || "").split("/");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", query["X-Amz-Date"], scope, crypto.createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  const key = hmac(hmac(hmac(hmac("AWS4" + secretKey, date || ""), region || ""), service || ""), "aws4_request");
  const expected = crypto.createHmac("sha256", key).update(stringToSign).digest("hex");
  if (expected !== query["X-Amz-Signature"]) {
    return s3Error(ctx, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
  }

  if (ctx.get("If-None-Match") === "*" && !query.partNumber) {
    const objectKey = decodeURIComponent(keyParts.join("/"));
    if (await server.store.existsObject(bucketName, objectKey)) {
      return s3Error(ctx, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
    }
  }
  return next();
}
server.middleware.splice(1, 0, checkUploadAsS3Does);

const S3Error = require("s3rver/lib/models/error");
const { spawn } = require("child_process");

function concatenate(files, target) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(target, "w");
    const cat = spawn("cat", ["--", ...files], { stdio: ["ignore", out, "pipe"] });
    let errors = "";
    cat.stderr.on("data", (chunk) => { errors += chunk; });
    cat.on("error", (err) => { fs.closeSync(out); reject(err); });
    cat.on("close", (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`cat exited ${code}: ${errors.trim()}`));
    });
  });
}

server.store.putObjectMultipart = async function putObjectMultipart(bucket, uploadId, parts) {
  const uploadDir = path.join(this.getResourcePath(bucket, undefined, "uploads"), path.basename(uploadId));
  if (!fs.existsSync(uploadDir)) {
    throw new S3Error("NoSuchUpload", noSuchUpload, { UploadId: uploadId });
  }
  for (let i = 1; i < parts.length; i++) {
    if (!(parts[i].number > parts[i - 1].number)) {
      throw new S3Error("InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.", { UploadId: uploadId });
    }
  }
  const md5s = parts.map((part) => {
    const md5Path = path.join(uploadDir, `${part.number}.md5`);
    const md5 = fs.existsSync(md5Path) ? fs.readFileSync(md5Path, "utf8").trim() : null;
    if (md5 === null || md5 !== part.etag) {
      throw new S3Error("InvalidPart", "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.", { UploadId: uploadId, PartNumber: part.number, ETag: part.etag });
    }
    return md5;
  });
  const key = fs.readFileSync(path.join(uploadDir, "key"), "utf8");
  const metadata = JSON.parse(fs.readFileSync(path.join(uploadDir, "metadata"), "utf8"));
  const objectPath = this.getResourcePath(bucket, key, "object");
  fs.mkdirSync(path.dirname(objectPath), { recursive: true });
  // Joined beside the object and renamed over it, so a reader never sees half of it.
  const joining = `${objectPath}.joining-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  try {
    await concatenate(parts.map((part) => path.join(uploadDir, String(part.number))), joining);
    const md5 = crypto.createHash("md5").update(Buffer.concat(md5s.map((m) => Buffer.from(m, "hex")))).digest("hex") + `-${parts.length}`;
    fs.renameSync(joining, objectPath);
    await this.putMetadata(bucket, key, metadata, md5);
    fs.rmSync(uploadDir, { recursive: true, force: true });
    return { size: fs.statSync(objectPath).size, md5 };
  } finally {
    fs.rmSync(joining, { force: true });
  }
};

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

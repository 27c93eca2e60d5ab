// A video's length, read from the file itself before it is uploaded, so the API can refuse at once a request the
// video cannot meet. MP4/MOV: the movie header (mvhd) inside moov. Anything it cannot read answers null (no
// duration is sent then). A hidden <video> element would need `media-src blob:` in the page's policy.

async function bytesAt(file, offset, length) {
  return new DataView(await file.slice(offset, offset + length).arrayBuffer());
}

/** Walks the boxes in [start, end) and answers the first of type `type`: {offset (of its body), size}. */
async function findBox(file, start, end, type) {
  for (let offset = start; offset + 8 <= end;) {
    const head = await bytesAt(file, offset, 16);
    let size = head.getUint32(0);
    const name = String.fromCharCode(head.getUint8(4), head.getUint8(5), head.getUint8(6), head.getUint8(7));
    let header = 8;
    if (size === 1) { size = Number(head.getBigUint64(8)); header = 16; } else if (size === 0) size = end - offset;
    if (size < header) return null;
    if (name === type) return { offset: offset + header, size: size - header };
    offset += size;
  }
  return null;
}

export async function videoDuration(file) {
  try {
    const moov = await findBox(file, 0, file.size, 'moov');
    if (!moov) return null;
    const mvhd = await findBox(file, moov.offset, moov.offset + moov.size, 'mvhd');
    if (!mvhd) return null;
    const body = await bytesAt(file, mvhd.offset, 32);
    const v1 = body.getUint8(0) === 1;
    const scale = v1 ? body.getUint32(20) : body.getUint32(12);
    const units = v1 ? Number(body.getBigUint64(24)) : body.getUint32(16);
    // All ones means "not known" (a file still being written, or fragmented): no length rather than a wrong one.
    if (units === (v1 ? Number(0xFFFFFFFFFFFFFFFFn) : 0xFFFFFFFF)) return null;
    const seconds = scale > 0 ? units / scale : 0;
    return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
  } catch {
    return null;
  }
}

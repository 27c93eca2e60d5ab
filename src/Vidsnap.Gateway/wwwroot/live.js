// Live updates by Server-Sent Events, read with fetch because EventSource cannot send the Authorization header.
// While the stream is open the views need not poll; when it breaks they poll again, and it is tried again later,
// resuming with the last event's id so that nothing is missed.
import { openStream } from './api.js';

// Waits before trying a broken stream again, growing with each failure in a row.
const retryMs = [1000, 2000, 5000, 10000];
// A stream that stayed open this long and then ended (a restart, an expired token) is reopened at once.
const steadyMs = 5000;
// Refusals that trying again cannot change: a bad request, a missing scope, a video that is not there.
const final = new Set([400, 403, 404]);

/** Splits a response body into events: {type, data, id}, as the HTML standard's event stream parser does. */
async function* events(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  let type = '';
  let data = [];
  let id = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (data.length) yield { type: type || 'message', data: data.join('\n'), id };
        type = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
        else if (field === 'id' && !text.includes('\0')) id = text;
      }
    }
  }
}

/**
 * Follows the stream at `path`: onEvent(type, data) for each event, data parsed from JSON; onLive(true) once it
 * is open and onLive(false) when it broke and the caller should poll. Answers a function that stops it.
 */
export function follow(path, { onEvent, onLive }) {
  const controller = new AbortController();
  let lastEventId = null;

  /** One connection; answers whether it opened, or 'refused' for good. */
  async function connect() {
    let opened = false;
    try {
      const response = await openStream(path, lastEventId, controller.signal);
      if (!response.ok || !(response.headers.get('content-type') || '').startsWith('text/event-stream')) {
        await response.body?.cancel();
        return final.has(response.status) ? 'refused' : false;
      }
      opened = true;
      onLive(true);
      for await (const event of events(response.body, controller.signal)) {
        if (event.id !== null) lastEventId = event.id;
        onEvent(event.type, JSON.parse(event.data));
      }
    } catch {
      // A network error, an abort or a malformed event: the stream is broken either way.
    }
    return opened;
  }

  (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      const started = Date.now();
      const opened = await connect();
      if (controller.signal.aborted) return;
      if (opened === true && Date.now() - started >= steadyMs) {
        failures = 0;
        continue;
      }
      onLive(false);
      if (opened === 'refused') return;
      await new Promise(resolve => setTimeout(resolve, retryMs[Math.min(failures++, retryMs.length - 1)]));
    }
  })();

  return () => controller.abort();
}

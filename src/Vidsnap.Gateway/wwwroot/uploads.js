// Sends each chosen file straight to its pre-signed upload slot, with its own progress and cancel.
// Uploads live here, not in a view, so they keep going while the user looks at other pages.
import { ApiError, videos } from './api.js';
import { announce, bytes, h, problemBox } from './dom.js';
import { videoDuration } from './duration.js';

export const uploads = [];
const listeners = new Set();

export function onUploadsChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const changed = () => listeners.forEach(l => l());

/** Browsers leave type empty for some extensions; the API accepts video/* only, so guess the common ones. */
function contentTypeOf(file) {
  if (file.type) return file.type;
  const extension = file.name.split('.').pop().toLowerCase();
  return { mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', mkv: 'video/x-matroska', webm: 'video/webm', avi: 'video/x-msvideo' }[extension]
    || 'application/octet-stream';
}

/** The videos this tab is still uploading: the list leaves them to the uploads panel, so each file shows once. */
export function uploadingIds() {
  return new Set(uploads.filter(u => u.id && !u.done).map(u => u.id));
}

addEventListener('beforeunload', event => {
  if (uploads.some(u => !u.done)) event.preventDefault();
});

export function startUploads(files, options) {
  for (const file of files) {
    const upload = new Upload(file, options);
    uploads.unshift(upload);
    upload.run();
  }
  changed();
}

class Upload {
  constructor(file, options) {
    this.file = file;
    this.options = options;
    this.requests = new Set();
    this.cancelled = false;
    this.done = false;
    this.id = null;
    this.progress = h('progress', { max: 100, value: 0, 'aria-label': `Upload progress of ${file.name}` });
    this.text = h('span', { class: 'progress-text' }, `0 B of ${bytes(file.size)} (0%)`);
    this.state = h('p', { class: 'upload-state muted' }, 'Asking for an upload slot…');
    this.cancelButton = h('button', { type: 'button', onclick: () => this.cancel() }, 'Cancel');
    this.cancelButton.setAttribute('aria-label', `Cancel upload of ${file.name}`);
    this.dismissButton = h('button', { type: 'button', hidden: true, onclick: () => this.dismiss() }, 'Dismiss');
    this.dismissButton.setAttribute('aria-label', `Dismiss ${file.name}`);
    this.element = h('li', { class: 'row upload', 'data-file': file.name },
      h('span', { class: 'name' }, file.name),
      h('div', { class: 'meta' }, this.progress, this.text, this.state),
      h('div', { class: 'buttons' }, this.cancelButton, this.dismissButton));
  }

  async run() {
    try {
      // An empty file is refused here: nothing is sent for it.
      if (this.file.size === 0) throw new ApiError(400, { title: `${this.file.name} was not uploaded`, detail: 'The file is empty.' });
      const durationSeconds = await videoDuration(this.file);
      const request = { fileName: this.file.name, contentType: contentTypeOf(this.file), sizeBytes: this.file.size, options: this.options };
      if (durationSeconds) request.durationSeconds = durationSeconds;
      const created = await videos.create(request);
      this.id = created.id;
      changed();
      if (this.cancelled) { await this.removeVideo(); return; }
      this.setState('Uploading…');
      const parts = created.upload.parts ? await this.sendParts(created.upload) : (await this.sendWhole(created.upload), undefined);
      if (this.cancelled) return;
      this.setState('Uploaded; starting processing…');
      await this.completeWhenThereIsRoom(parts);
      if (this.cancelled) return;
      // Handed over to the list, whose row shows its status from now on.
      this.done = true;
      announce(`${this.file.name} uploaded and queued.`);
      this.dismiss();
    } catch (error) {
      if (this.cancelled) return;
      this.fail(error instanceof ApiError ? error : new ApiError(0, { title: 'Upload failed', detail: String(error.message || error) }));
    }
  }

  /**
   * Over the videos-in-flight quota the upload is kept and complete is refused until one of the account's videos
   * finishes: wait and ask again, as the problem says, rather than fail a file that is already uploaded.
   */
  async completeWhenThereIsRoom(parts) {
    for (;;) {
      try {
        await videos.complete(this.id, parts);
        return;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 429 || error.quota !== 'videosInFlight') throw error;
        this.setState('Uploaded; waiting for one of your videos to finish before this one starts…');
        await new Promise(resolve => setTimeout(resolve, 5000));
        if (this.cancelled) return;
      }
    }
  }

  sendWhole(slot) {
    return this.put(slot.method, slot.url, slot.headers, this.file, loaded => this.report(loaded));
  }

  /** Large files: each part to its own URL, three at a time; complete needs every part's ETag. */
  async sendParts(slot) {
    const loaded = new Map();
    const sum = () => [...loaded.values()].reduce((a, b) => a + b, 0);
    const pending = [...slot.parts];
    const done = [];
    const worker = async () => {
      for (let part; (part = pending.shift()) && !this.cancelled;) {
        const blob = this.file.slice(part.offset, part.offset + part.sizeBytes);
        const xhr = await this.put('PUT', part.url, {}, blob, n => { loaded.set(part.partNumber, n); this.report(sum()); });
        const eTag = xhr.getResponseHeader('ETag');
        if (!eTag) throw new ApiError(0, { title: 'Upload failed', detail: 'The storage server did not expose the ETag of a part; its CORS rules must list ETag in ExposeHeaders.' });
        done.push({ partNumber: part.partNumber, eTag });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    return done.sort((a, b) => a.partNumber - b.partNumber);
  }

  /** XMLHttpRequest, not fetch: only it reports upload progress. */
  put(method, url, headers, body, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      this.requests.add(xhr);
      xhr.open(method, url);
      for (const [name, value] of Object.entries(headers || {})) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = e => onProgress(e.loaded);
      xhr.onload = () => {
        this.requests.delete(xhr);
        if (xhr.status >= 200 && xhr.status < 300) { onProgress(body.size); resolve(xhr); return; }
        let problem = { title: `Upload failed (${xhr.status})`, detail: 'The storage server refused the file.' };
        const type = xhr.getResponseHeader('content-type') || '';
        try {
          if (type.includes('json')) problem = JSON.parse(xhr.responseText);
          // S3 answers errors in XML: <Error><Code/><Message/></Error>.
          else if (type.includes('xml')) problem.detail = new DOMParser().parseFromString(xhr.responseText, 'application/xml').querySelector('Message')?.textContent || problem.detail;
        } catch { /* keep the generic one */ }
        reject(new ApiError(xhr.status, problem));
      };
      xhr.onerror = () => { this.requests.delete(xhr); reject(new ApiError(0, { title: 'Upload failed', detail: 'The connection to the storage server failed. Try again.' })); };
      xhr.onabort = () => { this.requests.delete(xhr); reject(new ApiError(0, { title: 'Upload cancelled' })); };
      xhr.send(body);
    });
  }

  report(loaded) {
    const percent = this.file.size ? Math.min(100, Math.floor(loaded * 100 / this.file.size)) : 100;
    this.progress.value = percent;
    this.text.textContent = `${bytes(loaded)} of ${bytes(this.file.size)} (${percent}%)`;
  }

  setState(text) { this.state.textContent = text; }

  finish(text) {
    this.done = true;
    this.setState(text);
    this.cancelButton.hidden = true;
    this.dismissButton.hidden = false;
    changed();
  }

  fail(error) {
    this.done = true;
    this.state.replaceWith(this.state = problemBox(error));
    this.cancelButton.hidden = true;
    this.dismissButton.hidden = false;
    announce(`Upload of ${this.file.name} failed: ${error.detail || error.title}`);
    changed();
  }

  /** Stops the transfer and removes the half-made video, so nothing is left waiting for bytes. */
  async cancel() {
    this.cancelled = true;
    this.cancelButton.disabled = true;
    this.setState('Cancelling…');
    this.requests.forEach(xhr => xhr.abort());
    // Without an id the slot is still being made; run() removes the video once it has one.
    if (this.id) await this.removeVideo();
    this.finish('Cancelled.');
    announce(`Upload of ${this.file.name} cancelled.`);
  }

  async removeVideo() {
    try { await videos.remove(this.id); } catch { /* it stays AwaitingUpload; the user can delete it from the list */ }
  }

  dismiss() {
    if (uploads.includes(this)) uploads.splice(uploads.indexOf(this), 1);
    this.element.remove();
    changed();
  }
}

// Sends each chosen file straight to its pre-signed upload slot, with its own progress and cancel.
// Uploads live here, not in a view, so they keep going while the user looks at other pages. An upload that
// is cut short (the tab closed or reloaded) is remembered (pending-uploads.js) and offered again on the next visit.
import { ApiError, session, videos } from './api.js';
import { announce, bytes, h, problemBox } from './dom.js';
import { videoDuration } from './duration.js';
import { forget, pendingFor, remember } from './pending-uploads.js';

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

/** The videos this page uploads or offers to resume: the list leaves them to the uploads panel, so each file shows once. */
export function uploadingIds() {
  return new Set(uploads.filter(u => u.id && !u.done).map(u => u.id));
}

addEventListener('beforeunload', event => {
  if (uploads.some(u => u.sending)) event.preventDefault();
});

/**
 * hooks.onInvalidOptions(problem): the API refused the options (a 400 naming options.* fields); answers the errors
 * it could not place, which the upload's row then shows.
 */
export function startUploads(files, options, hooks = {}) {
  for (const file of files) {
    const upload = new Upload(file, options, hooks);
    uploads.unshift(upload);
    upload.run();
  }
  changed();
}

/** A 400's field errors as sentences, without the API's field names, for a row that has no field to put them by. */
function sentences(errors) {
  return Object.values(errors).flat().join(' ');
}

class Upload {
  constructor(file, options, hooks = {}, resumeId = null) {
    this.file = file;
    this.options = options;
    this.hooks = hooks;
    this.requests = new Set();
    this.cancelled = false;
    this.done = false;
    this.sending = true;
    this.id = resumeId;
    this.progress = h('progress', { max: 100, value: 0, 'aria-label': `Upload progress of ${file.name}` });
    this.text = h('span', { class: 'progress-text' }, `0 B of ${bytes(file.size)} (0%)`);
    this.state = h('p', { class: 'upload-state muted' }, resumeId ? 'Asking what is already uploaded…' : 'Asking for an upload slot…');
    this.cancelButton = h('button', { type: 'button', onclick: () => this.cancel() }, 'Cancel');
    this.cancelButton.setAttribute('aria-label', `Cancel upload of ${file.name}`);
    this.resumeButton = h('button', { type: 'button', hidden: true, onclick: () => this.resumeNow() }, 'Resume');
    this.resumeButton.setAttribute('aria-label', `Resume upload of ${file.name}`);
    this.dismissButton = h('button', { type: 'button', hidden: true, onclick: () => this.dismiss() }, 'Dismiss');
    this.dismissButton.setAttribute('aria-label', `Dismiss ${file.name}`);
    this.element = h('li', { class: 'row upload', 'data-file': file.name },
      h('span', { class: 'name' }, file.name),
      h('div', { class: 'meta' }, this.progress, this.text, this.state),
      h('div', { class: 'buttons' }, this.cancelButton, this.resumeButton, this.dismissButton));
  }

  async run() {
    try {
      const slot = this.id ? await this.renew() : await this.create();
      if (this.cancelled) { if (!this.id) return; await this.removeVideo(); return; }
      this.setState('Uploading…');
      let parts;
      if (slot.parts) parts = await this.sendParts(slot);
      else if (!slot.landed) await this.sendWhole(slot);
      if (this.cancelled) return;
      this.setState('Uploaded; starting processing…');
      await this.completeWhenThereIsRoom(parts);
      if (this.cancelled) return;
      forget(this.id);
      // Handed over to the list, whose row shows its status from now on.
      this.done = true;
      this.sending = false;
      announce(`${this.file.name} uploaded and queued.`);
      this.dismiss();
    } catch (error) {
      if (this.cancelled) return;
      this.fail(error instanceof ApiError ? error : new ApiError(0, { title: 'Upload failed', detail: String(error.message || error) }));
    }
  }

  /** The video is made, and the whole request checked, before any byte is sent: a refused one sends nothing. */
  async create() {
    const { file } = this;
    if (file.size === 0) throw new ApiError(400, { title: `${file.name} was not uploaded`, detail: 'The file is empty.' });
    const durationSeconds = await videoDuration(file);
    const request = { fileName: file.name, contentType: contentTypeOf(file), sizeBytes: file.size };
    if (this.options) request.options = this.options;
    if (durationSeconds) request.durationSeconds = durationSeconds;
    let created;
    try {
      created = await videos.create(request);
    } catch (error) {
      throw this.refusal(error);
    }
    this.id = created.id;
    const slot = created.upload;
    remember({ videoId: this.id, fileName: file.name, size: file.size, lastModified: file.lastModified, partSize: slot.parts?.[0]?.sizeBytes ?? null }, session.email);
    changed();
    return slot;
  }

  /** A 400's option errors go to the form that chose them; what is left (about the file) stays in this row. */
  refusal(error) {
    if (!(error instanceof ApiError) || error.status !== 400 || Object.keys(error.errors).length === 0) return error;
    const options = {};
    const rest = {};
    for (const [key, messages] of Object.entries(error.errors)) (key.toLowerCase().startsWith('options') ? options : rest)[key] = messages;
    const unplaced = Object.keys(options).length && this.hooks.onInvalidOptions ? this.hooks.onInvalidOptions({ errors: options }) : options;
    const placedSome = Object.keys(unplaced).length < Object.keys(options).length;
    const detail = [sentences({ ...rest, ...unplaced }), placedSome ? 'Change the options marked above, then upload it again.' : ''].filter(Boolean).join(' ');
    return new ApiError(400, { title: `${this.file.name} was not uploaded: nothing was sent`, detail: detail || error.detail });
  }

  /**
   * A resumed upload: fresh URLs, and what the store already holds. Parts with an ETag are stored and not sent
   * again; a single upload whose bytes all landed needs only its complete call.
   */
  async renew() {
    let state;
    try {
      state = await videos.resumeUpload(this.id);
    } catch (error) {
      // 404: deleted meanwhile (or by the sweep of abandoned uploads); 409: its upload was completed after all.
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) forget(this.id);
      throw error;
    }
    const slot = state.upload;
    if (!slot.parts) return { ...slot, landed: state.uploadedBytes === this.file.size };
    return slot;
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

  /** Large files: each part not yet stored to its own URL, three at a time; complete needs every part's ETag. */
  async sendParts(slot) {
    const stored = slot.parts.filter(p => p.eTag);
    const loaded = new Map(stored.map(p => [p.partNumber, p.sizeBytes]));
    const sum = () => [...loaded.values()].reduce((a, b) => a + b, 0);
    const pending = slot.parts.filter(p => !p.eTag);
    const done = stored.map(p => ({ partNumber: p.partNumber, eTag: p.eTag }));
    this.report(sum());
    // After a failure no new part starts, but the ones under way finish: what they store is not sent again on
    // resume, and a resume never races a part still being sent.
    let failure = null;
    const worker = async () => {
      for (let part; !failure && !this.cancelled && (part = pending.shift());) {
        try {
          const blob = this.file.slice(part.offset, part.offset + part.sizeBytes);
          const xhr = await this.put('PUT', part.url, {}, blob, n => { loaded.set(part.partNumber, n); this.report(sum()); });
          const eTag = xhr.getResponseHeader('ETag');
          if (!eTag) throw new ApiError(0, { title: 'Upload failed', detail: 'The storage server did not expose the ETag of a part; its CORS rules must list ETag in ExposeHeaders.' });
          done.push({ partNumber: part.partNumber, eTag });
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    if (failure) throw failure;
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

  setState(text) {
    const state = h('p', { class: 'upload-state muted' }, text);
    this.state.replaceWith(state);
    this.state = state;
  }

  finish(text) {
    this.done = true;
    this.sending = false;
    this.setState(text);
    this.cancelButton.hidden = true;
    this.resumeButton.hidden = true;
    this.dismissButton.hidden = false;
    changed();
  }

  fail(error) {
    this.sending = false;
    this.state.replaceWith(this.state = problemBox(error));
    this.cancelButton.hidden = true;
    this.dismissButton.hidden = false;
    // A video made and waiting for its bytes: what was sent stays, and Resume sends the rest.
    const resumable = this.id && error.status !== 404 && error.status !== 409;
    this.resumeButton.hidden = !resumable;
    if (!resumable) this.done = true;
    announce(`Upload of ${this.file.name} failed: ${error.detail || error.title}`);
    changed();
  }

  resumeNow() {
    this.sending = true;
    this.resumeButton.hidden = true;
    this.dismissButton.hidden = true;
    this.cancelButton.hidden = false;
    this.setState('Asking what is already uploaded…');
    this.run();
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
    forget(this.id);
    try { await videos.remove(this.id); } catch { /* it stays AwaitingUpload; the user can delete it from the list */ }
  }

  dismiss() {
    if (uploads.includes(this)) uploads.splice(uploads.indexOf(this), 1);
    this.done = true;
    this.sending = false;
    this.element.remove();
    changed();
  }
}

/**
 * An upload a closed or reloaded page left unfinished: Resume asks for the same file again (the page cannot keep
 * it) and sends only what the store lacks; Discard deletes the video waiting for it.
 */
class Resumable {
  constructor(entry) {
    this.entry = entry;
    this.id = entry.videoId;
    this.done = false;
    this.sending = false;
    this.picker = h('input', { type: 'file', accept: 'video/*', hidden: true, onchange: () => this.picked() });
    this.picker.setAttribute('aria-label', `Pick ${entry.fileName} again`);
    const resume = h('button', { type: 'button', class: 'primary', 'data-action': 'resume', onclick: () => this.picker.click() }, 'Resume');
    resume.setAttribute('aria-label', `Resume upload of ${entry.fileName}`);
    const discard = h('button', { type: 'button', class: 'danger', 'data-action': 'discard', onclick: () => this.discard() }, 'Discard');
    discard.setAttribute('aria-label', `Discard upload of ${entry.fileName}`);
    this.problem = h('div');
    this.element = h('li', { class: 'row upload resumable', 'data-file': entry.fileName, 'data-id': entry.videoId },
      h('div', { class: 'name' }, h('strong', {}, `Resume upload of ${entry.fileName}`),
        h('p', { class: 'hint' }, `The page was closed before this ${bytes(entry.size)} file was uploaded. Resume asks for the same file again and sends only what is missing.`)),
      h('div', { class: 'buttons' }, resume, discard, this.picker),
      this.problem);
  }

  picked() {
    const file = this.picker.files[0];
    this.picker.value = '';
    if (!file) return;
    const { entry } = this;
    if (file.name !== entry.fileName || file.size !== entry.size || file.lastModified !== entry.lastModified) {
      this.problem.replaceChildren(problemBox({
        title: 'That is not the same file',
        detail: `Pick ${entry.fileName} (${bytes(entry.size)}, last changed ${new Date(entry.lastModified).toLocaleString()}); `
          + `you picked ${file.name} (${bytes(file.size)}, last changed ${new Date(file.lastModified).toLocaleString()}). A changed file must be uploaded as a new video.`,
      }));
      return;
    }
    const upload = new Upload(file, null, {}, this.id);
    uploads.splice(uploads.indexOf(this), 1, upload);
    changed();
    upload.run();
  }

  async discard() {
    try {
      await videos.remove(this.id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) { this.problem.replaceChildren(problemBox(error)); return; }
    }
    forget(this.id);
    this.done = true;
    if (uploads.includes(this)) uploads.splice(uploads.indexOf(this), 1);
    announce(`The upload of ${this.entry.fileName} was discarded.`);
    changed();
  }
}

/** The unfinished uploads of the signed-in account whose videos still wait for their bytes; the rest are forgotten. */
async function offerResumes(account) {
  for (const entry of pendingFor(account)) {
    if (uploads.some(u => u.id === entry.videoId)) continue;
    try {
      const video = await videos.get(entry.videoId);
      if (video.status !== 'AwaitingUpload') { forget(entry.videoId); continue; }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) forget(entry.videoId);
      continue;
    }
    if (session.email !== account || uploads.some(u => u.id === entry.videoId)) continue;
    uploads.push(new Resumable(entry));
    changed();
  }
}

let offeredTo;
session.onChange(() => {
  if (session.signedIn && session.email !== offeredTo) {
    offeredTo = session.email;
    offerResumes(offeredTo);
  } else if (!session.signedIn && offeredTo !== undefined) {
    offeredTo = undefined;
    for (const u of uploads.filter(x => x instanceof Resumable)) uploads.splice(uploads.indexOf(u), 1);
    changed();
  }
});

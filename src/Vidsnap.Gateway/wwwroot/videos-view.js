// My videos: the upload form (upload-form.js) and the live list, newest first. The
// list follows its videos' event stream; it polls only while the stream is broken.
import { videos } from './api.js';
import { announce, badge, bytes, h, problemBox, when } from './dom.js';
import { listFilters } from './list-filters.js';
import { follow } from './live.js';
import { uploadCard } from './upload-form.js';
import { onUploadsChange, uploadingIds, uploads } from './uploads.js';
import { downloadZip, removeVideo, retryVideo } from './video-actions.js';

const pollMs = 2000;
const hiddenPollMs = 15000;
const pageSize = 50;

function videoRow(video, refresh) {
  const link = h('a', { href: `#/videos/${video.id}` }, video.fileName);
  const meta = h('div', { class: 'meta' }, badge(video.status), ' ', `${bytes(video.sizeBytes)} · ${when(video.createdAt)}`);
  if (video.status === 'Queued' || video.status === 'Processing') {
    meta.append(h('progress', { max: 100, value: video.progress, 'aria-label': `Processing progress of ${video.fileName}` }),
      h('span', { class: 'progress-text' }, `${video.status === 'Queued' ? 'Waiting' : 'Processing'}: ${video.progress}%`));
  }
  if (video.status === 'Completed') meta.append(h('p', { class: 'frames' }, `${video.frameCount} frames`));
  if (video.status === 'Failed' && video.error) meta.append(h('p', { class: 'error-text' }, video.error));
  const buttons = h('div', { class: 'buttons' });
  const button = (action, text, handler, cls) => {
    const b = h('button', { type: 'button', class: cls, 'data-action': action, onclick: handler }, text);
    b.setAttribute('aria-label', `${text} ${video.fileName}`);
    buttons.append(b);
  };
  if (video.status === 'Completed') button('download', 'Download zip', () => downloadZip(video, buttons));
  if (video.status === 'Failed') button('retry', 'Retry', () => retryVideo(video, buttons, refresh));
  if (video.status !== 'Queued' && video.status !== 'Processing') button('delete', 'Delete', () => removeVideo(video, buttons, refresh), 'danger');
  // A fixed box, so rows do not jump as posters arrive; a placeholder until the video is Completed.
  const thumb = h('span', { class: 'thumb', 'aria-hidden': 'true' },
    video.status === 'Completed' && video.posterUrl
      ? h('img', { src: video.posterUrl, alt: '', loading: 'lazy', decoding: 'async', width: 160, height: 90 })
      : h('span', { class: 'thumb-placeholder' }, video.status === 'Failed' ? '!' : '…'));
  return h('li', { class: 'row video', 'data-id': video.id, 'data-status': video.status }, thumb, h('span', { class: 'name' }, link), meta, buttons);
}

export function videosView(main) {
  const uploadList = h('ul', { class: 'plain', 'aria-label': 'Uploads' });
  const uploadSection = h('section', { class: 'card', 'aria-labelledby': 'uploads-title' }, h('h2', { id: 'uploads-title' }, 'Uploads'), uploadList);
  const list = h('ul', { class: 'plain', id: 'videos' });
  const problem = h('div');
  const empty = h('p', { class: 'muted empty', id: 'videos-empty', hidden: true });
  // A new filter starts again from the first page.
  const filters = listFilters(() => { pages = 1; refreshSoon(); });
  const rows = new Map();
  let timer = null;
  let stopped = false;
  let live = false;
  let refreshing = false;
  // The newest event for each video the list lacked when it came: applied once a read of the list has the
  // video, so an event that arrives while the list is being read costs no second read unless its video is new.
  const pending = new Map();
  let again = false;
  let pages = 1;
  const more = h('button', { type: 'button', hidden: true, onclick: () => { pages++; refresh(); } }, 'Show older videos');

  // An upload that has just finished made a video the list may lack: without the stream (which says so itself),
  // read the list once, when it finishes.
  let uploading = uploadingIds();
  const showUploads = () => {
    uploadSection.hidden = uploads.length === 0;
    uploadList.replaceChildren(...uploads.map(u => u.element));
    const before = uploading;
    uploading = uploadingIds();
    // A file being uploaded shows in the panel only; once handed over its row shows in the list.
    for (const [id, { row }] of rows) row.hidden = uploading.has(id);
    if ([...before].some(id => !uploading.has(id)) && !live) refreshSoon();
  };

  /** Replaces a video's row when the video changed, keeping focus on the button it was on; answers the row. */
  function show(video) {
    const key = JSON.stringify(video);
    const existing = rows.get(video.id);
    if (existing && existing.key === key) return existing.row;
    const row = existing?.row;
    const focused = row?.contains(document.activeElement) ? document.activeElement.dataset.action || 'link' : null;
    const fresh = videoRow(video, refresh);
    fresh.hidden = uploading.has(video.id);
    if (row) row.replaceWith(fresh);
    rows.set(video.id, { row: fresh, key, video });
    if (focused) (fresh.querySelector(`[data-action="${focused}"]`) || fresh.querySelector('a'))?.focus();
    if (existing && existing.video.status !== video.status) announce(`${video.fileName} is ${video.status}.`);
    return fresh;
  }

  /** The list again from the API; rows are replaced only when their video changed. */
  async function refresh() {
    clearTimeout(timer);
    refreshing = true;
    const asked = new Set(pending.keys());
    let failed = false;
    try {
      const items = [];
      let cursor = null;
      for (let n = 0; n < pages; n++) {
        const page = await videos.list(pageSize, cursor, filters.read());
        items.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      more.hidden = !cursor;
      problem.replaceChildren();
      const seen = new Set();
      items.forEach((video, index) => {
        seen.add(video.id);
        // An event that came while the list was read is newer than what the read found.
        const current = rows.get(video.id);
        const row = current && Date.parse(current.video.updatedAt) > Date.parse(video.updatedAt) ? current.row : show(video);
        if (list.children[index] !== row) list.insertBefore(row, list.children[index] || null);
      });
      for (const [id, { row }] of rows) if (!seen.has(id)) { row.remove(); rows.delete(id); }
      empty.hidden = items.length > 0;
      if (!empty.hidden) empty.replaceChildren(...filters.emptyMessage());
      for (const [id, data] of pending) {
        const known = rows.get(id);
        if (known && Date.parse(data.updatedAt) > Date.parse(known.video.updatedAt)) show({ ...known.video, ...data });
        // A video this read had, or one it was asked for and did not have (gone since), needs no other read.
        if (known || asked.has(id)) pending.delete(id);
      }
    } catch (error) {
      problem.replaceChildren(problemBox(error));
      failed = true;
    }
    refreshing = false;
    if (stopped) return;
    if (again || (pending.size > 0 && !failed)) {
      again = false;
      timer = setTimeout(refresh, 100);
    } else if (!live || pending.size > 0) {
      // Without the stream it polls; a hidden tab asks rarely and catches up as soon as it is shown again.
      timer = setTimeout(refresh, document.hidden ? hiddenPollMs : pollMs);
    }
  }

  /** Soon, and once for a burst of events; after the list being read now, if one is. */
  function refreshSoon() {
    if (refreshing) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, 100);
  }

  /**
   * A video that completed while the list was open: the event has no poster link, so its own is asked for (the
   * full poster; the list's next read brings the small one), rather than reading the whole list again. Without it
   * the row keeps its placeholder, which is no error worth showing.
   */
  function showPoster(id) {
    videos.poster(id).then(({ url }) => {
      const known = rows.get(id);
      if (!stopped && known && known.video.status === 'Completed' && !known.video.posterUrl) show({ ...known.video, posterUrl: url });
    }, () => {});
  }

  /** An event carries a video's state (the list's other fields stay); a video the list lacks is fetched with it. */
  function onEvent(type, data) {
    const known = rows.get(data.id);
    if (type === 'deleted') {
      pending.delete(data.id);
      if (known) { known.row.remove(); rows.delete(data.id); }
      empty.hidden = rows.size > 0;
      if (!empty.hidden) empty.replaceChildren(...filters.emptyMessage());
    } else if (type === 'video' && known) {
      show({ ...known.video, ...data });
      // A new state may take it out of a list filtered by status: the list is read again to drop it.
      const { status } = filters.read();
      if (status && data.status && data.status !== status) refreshSoon();
      if (data.status === 'Completed' && !known.video.posterUrl) showPoster(data.id);
    } else if (type === 'video' && (data.status === 'AwaitingUpload' || more.hidden)) {
      // New, or one the list would show since it has no older page: read the list again.
      pending.set(data.id, data);
      if (!refreshing) refreshSoon();
    }
  }

  const stopFollowing = follow('/api/videos/events', {
    onEvent,
    onLive: open => {
      live = open;
      if (!open && !refreshing && !stopped) {
        clearTimeout(timer);
        timer = setTimeout(refresh, pollMs);
      }
    },
  });

  const onVisible = () => { if (!document.hidden && !stopped && !live) refresh(); };
  document.addEventListener('visibilitychange', onVisible);

  main.replaceChildren(
    h('h1', { tabindex: -1 }, 'My videos'),
    uploadCard(),
    uploadSection,
    h('section', { class: 'card', 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Your videos'), filters.element, problem, empty, list, h('div', { class: 'actions' }, more)));
  const unsubscribe = onUploadsChange(showUploads);
  showUploads();
  refresh();
  return () => { stopped = true; clearTimeout(timer); filters.dispose(); stopFollowing(); unsubscribe(); document.removeEventListener('visibilitychange', onVisible); };
}

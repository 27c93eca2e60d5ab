// A completed video's frames, one by one: lazy thumbnails a page at a time, each opening large in a dialog with
// previous/next and its own download. Every URL is pre-signed and expires; a page read again renews them.
import { videos } from './api.js';
import { announce, h, problemBox } from './dom.js';

const pageSize = 120;

export function clock(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = (seconds % 60).toFixed(3).padStart(6, '0');
  return `${hours ? `${hours}:` : ''}${String(minutes).padStart(2, '0')}:${rest}`;
}

// How the worker read the frames out (its ExtractionStrategy names), in a person's words; an unknown one as it is.
const strategies = {
  FpsFilterDecode: 'Decoded through, at the chosen rate',
  InputSeekPerMoment: 'Seeked to each moment exactly',
  NearestKeyframes: 'The keyframe at or before each moment',
  KeyframesOnlyDecode: 'Keyframes only',
  SceneFilterDecode: 'Scene changes detected while decoding',
};

/** The manifest's facts about the source and how its frames were picked, as a definition list. */
export function sourceFacts(page) {
  const s = page.source;
  const rows = [
    ['Duration', clock(s.durationSeconds)],
    ['Codec', s.codec],
    ['Size', `${s.width} × ${s.height}`],
    ['Frame rate', `${Number(s.frameRate.toFixed(3))} fps`],
    ['Rotation', `${s.rotation}°`],
    ['Strategy', strategies[page.strategy] ? `${strategies[page.strategy]} (${page.strategy})` : page.strategy],
  ];
  return h('dl', { class: 'facts', id: 'source-facts' }, rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/**
 * The gallery section, filled in from GET /api/videos/{id}/frames; `onFirstPage` gets that page (for the source
 * facts). A frame's button opens the dialog; arrow keys in the dialog move between frames, loading more at the end.
 */
export function gallery(video, onFirstPage) {
  const frames = [];
  let total = 0;
  let loading = null;
  const list = h('ul', { class: 'gallery', id: 'gallery', 'aria-label': `Frames of ${video.fileName}` });
  const count = h('p', { class: 'muted', id: 'gallery-count' });
  const problem = h('div');
  const more = h('button', { type: 'button', hidden: true, id: 'more-frames', onclick: () => loadMore() }, 'Show more frames');
  const section = h('section', { class: 'card', 'aria-labelledby': 'gallery-title' },
    h('h2', { id: 'gallery-title' }, 'Frames'), count, problem, list, h('div', { class: 'actions' }, more));

  const label = frame => `Frame ${frame.index + 1} of ${total}, at ${clock(frame.timestampSeconds)}`;

  const image = h('img', { id: 'frame-large', alt: '', decoding: 'async' });
  const title = h('h2', { id: 'frame-title' });
  const download = h('a', { class: 'button', id: 'frame-download', download: '' }, 'Download this frame');
  const prev = h('button', { type: 'button', 'data-step': -1 }, '← Previous');
  const next = h('button', { type: 'button', 'data-step': 1 }, 'Next →');
  const close = h('button', { type: 'button', class: 'primary' }, 'Close');
  const dialog = h('dialog', { class: 'frame-dialog', 'aria-labelledby': 'frame-title' },
    title, h('div', { class: 'frame-stage' }, image), h('p', { class: 'muted', id: 'frame-detail' }),
    h('div', { class: 'actions' }, prev, next, download, close));
  let current = -1;

  async function open(index) {
    if (index < 0 || index >= total) return;
    if (index >= frames.length) await loadMore();
    const frame = frames[index];
    if (!frame) return;
    current = index;
    title.textContent = label(frame);
    image.src = frame.url;
    image.alt = `${video.fileName}, ${label(frame)}`;
    image.width = frame.width;
    image.height = frame.height;
    dialog.querySelector('#frame-detail').textContent = `${frame.file} · ${frame.width} × ${frame.height}`;
    download.href = frame.url;
    download.setAttribute('download', frame.file);
    download.setAttribute('aria-label', `Download ${frame.file}`);
    prev.disabled = index === 0;
    next.disabled = index === total - 1;
    if (!dialog.open) {
      if (!dialog.isConnected) document.body.append(dialog);
      dialog.showModal();
    }
  }

  prev.addEventListener('click', () => open(current - 1));
  next.addEventListener('click', () => open(current + 1));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', event => {
    if (event.key === 'ArrowLeft') { event.preventDefault(); open(current - 1); }
    if (event.key === 'ArrowRight') { event.preventDefault(); open(current + 1); }
  });
  // Back on the thumbnail it was opened from, as a dialog should leave focus.
  dialog.addEventListener('close', () => list.querySelector(`[data-index="${current}"]`)?.focus());

  const thumbnail = frame => h('li', {}, h('button', { type: 'button', class: 'frame', 'data-index': frame.index, 'aria-label': `Open ${label(frame)}`, onclick: () => open(frame.index) },
    h('img', { src: frame.thumbnailUrl, alt: '', loading: 'lazy', decoding: 'async', width: 160, height: Math.round(160 * frame.height / Math.max(frame.width, 1)) }),
    h('span', { class: 'time' }, clock(frame.timestampSeconds))));

  function loadMore() {
    loading ??= (async () => {
      more.disabled = true;
      try {
        const page = await videos.frames(video.id, frames.length, pageSize);
        if (frames.length === 0) onFirstPage?.(page);
        total = page.total;
        frames.push(...page.frames);
        list.append(...page.frames.map(thumbnail));
        count.textContent = total === 0 ? 'This video has no frames.' : `${frames.length} of ${total} frames shown. Choose one to see it large and download it.`;
        more.hidden = frames.length >= total;
        problem.replaceChildren();
        if (frames.length > page.frames.length) announce(`${frames.length} of ${total} frames shown.`);
      } catch (error) {
        problem.replaceChildren(problemBox(error));
      } finally {
        more.disabled = false;
        loading = null;
      }
    })();
    return loading;
  }

  loadMore();
  return { element: section, dispose: () => dialog.remove() };
}

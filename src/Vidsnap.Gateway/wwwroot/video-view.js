// One video: its state and history, live from its event stream (polled only while the stream is broken); once
// completed, its frames in a gallery, the source's facts, poster, storyboard, contact sheet, download and links to copy.
import { videos } from './api.js';
import { announce, badge, bytes, h, problemBox, statusText, when } from './dom.js';
import { copyButton } from './copy-link.js';
import { gallery, sourceFacts } from './gallery.js';
import { follow } from './live.js';
import { parseVtt, scrubber } from './storyboard.js';
import { downloadZip, removeVideo, retryVideo } from './video-actions.js';

const pollMs = 2000;
const terminal = new Set(['Completed', 'Failed', 'AwaitingUpload']);

function describeOptions(options) {
  const how = {
    interval: `one frame every ${options.intervalSeconds} s`, count: `${options.count} frames, evenly spread`,
    timestamps: 'chosen moments', keyframes: 'keyframes', scene: `scene changes (threshold ${options.threshold})`,
  }[options.mode] || options.mode;
  const size = options.width || options.height ? `, fit in ${options.width || '∞'}×${options.height || '∞'}` : '';
  return `${how}, ${options.format.toUpperCase()}${size}`;
}

async function mediaSection(video) {
  const section = h('section', { 'aria-labelledby': 'media-title' }, h('h2', { id: 'media-title' }, 'Preview'));
  const grid = h('div', { class: 'media' });
  section.append(grid);
  const [poster, storyboard, sheet] = await Promise.allSettled([videos.poster(video.id), videos.storyboard(video.id), videos.contactSheet(video.id)]);
  const figure = (title, content) => h('figure', {}, content, h('figcaption', { class: 'muted' }, title));
  if (poster.status === 'fulfilled') grid.append(figure('Poster', h('img', { src: poster.value.url, alt: `Poster of ${video.fileName}`, id: 'poster' })));
  if (storyboard.status === 'fulfilled') grid.append(h('figure', { class: 'storyboard' }, scrubber(parseVtt(storyboard.value), video.fileName), h('figcaption', { class: 'muted' }, 'Storyboard')));
  else grid.append(problemBox(storyboard.reason));
  if (sheet.status === 'fulfilled') {
    section.append(h('h2', {}, 'Contact sheet'), h('img', { src: sheet.value.url, alt: `Contact sheet of ${video.fileName}: up to 24 frames with their times`, id: 'contact-sheet' }));
  }
  return section;
}

export function videoView(main, id) {
  let timer = null;
  let stopped = false;
  let live = false;
  let last = null;
  let disposeGallery = null;
  const body = h('div');
  main.replaceChildren(h('p', {}, h('a', { href: '#/' }, '← My videos')), body);

  const render = async video => {
    const actions = h('div', { class: 'actions' });
    const back = () => { location.hash = '#/'; };
    if (video.status === 'Completed') actions.append(h('button', { type: 'button', class: 'primary', id: 'download', onclick: () => downloadZip(video, actions) }, 'Download zip'));
    if (video.status === 'Failed') actions.append(h('button', { type: 'button', onclick: () => retryVideo(video, actions, load) }, 'Retry'));
    // A wrong choice of frames needs no new upload: the source is kept, so a finished video runs again with other options.
    if (video.status === 'Completed') actions.append(h('button', { type: 'button', id: 'run-again', onclick: () => retryVideo(video, actions, load) }, 'Run again with other options'));
    if (video.status === 'Completed') {
      const pageLink = `${location.href.split('#')[0]}#/videos/${encodeURIComponent(video.id)}`;
      actions.append(copyButton('Copy page link', pageLink, { id: 'copy-page-link' }),
        copyButton('Copy zip link', async () => (await videos.download(video.id)).url, { id: 'copy-zip-link', title: 'A pre-signed link: it works without signing in, for a limited time.' }));
    }
    if (terminal.has(video.status)) actions.append(h('button', { type: 'button', class: 'danger', onclick: () => removeVideo(video, actions, back) }, 'Delete'));
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', {}, badge(video.status)),
      h('dt', {}, 'Progress'), h('dd', {}, h('progress', { max: 100, value: video.progress, 'aria-label': 'Processing progress' }), ` ${video.progress}%`),
      h('dt', {}, 'Frames'), h('dd', { id: 'frame-count' }, video.frameCount ?? '—'),
      h('dt', {}, 'Size'), h('dd', {}, bytes(video.sizeBytes)),
      h('dt', {}, 'Frames picked'), h('dd', {}, describeOptions(video.options)),
      h('dt', {}, 'Uploaded'), h('dd', {}, when(video.createdAt)),
      h('dt', {}, 'Updated'), h('dd', {}, when(video.updatedAt)));
    const error = video.error ? h('div', { class: 'problem', role: 'alert', id: 'video-error' }, h('strong', {}, 'Processing failed'), h('p', {}, video.error)) : null;
    const history = h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, 'History'),
      h('ol', { class: 'history', id: 'history' }, (video.history || []).map(entry =>
        h('li', {}, h('strong', {}, statusText[entry.status] || entry.status), ` — ${when(entry.at)}`, entry.detail ? `: ${entry.detail}` : ''))));
    // A video run again says which run this is, next to its name.
    const attempt = video.attempt > 1 ? h('p', { class: 'attempt', id: 'attempt' }, `Attempt ${video.attempt}`) : null;
    const card = h('section', { class: 'card' }, h('h1', { tabindex: -1 }, video.fileName), attempt, facts, error, actions);
    // First render: the page's heading takes focus, as on every route; later ones keep it where it was.
    const focusHeading = last === null || body.querySelector('h1') === document.activeElement || document.activeElement === main;
    disposeGallery?.();
    disposeGallery = null;
    body.replaceChildren(card, history);
    document.title = `${video.fileName} · Vidsnap`;
    if (focusHeading) card.querySelector('h1').focus();
    if (video.status === 'Completed') {
      // The source's facts come from the manifest, which the first page of frames carries.
      const source = h('div', { id: 'source' });
      card.insertBefore(source, actions);
      const frames = gallery(video, page => source.replaceChildren(h('h2', {}, 'Source video'), sourceFacts(page)));
      disposeGallery = frames.dispose;
      body.insertBefore(frames.element, history);
      body.insertBefore(await mediaSection(video), history);
    }
  };

  const show = async video => {
    const key = JSON.stringify(video);
    if (key === last) return;
    if (last && JSON.parse(last).status !== video.status) announce(`${video.fileName} is ${video.status}.`);
    await render(video);
    last = key;
  };

  async function load() {
    clearTimeout(timer);
    try {
      await show(await videos.get(id));
      if (!stopped && !live && !terminal.has(JSON.parse(last).status)) timer = setTimeout(load, pollMs);
    } catch (error) {
      body.replaceChildren(h('h1', { tabindex: -1 }, 'Video'), problemBox(error));
    }
  }

  /** Progress is drawn from the event; a new state is read whole, for its history and what it makes available. */
  function onEvent(type, data) {
    if (type === 'deleted') {
      location.hash = '#/';
      return;
    }
    if (type !== 'video' || last === null) return;
    const current = JSON.parse(last);
    if (data.status !== current.status || data.frameCount !== current.frameCount || data.error !== current.error) load();
    else show({ ...current, ...data });
  }

  const stopFollowing = follow(`/api/videos/${encodeURIComponent(id)}/events`, {
    onEvent,
    onLive: open => {
      live = open;
      if (!open && !stopped && last !== null && !terminal.has(JSON.parse(last).status)) {
        clearTimeout(timer);
        timer = setTimeout(load, pollMs);
      }
    },
  });

  load();
  return () => { stopped = true; clearTimeout(timer); stopFollowing(); disposeGallery?.(); };
}

// Storyboard scrubbing: the API's WebVTT maps each time range to a tile (#xywh) of a sprite image.
import { h } from './dom.js';

function seconds(clock) {
  const parts = clock.trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

export function parseVtt(text) {
  const cues = [];
  for (const block of text.replace(/\r/g, '').split(/\n\n+/)) {
    const lines = block.split('\n').filter(Boolean);
    const timing = lines.findIndex(l => l.includes('-->'));
    if (timing < 0 || !lines[timing + 1]) continue;
    const [from, to] = lines[timing].split('-->').map(s => seconds(s.split(' ').filter(Boolean)[0] ?? s));
    const [url, fragment] = lines[timing + 1].split('#xywh=');
    const [x, y, w, hgt] = (fragment || '0,0,160,90').split(',').map(Number);
    cues.push({ from, to, url, x, y, w, h: hgt });
  }
  return cues;
}

function clock(t) {
  const m = Math.floor(t / 60), s = t - m * 60;
  return `${String(m).padStart(2, '0')}:${s.toFixed(1).padStart(4, '0')}`;
}

/** Tiles are small (160 px wide); shown up to this wide, and never wider than the room the page gives them. */
const largestWidth = 640;
const largestScale = 4;

/** A slider over the video's time; the tile of the moment under it is shown above it, enlarged to fit. */
export function scrubber(cues, title) {
  const end = cues.length ? cues[cues.length - 1].to : 0;
  const tile = h('div', { class: 'tile', role: 'img' });
  const stage = h('div', { class: 'tile-stage' }, tile);
  const time = h('output', { for: 'scrub' }, clock(0));
  const slider = h('input', { type: 'range', id: 'scrub', min: 0, max: end.toFixed(3), step: 'any', value: 0 });
  const show = t => {
    const cue = cues.find(c => t >= c.from && t < c.to) || cues[cues.length - 1];
    if (!cue) return;
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
    tile.style.width = `${cue.w}px`;
    tile.style.height = `${cue.h}px`;
    tile.style.backgroundImage = `url("${cue.url.replace(/"/g, '%22')}")`;
    tile.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    const room = Math.min(largestWidth, slider.clientWidth || largestWidth);
    const scale = Math.max(1, Math.min(largestScale, room / cue.w));
    tile.style.transform = `scale(${scale})`;
    stage.style.width = `${Math.floor(cue.w * scale)}px`;
    stage.style.height = `${Math.floor(cue.h * scale)}px`;
    tile.setAttribute('aria-label', `Frame of ${title} at ${clock(t)}`);
    time.textContent = clock(t);
    slider.setAttribute('aria-valuetext', clock(t));
  };
  const container = h('div', { class: 'scrub' }, h('label', { for: 'scrub' }, 'Scrub through the storyboard'), stage, slider, h('p', { class: 'muted' }, 'Time: ', time));
  slider.addEventListener('input', () => show(Number(slider.value)));
  // Sized again when the page's width changes (and once placed, when its width is first known). The slider is
  // watched, not the box: the tile's new size changes the box's height, which would notify again in a loop.
  new ResizeObserver(() => show(Number(slider.value))).observe(slider);
  show(0);
  return container;
}

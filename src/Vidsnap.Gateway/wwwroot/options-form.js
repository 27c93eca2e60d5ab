// The extraction options as a form, shared by the upload form and the retry dialog. Bounds, defaults and choices
// come from GET /api/limits, so the page offers what the API accepts without a copy of its numbers to go stale.
// The form does not validate by itself: the API's messages, put next to their fields, are the only ones.
import { limits } from './api.js';
import { h, problemBox } from './dom.js';

const modeLabels = {
  interval: 'Every few seconds',
  count: 'A number of frames, evenly spread',
  timestamps: 'At moments I choose',
  keyframes: 'Keyframes only (fastest)',
  scene: 'One per scene change',
};
const precisionLabels = { exact: 'The exact frame at each moment', fast: 'The nearest keyframe (much faster)' };
const formatLabels = { jpeg: 'JPEG', png: 'PNG (lossless, larger files)', webp: 'WebP (smallest files)' };
// Precision picks how a moment is reached; keyframes and scene changes are found by decoding, not by seeking.
const momentModes = new Set(['interval', 'count', 'timestamps']);
const always = () => true;
/** 10000 as "10,000" (in the reader's own way of writing numbers). */
const n = value => Number(value).toLocaleString();

function numberOrNothing(input) {
  const text = input.value.trim();
  return text === '' ? undefined : Number(text);
}

/** "1.5, 10 62" as [1.5, 10, 62]; a word that is not a number is sent as it is, so the API can say what is wrong. */
function moments(input) {
  const items = input.value.split(/[\s,;]+/).filter(Boolean);
  if (items.length === 0) return undefined;
  return items.map(item => (Number.isFinite(Number(item)) ? Number(item) : item));
}

/**
 * Builds the form; `initial` (a video's options) prefills it, otherwise the API's defaults do. Answers
 * { element, ready, collect, showErrors }: collect() is the options object (only the fields that apply to the
 * chosen mode and format; null while the limits are still being read or could not be), showErrors(problem) marks
 * each field named in a 400's errors and answers the errors no field of this form took.
 */
export function optionsForm({ idPrefix = 'opt', initial = null, legend = 'Frames to extract' } = {}) {
  const status = h('p', { class: 'muted options-loading' }, 'Loading the options…');
  const element = h('fieldset', { class: 'options-form' }, h('legend', {}, legend), status);
  const fields = [];
  let more = null;

  const field = (name, label, input, hint, shown = always, read = () => (input.tagName === 'SELECT' ? input.value : numberOrNothing(input))) => {
    input.id = `${idPrefix}-${name}`;
    input.dataset.field = `options.${name}`;
    const hintId = `${input.id}-hint`;
    if (hint) input.setAttribute('aria-describedby', hintId);
    const wrapper = h('div', { class: 'field', 'data-option': name },
      h('label', { for: input.id }, label), input, hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
    fields.push({ name, input, wrapper, shown, read, hintId: hint ? hintId : null });
    return wrapper;
  };
  const number = attributes => h('input', { type: 'number', step: 'any', inputmode: 'decimal', ...attributes });
  const select = (values, labels) => h('select', {}, values.map(value => h('option', { value }, labels[value] || value)));

  const sync = () => {
    const mode = fields.find(f => f.name === 'mode')?.input.value;
    const format = fields.find(f => f.name === 'format')?.input.value;
    for (const f of fields) f.wrapper.hidden = !f.shown({ mode, format });
  };

  const build = limit => {
    const start = { ...limit.defaults, ...(initial || {}) };
    const value = name => start[name] ?? '';
    const frames = Number(start.maxFrames ?? limit.defaultMaxFrames);
    const mode = select(limit.modes, modeLabels);
    const format = select(limit.formats, formatLabels);
    const precision = select(limit.precisions, precisionLabels);
    const timestamps = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: 'e.g. 1.5, 10, 62', value: (start.timestamps || []).join(', ') });
    const main = h('div', { class: 'grid' },
      field('mode', 'Pick frames', mode),
      field('intervalSeconds', 'Seconds between frames',
        number({ min: limit.minIntervalSeconds, max: limit.maxIntervalSeconds, value: value('intervalSeconds') }),
        `From ${n(limit.minIntervalSeconds)} to ${n(limit.maxIntervalSeconds)} seconds; the first frame is at the start.`, v => v.mode === 'interval'),
      field('count', 'Number of frames',
        number({ min: 1, max: limit.maxFramesCap, step: 1, inputmode: 'numeric', value: value('count') }),
        `Spread evenly over the video, up to the most frames (${n(frames)} unless you change it).`, v => v.mode === 'count'),
      field('timestamps', 'Moments, in seconds', timestamps,
        'Seconds from the start of the video, separated by commas.', v => v.mode === 'timestamps', () => moments(timestamps)),
      field('threshold', 'How different a scene must be',
        number({ min: limit.minThreshold, max: limit.maxThreshold, step: 0.01, value: value('threshold') }),
        `${n(limit.minThreshold)} catches the slightest change, ${n(limit.maxThreshold)} only a complete change of picture.`, v => v.mode === 'scene'),
      field('format', 'Image format', format));
    const extra = h('div', { class: 'grid' },
      field('precision', 'Exact or fast', precision, 'Fast takes the keyframe just before each moment: far quicker on long videos.',
        v => momentModes.has(v.mode)),
      field('start', 'Start at (seconds)', number({ min: 0, value: value('start') }), 'Empty: from the beginning.'),
      field('end', 'End at (seconds)', number({ min: 0, value: value('end') }), 'Empty: to the end of the video.'),
      field('maxFrames', 'At most this many frames',
        number({ min: 1, max: limit.maxFramesCap, step: 1, inputmode: 'numeric', value: value('maxFrames') }),
        `A safety limit, up to ${n(limit.maxFramesCap)}.`),
      field('quality', 'Image quality',
        number({ min: limit.minQuality, max: limit.maxQuality, step: 1, inputmode: 'numeric', value: value('quality') }),
        `${n(limit.minQuality)} makes the smallest files, ${n(limit.maxQuality)} the best images.`, v => v.format !== 'png'),
      field('width', 'Max width (px)', number({ min: 16, max: limit.maxDimension, step: 1, inputmode: 'numeric', placeholder: 'original', value: value('width') }),
        `Empty: the video's own. Frames keep their shape and are never enlarged; up to ${n(limit.maxDimension)}.`),
      field('height', 'Max height (px)', number({ min: 16, max: limit.maxDimension, step: 1, inputmode: 'numeric', placeholder: 'original', value: value('height') }),
        'Empty: the video\'s own.'));
    mode.value = start.mode;
    format.value = start.format;
    precision.value = start.precision;
    mode.addEventListener('change', sync);
    format.addEventListener('change', sync);
    more = h('details', { class: 'more-options' }, h('summary', {}, 'More options: part of the video, precision, size and quality'), extra);
    status.replaceWith(main, more);
    sync();
  };

  const ready = limits().then(build, error => {
    status.replaceWith(problemBox({ title: 'The options could not be loaded', detail: `${error.detail || error.title} Videos get the default options.` }));
  });

  /** The options as the API takes them: fields that do not apply, and empty optional ones, are left out. */
  const collect = () => {
    if (fields.length === 0) return null;
    const options = {};
    for (const f of fields) {
      if (f.wrapper.hidden) continue;
      const value = f.read();
      if (value !== undefined) options[f.name] = value;
    }
    return options;
  };

  const clearError = f => {
    document.getElementById(`${f.input.id}-error`)?.remove();
    f.input.removeAttribute('aria-invalid');
    if (f.hintId) f.input.setAttribute('aria-describedby', f.hintId); else f.input.removeAttribute('aria-describedby');
  };
  const clearErrors = () => fields.forEach(clearError);

  /** Errors keyed like "options.count" (any case) go under their field; answers the ones that name no shown field. */
  const showErrors = problem => {
    clearErrors();
    const others = {};
    let first = null;
    for (const [key, messages] of Object.entries(problem?.errors || {})) {
      const f = fields.find(x => x.input.dataset.field.toLowerCase() === key.toLowerCase() && !x.wrapper.hidden);
      if (!f) { others[key] = messages; continue; }
      const id = `${f.input.id}-error`;
      f.input.setAttribute('aria-invalid', 'true');
      f.input.setAttribute('aria-describedby', [id, f.hintId].filter(Boolean).join(' '));
      f.input.insertAdjacentElement('afterend', h('p', { class: 'field-error', id }, [].concat(messages).join(' ')));
      // Once the field is changed its message no longer applies; the next request says whether the new value does.
      f.input.addEventListener('input', () => clearError(f), { once: true });
      if (more?.contains(f.wrapper)) more.open = true;
      first ??= f.input;
    }
    first?.focus();
    return others;
  };

  return { element, ready, collect, showErrors, clearErrors };
}

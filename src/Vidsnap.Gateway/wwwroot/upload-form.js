// The upload form: a picker or a drop zone, with the extraction options. The options the API refuses are marked
// in this form, and nothing of that file is sent (the video is created, and so checked, before any byte goes).
import { h } from './dom.js';
import { optionsForm } from './options-form.js';
import { startUploads } from './uploads.js';

export function uploadCard() {
  const options = optionsForm({ idPrefix: 'opt' });
  const input = h('input', { id: 'files', type: 'file', multiple: true, accept: 'video/*' });
  const button = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Upload');
  const sync = () => {
    const n = input.files.length;
    button.disabled = n === 0;
    button.textContent = n > 1 ? `Upload ${n} videos` : 'Upload';
  };
  input.addEventListener('change', sync);
  const start = files => {
    options.clearErrors();
    startUploads(files, options.collect(), { onInvalidOptions: problem => options.showErrors(problem) });
  };
  const drop = h('div', { class: 'drop' },
    h('label', { for: 'files' }, 'Choose videos'), input,
    h('p', { class: 'hint' }, 'or drop video files here; they upload straight away with the options below.'));
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) start([...e.dataTransfer.files]);
  });
  const form = h('form', { class: 'card', 'aria-labelledby': 'upload-title', novalidate: true },
    h('h2', { id: 'upload-title' }, 'Upload videos'), drop, options.element, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', e => {
    e.preventDefault();
    start([...input.files]);
    input.value = '';
    sync();
  });
  return form;
}

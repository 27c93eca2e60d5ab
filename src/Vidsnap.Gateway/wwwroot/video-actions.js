// Actions shared by the list and a video's page; each shows the API's problem next to its buttons (retry, in its dialog).
import { ApiError, videos } from './api.js';
import { announce, h, problemBox } from './dom.js';
import { optionsForm } from './options-form.js';

function showProblem(container, error) {
  container.parentElement.querySelectorAll(':scope > .problem').forEach(p => p.remove());
  container.insertAdjacentElement('afterend', problemBox(error));
}

/** Asks for a fresh pre-signed link and lets the browser download it. */
export async function downloadZip(video, container) {
  try {
    const { url } = await videos.download(video.id);
    const link = h('a', { href: url, download: '', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    announce(`Downloading the frames of ${video.fileName}.`);
  } catch (error) {
    showProblem(container, error);
  }
}

/**
 * Runs a finished video again as a new attempt: a dialog with the options form, prefilled with the video's
 * options, so the same ones or changed ones can be asked for. The API's refusals show by their fields.
 */
export function retryVideo(video, _container, after) {
  const next = (video.attempt || 1) + 1;
  const options = optionsForm({ idPrefix: 'retry-opt', initial: video.options, legend: 'Frames to extract this time' });
  const problem = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, `Start attempt ${next}`);
  const form = h('form', { novalidate: true },
    h('h2', { id: 'retry-title' }, `Run ${video.fileName} again`),
    h('p', { class: 'hint' }, 'The file you uploaded is used again, so nothing is uploaded. The new frames replace the old ones.'),
    options.element, problem,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = h('dialog', { class: 'retry-dialog', 'aria-labelledby': 'retry-title' }, form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    problem.replaceChildren();
    options.clearErrors();
    try {
      await videos.retry(video.id, options.collect() ?? undefined);
      dialog.close();
      announce(`${video.fileName} queued again: attempt ${next}.`);
      after();
    } catch (error) {
      // Option errors by their fields; the box below says what is wrong overall, and anything no field took.
      const others = error instanceof ApiError && error.status === 400 ? options.showErrors(error) : {};
      problem.replaceChildren(problemBox({ title: error.title, detail: [error.detail, ...Object.values(others).flat()].filter(Boolean).join(' ') }));
    } finally {
      submit.disabled = false;
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  // The form fills in once the limits are read: start on its first field, as a dialog should.
  return options.ready.then(() => { if (dialog.open) dialog.querySelector('select, input')?.focus(); });
}

export async function removeVideo(video, container, after) {
  // eslint-disable-next-line no-alert -- the native dialog is keyboard and screen-reader friendly as it is.
  if (!window.confirm(`Delete ${video.fileName} and its frames? This cannot be undone.`)) return;
  try {
    await videos.remove(video.id);
    announce(`${video.fileName} deleted.`);
    after();
  } catch (error) {
    showProblem(container, error);
  }
}

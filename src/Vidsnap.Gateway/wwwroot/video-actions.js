// Actions shared by the list and a video's page; each shows the API's problem next to its buttons.
import { videos } from './api.js';
import { announce, h, problemBox } from './dom.js';

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

export async function retryVideo(video, container, after) {
  try {
    await videos.complete(video.id);
    announce(`${video.fileName} queued again.`);
    after();
  } catch (error) {
    showProblem(container, error);
  }
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

// Small DOM helpers: elements are built, never parsed from strings, so user data cannot become markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const statusText = {
  AwaitingUpload: 'Awaiting upload', Queued: 'Queued', Processing: 'Processing', Completed: 'Completed', Failed: 'Failed',
};

export function badge(status) {
  return h('span', { class: `badge ${status}`, 'data-status': status }, statusText[status] || status);
}

/** The input a field error names (its data-field, compared case-insensitively, as the API's keys may differ in case). */
function inputFor(scope, field) {
  const wanted = field.toLowerCase();
  return [...scope.querySelectorAll('[data-field]')].find(input => input.dataset.field.toLowerCase() === wanted) || null;
}

function describedBy(input) {
  return (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
}

/** Takes a field's error away again, leaving any hint it was described by. */
function clearFieldError(input) {
  const id = `${input.id}-error`;
  document.getElementById(id)?.remove();
  input.removeAttribute('aria-invalid');
  const rest = describedBy(input).filter(token => token !== id);
  if (rest.length) input.setAttribute('aria-describedby', rest.join(' '));
  else input.removeAttribute('aria-describedby');
}

/** Writes a field's error under it, marks it invalid and describes it by the message; editing the field clears it. */
function markField(input, messages) {
  clearFieldError(input);
  const id = `${input.id}-error`;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [...describedBy(input), id].join(' '));
  input.insertAdjacentElement('afterend', h('p', { class: 'field-error', id }, [].concat(messages).join(' ')));
  const onEdit = () => { clearFieldError(input); input.removeEventListener('input', onEdit); input.removeEventListener('change', onEdit); };
  input.addEventListener('input', onEdit);
  input.addEventListener('change', onEdit);
}

/**
 * An error box with the problem's title and detail, announced to screen readers. Each field error is said once:
 * under its field when the page has it (by data-field), else listed in the box.
 */
export function problemBox(error) {
  const elsewhere = [];
  for (const [field, messages] of Object.entries(error?.errors || {})) {
    const input = inputFor(document, field);
    if (input?.id) markField(input, messages);
    else elsewhere.push(`${field}: ${[].concat(messages).join(' ')}`);
  }
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, error?.title || 'Something went wrong'),
    error?.detail ? h('p', { class: 'detail' }, error.detail) : null,
    elsewhere.length ? h('ul', {}, elsewhere.map(text => h('li', {}, text))) : null);
}

/** Clears the form's field errors, then marks the inputs named in a 400's errors (by data-field) with their messages. */
export function showFieldErrors(form, error) {
  form.querySelectorAll('[aria-invalid=true]').forEach(clearFieldError);
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  for (const [field, messages] of Object.entries(error?.errors || {})) {
    const input = inputFor(form, field);
    if (input?.id) markField(input, messages);
  }
}

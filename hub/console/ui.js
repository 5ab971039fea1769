// Pieces every view uses: error state, form fields and their errors, busy buttons,
// confirmation dialogs, state and health badges.
import { h, clear, uid } from './dom.js';
import { t } from './i18n.js';

// The clean error state of a view whose data did not come.
export function errorState(error, retry) {
  return h('div', { class: 'notice error', role: 'alert' },
    h('p', {}, t('error.unavailable', { message: error.message })),
    retry ? h('button', { type: 'button', on: { click: retry } }, t('action.retry')) : null);
}

export function loading() { return h('p', { class: 'loading' }, t('common.loading')); }

// A labelled field: the input gets an id, the label's for, and an error slot named
// by the API's field path (data-field="hours.weekly.mon").
export function field(label, input, name, hint) {
  const id = input.id || uid('f');
  input.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, dataset: { errorFor: name || '' }, hidden: true });
  const describedBy = [`${id}-error`];
  let hintEl = null;
  if (hint) { hintEl = h('p', { class: 'hint', id: `${id}-hint` }, hint); describedBy.push(`${id}-hint`); }
  input.setAttribute('aria-describedby', describedBy.join(' '));
  if (name) input.dataset.field = name;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error);
}

export function input(attrs) { return h('input', { type: 'text', ...attrs }); }

export function select(options, value, attrs) {
  return h('select', attrs || {}, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((el) => { el.hidden = true; el.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) { general.hidden = true; general.textContent = ''; }
}

// Shows an error beside the field it names (or the nearest parent path), else at the form's top.
export function showError(form, error) {
  let path = error.field || '';
  let slot = null;
  while (path && !slot) {
    slot = [...form.querySelectorAll('.field-error')].find((el) => el.dataset.errorFor === path);
    if (!slot) path = path.includes('.') || path.includes('[') ? path.replace(/(\.[^.[\]]*|\[\d+\])$/, '') : '';
  }
  if (slot) {
    slot.textContent = error.message;
    slot.hidden = false;
    const target = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
    return;
  }
  let general = form.querySelector('.form-error');
  if (!general) { general = h('p', { class: 'form-error', role: 'alert' }); form.prepend(general); }
  general.textContent = error.message;
  general.hidden = false;
}

// Runs an intent with the button disabled meanwhile; errors go to the form (or an alert box).
export async function busy(button, work, form) {
  if (button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (form) clearErrors(form);
  try {
    return await work();
  } catch (error) {
    if (error.sessionLost) return undefined;
    if (form) showError(form, error); else announce(error.message, true);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// A form whose submit runs the intent once (Enter or the button), with its errors shown.
export function form(attrs, children, onSubmit) {
  const el = h('form', { novalidate: true, ...attrs }, h('p', { class: 'form-error', role: 'alert', hidden: true }), children);
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = el.querySelector('button[type=submit]') || el;
    busy(button, () => onSubmit(el), el);
  });
  return el;
}

// A message read by screen readers and shown briefly.
export function announce(message, isError) {
  const live = document.getElementById('live');
  if (live) live.textContent = message;
  let toast = document.getElementById('toast');
  if (!toast) { toast = h('div', { id: 'toast', class: 'toast', role: 'status' }); document.body.append(toast); }
  toast.className = isError ? 'toast error' : 'toast';
  clear(toast, message);
  toast.hidden = false;
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => { toast.hidden = true; }, 5000);
}

// A confirmation in a <dialog>: resolves true when the action is confirmed.
// `extra` (optional): more content, e.g. a reason field.
export function confirmDialog({ title, text, confirm, danger = true, extra }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const yes = h('button', { type: 'submit', value: 'yes', class: danger ? 'danger' : 'primary' }, confirm);
    const no = h('button', { type: 'submit', value: 'no', formnovalidate: true }, t('action.cancel'));
    const dialog = h('dialog', { 'aria-labelledby': titleId, class: 'dialog' },
      h('form', { method: 'dialog' },
        h('h2', { id: titleId }, title),
        text ? h('p', {}, text) : null,
        extra || null,
        h('div', { class: 'buttons' }, no, yes)));
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'yes'); dialog.remove(); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

const HEALTH_CLASS = { ok: 'good', late: 'good', silent: 'warn', down: 'bad', closed: 'muted', unknown: 'muted' };
export const healthClass = (level) => HEALTH_CLASS[level] || 'muted';

// A health light with its words (never colour alone).
export function healthBadge(level) {
  const known = HEALTH_CLASS[level] ? level : 'unknown';
  return h('span', { class: `badge light ${healthClass(known)}`, dataset: { health: known } }, t(`health.${known}`));
}

export function stateBadge(state) {
  const value = ['open', 'closed', 'full'].includes(state) ? state : 'closed';
  return h('span', { class: `badge state-${value}`, dataset: { state: value } }, t(`state.${value}`));
}

export function section(title, ...children) {
  const id = uid('s');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), children);
}

// On a phone the tables become one card per row (console.css): each cell carries its
// column's heading as data-label, which the card shows before the value.
export function labelCells(root) {
  root.querySelectorAll('.table-wrap table').forEach((table) => {
    const heads = table.tHead ? [...table.tHead.rows[0].cells].map((th) => th.textContent.trim()) : [];
    for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
      [...row.cells].forEach((cell, i) => { if (heads[i] && row.cells.length > 1) cell.dataset.label = heads[i]; });
    }
  });
  return root;
}

export function emptyRow(text) { return h('p', { class: 'empty' }, text); }

export function roleName(role) { return t(`role.${role}`); }
export { uid };

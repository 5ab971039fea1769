// Dates, times, durations and numbers, French or English as the console's language.
import { currentLang } from './i18n.js';

const TZ = 'Europe/Paris';
const NNBSP = '\u202f';

function locale() { return currentLang() === 'en' ? 'en-GB' : 'fr-FR'; }

// Making an Intl.DateTimeFormat costs far more than using one (the first, a few ms):
// one per locale and set of options, kept.
const formats = new Map();
function dateFormat(loc, options) {
  const key = `${loc} ${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(loc, { ...options, timeZone: TZ }));
  return formats.get(key);
}

// A Date from UTC milliseconds or an "AAAA-MM-JJ" day (taken at noon, Paris: no day shift).
function toDate(value) {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  return new Date(value);
}

// "1 234", "12,5" (French: narrow no-break space, decimal comma).
export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—';
  const fixed = Math.abs(Number(value)).toFixed(digits);
  const [int, dec] = fixed.split('.');
  const sep = currentLang() === 'en' ? ',' : NNBSP;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const sign = Number(value) < 0 ? '−' : '';
  if (!dec) return sign + grouped;
  return sign + grouped + (currentLang() === 'en' ? '.' : ',') + dec;
}

// "mardi 1er décembre 2026" / "Tuesday 1 December 2026"
export function longDate(value) {
  if (value === null || value === undefined || value === '') return '—';
  const parts = dateFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .formatToParts(toDate(value));
  const get = (type) => (parts.find((p) => p.type === type) || {}).value;
  const day = get('day');
  if (currentLang() === 'en') return `${get('weekday')} ${day} ${get('month')} ${get('year')}`;
  return `${get('weekday')} ${day === '1' ? '1er' : day} ${get('month')} ${get('year')}`;
}

// "mar. 1er déc." / "Tue 1 Dec"
export function shortDate(value) {
  const parts = dateFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short' })
    .formatToParts(toDate(value));
  const get = (type) => (parts.find((p) => p.type === type) || {}).value;
  const day = get('day');
  if (currentLang() === 'en') return `${get('weekday')} ${day} ${get('month')}`;
  return `${get('weekday')} ${day === '1' ? '1er' : day} ${get('month')}`;
}

// "14 h 30" / "14:30"
export function time(value) {
  if (value === null || value === undefined) return '—';
  const parts = dateFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(value));
  const hh = (parts.find((p) => p.type === 'hour') || {}).value;
  const mm = (parts.find((p) => p.type === 'minute') || {}).value;
  return clock(`${hh}:${mm}`);
}

// "09:00" → "9 h" / "09:00"; "14:30" → "14 h 30"
export function clock(hhmm) {
  if (currentLang() === 'en') return hhmm;
  const [hh, mm] = hhmm.split(':');
  return `${Number(hh)}\u00a0h${mm === '00' ? '' : `\u00a0${mm}`}`;
}

export function dateTime(value) {
  if (value === null || value === undefined) return '—';
  return currentLang() === 'en' ? `${longDate(value)}, ${time(value)}` : `${longDate(value)} à ${time(value)}`;
}

// "il y a 3 min" / "3 min ago"; "à l'instant"; in the future: "dans 5 min".
export function ago(value, now = Date.now()) {
  if (value === null || value === undefined) return currentLang() === 'en' ? 'never' : 'jamais';
  const diff = now - value;
  const abs = Math.abs(diff);
  const en = currentLang() === 'en';
  if (abs < 45000) return en ? 'just now' : 'à l\u2019instant';
  let amount;
  let unit;
  if (abs < 3600000) { amount = Math.round(abs / 60000); unit = 'min'; }
  else if (abs < 86400000) { amount = Math.round(abs / 3600000); unit = 'h'; }
  else { amount = Math.round(abs / 86400000); unit = en ? (amount === 1 ? 'day' : 'days') : 'j'; }
  const span = `${number(amount)}\u00a0${unit}`;
  if (diff >= 0) return en ? `${span} ago` : `il y a ${span}`;
  return en ? `in ${span}` : `dans ${span}`;
}

// A clock offset in ms: "+2,5 s", "−3 min"
export function offset(ms) {
  if (ms === null || ms === undefined) return '—';
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (abs < 60000) return `${sign}${number(abs / 1000, abs < 10000 ? 1 : 0)}\u00a0s`;
  return `${sign}${number(abs / 60000)}\u00a0min`;
}

// Today in Paris as "AAAA-MM-JJ" (for date inputs), plus days.
export function parisDay(plusDays = 0, now = Date.now()) {
  const d = new Date(now + plusDays * 86400000);
  const parts = dateFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
  const get = (type) => (parts.find((p) => p.type === type) || {}).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// "5 déc. 2026" / "5 Dec 2026"
export function mediumDate(value) {
  if (value === null || value === undefined) return '—';
  return dateFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(toDate(value));
}

// "6 déc. 2026, 14 h 30"
export function shortDateTime(value) {
  if (value === null || value === undefined) return '—';
  return `${mediumDate(value)}, ${time(value)}`;
}

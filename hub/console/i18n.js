// Catalogues i18n/fr.json (default) and i18n/en.json, same keys. A count is a family:
// key.zero (optional), key.one, key.other, chosen by the {n} parameter
// (French: 0 and 1 singular; English: 1 only).
const STORAGE_KEY = 'cowork.console.lang';
let lang = 'fr';
let catalogue = {};

export function currentLang() { return lang; }

export async function loadLang(wanted) {
  let chosen = wanted;
  if (!chosen) {
    try { chosen = localStorage.getItem(STORAGE_KEY); } catch { chosen = null; }
  }
  if (chosen !== 'en') chosen = 'fr';
  const res = await fetch(new URL(`./i18n/${chosen}.json`, import.meta.url), { credentials: 'same-origin' });
  catalogue = await res.json();
  lang = chosen;
  document.documentElement.lang = lang;
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* private browsing: not remembered */ }
}

// The keys under a prefix, e.g. every audit action the catalogue names.
export function keysUnder(prefix) { return Object.keys(catalogue).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)); }

function pluralKey(entries, language, key, n) {
  if (n === 0 && (`${key}.zero` in entries)) return `${key}.zero`;
  const one = language === 'fr' ? (n === 0 || n === 1) : n === 1;
  return `${key}.${one ? 'one' : 'other'}`;
}

// French typography: a narrow no-break space (U+202F) before ; : ! ? » and after «.
function typoIn(language, text) {
  if (language !== 'fr') return text;
  return text.replace(/[ \u00a0]([;:!?»])/g, '\u202f$1').replace(/«[ \u00a0]/g, '«\u202f');
}

export function typo(text) { return typoIn(lang, text); }

// A text of any catalogue of this shape (the public page has its own, hub/public/i18n/):
// the key's text, or its count's form, with {name} replaced and French typography.
export function translate(entries, language, key, params) {
  let text = entries[key];
  if (text === undefined && params && typeof params.n === 'number') text = entries[pluralKey(entries, language, key, params.n)];
  if (text === undefined) text = key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
  }
  return typoIn(language, text);
}

// t('overview.places', {n: 3}) → "3 places libres"
export function t(key, params) { return translate(catalogue, lang, key, params); }

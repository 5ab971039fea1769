// Figures (data-view="figures", #/figures): the network's statistics for a whole
// calendar month, quarter or year, per site, kind of site and network, as the hub
// computes and suppresses them (docs/console-api.md). Charts are inline SVG; the
// page prints as the report for the Commission des maires (A4, print stylesheet).
import * as api from '../api.js';
import { h, s, clear } from '../dom.js';
import { t } from '../i18n.js';
import { number } from '../format.js';
import { errorState, loading } from '../ui.js';

const SUPPRESSED = '< 5';

// The last whole month, the last whole quarter, the last whole year (Paris calendar).
function defaultPeriods(now = new Date()) {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const q = Math.floor((m - 1) / 3);
  const lastQuarter = q === 0 ? `${y - 1}-T4` : `${y}-T${q}`;
  return { month: lastMonth, quarter: lastQuarter, year: String(y - 1) };
}

function cellText(value, type) {
  if (value === null || value === undefined) return t('figures.na');
  if (typeof value === 'string') return value;
  if (type === 'ratio') return `${number(value * 100, 1)}\u202f%`;
  if (type === 'hours') return number(value, 1);
  return number(value);
}

function tableOf(table) {
  const cols = table.columns;
  return h('div', { class: 'table-wrap' }, h('table', { dataset: { table: table.id } },
    h('caption', {}, table.title),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', class: c.type === 'text' ? '' : 'num' }, c.label)))),
    h('tbody', {}, table.rows.map((r) => h('tr', { class: `level-${r.level}`, dataset: { scope: r.scope } },
      cols.map((c, i) => (i === 0
        ? h('th', { scope: 'row' }, cellText(r.cells[c.key], c.type))
        : h('td', { class: c.type === 'text' ? '' : 'num', 'data-label': c.label }, cellText(r.cells[c.key], c.type)))))))));
}

// Occupancy per site as horizontal bars (suppressed sites drawn as hatched "< 5").
function occupancyChart(usage) {
  const rows = usage.rows.filter((r) => r.level === 'site');
  const W = 640; const bar = 16; const gap = 6; const left = 220;
  const H = rows.length * (bar + gap) + 24;
  const max = Math.max(0.01, ...rows.map((r) => (typeof r.cells.occupancy === 'number' ? r.cells.occupancy : 0)));
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': t('figures.chart.occupancy') },
    rows.map((r, i) => {
      const y = i * (bar + gap);
      const v = r.cells.occupancy;
      const w = typeof v === 'number' ? ((W - left - 60) * v) / max : 0;
      return s('g', {},
        s('text', { x: left - 8, y: y + bar - 4, 'text-anchor': 'end', class: 'chart-label' }, r.name),
        s('rect', { x: left, y, width: Math.max(w, 1), height: bar, class: typeof v === 'number' ? 'chart-bar' : 'chart-hidden' }),
        s('text', { x: left + w + 6, y: y + bar - 4, class: 'chart-value' }, cellText(v, 'ratio')));
    }));
}

// Day × hour heat map of presence (cells "< 5" drawn pale, with their text).
function heatMap(grid) {
  const days = t('figures.days').split(',');
  const cell = 22; const left = 80; const top = 18; const hours = [...Array(17).keys()].map((k) => k + 6);
  const max = Math.max(1, ...grid.flat().filter((v) => typeof v === 'number'));
  return s('svg', { viewBox: `0 0 ${left + hours.length * cell + 4} ${top + 7 * cell + 4}`, class: 'chart heat', role: 'img', 'aria-label': t('figures.chart.heat') },
    hours.map((hh, j) => s('text', { x: left + j * cell + cell / 2, y: 12, 'text-anchor': 'middle', class: 'chart-value' }, String(hh))),
    grid.map((row, d) => s('g', {},
      s('text', { x: left - 6, y: top + d * cell + 15, 'text-anchor': 'end', class: 'chart-label' }, days[d]),
      hours.map((hh, j) => {
        const v = row[hh];
        const alpha = typeof v === 'number' ? 0.08 + (0.92 * v) / max : 0.04;
        return s('rect', { x: left + j * cell, y: top + d * cell, width: cell - 2, height: cell - 2, class: 'heat-cell', 'fill-opacity': alpha.toFixed(2) },
          s('title', {}, `${days[d]} ${hh} h\u202f: ${cellText(v, 'count')}`));
      }))));
}

// Communes placed by their coordinates (no tiles), each a dot shaded by its members, its
// name beside it on a halo: 35 neighbouring communes stay legible.
function communeMap(map) {
  if (!map.length) return h('p', { class: 'muted' }, t('figures.map.none'));
  const lats = map.map((c) => c.lat); const lons = map.map((c) => c.lon);
  const [la0, la1, lo0, lo1] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const W = 640; const H = 480; const pad = 30;
  const labelRoom = 160; // names are written to the right of their dot
  const x = (lon) => pad + ((lon - lo0) / Math.max(lo1 - lo0, 1e-6)) * (W - pad - labelRoom);
  const y = (lat) => H - pad - ((lat - la0) / Math.max(la1 - la0, 1e-6)) * (H - 2 * pad);
  const max = Math.max(1, ...map.map((c) => (typeof c.members === 'number' ? c.members : 0)));
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart map', role: 'img', 'aria-label': t('figures.chart.map') },
    s('rect', { x: 1, y: 1, width: W - 2, height: H - 2, class: 'map-frame' }),
    map.map((c) => {
      const v = typeof c.members === 'number' ? c.members : 0;
      return s('g', {},
        s('circle', { cx: x(c.lon), cy: y(c.lat), r: 5 + (4 * v) / max, class: 'map-commune', 'fill-opacity': (0.15 + (0.8 * v) / max).toFixed(2) },
          s('title', {}, `${c.commune}\u202f: ${cellText(c.members, 'count')}`)),
        s('text', { x: x(c.lon) + 10, y: y(c.lat) + 4, class: 'chart-label map-label' }, c.commune));
    }));
}

// The network's key figures; over a quarter or a year, members are member-months
// (see the methods note), and say so.
function keyFigures(usage, monthly) {
  const network = usage.rows.find((r) => r.level === 'network');
  if (!network) return null;
  const c = network.cells;
  const fig = (label, value, type) => h('div', { class: 'key-figure' }, h('strong', {}, cellText(value, type)), h('span', {}, label));
  return h('div', { class: 'key-figures' },
    fig(t('figures.key.visits'), c.visits, 'count'), fig(t('figures.key.occupancy'), c.occupancy, 'ratio'),
    fig(t(monthly ? 'figures.key.members' : 'figures.key.memberMonths'), c.distinct_members, 'count'),
    fig(t('figures.key.new'), c.new_members, 'count'));
}

// « Chiffres de novembre 2026 », « Chiffres d’avril 2026 », « Chiffres du 3e trimestre
// 2025 », « Chiffres de l’année 2025 »: the hub's label with French's article and elision.
function periodTitle(period) {
  if (period.kind === 'year') return t('figures.period.year', { label: period.label });
  if (period.kind === 'quarter') return t('figures.period.quarter', { label: period.label });
  return t(/^[aeiouyâéèêîôû]/i.test(period.label) ? 'figures.period.monthElided' : 'figures.period.month', { label: period.label });
}

export default async function render() {
  const periods = defaultPeriods();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  let period = params.get('period') || periods.month;
  const root = h('div', { 'data-view': 'figures' }, h('h1', {}, t('figures.title')), h('p', { class: 'lead no-print' }, t('figures.lead')));
  const picker = h('input', { type: 'text', value: period, id: 'figures-period', 'aria-describedby': 'figures-period-hint', size: 8 });
  const box = h('div');
  const load = async () => {
    clear(box, loading());
    try {
      const data = await api.figures(period);
      const usage = data.tables.find((x) => x.id === 'usage');
      const busiest = data.tables.find((x) => x.id === 'busiest');
      const communes = data.tables.find((x) => x.id === 'communes');
      clear(box,
        h('h2', { class: 'period' }, periodTitle(data.period)),
        h('p', { class: 'no-print' },
          h('a', { href: api.figuresUrl(period, 'csv', 'usage'), download: '' }, t('figures.csv')), ' · ',
          h('a', { href: api.figuresUrl(period, 'xlsx'), download: '' }, t('figures.xlsx')), ' · ',
          h('button', { type: 'button', class: 'link', on: { click: () => window.print() } }, t('figures.print'))),
        keyFigures(usage, data.period.kind === 'month'),
        h('section', { class: 'figure-block' }, h('h2', {}, t('figures.chart.occupancy')), occupancyChart(usage)),
        h('section', { class: 'figure-block' }, h('h2', {}, t('figures.chart.heat')), heatMap(busiest.scopes.network)),
        h('section', { class: 'figure-block' }, h('h2', {}, t('figures.chart.map')), communeMap(communes.map)),
        // Tables of more than 6 columns print on landscape pages (console.css, @page wide).
        data.tables.map((table) => h('section', { class: table.columns.length > 6 ? 'figure-table wide' : 'figure-table', dataset: { tableId: table.id } },
          tableOf(table),
          table.pending ? h('p', { class: 'muted' }, table.pending) : null,
          h('p', { class: 'small muted note' }, table.note))),
        h('section', { class: 'methods' }, h('h2', {}, t('figures.methods')), h('p', {}, data.methods)));
    } catch (error) {
      if (error.status !== 401) clear(box, errorState(error, load));
    }
  };
  root.append(
    h('form', { class: 'row no-print', on: { submit: (e) => { e.preventDefault(); period = picker.value.trim(); load(); } } },
      h('label', { for: 'figures-period' }, t('figures.pick')), ' ', picker, ' ',
      h('button', { type: 'submit' }, t('figures.show')),
      h('p', { id: 'figures-period-hint', class: 'small muted' }, t('figures.hint', periods))),
    box);
  await load();
  return root;
}

// The dashboard: workflows with headline figures, a selected workflow's trend, bottlenecks,
// success and insights, anomalies, and running executions that update live over
// server-sent events (api/live/stream). Every value is written with textContent: nothing from
// the store is ever parsed as HTML.

import { ApiError, get, workflowPath } from './api.js';
import { barChart, lineChart } from './charts.js';
import { axisTime, count, duration, ratio, remaining, time } from './format.js';

/** What each window choice asks of the API. */
const WINDOWS = {
  '1h': { since: '1h', bucket: '1m', days: 1 },
  '24h': { since: '24h', bucket: '30m', days: 1 },
  '7d': { since: '7d', bucket: '3h', days: 7 },
  '30d': { since: '30d', bucket: '12h', days: 30 },
};
// Anomalies have a span of their own: scoring grows with it (seconds for a day of a large store),
// and the last hour is what the server keeps warm and what the live stream watches.
const ANOMALY_SPANS = ['1h', '6h', '24h'];
const MAX_ANOMALY_ROWS = 200;
const REFRESH_AFTER_FINISH_MS = 5000;

const state = {
  window: '7d',
  anomalySpan: '1h',
  anomalyGeneration: 0,
  selected: null,
  generation: 0,
  live: [],
  liveReceivedAt: 0,
  anomalies: new Map(),
  refreshTimer: null,
  source: null,
};

const $ = (id) => document.getElementById(id);

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'className') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function numberCell(field, value, text) {
  return h('td', { className: 'num', dataset: { field, value: value ?? '' } }, text);
}

function showNotice(message) {
  const n = $('notice');
  n.textContent = message;
  n.hidden = false;
}

function failure(error, where) {
  if (error instanceof ApiError && error.status === 401) {
    showNotice('This server needs a token: open this page once as /?token=<your token>.');
  }
  return `Could not load ${where}: ${error.message}`;
}

function errorRow(tbody, columns, message) {
  tbody.replaceChildren(h('tr', {}, h('td', { colspan: columns, className: 'error' }, message)));
}

// ---- workflows -------------------------------------------------------------------------

async function loadWorkflows() {
  const w = WINDOWS[state.window];
  const tbody = $('workflow-table').tBodies[0];
  let rows;
  try {
    // The default window is asked for without parameters: the server keeps that answer warm.
    rows = await get('workflows', state.window === '7d' ? {} : { since: w.since });
  } catch (e) {
    errorRow(tbody, 5, failure(e, 'workflows'));
    return;
  }
  renderWorkflows(rows);
  const ids = rows.map((r) => r.workflowId);
  const wanted = state.selected ?? fromHash();
  if (wanted && ids.includes(wanted)) {
    selectWorkflow(wanted);
  } else if (ids.length > 0) {
    selectWorkflow(ids[0]);
  } else {
    state.selected = null;
    $('detail').hidden = true;
  }
}

function renderWorkflows(rows) {
  const tbody = $('workflow-table').tBodies[0];
  tbody.replaceChildren(
    ...rows.map((r) => {
      const button = h('button', { type: 'button', className: 'link', 'aria-pressed': 'false' }, r.workflowId);
      button.addEventListener('click', () => selectWorkflow(r.workflowId));
      return h(
        'tr',
        { dataset: { workflow: r.workflowId } },
        h('th', { scope: 'row' }, button),
        numberCell('count', r.count, count(r.count)),
        numberCell('successRate', r.successRate, ratio(r.successRate)),
        numberCell('medianMs', r.medianMs, duration(r.medianMs)),
        numberCell('p95Ms', r.p95Ms, duration(r.p95Ms)),
      );
    }),
  );
  $('workflows-empty').hidden = rows.length > 0;
  markSelected();
}

function markSelected() {
  for (const tr of $('workflow-table').tBodies[0].rows) {
    const on = tr.dataset.workflow === state.selected;
    tr.classList.toggle('selected', on);
    const b = tr.querySelector('button');
    if (b) b.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
}

function fromHash() {
  const m = /^#workflow=(.+)$/.exec(window.location.hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch (e) {
    return null;
  }
}

// ---- one workflow ----------------------------------------------------------------------

function selectWorkflow(id) {
  state.selected = id;
  const gen = ++state.generation;
  history.replaceState(null, '', `#workflow=${encodeURIComponent(id)}`);
  markSelected();
  $('detail').hidden = false;
  $('detail').dataset.workflow = id;
  $('detail-title').textContent = id;
  const w = WINDOWS[state.window];
  const current = () => gen === state.generation;
  // Never show one workflow's figures under another's name while the new ones load.
  const loading = () => h('p', { className: 'muted' }, 'Loading…');
  $('detail-cards').replaceChildren(loading());
  $('trend-chart').replaceChildren(loading());
  $('trend-table').tBodies[0].replaceChildren();
  $('bottleneck-chart').replaceChildren(loading());
  $('success-table').tBodies[0].replaceChildren();
  $('insights-empty').hidden = true;

  get(workflowPath(id, 'stats'), { since: w.since })
    .then((rows) => current() && renderCards(rows[0]))
    .catch((e) => current() && $('detail-cards').replaceChildren(h('p', { className: 'error' }, failure(e, 'statistics'))));
  get(workflowPath(id, 'trend'), { since: w.since, bucket: w.bucket })
    .then((points) => current() && renderTrend(id, points, w))
    .catch((e) => current() && $('trend-chart').replaceChildren(h('p', { className: 'error' }, failure(e, 'the trend'))));
  get(workflowPath(id, 'bottlenecks'), { since: w.since, top: 8 })
    .then((rows) => current() && renderBottlenecks(id, rows))
    .catch((e) => current() && $('bottleneck-chart').replaceChildren(h('p', { className: 'error' }, failure(e, 'bottlenecks'))));
  get(workflowPath(id, 'success'), { since: w.since, by: 'step' })
    .then((rows) => current() && renderSuccess(rows))
    .catch((e) => current() && errorRow($('success-table').tBodies[0], 7, failure(e, 'success rates')));
  $('insight-list').replaceChildren(h('li', { className: 'muted' }, 'Loading insights…'));
  get(workflowPath(id, 'insights'), { days: w.days, top: 10 })
    .then((rows) => current() && renderInsights(rows))
    .catch((e) => current() && $('insight-list').replaceChildren(h('li', { className: 'error' }, failure(e, 'insights'))));
}

function card(label, value, field, raw) {
  return h('div', { className: 'card', dataset: { field, value: raw ?? '' } },
    h('div', { className: 'value' }, value), h('div', { className: 'label' }, label));
}

function renderCards(s) {
  const cards = $('detail-cards');
  if (!s) {
    cards.replaceChildren(h('p', { className: 'muted' }, 'No finished run in this window.'));
    return;
  }
  cards.replaceChildren(
    card('Runs', count(s.count), 'count', s.count),
    card('Success rate', ratio(s.successRate), 'successRate', s.successRate),
    card('Average', duration(s.avgMs), 'avgMs', s.avgMs),
    card('Median', duration(s.medianMs), 'medianMs', s.medianMs),
    card('p95', duration(s.p95Ms), 'p95Ms', s.p95Ms),
    card('p99', duration(s.p99Ms), 'p99Ms', s.p99Ms),
  );
}

function renderTrend(id, points, w) {
  const series = [
    { name: 'median', className: 'median', points: points.map((p) => ({ t: Date.parse(p.bucketStart), v: p.medianMs })) },
    { name: 'p95', className: 'p95', points: points.map((p) => ({ t: Date.parse(p.bucketStart), v: p.p95Ms })) },
  ];
  $('trend-caption').textContent = `Duration per ${w.bucket} (median and p95)`;
  const runs = points.reduce((n, p) => n + p.count, 0);
  lineChart($('trend-chart'), series, {
    title: `Duration trend of ${id}`,
    description: `${points.length} buckets of ${w.bucket} with ${count(runs)} finished runs; median and 95th percentile per bucket.`,
    format: duration,
    formatTime: axisTime,
  });
  $('trend-table').tBodies[0].replaceChildren(
    ...points.filter((p) => p.count > 0).map((p) => h('tr', {},
      h('td', {}, time(p.bucketStart)),
      numberCell('count', p.count, count(p.count)),
      numberCell('medianMs', p.medianMs, duration(p.medianMs)),
      numberCell('p95Ms', p.p95Ms, duration(p.p95Ms)))),
  );
}

function renderBottlenecks(id, rows) {
  barChart($('bottleneck-chart'), rows.map((b) => ({
    key: b.nodeId ?? '',
    label: b.nodeId ?? '(no id)',
    value: b.share,
    text: `${ratio(b.share)} · median ${duration(b.medianMs)}`,
  })), {
    title: `Bottlenecks of ${id}`,
    description: rows.length === 0
      ? 'No step runs in this window.'
      : `The ${rows.length} steps that take most of the workflow's step time; the first, ${rows[0].nodeId ?? '(no id)'}, takes ${ratio(rows[0].share)}.`,
  });
}

function renderSuccess(rows) {
  $('success-table').tBodies[0].replaceChildren(
    ...rows.map((r) => h('tr', { dataset: { node: r.nodeId ?? '' } },
      h('th', { scope: 'row' }, r.nodeId ?? '(no id)'),
      h('td', {}, r.actionType ?? '–'),
      numberCell('runs', r.runs, count(r.runs)),
      numberCell('successRate', r.successRate, ratio(r.successRate)),
      numberCell('firstTimeRate', r.firstTimeRate, ratio(r.firstTimeRate)),
      numberCell('recovered', r.recovered, count(r.recovered)),
      numberCell('failed', r.failed, count(r.failed)))),
  );
}

function renderInsights(rows) {
  $('insights-empty').hidden = rows.length > 0;
  $('insight-list').replaceChildren(
    ...rows.map((i) => h('li', { className: 'insight', dataset: { insight: i.id, category: i.category } },
      h('h4', {}, i.title),
      h('p', { className: 'meta' },
        h('meter', { min: 0, max: 1, value: i.priority, 'aria-label': `priority ${i.priority.toFixed(2)}` }),
        ` priority ${i.priority.toFixed(2)} · ${i.category}${i.status === 'implemented' ? ' · implemented' : ''} · id ${i.id}`),
      h('p', {}, i.description),
      h('p', {}, h('strong', {}, 'Recommendation: '), i.recommendation),
      h('p', { className: 'muted' }, `Expected impact: ${i.expectedImpact}`))),
  );
}

// ---- running executions ----------------------------------------------------------------

async function loadLive() {
  try {
    applyLive(await get('live'));
  } catch (e) {
    $('live-list').replaceChildren(h('li', { className: 'error' }, failure(e, 'running executions')));
  }
}

function applyLive(list) {
  const before = new Set(state.live.map((x) => x.executionId));
  const now = new Set(list.map((x) => x.executionId));
  state.live = list;
  state.liveReceivedAt = Date.now();
  renderLive();
  // A run that finished changes the figures: refresh them once things have settled.
  if ([...before].some((id) => !now.has(id)) && state.refreshTimer === null) {
    state.refreshTimer = setTimeout(() => {
      state.refreshTimer = null;
      loadWorkflows();
    }, REFRESH_AFTER_FINISH_MS);
  }
}

function renderLive() {
  $('live-count').textContent = String(state.live.length);
  $('live-empty').hidden = state.live.length > 0;
  $('live-list').replaceChildren(
    ...state.live.map((x) => {
      const pct = x.progressPct;
      const bar = h('progress', {
        max: 100,
        value: pct ?? null,
        'aria-label': `Progress of ${x.workflowId} execution ${x.executionId}`,
      }, pct === null ? 'unknown' : `${pct.toFixed(0)} %`);
      const steps = x.stepsTotal === null
        ? `${x.stepsDone} steps done (total unknown)`
        : `step ${x.stepsDone} of ${x.stepsTotal} · ${pct === null ? '–' : `${pct.toFixed(1)} %`}`;
      return h('li', { className: 'live-item', dataset: { execution: x.executionId, workflow: x.workflowId } },
        h('div', { className: 'live-head' }, h('strong', {}, x.workflowId), ' ', h('code', {}, x.executionId)),
        bar,
        h('div', { className: 'live-meta' },
          h('span', { className: 'steps' }, steps), ' · ',
          h('span', { className: 'eta' }, etaText(x))),
        x.basis ? h('div', { className: 'basis muted' }, x.basis) : null);
    }),
  );
}

/** "ETA in 1 min 20 s (55 s – 2 min)", counted down from when the server computed it. */
function etaText(x) {
  if (!x.etaAt) return 'no ETA yet';
  // The server's "now" when it estimated: start + elapsed; independent of this browser's clock.
  const serverNow = Date.parse(x.startedAt) + x.elapsedMs;
  const since = Date.now() - state.liveReceivedAt;
  const left = (t) => Date.parse(t) - serverNow - since;
  const range = x.etaLowAt && x.etaHighAt ? ` (${remaining(left(x.etaLowAt))} – ${remaining(left(x.etaHighAt))})` : '';
  return `ETA in ${remaining(left(x.etaAt))}${range}`;
}

function tickEtas() {
  const items = $('live-list').querySelectorAll('li.live-item');
  items.forEach((li) => {
    const x = state.live.find((e) => e.executionId === li.dataset.execution);
    const eta = li.querySelector('.eta');
    if (x && eta) eta.textContent = etaText(x);
  });
}

// ---- anomalies -------------------------------------------------------------------------

function anomalyKey(a) {
  return `${a.executionId}\u0000${a.nodeId ?? ''}\u0000${a.metric}`;
}

async function loadAnomalies() {
  const gen = ++state.anomalyGeneration;
  const tbody = $('anomaly-table').tBodies[0];
  tbody.replaceChildren(h('tr', {}, h('td', { colspan: 7, className: 'muted' }, 'Scoring runs…')));
  $('anomalies-empty').hidden = true;
  try {
    // The last hour is asked for without parameters: the same query the server keeps warm.
    const list = await get('anomalies', state.anomalySpan === '1h' ? {} : { since: state.anomalySpan });
    if (gen !== state.anomalyGeneration) return;
    state.anomalies = new Map(list.map((a) => [anomalyKey(a), { anomaly: a, fresh: false }]));
    renderAnomalies();
  } catch (e) {
    if (gen === state.anomalyGeneration) errorRow(tbody, 7, failure(e, 'anomalies'));
  }
}

function addAnomaly(a) {
  const key = anomalyKey(a);
  if (state.anomalies.has(key)) return;
  state.anomalies.set(key, { anomaly: a, fresh: true });
  renderAnomalies();
  $('anomaly-announcer').textContent = `New anomaly: ${a.description}`;
}

function renderAnomalies() {
  const all = [...state.anomalies.values()]
    .sort((p, q) => Date.parse(q.anomaly.startedAt) - Date.parse(p.anomaly.startedAt))
    .slice(0, MAX_ANOMALY_ROWS);
  $('anomalies-empty').hidden = all.length > 0;
  $('anomaly-table').tBodies[0].replaceChildren(
    ...all.map(({ anomaly: a, fresh }) => h('tr', { className: fresh ? 'fresh' : null, dataset: { anomaly: a.executionId } },
      h('td', {}, time(a.startedAt), fresh ? h('span', { className: 'badge' }, 'new') : null),
      h('td', {}, a.workflowId),
      h('td', {}, a.nodeId ?? 'whole run'),
      numberCell('value', a.value, duration(a.value)),
      numberCell('expected', a.expected, duration(a.expected)),
      h('td', { className: 'num' },
        h('meter', { min: 0, max: 1, low: 0.5, high: 0.8, optimum: 0, value: a.severity, 'aria-label': `severity ${a.severity.toFixed(2)}` }),
        ` ${a.severity.toFixed(2)}`),
      h('td', { className: 'description' }, a.description))),
  );
}

// ---- the live stream -------------------------------------------------------------------

function setStatus(kind, text) {
  const s = $('stream-status');
  s.dataset.state = kind;
  s.textContent = `Live updates: ${text}`;
}

function connect() {
  if (state.source) state.source.close();
  const source = new EventSource('api/live/stream');
  state.source = source;
  source.addEventListener('open', () => setStatus('connected', 'connected'));
  source.addEventListener('live', (e) => applyLive(JSON.parse(e.data)));
  source.addEventListener('anomaly', (e) => addAnomaly(JSON.parse(e.data)));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      // Refused (e.g. no token, or too many streams): the browser gives up; try again later.
      setStatus('down', 'unavailable, retrying in 10 s');
      setTimeout(connect, 10000);
    } else {
      setStatus('connecting', 'reconnecting…');
    }
  });
}

// ---- store -----------------------------------------------------------------------------

/** Marks a store written by `generate`, so its figures are never taken for captured data. */
async function loadStore() {
  try {
    const store = await get('store');
    $('synthetic-badge').hidden = !store.synthetic;
  } catch (error) {
    // The badge only adds a warning; the rest of the page reports its own failures.
  }
}

// ---- start -----------------------------------------------------------------------------


function init() {
  const select = $('window');
  select.value = state.window;
  select.addEventListener('change', () => {
    state.window = select.value in WINDOWS ? select.value : '7d';
    loadWorkflows();
  });
  const span = $('anomaly-window');
  span.value = state.anomalySpan;
  span.addEventListener('change', () => {
    state.anomalySpan = ANOMALY_SPANS.includes(span.value) ? span.value : '1h';
    loadAnomalies();
  });
  for (const form of document.querySelectorAll('form.controls')) {
    form.addEventListener('submit', (e) => e.preventDefault());
  }
  loadStore();
  loadWorkflows();
  loadAnomalies();
  loadLive();
  connect();
  setInterval(tickEtas, 1000);
}

init();

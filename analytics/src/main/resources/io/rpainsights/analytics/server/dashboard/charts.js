// Small SVG charts drawn with DOM calls: no library, no inline styles (the page's
// Content-Security-Policy forbids them), colours from the stylesheet's classes.

const SVG = 'http://www.w3.org/2000/svg';
let ids = 0;

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

function text(parent, x, y, content, attrs = {}) {
  const t = el('text', { x, y, ...attrs }, parent);
  t.textContent = content;
  return t;
}

/** An accessible <svg role="img"> with a title and a description, replacing the container's content. */
function frame(container, width, height, title, description) {
  const id = `chart-${++ids}`;
  const svg = el('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    preserveAspectRatio: 'xMidYMid meet',
  });
  const t = el('title', { id: `${id}-title` }, svg);
  t.textContent = title;
  const d = el('desc', { id: `${id}-desc` }, svg);
  d.textContent = description;
  container.replaceChildren(svg);
  return svg;
}

/** A step that gives about `count` round ticks (1, 2 or 5 times a power of ten) up to `max`. */
function niceStep(max, count) {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}

/**
 * A line chart over time.
 * series: [{ name, className, points: [{ t: epochMs, v: number|null }] }]
 * options: { title, description, format(v) for the y axis, formatTime(date, spanMs) }
 */
export function lineChart(container, series, options) {
  const W = 640;
  const H = 260;
  const m = { left: 70, right: 16, top: 28, bottom: 30 };
  const svg = frame(container, W, H, options.title, options.description);
  const all = series.flatMap((s) => s.points);
  const values = all.map((p) => p.v).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) {
    text(svg, W / 2, H / 2, 'No finished runs in this window', { class: 'chart-empty', 'text-anchor': 'middle' });
    return svg;
  }
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t));
  const span = Math.max(t1 - t0, 1);
  const step = niceStep(Math.max(...values) || 1, 4);
  const yMax = Math.ceil((Math.max(...values) || 1) / step) * step;
  const x = (t) => m.left + ((t - t0) / span) * (W - m.left - m.right);
  const y = (v) => H - m.bottom - (v / yMax) * (H - m.top - m.bottom);

  const grid = el('g', { class: 'grid' }, svg);
  for (let v = 0; v <= yMax + step / 2; v += step) {
    el('line', { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }, grid);
    text(grid, m.left - 6, y(v) + 4, options.format(v), { 'text-anchor': 'end', class: 'axis-label' });
  }
  const ticks = Math.min(6, Math.max(2, series[0].points.length));
  for (let i = 0; i < ticks; i++) {
    const t = t0 + (span * i) / (ticks - 1);
    text(grid, x(t), H - m.bottom + 18, options.formatTime(new Date(t), span), {
      'text-anchor': i === 0 ? 'start' : i === ticks - 1 ? 'end' : 'middle',
      class: 'axis-label',
    });
  }

  series.forEach((s, index) => {
    const g = el('g', { class: `series ${s.className}`, 'data-series': s.name }, svg);
    let d = '';
    let pen = false;
    for (const p of s.points) {
      if (p.v === null || p.v === undefined) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      pen = true;
    }
    el('path', { d, class: 'line' }, g);
    for (const p of s.points) {
      if (p.v === null || p.v === undefined) continue;
      const c = el('circle', { cx: x(p.t).toFixed(1), cy: y(p.v).toFixed(1), r: 3, class: 'point' }, g);
      const tip = el('title', {}, c);
      tip.textContent = `${s.name} ${options.format(p.v)} · ${new Date(p.t).toLocaleString()}`;
    }
    const lx = m.left + index * 120;
    el('line', { x1: lx, x2: lx + 18, y1: 12, y2: 12, class: 'legend-line' }, g);
    text(g, lx + 24, 16, s.name, { class: 'legend' });
  });
  return svg;
}

/**
 * Horizontal bars, one per row, longest first as given.
 * rows: [{ key, label, value (0..1), text }]
 */
export function barChart(container, rows, options) {
  const W = 640;
  const row = 28;
  const labelWidth = 150;
  const valueWidth = 210;
  const H = Math.max(1, rows.length) * row + 8;
  const svg = frame(container, W, H, options.title, options.description);
  if (rows.length === 0) {
    text(svg, W / 2, H / 2 + 4, 'No step runs in this window', { class: 'chart-empty', 'text-anchor': 'middle' });
    return svg;
  }
  const barMax = W - labelWidth - valueWidth;
  rows.forEach((r, i) => {
    const g = el('g', { class: 'bar-row', 'data-key': r.key }, svg);
    const top = 4 + i * row;
    const label = r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label;
    text(g, labelWidth - 8, top + row / 2 + 4, label, { 'text-anchor': 'end', class: 'bar-label' });
    el('rect', { x: labelWidth, y: top + 4, width: barMax, height: row - 8, rx: 3, class: 'bar-track' }, g);
    const bar = el('rect', {
      x: labelWidth,
      y: top + 4,
      width: Math.max(1, barMax * Math.min(1, Math.max(0, r.value))).toFixed(1),
      height: row - 8,
      rx: 3,
      class: 'bar',
    }, g);
    const tip = el('title', {}, bar);
    tip.textContent = `${r.label}: ${r.text}`;
    text(g, labelWidth + barMax + 8, top + row / 2 + 4, r.text, { class: 'bar-value' });
  });
  return svg;
}

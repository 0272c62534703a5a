// Numbers for people, written the way the command line and the HTML report write them
// (HumanDuration, Humanize): 4.20 ms, 850.0 ms, 4.20 s, 2.5 min; 97.5 %; 12,345.

const DASH = '–';

/** A duration in ms: "4.20 ms", "850.0 ms", "4.20 s", "2.5 min"; "–" when unknown. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return DASH;
  const abs = Math.abs(ms);
  if (abs < 10) return `${ms.toFixed(2)} ms`;
  if (abs < 1000) return `${ms.toFixed(1)} ms`;
  if (abs < 60000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60000).toFixed(1)} min`;
}

/** A fraction 0..1 as "97.5 %". */
export function ratio(fraction) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return DASH;
  return `${(fraction * 100).toFixed(1)} %`;
}

/** A whole number with thousands separated by commas. */
export function count(n) {
  if (n === null || n === undefined) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

/** A remaining time, short: "45 s", "3 min 20 s", "2 h 5 min". */
export function remaining(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return DASH;
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/** An ISO instant as local date and time, to the second. */
export function time(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return d.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** A short axis label for a time: "14:00" within a day's range, "Nov 22" beyond. */
export function axisTime(date, spanMs) {
  if (spanMs <= 36 * 3600 * 1000) {
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

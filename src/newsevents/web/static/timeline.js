// The timeline: an SVG histogram of events over continuous time, stacked by type. The bucket
// (day, week, month or year) follows the visible span; the wheel and the buttons zoom and pan;
// dragging across it (a brush) or clicking a bar sets the date filter.

import { typeColor } from "./colors.js";
import { h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const UNIT_DAYS = { day: 1, week: 7, month: 30.44, year: 365.25 };
const MIN_BAR_PX = 4; // the finest bucket whose bars are at least this wide is used
const MIN_SPAN = 7 * DAY; // zooming in stops at a week across the whole width
const BRUSH_MIN_PX = 5; // a drag shorter than this is a click
// An end of the record is an outlier (left out of the first view, reachable by zooming out)
// when it is over two years and over twice the span of the rest away from the rest, and holds
// at most a quarter of the events: a stray 1884 among 2021's events, not a quiet month.
const OUTLIER_GAP = 2 * 365 * DAY;
const OUTLIER_SHARE = 0.25;
// Tick steps, finest first; the first that leaves room for every label is used.
const TICKS = [
  [1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"],
  [6, "month"], [1, "year"], [2, "year"], [5, "year"], [10, "year"], [20, "year"], [50, "year"],
  [100, "year"],
];

/** An SVG element with attributes. */
function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** "YYYY-MM-DD" as UTC milliseconds. */
export function toTime(day) {
  return Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
}

/** UTC milliseconds as "YYYY-MM-DD". */
export function toDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

/** The start of the bucket (UTC day, Monday-started week, month or year) holding ``t``. */
export function floorTo(t, unit) {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (unit === "year") return Date.UTC(y, 0, 1);
  if (unit === "month") return Date.UTC(y, m, 1);
  const day = Date.UTC(y, m, d.getUTCDate());
  return unit === "week" ? day - ((d.getUTCDay() + 6) % 7) * DAY : day;
}

/** The start of the bucket after the one starting at ``t``. */
export function nextStart(t, unit, step = 1) {
  const d = new Date(t);
  if (unit === "year") return Date.UTC(d.getUTCFullYear() + step, 0, 1);
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1);
  return t + (unit === "week" ? 7 : 1) * step * DAY;
}

/** A bucket's key as the bars carry it: 2021-08-11, 2021-08 or 2021 (weeks: their Monday). */
export function bucketKey(t, unit) {
  if (unit === "year") return toDay(t).slice(0, 4);
  if (unit === "month") return toDay(t).slice(0, 7);
  return toDay(t);
}

/** The first and last day (YYYY-MM-DD) covered by a bucket. */
export function bucketRange(t, unit) {
  return [toDay(t), toDay(nextStart(t, unit) - DAY)];
}

/** The coarsest-needed bucket: the finest unit whose bars are at least MIN_BAR_PX wide. */
export function unitFor(spanMs, widthPx) {
  const days = spanMs / DAY;
  for (const unit of ["day", "week", "month"]) {
    if ((widthPx / days) * UNIT_DAYS[unit] >= MIN_BAR_PX) return unit;
  }
  return "year";
}

/** Day buckets [{t, count, by_type}] sorted by time, from the API's per-day aggregates. */
export function parseDays(buckets) {
  return buckets
    .filter((b) => b.key && /^\d{4}-\d{2}-\d{2}$/.test(b.key))
    .map((b) => ({ t: toTime(b.key), count: b.count, fatalities: b.fatalities || 0, by_type: b.by_type || {} }))
    .sort((a, b) => a.t - b.t);
}

/** The span that holds the bulk of the events: [first, last] without far-off outliers. */
export function denseRange(days) {
  if (days.length === 0) return null;
  const total = days.reduce((n, d) => n + d.count, 0);
  let lo = 0;
  let hi = days.length - 1;
  let dropped = 0;
  for (let changed = true; changed && hi > lo;) {
    changed = false;
    const span = days[hi].t - days[lo].t;
    const headGap = days[lo + 1].t - days[lo].t;
    const tailGap = days[hi].t - days[hi - 1].t;
    const far = (gap, rest) => gap > OUTLIER_GAP && gap > 2 * rest;
    if (headGap >= tailGap && far(headGap, span - headGap) && (dropped + days[lo].count) <= OUTLIER_SHARE * total) {
      dropped += days[lo].count;
      lo += 1;
      changed = true;
    } else if (far(tailGap, span - tailGap) && (dropped + days[hi].count) <= OUTLIER_SHARE * total) {
      dropped += days[hi].count;
      hi -= 1;
      changed = true;
    }
  }
  return [days[lo].t, days[hi].t + DAY];
}

/** Buckets of ``unit`` summed from day buckets, those overlapping [from, to). */
export function rebucket(days, unit, from, to) {
  const out = new Map();
  for (const d of days) {
    if (d.t < floorTo(from, unit) || d.t >= to) continue;
    const start = floorTo(d.t, unit);
    let b = out.get(start);
    if (!b) {
      b = { t: start, count: 0, fatalities: 0, by_type: {} };
      out.set(start, b);
    }
    b.count += d.count;
    b.fatalities += d.fatalities;
    for (const [type, n] of Object.entries(d.by_type)) b.by_type[type] = (b.by_type[type] || 0) + n;
  }
  return [...out.values()].sort((a, b) => a.t - b.t);
}

/** Tick positions and labels for a view, at most ``maxTicks`` of them. */
export function ticks(from, to, maxTicks) {
  const spanDays = (to - from) / DAY;
  const [step, unit] = TICKS.find(([n, u]) => spanDays / (n * UNIT_DAYS[u]) <= maxTicks) || TICKS[TICKS.length - 1];
  let t = floorTo(from, unit);
  if (unit === "year") t = Date.UTC(Math.ceil(new Date(t).getUTCFullYear() / step) * step, 0, 1);
  else if (unit === "month") {
    const d = new Date(t);
    t = Date.UTC(d.getUTCFullYear(), Math.ceil(d.getUTCMonth() / step) * step, 1);
  }
  const out = [];
  for (; t <= to && out.length < 200; t = nextStart(t, unit, step)) {
    if (t >= from) out.push({ t, label: unit === "year" ? toDay(t).slice(0, 4) : unit === "month" ? toDay(t).slice(0, 7) : toDay(t) });
  }
  return out;
}

/** The timeline widget: setData() with per-day buckets, setSelection() with the date filter. */
export class Timeline {
  constructor(container, { onPick, onHover = () => {} }) {
    this.container = container;
    this.onPick = onPick;
    this.onHover = onHover;
    this.days = [];
    this.view = null;
    this.full = null;
    this.dense = null;
    this.selection = null;
    this.loaded = false;
  }

  /** New data (other filters changed): the view goes back to the busy period. */
  setData(buckets) {
    this.days = parseDays(buckets);
    this.loaded = true;
    if (this.days.length) {
      this.full = [this.days[0].t, this.days[this.days.length - 1].t + DAY];
      this.dense = denseRange(this.days);
    } else {
      this.full = this.dense = null;
    }
    this.view = this.dense ? this.padded(this.dense) : null;
    this.includeSelection();
    this.draw();
  }

  /** The date filter, drawn as the brush; the view widens to show it. */
  setSelection(start, end) {
    this.selection = start || end ? [start ? toTime(start) : null, end ? toTime(end) + DAY : null] : null;
    this.includeSelection();
    this.draw();
  }

  includeSelection() {
    if (!this.view || !this.selection) return;
    const [a, b] = this.selection;
    const from = a !== null ? Math.min(this.view[0], a) : this.view[0];
    const to = b !== null ? Math.max(this.view[1], b) : this.view[1];
    if (from !== this.view[0] || to !== this.view[1]) this.view = this.padded([from, to]);
  }

  /** A range with a little room on both sides (at least a day). */
  padded([from, to]) {
    const pad = Math.max(DAY, (to - from) * 0.03);
    return [from - pad, to + pad];
  }

  /** Zoom by ``factor`` (< 1 zooms in) around the time ``at`` (default: the middle). */
  zoom(factor, at) {
    if (!this.view || !this.full) return;
    const [from, to] = this.view;
    const centre = at ?? (from + to) / 2;
    const limit = this.padded(this.full);
    let span = Math.max(MIN_SPAN, (to - from) * factor);
    span = Math.min(span, limit[1] - limit[0]);
    const left = centre - (centre - from) * (span / (to - from));
    this.setView(left, left + span);
  }

  /** Move the view by a fraction of its width (negative: to the past). */
  pan(fraction) {
    if (!this.view) return;
    const [from, to] = this.view;
    const d = (to - from) * fraction;
    this.setView(from + d, to + d);
  }

  setView(from, to) {
    const limit = this.padded(this.full);
    const span = to - from;
    if (span >= limit[1] - limit[0]) [from, to] = limit;
    else if (from < limit[0]) [from, to] = [limit[0], limit[0] + span];
    else if (to > limit[1]) [from, to] = [limit[1] - span, limit[1]];
    this.view = [from, to];
    this.draw();
  }

  showAll() {
    if (this.full) this.setView(...this.padded(this.full));
  }

  showDense() {
    if (this.dense) this.setView(...this.padded(this.dense));
  }

  toolbar(unit) {
    const hidden = (pred) => this.days.filter((d) => pred(d.t)).reduce((n, d) => n + d.count, 0);
    const before = this.view ? hidden((t) => t + DAY <= this.view[0]) : 0;
    const after = this.view ? hidden((t) => t >= this.view[1]) : 0;
    const outside = [
      before ? `${before} earlier event${before === 1 ? "" : "s"}` : null,
      after ? `${after} later event${after === 1 ? "" : "s"}` : null,
    ].filter(Boolean).join(" and ");
    const btn = (label, title, action, cls) =>
      h("button", { type: "button", class: `tl-btn ${cls || ""}`.trim(), title, "aria-label": title, onclick: action }, label);
    const sel = this.selection
      ? `${this.selection[0] !== null ? toDay(this.selection[0]) : "…"} – ${this.selection[1] !== null ? toDay(this.selection[1] - DAY) : "…"}`
      : null;
    return h("div", { class: "tl-tools small" },
      btn("−", "Zoom out", () => this.zoom(2), "tl-out"),
      btn("+", "Zoom in", () => this.zoom(0.5), "tl-in"),
      btn("◀", "Earlier", () => this.pan(-0.5), "tl-left"),
      btn("▶", "Later", () => this.pan(0.5), "tl-right"),
      btn("All dates", "Show every dated event", () => this.showAll(), "tl-all"),
      this.dense && this.full && (this.dense[0] !== this.full[0] || this.dense[1] !== this.full[1])
        ? btn("Busy period", "Show the period that holds most events", () => this.showDense(), "tl-dense")
        : null,
      h("span", { class: "muted tl-info" },
        unit ? `per ${unit}` : "",
        outside ? ` · ${outside} outside this view (zoom out or “All dates”)` : "",
        " · drag across the bars to pick dates"),
      sel ? h("span", { class: "tl-sel" }, ` · dates ${sel} `,
        btn("clear", "Clear the dates", () => this.onPick("", ""), "link tl-clear")) : null);
  }

  draw() {
    if (!this.loaded) return; // nothing to say before the first data arrives
    const container = this.container;
    const width = Math.max(container.clientWidth || 600, 200);
    const height = 110;
    const pad = { left: 34, right: 10, top: 8, bottom: 20 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
    if (!this.view) {
      const t = s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" });
      t.textContent = "No dated events match the filters";
      svg.append(t);
      container.replaceChildren(this.toolbar(null), svg);
      return;
    }
    const [from, to] = this.view;
    const unit = unitFor(to - from, plotW);
    svg.dataset.unit = unit;
    svg.dataset.from = toDay(from);
    svg.dataset.to = toDay(to);
    const title = s("title");
    title.textContent = `Events per ${unit}`;
    svg.append(title);
    const x = (t) => pad.left + ((t - from) / (to - from)) * plotW;
    const timeAt = (px) => from + ((px - pad.left) / plotW) * (to - from);
    const buckets = rebucket(this.days, unit, from, to);
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const axis = s("text", { x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "axis" });
    axis.textContent = String(max);
    svg.append(axis, s("line", { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: "base" }));
    const maxTicks = Math.max(2, Math.floor(plotW / (unit === "year" ? 50 : 80)));
    for (const tick of ticks(from, to, maxTicks)) {
      const tx = x(tick.t);
      svg.append(s("line", { x1: tx, x2: tx, y1: pad.top + plotH, y2: pad.top + plotH + 4, class: "base" }));
      const label = s("text", { x: tx, y: height - 5, "text-anchor": "middle", class: "axis tick" });
      label.textContent = tick.label;
      svg.append(label);
    }
    const [selFrom, selTo] = this.selection || [null, null];
    for (const b of buckets) {
      const end = nextStart(b.t, unit);
      const x0 = Math.max(pad.left, x(b.t));
      const x1 = Math.min(width - pad.right, x(end));
      if (x1 <= x0) continue;
      const barW = Math.max(1, x1 - x0 - Math.min(2, (x1 - x0) * 0.2));
      const out = this.selection && ((selFrom !== null && end <= selFrom) || (selTo !== null && b.t >= selTo));
      const key = bucketKey(b.t, unit);
      const g = s("g", { class: out ? "bar out" : "bar", tabindex: 0, "data-key": key });
      let y = pad.top + plotH;
      for (const [type, n] of Object.entries(b.by_type).sort()) {
        const hgt = (n / max) * plotH;
        y -= hgt;
        g.append(s("rect", { x: x0, y, width: barW, height: Math.max(hgt, 0.5), fill: typeColor(type) }));
      }
      // A full-height transparent target makes thin bars easy to click.
      g.append(s("rect", { x: x0, y: pad.top, width: Math.max(barW, 3), height: plotH, class: "hit" }));
      const tip = s("title");
      const parts = Object.entries(b.by_type).map(([t, n]) => `${t}: ${n}`).join("\n");
      tip.textContent = `${key} — ${b.count} events${b.fatalities ? `, ${b.fatalities} fatalities` : ""}\n${parts}`;
      g.append(tip);
      const pick = () => { if (!this.brushed) this.onPick(...bucketRange(b.t, unit)); };
      g.addEventListener("click", pick);
      g.addEventListener("mouseenter", () => this.onHover(...bucketRange(b.t, unit)));
      g.addEventListener("mouseleave", () => this.onHover(null));
      g.addEventListener("keydown", (e) => { if (e.key === "Enter") this.onPick(...bucketRange(b.t, unit)); });
      svg.append(g);
    }
    if (this.selection) {
      const a = Math.max(pad.left, selFrom !== null ? x(selFrom) : pad.left);
      const b = Math.min(width - pad.right, selTo !== null ? x(selTo) : width - pad.right);
      if (b > a) svg.append(s("rect", { x: a, y: pad.top, width: b - a, height: plotH, class: "selection" }));
    }
    // The brush: drag across the plot to set the dates to the buckets under it.
    const brush = s("rect", { x: 0, y: pad.top, width: 0, height: plotH, class: "brush", visibility: "hidden" });
    svg.append(brush);
    const local = (e) => e.clientX - svg.getBoundingClientRect().left;
    let start = null;
    svg.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      start = local(e);
      this.brushed = false;
    });
    svg.addEventListener("pointermove", (e) => {
      if (start === null) return;
      const now = local(e);
      if (!this.brushed && Math.abs(now - start) < BRUSH_MIN_PX) return;
      if (!this.brushed) svg.setPointerCapture(e.pointerId);
      this.brushed = true;
      const a = Math.max(pad.left, Math.min(start, now));
      const b = Math.min(width - pad.right, Math.max(start, now));
      brush.setAttribute("x", String(a));
      brush.setAttribute("width", String(Math.max(0, b - a)));
      brush.setAttribute("visibility", "visible");
    });
    const finish = (e) => {
      if (start === null) return;
      const now = local(e);
      const a = Math.min(start, now);
      const b = Math.max(start, now);
      start = null;
      if (!this.brushed) return;
      brush.setAttribute("visibility", "hidden");
      const first = floorTo(Math.max(from, timeAt(Math.max(pad.left, a))), unit);
      const last = nextStart(floorTo(Math.min(to - 1, timeAt(Math.min(width - pad.right, b))), unit), unit) - DAY;
      this.onPick(toDay(first), toDay(last));
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointercancel", () => { start = null; brush.setAttribute("visibility", "hidden"); });
    svg.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.zoom(e.deltaY > 0 ? 1.25 : 0.8, timeAt(local(e)));
    }, { passive: false });
    container.replaceChildren(this.toolbar(unit), svg);
  }
}

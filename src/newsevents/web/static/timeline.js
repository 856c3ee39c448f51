// The timeline: an SVG histogram of events per day/week/month, stacked by type; a click on a
// bar narrows the date filter to that bar.

import { typeColor } from "./colors.js";

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with attributes. */
function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The bucket size that gives a readable number of bars for a date range. */
export function bucketFor(first, last) {
  if (!first || !last) return "day";
  const days = (Date.parse(last) - Date.parse(first)) / 86400000;
  if (days <= 120) return "day";
  if (days <= 3 * 365) return "week";
  return "month";
}

/** The first and last day (YYYY-MM-DD) covered by a bucket key. */
export function bucketRange(key, by) {
  if (by === "month") {
    const [y, m] = key.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return [`${key}-01`, last];
  }
  if (by === "week") {
    const end = new Date(Date.parse(key) + 6 * 86400000).toISOString().slice(0, 10);
    return [key, end];
  }
  return [key, key];
}

/** The key of the bucket after ``key``. */
function nextKey(key, by) {
  if (by === "month") {
    const [y, m] = key.split("-").map(Number);
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  }
  return new Date(Date.parse(key) + (by === "week" ? 7 : 1) * 86400000).toISOString().slice(0, 10);
}

/** The buckets with empty ones added for the gaps, so the x axis is continuous time. */
export function fillGaps(buckets, by) {
  const dated = buckets.filter((b) => b.key).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (dated.length < 2) return dated;
  const byKey = new Map(dated.map((b) => [b.key, b]));
  const out = [];
  // A safety bound: the API picks bucket sizes that keep this to a few hundred bars.
  for (let k = dated[0].key; k <= dated[dated.length - 1].key && out.length < 2000; k = nextKey(k, by)) {
    out.push(byKey.get(k) || { key: k, count: 0, fatalities: 0, by_type: {} });
  }
  return out;
}

/** Draw the buckets into a container; onPick(start, end) when a bar is clicked, onHover(start,
 * end) while the pointer is on a bar and onHover(null) when it leaves. */
export function drawTimeline(container, buckets, by, onPick, onHover = () => {}) {
  container.replaceChildren();
  const width = Math.max(container.clientWidth || 600, 200);
  const height = 110;
  const pad = { left: 34, right: 8, top: 8, bottom: 20 };
  const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  const title = s("title");
  title.textContent = `Events per ${by}`;
  svg.append(title);
  const dated = fillGaps(buckets, by);
  if (dated.length === 0) {
    const t = s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" });
    t.textContent = "No dated events match the filters";
    svg.append(t);
    container.append(svg);
    return;
  }
  const max = Math.max(1, ...dated.map((b) => b.count));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / dated.length;
  const barW = Math.max(1, step - Math.min(2, step * 0.2));
  const axis = s("text", { x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "axis" });
  axis.textContent = String(max);
  svg.append(axis, s("line", { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: "base" }));
  dated.forEach((b, i) => {
    const g = s("g", { class: "bar", tabindex: 0, "data-key": b.key });
    const x = pad.left + i * step;
    let y = pad.top + plotH;
    for (const [type, n] of Object.entries(b.by_type).sort()) {
      const hgt = (n / max) * plotH;
      y -= hgt;
      g.append(s("rect", { x, y, width: barW, height: Math.max(hgt, 0.5), fill: typeColor(type) }));
    }
    // A full-height transparent target makes thin bars easy to click.
    g.append(s("rect", { x, y: pad.top, width: Math.max(barW, 3), height: plotH, class: "hit" }));
    const tip = s("title");
    const parts = Object.entries(b.by_type).map(([t, n]) => `${t}: ${n}`).join("\n");
    tip.textContent = `${b.key} — ${b.count} events${b.fatalities ? `, ${b.fatalities} fatalities` : ""}\n${parts}`;
    g.append(tip);
    const pick = () => onPick(...bucketRange(b.key, by));
    g.addEventListener("click", pick);
    g.addEventListener("mouseenter", () => onHover(...bucketRange(b.key, by)));
    g.addEventListener("mouseleave", () => onHover(null));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
    svg.append(g);
  });
  const labels = [dated[0], dated[dated.length - 1]];
  labels.forEach((b, i) => {
    const t = s("text", {
      x: i === 0 ? pad.left : width - pad.right, y: height - 5,
      "text-anchor": i === 0 ? "start" : "end", class: "axis",
    });
    t.textContent = b.key;
    svg.append(t);
  });
  container.append(svg);
}

// The control map: each place coloured by who holds it, outlined by status; click for history.

/* global L */
import { createMap } from "./basemap.js";
import { controllerColor } from "./colors.js";
import { fmtNum, h, setContent } from "./dom.js";

const STATUS_DASH = { contested: "4 3", unconfirmed: "1 3" };

export class ControlMap {
  constructor(element, legend, { onPick }) {
    this.map = createMap(element);
    this.layer = L.layerGroup().addTo(this.map);
    this.legend = legend;
    this.onPick = onPick;
    this.fitted = false;
  }

  show(rows) {
    this.layer.clearLayers();
    const located = rows.filter((r) => r.lat !== null && r.lat !== undefined && r.lon !== null && r.lon !== undefined);
    for (const r of located) {
      const color = controllerColor(r.controller);
      const m = L.circleMarker([r.lat, r.lon], {
        radius: 9, color: "#222", weight: 2, dashArray: STATUS_DASH[r.status] || null,
        fillColor: color, fillOpacity: r.status === "contested" || r.status === "unconfirmed" ? 0.45 : 0.85,
      });
      m.bindTooltip(() => h("span", {}, `${r.place}: ${r.controller} (${r.status}${r.since ? ` since ${r.since}` : ""})`));
      m.on("click", () => this.onPick(r.place_key));
      m.on("add", () => {
        const el = m.getElement();
        if (el) el.dataset.placeKey = r.place_key;
      });
      m.addTo(this.layer);
    }
    if (!this.fitted && located.length) {
      this.map.fitBounds(L.latLngBounds(located.map((r) => [r.lat, r.lon])).pad(0.5), { maxZoom: 6, animate: false });
      this.fitted = true;
    }
    const controllers = [...new Set(rows.map((r) => r.controller))].sort();
    setContent(this.legend, controllers.map((c) => {
      const sw = h("span", { class: "swatch" });
      sw.style.backgroundColor = controllerColor(c);
      return h("span", { class: "legend-item" }, sw, c);
    }), h("span", { class: "legend-item muted" }, "solid: held/taken · dashed: contested · dotted: unconfirmed"));
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

/** Draw one place's control history (oldest first) into the panel. */
export function drawHistory(panel, rows) {
  const first = rows[0] || {};
  setContent(panel,
    h("h2", { id: "control-title" }, first.place || "?"),
    h("p", { class: "muted small" }, [first.admin1, first.country].filter(Boolean).join(", ")),
    h("ol", { class: "history" }, rows.map((r) => {
      const sw = h("span", { class: "swatch" });
      sw.style.backgroundColor = controllerColor(r.controller);
      return h("li", {},
        h("div", {}, sw, h("strong", {}, r.controller), ` — ${r.status}`),
        h("div", { class: "small muted" },
          `${r.since || "?"} → ${r.until || "now"} · confidence ${fmtNum(r.confidence)} · ${r.n_sources} source${r.n_sources === 1 ? "" : "s"}`,
          r.staleness_days !== undefined && r.staleness_days !== null ? ` · last report ${r.staleness_days} days ago` : ""),
        (r.evidence || []).length
          ? h("ul", { class: "evidence" }, r.evidence.map((e) => h("li", {}, h("blockquote", {}, e.text || ""),
            e.article_id ? h("a", { href: `#/article/${encodeURIComponent(e.article_id)}`, class: "small" }, "article →") : null)))
          : null,
        (r.event_ids || []).length
          ? h("div", { class: "small" }, "Events: ", r.event_ids.map((id, i) => [i ? ", " : "", h("a", { href: `#/event/${encodeURIComponent(id)}` }, id)]))
          : null);
    })));
}

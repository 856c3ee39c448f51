// The events map: clustered markers coloured by event type, popups built from DOM nodes.

/* global L */
import { createMap } from "./basemap.js";
import { typeColor } from "./colors.js";
import { h } from "./dom.js";

export class EventsMap {
  constructor(element, { onSelect, onMove }) {
    this.map = createMap(element);
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 35,
      spiderfyOnMaxZoom: true,
    });
    this.map.addLayer(this.cluster);
    this.markers = new Map();
    this.onSelect = onSelect;
    this.fitted = false;
    this.highlighted = null;
    this.openId = null;
    this.map.on("moveend", () => onMove && onMove(this.bbox()));
  }

  /** The visible box as "min_lon,min_lat,max_lon,max_lat". */
  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    const west = clamp(b.getWest(), -180, 180);
    const east = clamp(b.getEast(), -180, 180);
    return [west, clamp(b.getSouth(), -90, 90), east, clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(3)).join(",");
  }

  /** Replace the markers by these points; fit the view to them the first time. */
  show(points, { fit = false } = {}) {
    const reopen = this.openId;
    this.cluster.clearLayers();
    this.markers.clear();
    const layers = points.map((p) => this.marker(p));
    this.cluster.addLayers(layers);
    // Reloading the same view must not close the popup the user is reading.
    const again = reopen && this.markers.get(reopen);
    if (again && !fit && this.cluster.getVisibleParent(again) === again) {
      this.openId = reopen;
      again.openPopup();
    }
    if ((fit || !this.fitted) && layers.length) {
      const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lon]));
      this.map.fitBounds(bounds.pad(0.2), { maxZoom: 8, animate: false });
      this.fitted = true;
    }
  }

  marker(p) {
    const icon = L.divIcon({ className: "ev-marker", iconSize: [14, 14], html: "" });
    const m = L.marker([p.lat, p.lon], { icon, keyboard: true, title: `${p.event_type}: ${p.location || ""}` });
    m.on("add", () => {
      const el = m.getElement();
      if (!el) return;
      el.style.backgroundColor = typeColor(p.event_type);
      el.dataset.eventId = p.id;
      el.dataset.eventType = p.event_type;
      this.paint(m);
    });
    m.point = p;
    m.bindPopup(() => this.popup(p), { maxWidth: 280 });
    m.on("popupopen", () => {
      const known = this.openId === p.id;
      this.openId = p.id;
      if (!known && this.onSelect) this.onSelect(p.id, { fromMap: true });
    });
    m.on("popupclose", () => { if (this.openId === p.id && this.markers.get(p.id) === m) this.openId = null; });
    this.markers.set(p.id, m);
    return m;
  }

  popup(p) {
    const swatch = h("span", { class: "swatch" });
    swatch.style.backgroundColor = typeColor(p.event_type);
    return h("div", { class: "popup", dataset: { eventId: p.id } },
      h("div", { class: "popup-type" }, swatch, `${p.event_type} · ${p.sub_event_type}`),
      h("div", {}, p.event_date || "date unknown", " — ", p.location || "place unknown"),
      p.actor1 ? h("div", {}, "Actor: ", p.actor1) : null,
      p.fatalities ? h("div", {}, `Fatalities: ${p.fatalities}`) : null,
      h("a", { href: `#/event/${encodeURIComponent(p.id)}`, class: "popup-link" }, "Evidence and sources →"));
  }

  /** Emphasise the markers of events dated within [start, end] (null clears). */
  highlightDates(start, end) {
    this.highlighted = start ? [start, end] : null;
    for (const m of this.markers.values()) this.paint(m);
  }

  paint(m) {
    const el = m.getElement();
    if (!el) return;
    const d = m.point.event_date;
    const on = Boolean(this.highlighted && d && d >= this.highlighted[0] && d <= this.highlighted[1]);
    el.classList.toggle("ev-hot", on);
  }

  /** Zoom to an event's marker (out of its cluster) and open its popup. */
  focus(id) {
    const m = this.markers.get(id);
    if (!m) return false;
    this.cluster.zoomToShowLayer(m, () => { if (!m.isPopupOpen()) m.openPopup(); });
    return true;
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

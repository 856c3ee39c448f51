// The events map: clustered markers coloured by event type, popups built from DOM nodes.

/* global L */
import { createMap } from "./basemap.js";
import { typeColor } from "./colors.js";
import { h, setContent } from "./dom.js";

// Fitting the view to the results never zooms in further than this: one event shows with its
// province and neighbours around it, not an empty square of land or sea.
export const FIT_MAX_ZOOM = 8;
const FIT_PADDING = [40, 40]; // pixels kept free around the results

/** The most frequent event type among markers (ties: alphabetical) and its share. */
export function dominantType(markers) {
  const counts = new Map();
  for (const m of markers) counts.set(m.point.event_type, (counts.get(m.point.event_type) || 0) + 1);
  let best = null;
  for (const [type, n] of counts) {
    if (!best || n > best[1] || (n === best[1] && type < best[0])) best = [type, n];
  }
  return best ? { type: best[0], share: best[1] / markers.length } : { type: "", share: 0 };
}

/** A cluster's icon: its count on the colour of its dominant type (a ring when mixed). */
function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const { type, share } = dominantType(markers);
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : 44;
  const dot = h("div", { class: share < 0.6 ? "mixed" : null, dataset: { dominantType: type } }, h("span", {}, String(n)));
  dot.style.backgroundColor = typeColor(type);
  dot.title = `${n} events, ${Math.round(share * 100)}% ${type}`;
  return L.divIcon({ html: dot, className: "marker-cluster ev-cluster", iconSize: L.point(size, size) });
}

export class EventsMap {
  constructor(element, { onSelect, onMove }) {
    this.element = element;
    this.map = createMap(element);
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 35,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    });
    this.map.addLayer(this.cluster);
    this.legend = L.control({ position: "bottomleft" });
    this.legend.onAdd = () => h("div", { class: "map-legend", id: "map-legend" });
    this.legend.addTo(this.map);
    this.pendingFit = null;
    // The view, readable from outside (tests, the screenshot script) without the map object.
    this.map.on("moveend zoomend", () => {
      const c = this.map.getCenter();
      element.dataset.zoom = String(this.map.getZoom());
      element.dataset.center = `${c.lat.toFixed(3)},${c.lng.toFixed(3)}`;
    });
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
      this.fitTo(points);
      this.fitted = true;
    }
    this.drawLegend(points);
  }

  /** Show all the points, zoomed in no further than FIT_MAX_ZOOM (later if the map is hidden). */
  fitTo(points) {
    const size = this.map.getSize();
    if (!size.x || !size.y) {
      this.pendingFit = points; // a hidden map has no size: fit once it is shown
      return;
    }
    this.pendingFit = null;
    const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lon]));
    if (bounds.getNorthEast().equals(bounds.getSouthWest(), 1e-4)) {
      this.map.setView(bounds.getCenter(), FIT_MAX_ZOOM, { animate: false });
    } else {
      this.map.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM, animate: false });
    }
  }

  /** The types on the map and their colours; clusters take the colour of their commonest type. */
  drawLegend(points) {
    const el = this.element.querySelector(".map-legend");
    if (!el) return;
    const counts = new Map();
    for (const p of points) counts.set(p.event_type, (counts.get(p.event_type) || 0) + 1);
    const types = [...counts.keys()].sort();
    setContent(el, types.map((t) => {
      const sw = h("span", { class: "swatch" });
      sw.style.backgroundColor = typeColor(t);
      return h("div", { class: "map-legend-item", dataset: { eventType: t } }, sw, `${t} (${counts.get(t)})`);
    }), types.length ? h("div", { class: "muted" }, "Clusters: colour of their commonest type; ringed when mixed.") : null);
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
    if (this.pendingFit) this.fitTo(this.pendingFit);
  }

  /** Close the open popup (its event was filtered out or closed). */
  closePopup() {
    this.openId = null;
    this.map.closePopup();
  }
}

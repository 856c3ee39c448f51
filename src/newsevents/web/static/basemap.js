// A Leaflet map whose basemap is Natural Earth countries (world-atlas) drawn as vector shapes,
// with country and town names as a label layer: no tile server, nothing from the internet.

/* global L, topojson */
import { getJSON } from "./api.js";
import { h } from "./dom.js";

let countries = null;
let places = null;

// Towns shown from a zoom on, by size: a capital from zoom 3, a town of 5 million from 4, ...
const PLACE_ZOOMS = [[5_000_000, 4], [2_000_000, 5], [1_000_000, 6], [0, 7]];
const CAPITAL_ZOOM = 3;
const COUNTRY_MAX_ZOOM = 7; // past it the country names sit far off screen anyway
// A country is named from the zoom where its area (square degrees) reaches this; the
// threshold quarters with each zoom step, so islands and micro-states wait for zoom 5-6.
const COUNTRY_AREA_AT_ZOOM_2 = 40;
const MAX_LABELS = 160; // a full-screen map at zoom 7 rarely fits more without overlap
const CHAR_PX = 6.5; // average width of a label character at 11px, for the overlap test

/** Load the countries once (TopoJSON from the world-atlas npm package). */
async function loadCountries() {
  if (!countries) {
    countries = fetch("/vendor/world-atlas/countries-50m.json")
      .then((r) => {
        if (!r.ok) throw new Error(`basemap: ${r.status}`);
        return r.json();
      })
      .then((topo) => topojson.feature(topo, topo.objects.countries));
  }
  return countries;
}

/** Load the town labels once (an empty list if the API has none). */
async function loadPlaces() {
  if (!places) {
    places = getJSON("/api/labels").then((r) => r.data).catch((err) => {
      console.warn("place labels not loaded", err);
      return [];
    });
  }
  return places;
}

/** Area and centroid of a ring of [lon, lat] (planar: enough to place a label). */
function ringCentroid(ring) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    area += cross;
    cx += (ring[j][0] + ring[i][0]) * cross;
    cy += (ring[j][1] + ring[i][1]) * cross;
  }
  if (Math.abs(area) < 1e-12) return { area: 0, lon: ring[0][0], lat: ring[0][1] };
  return { area: Math.abs(area / 2), lon: cx / (3 * area), lat: cy / (3 * area) };
}

/** A country's label point: the centroid of its largest polygon (the mainland). */
export function countryLabel(feature) {
  const g = feature.geometry;
  if (!g) return null;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  let best = null;
  let total = 0;
  for (const poly of polygons) {
    const c = ringCentroid(poly[0]);
    total += c.area;
    if (!best || c.area > best.area) best = c;
  }
  if (!best || !feature.properties || !feature.properties.name) return null;
  return { name: feature.properties.name, lat: best.lat, lon: best.lon, area: total };
}

/** Whether a town is big enough to be named at a zoom. */
function placeShown(p, zoom) {
  if (p.capital && zoom >= CAPITAL_ZOOM) return true;
  const rule = PLACE_ZOOMS.find(([pop]) => p.population >= pop);
  return Boolean(rule) && zoom >= rule[1];
}

/** Country and town names over a map, redrawn after each move without overlaps. */
class LabelLayer {
  constructor(map) {
    this.map = map;
    map.createPane("labels");
    map.getPane("labels").style.zIndex = "450"; // above the country shapes (400), below markers (600)
    map.getPane("labels").style.pointerEvents = "none";
    this.layer = L.layerGroup().addTo(map);
    this.countries = [];
    this.places = [];
    this.pending = false;
    map.on("moveend zoomend resize", () => this.schedule());
  }

  setData(countryLabels, placeLabels) {
    this.countries = countryLabels.sort((a, b) => b.area - a.area);
    this.places = placeLabels;
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const map = this.map;
    this.layer.clearLayers();
    const size = map.getSize();
    if (!size.x || !size.y) return;
    const zoom = map.getZoom();
    const bounds = map.getBounds();
    const taken = [];
    const fits = (pt, w, hgt) => {
      const box = [pt.x - w / 2 - 4, pt.y - hgt / 2 - 2, pt.x + w / 2 + 4, pt.y + hgt / 2 + 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) return false;
      if (taken.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) return false;
      taken.push(box);
      return true;
    };
    const add = (label, cls, fontPx) => {
      if (taken.length >= MAX_LABELS || !bounds.contains([label.lat, label.lon])) return;
      const pt = map.latLngToContainerPoint([label.lat, label.lon]);
      if (!fits(pt, label.name.length * CHAR_PX * (fontPx / 11), fontPx + 2)) return;
      const el = h("span", { class: "map-label-text" }, label.name);
      const icon = L.divIcon({ className: `map-label ${cls}`, html: el, iconSize: [0, 0] });
      L.marker([label.lat, label.lon], { icon, pane: "labels", interactive: false, keyboard: false }).addTo(this.layer);
    };
    // Near the ground the towns matter more than the country names around them.
    const drawCountries = () => {
      if (zoom > COUNTRY_MAX_ZOOM) return;
      const minArea = COUNTRY_AREA_AT_ZOOM_2 / 4 ** (zoom - 2);
      for (const c of this.countries) if (c.area >= minArea) add(c, "country", zoom >= 5 ? 13 : 11);
    };
    const drawPlaces = () => {
      for (const p of this.places) if (placeShown(p, zoom)) add(p, p.capital ? "place capital" : "place", 11);
    };
    if (zoom >= 6) {
      drawPlaces();
      drawCountries();
    } else {
      drawCountries();
      drawPlaces();
    }
  }
}

/** Create a map in an element, with the country basemap and its labels. */
export function createMap(element) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5 });
  map.setView([30, 40], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth via world-atlas · GeoNames");
  const labels = new LabelLayer(map);
  loadCountries()
    .then((geo) => {
      L.geoJSON(geo, {
        interactive: false,
        style: { color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map).bringToBack();
      return loadPlaces().then((towns) => {
        labels.setData(geo.features.map(countryLabel).filter(Boolean), towns);
      });
    })
    .catch((err) => console.warn("basemap not loaded", err));
  return map;
}

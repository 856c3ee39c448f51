// A Leaflet map whose basemap is Natural Earth countries (world-atlas) drawn as vector shapes:
// no tile server, nothing from the internet.

/* global L, topojson */

let countries = null;

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

/** Create a map in an element, with the country basemap underneath. */
export function createMap(element) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5 });
  map.setView([30, 40], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth via world-atlas");
  loadCountries()
    .then((geo) => {
      L.geoJSON(geo, {
        interactive: false,
        style: { color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    })
    .catch((err) => console.warn("basemap not loaded", err));
  return map;
}

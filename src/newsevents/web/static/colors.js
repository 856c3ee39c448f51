// Colours: one per ACLED event type (ColorBrewer-like, distinct on a light basemap).

const TYPE_COLORS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#ff7f00",
  "Violence against civilians": "#6a3d9a",
  "Protests": "#1f78b4",
  "Riots": "#e7298a",
  "Strategic developments": "#33a02c",
};
const FALLBACK = ["#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#b15928", "#a6cee3"];

/** A stable small hash of a string. */
function hash(text) {
  let n = 0;
  for (const ch of String(text)) n = (n * 31 + ch.codePointAt(0)) >>> 0;
  return n;
}

/** The colour of an event type. */
export function typeColor(type) {
  return TYPE_COLORS[type] || FALLBACK[hash(type) % FALLBACK.length];
}

const CONTROLLER_COLORS = ["#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#35978f", "#8c510a"];

/** The colour of a controller (government, an armed group, ...), stable across reloads. */
export function controllerColor(name) {
  const key = String(name || "").toLowerCase();
  if (/gov|military|army|state|police/.test(key)) return "#2166ac";
  if (/taliban/.test(key)) return "#b2182b";
  return CONTROLLER_COLORS[hash(key) % CONTROLLER_COLORS.length];
}

// The filters live in the URL query string, the view in the hash: any view can be shared.

export const FILTER_KEYS = [
  "start", "end", "event_type", "sub_event_type", "actor", "country", "place", "text",
  "modality", "min_confidence", "bbox",
];
const VIEW_KEYS = ["sort", "page", "q", "apage", "as_of"];

/** The current filters and view options from the query string. */
export function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) {
    const value = params.get(key);
    if (value !== null && value !== "") state[key] = value;
  }
  return state;
}

/** Write a new state into the query string, keeping the hash. */
export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) {
    const value = state[key];
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  history.replaceState(null, "", url);
}

/** Change some keys of the state. */
export function updateState(changes) {
  const state = { ...readState(), ...changes };
  writeState(state);
  return state;
}

/** Just the event filters of a state, as API query parameters. */
export function filterParams(state) {
  const out = {};
  for (const key of FILTER_KEYS) if (state[key]) out[key] = state[key];
  return out;
}

/** The route in the hash: ["events"], ["event", id], ["articles"], ["article", id], ["control"]. */
export function readRoute() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return ["events"];
  return parts;
}

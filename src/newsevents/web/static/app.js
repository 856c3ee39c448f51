// The web UI: wires the filter bar (kept in the URL), the map, the timeline, the table, the
// event panel, the article views and the control map to the REST API.

import { getJSON } from "./api.js";
import { drawArticle } from "./article.js";
import { ARTICLE_PAGE, drawHits } from "./articles.js";
import { typeColor } from "./colors.js";
import { ControlMap, drawHistory } from "./controlmap.js";
import { drawEvent } from "./detail.js";
import { h, setContent } from "./dom.js";
import { EventsMap } from "./eventsmap.js";
import { FILTER_KEYS, filterParams, readRoute, readState, updateState, writeState } from "./state.js";
import { PAGE_SIZE, drawHeader, drawPager, drawRows } from "./table.js";
import { Timeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const form = $("filters");
let facets = null;
let eventsMap = null;
let controlMap = null;
let loadedKey = null;
let selectedId = null;
let typingTimer = null;
let eventsReady = Promise.resolve();
let lastFitKey = null;
let timeline = null;
let timelineKey = null;
let detailReady = Promise.resolve(null);
let controlExtent = null;

const EXPORT_FORMATS = ["csv", "jsonl", "geojson", "parquet"];
const DETAIL_HINT = "Click a marker or a row to see an event's evidence and sources.";

/** Show a short message at the bottom of the page. */
function toast(message) {
  const el = $("toast");
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
}

/** Fill a select with options (text only). */
function fillSelect(select, values, current) {
  setContent(select, h("option", { value: "" }, "any"), values.map((v) => h("option", { value: v }, v)));
  select.value = values.includes(current) ? current : "";
}

/** Put the state's filters into the form. */
function stateToForm(state) {
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key);
    if (input && "value" in input) input.value = state[key] || "";
  }
  fillSubTypes(state.event_type, state.sub_event_type);
  form.elements.namedItem("in_view").checked = Boolean(state.bbox);
}

function fillSubTypes(type, current) {
  const types = facets ? facets.event_types : [];
  const subs = type
    ? (types.find((t) => t.event_type === type) || { sub_event_types: [] }).sub_event_types
    : [...new Set(types.flatMap((t) => t.sub_event_types))].sort();
  fillSelect(form.elements.namedItem("sub_event_type"), subs, current);
}

/** Read the form into the URL state (back to the first page) and reload. */
function formChanged() {
  const changes = { page: "" };
  for (const key of FILTER_KEYS) {
    if (key === "bbox") continue;
    const input = form.elements.namedItem(key);
    if (input) changes[key] = input.value.trim();
  }
  changes.bbox = form.elements.namedItem("in_view").checked && eventsMap ? eventsMap.bbox() : "";
  updateState(changes);
  loadEvents();
}

/** Load the map, table and timeline for the URL's filters (once per distinct state). */
function loadEvents(options = {}) {
  const state = readState();
  const key = JSON.stringify([filterParams(state), state.sort, Number(state.page || 0)]);
  if (key !== loadedKey) {
    loadedKey = key;
    eventsReady = fetchEvents(state, key, options);
  }
  return eventsReady;
}

async function fetchEvents(state, key, { fit = false } = {}) {
  const params = filterParams(state);
  const page = Number(state.page || 0);
  drawHeader($("events-table"), state.sort, (sort) => { updateState({ sort, page: "" }); loadEvents(); });
  // The timeline shows every date for the other filters, so the date filter is a brush on it.
  const dateless = { ...params, start: "", end: "" };
  const aggKey = JSON.stringify(dateless);
  try {
    const [points, rows, agg] = await Promise.all([
      getJSON("/api/events/points", { ...params, limit: 5000 }),
      getJSON("/api/events", { ...params, limit: PAGE_SIZE, offset: page * PAGE_SIZE, sort: state.sort || "-event_date" }),
      aggKey === timelineKey ? null : getJSON("/api/aggregates", { ...dateless, by: "day" }),
    ]);
    if (key !== loadedKey) return; // a newer request superseded this one
    // Refit the map when the filters (other than the map box itself) changed.
    const fitKey = JSON.stringify({ ...params, bbox: null });
    const filtersChanged = lastFitKey !== null && fitKey !== lastFitKey;
    eventsMap.show(points.data, { fit: !params.bbox && (fit || fitKey !== lastFitKey) });
    lastFitKey = fitKey;
    drawRows($("events-table"), rows.data, selectedId, (id) => { location.hash = `#/event/${encodeURIComponent(id)}`; });
    drawPager($("pager"), page, rows.count, (p) => { updateState({ page: p || "" }); loadEvents(); });
    drawDownloads(params, rows.count);
    if (agg) {
      timelineKey = aggKey;
      timeline.setData(agg.data);
    }
    timeline.setSelection(state.start, state.end);
    document.body.dataset.eventsLoaded = String(rows.count);
    if (filtersChanged || fit) await followFilters(params, points, rows);
    if (points.count > points.data.length) toast(`Map shows the newest ${points.data.length} of ${points.count} located events.`);
  } catch (err) {
    loadedKey = null;
    toast(`Could not load events: ${err.message}`);
  }
}

/** Point the download links at the exports of the events the view shows. */
function drawDownloads(params, count) {
  const filtered = Object.keys(params).length > 0;
  $("downloads-note").textContent = filtered
    ? `Download the ${count} event${count === 1 ? "" : "s"} matching the filters above:`
    : `Download all ${count} events:`;
  for (const a of document.querySelectorAll("#downloads a[data-format]")) {
    a.href = `/api/exports/events?${new URLSearchParams({ ...params, format: a.dataset.format })}`;
  }
}

/** Close the event panel when the new filters leave its event out. */
async function followFilters(params, points, rows) {
  const id = selectedId;
  if (!id) return;
  if (points.data.some((p) => p.id === id) || rows.data.some((r) => r.id === id)) return;
  const ev = await detailReady;
  if (!ev || ev.id !== id || selectedId !== id) return;
  let kept = false; // a located event missing from a complete set of map points is left out
  const located = ev.lat !== null && ev.lat !== undefined;
  if (located && points.count <= points.data.length) {
    kept = false;
  } else if (ev.event_date) {
    // Only events of its day can be it: ask for those under the same filters.
    const day = ev.event_date.slice(0, 10);
    if ((!params.start || params.start <= day) && (!params.end || day <= params.end)) {
      const same = await getJSON("/api/events", { ...params, start: day, end: day, limit: 10000 });
      kept = same.data.some((r) => r.id === id);
    }
  } else {
    const all = await getJSON("/api/events", { ...params, limit: 10000 });
    kept = all.data.some((r) => r.id === id) || all.count > all.data.length;
  }
  if (!kept && selectedId === id) closeEvent(`Event ${id} does not match the filters any more.`);
}

/** Empty the event panel and deselect its event. */
function closeEvent(message = DETAIL_HINT) {
  selectedId = null;
  detailReady = Promise.resolve(null);
  setContent($("detail"), h("p", { class: "muted", id: "detail-empty" }, message));
  for (const tr of document.querySelectorAll("#events-table tbody tr.selected")) tr.classList.remove("selected");
  if (eventsMap) eventsMap.closePopup();
  if (readRoute()[0] === "event") history.replaceState(null, "", `${location.pathname}${location.search}#/`);
}

/** Fill blank fields of a source from a record that may have them (a copy, the article). */
function fillSource(s, from) {
  for (const key of ["title", "source", "published", "url"]) s[key] = s[key] || from[key] || null;
}

/** Fill in outlet, title, date and address of sources the event left blank: from the copies
 * that were read (the canonical one first), then from the article itself. */
async function completeSources(ev) {
  const blank = (s) => !s.title || !s.source || !s.url || !s.published;
  for (const s of ev.sources || []) {
    for (const m of [...(s.mentions || [])].sort((a, b) => Number(b.canonical) - Number(a.canonical))) fillSource(s, m);
  }
  await Promise.all((ev.sources || []).filter(blank).map(async (s) => {
    try {
      fillSource(s, await getJSON(`/api/articles/${encodeURIComponent(s.article_id)}`));
    } catch { /* keep what the event had */ }
  }));
  return ev;
}

async function openEvent(id, { focus = true } = {}) {
  selectedId = id;
  for (const tr of document.querySelectorAll("#events-table tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.eventId === id);
  }
  try {
    detailReady = getJSON(`/api/events/${encodeURIComponent(id)}`).then(completeSources);
    const ev = await detailReady;
    if (selectedId !== id) return;
    drawEvent($("detail"), ev);
    if (focus) {
      await eventsReady; // the marker exists once the points are on the map
      if (selectedId === id) eventsMap.focus(id);
    }
  } catch (err) {
    detailReady = Promise.resolve(null);
    setContent($("detail"), h("p", { class: "error" }, `Could not load event ${id}: ${err.message}`));
  }
}

async function loadArticles() {
  const state = readState();
  const page = Number(state.apage || 0);
  $("article-search").elements.namedItem("q").value = state.q || "";
  try {
    const res = await getJSON("/api/articles", { q: state.q, limit: ARTICLE_PAGE, offset: page * ARTICLE_PAGE });
    drawHits($("article-list"), res.data);
    $("article-count").textContent = `${res.count} article${res.count === 1 ? "" : "s"}`;
    const last = Math.min(res.count, (page + 1) * ARTICLE_PAGE);
    setContent($("article-pager"),
      h("button", { type: "button", disabled: page <= 0 ? "" : null, onclick: () => { updateState({ apage: page - 1 || "" }); loadArticles(); } }, "← Previous"),
      h("span", { class: "count" }, `${res.count ? page * ARTICLE_PAGE + 1 : 0}–${last} of ${res.count}`),
      h("button", { type: "button", disabled: last >= res.count ? "" : null, onclick: () => { updateState({ apage: page + 1 }); loadArticles(); } }, "Next →"));
  } catch (err) {
    toast(`Search failed: ${err.message}`);
  }
}

async function openArticle(id) {
  setContent($("article-body"), h("p", { class: "muted" }, "Loading…"));
  setContent($("article-side"));
  try {
    const article = await getJSON(`/api/articles/${encodeURIComponent(id)}`);
    drawArticle($("article-body"), $("article-side"), article);
    document.title = `${article.title || article.id} — newsevents`;
  } catch (err) {
    setContent($("article-body"), h("p", { class: "error" }, `Could not load article ${id}: ${err.message}`));
  }
}

async function loadControl() {
  const state = readState();
  $("control-as-of").value = state.as_of || "";
  if (!controlMap) {
    controlMap = new ControlMap($("control-map"), $("control-legend"), {
      onPick: async (key) => {
        try {
          drawHistory($("control-detail"), (await getJSON(`/api/control/${encodeURIComponent(key)}`)).data);
        } catch (err) {
          toast(`Could not load history: ${err.message}`);
        }
      },
    });
  }
  controlMap.invalidate();
  try {
    const rows = (await getJSON("/api/control", { as_of: state.as_of })).data;
    controlMap.show(rows);
    if (!controlExtent) controlExtent = await findControlExtent(state.as_of ? null : rows);
    drawControlDate(state.as_of, rows);
    document.body.dataset.controlLoaded = "1";
  } catch (err) {
    toast(`Could not load control: ${err.message}`);
  }
}

const DAY_MS = 86400000;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** The first and last day of the control records: [first, last], or null when there are none.
 * The latest states give the last day; asking for the day before the earliest known start
 * until nothing earlier turns up gives the first (a few requests: one per older layer). */
async function findControlExtent(latest) {
  const days = (rows) => rows.flatMap((r) => [r.since, r.until]).filter(Boolean).map((d) => d.slice(0, 10)).sort();
  const now = latest || (await getJSON("/api/control")).data;
  const all = days(now);
  if (all.length === 0) return null;
  let first = all[0];
  for (let i = 0; i < 30; i++) {
    const older = days((await getJSON("/api/control", { as_of: addDays(first, -1) })).data);
    if (older.length === 0 || older[0] >= first) break;
    first = older[0];
  }
  return [first, all[all.length - 1]];
}

/** The slider over the records' days, and a message when the chosen day has no record yet. */
function drawControlDate(asOf, rows) {
  const slider = $("control-slider");
  const empty = $("control-empty");
  if (!controlExtent) {
    slider.disabled = true;
    $("control-range").textContent = "";
    empty.textContent = "No control records in this store.";
    empty.hidden = rows.length > 0;
    return;
  }
  const [first, last] = controlExtent;
  slider.disabled = false;
  slider.max = String(Math.max(1, daysBetween(first, last)));
  const day = asOf || last;
  slider.value = String(Math.min(Number(slider.max), Math.max(0, daysBetween(first, day))));
  $("control-range").textContent = `${day} (records ${first} – ${last})`;
  empty.textContent = `No control records on or before ${day}; records cover ${first}–${last}.`;
  empty.hidden = rows.length > 0;
}

/** Show one view and load what it needs. */
function route() {
  const [view, id] = readRoute();
  const shown = { event: "events", events: "events", articles: "articles", article: "article", control: "control" }[view] || "events";
  for (const section of document.querySelectorAll("main > .view")) section.hidden = section.id !== `view-${shown}`;
  form.hidden = shown !== "events";
  for (const a of document.querySelectorAll("#tabs a[data-view]")) {
    a.classList.toggle("active", a.dataset.view === shown || (shown === "article" && a.dataset.view === "articles"));
  }
  if (shown !== "article") document.title = "newsevents";
  if (shown === "events") {
    eventsMap.invalidate();
    timeline.draw(); // drawn while hidden, it had no width to fit
    loadEvents();
    if (view === "event" && id) openEvent(id, { focus: true });
    else if (selectedId) closeEvent();
  } else if (shown === "articles") loadArticles();
  else if (shown === "article" && id) openArticle(id);
  else if (shown === "control") loadControl();
}

function drawLegend() {
  const types = facets ? facets.event_types.map((t) => t.event_type) : [];
  setContent($("legend"), types.map((t) => {
    const sw = h("span", { class: "swatch" });
    sw.style.backgroundColor = typeColor(t);
    return h("button", { type: "button", class: "legend-item", title: `Show only ${t}`, onclick: () => {
      form.elements.namedItem("event_type").value = t;
      fillSubTypes(t, "");
      formChanged();
    } }, sw, t);
  }));
}

async function start() {
  timeline = new Timeline($("timeline"), {
    onPick: (start, end) => {
      updateState({ start, end, page: "" });
      stateToForm(readState());
      loadEvents({ fit: true });
    },
    onHover: (start, end) => eventsMap.highlightDates(start, end),
  });
  eventsMap = new EventsMap($("map"), {
    onSelect: (id) => {
      if (readRoute()[1] !== id) history.replaceState(null, "", `${location.pathname}${location.search}#/event/${encodeURIComponent(id)}`);
      openEvent(id, { focus: false });
    },
    onMove: (bbox) => {
      if (form.elements.namedItem("in_view").checked) {
        updateState({ bbox, page: "" });
        loadEvents();
      }
    },
  });
  try {
    const [f, stats] = await Promise.all([getJSON("/api/facets"), getJSON("/api/stats")]);
    facets = f;
    $("store-stats").textContent =
      `${stats.articles} articles · ${stats.duplicates} duplicates · ${stats.events} events · ${stats.rejects} rejects`;
  } catch (err) {
    toast(`Could not reach the API: ${err.message}`);
  }
  const state = readState();
  fillSelect(form.elements.namedItem("event_type"), facets ? facets.event_types.map((t) => t.event_type) : [], state.event_type);
  fillSelect(form.elements.namedItem("country"), facets ? facets.countries : [], state.country);
  fillSelect(form.elements.namedItem("modality"), facets ? facets.modalities : [], state.modality);
  stateToForm(state);
  drawLegend();

  form.addEventListener("change", (e) => {
    if (e.target.name === "event_type") fillSubTypes(e.target.value, "");
    formChanged();
  });
  form.addEventListener("input", (e) => {
    if (e.target.type !== "search" && e.target.type !== "number") return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(formChanged, 350);
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); formChanged(); });
  $("reset-filters").addEventListener("click", () => {
    writeState({});
    stateToForm({});
    closeEvent();
    loadEvents({ fit: true });
  });
  $("share").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      toast("Link copied.");
    } catch {
      toast(location.href);
    }
  });
  $("article-search").addEventListener("submit", (e) => {
    e.preventDefault();
    updateState({ q: e.target.elements.namedItem("q").value.trim(), apage: "" });
    loadArticles();
  });
  $("control-as-of").addEventListener("change", (e) => { updateState({ as_of: e.target.value }); loadControl(); });
  let sliderTimer = null;
  $("control-slider").addEventListener("input", (e) => {
    if (!controlExtent) return;
    const day = addDays(controlExtent[0], Number(e.target.value));
    $("control-as-of").value = day;
    $("control-range").textContent = `${day} (records ${controlExtent[0]} – ${controlExtent[1]})`;
    clearTimeout(sliderTimer);
    sliderTimer = setTimeout(() => { updateState({ as_of: day }); loadControl(); }, 200);
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => { if (!$("view-events").hidden) timeline.draw(); });
  route();
  document.body.dataset.ready = "1";
}

writeState(readState());
start();

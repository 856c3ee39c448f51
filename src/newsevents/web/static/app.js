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
import { bucketFor, drawTimeline } from "./timeline.js";

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
  const first = state.start || (facets && facets.first_date);
  const last = state.end || (facets && facets.last_date);
  const by = bucketFor(first, last);
  try {
    const [points, rows, agg] = await Promise.all([
      getJSON("/api/events/points", { ...params, limit: 5000 }),
      getJSON("/api/events", { ...params, limit: PAGE_SIZE, offset: page * PAGE_SIZE, sort: state.sort || "-event_date" }),
      getJSON("/api/aggregates", { ...params, by }),
    ]);
    if (key !== loadedKey) return; // a newer request superseded this one
    // Refit the map when the filters (other than the map box itself) changed.
    const fitKey = JSON.stringify({ ...params, bbox: null });
    eventsMap.show(points.data, { fit: !params.bbox && (fit || fitKey !== lastFitKey) });
    lastFitKey = fitKey;
    drawRows($("events-table"), rows.data, selectedId, (id) => { location.hash = `#/event/${encodeURIComponent(id)}`; });
    drawPager($("pager"), page, rows.count, (p) => { updateState({ page: p || "" }); loadEvents(); });
    timeline = { data: agg.data, by };
    renderTimeline();
    document.body.dataset.eventsLoaded = String(rows.count);
    if (points.count > points.data.length) toast(`Map shows the newest ${points.data.length} of ${points.count} located events.`);
  } catch (err) {
    loadedKey = null;
    toast(`Could not load events: ${err.message}`);
  }
}

/** Draw the last loaded timeline (again, e.g. after the window was resized). */
function renderTimeline() {
  if (!timeline) return;
  drawTimeline($("timeline"), timeline.data, timeline.by, (start, end) => {
    updateState({ start, end, page: "" });
    stateToForm(readState());
    loadEvents({ fit: true });
  }, (start, end) => eventsMap.highlightDates(start, end));
}

async function openEvent(id, { focus = true } = {}) {
  selectedId = id;
  for (const tr of document.querySelectorAll("#events-table tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.eventId === id);
  }
  try {
    drawEvent($("detail"), await getJSON(`/api/events/${encodeURIComponent(id)}`));
    if (focus) {
      await eventsReady; // the marker exists once the points are on the map
      if (selectedId === id) eventsMap.focus(id);
    }
  } catch (err) {
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
    controlMap.show((await getJSON("/api/control", { as_of: state.as_of })).data);
    document.body.dataset.controlLoaded = "1";
  } catch (err) {
    toast(`Could not load control: ${err.message}`);
  }
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
    loadEvents();
    if (view === "event" && id) openEvent(id, { focus: true });
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
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => { if (!$("view-events").hidden) renderTimeline(); });
  route();
  document.body.dataset.ready = "1";
}

writeState(readState());
start();

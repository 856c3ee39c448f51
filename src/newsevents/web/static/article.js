// The article view: the text with entities, places, quotes, times, quantities and event
// triggers/evidence highlighted. The text is untrusted: it is cut into DOM text nodes, never
// parsed as markup.

import { eventsLink, externalLink, h, setContent } from "./dom.js";

export const LAYERS = [
  ["entity", "Entities"],
  ["place", "Places"],
  ["time", "Times"],
  ["quote", "Quotes"],
  ["quantity", "Quantities"],
  ["trigger", "Event triggers"],
  ["evidence", "Evidence"],
];

// Entity kinds that can be event actors: their list entries link to the events they took part in.
const ACTOR_KINDS = new Set(["person", "organisation", "armed_group", "government"]);

const slug = (value) => String(value || "other").toLowerCase().replace(/[^a-z0-9]+/g, "_");

/** Every highlight of an article as {start, end, layer, cls, label, key, eventId}. */
export function annotationsOf(a) {
  const out = [];
  const add = (start, end, layer, extra) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) out.push({ start, end, layer, ...extra });
  };
  for (const e of a.entities || []) add(e.start, e.end, "entity", { cls: `hl-entity k-${slug(e.kind)}`, label: `${e.kind}: ${e.name}`, key: `entity:${e.name}` });
  for (const p of a.places || []) add(p.start, p.end, "place", { cls: "hl-place", label: `place: ${p.name}${p.country ? `, ${p.country}` : ""}`, key: `place:${p.name}` });
  for (const t of a.times || []) add(t.start, t.end, "time", { cls: "hl-time", label: `time: ${t.value}${t.date ? ` (${t.date})` : ""}`, key: `time:${t.start}` });
  for (const q of a.quotes || []) {
    add(q.start, q.end, "quote", { cls: "hl-quote", label: `quote (${q.kind}) by ${q.speaker_name || q.speaker || "unknown"}`, key: `quote:${q.start}` });
    add(q.speaker_start, q.speaker_end, "quote", { cls: "hl-speaker", label: `speaker: ${q.speaker_name || q.speaker}`, key: `quote:${q.start}` });
    add(q.cue_start, q.cue_end, "quote", { cls: "hl-cue", label: `cue: ${q.cue}`, key: `quote:${q.start}` });
  }
  for (const q of a.quantities || []) add(q.start, q.end, "quantity", { cls: "hl-quantity", label: `quantity: ${q.value} ${q.unit || ""}`, key: `quantity:${q.start}` });
  for (const ev of a.events || []) {
    for (const r of ev.reports || []) {
      add(r.trigger_start, r.trigger_end, "trigger", { cls: "hl-trigger", label: `event: ${ev.event_type} · ${ev.sub_event_type}`, key: `event:${ev.id}`, eventId: ev.id });
    }
    for (const e of ev.evidence || []) {
      add(e.start, e.end, "evidence", { cls: "hl-evidence", label: `evidence of ${ev.event_type} · ${ev.sub_event_type}`, key: `event:${ev.id}`, eventId: ev.id });
    }
  }
  return out;
}

/** Cut the text at every annotation boundary; each piece lists the annotations covering it. */
export function segments(text, annotations) {
  const cuts = new Set([0, text.length]);
  for (const a of annotations) {
    cuts.add(Math.max(0, Math.min(text.length, a.start)));
    cuts.add(Math.max(0, Math.min(text.length, a.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    out.push({ start: s, end: e, covering: annotations.filter((a) => a.start <= s && a.end >= e) });
  }
  return out;
}

/** The text as nodes: plain text nodes, or spans carrying classes for what covers them. */
function renderText(text, annotations, onPick) {
  const body = h("div", { class: "article-text", id: "article-text" });
  for (const seg of segments(text, annotations)) {
    const piece = text.slice(seg.start, seg.end);
    if (seg.covering.length === 0) {
      body.append(document.createTextNode(piece));
      continue;
    }
    const classes = new Set(["hl"]);
    for (const a of seg.covering) for (const c of a.cls.split(" ")) classes.add(c);
    const span = h("span", { class: [...classes].join(" "), title: seg.covering.map((a) => a.label).join("\n") }, piece);
    span.dataset.keys = seg.covering.map((a) => a.key).join("|");
    const eventIds = [...new Set(seg.covering.map((a) => a.eventId).filter(Boolean))];
    if (eventIds.length) span.dataset.eventIds = eventIds.join(" ");
    span.addEventListener("click", () => onPick(seg.covering));
    body.append(span);
  }
  return body;
}

/** Mark every piece of text belonging to an annotation key (an entity name, an event, ...). */
function focusKey(body, key) {
  for (const el of body.querySelectorAll(".hl-focus")) el.classList.remove("hl-focus");
  if (!key) return;
  let first = null;
  for (const el of body.querySelectorAll("span.hl")) {
    if ((el.dataset.keys || "").split("|").includes(key)) {
      el.classList.add("hl-focus");
      first = first || el;
    }
  }
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

/** A titled list for the side panel. */
function section(title, items) {
  if (!items.length) return null;
  return h("section", { class: "ann-section" }, h("h3", {}, `${title} (${items.length})`), h("ul", { class: "ann-list" }, items));
}

/** Render an article and its annotations into the body and side panels. */
export function drawArticle(bodyEl, sideEl, a) {
  const annotations = annotationsOf(a);
  const info = h("div", { class: "pick-info", id: "pick-info" }, h("p", { class: "muted" }, "Click highlighted text to see what it is."));
  let textEl = null;
  const pick = (covering) => {
    setContent(info, h("ul", {}, covering.map((c) => h("li", {}, c.label,
      c.eventId ? [" — ", h("a", { href: `#/event/${encodeURIComponent(c.eventId)}` }, "on the map")] : null))));
    const k = covering.find((c) => c.eventId) || covering[0];
    if (k) focusKey(textEl, k.key);
  };
  textEl = renderText(a.text || "", annotations, pick);

  const meta = [a.source, a.published].filter(Boolean).join(" · ");
  setContent(bodyEl,
    h("p", { class: "crumbs" }, h("a", { href: "#/articles" }, "← Articles")),
    a.title
      ? h("h2", { id: "article-title" }, a.title)
      : h("h2", { id: "article-title", class: "untitled" }, `${(a.text || "").slice(0, 90).split("\n")[0]}…`),
    h("p", { class: "muted small" }, meta, a.url ? [" · ", externalLink(a.url, "original")] : null, ` · id ${a.id}`),
    textEl);

  const toggles = h("div", { class: "layers" }, LAYERS.map(([layer, label]) => {
    const box = h("input", { type: "checkbox", checked: "", dataset: { layer } });
    box.addEventListener("change", () => textEl.classList.toggle(`hide-${layer}`, !box.checked));
    return h("label", { class: `layer l-${layer}` }, box, ` ${label}`);
  }));

  const entities = new Map();
  for (const e of a.entities || []) {
    const item = entities.get(e.name) || { name: e.name, kind: e.kind, n: 0 };
    item.n += 1;
    entities.set(e.name, item);
  }
  const places = new Map();
  for (const p of a.places || []) {
    const item = places.get(p.name) || { ...p, n: 0 };
    item.n += 1;
    places.set(p.name, item);
  }
  const keyLink = (key, ...label) => h("button", { type: "button", class: "link", onclick: () => focusKey(textEl, key) }, ...label);

  setContent(sideEl,
    h("h3", {}, "Highlights"),
    toggles,
    info,
    section("Events", (a.events || []).map((ev) => h("li", { dataset: { eventId: ev.id } },
      keyLink(`event:${ev.id}`, `${ev.event_type} · ${ev.sub_event_type}`),
      h("div", { class: "small muted" }, [ev.event_date, ev.location, ev.modality].filter(Boolean).join(" · ")),
      h("a", { href: `#/event/${encodeURIComponent(ev.id)}`, class: "small" }, "on the map →")))),
    section("Entities", [...entities.values()].map((e) => h("li", {},
      keyLink(`entity:${e.name}`, h("span", { class: `chip k-${slug(e.kind)}` }, e.kind), " ", e.name, e.n > 1 ? ` ×${e.n}` : ""),
      ACTOR_KINDS.has(e.kind) ? [" ", eventsLink({ actor: e.name }, "events →")] : null))),
    section("Places", [...places.values()].map((p) => h("li", {},
      keyLink(`place:${p.name}`, p.name, p.n > 1 ? ` ×${p.n}` : ""),
      h("span", { class: "small muted" }, ` ${[p.admin1, p.country].filter(Boolean).join(", ")}`)))),
    section("Quotes", (a.quotes || []).map((q) => h("li", {},
      keyLink(`quote:${q.start}`, h("strong", {}, q.speaker_name || q.speaker || "unknown"), `: “${q.content}”`)))),
    section("Times", (a.times || []).map((t) => h("li", {},
      keyLink(`time:${t.start}`, t.text), h("span", { class: "small muted" }, ` → ${t.value}`)))),
    section("Quantities", (a.quantities || []).map((q) => h("li", {},
      keyLink(`quantity:${q.start}`, q.text), h("span", { class: "small muted" }, ` = ${q.value} ${q.unit || ""}`)))),
    section("Copies read", (a.mentions || []).map((m) => h("li", {},
      externalLink(m.url, m.source || m.url || "copy"), h("span", { class: "small muted" }, ` ${m.published || ""}${m.canonical ? " (annotated copy)" : ""}`)))),
    section("Related links (taken out of the body)", (a.related || []).map((r) => h("li", {}, externalLink(r.url, r.text)))));
}

// The event detail panel: fields, evidence sentences (linked to their article) and sources.

import { typeColor } from "./colors.js";
import { eventsLink, externalLink, fmtNum, h, setContent } from "./dom.js";

/** A definition-list row, left out when the value is empty. */
function row(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return [h("dt", {}, label), h("dd", {}, value)];
}

/** Render one event into the panel. */
export function drawEvent(panel, ev) {
  const swatch = h("span", { class: "swatch" });
  swatch.style.backgroundColor = typeColor(ev.event_type);
  const actors = (a, t) => (a ? (t && t !== a ? `${a} (“${t}”)` : a) : null);
  const assoc = (ev.assoc_actors || []).map((a) => a.name).join(", ");
  const where = [ev.location, ev.admin1 && ev.admin1 !== ev.location ? ev.admin1 : null, ev.country]
    .filter(Boolean).join(", ");
  const when = ev.end_date && ev.end_date !== ev.event_date ? `${ev.event_date} – ${ev.end_date}` : ev.event_date;
  setContent(panel,
    h("div", { class: "panel-head" },
      h("h2", { id: "detail-title" }, swatch, `${ev.event_type} · ${ev.sub_event_type}`),
      h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => { location.hash = "#/"; } }, "×")),
    ev.aggregate ? h("p", { class: "note" }, "A summary claim covering several happenings, not one event.") : null,
    h("dl", { class: "fields" },
      row("Date", when ? `${when}${ev.time_precision && ev.time_precision !== "day" ? ` (${ev.time_precision})` : ""}` : "unknown"),
      row("Where", where ? [`${where}${ev.geo_precision ? ` (${ev.geo_precision})` : ""} `,
        ev.location ? eventsLink({ place: ev.location }, "all events here →") : null] : null),
      row("Coordinates", ev.lat !== null && ev.lat !== undefined ? `${fmtNum(ev.lat, 3)}, ${fmtNum(ev.lon, 3)}` : null),
      row("Actor 1", ev.actor1 ? [actors(ev.actor1, ev.actor1_text), " ", eventsLink({ actor: ev.actor1 }, "events →")] : null),
      row("Actor 2", ev.actor2 ? [actors(ev.actor2, ev.actor2_text), " ", eventsLink({ actor: ev.actor2 }, "events →")] : null),
      row("Associated", assoc),
      row("Trigger", ev.trigger),
      row("Modality", ev.modality),
      row("Fatalities", ev.fatalities),
      row("Confidence", fmtNum(ev.confidence)),
      row("PLOVER", [ev.plover_event, ev.plover_mode, ev.plover_context].filter(Boolean).join(" / ")),
      row("Sources", String(ev.n_sources)),
      row("Id", ev.id)),
    h("h3", {}, "Evidence"),
    (ev.evidence || []).length
      ? h("ul", { class: "evidence" }, ev.evidence.map((e) => h("li", {},
        h("blockquote", {}, e.text),
        h("a", { href: `#/article/${encodeURIComponent(e.article_id)}`, class: "small" }, "Read in the article →"))))
      : h("p", { class: "muted" }, "No evidence sentence stored."),
    h("h3", {}, "Sources"),
    (ev.sources || []).length
      ? h("ul", { class: "sources" }, ev.sources.map(drawSource))
      : h("p", { class: "muted" }, "No source article stored."));
}

/** One source article: outlet, title, date, the original page and the annotated article view. */
function drawSource(s) {
  const copies = (s.mentions || []).filter((m) => !m.canonical && m.url);
  return h("li", { dataset: { articleId: s.article_id } },
    h("div", { class: "source-head" },
      h("strong", { class: "source-outlet" }, s.source || "Unknown outlet"),
      h("span", { class: "small muted source-date" }, s.published ? ` · ${s.published}` : " · date unknown")),
    h("div", { class: "source-title" }, s.title || h("span", { class: "muted" }, "Untitled article")),
    h("div", { class: "small source-links" },
      s.url ? [externalLink(s.url, "Original ↗"), " · "] : h("span", { class: "muted" }, "no address · "),
      h("a", { href: `#/article/${encodeURIComponent(s.article_id)}`, class: "source-view" }, "Article view →")),
    copies.length
      ? h("div", { class: "small muted" }, `Also read as: `,
        copies.map((m, i) => [i ? ", " : "", externalLink(m.url, m.source || `copy ${i + 1}`)]))
      : null);
}

// The event table: one page of the filtered events, sortable by column.

import { typeColor } from "./colors.js";
import { fmtNum, h, setContent } from "./dom.js";

export const PAGE_SIZE = 25;

const COLUMNS = [
  ["event_date", "Date"],
  ["event_type", "Type"],
  ["sub_event_type", "Sub-type"],
  ["actor1", "Actor 1"],
  ["actor2", "Actor 2"],
  ["location", "Place"],
  ["country", "Country"],
  ["modality", "Modality"],
  ["confidence", "Conf."],
  ["fatalities", "Fatal."],
  ["n_sources", "Sources"],
];

/** Draw the header with sort arrows; onSort(sortKey) when a header is clicked. */
export function drawHeader(table, sort, onSort) {
  const row = table.querySelector("thead tr");
  const current = sort || "-event_date";
  setContent(row, COLUMNS.map(([key, label]) => {
    const active = current.replace(/^-/, "") === key;
    const desc = current.startsWith("-");
    const next = active && desc ? key : `-${key}`;
    const arrow = active ? (desc ? " ▼" : " ▲") : "";
    return h("th", { scope: "col", "aria-sort": active ? (desc ? "descending" : "ascending") : null },
      h("button", { type: "button", class: "sort", dataset: { sort: key }, onclick: () => onSort(next) },
        label + arrow));
  }));
}

/** Draw the rows; onOpen(id) when a row is clicked. */
export function drawRows(table, rows, selectedId, onOpen) {
  const body = table.querySelector("tbody");
  if (rows.length === 0) {
    setContent(body, h("tr", {}, h("td", { colspan: COLUMNS.length, class: "muted" }, "No events match the filters.")));
    return;
  }
  setContent(body, rows.map((r) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.backgroundColor = typeColor(r.event_type);
    const tr = h("tr", {
      dataset: { eventId: r.id }, tabindex: 0,
      class: [r.id === selectedId ? "selected" : "", r.aggregate ? "aggregate" : ""].join(" ").trim() || null,
      onclick: () => onOpen(r.id),
      onkeydown: (e) => { if (e.key === "Enter") onOpen(r.id); },
    },
    h("td", { class: "nowrap" }, r.event_date || "?"),
    h("td", {}, swatch, r.event_type),
    h("td", {}, r.sub_event_type),
    h("td", {}, r.actor1 || ""),
    h("td", {}, r.actor2 || ""),
    h("td", {}, r.location || ""),
    h("td", {}, r.country || ""),
    h("td", {}, r.modality),
    h("td", { class: "num" }, fmtNum(r.confidence)),
    h("td", { class: "num" }, r.fatalities ?? ""),
    h("td", { class: "num" }, r.n_sources));
    return tr;
  }));
}

/** Draw "x–y of n" with previous/next buttons; onPage(page) to move. */
export function drawPager(el, page, count, onPage) {
  const first = count === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(count, (page + 1) * PAGE_SIZE);
  setContent(el,
    h("button", { type: "button", disabled: page <= 0 ? "" : null, onclick: () => onPage(page - 1) }, "← Previous"),
    h("span", { class: "count", id: "event-count" }, `${first}–${last} of ${count} events`),
    h("button", { type: "button", disabled: last >= count ? "" : null, onclick: () => onPage(page + 1) }, "Next →"));
}

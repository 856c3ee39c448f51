// The article list: full-text search with the matched words marked (by offsets, as text nodes).

import { h, setContent } from "./dom.js";

export const ARTICLE_PAGE = 20;

/** A snippet with <mark> around the matched spans, built from text nodes. */
function snippet(text, marks) {
  const out = h("p", { class: "snippet" });
  let pos = 0;
  for (const [s, e] of marks || []) {
    if (s < pos) continue;
    out.append(document.createTextNode(text.slice(pos, s)), h("mark", {}, text.slice(s, e)));
    pos = e;
  }
  out.append(document.createTextNode(text.slice(pos)));
  return out;
}

/** Draw one page of hits into the list. */
export function drawHits(list, hits) {
  if (hits.length === 0) {
    setContent(list, h("li", { class: "muted" }, "No article matches."));
    return;
  }
  setContent(list, hits.map((a) => h("li", { dataset: { articleId: a.id } },
    h("a", { href: `#/article/${encodeURIComponent(a.id)}`, class: "hit-title" }, a.title || a.id),
    h("div", { class: "small muted" },
      [a.source, a.published, `${a.n_events} events`, a.n_mentions > 1 ? `${a.n_mentions} copies` : null]
        .filter(Boolean).join(" · ")),
    snippet(a.snippet || "", a.snippet_marks))));
}

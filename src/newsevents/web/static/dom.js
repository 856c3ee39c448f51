// Building DOM from data without ever parsing it as HTML: every string becomes a text node.

/** Create an element; strings and numbers among the children become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "href") {
      const safe = safeHref(value);
      if (safe) el.setAttribute("href", safe);
    } else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Append children (nested arrays allowed) as nodes or text. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace an element's content. */
export function setContent(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** An href that is a local route or an http(s) URL; anything else (javascript:, data:) is null. */
export function safeHref(value) {
  if (typeof value !== "string" || value === "") return null;
  if (value.startsWith("#") || value.startsWith("/")) return value.startsWith("//") ? null : value;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to an outside page, or plain text when the URL is not http(s). */
export function externalLink(url, label) {
  const safe = safeHref(url);
  if (!safe || !/^https?:/.test(safe)) return h("span", { class: "muted" }, label || url || "");
  return h("a", { href: safe, target: "_blank", rel: "noopener noreferrer" }, label || safe);
}

/** Format a number with a fixed count of decimals, or an empty string. */
export function fmtNum(value, digits = 2) {
  return value === null || value === undefined ? "" : Number(value).toFixed(digits);
}

/** A link to the events view filtered by these parameters (values are URL-encoded). */
export function eventsLink(params, label) {
  const query = new URLSearchParams(params).toString();
  return h("a", { href: `/?${query}#/`, class: "small filter-link" }, label);
}

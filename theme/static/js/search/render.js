// Building result markup from index data. Everything shown comes from the
// index, which editors wrote: it goes in as text nodes (textContent), never
// as HTML, so a title with "<script>" shows as text.
import { fold, wordsAt } from "./text.js";
import { text } from "../strings.js";

const SNIPPET_BEFORE = 60;
const SNIPPET_AFTER = 160;

/** Does a word match the query? Exact folded word, or the typed prefix. */
export function matcher(highlight) {
  return (word) => {
    const folded = fold(word);
    return highlight.words.has(folded) || highlight.prefix.some((p) => folded.startsWith(p));
  };
}

/** ``text`` with the words that match wrapped in <mark>. */
export function highlighted(text, isMatch) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const { word, start, end } of wordsAt(text)) {
    if (!isMatch(word)) continue;
    fragment.append(text.slice(at, start));
    const mark = document.createElement("mark");
    mark.textContent = word;
    fragment.append(mark);
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

/** A piece of ``text`` around its first matching word, cut at spaces. */
export function snippet(text, isMatch) {
  const first = wordsAt(text).find(({ word }) => isMatch(word));
  if (!first) return null;
  let start = Math.max(0, first.start - SNIPPET_BEFORE);
  let end = Math.min(text.length, first.end + SNIPPET_AFTER);
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(" ", end) > first.end ? text.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/** The date and category line of a result. A legal document (the only kind
 * with a code number) says so instead of its category, "Văn bản", in the
 * page's words: data-text-document of ``labels``, the results' holder. */
export function metaLine(doc, labels) {
  const line = element("p", "search-result-meta");
  const time = element("time", null, doc.date);
  time.dateTime = doc.iso;
  if (doc.number) {
    const kind = text(labels, "document", "Văn bản số {number}", { number: doc.number });
    line.append(element("span", "search-result-number", kind), " | ", time);
  } else {
    line.append(time, " | ", doc.category);
  }
  return line;
}

export function thumbnail(doc, root) {
  if (!doc.thumb || !doc.thumb.url) return null;
  const img = element("img", "search-result-thumb");
  img.src = absolute(doc.thumb.url, root);
  img.alt = "";
  if (doc.thumb.width) img.width = doc.thumb.width;
  if (doc.thumb.height) img.height = doc.thumb.height;
  img.loading = "lazy";
  img.decoding = "async";
  return img;
}

/** Site URLs in the index are relative to the site root, like Pelican's. */
export function absolute(url, root) {
  return /^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith("/") ? url : root + url;
}

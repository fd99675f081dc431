// The words scripts show, in the page's language. Templates write them,
// translated through the theme's catalogue, as data-text-* attributes of the
// component they belong to (the search box, the share buttons…, or <body> for
// the lightbox), so a script needs no catalogue of its own and no inline
// script. Each call names its Vietnamese text too: a template that lacks an
// attribute still gives a readable page.

const language = () => document.documentElement.lang || "vi";

// "no-results" → dataset key "textNoResults" (data-text-no-results).
const key = (name) => `text-${name}`.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

// "{name}" placeholders, filled in one pass: a value holding "{…}" (a query
// the reader typed) stays as it is.
const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

/** data-text-<name> of ``holder`` (else ``fallback``), placeholders filled. */
export function text(holder, name, fallback, values = {}) {
  return fill(holder?.dataset[key(name)] ?? fallback, values);
}

/** A text about ``count`` things: data-text-<name>-one for exactly one,
 * -other for any other count (the templates write them with ngettext(…, 1)
 * and ngettext(…, 2): the rule of both the theme's languages); {count} is
 * written the page language's way (1.234 in Vietnamese, 1,234 in English). */
export function counted(holder, name, count, fallback, values = {}) {
  const data = holder?.dataset ?? {};
  const form = count === 1 ? "one" : "other";
  const template = data[key(`${name}-${form}`)] ?? data[key(`${name}-other`)] ?? fallback;
  return fill(template, { ...values, count: new Intl.NumberFormat(language()).format(count) });
}

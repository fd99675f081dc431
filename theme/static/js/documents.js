// Filters of the "Văn bản" list that combine (type + issuer + year) without
// reloading. Without JavaScript the pre-built pages of each filter work alone.
import { counted } from "./strings.js";

const form = document.querySelector(".document-filter-form");
const rows = Array.from(document.querySelectorAll("table.documents tbody tr"));

function apply() {
  const wanted = Object.fromEntries(new FormData(form));
  let shown = 0;
  for (const row of rows) {
    const match = Object.entries(wanted).every(
      ([name, value]) => !value || row.dataset[camel(name)] === value,
    );
    row.hidden = !match;
    if (match) shown += 1;
  }
  // "2 văn bản": the words are the form's data-text-count-*, in the page's language.
  const status = form.querySelector(".filter-status");
  status.textContent = counted(form, "count", shown, "{count} văn bản");
}

function camel(name) {
  return name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
}

if (form && rows.length) {
  form.hidden = false;
  form.addEventListener("change", apply);
}

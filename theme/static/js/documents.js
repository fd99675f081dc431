// Filters of the "Văn bản" list that combine (type + issuer + year) without
// reloading. Without JavaScript the pre-built pages of each filter work alone.

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
  form.querySelector(".filter-status").textContent = `${shown} văn bản`;
}

function camel(name) {
  return name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
}

if (form && rows.length) {
  form.hidden = false;
  form.addEventListener("change", apply);
}

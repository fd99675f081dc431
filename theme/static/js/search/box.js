// Results as you type in the header's search box. Loads nothing until the
// reader types: the query engine (and with it the index) is imported on the
// first keystroke that needs it. Enter without a chosen result submits the
// form as usual, to the results page.
import { element, highlighted, matcher, metaLine, absolute } from "./render.js";
import { counted, text } from "../strings.js";

const PAUSE_MS = 250;
const MIN_LETTERS = 2;
const SHOWN = 6;

/** The header box on every page; on /tim-kiem/ also the results. */
export function enableSearch(doc) {
  // The results page's code loads only on the results page.
  if (doc.getElementById("ket-qua-tim-kiem")) import("./page.js");
  const form = doc.querySelector("form.search-box[data-index]");
  const input = form?.querySelector("input[name=q]");
  if (!input) return;
  const panel = element("div", "search-suggest");
  panel.hidden = true;
  const list = element("ul", "search-suggest-list");
  list.id = "goi-y-tim-kiem";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", text(form, "suggestions", "Gợi ý kết quả"));
  const note = element("p", "search-suggest-note");
  const status = element("p", "visually-hidden");
  status.setAttribute("role", "status");
  panel.append(list, note);
  form.append(panel, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let timer = 0;
  let asked = 0;
  let active = -1;
  const options = () => Array.from(list.children);

  const close = () => {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const choose = (i) => {
    const all = options();
    all.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", all[i].id);
      all[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const run = async () => {
    const query = input.value.trim();
    if (query === panel.dataset.query && !panel.hidden) return; // keep the choice
    const ticket = ++asked;
    const { openIndex } = await import("./engine.js");
    const index = openIndex(form.dataset.index);
    const result = await index.search(query, { prefix: true });
    const docs = await Promise.all(result.ids.slice(0, SHOWN).map((id) => index.document(id)));
    if (ticket !== asked) return; // the reader typed on meanwhile
    const isMatch = matcher(result.highlight);
    list.replaceChildren(
      ...docs.map((found, i) => {
        const option = element("li", "search-suggest-option");
        option.id = `goi-y-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.href = absolute(found.url, form.dataset.root);
        const title = element("span", "search-suggest-title");
        title.append(highlighted(found.title, isMatch));
        option.append(title, metaLine(found, form));
        return option;
      }),
    );
    active = -1;
    const count = result.match === "all" ? result.total : 0;
    // The words come from the page (data-text-* of the form, in its language).
    note.textContent = count
      ? counted(form, "suggest-count", count, "{count} kết quả. Nhấn Enter để xem tất cả.")
      : text(
          form,
          "suggest-none",
          "Chưa có kết quả nào có đủ các từ này. Nhấn Enter để tìm trên trang kết quả.",
        );
    status.textContent = count
      ? counted(form, "suggest-status", count, "{count} gợi ý")
      : text(form, "suggest-status-none", "Không có gợi ý");
    panel.dataset.query = query;
    panel.hidden = false;
    input.setAttribute("aria-expanded", String(docs.length > 0));
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (input.value.trim().length < MIN_LETTERS) {
      asked += 1;
      close();
      return;
    }
    // The pause is for the reader, not the network: the engine, the manifest
    // and the shards of the words typed so far start loading now.
    import("./engine.js")
      .then(({ openIndex }) => openIndex(form.dataset.index).prefetch(input.value))
      .catch(() => {});
    timer = setTimeout(() => run().catch(close), PAUSE_MS);
  });
  input.addEventListener("keydown", (event) => {
    const all = panel.hidden ? [] : options();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      choose((active + 1) % all.length);
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      choose(active <= 0 ? all.length - 1 : active - 1);
    } else if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && active >= 0 && all[active]) {
      event.preventDefault();
      doc.location.assign(all[active].dataset.href);
    }
  });
  // A click on a suggestion must not blur the box first.
  panel.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) doc.location.assign(option.dataset.href);
  });
  input.addEventListener("blur", close);
}

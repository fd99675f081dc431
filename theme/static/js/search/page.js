// The results page, /tim-kiem/?q=…&chuyen-muc=…&nam=…&trang=…: the URL holds
// the whole search, so it can be shared, bookmarked and reloaded.
import { openIndex } from "./engine.js";
import {
  element,
  highlighted,
  matcher,
  metaLine,
  snippet,
  thumbnail,
  absolute,
} from "./render.js";
import { counted, text } from "../strings.js";

const PER_PAGE = 10;

export async function startSearchPage(doc) {
  const box = doc.getElementById("ket-qua-tim-kiem");
  if (!box) return;
  const params = new URLSearchParams(doc.location.search);
  const query = (params.get("q") || "").trim();
  const category = params.get("chuyen-muc") || null;
  const year = Number.parseInt(params.get("nam") || "", 10) || null;
  const wanted = Math.max(1, Number.parseInt(params.get("trang") || "", 10) || 1);
  const input = doc.getElementById("tu-khoa");
  if (input) input.value = query;
  const status = element("p", "search-status");
  status.setAttribute("role", "status");
  box.append(status);
  if (!query) return;

  const index = openIndex(box.dataset.index);
  const root = box.dataset.root;
  // The words shown are the page's: data-text-* of the box, in its language.
  status.textContent = text(box, "searching", "Đang tìm…");
  let result;
  let manifest;
  try {
    manifest = await index.open();
    result = await index.search(query, { category, year });
  } catch (error) {
    status.textContent = text(
      box,
      "load-failed",
      "Không tải được dữ liệu tìm kiếm. Hãy tải lại trang, hoặc xem tin theo chuyên mục bên dưới.",
    );
    throw error;
  }
  box.append(filters(box, manifest, { query, category, year }));
  const pages = Math.max(1, Math.ceil(result.total / PER_PAGE));
  const page = Math.min(wanted, pages);
  status.textContent = message(box, result, query, { category, year, page, pages });
  if (result.total === 0) return;

  const ids = result.ids.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const [docs, texts] = await Promise.all([
    Promise.all(ids.map((id) => index.document(id))),
    Promise.all(ids.map((id) => index.text(id).catch(() => ""))),
  ]);
  const isMatch = matcher(result.highlight);
  const list = element("ol", "search-result-list");
  list.start = (page - 1) * PER_PAGE + 1;
  docs.forEach((found, i) => list.append(resultItem(box, found, texts[i], isMatch, root)));
  box.append(list);
  if (pages > 1) box.append(pagination(box, params, page, pages));
  doc.querySelector(".search-help")?.setAttribute("hidden", "");
}

// Results are articles and legal documents: the counts say "kết quả", and
// each result's meta line says which it is (render.js metaLine).
function message(box, result, query, { category, year, page, pages }) {
  const where = [
    category && text(box, "in-category", "trong chuyên mục “{category}”", { category }),
    year && text(box, "in-year", "năm {year}", { year }),
  ]
    .filter(Boolean)
    .join(", ");
  const values = { query, scope: where ? ` ${where}` : "" };
  const onPage =
    pages > 1 ? ` ${text(box, "page-of", "Trang {page}/{pages}.", { page, pages })}` : "";
  if (result.match === "all") {
    const found = counted(
      box,
      "found",
      result.total,
      "Tìm thấy {count} kết quả có “{query}”{scope}.",
      values,
    );
    return found + onPage;
  }
  if (result.match === "some") {
    const notAll = text(
      box,
      "not-all",
      "Không có kết quả nào có đủ mọi từ của “{query}”{scope}.",
      values,
    );
    const some = counted(
      box,
      "some",
      result.total,
      "Dưới đây là {count} kết quả có một phần các từ đó, kết quả có nhiều từ hơn xếp trước.",
    );
    return `${notAll} ${some}${onPage}`;
  }
  const none = text(box, "none", "Không tìm thấy kết quả nào có “{query}”{scope}.", values);
  const tips = where
    ? text(
        box,
        "tips-filtered",
        "Hãy thử gõ ít từ hơn, kiểm tra chính tả, bỏ dấu ngoặc kép, bỏ bộ lọc, hoặc xem tin theo chuyên mục.",
      )
    : text(
        box,
        "tips",
        "Hãy thử gõ ít từ hơn, kiểm tra chính tả, bỏ dấu ngoặc kép, hoặc xem tin theo chuyên mục.",
      );
  return `${none} ${tips}`;
}

function resultItem(box, found, body, isMatch, root) {
  const item = element("li", "search-result");
  const thumb = thumbnail(found, root);
  if (thumb) item.append(thumb);
  const heading = element("h2", "search-result-title");
  const link = element("a");
  link.href = absolute(found.url, root);
  link.append(highlighted(found.title, isMatch));
  heading.append(link);
  const excerpt = element("p", "search-result-snippet");
  excerpt.append(highlighted(snippet(body, isMatch) || found.summary, isMatch));
  item.append(heading, metaLine(found, box), excerpt);
  return item;
}

function filters(box, manifest, { query, category, year }) {
  const form = element("form", "search-filters");
  form.method = "get";
  form.setAttribute("aria-label", text(box, "filter", "Lọc kết quả"));
  const q = element("input");
  q.type = "hidden";
  q.name = "q";
  q.value = query;
  form.append(
    q,
    select(
      "loc-chuyen-muc",
      "chuyen-muc",
      text(box, "category", "Chuyên mục"),
      text(box, "all-categories", "Tất cả chuyên mục"),
      manifest.categories,
      category,
    ),
    select(
      "loc-nam",
      "nam",
      text(box, "year", "Năm"),
      text(box, "all-years", "Tất cả các năm"),
      manifest.years.map((y) => String(y[0])),
      year == null ? null : String(year),
    ),
    element("button", null, text(box, "filter-button", "Lọc")),
  );
  return form;
}

function select(id, name, label, all, values, chosen) {
  const wrap = element("span", "search-filter");
  const labelNode = element("label", null, label);
  labelNode.htmlFor = id;
  const field = element("select");
  field.id = id;
  field.name = name;
  field.append(new Option(all, ""));
  for (const value of values) field.append(new Option(value, value, false, value === chosen));
  wrap.append(labelNode, field);
  return wrap;
}

function pagination(box, params, page, pages) {
  const nav = element("nav", "pagination");
  nav.setAttribute("aria-label", text(box, "pages", "Các trang kết quả"));
  const link = (number, label) => {
    const next = new URLSearchParams(params);
    next.set("trang", String(number));
    const a = element("a", null, label);
    a.href = `?${next}`;
    return a;
  };
  if (page > 1) nav.append(link(page - 1, text(box, "previous-page", "‹ Trang trước")));
  const first = Math.max(1, page - 2);
  for (let n = first; n <= Math.min(pages, first + 4); n += 1) {
    if (n === page) {
      const current = element("span", "current", String(n));
      current.setAttribute("aria-current", "page");
      nav.append(current);
    } else {
      nav.append(link(n, String(n)));
    }
  }
  if (page < pages) nav.append(link(page + 1, text(box, "next-page", "Trang sau ›")));
  return nav;
}

startSearchPage(document);

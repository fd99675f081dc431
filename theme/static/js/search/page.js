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
  status.textContent = "Đang tìm…";
  let result;
  let manifest;
  try {
    manifest = await index.open();
    result = await index.search(query, { category, year });
  } catch (error) {
    status.textContent =
      "Không tải được dữ liệu tìm kiếm. Hãy tải lại trang, hoặc xem tin theo chuyên mục bên dưới.";
    throw error;
  }
  box.append(filters(manifest, { query, category, year }));
  const pages = Math.max(1, Math.ceil(result.total / PER_PAGE));
  const page = Math.min(wanted, pages);
  status.textContent = message(result, query, { category, year, page, pages });
  if (result.total === 0) return;

  const ids = result.ids.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const [docs, texts] = await Promise.all([
    Promise.all(ids.map((id) => index.document(id))),
    Promise.all(ids.map((id) => index.text(id).catch(() => ""))),
  ]);
  const isMatch = matcher(result.highlight);
  const list = element("ol", "search-result-list");
  list.start = (page - 1) * PER_PAGE + 1;
  docs.forEach((found, i) => list.append(resultItem(found, texts[i], isMatch, root)));
  box.append(list);
  if (pages > 1) box.append(pagination(params, page, pages));
  doc.querySelector(".search-help")?.setAttribute("hidden", "");
}

function message(result, query, { category, year, page, pages }) {
  const where = [category && `trong chuyên mục “${category}”`, year && `năm ${year}`]
    .filter(Boolean)
    .join(", ");
  const scope = where ? ` ${where}` : "";
  const onPage = pages > 1 ? ` Trang ${page}/${pages}.` : "";
  if (result.match === "all") {
    return `Tìm thấy ${result.total} bài viết có “${query}”${scope}.${onPage}`;
  }
  if (result.match === "some") {
    return (
      `Không có bài viết nào có đủ mọi từ của “${query}”${scope}. ` +
      `Dưới đây là ${result.total} bài có một phần các từ đó, bài có nhiều từ hơn xếp trước.${onPage}`
    );
  }
  return (
    `Không tìm thấy bài viết nào có “${query}”${scope}. ` +
    "Hãy thử gõ ít từ hơn, kiểm tra chính tả, bỏ dấu ngoặc kép" +
    (where ? ", bỏ bộ lọc" : "") +
    ", hoặc xem tin theo chuyên mục."
  );
}

function resultItem(found, text, isMatch, root) {
  const item = element("li", "search-result");
  const thumb = thumbnail(found, root);
  if (thumb) item.append(thumb);
  const heading = element("h2", "search-result-title");
  const link = element("a");
  link.href = absolute(found.url, root);
  link.append(highlighted(found.title, isMatch));
  heading.append(link);
  const excerpt = element("p", "search-result-snippet");
  excerpt.append(highlighted(snippet(text, isMatch) || found.summary, isMatch));
  item.append(heading, metaLine(found), excerpt);
  return item;
}

function filters(manifest, { query, category, year }) {
  const form = element("form", "search-filters");
  form.method = "get";
  form.setAttribute("aria-label", "Lọc kết quả");
  const q = element("input");
  q.type = "hidden";
  q.name = "q";
  q.value = query;
  form.append(
    q,
    select("loc-chuyen-muc", "chuyen-muc", "Chuyên mục", "Tất cả chuyên mục", manifest.categories, category),
    select(
      "loc-nam",
      "nam",
      "Năm",
      "Tất cả các năm",
      manifest.years.map((y) => String(y[0])),
      year == null ? null : String(year),
    ),
    element("button", null, "Lọc"),
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

function pagination(params, page, pages) {
  const nav = element("nav", "pagination");
  nav.setAttribute("aria-label", "Các trang kết quả");
  const link = (number, text) => {
    const next = new URLSearchParams(params);
    next.set("trang", String(number));
    const a = element("a", null, text);
    a.href = `?${next}`;
    return a;
  };
  if (page > 1) nav.append(link(page - 1, "‹ Trang trước"));
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
  if (page < pages) nav.append(link(page + 1, "Trang sau ›"));
  return nav;
}

startSearchPage(document);

// Lightbox for album pages and galleries in articles, on the native <dialog>:
// showModal() makes the rest of the page inert (focus stays inside) and Esc
// closes it; we add arrows, swipe, the caption, a #hash per photo so a photo
// can be shared, and focus back on the thumbnail that opened it. Without
// JavaScript every thumbnail is a plain link to the large photo.

import { text } from "./strings.js";

const SWIPE = 40; // px of horizontal movement that counts as a swipe

function element(tag, attributes = {}, label = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (label) node.textContent = label;
  return node;
}

// One dialog serves every gallery of the page: its words are data-text-photo-*
// of <body>, in the page's language.
function buildDialog(words) {
  const dialog = element("dialog", {
    class: "lightbox",
    "aria-label": text(words, "photo-viewer", "Xem ảnh"),
  });
  const figure = element("figure", { class: "lightbox-figure" });
  const frame = element("div", { class: "lightbox-frame" });
  const caption = element("figcaption", { class: "lightbox-caption" });
  const counter = element("p", { class: "lightbox-counter", "aria-live": "polite" });
  const previous = element(
    "button",
    { type: "button", class: "lightbox-prev" },
    text(words, "photo-previous", "‹ Ảnh trước"),
  );
  const next = element(
    "button",
    { type: "button", class: "lightbox-next" },
    text(words, "photo-next", "Ảnh sau ›"),
  );
  const close = element(
    "button",
    { type: "button", class: "lightbox-close" },
    text(words, "photo-close", "Đóng ✕"),
  );
  figure.append(frame, caption);
  dialog.append(close, figure, counter, previous, next);
  return { dialog, frame, caption, counter, previous, next, close };
}

export function enableLightbox(root) {
  // Album pages and [album: …] galleries, and strips of photos written one per line.
  const galleries = [...root.querySelectorAll("[data-lightbox], .photo-strip")];
  if (!galleries.length || typeof HTMLDialogElement !== "function") return;
  const ui = buildDialog(document.body);
  document.body.append(ui.dialog);
  let links = [];
  let index = 0;
  let opener = null;

  function show(position) {
    index = (position + links.length) % links.length;
    const link = links[index];
    const thumbnail = link.querySelector("picture, img");
    const large = thumbnail ? thumbnail.cloneNode(true) : element("img", { alt: "" });
    for (const node of [large, ...large.querySelectorAll("source, img")]) {
      if (node.hasAttribute("sizes")) node.setAttribute("sizes", "100vw");
      node.removeAttribute("loading");
    }
    // A drag would start the browser's own drag-and-drop instead of a swipe.
    for (const image of large.querySelectorAll("img")) image.draggable = false;
    if (large.matches("img")) large.draggable = false;
    ui.frame.replaceChildren(large);
    ui.caption.textContent = link.dataset.caption || "";
    ui.counter.textContent = text(document.body, "photo-counter", "Ảnh {number}/{total}", {
      number: index + 1,
      total: links.length,
    });
    if (link.id) history.replaceState(null, "", `#${link.id}`);
  }

  function open(gallery, link) {
    links = [...gallery.querySelectorAll("a[href]")];
    opener = link;
    show(links.indexOf(link));
    ui.dialog.showModal();
    ui.close.focus();
  }

  for (const gallery of galleries) {
    gallery.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      if (!link || !gallery.contains(link) || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      open(gallery, link);
    });
  }

  ui.previous.addEventListener("click", () => show(index - 1));
  ui.next.addEventListener("click", () => show(index + 1));
  ui.close.addEventListener("click", () => ui.dialog.close());
  ui.dialog.addEventListener("click", (event) => {
    if (event.target === ui.dialog) ui.dialog.close(); // the dark backdrop
  });
  ui.dialog.addEventListener("keydown", (event) => {
    if (event.key === "ArrowLeft") show(index - 1);
    else if (event.key === "ArrowRight") show(index + 1);
    else if (event.key === "Tab") {
      // A modal dialog keeps focus off the page, but Tab would still leave
      // for the browser's own toolbar: go round the buttons instead.
      const buttons = [...ui.dialog.querySelectorAll("button")];
      const at = buttons.indexOf(document.activeElement);
      const step = event.shiftKey ? -1 : 1;
      buttons[(at + step + buttons.length) % buttons.length].focus();
    } else return;
    event.preventDefault();
  });
  ui.dialog.addEventListener("close", () => {
    history.replaceState(null, "", location.pathname + location.search);
    if (opener) opener.focus();
  });
  let startX = null;
  ui.dialog.addEventListener("pointerdown", (event) => {
    startX = event.clientX;
  });
  ui.dialog.addEventListener("pointerup", (event) => {
    if (startX === null) return;
    const moved = event.clientX - startX;
    startX = null;
    if (Math.abs(moved) >= SWIPE) show(moved < 0 ? index + 1 : index - 1);
  });

  // A shared address such as /album/ngay-hoi/#anh-bong-da opens that photo.
  const wanted = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const gallery = wanted && galleries.find((g) => g.contains(wanted));
  if (gallery && wanted.matches("a[href]")) open(gallery, wanted);
}

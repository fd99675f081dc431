// Share, copy-link and print buttons of an article. What they say comes from
// the page, in its language: data-text-* of the buttons' group (.share).
import { text } from "./strings.js";

function say(root, message) {
  const status = root.querySelector(".share-status");
  if (status) status.textContent = message;
}

function absolute(url) {
  return new URL(url, window.location.href).href;
}

async function copyLink(root, button, message) {
  const url = absolute(button.dataset.url);
  try {
    await navigator.clipboard.writeText(url);
    say(root, message);
  } catch {
    // Clipboard refused (http, old browser): show the link to copy by hand.
    say(root, text(button.closest(".share"), "link-is", "Liên kết: {url}", { url }));
  }
}

export function enableShareButtons(root) {
  for (const button of root.querySelectorAll(".copy-link")) {
    button.hidden = false;
    const copied = text(button.closest(".share"), "copied", "Đã sao chép liên kết.");
    button.addEventListener("click", () => copyLink(root, button, copied));
  }
  for (const button of root.querySelectorAll(".share-zalo")) {
    // Zalo has no share address that works without its SDK (which a strict
    // script policy forbids); the phone's share sheet lists Zalo instead.
    button.hidden = false;
    button.addEventListener("click", async () => {
      const url = absolute(button.dataset.url);
      if (navigator.share) {
        try {
          await navigator.share({ title: button.dataset.title, url });
        } catch {
          // The reader closed the share sheet: nothing to do.
        }
      } else {
        const group = button.closest(".share");
        const copied = text(group, "copied-zalo", "Đã sao chép liên kết, hãy dán vào Zalo.");
        await copyLink(root, button, copied);
      }
    });
  }
  for (const button of root.querySelectorAll(".print-page")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

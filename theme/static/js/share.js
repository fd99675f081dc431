// Share, copy-link and print buttons of an article.

function say(root, message) {
  const status = root.querySelector(".share-status");
  if (status) status.textContent = message;
}

function absolute(url) {
  return new URL(url, window.location.href).href;
}

async function copyLink(root, url, message) {
  try {
    await navigator.clipboard.writeText(absolute(url));
    say(root, message);
  } catch {
    // Clipboard refused (http, old browser): show the link to copy by hand.
    say(root, `Liên kết: ${absolute(url)}`);
  }
}

export function enableShareButtons(root) {
  for (const button of root.querySelectorAll(".copy-link")) {
    button.hidden = false;
    button.addEventListener("click", () =>
      copyLink(root, button.dataset.url, "Đã sao chép liên kết."));
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
        await copyLink(root, url, "Đã sao chép liên kết, hãy dán vào Zalo.");
      }
    });
  }
  for (const button of root.querySelectorAll(".print-page")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

// Gazette preview: reloads the page when the site is rebuilt, swaps stylesheets when only
// they changed, and shows build errors over the page until the next good build.
(() => {
  "use strict";
  const events = new EventSource("/__gazette/events");
  const id = "gazette-problem";
  const show = (text) => {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      const title = document.createElement("p");
      title.style.cssText = "margin:0 0 1rem;font:bold 17px/1.4 system-ui,sans-serif;color:#ffd24d";
      title.textContent = "The site could not be rebuilt. The page below is the last good build.";
      const pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap;overflow-wrap:anywhere";
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.style.cssText = "margin-top:1rem;font:inherit;padding:.3rem 1rem";
      close.addEventListener("click", () => box.remove());
      box.append(title, pre, close);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = text;
  };
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("fine", () => {
    if (document.getElementById(id)) location.reload();
  });
  events.addEventListener("problem", (e) => show(JSON.parse(e.data)));
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("gazette", Date.now());
      link.href = url.href;
    }
  });
})();

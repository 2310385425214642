// Progressive enhancement only: every link and form works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Map: switch layout in place (the links also work by reload) and show the hovered region.
  const wrap = document.querySelector(".map-wrap");
  if (wrap) {
    for (const a of wrap.querySelectorAll("a.layout-toggle")) {
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        const layout = a.dataset.layout;
        document.getElementById("map-geo").classList.toggle("hidden", layout !== "geo");
        document.getElementById("map-grid").classList.toggle("hidden", layout !== "grid");
        const url = new URL(window.location.href);
        url.searchParams.set("layout", layout);
        history.replaceState(null, "", url);
        for (const link of wrap.querySelectorAll("a.region-link")) {
          // SVG <a>: href is an SVGAnimatedString, so go through the attribute.
          const target = new URL(link.getAttribute("href"), window.location.href);
          target.searchParams.set("layout", layout);
          link.setAttribute("href", target.pathname + target.search);
        }
      });
    }
    const info = document.getElementById("map-info");
    wrap.addEventListener("mouseover", (ev) => {
      const region = ev.target.closest(".region");
      const title = region && region.querySelector("title");
      if (title && info) info.textContent = title.textContent;  // textContent: never parsed as HTML
    });
  }
  // Document view: hovering a quote or its speaker lights up both.
  const text = document.getElementById("doc-text");
  if (text) {
    const toggle = (ev, on) => {
      const span = ev.target.closest("[data-quote]");
      if (!span) return;
      for (const el of document.querySelectorAll(`[data-quote="${CSS.escape(span.dataset.quote)}"]`)) {
        el.classList.toggle("active", on);
      }
    };
    text.addEventListener("mouseover", (ev) => toggle(ev, true));
    text.addEventListener("mouseout", (ev) => toggle(ev, false));
  }
});

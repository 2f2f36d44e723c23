// A table or a chart too wide for the screen scrolls inside its box (.table-wrap, .chart). A box that scrolls is
// given what the keyboard and a screen reader need to reach it: a tab stop, the role of a region and a name: the
// table's caption, the chart's title, or else its panel's heading. A box that fits is left as it is, so that it
// adds no empty tab stop. The pattern is the one of Inclusive Components' "Data Tables" (Heydon Pickering).
(function () {
  "use strict";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    var chart = box.querySelector("svg[aria-label]");
    var panel = box.closest("[aria-labelledby]");
    var heading = panel && document.getElementById(panel.getAttribute("aria-labelledby"));
    if (caption) return caption.textContent.trim();
    if (chart) return chart.getAttribute("aria-label");
    return heading ? heading.textContent.trim() : "";
  }

  function mark(box) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (nameOf(box)) box.setAttribute("aria-label", nameOf(box));
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function markAll() {
    document.querySelectorAll(".table-wrap, .chart").forEach(mark);
  }

  markAll();
  // Pages that replace a part without reloading (a saved checklist section) announce it with this event.
  document.addEventListener("cjhp:replaced", markAll);
  if ("ResizeObserver" in window) {
    new ResizeObserver(markAll).observe(document.documentElement);
  } else {
    window.addEventListener("resize", markAll);
  }
})();

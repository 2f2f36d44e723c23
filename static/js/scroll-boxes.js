// A table too wide for the screen scrolls inside its box (.table-wrap). A box that scrolls is given what the
// keyboard and a screen reader need to reach it: a tab stop, the role of a region and the table's caption (or
// its panel's heading) as its name. A box that fits is left as it is, so that it adds no empty tab stop. The
// pattern is the one of Inclusive Components' "Data Tables" (Heydon Pickering).
(function () {
  "use strict";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    var panel = box.closest("[aria-labelledby]");
    var heading = panel && document.getElementById(panel.getAttribute("aria-labelledby"));
    var source = caption || heading;
    return source ? source.textContent.trim() : "";
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
    document.querySelectorAll(".table-wrap").forEach(mark);
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

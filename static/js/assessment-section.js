// Saves one checklist section without reloading the page, then puts the server's fresh rendering of the
// section (and the progress it changed) in place. Without JavaScript the form posts and the page reloads.
// On a network error nothing is replaced: the person's input stays in the form and they are told so.
(function () {
  "use strict";

  function statusOf(form) {
    return form.querySelector("[data-section-status]");
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var first = null;
    // A static copy: each element moves out of the parsed document as it is put in place.
    Array.from(doc.body.children).forEach(function (fresh) {
      var current = fresh.id && document.getElementById(fresh.id);
      if (current) {
        current.replaceWith(fresh);
        first = first || fresh;
      }
    });
    return first;
  }

  // A question's text in a second language is open beneath it on a wide screen and folded away on a phone.
  var wide = window.matchMedia("(min-width: 48rem)");
  function fold() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = wide.matches;
    });
  }
  fold();
  wide.addEventListener("change", fold);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-section-form]")) return;
    event.preventDefault();
    var status = statusOf(form);
    var button = form.querySelector("button[type=submit]");
    status.textContent = form.dataset.savingText;
    status.classList.remove("section-status--error");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Section-Save": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.status >= 500 || !html) throw new Error(String(response.status));
          var section = swap(html);
          if (!section) throw new Error("unexpected response");
          fold();
          if (response.status !== 200) section.scrollIntoView({ block: "start" });
        });
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = form.dataset.errorText;
        status.classList.add("section-status--error");
      });
  });
})();

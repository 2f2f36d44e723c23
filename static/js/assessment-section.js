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

  // The page's one live region for saves (#section-announcer) stays in place while sections are replaced, so a
  // screen reader hears "Section 1.1 was saved." The same words twice in a row are announced again too.
  function announce(text) {
    var announcer = document.getElementById("section-announcer");
    if (!announcer || !text) return;
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text.trim();
    }, 100);
  }

  // Focus stays where the person was: on the field or the button they saved from, in the fresh section. A
  // section refused (a mistake, or someone else's save meanwhile) takes the focus to what explains why.
  function refocus(section, focusedId, status) {
    var target = null;
    if (status === 200) {
      target = (focusedId && section.querySelector("[id='" + focusedId + "']")) ||
        section.querySelector("button[type=submit]") || section.querySelector(".message");
    } else {
      target = section.querySelector(".error-summary");
    }
    if (!target) return;
    if (!target.matches("a[href], button, input, select, textarea")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: status === 200 });
  }

  // Saves the section; resolves to the response's status once the fresh section is in place.
  function save(form) {
    var status = statusOf(form);
    var button = form.querySelector("button[type=submit]");
    var focused = form.contains(document.activeElement) ? document.activeElement.id : "";
    status.textContent = form.dataset.savingText;
    status.classList.remove("section-status--error");
    button.disabled = true;
    return fetch(form.action, {
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
          showActions(document);
          document.dispatchEvent(new CustomEvent("cjhp:replaced"));
          if (response.status !== 200) section.scrollIntoView({ block: "start" });
          refocus(section, focused, response.status);
          var saved = section.querySelector(".message--success");
          if (response.status === 200 && saved) announce(saved.textContent);
          return response.status;
        });
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = form.dataset.errorText;
        status.classList.add("section-status--error");
        return 0;
      });
  }

  // "Add an action item for this No" follows the answer ticked on the screen, not only the saved one.
  function showAction(question) {
    var action = question.querySelector("[data-action-for-no]");
    var checked = question.querySelector("input[type=radio]:checked");
    if (action) action.hidden = !(checked && checked.value === "no");
  }
  function showActions(root) {
    root.querySelectorAll("[data-section-form] .question").forEach(showAction);
  }
  showActions(document);

  document.addEventListener("change", function (event) {
    var question = event.target.closest("[data-section-form] .question");
    if (question && event.target.type === "radio") showAction(question);
  });

  // An action item on a No not saved yet: the section is saved first, so the question can carry it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-action-for-no] a:not([data-saved-no])");
    var form = link && link.closest("[data-section-form]");
    if (!form) return;
    event.preventDefault();
    save(form).then(function (status) {
      if (status === 200) window.location.assign(link.href);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-section-form]")) return;
    event.preventDefault();
    save(form);
  });
})();

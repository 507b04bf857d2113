// Progressive enhancement of the client questionnaire: every form works without this file.
// It shows each slider's value as it moves, and checks the pairwise answers on the server as
// they change (the same check as on submit): whether they agree, which ones to revisit, and
// what the answers given imply for the questions still open. Whatever the page said of the
// earlier answers (its notes, the errors sent back with the form) goes as soon as they change.
(function () {
  "use strict";

  document.querySelectorAll('input[type="range"]').forEach(function (input) {
    var output = document.getElementById(input.id + "-value");
    if (output) {
      input.addEventListener("input", function () {
        output.textContent = input.value;
      });
    }
  });

  var pairs = document.getElementById("pairs");
  var feedback = document.getElementById("ahp-feedback");
  if (!pairs || !feedback || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var form = pairs.closest("form");
  var url = pairs.getAttribute("data-check-url");
  var accept = document.getElementById("ahp-accept");
  var latest = 0;

  function describedBy(element, id, add) {
    var ids = (element.getAttribute("aria-describedby") || "").split(" ").filter(function (other) {
      return other && other !== id;
    });
    if (add) {
      ids.push(id);
    }
    if (ids.length) {
      element.setAttribute("aria-describedby", ids.join(" "));
    } else {
      element.removeAttribute("aria-describedby");
    }
  }

  // The errors sent back with the form on the comparisons answered since then.
  function clearStaleErrors() {
    pairs.querySelectorAll("fieldset.pair").forEach(function (question) {
      var error = document.getElementById(question.id + "-error");
      if (!error || !question.querySelector("input:checked")) {
        return;
      }
      error.remove();
      describedBy(question, error.id, false);
      question.removeAttribute("aria-invalid");
      question.classList.remove("has-error");
      var link = document.querySelector('.error-summary a[href="#' + question.id + '"]');
      if (link) {
        link.parentNode.remove();
      }
    });
    var summary = document.querySelector(".error-summary");
    if (summary && !summary.querySelector("li")) {
      summary.remove();
    }
  }

  function clearNotes() {
    pairs.querySelectorAll(".revisit-note, .suggest-note").forEach(function (note) {
      var question = note.closest("fieldset.pair");
      if (question) {
        describedBy(question, note.id, false);
        question.classList.remove("revisit");
      }
      note.remove();
    });
  }

  function addNote(name, kind, text) {
    var question = document.getElementById(name);
    if (!question || !question.classList.contains("pair")) {
      return;
    }
    var note = document.createElement("p");
    note.className = kind + "-note";
    note.id = name + "-" + kind;
    note.textContent = text;
    question.querySelector("legend").after(note);
    if (kind === "revisit") {
      question.classList.add("revisit");
    }
    describedBy(question, note.id, true);
  }

  function forget() {
    clearStaleErrors();
    clearNotes();
    feedback.className = "feedback";
    feedback.textContent = "";
    if (accept) {
      accept.hidden = true;
    }
  }

  function show(data) {
    forget();
    feedback.className = "feedback" + (data.complete ? (data.consistent ? " ok" : " warn") : "");
    var message = document.createElement("p");
    message.textContent = data.message;
    feedback.appendChild(message);
    Object.keys(data.revisit || {}).forEach(function (name) {
      addNote(name, "revisit", data.revisit[name]);
    });
    Object.keys(data.suggest || {}).forEach(function (name) {
      addNote(name, "suggest", data.suggest[name]);
    });
    if (accept) {
      accept.hidden = !(data.complete && !data.consistent);
    }
  }

  pairs.addEventListener("change", function () {
    var ticket = ++latest;
    forget();
    fetch(url, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && ticket === latest) {
          show(data);
        }
      })
      .catch(function () {
        // Offline or refused: the answers are still checked when the form is sent.
      });
  });
})();

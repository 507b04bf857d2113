// Progressive enhancement of the client questionnaire: every form works without this file.
// It shows each slider's value as it moves, and checks the pairwise answers' consistency on
// the server as they change (the same check as on submit).
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
  var latest = 0;

  function clearRevisits() {
    form.querySelectorAll(".revisit-note").forEach(function (note) {
      var select = document.getElementById(note.getAttribute("data-for"));
      if (select) {
        var ids = (select.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
          return id && id !== note.id;
        });
        if (ids.length) {
          select.setAttribute("aria-describedby", ids.join(" "));
        } else {
          select.removeAttribute("aria-describedby");
        }
      }
      note.parentNode.classList.remove("revisit");
      note.remove();
    });
  }

  function show(data) {
    feedback.className = "feedback" + (data.complete ? (data.consistent ? " ok" : " warn") : "");
    feedback.textContent = "";
    var message = document.createElement("p");
    message.textContent = data.message;
    feedback.appendChild(message);
    clearRevisits();
    Object.keys(data.revisit || {}).forEach(function (name) {
      var field = document.getElementById(name + "-field");
      var select = document.getElementById(name);
      if (!field || !select) {
        return;
      }
      var note = document.createElement("p");
      note.className = "revisit-note";
      note.id = name + "-revisit";
      note.setAttribute("data-for", name);
      note.textContent = data.revisit[name];
      field.classList.add("revisit");
      field.appendChild(note);
      var ids = (select.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      ids.push(note.id);
      select.setAttribute("aria-describedby", ids.join(" "));
    });
  }

  pairs.addEventListener("change", function () {
    var ticket = ++latest;
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

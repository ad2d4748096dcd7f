// Type-ahead for the name boxes of the document list: as the reader types,
// refill the box's <datalist> from /names/<kind>.json (same origin, so the
// Content-Security-Policy allows it). Without this script the page still
// offers the most frequent names, and any exact name can be typed.
(function () {
  "use strict";
  var timers = new WeakMap();
  function refill(input) {
    var kind = input.getAttribute("data-names");
    var list = document.getElementById(input.getAttribute("list"));
    var query = input.value.trim();
    if (!kind || !list || query.length < 2) { return; }
    fetch("/names/" + kind + ".json?q=" + encodeURIComponent(query), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        var fragment = document.createDocumentFragment();
        data.results.forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.value;
          if (item.label !== item.value) { option.label = item.label; }
          fragment.appendChild(option);
        });
        list.replaceChildren(fragment);
      })
      .catch(function () { /* keep the names already offered */ });
  }
  document.querySelectorAll("input[data-names]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timers.get(input));
      timers.set(input, setTimeout(function () { refill(input); }, 200));
    });
  });
})();

// Progressive enhancement of the finder form: "use my location" and suggestions.
// The form works fully without this file.
(function () {
  "use strict";
  var form = document.querySelector("form.finder");
  if (!form) return;

  var button = form.querySelector(".use-location");
  var near = form.querySelector("#finder-near");
  var status = form.querySelector(".location-status");
  if (button && near && "geolocation" in navigator) {
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          near.value = position.coords.latitude.toFixed(5) + "," +
            position.coords.longitude.toFixed(5);
          status.textContent = "";
          form.submit();
        },
        function () { status.textContent = button.dataset.failed; },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
      );
    });
  }

  var url = form.dataset.autocomplete;
  var locale = form.dataset.locale;
  function suggest(input, list, key) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) return;
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(text) + "&locale=" + locale)
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) {
            if (!data) return;
            list.textContent = "";
            data[key].forEach(function (value) {
              var option = document.createElement("option");
              option.value = value;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 250);
    });
  }
  suggest(form.querySelector("#finder-q"), form.querySelector("#finder-q-suggestions"), "courses");
  if (near) suggest(near, form.querySelector("#finder-near-suggestions"), "places");
})();

// 放大 / 缩小: the reader's text size, remembered in this browser. The site reads fine without it.
(function () {
  "use strict";
  var sizes = ["smaller", "", "larger", "largest"];
  var root = document.documentElement;
  var saved = null;
  try { saved = window.localStorage.getItem("newsroom-textsize"); } catch (e) { saved = null; }
  if (saved && sizes.indexOf(saved) > 0) { root.setAttribute("data-textsize", saved); }
  else if (saved === "smaller") { root.setAttribute("data-textsize", saved); }

  function step(delta) {
    var current = sizes.indexOf(root.getAttribute("data-textsize") || "");
    var next = sizes[Math.max(0, Math.min(sizes.length - 1, current + delta))];
    if (next) { root.setAttribute("data-textsize", next); } else { root.removeAttribute("data-textsize"); }
    try { window.localStorage.setItem("newsroom-textsize", next); } catch (e) { /* private mode */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".textsize");
    if (!box) { return; }
    box.hidden = false;
    box.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-textsize]");
      if (button) { step(button.getAttribute("data-textsize") === "larger" ? 1 : -1); }
    });
  });
})();

// A page with its image: an article's area and its entry in 标题导航 light up together, on hover
// and on keyboard focus. Without this script the areas still light up themselves and link.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var map = document.querySelector(".page-areas");
    if (!map) { return; }
    function pair(id) {
      return [map.querySelector('a[data-article="' + id + '"]'),
              document.querySelector('.headlines .card[data-article="' + id + '"]')];
    }
    function light(event, on) {
      var item = event.target.closest && event.target.closest("[data-article]");
      if (!item) { return; }
      pair(item.getAttribute("data-article")).forEach(function (element) {
        if (element) { element.classList.toggle("active", on); }
      });
    }
    [map, document.querySelector(".headlines")].forEach(function (box) {
      if (!box) { return; }
      box.addEventListener("mouseover", function (event) { light(event, true); });
      box.addEventListener("mouseout", function (event) { light(event, false); });
      box.addEventListener("focusin", function (event) { light(event, true); });
      box.addEventListener("focusout", function (event) { light(event, false); });
    });
  });
})();

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

// The newsroom's admin helpers (templates/admin/base_site.html): paragraph boxes grow with their
// text, title boxes widen to theirs, where the browser has no CSS field-sizing.
(function () {
  "use strict";
  var sizing = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  function grow(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function widen(input) {
    input.size = Math.max(20, Array.from(input.value).length * 2 + 2);
  }

  function prepare(root) {
    root.querySelectorAll("#blocks-group textarea, .model-article textarea").forEach(function (area) {
      area.classList.add("autogrow");
      if (!sizing) grow(area);
    });
    if (!sizing) {
      root.querySelectorAll(
        ".model-article input[name=kicker], .model-article input[name=headline], .model-article input[name=subheadline]"
      ).forEach(widen);
    }
  }

  document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  document.addEventListener("input", function (event) {
    if (sizing) return;
    var target = event.target;
    if (target.classList && target.classList.contains("autogrow")) grow(target);
    if (target.matches && target.matches(".model-article input[name=kicker], .model-article input[name=headline], .model-article input[name=subheadline]")) widen(target);
  });
  // A paragraph added with "添加另一个" grows too.
  document.addEventListener("formset:added", function (event) { prepare(event.target); });
})();

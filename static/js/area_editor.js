// The area editor of a page in the admin (templates/admin/articles/page_areas.html): every
// article's area drawn over the page image and named by its headline; an editor draws a rectangle
// or a polygon, moves an area, drags its corners, adds and removes corners, gives an area to an
// article and deletes it, with the mouse or the keyboard. The form posts every article's areas as
// JSON ({article id: [[[x, y], ...], ...]}, fractions of the page, origin top left); the server
// checks and saves them (articles/areas.py). The words come from the page (#area-strings).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 1000; // the drawing's width in its own units; its height follows the image
  var COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
  var STEP = 0.005, FINE = 0.001, SMALLEST = 0.005;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_match, key) { return values[key]; });
  }
  function clamp(value) { return Math.min(1, Math.max(0, value)); }
  function rounded(value) { return Math.round(value * 10000) / 10000; }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("area-form");
    if (!form) { return; }
    var words = JSON.parse(document.getElementById("area-strings").textContent);
    var articles = JSON.parse(document.getElementById("area-data").textContent);
    var image = document.getElementById("area-image");
    var svg = document.getElementById("area-canvas");
    var picker = document.getElementById("area-article");
    var status = document.getElementById("area-status");
    var readonly = form.hasAttribute("data-readonly");
    var byId = {};
    var areas = [];
    articles.forEach(function (article, index) {
      article.colour = COLOURS[index % COLOURS.length];
      byId[article.id] = article;
      article.areas.forEach(function (points) {
        areas.push({ article: article.id, points: points.map(function (p) { return [p[0], p[1]]; }) });
      });
    });
    var selected = -1, vertex = -1, tool = null, sketch = [], drag = null, dirty = false, height = WIDTH;
    var restoring = false;

    function scale() { return WIDTH / Math.max(1, svg.getBoundingClientRect().width); }
    function node(name, attributes, parent) {
      var element = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
      if (parent) { parent.appendChild(element); }
      return element;
    }
    function pointsText(points) {
      return points.map(function (p) { return p[0] * WIDTH + "," + p[1] * height; }).join(" ");
    }
    function nameOf(area) {
      var article = byId[area.article];
      return article ? format(words.position, { position: article.position }) + "：" + article.headline : words.unassigned;
    }
    function say(text) { status.textContent = text; }

    function render() {
      // The drawing is made again: the keyboard's focus goes back to what is selected.
      var focused = document.activeElement && svg.contains(document.activeElement);
      svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + height);
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      var unit = scale();
      areas.forEach(function (area, index) {
        var article = byId[area.article];
        var colour = article ? article.colour : "#555";
        var group = node("g", {
          "class": "area" + (index === selected ? " selected" : "") + (article ? "" : " unassigned"),
          "data-index": index, tabindex: 0, role: "button", "aria-label": nameOf(area)
        }, svg);
        node("polygon", { points: pointsText(area.points), fill: colour, stroke: colour, "vector-effect": "non-scaling-stroke" }, group);
        var left = Math.min.apply(null, area.points.map(function (p) { return p[0]; }));
        var top = Math.min.apply(null, area.points.map(function (p) { return p[1]; }));
        var label = node("text", { x: left * WIDTH + 4 * unit, y: top * height + 16 * unit, "font-size": 13 * unit, fill: colour }, group);
        label.textContent = nameOf(area);
      });
      if (selected >= 0 && !readonly) {
        areas[selected].points.forEach(function (p, index) {
          node("circle", {
            "class": "handle" + (index === vertex ? " current" : ""), cx: p[0] * WIDTH, cy: p[1] * height,
            r: 6 * unit, tabindex: 0, role: "button", "data-vertex": index, "data-index": selected,
            "aria-label": format(words.vertex, { number: index + 1 }), "vector-effect": "non-scaling-stroke"
          }, svg);
        });
      }
      if (sketch.length) {
        node("polyline", { "class": "sketch", points: pointsText(sketch), "vector-effect": "non-scaling-stroke" }, svg);
      }
      if (focused) { focusSelected(); }
      update();
    }

    function update() {
      var area = areas[selected];
      document.querySelectorAll("[data-action]").forEach(function (button) {
        var action = button.getAttribute("data-action");
        button.disabled = !area || (action === "remove-point" && (vertex < 0 || area.points.length <= 3));
      });
      if (picker) { picker.value = area ? String(area.article || "") : picker.value; }
      document.querySelectorAll("#area-articles li[data-article]").forEach(function (item) {
        var id = Number(item.getAttribute("data-article"));
        var count = areas.filter(function (a) { return a.article === id; }).length;
        item.querySelector(".area-swatch").style.background = byId[id].colour;
        item.querySelector(".area-count").textContent = count ? format(words.areaCount, { count: count }) : words.noArea;
        item.classList.toggle("active", !!area && area.article === id);
      });
    }

    function select(index, corner) {
      selected = index;
      vertex = corner === undefined ? -1 : corner;
      render();
      if (index >= 0) { say(format(words.selected, { name: nameOf(areas[index]), count: areas[index].points.length })); }
    }
    function changed() { dirty = true; render(); }
    function focusSelected() {
      var target = vertex >= 0
        ? svg.querySelector('circle[data-vertex="' + vertex + '"]')
        : svg.querySelector('g[data-index="' + selected + '"]');
      restoring = true; // the focus follows the selection here, not the other way round
      (target || svg).focus({ preventScroll: true });
      restoring = false;
    }

    function where(event) {
      var box = svg.getBoundingClientRect();
      return [clamp((event.clientX - box.left) / box.width), clamp((event.clientY - box.top) / box.height)];
    }
    function newArea(points) {
      var article = picker && picker.value ? Number(picker.value) : null;
      areas.push({ article: article, points: points });
      return areas.length - 1;
    }
    function rectangle(a, b) {
      var x0 = Math.min(a[0], b[0]), x1 = Math.max(a[0], b[0]), y0 = Math.min(a[1], b[1]), y1 = Math.max(a[1], b[1]);
      return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    }
    function moveArea(area, from, dx, dy) {
      var xs = from.map(function (p) { return p[0]; }), ys = from.map(function (p) { return p[1]; });
      dx = Math.min(1 - Math.max.apply(null, xs), Math.max(-Math.min.apply(null, xs), dx));
      dy = Math.min(1 - Math.max.apply(null, ys), Math.max(-Math.min.apply(null, ys), dy));
      area.points = from.map(function (p) { return [rounded(p[0] + dx), rounded(p[1] + dy)]; });
    }
    function setTool(name) {
      tool = name;
      sketch = [];
      document.querySelectorAll("[data-tool]").forEach(function (button) {
        button.classList.toggle("active", button.getAttribute("data-tool") === name);
        button.setAttribute("aria-pressed", button.getAttribute("data-tool") === name ? "true" : "false");
      });
      if (name) { say(name === "rectangle" ? words.drawRectangleHelp : words.drawPolygonHelp); }
      render();
    }
    function finishPolygon() {
      if (sketch.length >= 3) {
        var index = newArea(sketch.map(function (p) { return [rounded(p[0]), rounded(p[1])]; }));
        setTool(null);
        dirty = true;
        select(index);
        focusSelected();
      } else {
        say(words.tooFewPoints);
      }
    }
    // The selected area's corners are drawn last (above every area, to be grabbed), but Tab
    // reaches them right after the area, before the next one.
    function tabThroughCorners(event) {
      var target = event.target;
      var corner = target.hasAttribute("data-vertex") ? Number(target.getAttribute("data-vertex")) : -1;
      var onArea = corner < 0 && Number(target.getAttribute("data-index")) === selected;
      var last = areas[selected].points.length - 1;
      var next = null;
      if (!event.shiftKey && onArea) {
        next = svg.querySelector('circle[data-vertex="0"]');
      } else if (!event.shiftKey && corner === last) {
        next = svg.querySelector('g[data-index="' + (selected + 1) + '"]');
      } else if (event.shiftKey && corner === 0) {
        next = svg.querySelector('g[data-index="' + selected + '"]');
      }
      if (next) { next.focus(); }
      return !!next;
    }
    function addPoint() {
      var points = areas[selected].points;
      var after = vertex >= 0 ? vertex : 0;
      var a = points[after], b = points[(after + 1) % points.length];
      points.splice(after + 1, 0, [rounded((a[0] + b[0]) / 2), rounded((a[1] + b[1]) / 2)]);
      vertex = after + 1;
      changed();
    }
    function removePoint() {
      var points = areas[selected].points;
      if (vertex < 0 || points.length <= 3) { say(words.tooFewPoints); return; }
      points.splice(vertex, 1);
      vertex = Math.min(vertex, points.length - 1);
      changed();
    }
    function deleteArea() {
      if (selected < 0 || !window.confirm(words.confirmDelete)) { return; }
      areas.splice(selected, 1);
      selected = vertex = -1;
      dirty = true;
      render();
      focusSelected();
    }

    if (!readonly) {
      svg.addEventListener("pointerdown", function (event) {
        if (event.button !== 0) { return; }
        var at = where(event);
        var handle = event.target.closest("circle.handle");
        var group = event.target.closest("g.area");
        event.preventDefault();
        svg.setPointerCapture(event.pointerId);
        if (tool === "rectangle") {
          drag = { kind: "draw", start: at, index: newArea(rectangle(at, at)) };
        } else if (tool === "polygon") {
          sketch.push(at);
          render();
          svg.focus({ preventScroll: true }); // Enter ends the polygon, Esc drops it
        } else if (handle) {
          select(Number(handle.getAttribute("data-index")), Number(handle.getAttribute("data-vertex")));
          focusSelected();
          drag = { kind: "vertex" };
        } else if (group) {
          var index = Number(group.getAttribute("data-index"));
          select(index);
          focusSelected();
          drag = { kind: "move", start: at, from: areas[index].points.map(function (p) { return p.slice(); }) };
        } else {
          select(-1);
        }
      });
      // The focus follows the selection (focusSelected), not the browser's own move to the press.
      svg.addEventListener("mousedown", function (event) { event.preventDefault(); });
      svg.addEventListener("pointermove", function (event) {
        if (!drag) { return; }
        var at = where(event);
        if (drag.kind === "draw") {
          areas[drag.index].points = rectangle(drag.start, at).map(function (p) { return [rounded(p[0]), rounded(p[1])]; });
        } else if (drag.kind === "vertex") {
          areas[selected].points[vertex] = [rounded(at[0]), rounded(at[1])];
        } else {
          moveArea(areas[selected], drag.from, at[0] - drag.start[0], at[1] - drag.start[1]);
        }
        changed();
      });
      svg.addEventListener("pointerup", function () {
        if (drag && drag.kind === "draw") {
          var points = areas[drag.index].points;
          if (points[2][0] - points[0][0] < SMALLEST || points[2][1] - points[0][1] < SMALLEST) {
            areas.splice(drag.index, 1);
            render();
          } else {
            setTool(null);
            select(drag.index);
            focusSelected();
          }
        }
        drag = null;
      });
      svg.addEventListener("dblclick", function (event) {
        if (tool === "polygon") {
          event.preventDefault();
          sketch.pop(); // the double click's second click added a point of its own
          finishPolygon();
        }
      });
      svg.addEventListener("focusin", function (event) {
        var target = event.target;
        if (restoring || drag || !target.hasAttribute || !target.hasAttribute("data-index")) { return; }
        var index = Number(target.getAttribute("data-index"));
        var corner = target.hasAttribute("data-vertex") ? Number(target.getAttribute("data-vertex")) : -1;
        if (index !== selected || corner !== vertex) { select(index, corner < 0 ? undefined : corner); }
      });
      svg.addEventListener("keydown", function (event) {
        var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
        var step = event.shiftKey ? FINE : STEP;
        if (event.key === "Tab" && selected >= 0 && tabThroughCorners(event)) {
          event.preventDefault();
        } else if (event.key === "Escape") {
          setTool(null);
          select(-1);
        } else if (event.key === "Enter" && tool === "polygon") {
          finishPolygon();
        } else if (selected < 0) {
          return;
        } else if (moves[event.key]) {
          var d = moves[event.key];
          if (vertex >= 0) {
            var p = areas[selected].points[vertex];
            areas[selected].points[vertex] = [rounded(clamp(p[0] + d[0] * step)), rounded(clamp(p[1] + d[1] * step))];
          } else {
            moveArea(areas[selected], areas[selected].points, d[0] * step, d[1] * step);
          }
          changed();
        } else if (event.key === "Delete" || event.key === "Backspace") {
          if (vertex >= 0) { removePoint(); } else { deleteArea(); }
        } else if (event.key === "Insert" || event.key === "+") {
          addPoint();
        } else {
          return;
        }
        event.preventDefault();
      });
      document.querySelectorAll("[data-tool]").forEach(function (button) {
        button.addEventListener("click", function (event) {
          var name = button.getAttribute("data-tool");
          if (event.detail === 0 && name === "rectangle") {
            // From the keyboard: a rectangle in the page's middle, to move and reshape with keys.
            setTool(null);
            dirty = true;
            select(newArea([[0.4, 0.45], [0.6, 0.45], [0.6, 0.55], [0.4, 0.55]]));
            focusSelected();
            return;
          }
          setTool(tool === name ? null : name);
        });
      });
      document.querySelectorAll("[data-action]").forEach(function (button) {
        button.addEventListener("click", function () {
          var action = button.getAttribute("data-action");
          if (selected < 0) { return; }
          if (action === "add-point") { addPoint(); }
          if (action === "remove-point") { removePoint(); }
          if (action === "delete-area") { deleteArea(); }
        });
      });
      picker.addEventListener("change", function () {
        if (selected < 0) { return; }
        areas[selected].article = picker.value ? Number(picker.value) : null;
        changed();
      });
    }

    document.querySelectorAll("#area-articles li[data-article]").forEach(function (item) {
      item.addEventListener("click", function () {
        var id = Number(item.getAttribute("data-article"));
        var index = areas.findIndex(function (area) { return area.article === id; });
        if (index >= 0) { select(index); } else if (picker) { picker.value = String(id); select(-1); }
      });
    });

    form.addEventListener("submit", function (event) {
      var unassigned = areas.filter(function (area) { return !byId[area.article]; }).length;
      if (unassigned) {
        event.preventDefault();
        say(format(words.unassignedLeft, { count: unassigned }));
        return;
      }
      var value = {};
      articles.forEach(function (article) { value[article.id] = []; });
      areas.forEach(function (area) { value[area.article].push(area.points); });
      document.getElementById("id_areas").value = JSON.stringify(value);
      dirty = false;
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = words.unsaved; }
    });

    function sized() {
      if (image.naturalWidth) { height = WIDTH * image.naturalHeight / image.naturalWidth; }
      render();
    }
    if (image.complete) { sized(); } else { image.addEventListener("load", sized); }
    window.addEventListener("resize", render);
  });
})();

// 抽检: verdict buttons and keyboard shortcuts (1 ok, 2 leak, 3 over-redaction, 4 other, N note, arrows to move),
// and places marked on the redacted pages (drag a box, or click, then 泄露 / 过度脱敏; listed, drawn, deletable).
(function () {
  "use strict";
  var el = document.getElementById("spot");
  if (!el) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var sid = el.dataset.session, pos = parseInt(el.dataset.pos, 10), total = parseInt(el.dataset.total, 10);
  var note = document.getElementById("note");
  function go(p) {
    if (p > total) { location.href = "/spot/" + sid + "/report"; } else if (p >= 1) { location.href = "/spot/" + sid + "/" + p; }
  }
  function record(verdict) {
    fetch("/api/spot/sessions/" + sid + "/verdicts", {
      method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({pos: pos, verdict: verdict, note: note.value})
    }).then(function (r) {
      if (r.ok) { document.getElementById("saved").textContent = "已记录"; go(pos + 1); }
      else { r.json().then(function (j) { document.getElementById("saved").textContent = j.detail || "保存失败"; }); }
    });
  }
  document.querySelectorAll("[data-verdict]").forEach(function (b) {
    b.addEventListener("click", function () { record(b.dataset.verdict); });
  });
  // zoom: both sides of every page at the same scale; scrolling one side scrolls its twin
  var zoom = 1, LEVELS = [1, 1.5, 2, 3, 4];
  var wraps = Array.prototype.slice.call(document.querySelectorAll(".zoomwrap"));
  function setZoom(z) {
    zoom = z;
    wraps.forEach(function (w) { w.querySelector(".sheet").style.width = (zoom * 100) + "%"; });
    document.getElementById("zoom-level").textContent = Math.round(zoom * 100) + "%";
  }
  function step(dir) {
    var i = LEVELS.indexOf(zoom) + dir;
    if (i >= 0 && i < LEVELS.length) setZoom(LEVELS[i]);
  }
  var zin = document.getElementById("zoom-in");
  if (zin) {
    zin.addEventListener("click", function () { step(1); });
    document.getElementById("zoom-out").addEventListener("click", function () { step(-1); });
    document.getElementById("zoom-reset").addEventListener("click", function () { setZoom(1); });
  }
  document.querySelectorAll(".side").forEach(function (side) {
    var pair = side.querySelectorAll(".zoomwrap"), busy = false;
    Array.prototype.forEach.call(pair, function (w) {
      w.addEventListener("scroll", function () {
        if (busy) return;
        busy = true;
        Array.prototype.forEach.call(pair, function (o) {
          if (o !== w) { o.scrollLeft = w.scrollLeft; o.scrollTop = w.scrollTop; }
        });
        busy = false;
      });
    });
  });
  document.querySelectorAll("#review-list a[data-mark]").forEach(function (a) {
    a.addEventListener("click", function () {
      document.querySelectorAll("g.review-mark").forEach(function (g) {
        g.classList.toggle("current", g.dataset.mark === a.dataset.mark);
      });
    });
  });

  // --- marked places ----------------------------------------------------------------------------------
  var SVGNS = "http://www.w3.org/2000/svg";
  var marksApi = "/api/spot/sessions/" + sid + "/docs/" + pos + "/marks";
  var LABELS = {leak: "泄露", over_redaction: "过度脱敏"};
  var marks = JSON.parse(document.getElementById("marks-data").textContent || "[]");
  var form = document.getElementById("mark-form"), markNote = document.getElementById("mark-note");
  var pending = null;          // {page, pixels | bbox, rect}: the box chosen, waiting for 泄露 / 过度脱敏

  function fmt(v) { return (Math.round(v * 10) / 10).toString(); }
  function rectAttrs(r, b) {
    r.setAttribute("x", b[0]); r.setAttribute("y", b[1]);
    r.setAttribute("width", Math.max(0, b[2] - b[0])); r.setAttribute("height", Math.max(0, b[3] - b[1]));
  }
  function renderMarks() {
    document.querySelectorAll("g.spot-mark").forEach(function (g) { g.remove(); });
    var ol = document.getElementById("marks-items");
    ol.innerHTML = "";
    document.getElementById("marks-empty").hidden = marks.length > 0;
    marks.forEach(function (m, k) {
      var svg = document.querySelector('.redacted-sheet[data-page="' + m.page + '"] svg');
      if (svg) {
        var g = document.createElementNS(SVGNS, "g");
        g.setAttribute("class", "spot-mark " + m.kind);
        g.dataset.markId = m.id;
        var r = document.createElementNS(SVGNS, "rect");
        rectAttrs(r, m.bbox);
        var t = document.createElementNS(SVGNS, "text");
        t.setAttribute("x", m.bbox[0]); t.setAttribute("y", Math.max(10, m.bbox[1] - 3));
        t.textContent = "标" + (k + 1) + " " + LABELS[m.kind];
        g.appendChild(r); g.appendChild(t); svg.appendChild(g);
      }
      var li = document.createElement("li");
      li.dataset.markId = m.id;
      var a = document.createElement("a");
      a.href = "#page-" + m.page;
      a.innerHTML = '<span class="v-' + m.kind + '"></span>';
      a.firstChild.textContent = LABELS[m.kind];
      a.appendChild(document.createTextNode("：第 " + m.page + " 页，位置 [" + m.bbox.map(fmt).join(", ") + "] 点" +
                                            (m.note ? "（" + m.note + "）" : "")));
      var del = document.createElement("button");
      del.type = "button"; del.className = "mark-del"; del.textContent = "删除";
      del.addEventListener("click", function () { deleteMark(m.id); });
      li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(del);
      ol.appendChild(li);
    });
  }
  function status(text) { document.getElementById("mark-status").textContent = text; }
  function cancelPending() {
    if (pending && pending.rect) pending.rect.remove();
    pending = null; form.hidden = true; markNote.value = ""; status("");
  }
  function choose(page, rect, box) {
    if (pending && pending.rect && pending.rect !== rect) pending.rect.remove();
    pending = {page: page, rect: rect};
    Object.keys(box).forEach(function (k) { pending[k] = box[k]; });
    form.hidden = false;
    document.getElementById("mark-where").textContent = "第 " + page + " 页选中的位置：";
    status("");
  }
  function saveMark(kind) {
    if (!pending) return;
    var body = {page: pending.page, kind: kind, note: markNote.value};
    if (pending.pixels) body.pixels = pending.pixels; else body.bbox = pending.bbox;
    fetch(marksApi, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                     body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        if (!res.ok) { status(res.j.detail || "保存失败"); return; }
        marks = res.j.marks; cancelPending(); renderMarks();
        document.getElementById("saved").textContent = "已标记：" + LABELS[kind];
      });
  }
  function deleteMark(id) {
    fetch(marksApi + "/" + id, {method: "DELETE", headers: {"X-CSRF-Token": csrf}})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        if (res.ok) { marks = res.j.marks; renderMarks(); document.getElementById("saved").textContent = "已删除标记"; }
        else { document.getElementById("saved").textContent = res.j.detail || "删除失败"; }
      });
  }
  document.getElementById("mark-leak").addEventListener("click", function () { saveMark("leak"); });
  document.getElementById("mark-over").addEventListener("click", function () { saveMark("over_redaction"); });
  document.getElementById("mark-cancel").addEventListener("click", cancelPending);
  markNote.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); saveMark("leak"); } });

  // drag on a redacted page: the box is drawn in points (the overlay's viewBox) and sent in the page image's
  // own pixels, which the server converts with that image's scale; a click without a drag marks a small box
  // there, or, on a removal's or a kept box, that box
  document.querySelectorAll(".redacted-sheet").forEach(function (sheet) {
    var svg = sheet.querySelector("svg"), img = sheet.querySelector("img");
    var W = parseFloat(sheet.dataset.w), H = parseFloat(sheet.dataset.h), page = parseInt(sheet.dataset.page, 10);
    var start = null, temp = null;
    function at(e) {
      var r = svg.getBoundingClientRect();
      var fx = Math.max(0, Math.min(1, (e.clientX - r.left) / r.width));
      var fy = Math.max(0, Math.min(1, (e.clientY - r.top) / r.height));
      return {pt: [fx * W, fy * H], px: [fx * img.naturalWidth, fy * img.naturalHeight]};
    }
    svg.addEventListener("mousedown", function (e) {
      if (e.button !== 0) return;
      e.preventDefault();
      start = at(e); start.target = e.target;
    });
    svg.addEventListener("mousemove", function (e) {
      if (!start) return;
      var p = at(e);
      if (!temp) { temp = document.createElementNS(SVGNS, "rect"); temp.setAttribute("class", "mark-pending"); svg.appendChild(temp); }
      rectAttrs(temp, [Math.min(start.pt[0], p.pt[0]), Math.min(start.pt[1], p.pt[1]),
                       Math.max(start.pt[0], p.pt[0]), Math.max(start.pt[1], p.pt[1])]);
    });
    window.addEventListener("mouseup", function (e) {
      if (!start) return;
      var s = start, p = at(e);
      start = null;
      var dragged = Math.abs(p.pt[0] - s.pt[0]) > 3 && Math.abs(p.pt[1] - s.pt[1]) > 3;
      if (dragged) {
        choose(page, temp, {pixels: [Math.min(s.px[0], p.px[0]), Math.min(s.px[1], p.px[1]),
                                     Math.max(s.px[0], p.px[0]), Math.max(s.px[1], p.px[1])]});
        temp = null;
        return;
      }
      if (temp) { temp.remove(); temp = null; }
      var box, cand = s.target && s.target.classList && s.target.classList.contains("cand") ? s.target : null;
      if (cand) {
        document.getElementById("box-reason").textContent = cand.dataset.reason;
        var x = parseFloat(cand.getAttribute("x")), y = parseFloat(cand.getAttribute("y"));
        box = {bbox: [x, y, x + parseFloat(cand.getAttribute("width")), y + parseFloat(cand.getAttribute("height"))]};
      } else {   // a click: a box of about 24 x 16 points around it
        var hw = 12 / W * img.naturalWidth, hh = 8 / H * img.naturalHeight;
        box = {pixels: [s.px[0] - hw, s.px[1] - hh, s.px[0] + hw, s.px[1] + hh]};
      }
      var shown = document.createElementNS(SVGNS, "rect");
      shown.setAttribute("class", "mark-pending");
      var b = box.bbox || [s.pt[0] - 12, s.pt[1] - 8, s.pt[0] + 12, s.pt[1] + 8];
      rectAttrs(shown, b);
      svg.appendChild(shown);
      choose(page, shown, box);
    });
  });
  renderMarks();

  var keys = {"1": "ok", "2": "leak", "3": "over_redaction", "4": "other"};
  document.addEventListener("keydown", function (e) {
    if (e.target === note) { if (e.key === "Escape") note.blur(); return; }
    if (e.target === markNote) { if (e.key === "Escape") { markNote.blur(); cancelPending(); } return; }
    if (e.key === "Escape" && pending) { cancelPending(); return; }
    if (keys[e.key]) { e.preventDefault(); record(keys[e.key]); }
    else if (e.key === "n" || e.key === "N") { e.preventDefault(); note.focus(); }
    else if (e.key === "ArrowRight") { go(pos + 1); }
    else if (e.key === "ArrowLeft") { go(pos - 1); }
    else if (e.key === "+" || e.key === "=") { e.preventDefault(); step(1); }
    else if (e.key === "-") { e.preventDefault(); step(-1); }
  });
})();

// 抽检: verdict buttons and keyboard shortcuts (1 ok, 2 leak, 3 over-redaction, 4 other, N note, arrows to move).
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
  document.querySelectorAll("rect.cand").forEach(function (r) {
    r.addEventListener("click", function () { document.getElementById("box-reason").textContent = r.dataset.reason; });
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

  var keys = {"1": "ok", "2": "leak", "3": "over_redaction", "4": "other"};
  document.addEventListener("keydown", function (e) {
    if (e.target === note) { if (e.key === "Escape") note.blur(); return; }
    if (keys[e.key]) { e.preventDefault(); record(keys[e.key]); }
    else if (e.key === "n" || e.key === "N") { e.preventDefault(); note.focus(); }
    else if (e.key === "ArrowRight") { go(pos + 1); }
    else if (e.key === "ArrowLeft") { go(pos - 1); }
    else if (e.key === "+" || e.key === "=") { e.preventDefault(); step(1); }
    else if (e.key === "-") { e.preventDefault(); step(-1); }
  });
})();

// 抽检 · 待定: decide each undecided place of a held document (删除 / 保留 / 确认); the last decision makes the
// server apply them to the original, verify and release it; this page then waits and says how it went.
(function () {
  "use strict";
  var el = document.getElementById("pending-doc");
  if (!el || !el.dataset.api) return;
  var api = el.dataset.api;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var reviewer = document.getElementById("reviewer");
  var state = document.getElementById("pending-state");
  var saved = document.getElementById("saved");
  var LABELS = {redact: "删除", keep: "保留", confirm: "确认"};
  try { reviewer.value = localStorage.getItem("redactor.reviewer") || ""; } catch (e) { /* storage off */ }

  function say(text, cls) {
    state.textContent = text;
    state.className = cls || "";
  }

  function mark(li, decision, who) {
    li.classList.add("decided");
    li.querySelectorAll("button[data-decision]").forEach(function (b) {
      b.classList.toggle("chosen", b.dataset.decision === decision);
    });
    li.querySelector(".by").textContent = "（" + who + " 已决定：" + LABELS[decision] + "）";
    document.querySelectorAll('g.pending-mark[data-id="' + li.dataset.id + '"]').forEach(function (g) {
      g.classList.add("decided");
    });
    document.getElementById("decided-count").textContent = document.querySelectorAll("#places li.decided").length;
  }

  function disable(on) {
    document.querySelectorAll("#places button").forEach(function (b) { b.disabled = on; });
  }

  function poll() {
    fetch(api, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (j) {
      if (j.state === "applying") { setTimeout(poll, 1000); return; }
      if (j.state === "released") {
        say("已发布", "ok");
        document.getElementById("released").hidden = false;
        document.querySelectorAll("#places button").forEach(function (b) { b.disabled = true; });
        return;
      }
      // still held: the server says why (the final check found the applicant's data, or new places to decide)
      disable(false);
      if (j.note) { say(j.note, "error"); } else { say("仍待定，请刷新页面。", "error"); }
      if (j.items && j.items.length !== document.querySelectorAll("#places li").length) { location.reload(); }
    }).catch(function () { setTimeout(poll, 2000); });
  }

  function decide(li, decision) {
    var who = reviewer.value.trim();
    if (!who) {
      say("请先填写核对人（写入审计记录）。", "error");
      reviewer.focus();
      return;
    }
    try { localStorage.setItem("redactor.reviewer", who); } catch (e) { /* storage off */ }
    disable(true);
    fetch(api + "/decisions", {
      method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({reviewer: who, decisions: [{id: li.dataset.id, decision: decision}]})
    }).then(function (r) {
      return r.json().then(function (j) { return {ok: r.ok, j: j}; });
    }).then(function (res) {
      if (!res.ok) { disable(false); say(res.j.detail || "保存失败，请重试。", "error"); return; }
      mark(li, decision, who);
      saved.textContent = "已记录：第 " + li.dataset.n + " 处 " + LABELS[decision];
      if (res.j.state === "applying") {
        say("全部位置已决定：正在按决定对原件重新脱敏并核验……", "applying");
        setTimeout(poll, 500);
      } else {
        disable(false);
        say("请逐处决定；全部决定后自动按决定重新脱敏、核验并发布。", "");
      }
    }).catch(function () { disable(false); say("网络错误，请重试。", "error"); });
  }

  document.querySelectorAll("#places li").forEach(function (li) {
    li.querySelectorAll("button[data-decision]").forEach(function (b) {
      b.addEventListener("click", function () { decide(li, b.dataset.decision); });
    });
  });
  document.querySelectorAll("#places a[data-mark]").forEach(function (a) {
    a.addEventListener("click", function () {
      document.querySelectorAll("g.pending-mark").forEach(function (g) {
        g.classList.toggle("current", g.dataset.mark === a.dataset.mark);
      });
    });
  });
  if (el.dataset.state === "applying") { disable(true); setTimeout(poll, 500); }
})();

// 申请人自查: progress polling, the page viewer (click a box for its reason), undo/redact, drawn boxes, apply again.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var jobEl = document.getElementById("job");
  if (!jobEl) return;
  var jobId = jobEl.dataset.job;
  var api = "/api/jobs/" + jobId;
  var STATE = {redact: "已脱敏", keep: "保留"};
  var FILE_STATE = {queued: "等待中", running: "处理中", done: "已完成", failed: "未能处理"};

  function poll(until) {
    fetch(api, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (j) {
      var bar = document.getElementById("progress-bar");
      if (bar) {
        bar.max = j.work_total || 1;
        bar.value = j.work_done;
        document.getElementById("progress-count").textContent = j.done;
        document.getElementById("progress-step").textContent = j.step || "排队中…";
        (j.documents || []).forEach(function (d) {
          var li = document.querySelector('#progress-files li[data-file="' + d.id + '"]');
          if (!li) return;
          li.querySelector(".f-pages").textContent = d.pages ? d.pages + " 页" : "页数待读取";
          li.querySelector(".f-state").textContent = FILE_STATE[d.state] || d.state;
          li.className = "f-" + d.state;
        });
      }
      if (until(j)) { reloading = true; location.reload(); } else { setTimeout(function () { poll(until); }, 800); }
    }).catch(function () { setTimeout(function () { poll(until); }, 2000); });
  }

  // 删除我的文件 wipes the uploads, the outputs and any edits not yet applied: ask first
  var del = document.getElementById("delete-job");
  if (del) {
    del.form.addEventListener("submit", function (ev) {
      if (!window.confirm("确定删除？上传的文件、脱敏结果和尚未应用的修改都会从本机删除，无法恢复。")) ev.preventDefault();
      else document.getElementById("delete-confirmed-flag").value = "1";   // asked: the server deletes at once
    });
  }

  window.addEventListener("beforeunload", function (ev) {
    if (reloading) return;
    var n = 0;
    document.querySelectorAll("section.doc").forEach(function (d) { n += parseInt(d.dataset.pending || "0", 10); });
    if (n) { ev.preventDefault(); ev.returnValue = ""; }      // the browser asks: unapplied edits would be lost
  });
  var reloading = false;

  // while this page is open the job is kept: every beat counts as activity and resets the server's timer, so the
  // files are wiped only if beats stop.  The banner shows only when that is really near: the time left after
  // this beat is shorter than two beats (a server configured with a short timeout, or a tab the browser put to
  // sleep), never merely because a file was downloaded.
  var BEAT_MS = 60000;
  function heartbeat() {
    fetch(api, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (j) {
      var banner = document.getElementById("expiry");
      if (!banner || j.expires_in === undefined) return;
      banner.hidden = !(j.expires_in < 2 * BEAT_MS / 1000 && j.expires_in < 300);
      banner.textContent = "如无操作，您的文件将在约 " + Math.max(1, Math.round(j.expires_in / 60)) +
        " 分钟后自动删除。请及时下载。";
    }).catch(function () { /* the next beat tries again */ });
  }
  setInterval(heartbeat, BEAT_MS);
  heartbeat();

  // the verdict's questions: answer one (a place looked at; a suggested value that is not the applicant's, whose
  // removal is then undone), or add a suggested value to the profile and process every file again
  function postJson(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                       body: JSON.stringify(body)}).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.detail || "操作失败"); return j; });
    });
  }
  function fail(e) { window.alert(e.message || "操作失败，请重试。"); }
  document.querySelectorAll("li.question .q-confirm").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var li = btn.closest("li"), doc = btn.closest("section.doc");
      postJson(api + "/answers", {file: doc.dataset.file, confirm: [li.dataset.key]})
        .then(function () { reloading = true; location.reload(); }, fail);
    });
  });
  document.querySelectorAll("li.suggestion .s-not-mine").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var li = btn.closest("li"), doc = btn.closest("section.doc"), version = parseInt(doc.dataset.version, 10);
      var cand = li.dataset.candidate;
      postJson(api + "/answers", {file: doc.dataset.file, confirm: [li.dataset.key]}).then(function () {
        if (cand === "") { reloading = true; location.reload(); return; }
        return postJson(api + "/edits", {file: doc.dataset.file, add: [],
                                         set_action: [{id: parseInt(cand, 10), action: "keep"}]}).then(function () {
          poll(function (j) {
            var d = j.documents.filter(function (x) { return x.id === doc.dataset.file; })[0];
            return d && (d.state === "failed" || (d.state === "done" && d.version > version));
          });
        });
      }).catch(fail);
    });
  });
  var rerun = document.getElementById("rerun-form");
  document.querySelectorAll("li.suggestion .s-add").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var li = btn.closest("li"), field = li.dataset.field, value = li.querySelector(".s-value").textContent;
      var el = rerun.elements[field];
      if (!el) return;
      if (el.tagName === "TEXTAREA") {
        var lines = el.value.split(/\n/).filter(function (v) { return v.trim(); });
        if (lines.indexOf(value) < 0) lines.push(value);
        el.value = lines.join("\n");
      } else { el.value = value; }
      var none = rerun.querySelector('.none-box input[data-field="' + field + '"]');
      if (none) none.checked = false;
      btn.textContent = "已加入，请在上方点“按新的信息重新处理”";
      btn.disabled = true;
      document.getElementById("rerun").open = true;
      document.getElementById("rerun").scrollIntoView({behavior: "smooth"});
    });
  });
  if (rerun) {
    rerun.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var out = {declared_none: []};
      ["name", "id_number"].forEach(function (k) { out[k] = rerun.elements[k].value; });
      ["phones", "emails", "employers", "name_aliases"].forEach(function (k) {
        out[k] = rerun.elements[k].value.split(/[\n\r;；]+/).filter(function (v) { return v.trim(); });
      });
      rerun.querySelectorAll(".none-box input").forEach(function (b) { if (b.checked) out.declared_none.push(b.dataset.field); });
      postJson(api + "/rerun", out).then(function () { reloading = true; location.reload(); }, fail);
    });
  }

  // the profile read from the forms, before it is confirmed: fields left empty and not declared 无 are asked about
  // once, as the upload page asks (issue 82.7) -- they would not be searched for
  var OPTIONAL = {id_number: "身份证号", phones: "电话", emails: "邮箱", employers: "工作单位", name_aliases: "曾用名"};
  var confirmForm = document.getElementById("profile-form");
  if (confirmForm) {
    var askedEmpty = false;
    confirmForm.addEventListener("submit", function (ev) {
      if (askedEmpty) return;
      var empty = Object.keys(OPTIONAL).filter(function (k) {
        var el = confirmForm.elements[k];
        var none = confirmForm.querySelector('.none-box input[data-field="' + k + '"]');
        return el && !el.value.trim() && !(none && none.checked);
      });
      if (!empty.length) return;
      ev.preventDefault();
      askedEmpty = true;
      var warn = confirmForm.querySelector("#empty-fields");
      warn.hidden = false;
      warn.textContent = "以下项目既未填写，也未勾选“无”：" + empty.map(function (k) { return OPTIONAL[k]; }).join("、") +
        "。这些信息不会被检查，结果将显示为“需确认”。请补填或勾选“无”；如仍要开始，请再次点击“确认并开始脱敏”。";
    });
  }

  if (["uploaded", "inferring", "queued", "running"].indexOf(jobEl.dataset.state) >= 0) {
    poll(function (j) { return ["done", "failed", "confirm_profile"].indexOf(j.state) >= 0; });
  }

  document.querySelectorAll("section.doc").forEach(function (doc) {
    var dataEl = doc.querySelector("script.candidates");
    if (!dataEl) return;
    var fileId = doc.dataset.file;
    var version = parseInt(doc.dataset.version, 10);
    var cands = {};
    JSON.parse(dataEl.textContent).forEach(function (c) { cands[c.id] = c; });
    var pending = {setAction: {}, add: []};
    var selected = null;
    var panel = doc.querySelector(".panel");
    var detail = panel.querySelector(".detail");
    var applyBtn = panel.querySelector(".apply");
    var noiseBox = panel.querySelector(".show-noise");
    if (noiseBox) noiseBox.addEventListener("change", function () { doc.classList.toggle("show-noise", noiseBox.checked); });

    // edits not yet applied survive a reload (applying another document's edits reloads the page) and are
    // kept per document and version in this tab's sessionStorage; leaving the page with some asks first
    var store = "redactor:" + jobId + ":" + fileId + ":" + version;
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(store) || "null");
      if (saved && saved.setAction && saved.add) pending = saved;
    } catch (e) { /* storage off: edits live as long as the page */ }

    function count() {
      var n = Object.keys(pending.setAction).length + pending.add.length;
      panel.querySelector(".pending-count").textContent = n;
      applyBtn.disabled = n === 0;
      doc.dataset.pending = n;
      try {
        if (n) { window.sessionStorage.setItem(store, JSON.stringify(pending)); } else { window.sessionStorage.removeItem(store); }
      } catch (e) { /* ignore */ }
    }

    function effective(c) { return pending.setAction[c.id] || c.action; }

    function paint(id) {
      doc.querySelectorAll('rect.cand[data-id="' + id + '"]').forEach(function (r) {
        var act = effective(cands[id]);
        r.classList.toggle("removed", act === "redact");
        r.classList.toggle("kept", act === "keep");
        r.classList.toggle("changed", pending.setAction[id] !== undefined);
        r.classList.toggle("selected", selected === id);
      });
    }

    function select(id) {
      var prev = selected;
      selected = id;
      if (prev !== null) paint(prev);
      paint(id);
      var c = cands[id];
      var act = effective(c);
      detail.hidden = false;
      detail.querySelector(".d-label").textContent = c.label + (c.manual ? "（手动框）" : c.repair ? "（最终核验补充的脱敏）" : "");
      detail.querySelector(".d-state").textContent = STATE[act] + (pending.setAction[id] ? "（待应用）" : "") +
        (c.needs_review ? " · 建议人工确认" : "");
      detail.querySelector(".d-reason").textContent = "原因：" + c.reason_zh;
      detail.querySelector(".d-rule").textContent = "规则 " + c.rule + "（" + c.reason + "）";
      detail.querySelector(".d-undo").hidden = act !== "redact";
      detail.querySelector(".d-undo").textContent = c.manual ? "删除此手动框" : c.repair ? "撤销此处补充的脱敏" : "撤销此处脱敏";
      detail.querySelector(".d-redact").hidden = act !== "keep";
    }

    function setAction(action) {
      if (selected === null) return;
      var c = cands[selected];
      if (c.action === action) { delete pending.setAction[selected]; } else { pending.setAction[selected] = action; }
      select(selected);
      count();
    }
    detail.querySelector(".d-undo").addEventListener("click", function () { setAction("keep"); });
    detail.querySelector(".d-redact").addEventListener("click", function () { setAction("redact"); });

    panel.querySelector(".show-original").addEventListener("change", function (e) {
      doc.querySelectorAll(".img-original").forEach(function (i) { i.hidden = !e.target.checked; });
      doc.querySelectorAll(".img-redacted").forEach(function (i) { i.hidden = e.target.checked; });
    });

    doc.querySelectorAll(".page").forEach(function (pageEl) {
      var svg = pageEl.querySelector("svg");
      var W = parseFloat(pageEl.dataset.w), H = parseFloat(pageEl.dataset.h);
      var page = parseInt(pageEl.dataset.page, 10);
      var start = null, temp = null;
      function pt(e) {
        var r = svg.getBoundingClientRect();
        return [Math.max(0, Math.min(W, (e.clientX - r.left) / r.width * W)),
                Math.max(0, Math.min(H, (e.clientY - r.top) / r.height * H))];
      }
      svg.addEventListener("mousedown", function (e) {
        e.preventDefault();
        start = pt(e);
        start.target = e.target;
      });
      svg.addEventListener("mousemove", function (e) {
        if (!start) return;
        var p = pt(e);
        if (!temp) {
          temp = document.createElementNS("http://www.w3.org/2000/svg", "rect");
          temp.setAttribute("class", "cand drawn");
          svg.appendChild(temp);
        }
        temp.setAttribute("x", Math.min(start[0], p[0]));
        temp.setAttribute("y", Math.min(start[1], p[1]));
        temp.setAttribute("width", Math.abs(p[0] - start[0]));
        temp.setAttribute("height", Math.abs(p[1] - start[1]));
      });
      window.addEventListener("mouseup", function (e) {
        if (!start) return;
        var p = pt(e), s = start;
        start = null;
        var big = Math.abs(p[0] - s[0]) > 3 && Math.abs(p[1] - s[1]) > 3;
        if (!big) {
          if (temp) { temp.remove(); temp = null; }
          if (s.target && s.target.dataset && s.target.dataset.id !== undefined) select(parseInt(s.target.dataset.id, 10));
          return;
        }
        var cat = panel.querySelector(".draw-category").value;
        pending.add.push({page: page, bbox: [Math.min(s[0], p[0]), Math.min(s[1], p[1]), Math.max(s[0], p[0]), Math.max(s[1], p[1])],
                          category: cat});
        temp.setAttribute("class", "cand drawn removed");
        temp = null;
        count();
      });
    });

    // restored edits: paint the candidates, draw the boxes added by hand
    Object.keys(pending.setAction).forEach(function (id) { if (cands[id]) paint(parseInt(id, 10)); });
    pending.add.forEach(function (a) {
      var svg = doc.querySelector('.page[data-page="' + a.page + '"] svg');
      if (!svg) return;
      var r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      r.setAttribute("class", "cand drawn removed");
      r.setAttribute("x", a.bbox[0]); r.setAttribute("y", a.bbox[1]);
      r.setAttribute("width", a.bbox[2] - a.bbox[0]); r.setAttribute("height", a.bbox[3] - a.bbox[1]);
      svg.appendChild(r);
    });
    count();

    applyBtn.addEventListener("click", function () {
      var body = {file: fileId, add: pending.add,
                  set_action: Object.keys(pending.setAction).map(function (k) { return {id: parseInt(k, 10), action: pending.setAction[k]}; })};
      applyBtn.disabled = true;
      panel.querySelector(".apply-status").textContent = "正在重新脱敏并核验…";
      fetch(api + "/edits", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                             body: JSON.stringify(body)})
        .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
        .then(function (res) {
          if (!res[0]) { panel.querySelector(".apply-status").textContent = res[1].detail || "修改失败"; applyBtn.disabled = false; return; }
          pending = {setAction: {}, add: []};
          count();                             // applied: nothing of this document is pending any more
          poll(function (j) {
            var d = j.documents.filter(function (x) { return x.id === fileId; })[0];
            return d && (d.state === "failed" || (d.state === "done" && d.version > version));
          });
        });
    });
  });
})();

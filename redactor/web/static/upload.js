// 申请人自查, before upload: the chosen files with their size and page count, read in this browser (nothing is sent).
// A PDF's pages are counted from its page tree (/Type /Pages ... /Count n), also inside compressed object
// streams; a TIFF's from its chain of image directories; PNG and JPG are one page.
(function () {
  "use strict";
  var input = document.getElementById("files");
  var list = document.getElementById("chosen-files");
  if (!input || !list) return;

  function size(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(n / 1024)) + " KB";
  }

  function latin1(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i += 32768) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
    return out;
  }

  function largestCount(text) {
    var best = 0, m, re = /\/Type\s*\/Pages\b[^]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g;
    while ((m = re.exec(text)) !== null) best = Math.max(best, parseInt(m[1] || m[2], 10));
    return best;
  }

  function inflate(bytes) {
    if (typeof DecompressionStream === "undefined") return Promise.resolve(null);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); }, function () { return null; });
  }

  function pdfPages(bytes) {
    var text = latin1(bytes);
    var n = largestCount(text);
    if (n) return Promise.resolve(n);
    // the page tree sits in an object stream: inflate each /ObjStm and look there
    var jobs = [], re = /\/Type\s*\/ObjStm[^]*?stream\r?\n/g, m;
    while ((m = re.exec(text)) !== null) {
      var start = m.index + m[0].length, end = text.indexOf("endstream", start);
      if (end > start) jobs.push(inflate(bytes.subarray(start, end)));
    }
    return Promise.all(jobs).then(function (parts) {
      return parts.reduce(function (best, p) { return p ? Math.max(best, largestCount(latin1(p))) : best; }, 0);
    });
  }

  function tiffPages(bytes) {
    var v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8) return 0;
    var le = bytes[0] === 0x49, off = v.getUint32(4, le), n = 0;
    while (off > 0 && off + 2 <= bytes.length && n < 10000) {
      n += 1;
      var entries = v.getUint16(off, le), next = off + 2 + entries * 12;
      if (next + 4 > bytes.length) break;
      off = v.getUint32(next, le);
    }
    return n;
  }

  function pages(file) {
    var ext = (file.name.split(".").pop() || "").toLowerCase();
    if (["png", "jpg", "jpeg"].indexOf(ext) >= 0) return Promise.resolve(1);
    if (["pdf", "tif", "tiff"].indexOf(ext) < 0) return Promise.resolve(null);
    return file.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf);
      return ext === "pdf" ? pdfPages(bytes) : tiffPages(bytes);
    }).catch(function () { return null; });
  }

  // Before sending: each file's type and size are checked here (a refused one is named and left out, the others
  // go on, and the chosen files stay chosen); every field but 姓名 is filled in or declared 无, or the applicant is
  // asked once; the profile is checked by the server; then the files go by fetch, so that an error (or a stale
  // CSRF token after a restart, renewed once) never clears what was chosen.
  var form = document.getElementById("upload-form");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var ALLOWED = ["pdf", "png", "jpg", "jpeg", "tif", "tiff"];
  var OPTIONAL = {id_number: "身份证号", phones: "电话", emails: "邮箱", employers: "工作单位", name_aliases: "曾用名"};
  var maxMb = form ? parseFloat(form.dataset.maxMb || "50") : 50;
  var maxFiles = form ? parseInt(form.dataset.maxFiles || "20", 10) : 20;
  var askedEmpty = false;

  function refusal(f) {
    var ext = (f.name.split(".").pop() || "").toLowerCase();
    if (ALLOWED.indexOf(ext) < 0) return "格式不支持：只接受 PDF、PNG、JPG、TIF";
    if (f.size > maxMb * 1048576) return "超过 " + maxMb + " MB 的上限，请拆分后再上传";
    return "";
  }

  function profileOf() {
    var out = {declared_none: []};
    ["name", "id_number"].forEach(function (k) { out[k] = form.elements[k].value; });
    ["phones", "emails", "employers", "name_aliases"].forEach(function (k) {
      out[k] = form.elements[k].value.split(/[\n\r;；]+/).filter(function (v) { return v.trim(); });
    });
    form.querySelectorAll("input.none-box, .none-box input").forEach(function (b) {
      if (b.checked) out.declared_none.push(b.dataset.field);
    });
    return out;
  }
  function emptyFields(p) {
    return Object.keys(OPTIONAL).filter(function (k) {
      var v = p[k];
      return (Array.isArray(v) ? v.length === 0 : !String(v || "").trim()) && p.declared_none.indexOf(k) < 0;
    });
  }
  function showError(text) {
    var el = document.getElementById("form-error");
    if (!el) {
      el = document.createElement("p");
      el.id = "form-error";
      el.className = "error";
      form.parentNode.insertBefore(el, form);
    }
    el.textContent = text;
    el.hidden = !text;
  }
  function post(url, body, retried) {
    var headers = {"X-CSRF-Token": csrf};
    if (typeof body === "string") headers["Content-Type"] = "application/json";
    return fetch(url, {method: "POST", headers: headers, body: body}).then(function (r) {
      if (r.status === 403 && !retried) {          // the server restarted: a fresh token, and the same request again
        return fetch("/api/session").then(function (s) { return s.json(); }).then(function (s) {
          csrf = s.csrf;
          document.querySelector('meta[name="csrf-token"]').content = csrf;
          form.elements.csrf.value = csrf;
          return post(url, body, true);
        });
      }
      return r;
    });
  }
  function send(infer, profile) {
    var data = new FormData();
    var chosen = Array.prototype.slice.call(input.files || []);
    var sent = 0;
    chosen.forEach(function (f) { if (!refusal(f)) { data.append("files", f, f.name); sent += 1; } });
    data.append("chosen", JSON.stringify(chosen.map(function (f) { return {name: f.name, reason: refusal(f)}; })));
    if (!sent) { showError(chosen.length ? "所选文件都不能处理，请查看每个文件旁的原因。" : "请至少选择一个文件。"); return; }
    if (sent > maxFiles) { showError("一次最多上传 " + maxFiles + " 个文件。"); return; }
    if (!infer) data.append("profile", JSON.stringify(profile));
    var btn = document.getElementById("start");
    btn.disabled = true;
    showError("");
    post("/api/jobs", data).then(function (r) {
      return r.json().then(function (j) { return [r.ok, j]; });
    }).then(function (res) {
      if (res[0]) { location.href = "/check/" + res[1].id; return; }
      btn.disabled = false;
      showError(res[1].detail || "上传失败，请重试。");
    }).catch(function () { btn.disabled = false; showError("无法连接本机服务，请确认它仍在运行后重试。"); });
  }

  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var mode = form.querySelector('input[name="mode"]:checked');
      if (mode && mode.value === "infer") { send(true, null); return; }
      var profile = profileOf();
      post("/api/profile/check", JSON.stringify(profile)).then(function (r) {
        if (!r.ok) return r.json().then(function (j) { showError(j.detail || "申请人信息有误，请检查填写的内容。"); });
        showError("");
        var empty = emptyFields(profile);
        var warn = document.getElementById("empty-fields");
        if (empty.length && !askedEmpty) {             // asked once: fill in, tick 无, or click again to go on
          askedEmpty = true;
          warn.hidden = false;
          warn.textContent = "以下项目既未填写，也未勾选“无”：" + empty.map(function (k) { return OPTIONAL[k]; }).join("、") +
            "。这些信息不会被检查，结果将显示为“需确认”。请补填或勾选“无”；如仍要开始，请再次点击“开始脱敏”。";
          return;
        }
        send(false, profile);
      }).catch(function () { send(false, profile); });       // the server checks again and says so
    });
  }

  input.addEventListener("change", function () {
    list.innerHTML = "";
    var files = Array.prototype.slice.call(input.files || []);
    var total = document.createElement("li");
    total.className = "total";
    var refused = 0;
    files.forEach(function (f) {
      var li = document.createElement("li");
      var name = document.createElement("span"); name.className = "f-name"; name.textContent = f.name;
      var sz = document.createElement("span"); sz.className = "f-size"; sz.textContent = size(f.size);
      var pg = document.createElement("span"); pg.className = "f-pages"; pg.textContent = "页数读取中…";
      li.appendChild(name); li.appendChild(sz); li.appendChild(pg);
      var why = refusal(f);
      if (why) { pg.textContent = "不会上传：" + why; li.className = "f-failed f-refused"; refused += 1; }
      else if (f.size === 0) { pg.textContent = "空文件，无法处理"; li.className = "f-failed"; }
      list.appendChild(li);
      if (f.size > 0 && !why) {
        pages(f).then(function (n) {
          pg.textContent = n ? n + " 页" : "页数上传后显示";
          pg.dataset.pages = n || "";
          var sum = 0;
          list.querySelectorAll(".f-pages").forEach(function (e) { sum += parseInt(e.dataset.pages || "0", 10); });
          total.textContent = "共 " + (files.length - refused) + " 个文件，" + sum + " 页" +
            (refused ? "（另有 " + refused + " 个不能处理，不会上传）" : "");
        });
      }
    });
    if (files.length) list.appendChild(total);
    if (refused === files.length && files.length) total.textContent = "所选文件都不能处理。";
  });
}());

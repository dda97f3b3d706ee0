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

  // the profile is checked before the files are sent: a mistyped field is named here and the chosen files stay
  var form = document.getElementById("upload-form");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  function profileOf() {
    var out = {};
    ["name", "id_number"].forEach(function (k) { out[k] = form.elements[k].value; });
    ["phones", "emails", "employers", "name_aliases"].forEach(function (k) {
      out[k] = form.elements[k].value.split(/[\n\r;；]+/).filter(function (v) { return v.trim(); });
    });
    return out;
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
  }
  if (form) {
    form.addEventListener("submit", function (ev) {
      var mode = form.querySelector('input[name="mode"]:checked');
      if (mode && mode.value === "infer") return;
      ev.preventDefault();
      fetch("/api/profile/check", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                                    body: JSON.stringify(profileOf())})
        .then(function (r) {
          if (r.ok) { form.submit(); return; }
          return r.json().then(function (j) { showError(j.detail || "申请人信息有误，请检查填写的内容。"); });
        })
        .catch(function () { form.submit(); });        // the server checks again and says so
    });
  }

  input.addEventListener("change", function () {
    list.innerHTML = "";
    var files = Array.prototype.slice.call(input.files || []);
    var total = document.createElement("li");
    total.className = "total";
    files.forEach(function (f) {
      var li = document.createElement("li");
      var name = document.createElement("span"); name.className = "f-name"; name.textContent = f.name;
      var sz = document.createElement("span"); sz.className = "f-size"; sz.textContent = size(f.size);
      var pg = document.createElement("span"); pg.className = "f-pages"; pg.textContent = "页数读取中…";
      li.appendChild(name); li.appendChild(sz); li.appendChild(pg);
      if (f.size === 0) { pg.textContent = "空文件，无法处理"; li.className = "f-failed"; }
      list.appendChild(li);
      if (f.size > 0) {
        pages(f).then(function (n) {
          pg.textContent = n ? n + " 页" : "页数上传后显示";
          pg.dataset.pages = n || "";
          var sum = 0;
          list.querySelectorAll(".f-pages").forEach(function (e) { sum += parseInt(e.dataset.pages || "0", 10); });
          total.textContent = "共 " + files.length + " 个文件，" + sum + " 页";
        });
      }
    });
    if (files.length) list.appendChild(total);
  });
}());

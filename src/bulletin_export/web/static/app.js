// The page of `bulletin-export serve`: no framework, no CDN, same-origin JSON only.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text"), backdrop = $("backdrop");
  const fieldEls = Array.from(document.querySelectorAll("[data-field]"));
  const KIND_ZH = { masthead: "报头", header: "头部", heading: "栏目", title: "标题", subtitle: "副标题",
    paragraph: "正文", source: "来源", end_block: "版记", note: "编者按", contents: "目录", rule: "分隔线", blank: "" };
  const SEV = [["error", "错误"], ["warning", "警告"], ["info", "提示"]];
  let doc = null, result = null, findings = [], timer = null, seq = 0, lastKinds = [];
  const userSet = new Set();  // fields the user typed: only these override the text

  function setState(s) { document.body.dataset.state = s; }

  function fieldValue(el) {
    return el.type === "checkbox" ? (el.checked ? "是" : "否") : el.value;
  }
  function formValues() {
    const out = {};
    for (const el of fieldEls) {
      const k = el.dataset.field;
      if (userSet.has(k)) out[k] = fieldValue(el);
    }
    return out;
  }
  function setField(k, v, byUser) {
    const el = fieldEls.find((e) => e.dataset.field === k);
    if (!el) return;
    if (el.type === "checkbox") el.checked = !!v && v !== "否"; else el.value = v || "";
    if (byUser) userSet.add(k);
  }
  function setForm(values, byUser) {
    userSet.clear();
    for (const el of fieldEls) setField(el.dataset.field, values[el.dataset.field] || "", false);
    if (byUser) for (const [k, v] of Object.entries(values)) if (v) userSet.add(k);
  }

  function schedule(delay) {
    clearTimeout(timer);
    setState("typing");
    timer = setTimeout(preview, delay === undefined ? 900 : delay);
  }

  async function post(url, body) {
    return fetch(url, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify(body), credentials: "same-origin" });
  }

  async function preview() {
    const mine = ++seq;
    setState("building");
    $("status").textContent = "排版中…";
    let resp;
    try {
      resp = await post("/api/preview", { text: text.value, form: formValues(), style: $("style").value, doc });
    } catch (e) { $("status").textContent = "无法连接服务器"; setState("error"); return; }
    if (mine !== seq) return;
    if (resp.status === 503) { $("status").textContent = "服务器忙，稍后重试…"; schedule(1000); return; }
    const data = await resp.json();
    if (!resp.ok) { $("status").textContent = data.error || "出错了"; setState("error"); return; }
    await show(data);
  }

  async function show(data) {
    doc = data.doc; result = data.id; findings = data.findings || [];
    for (const [k, v] of Object.entries(data.fields || {})) if (!userSet.has(k)) setField(k, v, false);
    for (const el of fieldEls) {
      const err = (data.field_errors || {})[el.dataset.field];
      el.classList.toggle("bad", !!err);
      el.title = err || "";
    }
    paintKinds(data.kinds || []);
    showFindings(findings);
    const blocked = $("blocked");
    blocked.hidden = !data.blocked;
    blocked.textContent = data.blocked || "";
    const ok = !data.blocked && data.id;
    for (const a of document.querySelectorAll("a.dl")) {
      a.classList.toggle("disabled", !ok);
      a.href = ok ? `/api/result/${data.id}/file.${a.dataset.fmt}` : "#";
    }
    $("btn-print").disabled = !ok;
    showPages(ok ? data.pages : 0);
    $("page-count").textContent = ok ? `共 ${data.pages} 页` : "";
    $("status").textContent = ok ? `${Math.round((data.seconds || 0) * 1000)} 毫秒` : "";
    const fonts = $("notice-fonts");
    const si = data.stand_ins || [];
    fonts.hidden = si.length === 0;
    fonts.textContent = si.length ? "未找到正式公文字体，预览和 PDF 暂用免费字体代替：" +
      si.map(([o, f]) => `${o} → ${f}`).join("；") + "。把正式字体放入 fonts/ 文件夹或启动时用 --font-dir 指定。DOCX 仍标正式字体。" : "";
    document.body.dataset.result = data.id || "";
    document.body.dataset.pages = ok ? String(data.pages) : "0";
    await loadHistory();  // the history lists this issue before the page says it is ready
    setState(ok ? "ready" : "blocked");
  }

  function paintKinds(kinds) {
    lastKinds = kinds;
    const lines = text.value.split("\n");
    backdrop.textContent = "";
    lines.forEach((line, i) => {
      const div = document.createElement("div");
      const kind = kinds[i] || "blank";
      div.className = "ln k-" + kind;
      div.textContent = line + "\u200b";
      if (KIND_ZH[kind]) div.dataset.kind = KIND_ZH[kind];
      backdrop.appendChild(div);
    });
    backdrop.scrollTop = text.scrollTop;
  }

  function showFindings(list) {
    const box = $("findings");
    box.textContent = "";
    let fixable = 0;
    for (const [sev, zh] of SEV) {
      const items = list.map((f, i) => [f, i]).filter(([f]) => f.severity === sev);
      if (!items.length) continue;
      const group = document.createElement("details");
      group.className = "group sev-" + sev;
      group.open = sev !== "info";  // 提示 are what the parser guessed: folded until asked
      const h = document.createElement("summary");
      h.className = "sev-" + sev;
      h.textContent = `${zh}（${items.length}）`;
      group.appendChild(h);
      const ul = document.createElement("ul");
      for (const [f, i] of items) {
        const li = document.createElement("li");
        li.className = "finding sev-" + sev;
        li.dataset.code = f.code;
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = f.line ? `第${f.line}行` : "全文";
        const msg = document.createElement("span");
        msg.className = "msg";
        msg.textContent = f.message;
        li.append(where, msg);
        if (f.line) {
          li.tabIndex = 0;
          li.addEventListener("click", () => selectLine(f));
          li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") selectLine(f); });
        }
        if (f.fix !== null && f.fix !== undefined) {
          fixable++;
          const b = document.createElement("button");
          b.type = "button"; b.className = "fix";
          b.textContent = f.fix === "" ? "删除" : `改为「${f.fix}」`;
          b.addEventListener("click", (ev) => { ev.stopPropagation(); applyFix(i); });
          li.appendChild(b);
        }
        ul.appendChild(li);
      }
      group.appendChild(ul);
      box.appendChild(group);
    }
    if (!list.length) { const p = document.createElement("p"); p.className = "none"; p.textContent = "没有发现问题"; box.appendChild(p); }
    $("btn-fix-all").disabled = fixable === 0;
  }

  function selectLine(f) {
    const lines = text.value.split("\n");
    let start = 0;
    for (let i = 0; i < f.line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    const len = (lines[f.line - 1] || "").length;
    let a = start, b = start + len;
    if (f.col && f.end_line === f.line && f.end_col > f.col) { a = start + f.col - 1; b = start + f.end_col - 1; }
    text.focus();
    text.setSelectionRange(a, b);
    const row = backdrop.children[f.line - 1];
    if (row) text.scrollTop = Math.max(0, row.offsetTop - 40);
  }

  async function applyFix(index) {
    if (!result) return;
    const resp = await post("/api/fix", { id: result, index, text: text.value });
    const data = await resp.json();
    if (resp.status === 409) { $("status").textContent = data.error; schedule(0); return; }
    if (!resp.ok) { $("status").textContent = data.error || "出错了"; return; }
    text.value = data.text;
    schedule(0);
  }

  function showPages(n) {
    const box = $("pages");
    box.textContent = "";
    for (let i = 1; i <= n; i++) {
      const img = document.createElement("img");
      img.className = "page";
      img.alt = `第${i}页`;
      img.loading = i <= 2 ? "eager" : "lazy";
      img.src = `/api/result/${result}/page/${i}.png?size=s`;
      img.addEventListener("click", () => zoom(i));
      box.appendChild(img);
    }
  }

  function zoom(i) {
    $("zoom-img").src = `/api/result/${result}/page/${i}.png?size=l`;
    $("zoom").hidden = false;
  }

  async function openFiles(files) {
    if (!files || !files.length) return;
    const fd = new FormData();
    for (const f of files) fd.append("files", f, f.name);
    $("status").textContent = "读取文件…";
    const resp = await fetch("/api/open", { method: "POST", body: fd, credentials: "same-origin" });
    const data = await resp.json();
    if (!resp.ok) { $("status").textContent = data.error || "无法读取"; setState("error"); return; }
    text.value = data.text;
    const form = formValues();
    for (const [k, v] of Object.entries(data.form || {})) if (v) form[k] = v;
    setForm(form, true);
    doc = null;
    schedule(0);
  }

  async function loadHistory() {
    const resp = await fetch("/api/history", { credentials: "same-origin" });
    if (!resp.ok) return;
    const data = await resp.json();
    const ol = $("history");
    ol.textContent = "";
    for (const e of data.entries) {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "hist" + (e.id === doc ? " current" : "");
      b.textContent = e.title;
      b.title = new Date(e.updated * 1000).toLocaleString("zh-CN");
      b.addEventListener("click", () => reopen(e.id));
      li.appendChild(b);
      ol.appendChild(li);
    }
  }

  async function reopen(id) {
    const resp = await fetch(`/api/history/${id}`, { credentials: "same-origin" });
    if (!resp.ok) return;
    const rec = await resp.json();
    doc = rec.id;
    text.value = rec.text || "";
    setForm(rec.form || {}, true);
    if (rec.style) $("style").value = rec.style;
    schedule(0);
  }

  async function nextIssue() {
    const resp = await post("/api/next", { doc });
    const data = await resp.json();
    if (!resp.ok) { $("status").textContent = data.error || "出错了"; return; }
    doc = data.doc;
    text.value = data.text || "";
    setForm(data.form || {}, true);
    if (data.style) $("style").value = data.style;
    schedule(0);
    text.focus();
  }

  // while typing, the last colours are kept (a new line is uncoloured until the preview)
  text.addEventListener("input", () => { paintKinds(lastKinds); schedule(); });
  text.addEventListener("scroll", () => { backdrop.scrollTop = text.scrollTop; });
  for (const el of fieldEls) el.addEventListener("input", () => {
    // a field emptied by the user goes back to what the text says
    if (fieldValue(el) === "") userSet.delete(el.dataset.field); else userSet.add(el.dataset.field);
    schedule();
  });
  $("style").addEventListener("change", () => schedule(0));
  $("btn-fix-all").addEventListener("click", () => applyFix("all"));
  $("btn-next").addEventListener("click", nextIssue);
  $("btn-print").addEventListener("click", () => { if (result) window.open(`/api/result/${result}/file.pdf?inline=1`, "_blank"); });
  $("zoom").addEventListener("click", () => { $("zoom").hidden = true; });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") $("zoom").hidden = true; });
  $("file").addEventListener("change", (ev) => openFiles(ev.target.files));
  for (const a of document.querySelectorAll("a.dl")) a.addEventListener("click", (ev) => { if (a.classList.contains("disabled")) ev.preventDefault(); });
  const drop = $("drop");
  for (const t of [drop, text]) {
    t.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
    t.addEventListener("dragleave", () => drop.classList.remove("over"));
    t.addEventListener("drop", (ev) => { ev.preventDefault(); drop.classList.remove("over"); openFiles(ev.dataTransfer.files); });
  }
  setState("idle");
  loadHistory();
  if (text.value.trim()) schedule(0);
})();

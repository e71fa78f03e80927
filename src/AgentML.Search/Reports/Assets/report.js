// AgentML report: shows a node's details when it is clicked in the tree, the plot or the table. No network, no libraries.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var panel = document.getElementById("details");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(v) { return v === null || v === undefined ? "—" : Number(v).toPrecision(6).replace(/\.?0+(e|$)/, "$1"); }
  function secs(v) { return v === null || v === undefined ? "—" : v < 120 ? v.toFixed(1) + " s" : Math.floor(v / 60) + " min " + Math.round(v % 60) + " s"; }
  function mib(b) { return b === null || b === undefined ? "—" : (b / 1048576).toFixed(0) + " MiB"; }
  function link(id) {
    var a = el("a", null, id);
    a.href = "#" + id;
    a.addEventListener("click", function (ev) { ev.preventDefault(); select(id, true); });
    return a;
  }

  function kv(rows) {
    var box = el("div", "kv");
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "") return;
      box.appendChild(el("div", null, r[0]));
      var v = el("div");
      if (r[1] instanceof Node) v.appendChild(r[1]); else v.textContent = String(r[1]);
      box.appendChild(v);
    });
    return box;
  }

  function planView(n) {
    var box = el("pre", "plan");
    if (!n.planDiff) { box.textContent = n.plan || "(no plan)"; return box; }
    var same = 0;
    function flush() {
      if (same > 0) box.appendChild(el("div", "same", "… " + same + " line" + (same > 1 ? "s" : "") + " as in " + n.parents[0]));
      same = 0;
    }
    n.planDiff.forEach(function (line) {
      if (line[0] === " ") { same++; return; }
      flush();
      box.appendChild(el("div", line[0] === "+" ? "add" : "del", line.substring(1) || " "));
    });
    flush();
    if (!box.childNodes.length) box.textContent = "(same plan as " + n.parents[0] + ")";
    return box;
  }

  function diffView(lines) {
    var box = el("pre", "diff");
    if (!lines.some(function (l) { return l !== null; })) { box.appendChild(el("div", "gap", "(no change)")); return box; }
    lines.forEach(function (l) {
      if (l === null) { box.appendChild(el("div", "gap", "⋯")); return; }
      box.appendChild(el("div", l[0] === "+" ? "add" : l[0] === "-" ? "del" : null, l));
    });
    return box;
  }

  function codeView(n) {
    var wrap = el("div", "code");
    var tabs = el("div", "tabs");
    var body = el("div");
    var views = n.codeDiffs.map(function (d) { return { name: "diff vs " + d.parent, make: function () { return diffView(d.lines); } }; });
    views.push({ name: "full code", make: function () { var p = el("pre", "full-code", n.code || "(no code)"); return p; } });
    var buttons = views.map(function (v) {
      var b = el("button", null, v.name);
      b.type = "button";
      b.addEventListener("click", function () {
        buttons.forEach(function (x) { x.classList.remove("on"); });
        b.classList.add("on");
        body.replaceChildren(v.make());
      });
      tabs.appendChild(b);
      return b;
    });
    wrap.appendChild(tabs);
    wrap.appendChild(body);
    buttons[0].click();
    return wrap;
  }

  function render(n) {
    panel.replaceChildren();
    var h = el("h3", null, n.id + " · " + n.op + " · " + n.status + (n.id === data.bestNodeId ? " · best" : "") + (n.id === data.finalNodeId ? " · submitted" : ""));
    panel.appendChild(h);
    var parents = null;
    if (n.parents.length) {
      parents = el("span");
      n.parents.forEach(function (p, i) { if (i) parents.appendChild(document.createTextNode(", ")); parents.appendChild(link(p)); });
    }
    var children = data.nodes.filter(function (c) { return c.parents.indexOf(n.id) >= 0; });
    var kids = null;
    if (children.length) {
      kids = el("span");
      children.slice(0, 30).forEach(function (c, i) { if (i) kids.appendChild(document.createTextNode(" ")); kids.appendChild(link(c.id)); });
      if (children.length > 30) kids.appendChild(document.createTextNode(" … " + (children.length - 30) + " more"));
    }
    panel.appendChild(kv([
      ["score (" + data.metric + ")", fmt(n.score)],
      ["low-fidelity score", n.lowScore === null ? null : fmt(n.lowScore)],
      ["check-set score", n.checkScore === null || n.checkScore === undefined ? null : fmt(n.checkScore)],
      ["leaky", n.leaky ? "yes: out-of-fold score far better than the check score" : null],
      ["ensemble weight", n.weight === null || n.weight === undefined ? null : fmt(n.weight)],
      ["outcome", n.outcome],
      ["duration", secs(n.duration)],
      ["peak memory", mib(n.memory)],
      ["tokens", (n.tokensIn + n.tokensOut) ? n.tokensIn + " in / " + n.tokensOut + " out" : "0 (builtin)"],
      ["cost", n.cost ? "$" + Number(n.cost).toFixed(4) : "$0"],
      ["agent", n.agent ? n.agent + (n.model && n.model !== n.agent ? " (" + n.model + ")" : "") : null],
      ["finished at", n.finished === null ? null : secs(n.finished) + " into the run"],
      ["parents", parents],
      ["children", kids]
    ]));
    if (n.error) { panel.appendChild(el("h4", null, "error")); panel.appendChild(el("pre", "err", n.error)); }
    if (n.foldScores && n.foldScores.length) {
      panel.appendChild(el("h4", null, "fold scores"));
      var folds = el("div", "folds");
      n.foldScores.forEach(function (s, i) { folds.appendChild(el("span", null, "fold " + (i + 1) + ": " + fmt(s))); });
      panel.appendChild(folds);
    }
    if (n.metrics.length) {
      panel.appendChild(el("h4", null, "metric lines printed by the program"));
      var t = el("table", "grid");
      var head = el("tr");
      ["name", "step", "value"].forEach(function (c) { head.appendChild(el("th", null, c)); });
      t.appendChild(head);
      n.metrics.forEach(function (m) {
        var tr = el("tr");
        tr.appendChild(el("td", null, m[0])); tr.appendChild(el("td", "num", m[1])); tr.appendChild(el("td", "num", fmt(m[2])));
        t.appendChild(tr);
      });
      panel.appendChild(t);
    }
    if (n.runs.length > 1) {
      panel.appendChild(el("h4", null, "sandbox runs"));
      var rt = el("table", "grid");
      n.runs.forEach(function (r) {
        var tr = el("tr");
        [r.fidelity + (r.trainFraction < 1 ? " (" + Math.round(r.trainFraction * 100) + " % of rows)" : ""), r.reason, secs(r.durationSeconds), fmt(r.score)]
          .forEach(function (c) { tr.appendChild(el("td", null, c)); });
        rt.appendChild(tr);
      });
      panel.appendChild(rt);
    }
    panel.appendChild(el("h4", null, n.planDiff ? "plan (what differs from " + n.parents[0] + ")" : "plan"));
    panel.appendChild(planView(n));
    panel.appendChild(el("h4", null, "code"));
    panel.appendChild(codeView(n));
    if (n.notes.length) { panel.appendChild(el("h4", null, "notes")); panel.appendChild(el("pre", null, n.notes.join("\n"))); }
    panel.appendChild(el("h4", null, "log tail"));
    panel.appendChild(el("pre", "log", n.log || "(no output)"));
  }

  function select(id, scroll) {
    var n = byId[id];
    if (!n) return;
    document.querySelectorAll(".selected").forEach(function (e) { e.classList.remove("selected"); });
    document.querySelectorAll('[data-id="' + id + '"]').forEach(function (e) { if (e.tagName !== "TR") e.classList.add("selected"); });
    render(n);
    panel.scrollTop = 0;
    if (history.replaceState) history.replaceState(null, "", "#" + id);
    if (scroll) {
      var g = document.querySelector('#tree [data-id="' + id + '"]');
      if (g && g.scrollIntoView) g.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  document.querySelectorAll("#tree .node, #score-plot .pt[data-id], table.nodes tr[data-id]").forEach(function (e) {
    e.addEventListener("click", function () { select(e.getAttribute("data-id"), e.tagName === "TR"); });
    e.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(e.getAttribute("data-id"), false); });
  });
  var first = location.hash.length > 1 ? location.hash.substring(1) : data.bestNodeId || (data.nodes[0] && data.nodes[0].id);
  if (first) select(first, true);
})();

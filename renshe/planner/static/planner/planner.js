/* 社保规划师 page: the step-by-step form and the three ECharts charts.
   Served as a static file (the CSP forbids inline scripts); the plan arrives as JSON in
   <script type="application/json" id="plan-data"> rendered by Django's json_script. */
(function () {
  "use strict";

  function steps() {
    var form = document.getElementById("planner-form");
    if (!form) return;
    var sets = Array.prototype.slice.call(form.querySelectorAll("fieldset.step"));
    var current = 0;
    sets.forEach(function (fs, i) { if (current === 0 && fs.querySelector(".invalid")) current = i; });
    function show(i) {
      current = i;
      sets.forEach(function (fs, j) { fs.hidden = j !== i; });
    }
    sets.forEach(function (fs, i) {
      var nav = fs.querySelector(".step-nav");
      if (i > 0) nav.appendChild(button("上一步", function () { show(i - 1); }));
      if (i < sets.length - 1) nav.appendChild(button("下一步", function () { show(i + 1); }, "next"));
    });
    form.classList.add("stepped");
    show(current);
  }

  function button(text, onClick, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.className = "step-btn" + (cls ? " " + cls : "");
    b.addEventListener("click", onClick);
    return b;
  }

  // “Nothing personal is stored unless the user chooses to save it” (issue 3): the visitor may
  // ask this browser to remember the form, in localStorage on the phone only; the server never
  // stores it. Unticking the box, or “清除”, forgets it.
  var SAVED = "renshe.planner.form.v1";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }  // blocked in some private modes
  }

  function remember() {
    var form = document.getElementById("planner-form");
    var store = storage();
    if (!form || !store) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name]:not([type=hidden]), select[name]"));
    var saved = null;
    try { saved = JSON.parse(store.getItem(SAVED) || "null"); } catch (e) { saved = null; }

    var row = document.createElement("div");
    row.className = "remember";
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "remember-me";
    box.checked = !!saved;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" 在本机记住我填写的内容（只存在这台设备的浏览器里，不上传保存）"));
    row.appendChild(label);
    form.insertBefore(row, document.getElementById("plan-submit"));

    // A fresh page (no plan, no errors) is filled from what was saved; a posted page already
    // shows what was just sent.
    if (saved && !document.getElementById("plan-result") && !form.querySelector(".error-box")) {
      inputs.forEach(function (el) { if (Object.prototype.hasOwnProperty.call(saved, el.name)) el.value = saved[el.name]; });
      var note = document.createElement("p");
      note.className = "remember-note";
      note.id = "remember-note";
      note.appendChild(document.createTextNode("已填入您保存在本机的内容。"));
      note.appendChild(button("清除", function () {
        store.removeItem(SAVED);
        window.location.replace(window.location.pathname);
      }, "forget"));
      form.insertBefore(note, form.firstChild);
    }
    form.addEventListener("submit", function () {
      if (!box.checked) { store.removeItem(SAVED); return; }
      var data = {};
      inputs.forEach(function (el) { data[el.name] = el.value; });
      store.setItem(SAVED, JSON.stringify(data));
    });
  }

  // The list of every option: on a phone 60-odd options are several screens long, so the
  // recommended one comes first, then the best by lifetime value, FIRST at a time with a button
  // for the rest; the visitor can sort by cost or pension and hide what they cannot afford.
  // Without script the server's full list (by scheme and tier) stands.
  var FIRST = 10;

  function optionList() {
    var box = document.getElementById("options");
    var tools = document.querySelector(".option-tools");
    var more = document.getElementById("opt-more");
    if (!box || !tools || !more) return;
    var items = Array.prototype.slice.call(box.querySelectorAll("details.opt"));
    items.forEach(function (d, i) { d.dataset.kind = i; });
    var sort = document.getElementById("opt-sort");
    var onlyAffordable = document.getElementById("opt-affordable");
    var expanded = false;
    var num = function (d, k) { return Number(d.dataset[k]); };
    var chosen = function (d) { return d.classList.contains("chosen") ? 1 : 0; };
    var orders = {
      // the recommendation first (the best the household can afford), then by lifetime value
      value: function (a, b) { return chosen(b) - chosen(a) || num(b, "value") - num(a, "value"); },
      cost: function (a, b) { return num(a, "cost") - num(b, "cost") || num(b, "value") - num(a, "value"); },
      pension: function (a, b) { return num(b, "pension") - num(a, "pension") || num(a, "cost") - num(b, "cost"); },
      kind: function (a, b) { return num(a, "kind") - num(b, "kind"); }
    };
    function render() {
      var shown = items.filter(function (d) { return !onlyAffordable.checked || d.hasAttribute("data-affordable"); });
      var rest = items.filter(function (d) { return shown.indexOf(d) < 0; });
      shown.sort(orders[sort.value]);
      shown.concat(rest).forEach(function (d) { box.appendChild(d); });
      shown.forEach(function (d, i) { d.hidden = !expanded && i >= FIRST; });
      rest.forEach(function (d) { d.hidden = true; });
      more.hidden = expanded || shown.length <= FIRST;
      more.textContent = "显示全部 " + shown.length + " 个方案";
    }
    sort.addEventListener("change", render);
    onlyAffordable.addEventListener("change", render);
    more.addEventListener("click", function () { expanded = true; render(); });
    tools.hidden = false;
    render();
  }

  // An option's citations point into the “计算依据” list at the foot of the plan, which is
  // folded: open it before the browser scrolls to the step.
  function traceLinks() {
    var box = document.getElementById("trace");
    if (!box) return;
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest('a[href^="#trace-"]');
      if (a) box.open = true;
    });
  }

  function yuan(x) { return x == null ? "—" : Number(x).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }

  function charts() {
    var el = document.getElementById("plan-data");
    if (!el || typeof echarts === "undefined") return;
    var plan = JSON.parse(el.textContent);
    var rec = plan.recommended;
    var all = [];

    // 1. Each option: monthly cost (x) against monthly pension (y).
    var opts = echarts.init(document.getElementById("chart-options"));
    var groups = { affordable: [], unaffordable: [], chosen: [] };
    plan.options.forEach(function (o) {
      var p = [o.monthly_cost, o.monthly_pension, o.label, o.lifetime_value];
      if (rec && o.key === rec.key) groups.chosen.push(p);
      else if (o.affordable) groups.affordable.push(p);
      else groups.unaffordable.push(p);
    });
    opts.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 56, bottom: 44 },
      legend: { top: 0, left: "center", data: ["负担得起", "负担不起", "推荐"] },
      tooltip: { trigger: "item", confine: true, formatter: function (p) {
        return p.data[2] + "<br>每月缴费 " + yuan(p.data[0]) + " 元<br>每月养老金 " + yuan(p.data[1]) + " 元<br>终身净收益 " + yuan(p.data[3]) + " 元";
      } },
      xAxis: { type: "value", name: "每月缴费（元）", nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "value", name: "每月养老金（元）", nameGap: 12, nameTextStyle: { align: "left" } },
      series: [
        { name: "负担得起", type: "scatter", data: groups.affordable, symbolSize: 9, itemStyle: { color: "#5b8ff9" } },
        { name: "负担不起", type: "scatter", data: groups.unaffordable, symbolSize: 9, itemStyle: { color: "#bfbfbf" } },
        { name: "推荐", type: "scatter", data: groups.chosen, symbolSize: 18, symbol: "pin", itemStyle: { color: "#e8684a" } }
      ]
    });
    all.push(opts);

    // 2. Cumulative cash flow of the recommended option, with the break-even point.
    var cash = echarts.init(document.getElementById("chart-cashflow"));
    var points = plan.cashflow.map(function (c) { return [c.age, c.cumulative]; });
    var mark = rec && rec.break_even_age ? [{ xAxis: rec.break_even_age, label: { formatter: "回本 " + rec.break_even_age + " 岁" } }] : [];
    cash.setOption({
      animation: false,
      grid: { left: 70, right: 16, top: 24, bottom: 44 },
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return yuan(v) + " 元"; } },
      xAxis: { type: "value", name: "年龄", nameLocation: "middle", nameGap: 28, min: "dataMin", max: "dataMax" },
      yAxis: { type: "value", name: "累计（元）" },
      series: [{ name: "累计现金流", type: "line", showSymbol: false, data: points, areaStyle: { opacity: 0.15 },
        markLine: { symbol: "none", data: mark, lineStyle: { color: "#e8684a" } } }]
    });
    all.push(cash);

    // 3. How the recommendation moves with each assumption.
    var sens = echarts.init(document.getElementById("chart-sensitivity"));
    var pick = document.getElementById("sens-pick");
    var byName = {};
    plan.sensitivity.forEach(function (s) { (byName[s.assumption] = byName[s.assumption] || []).push(s); });
    Object.keys(byName).forEach(function (k) {
      var o = document.createElement("option");
      o.value = k; o.textContent = byName[k][0].label; pick.appendChild(o);
    });
    function drawSens() {
      var pts = byName[pick.value] || [];
      var pct = pick.value !== "life_expectancy";
      sens.setOption({
        animation: false,
        grid: { left: 70, right: 40, top: 56, bottom: 44 },
        tooltip: { trigger: "item", confine: true, formatter: function (p) {
          var s = pts[p.dataIndex];
          return s.label + " " + (pct ? (s.value * 100).toFixed(1) + "%" : s.value + " 岁") + "<br>推荐：" + (s.recommended_label || "无") + "<br>终身净收益 " + yuan(s.lifetime_value) + " 元";
        } },
        xAxis: { type: "category", data: pts.map(function (s) { return pct ? (s.value * 100).toFixed(1) + "%" : s.value + "岁"; }) },
        // headroom above the highest point, so its label stays clear of the axis name
        yAxis: { type: "value", name: "推荐方案终身净收益（元）", nameTextStyle: { align: "left" }, boundaryGap: [0, "30%"] },
        series: [{ type: "line", data: pts.map(function (s) {
          var same = rec && s.recommended === rec.key;
          return { value: s.lifetime_value, symbolSize: same ? 8 : 14, itemStyle: { color: same ? "#5b8ff9" : "#e8684a" } };
        }), labelLayout: { hideOverlap: true },
        label: { show: true, position: "top", fontSize: 10, width: 96, overflow: "break", formatter: function (p) {
          var s = pts[p.dataIndex]; return rec && s.recommended === rec.key ? "" : (s.recommended_label || "无");
        } } }]
      }, true);
    }
    pick.addEventListener("change", drawSens);
    drawSens();
    all.push(sens);
    window.addEventListener("resize", function () { all.forEach(function (c) { c.resize(); }); });
    document.body.setAttribute("data-charts", "ready");
  }

  document.addEventListener("DOMContentLoaded", function () { remember(); steps(); optionList(); traceLinks(); charts(); });
})();

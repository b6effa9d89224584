// Trend by month on the leaders' dashboard (ECharts, vendored). Data comes from the
// page's <script type="application/json" id="trend-data">, so no inline script is needed (CSP).
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("trend-chart");
    var data = document.getElementById("trend-data");
    if (!el || !data || typeof window.echarts === "undefined") return;
    var t = JSON.parse(data.textContent);
    if (!t.months.length) { el.textContent = "暂无数据"; return; }
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["红色", "橙色", "估算欠发金额（元）"] },
      grid: { top: 50, left: 50, right: 80, bottom: 30 },
      xAxis: { type: "category", data: t.months },
      // counts of alerts tick in whole numbers (a fraction of an alert means nothing)
      yAxis: [{ type: "value", name: "件", minInterval: 1 }, { type: "value", name: "元" }],
      series: [
        { name: "红色", type: "bar", stack: "n", data: t.red, itemStyle: { color: "#d93025" } },
        { name: "橙色", type: "bar", stack: "n", data: t.orange, itemStyle: { color: "#e37400" } },
        { name: "估算欠发金额（元）", type: "line", yAxisIndex: 1, data: t.amount, itemStyle: { color: "#1a73e8" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();

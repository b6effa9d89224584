// The KPI page's chart: the four rates per group (lines) over the count of requests (bars).
(function () {
  var el = document.getElementById("kpi-chart");
  var src = document.getElementById("kpi-data");
  if (!el || !src || !window.echarts) return;
  var d = JSON.parse(src.textContent);
  var series = [{ name: "登记件数", type: "bar", yAxisIndex: 1, data: d.received, itemStyle: { color: "#c9d6e8" } }];
  Object.keys(d.series).forEach(function (name) {
    series.push({ name: name, type: "line", data: d.series[name], connectNulls: true });
  });
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 48, right: 56, top: 40, bottom: 60 },
    xAxis: { type: "category", data: d.labels, axisLabel: { rotate: d.labels.length > 6 ? 30 : 0 } },
    yAxis: [{ type: "value", name: "%", min: function (v) { return Math.max(0, Math.floor(v.min - 5)); }, max: 100 },
            { type: "value", name: "件", minInterval: 1 }],  // counts tick in whole numbers
    series: series,
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();

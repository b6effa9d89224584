// 调解仲裁指标: cases received, mediated and awarded by month, and the mean days to an award.
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const el = document.getElementById("chart-months");
  if (!el || !window.echarts) return;
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: ["收案", "调解结案", "裁决结案", "平均裁决天数"] },
    xAxis: { type: "category", data: data.months },
    yAxis: [{ type: "value", name: "件" }, { type: "value", name: "天" }],
    series: [
      { name: "收案", type: "bar", data: data.received },
      { name: "调解结案", type: "bar", data: data.mediated },
      { name: "裁决结案", type: "bar", data: data.awarded },
      { name: "平均裁决天数", type: "line", yAxisIndex: 1, data: data.days_award },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
});

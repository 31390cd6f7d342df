// Renders the statistics charts from the JSON data block (no inline script: Content-Security-Policy).
(function () {
  var source = document.getElementById("statistics-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b4f8a", "#2a7ab8", "#4fa3d9", "#f0a202", "#d1495b", "#66a182", "#8d6a9f", "#edae49"];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var series = data[el.getAttribute("data-chart")];
    if (!series) { return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    var option;
    if (el.getAttribute("data-kind") === "pie") {
      option = {
        color: palette,
        tooltip: { trigger: "item" },
        legend: { bottom: 0, type: "scroll" },
        series: [{ type: "pie", radius: ["35%", "65%"], data: series, label: { formatter: "{b}: {c}" } }]
      };
    } else {
      option = {
        color: palette,
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 16, top: 16, bottom: 90 },
        xAxis: { type: "category", data: series.labels, axisLabel: { rotate: 40, interval: 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: series.values, barMaxWidth: 28 }]
      };
    }
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();

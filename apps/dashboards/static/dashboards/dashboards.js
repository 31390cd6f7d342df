// The dashboards' charts, from the page's JSON data block (no inline script: Content-Security-Policy). Every data
// item carries the URL of the list behind it: a click on a bar, a slice, a map region or a point opens it.
(function () {
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b4f8a", "#66a182", "#d1495b", "#f0a202", "#8d6a9f", "#2a7ab8", "#edae49", "#4fa3d9"];

  function open(params) {
    var url = params.data && params.data.url;
    if (url) { window.location.href = url; }
  }

  function pie(items) {
    return {
      color: palette,
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, type: "scroll" },
      series: [{ type: "pie", radius: ["35%", "62%"], center: ["50%", "45%"], data: items, label: { formatter: "{b}: {c}" } }]
    };
  }

  function bar(items) {
    return {
      color: palette,
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 16, bottom: 70 },
      xAxis: { type: "category", data: items.map(function (i) { return i.name; }), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: items, barMaxWidth: 36, label: { show: true, position: "top" } }]
    };
  }

  // {labels, series: [{name, data: [{value, url}]}]}: grouped ("group") or stacked ("stack"), vertical.
  function columns(chart, stacked, unit) {
    return {
      color: palette,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : v.toLocaleString() + (unit ? " " + unit : ""); } },
      legend: { top: 0 },
      grid: { left: 80, right: 16, top: 36, bottom: 60 },
      xAxis: { type: "category", data: chart.labels, axisLabel: { interval: 0, rotate: chart.labels.length > 4 ? 25 : 0, width: 140, overflow: "truncate" } },
      yAxis: { type: "value", minInterval: stacked ? 1 : 0 },
      series: chart.series.map(function (s) {
        return { name: s.name, type: "bar", stack: stacked ? "all" : undefined, data: s.data, barMaxWidth: 36 };
      })
    };
  }

  // Horizontal stacked bars, one row per label (KPI completion across centers).
  function rows(chart, el) {
    el.style.height = Math.max(220, chart.labels.length * 34 + 80) + "px";
    return {
      color: ["#66a182", "#d1495b", "#f0a202", "#adb5bd"],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 36, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: chart.labels, axisLabel: { width: 320, overflow: "truncate" } },
      series: chart.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", data: s.data, barMaxWidth: 22, label: { show: true, formatter: function (p) { return p.value ? p.value : ""; } } };
      })
    };
  }

  function map(el, chart) {
    fetch(el.getAttribute("data-map-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geo) {
        echarts.registerMap("neimenggu", geo);
        var max = Math.max.apply(null, data.map_regions.map(function (r) { return r.value; }).concat([1]));
        chart.setOption({
          tooltip: { trigger: "item", formatter: function (p) { var v = Array.isArray(p.value) ? p.value[2] : p.value; return p.name + ": " + (v || 0); } },
          visualMap: { min: 0, max: max, left: 8, bottom: 8, calculable: false, seriesIndex: 0, inRange: { color: ["#e8f1fa", "#0b4f8a"] } },
          geo: { map: "neimenggu", roam: false, top: 8, bottom: 8, left: 40, right: 8, label: { show: true, fontSize: 10 }, itemStyle: { areaColor: "#e8f1fa", borderColor: "#6c8db3" } },
          series: [
            { type: "map", geoIndex: 0, data: data.map_regions },
            {
              type: "effectScatter", coordinateSystem: "geo", name: el.getAttribute("data-points-label"),
              data: data.map_points, symbolSize: function (v) { return 10 + Math.min(v[2], 10) * 2; },
              itemStyle: { color: "#d1495b" },
              label: { show: true, position: "right", formatter: function (p) { return p.name + " " + p.value[2]; } }
            }
          ]
        });
        el.setAttribute("data-ready", "1");
      });
  }

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var key = el.getAttribute("data-chart");
    var kind = el.getAttribute("data-kind");
    var chart = echarts.init(el, null, { renderer: "svg" });
    var unit = el.getAttribute("data-unit") || "";
    if (kind === "map") {
      map(el, chart);
    } else {
      var series = data[key];
      if (!series) { return; }
      var option = kind === "pie" ? pie(series) : kind === "bar" ? bar(series)
        : kind === "hstack" ? rows(series, el) : columns(series, kind === "stack", unit);
      chart.resize();
      chart.setOption(option);
      el.setAttribute("data-ready", "1");
    }
    chart.on("click", open);
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();

// The navigation report's charts (templates/navigation/reports/detail.html): ECharts from the results in the
// "report-data" json_script block (no inline script: Content-Security-Policy). Every bar, point, slice and node
// opens the patents behind it: <data-patents-url>?facet=…&value=… (drilldown.patents_behind's facets).
(function () {
  var source = document.getElementById("report-data");
  var holder = document.getElementById("report-charts");
  if (!source || !holder || !window.echarts) { return; }
  var results = JSON.parse(source.textContent) || {};
  var labels = JSON.parse(document.getElementById("report-labels").textContent) || {};
  var patentsUrl = holder.getAttribute("data-patents-url");
  var palette = ["#0b4f8a", "#2a7ab8", "#4fa3d9", "#f0a202", "#d1495b", "#66a182", "#8d6a9f", "#edae49", "#7f7f7f"];

  function open(facet, value) {
    if (value === undefined || value === null || value === "") { return; }
    window.location.href = patentsUrl + "?facet=" + encodeURIComponent(facet) + "&value=" + encodeURIComponent(value);
  }

  function rows(list) { return Array.isArray(list) ? list : []; }

  function bar(items, nameKey, facet, valueKey, horizontal) {
    items = rows(items);
    if (!items.length) { return null; }
    var names = items.map(function (r) { return r[nameKey]; });
    var data = items.map(function (r) { return { value: r.count, drill: r[valueKey] }; });
    var category = { type: "category", data: horizontal ? names.slice().reverse() : names,
      axisLabel: horizontal ? { width: 160, overflow: "truncate" } : { rotate: names.length > 6 ? 40 : 0, interval: 0 } };
    var value = { type: "value", minInterval: 1 };
    return {
      option: {
        color: palette,
        tooltip: { trigger: "axis" },
        grid: horizontal ? { left: 170, right: 24, top: 10, bottom: 24 } : { left: 48, right: 16, top: 16, bottom: 70 },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: [{ type: "bar", data: horizontal ? data.slice().reverse() : data, barMaxWidth: 28 }]
      },
      click: function (p) { if (p.data) { open(facet, p.data.drill); } }
    };
  }

  function pie(items, nameKey, facet, valueKey) {
    items = rows(items).filter(function (r) { return r.count; });
    if (!items.length) { return null; }
    return {
      option: {
        color: palette,
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        legend: { bottom: 0, type: "scroll" },
        series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b}: {c}" },
          data: items.map(function (r) { return { name: r[nameKey], value: r.count, drill: r[valueKey] }; }) }]
      },
      click: function (p) { if (p.data) { open(facet, p.data.drill); } }
    };
  }

  var trend = results.trend || {};
  var applicants = results.applicants || {};
  var ipc = results.ipc || {};
  var regions = results.regions || {};
  var im = results.inner_mongolia || {};
  var network = results.network || {};

  var builders = {
    trend: function () {
      var years = rows(trend.years);
      if (!years.length) { return null; }
      return {
        option: {
          color: palette,
          tooltip: { trigger: "axis" },
          legend: { top: 0 },
          grid: { left: 48, right: 48, top: 36, bottom: 30 },
          xAxis: { type: "category", data: years },
          yAxis: [{ type: "value", name: labels.applications, minInterval: 1 }, { type: "value", name: labels.applicants, minInterval: 1 }],
          series: [
            { name: labels.applications, type: "bar", data: rows(trend.applications), barMaxWidth: 28 },
            { name: labels.applicants, type: "line", yAxisIndex: 1, data: rows(trend.applicants), color: palette[3] }
          ]
        },
        click: function (p) { open("year", years[p.dataIndex]); }
      };
    },
    applicants: function () { return bar(applicants.top, "name", "applicant", "name", true); },
    applicant_types: function () { return pie(applicants.types, "label", "applicant_type", "type"); },
    concentration: function () {
      var top = rows(applicants.top).slice(0, 4);
      var cr4 = applicants.cr4 || 0;
      if (!top.length || cr4 <= 0) { return null; }
      var sum = top.reduce(function (s, r) { return s + r.count; }, 0);
      var items = top.map(function (r) { return { name: r.name, value: r.count, drill: r.name }; });
      items.push({ name: labels.others, value: Math.max(0, Math.round(sum / cr4 - sum)), itemStyle: { color: "#c8ccd1" } });
      return {
        option: {
          color: palette,
          tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
          legend: { bottom: 0, type: "scroll" },
          series: [{ type: "pie", radius: ["35%", "65%"], data: items, label: { formatter: "{b}: {d}%" } }]
        },
        click: function (p) { if (p.data && p.data.drill) { open("applicant", p.data.drill); } }
      };
    },
    subclasses: function () { return bar(ipc.subclasses, "code", "ipc_subclass", "code", false); },
    groups: function () { return bar(ipc.groups, "code", "ipc_group", "code", true); },
    emerging: function () {
      var items = rows(ipc.emerging);
      if (!items.length) { return null; }
      var codes = items.map(function (r) { return r.code; });
      return {
        option: {
          color: palette,
          tooltip: { trigger: "axis" },
          legend: { top: 0 },
          grid: { left: 48, right: 16, top: 36, bottom: 60 },
          xAxis: { type: "category", data: codes, axisLabel: { rotate: codes.length > 6 ? 40 : 0, interval: 0 } },
          yAxis: { type: "value", minInterval: 1 },
          series: [
            { name: labels.recent, type: "bar", data: items.map(function (r) { return r.recent; }) },
            { name: labels.earlier, type: "bar", data: items.map(function (r) { return r.earlier; }) }
          ]
        },
        click: function (p) { open("ipc_subclass", codes[p.dataIndex]); }
      };
    },
    countries: function () { return bar(regions.countries, "name", "country", "code", false); },
    provinces: function () { return bar(regions.provinces, "name", "province", "code", false); },
    prefectures: function () { return bar(regions.prefectures, "name", "prefecture", "code", false); },
    legal_status: function () { return pie(results.legal_status, "label", "legal_status", "status"); },
    key_patents: function () {
      var items = rows(results.key_patents).slice(0, 10);
      if (!items.length) { return null; }
      var names = items.map(function (r) { return r.application_number || r.key; }).reverse();
      var data = items.map(function (r) { return { value: r.score, drill: r.key, title: r.title }; }).reverse();
      return {
        option: {
          color: palette,
          tooltip: { trigger: "item", formatter: function (p) { return p.name + "<br>" + (p.data.title || "") + ": " + p.value; } },
          grid: { left: 130, right: 24, top: 10, bottom: 40 },
          xAxis: { type: "value", name: labels.score, nameLocation: "middle", nameGap: 24 },
          yAxis: { type: "category", data: names },
          series: [{ type: "bar", data: data, barMaxWidth: 22 }]
        },
        click: function (p) { if (p.data) { open("key", p.data.drill); } }
      };
    },
    network: function () {
      var nodes = rows(network.nodes);
      if (!nodes.length) { return null; }
      var largest = Math.max.apply(null, nodes.map(function (n) { return n.count || 1; }));
      var heaviest = Math.max.apply(null, [1].concat(rows(network.links).map(function (l) { return l.weight || 1; })));
      return {
        option: {
          color: palette,
          tooltip: {},
          series: [{
            type: "graph", layout: "force", roam: true, draggable: true,
            force: { repulsion: 700, edgeLength: [80, 220], gravity: 0.06 },
            label: { show: true, position: "right", fontSize: 11 },
            data: nodes.map(function (n) { return { name: n.name, value: n.count, symbolSize: 10 + 30 * (n.count || 1) / largest }; }),
            links: rows(network.links).map(function (l) {
              return { source: l.source, target: l.target, value: l.weight, lineStyle: { width: 1 + 5 * (l.weight || 1) / heaviest } };
            }),
            lineStyle: { color: "#9bb7d4", opacity: 0.8 }
          }]
        },
        click: function (p) { if (p.dataType === "node") { open("applicant", p.data.name); } }
      };
    },
    inner_mongolia: function () {
      var years = rows(im.years);
      if (!years.length) { return null; }
      return {
        option: {
          color: [palette[4], palette[0]],
          tooltip: { trigger: "axis" },
          legend: { top: 0 },
          grid: { left: 48, right: 56, top: 36, bottom: 30 },
          xAxis: { type: "category", data: years },
          yAxis: [{ type: "value", name: labels.inner_mongolia, minInterval: 1 }, { type: "value", name: labels.china, minInterval: 1 }],
          series: [
            { name: labels.inner_mongolia, type: "line", data: rows(im.region_by_year), symbolSize: 8 },
            { name: labels.china, type: "line", yAxisIndex: 1, data: rows(im.nation_by_year), symbolSize: 8 }
          ]
        },
        click: function (p) { open(p.seriesIndex === 0 ? "inner_mongolia_year" : "nation_year", years[p.dataIndex]); }
      };
    }
  };

  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var build = builders[el.getAttribute("data-chart")];
    var made = build ? build() : null;
    if (!made) { el.classList.add("d-none"); return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(made.option);
    chart.on("click", made.click);
    el.style.cursor = "pointer";
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

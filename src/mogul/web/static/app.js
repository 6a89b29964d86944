// mogul dashboard: draws each chart from the JSON block its page carries (no inline script: the
// Content-Security-Policy is default-src 'self'), with uPlot (vendor/uplot).
(function () {
  "use strict";

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
  }

  function money(sign) {
    return function (cents) {
      if (cents == null) return "";
      var value = cents / 100;
      var text = Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
      return (value < 0 ? "−" : "") + sign + text;
    };
  }

  function formatter(unit, sign) {
    if (unit === "percent") return function (v) { return v == null ? "" : v.toFixed(2) + "%"; };
    if (unit === "count") return function (v) { return v == null ? "" : v.toLocaleString("en-US"); };
    return money(sign);
  }

  // Movement bars stacked: gains above zero, losses below. Each drawn series is the running sum of its
  // own and the ones under it, drawn outermost first so the inner ones cover them.
  var GAINS = [["mrr-new-business", "--new"], ["mrr-expansion", "--exp"], ["mrr-reactivation", "--react"]];
  var LOSSES = [["mrr-contraction", "--con"], ["mrr-churn", "--churn"]];

  function stacked(data, order) {
    var byKey = {};
    data.series.forEach(function (s) { byKey[s.key] = s; });
    var running = data.x.map(function () { return 0; });
    var layers = order.map(function (pair) {
      var s = byKey[pair[0]];
      running = running.map(function (v, i) { return v + (s.values[i] || 0); });
      return { label: s.label, values: running.slice(), color: css(pair[1]), own: s.values };
    });
    return layers.reverse();
  }

  function options(el, data) {
    var sign = data.money || "$";
    var width = Math.max(el.clientWidth, 300);
    var base = {
      width: width,
      height: 320,
      cursor: { focus: { prox: 16 } },
      legend: { live: true },
      axes: [
        { stroke: css("--muted"), grid: { stroke: css("--line") }, ticks: { stroke: css("--line") } },
      ],
      series: [{}],
    };
    var rows = [data.x];
    if (data.kind === "mrr") {
      var bars = uPlot.paths.bars({ size: [0.7, 60] });
      var fmtMoney = money(sign);
      stacked(data, GAINS).concat(stacked(data, LOSSES)).forEach(function (layer) {
        base.series.push({ label: layer.label, scale: "mov", fill: layer.color, stroke: layer.color, paths: bars, points: { show: false },
          value: function (u, v, si, i) { return i == null ? "" : fmtMoney(layer.own[i]); } });
        rows.push(layer.values);
      });
      var line = data.series[0];
      base.series.push({ label: line.label, scale: "mrr", stroke: css("--mrr"), width: 2, value: function (u, v) { return fmtMoney(v); } });
      rows.push(line.values);
      base.scales = { mov: { range: function (u, lo, hi) { var m = Math.max(Math.abs(lo), Math.abs(hi), 1); return [-m, m]; } } };
      base.axes.push({ scale: "mrr", stroke: css("--muted"), grid: { stroke: css("--line") }, values: function (u, vals) { return vals.map(fmtMoney); }, size: 80 });
      base.axes.push({ scale: "mov", side: 1, stroke: css("--muted"), grid: { show: false }, values: function (u, vals) { return vals.map(fmtMoney); }, size: 80 });
    } else {
      var s = data.series[0];
      var shown = formatter(s.unit || "money", sign);
      var serie = { label: s.label, stroke: css("--new"), width: 2, value: function (u, v) { return shown(v); } };
      if (data.kind === "step") serie.paths = uPlot.paths.stepped({ align: 1 });
      base.series.push(serie);
      rows.push(s.values);
      base.axes.push({ stroke: css("--muted"), grid: { stroke: css("--line") }, values: function (u, vals) { return vals.map(shown); }, size: 80 });
    }
    return { opts: base, rows: rows };
  }

  var charts = [];

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) return;
    var data = JSON.parse(source.textContent);
    if (!data.x.length) { el.textContent = "No data in this range."; return; }
    var built = options(el, data);
    el.textContent = "";
    charts.push({ el: el, plot: new uPlot(built.opts, built.rows, el) });
  }

  function resize() {
    charts.forEach(function (c) { c.plot.setSize({ width: Math.max(c.el.clientWidth, 300), height: 320 }); });
  }

  // A select in a filter form applies at once (the form still submits with its button or Enter).
  function autoSubmit() {
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.uPlot) document.querySelectorAll("[data-chart]").forEach(draw);
    autoSubmit();
    var pending;
    window.addEventListener("resize", function () { clearTimeout(pending); pending = setTimeout(resize, 150); });
  });
})();

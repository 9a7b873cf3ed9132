// The local dashboard: draws each panel of PANELS (from deploy/observability/dashboards.py) as SVG lines from
// Prometheus's /api/v1/query_range on the same origin. Label values are data: set as text, never as markup.
"use strict";
const SVG = "http://www.w3.org/2000/svg";
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                "#7f7f7f", "#bcbd22"];
const W = 560, H = 200, PAD = 44;

function el(tag, attrs, text) {
  const node = tag === "svg" || ["line", "polyline", "text", "rect"].includes(tag)
    ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function panelUnitIsRatio(unit) { return unit === "percentunit"; }

function fmt(value, unit) {
  if (!isFinite(value)) return "-";
  if (unit === "percentunit") return (value * 100).toFixed(1) + "%";
  if (unit === "s") return value < 1 ? (value * 1000).toFixed(0) + " ms" : value.toFixed(1) + " s";
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3).replace(/\.?0+$/, "");
}

function legendOf(query, metric) {
  const parts = query.legend.map((name) => metric[name] || "");
  return [query.prefix, ...parts].filter(Boolean).join(" ") || query.expr;
}

async function series(query, range) {
  const end = Date.now() / 1000, start = end - range, step = Math.max(15, Math.round(range / 240));
  const params = new URLSearchParams({query: query.expr, start, end, step});
  const answer = await (await fetch("/api/v1/query_range?" + params)).json();
  if (answer.status !== "success") throw new Error(answer.error || "query failed");
  return answer.data.result.map((r) => ({
    name: legendOf(query, r.metric),
    points: r.values.map(([t, v]) => [t, parseFloat(v)]).filter(([, v]) => isFinite(v)),
  }));
}

function plot(lines, unit, range) {
  const svg = el("svg", {viewBox: `0 0 ${W} ${H}`, class: "plot"});
  const values = lines.flatMap((l) => l.points.map(([, v]) => v));
  const min = Math.min(0, ...values), top = Math.max(...values, min);
  const max = top > min ? top : min + (panelUnitIsRatio(unit) ? 0.01 : 1);  // a flat line still gets a scale
  const end = Date.now() / 1000, start = end - range;
  const x = (t) => PAD + (W - PAD - 8) * (t - start) / range;
  const y = (v) => H - 20 - (H - 30) * (v - min) / (max - min);
  svg.append(el("line", {x1: PAD, y1: H - 20, x2: W - 8, y2: H - 20, class: "axis"}));
  svg.append(el("text", {x: PAD - 4, y: y(max) + 4, class: "tick", "text-anchor": "end"}, fmt(max, unit)));
  svg.append(el("text", {x: PAD - 4, y: H - 20, class: "tick", "text-anchor": "end"}, fmt(min, unit)));
  svg.append(el("text", {x: PAD, y: H - 4, class: "tick"}, new Date(start * 1000).toLocaleTimeString()));
  svg.append(el("text", {x: W - 8, y: H - 4, class: "tick", "text-anchor": "end"}, "now"));
  lines.forEach((line, i) => {
    const pts = line.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    svg.append(el("polyline", {points: pts, fill: "none", stroke: COLORS[i % COLORS.length], "stroke-width": 1.5}));
  });
  return svg;
}

async function draw(panel, box, range) {
  const body = el("div");
  try {
    const lines = (await Promise.all(panel.queries.map((q) => series(q, range)))).flat();
    if (!lines.length) body.append(el("p", {class: "empty"}, "no data yet"));
    else body.append(plot(lines, panel.unit, range));
    const legend = el("ul", {class: "legend"});
    lines.forEach((line, i) => {
      const last = line.points.length ? line.points[line.points.length - 1][1] : NaN;
      const item = el("li");
      item.append(el("span", {class: "swatch", style: `background:${COLORS[i % COLORS.length]}`}));
      item.append(document.createTextNode(`${line.name}: ${fmt(last, panel.unit)}`));
      legend.append(item);
    });
    body.append(legend);
  } catch (err) {
    body.append(el("p", {class: "error"}, "query failed: " + err.message));
  }
  box.replaceChildren(body);
}

function refresh() {
  const range = parseInt(document.getElementById("range").value, 10);
  document.querySelectorAll("section[data-panel]").forEach((section) => {
    draw(PANELS[section.dataset.panel], section.querySelector(".body"), range);
  });
  document.getElementById("updated").textContent = new Date().toLocaleTimeString();
}

function build() {
  const grid = document.getElementById("panels");
  PANELS.forEach((panel, i) => {
    const section = el("section", {"data-panel": i});
    section.append(el("h2", {}, panel.title), el("p", {class: "help"}, panel.help), el("div", {class: "body"}));
    grid.append(section);
  });
  document.getElementById("range").addEventListener("change", refresh);
  refresh();
  setInterval(refresh, 30000);
}

document.addEventListener("DOMContentLoaded", build);

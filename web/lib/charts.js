// What every chart of the dashboard and the report shares: Chart.js (loaded by the page from its WebJar, pinned) set
// up with the house colours, a chart's box, the CI whisker plugin, the trend's band, and one live chart per canvas.
import { h } from './dom.js';
import { currentLang } from './i18n.js';

const { Chart } = window;

export const colours = {
  primary: '#1f5fa8', primaryFill: 'rgba(31, 95, 168, 0.18)', muted: '#9aa5b1', accent: '#c2410c',
  up: '#15803d', down: '#b91c1c', grid: '#e3e8ef', text: '#1f2933',
  levels: ['#b91c1c', '#f97316', '#d1d5db', '#60a5fa', '#1d4ed8'],
};

Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';
Chart.defaults.color = colours.text;
Chart.defaults.borderColor = colours.grid;
Chart.defaults.maintainAspectRatio = false;
// Charts are redrawn on every filter change; animation only delays reading (and printing).
Chart.defaults.animation = false;

/** A chart's box: position: relative (Chart.js sizes itself from it), role img and a description. */
export function chartBox(id, label, className = 'chart-box') {
  const canvas = h('canvas', { id });
  return { box: h('div', { class: className, role: 'img', 'aria-label': label }, canvas), canvas };
}

/**
 * Whiskers for 95% intervals: a dataset with ci: [[low, high], …] (API values) gets a line with caps drawn
 * across its bars or points, vertical or horizontal as the chart's index axis says.
 */
export const ciWhiskers = {
  id: 'ciWhiskers',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    chart.data.datasets.forEach((dataset, di) => {
      const meta = chart.getDatasetMeta(di);
      if (!dataset.ci || meta.hidden) {
        return;
      }
      ctx.save();
      ctx.strokeStyle = dataset.ciColour ?? '#111827';
      ctx.lineWidth = 1.5;
      meta.data.forEach((element, i) => {
        const range = dataset.ci[i];
        if (!range || range[0] === null || range[0] === undefined) {
          return;
        }
        const a = valueScale.getPixelForValue(range[0]);
        const b = valueScale.getPixelForValue(range[1]);
        const at = horizontal ? element.y : element.x;
        const cap = 5;
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(a, at); ctx.lineTo(b, at);
          ctx.moveTo(a, at - cap); ctx.lineTo(a, at + cap);
          ctx.moveTo(b, at - cap); ctx.lineTo(b, at + cap);
        } else {
          ctx.moveTo(at, a); ctx.lineTo(at, b);
          ctx.moveTo(at - cap, a); ctx.lineTo(at + cap, a);
          ctx.moveTo(at - cap, b); ctx.lineTo(at + cap, b);
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

/**
 * The datasets of an index over time with its 95% band: the band is the area between the low and high lines.
 * points: /trend's points; labels: {low, band, index}, the legend's words.
 */
export function bandDatasets(points, labels) {
  const value = (key) => points.map((p) => (p.suppressed || !p.index ? null : p.index[key]));
  return [
    { label: labels.low, data: value('low'), borderWidth: 0, pointRadius: 0, fill: false },
    { label: labels.band, data: value('high'), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: colours.primaryFill },
    { label: labels.index, data: value('value'), borderColor: colours.primary, backgroundColor: colours.primary,
      borderWidth: 2, pointRadius: 2, spanGaps: false },
  ];
}

const live = new Map();

/** Draws a chart on the canvas, replacing the one drawn there before. */
export function draw(canvas, config) {
  live.get(canvas.id)?.destroy();
  // The axes' numbers as the page's language writes them (0,2 in Vietnamese, 0.2 in English), not the browser's.
  config.options = { locale: currentLang() === 'en' ? 'en-GB' : 'vi-VN', ...config.options };
  const chart = new Chart(canvas, config);
  live.set(canvas.id, chart);
  return chart;
}

/** Forgets charts whose canvas left the page. */
export function prune() {
  for (const [id, chart] of live) {
    if (!document.getElementById(id)) {
      chart.destroy();
      live.delete(id);
    }
  }
}

/** Charts resized for the printed page and back. */
export function resizeAll() {
  for (const chart of live.values()) {
    chart.resize();
  }
}

/** A long axis label broken into lines of about width characters at spaces (Chart.js draws arrays as lines). */
export function wrap(label, width = 24) {
  const lines = [];
  let line = '';
  for (const word of String(label).split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.length > 1 ? lines : lines[0];
}

import { html, type SafeHtml } from './html/template.js';

export interface Bar {
  label: string;
  value: number | null;
  /** Text drawn at the bar's end. */
  text: string;
  cssClass: string;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

/**
 * Horizontal grouped bar chart as inline SVG (no scripts, no external assets).
 * `log` draws a log10 scale, needed when a 600 KB hypervisor sits beside a multi-GB management OS.
 */
export function barChart(groups: BarGroup[], options: BarChartOptions): SafeHtml {
  return html`${[...barChartChunks(() => groups, options)]}`;
}

export interface BarChartOptions {
  title: string;
  log?: boolean;
  width?: number;
}

/**
 * The same chart in pieces, for a chart with a group per host: `groups` is read twice (the scale and the height
 * first, then the bars), so the groups and their SVG need not all be in memory at once.
 */
export function* barChartChunks(groups: () => Iterable<BarGroup>, options: BarChartOptions): Generator<SafeHtml> {
  const width = options.width ?? 760;
  const labelWidth = 200;
  const barHeight = 16;
  const gap = 4;
  const groupGap = 14;
  const plot = width - labelWidth - 190;
  let [max, min, y] = [1, Infinity, 24];
  for (const group of groups()) {
    for (const bar of group.bars) {
      if (bar.value !== null && bar.value > 0) [max, min] = [Math.max(max, bar.value), Math.min(min, bar.value)];
      y += barHeight + gap;
    }
    y += groupGap;
  }
  const floor = Math.log10(Math.max(1, min / 4));
  const scale = (v: number) => {
    if (v <= 0) return 0;
    if (!options.log) return (v / max) * plot;
    return ((Math.log10(v) - floor) / (Math.log10(max) - floor || 1)) * plot;
  };
  const height = y + 4;
  yield html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${options.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><text x="0" y="14" class="chart-title">${options.title}${options.log && ' (log scale)'}</text>`;
  y = 24;
  for (const group of groups()) {
    yield html`<text x="0" y="${y + barHeight - 3}" class="chart-label"><title>${group.label}</title>${shorten(group.label, 30)}</text>`;
    for (const bar of group.bars) {
      const w = bar.value === null ? 0 : Math.max(1, scale(bar.value));
      yield html`<g><title>${`${group.label} ${bar.label}: ${bar.text}`}</title><rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" class="${bar.cssClass}"/><text x="${labelWidth + w + 6}" y="${y + barHeight - 3}" class="chart-value">${bar.label}: ${bar.text}</text></g>`;
      y += barHeight + gap;
    }
    y += groupGap;
  }
  yield html`</svg>`;
}

/** Labels longer than the label column are cut (the full text stays in the tooltip). */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

import { escapeHtml } from '../core/text/escape.js';

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
export function barChart(groups: BarGroup[], options: { title: string; log?: boolean; width?: number }): string {
  const width = options.width ?? 760;
  const labelWidth = 200;
  const barHeight = 16;
  const gap = 4;
  const groupGap = 14;
  const plot = width - labelWidth - 190;
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v): v is number => v !== null && v > 0);
  const max = Math.max(1, ...values);
  const scale = (v: number) => {
    if (v <= 0) return 0;
    if (!options.log) return (v / max) * plot;
    const floor = Math.log10(Math.max(1, Math.min(...values) / 4));
    return ((Math.log10(v) - floor) / (Math.log10(max) - floor || 1)) * plot;
  };
  let y = 24;
  const parts: string[] = [];
  for (const group of groups) {
    parts.push(`<text x="0" y="${y + barHeight - 3}" class="chart-label"><title>${escapeHtml(group.label)}</title>${escapeHtml(shorten(group.label, 30))}</text>`);
    for (const bar of group.bars) {
      const w = bar.value === null ? 0 : Math.max(1, scale(bar.value));
      parts.push(
        `<g><title>${escapeHtml(`${group.label} ${bar.label}: ${bar.text}`)}</title>` +
          `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" class="${bar.cssClass}"/>` +
          `<text x="${labelWidth + w + 6}" y="${y + barHeight - 3}" class="chart-value">${escapeHtml(bar.label)}: ${escapeHtml(bar.text)}</text></g>`,
      );
      y += barHeight + gap;
    }
    y += groupGap;
  }
  const height = y + 4;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<text x="0" y="14" class="chart-title">${escapeHtml(options.title)}${options.log ? ' (log scale)' : ''}</text>` +
    parts.join('') +
    `</svg>`
  );
}

/** Labels longer than the label column are cut (the full text stays in the tooltip). */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

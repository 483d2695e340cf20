import { trustedHtml } from './template.js';

/**
 * The HTML report's stylesheet, and the one place its colours are defined: as CSS custom properties on :root. Rules
 * below and inline SVG charts refer to them by name (`var(--sev-high)`, class `sev-high`), never by value, so a
 * severity looks the same in a badge, a chart bar and a host status. A test keeps hex colours out of every other file.
 */
const STYLESHEET = `
:root{--ink:#1d2330;--paper:#f6f7f9;--surface:#fff;--on-colour:#fff;--rule:#d0d5dd;--line:#e1e4ea;--th:#eef0f4;--warn-bg:#fff3cd;--warn-line:#e0c068;
--sev-critical:#7a1020;--sev-high:#c0392b;--sev-medium:#d68910;--sev-low:#2874a6;--sev-info:#717d7e;--bar-mgmt:#5d6d7e;
--status-failed:var(--sev-high);--status-partial:var(--sev-medium)}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);background:var(--paper)}
header,main{max-width:1100px;margin:0 auto;padding:16px 24px}
header{background:var(--ink);color:var(--on-colour);max-width:none}
h1{margin:0;font-size:22px} h2{margin-top:32px;border-bottom:1px solid var(--rule);padding-bottom:4px}
table{border-collapse:collapse;width:100%;background:var(--surface);margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--th)}
.sev{display:inline-block;border-radius:3px;padding:0 6px;color:var(--on-colour);font-weight:600;font-size:12px}
.sev-critical{background:var(--sev-critical);fill:var(--sev-critical)}.sev-high{background:var(--sev-high);fill:var(--sev-high)}
.sev-medium{background:var(--sev-medium);fill:var(--sev-medium)}.sev-low{background:var(--sev-low);fill:var(--sev-low)}
.sev-info{background:var(--sev-info);fill:var(--sev-info)}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:var(--surface);border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:110px}
.card b{display:block;font-size:26px}
.warn{background:var(--warn-bg);border:1px solid var(--warn-line);padding:8px 12px;border-radius:4px}
details{background:var(--surface);border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px 12px}
summary{cursor:pointer;font-weight:600}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap;word-break:break-all}
.chart-title{font-weight:600;font-size:13px}.chart-label,.chart-value{font-size:12px}
.bar-ring{fill:var(--sev-critical)}.bar-mgmt{fill:var(--bar-mgmt)}.bar-surface{fill:var(--sev-medium)}
.status-failed{color:var(--status-failed);font-weight:600}.status-partial{color:var(--status-partial);font-weight:600}
`;

export const stylesheet = trustedHtml(STYLESHEET);

/**
 * @module report/writers/html
 * A self-contained Chinese HTML report from the model: inline CSS and inline SVG charts, nothing loaded from
 * outside the file. Deterministic for the same model.
 */
import { chartSvg } from '../charts.js';
import type { Block, ReportModel, Table } from '../model.js';
import type { ReportWriter } from './writer.js';

export function esc(s: unknown): string {
  return String(s ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const CSS = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px auto;max-width:1200px;color:#222;line-height:1.5;padding:0 16px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top}th{background:#eef}
caption{text-align:left;font-weight:bold;padding:4px 0}table.dense{font-size:12px}.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:monospace;font-size:11px;word-break:break-all}
.note{color:#555;font-size:13px}.warning{color:#a60}pre{white-space:pre-wrap;font-family:inherit;background:#f7f7fa;border:1px solid #ccd;padding:8px;font-size:13px}
h1{font-size:24px;text-align:center}h2{border-bottom:2px solid #335;padding-bottom:2px;margin-top:32px}h4{margin-bottom:4px}figure{margin:8px 0}figure svg{max-width:100%;height:auto}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dl.fields dt{font-weight:bold}dl.fields dd{margin:0;word-break:break-all}.tnote{font-size:12px;color:#555;margin-top:-12px}`;

function table(t: Table): string {
  const head = t.columns.map((c) => `<th>${esc(c.header)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r
          .map((cell, i) => {
            const c = t.columns[i];
            const cls = [c?.align === 'right' ? 'num' : '', c?.mono ? 'mono' : ''].filter(Boolean).join(' ');
            return `<td${cls ? ` class="${cls}"` : ''}>${esc(cell)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<table${t.dense ? ' class="dense"' : ''}>${t.caption ? `<caption>${esc(t.caption)}</caption>` : ''}<tr>${head}</tr>${body}</table>${t.note ? `<p class="tnote">${esc(t.note)}</p>` : ''}`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${esc(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</${tag}>`;
    }
    case 'fields':
      return `<dl class="fields">${b.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
    case 'table':
      return table(b.table);
    case 'chart':
      return `<figure>${chartSvg(b.chart)}</figure>`;
    case 'pre':
      return `<pre>${esc(b.text)}</pre>`;
  }
}

/** Renders the model as one HTML document. */
export function renderHtml(m: ReportModel): string {
  const toc = m.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('');
  const body = m.sections
    .map(
      (s) => `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(m.caseName)} — ${esc(m.title)}</title><style>${CSS}</style></head><body>
<h1>${esc(m.caseName)}<br>${esc(m.title)}</h1>
<nav><ol>${toc}</ol></nav>
${body}
</body></html>
`;
}

export const htmlWriter: ReportWriter = {
  format: 'html',
  file: 'report.html',
  async write(model) {
    return Buffer.from(renderHtml(model), 'utf8');
  },
};

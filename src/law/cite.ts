/**
 * @module law/cite
 * Formats a rulebook citation or support reference as one readable line.
 */
import type { Citation, SupportRef } from './schema.js';

/**
 * "法释〔2017〕10号第五条第一款第四项：“…”" plus a mark when the wording is not verified.
 * @example formatCitation(row.citation)
 */
export function formatCitation(c: Citation): string {
  const where = `${c.document}${c.article}${c.paragraph ?? ''}${c.item ?? ''}`;
  const text = c.quote ? `${where}：“${c.quote}”` : `${where}（${c.summary}）`;
  return c.verified ? text : `${text}〔原文未核实〕`;
}

export function formatSupport(s: SupportRef): string {
  const quote = s.quote ? `：“${s.quote}”` : '';
  return `${s.ref}${quote} — ${s.holding}${s.verified ? '' : '〔未核实〕'}`;
}

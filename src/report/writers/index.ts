/**
 * @module report/writers
 * The single list of report writers. Adding a format = one writer file + one line here.
 */
import { docxWriter } from './docx.js';
import { htmlWriter } from './html.js';
import { pdfWriter } from './pdf.js';
import type { ReportFormat, ReportWriter } from './writer.js';
import { xlsxWriter } from './xlsx.js';

export const WRITERS: Readonly<Record<ReportFormat, ReportWriter>> = {
  docx: docxWriter,
  pdf: pdfWriter,
  xlsx: xlsxWriter,
  html: htmlWriter,
};

export const REPORT_FORMATS: readonly ReportFormat[] = ['docx', 'pdf', 'xlsx', 'html'];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export type { ReportFormat, ReportWriter } from './writer.js';

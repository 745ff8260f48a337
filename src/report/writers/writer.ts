/**
 * @module report/writers/writer
 * The writer contract: one format, from the report model to bytes. Writers never query the engine nor read
 * evidence; the registry in writers/index.ts is the single list.
 */
import type { ReportModel } from '../model.js';

export type ReportFormat = 'docx' | 'pdf' | 'xlsx' | 'html';

export interface ReportWriter {
  readonly format: ReportFormat;
  /** File name inside the output folder. */
  readonly file: string;
  write(model: ReportModel): Promise<Buffer>;
}

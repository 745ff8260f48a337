/**
 * @module ingest/readers/sqlite
 * SQLite database files (magic `SQLite format 3\0`): one item per table (`app.db#users`), one record per row.
 *
 * Engine: sql.js (SQLite compiled to WebAssembly). Chosen over better-sqlite3 because it needs no native build
 * (better-sqlite3's install downloads a prebuilt binary, which fails offline, then compiles SQLite with node-gyp
 * on every clean `npm ci`) and because it never touches the file system next to the evidence: the file is read
 * once into memory and SQLite works on that copy, so no journal, -wal or -shm file can ever be created, and a
 * WAL-mode header is switched to rollback mode in the copy only. The price: the whole file is held in memory
 * (about twice its size at peak), so files above MAX_SQLITE_BYTES fail with a clear error.
 * A `-wal` file beside the evidence holds transactions not yet in the main file; it is a separate evidence item
 * and is not replayed here.
 *
 * Values: INTEGER as its exact decimal digits (64-bit, never through a JS float); REAL with at most 15
 * significant digits (`1.10101E+17` for a value of 16+ digits, as for spreadsheets); TEXT as stored; BLOB as
 * text when it is strict UTF-8, else as `X'…'` hex; NULL as an empty field.
 * Positions: `line` is the row's ordinal (1-based) in rowid order (key order for WITHOUT ROWID tables); there are
 * no non-record lines.
 */
import { readFile, stat } from 'node:fs/promises';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { IngestError } from '../../../core/errors.js';
import type { ItemLayout, OpenedItem, Probe, ReaderModule, RowEvent } from '../../source.js';
import { hexText } from '../sql/scanner.js';
import { formatNumber } from '../xlsx/cells.js';

export const MAX_SQLITE_BYTES = 512 * 1024 * 1024;
const MAGIC = 'SQLite format 3\u0000';

let engine: Promise<SqlJsStatic> | null = null;

function sqlJs(): Promise<SqlJsStatic> {
  engine ??= initSqlJs();
  return engine;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function load(absPath: string, display: string): Promise<Database> {
  const size = (await stat(absPath)).size;
  if (size > MAX_SQLITE_BYTES) {
    throw new IngestError(
      `${display}: SQLite file of ${size} bytes is larger than the ${MAX_SQLITE_BYTES}-byte limit of the in-memory reader; export its tables (sqlite3 .dump) and analyse the dump instead`,
    );
  }
  const bytes = new Uint8Array(await readFile(absPath));
  if (bytes.length < 100)
    throw new IngestError(`${display}: ${bytes.length} bytes: too short for a SQLite database (truncated?)`);
  // WAL mode (read/write version 2) would make SQLite look for -wal/-shm files: read the copy as rollback mode.
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  const SQL = await sqlJs();
  try {
    return new SQL.Database(bytes);
  } catch (e) {
    throw new IngestError(`${display}: not a readable SQLite database: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function cell(type: unknown, value: unknown): string {
  if (value === null || value === undefined || type === 'null') return '';
  const s = String(value);
  if (type === 'real') return formatNumber(Number(s));
  if (type === 'blob') return hexText(s, `X'${s}'`);
  return s;
}

function selectList(columns: readonly string[]): string {
  return columns
    .map((c) => {
      const q = quoteIdent(c);
      return `typeof(${q}), CASE WHEN typeof(${q}) = 'blob' THEN hex(${q}) ELSE CAST(${q} AS TEXT) END`;
    })
    .join(', ');
}

function* rowsFrom(
  db: Database,
  display: string,
  table: string,
  columns: readonly string[],
): Generator<RowEvent> {
  try {
    let hasRowid = true;
    try {
      db.exec(`SELECT rowid FROM ${quoteIdent(table)} LIMIT 0`);
    } catch {
      hasRowid = false;
    }
    const stmt = db.prepare(
      `SELECT ${selectList(columns)} FROM ${quoteIdent(table)}${hasRowid ? ' ORDER BY rowid' : ''}`,
    );
    try {
      let n = 0;
      while (stmt.step()) {
        const v = stmt.get();
        const fields: string[] = [];
        for (let i = 0; i < columns.length; i++) fields.push(cell(v[2 * i], v[2 * i + 1]));
        n++;
        yield { kind: 'record', line: n, endLine: n, fields };
      }
    } finally {
      stmt.free();
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(`${display}: ${(e as Error).message}`, { cause: e });
  }
}

async function* tableRows(
  absPath: string,
  display: string,
  table: string,
  columns: readonly string[],
): AsyncGenerator<RowEvent> {
  const db = await load(absPath, display);
  try {
    yield* rowsFrom(db, display, table, columns);
  } finally {
    db.close();
  }
}

export const sqliteReader: ReaderModule = {
  id: 'sqlite',
  sniff(probe: Probe) {
    return Buffer.from(probe.head.subarray(0, 16)).toString('latin1') === MAGIC ? 1 : 0;
  },
  async open(absPath, probe) {
    const db = await load(absPath, probe.path);
    const items: { name: string; columns: string[]; sample: string[][] }[] = [];
    try {
      let tables: string[];
      try {
        const r = db.exec(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        );
        tables = (r[0]?.values ?? []).map((x) => String(x[0]));
      } catch (e) {
        throw new IngestError(`${probe.path}: not a readable SQLite database: ${(e as Error).message}`, {
          cause: e,
        });
      }
      for (const name of tables) {
        const info = db.exec(`PRAGMA table_info(${quoteIdent(name)})`);
        const columns = (info[0]?.values ?? []).map((x) => String(x[1]));
        const sample: string[][] = [];
        for (const ev of rowsFrom(db, `${probe.path}#${name}`, name, columns)) {
          if (ev.kind === 'record') sample.push(ev.fields);
          if (sample.length >= 2000) break;
        }
        items.push({ name, columns, sample });
      }
    } finally {
      db.close();
    }
    const out: OpenedItem[] = [];
    for (const t of items) {
      const display = `${probe.path}#${t.name}`;
      const rows = () => tableRows(absPath, display, t.name, t.columns);
      const layout: ItemLayout = {
        format: 'sqlite',
        encoding: null,
        delimiter: null,
        delimiterEvidence: `SQLite table ${t.name}`,
        header: t.columns.length > 0 ? t.columns : null,
        headerLine: null,
        titleLines: [],
        columns: Math.max(1, t.columns.length),
        headerEvidence: 'column names from the table schema (PRAGMA table_info)',
      };
      out.push({ suffix: `#${t.name}`, layout, sample: t.sample, rows });
    }
    if (out.length === 0) throw new IngestError(`${probe.path}: the SQLite database has no table`);
    return out;
  },
};

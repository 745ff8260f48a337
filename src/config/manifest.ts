/**
 * @module config/manifest
 * The optional case manifest `case.yaml` at the evidence root: case name, holders with path globs (and the facts
 * no file can show, for the legal assessment), per-item category and delimiter overrides, per-column type
 * overrides. Validated once at the boundary; errors name the file and the field.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../core/categories.js';
import { ConfigError } from '../core/errors.js';
import { FIELD_TYPES, type FieldType } from '../core/field-types.js';

const ColumnOverrideSchema = z
  .object({
    column: z.number().int().min(1).optional().meta({ description: '1-based column number' }),
    header: z.string().min(1).optional().meta({ description: 'header text of the column' }),
    type: z.union([z.enum(FIELD_TYPES), z.null()]).meta({ description: 'field type, or null for untyped' }),
  })
  .strict()
  .refine((c) => (c.column === undefined) !== (c.header === undefined), {
    message: 'give exactly one of column (1-based number) or header',
  });

const ItemRuleSchema = z
  .object({
    path: z.string().min(1).meta({ description: 'glob over item paths relative to the evidence root' }),
    category: z.union([z.enum(CATEGORY_IDS), z.null()]).optional(),
    delimiter: z.union([z.string().min(1), z.null()]).optional(),
    columns: z.array(ColumnOverrideSchema).optional(),
  })
  .strict();

const HolderSchema = z
  .object({
    name: z.string().min(1),
    paths: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: 'globs of the items seized from this holder' }),
  })
  .passthrough();

export const ManifestSchema = z
  .object({
    case: z.string().min(1).optional(),
    examiner: z.string().optional(),
    analysis_date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    holders: z.array(HolderSchema).optional(),
    items: z.array(ItemRuleSchema).optional(),
  })
  .strict();

export type ManifestInput = z.infer<typeof ManifestSchema>;

export interface ColumnRule {
  readonly column?: number;
  readonly header?: string;
  readonly type: FieldType | null;
}

export interface ItemRule {
  readonly path: string;
  readonly matches: (path: string) => boolean;
  readonly category?: CategoryId | null;
  readonly delimiter?: string | null;
  readonly columns: readonly ColumnRule[];
}

export interface HolderRule {
  readonly name: string;
  readonly matches: (path: string) => boolean;
  /** Everything else given for the holder (facts for the legal assessment), unvalidated here. */
  readonly facts: Readonly<Record<string, unknown>>;
}

export interface Manifest {
  readonly source: string | null;
  readonly caseName: string;
  readonly examiner: string | null;
  readonly analysisDate: string | null;
  readonly holders: readonly HolderRule[];
  readonly items: readonly ItemRule[];
}

export const DEFAULT_HOLDER = 'case';

function matcher(globs: readonly string[]): (p: string) => boolean {
  const ms = globs.map((g) => picomatch(g, { dot: true }));
  return (p) => ms.some((m) => m(p));
}

/** Builds a manifest from parsed YAML/JSON; throws ConfigError naming the field. */
export function parseManifest(data: unknown, source: string): Manifest {
  const r = ManifestSchema.safeParse(data ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new ConfigError(`${source}: ${path.replace(/^\./, '') || '(root)'}: ${issue.message}`);
  }
  const m = r.data;
  const names = new Set<string>();
  for (const h of m.holders ?? []) {
    if (names.has(h.name)) throw new ConfigError(`${source}: holders: duplicate holder name '${h.name}'`);
    names.add(h.name);
  }
  return {
    source,
    caseName: m.case ?? '未命名案件',
    examiner: m.examiner ?? null,
    analysisDate: m.analysis_date ?? null,
    holders: (m.holders ?? []).map((h) => {
      const { name, paths, ...facts } = h;
      return { name, matches: matcher(paths), facts };
    }),
    items: (m.items ?? []).map((i) => ({
      path: i.path,
      matches: matcher([i.path]),
      ...(i.category !== undefined ? { category: i.category } : {}),
      ...(i.delimiter !== undefined ? { delimiter: i.delimiter } : {}),
      columns: (i.columns ?? []).map((c) => ({
        ...(c.column !== undefined ? { column: c.column } : {}),
        ...(c.header !== undefined ? { header: c.header } : {}),
        type: c.type,
      })),
    })),
  };
}

export const EMPTY_MANIFEST: Manifest = {
  source: null,
  caseName: '未命名案件',
  examiner: null,
  analysisDate: null,
  holders: [],
  items: [],
};

/** Reads `case.yaml` (or `case.yml`) at the evidence root, if present. */
export async function loadManifest(root: string): Promise<Manifest> {
  for (const name of ['case.yaml', 'case.yml']) {
    const p = join(root, name);
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (e) {
      throw new ConfigError(`${name}: not valid YAML: ${(e as Error).message}`);
    }
    return parseManifest(data, name);
  }
  return EMPTY_MANIFEST;
}

/** The holder an item belongs to: the first whose globs match, else the default holder. */
export function holderOf(m: Manifest, path: string): string {
  return m.holders.find((h) => h.matches(path))?.name ?? DEFAULT_HOLDER;
}

/** The merged item rule for a path (later rules override earlier ones field by field). */
export function itemRuleOf(m: Manifest, path: string): Omit<ItemRule, 'path' | 'matches'> {
  let out: { category?: CategoryId | null; delimiter?: string | null; columns: ColumnRule[] } = {
    columns: [],
  };
  for (const r of m.items) {
    if (!r.matches(path)) continue;
    out = {
      ...out,
      ...(r.category !== undefined ? { category: r.category } : {}),
      ...(r.delimiter !== undefined ? { delimiter: r.delimiter } : {}),
      columns: [...out.columns, ...r.columns],
    };
  }
  return out;
}

/**
 * @module ingest/archives/names
 * Member names: decoding the stored bytes (UTF-8, GB18030/GBK, CP437) and refusing names that could point
 * outside an extraction folder. The expander never uses a member name as a file name on disk (extracted copies
 * get numbered names), so these checks decide what is *reported*, not what is safe to write.
 */
import { TextDecoder } from 'node:util';
import type { NameEncoding } from './types.js';

/** CP437 (the zip default without flag 0x800), bytes 0x80–0xFF. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Node 20 maps the `gbk` label to ICU GBK, which mis-decodes 4-byte GB18030 sequences: always use `gb18030`.
const gb18030Strict = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });

export function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  return tryDecode(utf8Strict, bytes);
}

export function decodeCp437(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!;
  return s;
}

/**
 * Picks one encoding for the names of a container that does not say (zip entries without flag 0x800):
 * UTF-8 when every non-ASCII name is strict UTF-8, else GB18030 when every one is strict GB18030, else CP437
 * (the zip standard's default, which decodes any bytes). One choice per container, so that names written by the
 * same tool are read the same way.
 */
export function chooseNameEncoding(names: readonly Uint8Array[]): 'utf-8' | 'gb18030' | 'cp437' | 'ascii' {
  const nonAscii = names.filter((n) => !isAscii(n));
  if (nonAscii.length === 0) return 'ascii';
  if (nonAscii.every((n) => decodeUtf8Strict(n) !== null)) return 'utf-8';
  if (nonAscii.every((n) => tryDecode(gb18030Strict, n) !== null)) return 'gb18030';
  return 'cp437';
}

/** Decodes with a chosen encoding; ASCII names are reported as `ascii` whatever the choice. */
export function decodeWith(
  bytes: Uint8Array,
  enc: 'utf-8' | 'gb18030' | 'cp437' | 'ascii',
): { name: string; encoding: NameEncoding } {
  if (isAscii(bytes)) return { name: Buffer.from(bytes).toString('latin1'), encoding: 'ascii' };
  if (enc === 'utf-8') {
    const s = decodeUtf8Strict(bytes);
    if (s !== null) return { name: s, encoding: 'utf-8' };
  }
  if (enc === 'gb18030') {
    const s = tryDecode(gb18030Strict, bytes);
    if (s !== null) return { name: s, encoding: 'gb18030' };
  }
  return { name: decodeCp437(bytes), encoding: 'cp437' };
}

/** Per-name decoding for formats without a container-wide answer (tar): UTF-8, else GB18030, else Latin-1. */
export function decodeSingleName(bytes: Uint8Array): { name: string; encoding: NameEncoding } {
  if (isAscii(bytes)) return { name: Buffer.from(bytes).toString('latin1'), encoding: 'ascii' };
  const u = decodeUtf8Strict(bytes);
  if (u !== null) return { name: u, encoding: 'utf-8' };
  const g = tryDecode(gb18030Strict, bytes);
  if (g !== null) return { name: g, encoding: 'gb18030' };
  return { name: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' };
}

export type NameCheck =
  | { readonly ok: true; readonly normalized: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Refuses absolute paths (`/etc/x`, `\\server\x`, `C:\x`, `C:x`), `..` components (with `/` or `\` as the
 * separator) and NUL characters; otherwise returns the name with `.` and empty components removed and `\`
 * turned into `/` when `backslashIsSeparator` (zip: the format only allows `/`, Windows tools write `\`).
 */
export function checkMemberName(name: string, backslashIsSeparator: boolean): NameCheck {
  if (name.length === 0) return { ok: false, reason: 'empty member name' };
  if (name.includes('\0')) return { ok: false, reason: 'member name contains a NUL character' };
  if (name.startsWith('/') || name.startsWith('\\'))
    return { ok: false, reason: `absolute path in member name '${name}': not extracted` };
  if (/^[A-Za-z]:/.test(name))
    return {
      ok: false,
      reason: `absolute Windows path (drive letter) in member name '${name}': not extracted`,
    };
  const parts = name.split(/[/\\]/);
  if (parts.includes('..'))
    return { ok: false, reason: `path traversal ('..') in member name '${name}': not extracted` };
  const kept = (backslashIsSeparator ? parts : name.split('/')).filter((p) => p !== '' && p !== '.');
  if (kept.length === 0) return { ok: false, reason: `member name '${name}' names no file` };
  return { ok: true, normalized: kept.join('/') };
}

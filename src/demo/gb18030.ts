/**
 * @module demo/gb18030
 * A GB18030 encoder for the demo generator. Node's `TextEncoder` only writes UTF-8 and no encoder package is a
 * dependency, so the reverse table is built once from Node's own WHATWG `gb18030` decoder: every two-byte
 * sequence (lead 0x81–0xFE, trail 0x40–0x7E / 0x80–0xFE) is decoded and inverted; characters outside the
 * two-byte table fall back to the four-byte form (BMP pointers decoded the same way, supplementary planes by
 * the linear pointer formula of GB 18030-2005). Whatever it writes decodes back with
 * `new TextDecoder('gb18030', { fatal: true })` to the same string (tested).
 */

let twoByte: Uint16Array | null = null;
let fourByte: Int32Array | null = null;

function buildTwoByte(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const dec = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = dec.decode(pair);
      if (s.length !== 1) continue;
      const cp = s.charCodeAt(0);
      if (cp === 0xfffd || table[cp] !== 0) continue;
      table[cp] = (lead << 8) | trail;
    }
  }
  return table;
}

/** Writes the four bytes of a linear GB18030 four-byte pointer. */
function pointerBytes(p: number, out: Uint8Array, at: number): void {
  out[at] = 0x81 + Math.floor(p / 12600);
  out[at + 1] = 0x30 + (Math.floor(p / 1260) % 10);
  out[at + 2] = 0x81 + (Math.floor(p / 10) % 126);
  out[at + 3] = 0x30 + (p % 10);
}

function buildFourByte(): Int32Array {
  // Table value is pointer + 1 (0 = unmapped). BMP pointers run 0..39419 (0x81308130..0x8431A439).
  const table = new Int32Array(0x10000);
  const dec = new TextDecoder('gb18030');
  const quad = new Uint8Array(4);
  for (let p = 0; p < 39420; p++) {
    pointerBytes(p, quad, 0);
    const s = dec.decode(quad);
    if (s.length !== 1) continue;
    const cp = s.charCodeAt(0);
    if (cp === 0xfffd || table[cp] !== 0) continue;
    table[cp] = p + 1;
  }
  return table;
}

/** Encodes a string to GB18030 bytes. Throws on a lone surrogate or an unencodable character. */
export function encodeGb18030(text: string): Buffer {
  twoByte ??= buildTwoByte();
  const two = twoByte;
  const out = Buffer.allocUnsafe(text.length * 4);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const lo = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) {
        throw new Error(`GB18030 encoder: lone surrogate at ${i}`);
      }
      const cp = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
      pointerBytes(189000 + cp - 0x10000, out, o);
      o += 4;
      i++;
      continue;
    }
    const code = two[c] ?? 0;
    if (code !== 0) {
      out[o++] = code >> 8;
      out[o++] = code & 0xff;
      continue;
    }
    fourByte ??= buildFourByte();
    const p = fourByte[c] ?? 0;
    if (p === 0) throw new Error(`GB18030 encoder: U+${c.toString(16).toUpperCase()} has no mapping`);
    pointerBytes(p - 1, out, o);
    o += 4;
  }
  return out.subarray(0, o);
}

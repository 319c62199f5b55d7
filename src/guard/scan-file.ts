import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { extname } from 'node:path';
import type { Finding } from './finding.ts';
import { scanBinaryName, scanText } from './scan-text.ts';
import { sourceKindOf } from './source-kind.ts';

/** What auditing one file gave. */
export interface FileScan {
  findings: Finding[];
  /** Bytes of text audited (0 when the file was not read as text). */
  bytes: number;
  status: 'scanned' | 'binary' | 'too-large' | 'unreadable';
}

// Formats that are never text; anything else is sniffed.
const binaryExtensions = new Set(
  (
    'png jpg jpeg gif bmp ico icns webp avif tif tiff psd pdf zip gz tgz bz2 xz zst 7z rar jar war ' +
    'class so dylib dll exe o a lib node wasm pyc pyo whl egg db sqlite sqlite3 woff woff2 ttf ' +
    'otf eot mp3 mp4 m4a wav ogg flac webm mov avi mkv bin dat p12 pfx jks keystore der'
  )
    .split(' ')
    .map((extension) => `.${extension}`),
);

/**
 * Reads and audits one file. A file is binary by its extension, or by a NUL byte in its first
 * 8 000 bytes (git's test) unless it is named as JavaScript, TypeScript or Python: a NUL must
 * not be a way to hide source from the audit. Binary files are judged by their name only.
 */
export async function scanFile(
  path: string,
  relative: string,
  maxBytes: number,
): Promise<FileScan> {
  if (binaryExtensions.has(extname(path).toLowerCase())) {
    return { findings: scanBinaryName(relative), bytes: 0, status: 'binary' };
  }
  let buffer: Buffer | undefined;
  try {
    buffer = readUpTo(path, maxBytes);
  } catch {
    return { findings: [], bytes: 0, status: 'unreadable' };
  }
  if (!buffer) return { findings: scanBinaryName(relative), bytes: 0, status: 'too-large' };
  const kind = sourceKindOf(relative);
  const sniffed = buffer.subarray(0, 8_000).includes(0);
  if (sniffed && kind !== 'javascript' && kind !== 'python') {
    return { findings: scanBinaryName(relative), bytes: 0, status: 'binary' };
  }
  // ASCII (most source) decodes as Latin-1 byte for byte, without UTF-8's validation.
  const text = isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8');
  const findings = await scanText(relative, text);
  return { findings, bytes: buffer.length, status: 'scanned' };
}

/**
 * The file's bytes, or undefined when it is larger than `maxBytes`. Synchronous on purpose:
 * the promise API's thread-pool round trip for each of open, stat, read and close was a fifth
 * of the scan's time, and a worker has nothing else to do meanwhile.
 */
function readUpTo(path: string, maxBytes: number): Buffer | undefined {
  const descriptor = openSync(path, 'r');
  try {
    const { size } = fstatSync(descriptor);
    if (size > maxBytes) return undefined;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, buffer, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

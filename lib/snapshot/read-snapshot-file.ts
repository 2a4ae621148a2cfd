/**
 * Reads a snapshot file from disk (CLI and server only): the size cap is checked with stat before a
 * byte is read, and invalid UTF-8 is an error rather than silently replaced text.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_MAX_BYTES, parseSnapshot, SnapshotParseError, type ParseResult } from './parse';

export async function readSnapshotFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParseResult> {
  const source = basename(path);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new SnapshotParseError({ source }, 'not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof SnapshotParseError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new SnapshotParseError({ source: path }, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(e)})`);
  }
  if (size > maxBytes) return parseSnapshot('', { source, maxBytes, byteLength: size });
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SnapshotParseError({ source }, 'the file is not valid UTF-8 text');
  }
  return parseSnapshot(text, { source, maxBytes, byteLength: size });
}

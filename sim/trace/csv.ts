// Synchronous, chunked CSV reading for trace files: memory stays bounded by the chunk and the longest line,
// whatever the file size, and reading stays synchronous (a WorkloadSource's next() is synchronous).
//
// The trace files are plain comma-separated values without quoting (64-hex ids and numbers); a line may end
// in \n or \r\n. Every problem becomes an InputError `<file>:<line>:<col>: <expected>, got <what>` with the
// 1-based line and the 1-based column (field) number; file-level problems (cannot open, empty) point at 1:1.

import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../util/errors.ts';

const CHUNK = 1 << 20;
/** A line longer than this is not a trace row (protects memory against a file without newlines). */
export const MAX_LINE_BYTES = 64 << 20;

export function fail(file: string, line: number, col: number, message: string): never {
  throw new InputError(`${file}:${line}:${col}: ${message}`);
}

/** A short, one-line rendering of a field for "got ...". */
export function shown(field: string): string {
  if (field === '') return 'an empty field';
  const s = field.length > 24 ? `${field.slice(0, 24)}...` : field;
  return JSON.stringify(s);
}

export function openTrace(path: string, display: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'an error';
    const what = code === 'ENOENT' ? 'ENOENT (no such file)' : code === 'EISDIR' ? 'a directory' : code;
    return fail(display, 1, 1, `a readable trace file, got ${what}`);
  }
}

/** Reads a file line by line through a fixed buffer; tracks the line number and the byte offset of each line. */
export class LineReader {
  private fd: number;
  private buf: Buffer = Buffer.alloc(CHUNK);
  private start = 0; // first unread byte in buf
  private end = 0; // bytes valid in buf
  private filePos = 0; // file offset of buf[0]
  private eof = false;
  /** 1-based number of the line last returned (0 before the first). */
  lineNo = 0;
  /** Byte offset in the file of the line last returned, and its length in bytes (without the terminator). */
  lineOffset = 0;
  lineBytes = 0;

  constructor(
    readonly path: string,
    readonly display: string,
  ) {
    this.fd = openTrace(path, display);
  }

  /** The next line without its terminator, or null at the end of the file (then the file is closed). */
  next(): string | null {
    for (;;) {
      const nl = this.buf.indexOf(10, this.start);
      if (nl >= 0 && nl < this.end) return this.take(nl, nl + 1);
      if (this.eof) {
        if (this.start < this.end) return this.take(this.end, this.end);
        this.close();
        return null;
      }
      this.fill();
    }
  }

  close(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
    }
  }

  private take(lineEnd: number, nextStart: number): string {
    let e = lineEnd;
    if (e > this.start && this.buf[e - 1] === 13) e--; // \r\n
    this.lineNo++;
    this.lineOffset = this.filePos + this.start;
    this.lineBytes = e - this.start;
    const line = this.buf.toString('utf8', this.start, e);
    this.start = nextStart;
    return line;
  }

  /** Moves the unread tail to the front (growing the buffer for a long line) and reads more. */
  private fill(): void {
    const pending = this.end - this.start;
    if (pending >= MAX_LINE_BYTES) {
      this.close();
      fail(this.display, this.lineNo + 1, 1, `a line shorter than ${MAX_LINE_BYTES} bytes, got a longer one`);
    }
    if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.filePos += this.start;
      this.start = 0;
      this.end = pending;
    }
    if (this.end === this.buf.length) {
      const bigger = Buffer.alloc(Math.min(MAX_LINE_BYTES + 1, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    let n: number;
    try {
      n = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, this.filePos + this.end);
    } catch (err) {
      this.close();
      fail(
        this.display,
        this.lineNo + 1,
        1,
        `a readable trace file, got ${(err as NodeJS.ErrnoException).code ?? 'a read error'}`,
      );
    }
    if (n === 0) this.eof = true;
    this.end += n;
  }
}

/** Reads `length` bytes at `position` (random access; for the 2019 loader's second pass). */
export function readRange(fd: number, position: number, length: number, into: Buffer): Buffer {
  const buf = into.length >= length ? into : Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** Column positions by header name; a missing required column is reported naming it. */
export class Header {
  readonly names: readonly string[];
  private readonly index = new Map<string, number>();

  constructor(
    readonly display: string,
    line: string | null,
  ) {
    if (line === null) fail(display, 1, 1, 'a header line of column names, got an empty file');
    const names = line.split(',').map((s) => s.trim());
    if (names.length === 1 && names[0] === '') fail(display, 1, 1, 'a header line of column names, got an empty line');
    this.names = names;
    names.forEach((n, i) => {
      if (!this.index.has(n)) this.index.set(n, i);
    });
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** 0-based position of a required column. */
  col(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) {
      const list = this.names.slice(0, 6).join(',') + (this.names.length > 6 ? ',...' : '');
      fail(
        this.display,
        1,
        this.names.length + 1,
        `a column named "${name}" in the header, got ${this.names.length} columns (${list})`,
      );
    }
    return i;
  }
}

/** Splits a data row and checks it has as many fields as the header. */
export function splitRow(display: string, lineNo: number, line: string, expected: number): string[] {
  const fields = line.split(',');
  if (fields.length !== expected) {
    const col = Math.min(fields.length, expected) + 1;
    fail(display, lineNo, col, `${expected} fields (as in the header), got ${fields.length}`);
  }
  return fields;
}

/** A finite number >= min (and an integer if asked); the column is 0-based here, 1-based in the message. */
export function numberField(
  display: string,
  lineNo: number,
  fields: readonly string[],
  col: number,
  what: string,
  min = 0,
): number {
  const s = fields[col];
  const t = s.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) fail(display, lineNo, col + 1, `${what} (a number), got ${shown(s)}`);
  if (v < min) fail(display, lineNo, col + 1, `${what} >= ${min}, got ${t}`);
  return v;
}

export function idField(display: string, lineNo: number, fields: readonly string[], col: number, what: string): string {
  const s = fields[col].trim();
  if (s === '') fail(display, lineNo, col + 1, `${what} (an id), got an empty field`);
  return s;
}

import { detectByteOrderMark, detectUtf16WithoutBom, isControlCharacter, tooManyControls } from './text-decoding';

/** How many leading bytes the file type is decided on. */
export const SNIFF_BYTES = 64 * 1024;

/** A file that is not read, named in words, with what to do instead. */
export interface RefusedFile {
  kind: 'refused';
  /** Short machine-readable name: 'png', 'pdf', 'zip', 'xls', 'binary' ... */
  type: string;
  /** A full sentence naming what the file is and what to do. */
  message: string;
}

export type DetectedFileType = { kind: 'gzip' } | { kind: 'zip' } | { kind: 'text' } | RefusedFile;

const EXPORT_ADVICE = 'Upload the transactions as a CSV, TSV or text export, or as an .xlsx workbook.';

function refused(type: string, message: string): RefusedFile {
  return { kind: 'refused', type, message };
}

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function readUint32LE(head: Uint8Array, at: number): number {
  return (head[at] | (head[at + 1] << 8) | (head[at + 2] << 16) | (head[at + 3] << 24)) >>> 0;
}

interface Signature {
  type: string;
  matches: (head: Uint8Array) => boolean;
  message: string;
}

const image = (name: string) =>
  `The file is ${name}, not a table of transactions. ${EXPORT_ADVICE}`;
const archive = (name: string, verb = 'extract') =>
  `The file is ${name}. Archives other than gzip are not read: ${verb} it and upload the CSV (or .xlsx) file inside.`;

const BMP_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

const SIGNATURES: readonly Signature[] = [
  { type: 'png', matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), message: image('a PNG image') },
  { type: 'jpeg', matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]), message: image('a JPEG image') },
  { type: 'gif', matches: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')), message: image('a GIF image') },
  { type: 'webp', matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8), message: image('a WebP image') },
  {
    type: 'bmp',
    // "BM" alone could start a text line; the reserved zero bytes and the header size cannot.
    matches: (h) => startsWith(h, ascii('BM')) && h.length >= 18 && readUint32LE(h, 6) === 0 && BMP_HEADER_SIZES.has(readUint32LE(h, 14)),
    message: image('a BMP image'),
  },
  {
    type: 'tiff',
    matches: (h) => startsWith(h, [0x49, 0x49, 0x2a, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2a]),
    message: image('a TIFF image'),
  },
  {
    type: 'pdf',
    matches: (h) => startsWith(h, ascii('%PDF-')),
    message: 'The file is a PDF document; tables inside a PDF are not read. Export the transactions from the system that made the report as CSV or .xlsx and upload that.',
  },
  { type: '7z', matches: (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), message: archive('a 7-Zip archive') },
  { type: 'rar', matches: (h) => startsWith(h, ascii('Rar!\x1a\x07')), message: archive('a RAR archive') },
  {
    type: 'bzip2',
    matches: (h) =>
      startsWith(h, ascii('BZh')) &&
      h.length >= 10 &&
      h[3] >= 0x31 &&
      h[3] <= 0x39 &&
      (startsWith(h, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4) || startsWith(h, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90], 4)),
    message: 'The file is bzip2-compressed, which is not read (only gzip is). Decompress it and upload the CSV, or compress it with gzip instead.',
  },
  {
    type: 'xz',
    matches: (h) => startsWith(h, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
    message: 'The file is xz-compressed, which is not read (only gzip is). Decompress it and upload the CSV, or compress it with gzip instead.',
  },
  {
    type: 'zstd',
    matches: (h) => startsWith(h, [0x28, 0xb5, 0x2f, 0xfd]),
    message: 'The file is Zstandard-compressed, which is not read (only gzip is). Decompress it and upload the CSV, or compress it with gzip instead.',
  },
  {
    type: 'xls',
    matches: (h) => startsWith(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    message:
      'The file is a legacy Office file (an Excel 97-2003 .xls workbook, or a password-protected workbook), which is not read. Open it in Excel, remove any password, and save it as .xlsx or CSV.',
  },
  {
    type: 'sqlite',
    matches: (h) => startsWith(h, ascii('SQLite format 3\0')),
    message: 'The file is an SQLite database, not an export. Export the transactions table as CSV and upload that.',
  },
  {
    type: 'executable',
    matches: (h) =>
      startsWith(h, [0x7f, 0x45, 0x4c, 0x46]) ||
      [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].some(
        (magic) => h.length >= 4 && ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0 === magic,
      ) ||
      isPortableExecutable(h),
    message: `The file is a program (an executable), not a table of transactions. ${EXPORT_ADVICE}`,
  },
  {
    type: 'utf-32',
    matches: (h) => startsWith(h, [0xff, 0xfe, 0x00, 0x00]) || startsWith(h, [0x00, 0x00, 0xfe, 0xff]),
    message: 'The file is UTF-32 text, which is not read. Save it again as UTF-8 (or UTF-16) text or CSV and upload that.',
  },
];

// "MZ" could start a text line, so a Windows program is recognised by its "PE\0\0" header too.
function isPortableExecutable(head: Uint8Array): boolean {
  if (!startsWith(head, ascii('MZ')) || head.length < 0x40) return false;
  const offset = readUint32LE(head, 0x3c);
  return startsWith(head, [0x50, 0x45, 0x00, 0x00], offset);
}

/**
 * Name a file from its first bytes (up to SNIFF_BYTES are looked at): gzip, ZIP (possibly an
 * .xlsx workbook, decided from its entries by classifyZipEntries), text, or a refused type
 * with a sentence saying what the file is and what to do. Text is whatever is not a known
 * binary format and has few NUL bytes and control characters (at most one in a hundred, UTF-16's NULs
 * aside): a stray NUL in a text export is cleaned line by line downstream.
 * @example
 * detectFileType(new TextEncoder().encode('id,date\n1,2024-03-08\n')); // { kind: 'text' }
 * detectFileType(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])).kind; // 'refused' (a PDF)
 */
export function detectFileType(head: Uint8Array): DetectedFileType {
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08])) {
    return refused('zip', archive('a ZIP archive', 'unzip'));
  }
  for (const signature of SIGNATURES) {
    if (signature.matches(head)) return refused(signature.type, signature.message);
  }
  const sample = head.subarray(0, SNIFF_BYTES);
  const mark = detectByteOrderMark(sample);
  if (mark?.encoding === 'utf-16le' || mark?.encoding === 'utf-16be' || detectUtf16WithoutBom(sample) !== null) {
    return { kind: 'text' };
  }
  let nul = 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i];
    if (byte === 0) nul++;
    else if (isControlCharacter(byte)) controls++;
  }
  // A stray NUL or control character in a text export costs its line downstream; only many make a binary file.
  if (tooManyControls(nul + controls, sample.length)) {
    const what = nul > 0 ? `${nul.toLocaleString('en-US')} NUL bytes and ${controls.toLocaleString('en-US')} other control characters` : `${controls.toLocaleString('en-US')} control characters`;
    return refused('binary', `The file is not text: its first bytes hold ${what}, as binary files do, and it is no format that is read. ${EXPORT_ADVICE}`);
  }
  return { kind: 'text' };
}

/**
 * Decide from a ZIP archive's entry names whether it is an .xlsx workbook ([Content_Types].xml
 * and xl/workbook.xml, as .xlsx and .xlsm have), and otherwise say what it is.
 * @example
 * classifyZipEntries(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']); // { kind: 'xlsx' }
 * classifyZipEntries(['orders.csv']).kind; // 'refused'
 */
export function classifyZipEntries(names: readonly string[]): { kind: 'xlsx' } | RefusedFile {
  const present = new Set(names.map((name) => name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase()));
  if (present.has('[content_types].xml') && present.has('xl/workbook.xml')) return { kind: 'xlsx' };
  if (present.has('xl/workbook.bin')) {
    return refused('xlsb', 'The file is an Excel binary workbook (.xlsb), which is not read. Open it in Excel and save it as .xlsx or CSV.');
  }
  if (present.has('mimetype') && present.has('content.xml')) {
    return refused(
      'opendocument',
      'The file is an OpenDocument file (such as a LibreOffice .ods spreadsheet), which is not read. Save it as .xlsx or CSV and upload that.',
    );
  }
  if (present.has('word/document.xml')) {
    return refused('docx', 'The file is a Word document (.docx), not a table of transactions. Export the data as CSV or .xlsx and upload that.');
  }
  if (present.has('ppt/presentation.xml')) {
    return refused('pptx', 'The file is a PowerPoint presentation (.pptx), not a table of transactions. Export the data as CSV or .xlsx and upload that.');
  }
  return refused('zip', archive('a ZIP archive', 'unzip'));
}

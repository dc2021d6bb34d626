/**
 * What a file really is, from its first bytes (magic numbers), not from what the uploader declared:
 * a declared "application/pdf" that is really HTML or an executable must be refused. Only the types
 * a signed consent form comes as are recognised.
 */

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const EXTENSION: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

const SIGNATURES: Array<{ type: DocumentType; bytes: number[] }> = [
  // "%PDF-"
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // PNG: \x89 "PNG" CR LF SUB LF
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // JPEG: SOI marker followed by the start of another marker
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function detectDocumentType(bytes: Uint8Array): DocumentType | null {
  for (const { type, bytes: magic } of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

export function isDocumentType(value: string): value is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(value);
}

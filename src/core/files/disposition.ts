// The Content-Disposition an uploaded file is stored with, so the recipient's download keeps the
// file's original name: RFC 6266, with an ASCII `filename` every browser reads and, when the name
// is not plain ASCII, an RFC 8187 `filename*` (UTF-8, percent-encoded) that modern browsers prefer.

/** Characters RFC 8187's attr-char allows as they are; everything else is percent-encoded. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/

export function contentDisposition(fileName: string): string {
  const fallback = asciiFallback(fileName)
  const plain = `attachment; filename="${fallback}"`
  return fallback === fileName ? plain : `${plain}; filename*=UTF-8''${encodeExtValue(fileName)}`
}

/** The name with non-ASCII and control characters as "_", and quotes and backslashes escaped. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[^\x20-\x7e]/gu, '_')
    .replace(/["\\]/g, '\\$&')
}

function encodeExtValue(name: string): string {
  let out = ''
  for (const char of name.normalize('NFC')) {
    if (ATTR_CHAR.test(char)) {
      out += char
      continue
    }
    for (const byte of Buffer.from(char, 'utf8'))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

// A link's QR code, as the window asks main to save it: the page only says what the image is, so
// main checks it really is that — a PNG file, or SVG text holding nothing that could run or load
// anything when the file is opened — before it is written.
import { invalidInput } from './router.ts'

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const SVG_START = /^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/i
/** Scripts, event handlers, embedded documents and links to elsewhere have no place in a QR code. */
const SVG_ACTIVE = /<script|<foreignObject|<iframe|\son[a-z]+\s*=|href\s*=|url\s*\(/i

/** What to write: the PNG's bytes, or the SVG's text. Throws INVALID_INPUT for anything else. */
export function qrImageContent(format: 'png' | 'svg', image: string): Uint8Array | string {
  if (format === 'svg') {
    if (!SVG_START.test(image) || SVG_ACTIVE.test(image)) {
      throw invalidInput('This is not a QR code in SVG that Keyfront can save.')
    }
    return image
  }
  const bytes = BASE64.test(image) ? Buffer.from(image, 'base64') : undefined
  if (!bytes || !PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw invalidInput('This is not a QR code in PNG that Keyfront can save.')
  }
  return bytes
}

// The Content-Type an uploaded file is stored with, and the short type name screens show ("PDF"),
// both from the file name's extension. S3 serves the stored type as is, so a wrong guess would make
// the recipient's browser mishandle the file: unknown extensions get the neutral binary type.
const TYPES: Record<string, [mime: string, label: string]> = {
  pdf: ['application/pdf', 'PDF'],
  txt: ['text/plain; charset=utf-8', 'Text'],
  csv: ['text/csv; charset=utf-8', 'CSV'],
  md: ['text/markdown; charset=utf-8', 'Markdown'],
  html: ['text/html; charset=utf-8', 'Web page'],
  htm: ['text/html; charset=utf-8', 'Web page'],
  json: ['application/json', 'JSON'],
  xml: ['application/xml', 'XML'],
  jpg: ['image/jpeg', 'JPEG image'],
  jpeg: ['image/jpeg', 'JPEG image'],
  png: ['image/png', 'PNG image'],
  gif: ['image/gif', 'GIF image'],
  webp: ['image/webp', 'WebP image'],
  svg: ['image/svg+xml', 'SVG image'],
  heic: ['image/heic', 'HEIC image'],
  tif: ['image/tiff', 'TIFF image'],
  tiff: ['image/tiff', 'TIFF image'],
  mp3: ['audio/mpeg', 'MP3 audio'],
  wav: ['audio/wav', 'WAV audio'],
  m4a: ['audio/mp4', 'M4A audio'],
  mp4: ['video/mp4', 'MP4 video'],
  mov: ['video/quicktime', 'QuickTime video'],
  webm: ['video/webm', 'WebM video'],
  zip: ['application/zip', 'ZIP archive'],
  gz: ['application/gzip', 'Gzip archive'],
  tar: ['application/x-tar', 'Tar archive'],
  '7z': ['application/x-7z-compressed', '7-Zip archive'],
  doc: ['application/msword', 'Word document'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word document'],
  xls: ['application/vnd.ms-excel', 'Excel workbook'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel workbook'],
  ppt: ['application/vnd.ms-powerpoint', 'PowerPoint'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PowerPoint'],
  odt: ['application/vnd.oasis.opendocument.text', 'OpenDocument text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet', 'OpenDocument spreadsheet'],
  key: ['application/vnd.apple.keynote', 'Keynote'],
  pages: ['application/vnd.apple.pages', 'Pages document'],
  numbers: ['application/vnd.apple.numbers', 'Numbers spreadsheet'],
  epub: ['application/epub+zip', 'EPUB book'],
}

const BINARY = 'application/octet-stream'

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** The Content-Type to store the file with. */
export function contentTypeFor(name: string): string {
  return TYPES[extensionOf(name)]?.[0] ?? BINARY
}

/** What kind of file this is, in a word or two; the extension in capitals when it is not known. */
export function typeLabelFor(name: string): string {
  const extension = extensionOf(name)
  return TYPES[extension]?.[1] ?? (extension ? extension.toUpperCase() : 'File')
}

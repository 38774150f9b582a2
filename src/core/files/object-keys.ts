// From what people see (a folder on the site, a file's name) to S3 object keys and back. A site's
// address path is the key below the origin's OriginPath; keys are checked against what S3 handles
// well before anything is sent; "Keep both" finds the first free "name (n).ext".
import { KeyfrontError } from '../../shared/errors.ts'
import { firstControl } from '../../shared/plain-text.ts'

const KEY_MAX_BYTES = 1024
const KEEP_BOTH_TRIES = 1000

/** Where a site's files live in its bucket: the bucket, its region, and the origin path. */
export interface SiteBucket {
  bucket: string
  region: string
  /** The distribution's OriginPath without its slashes ("" when it has none). */
  originPath: string
}

/** "reports/2026/" for "/reports/2026" (folders end with "/"; the top folder is ""). */
export function folderOf(path: string): string {
  const trimmed = path.trim().replace(/^[/\\]+|[/\\]+$/g, '')
  return trimmed === '' ? '' : `${trimmed}/`
}

/** The object key of a path on the site (leading slash optional). */
export function keyOfPath(where: Pick<SiteBucket, 'originPath'>, path: string): string {
  const relative = path.trim().replace(/^\/+/, '')
  return where.originPath ? `${where.originPath}/${relative}` : relative
}

/** The path on the site of an object key (the key without the origin path). */
export function pathOfKey(where: Pick<SiteBucket, 'originPath'>, key: string): string {
  const prefix = where.originPath ? `${where.originPath}/` : ''
  return key.startsWith(prefix) ? key.slice(prefix.length) : key
}

/** The path of a file put in `folder` under its own name, checked as an S3 key. */
export function uploadPath(folder: string, fileName: string): string {
  const path = `${folderOf(folder)}${fileName}`
  checkKey(path)
  return path
}

/** Refuses keys S3 stores badly or not at all: control characters, and more than 1,024 bytes of UTF-8. */
export function checkKey(key: string): void {
  const control = firstControl(key)
  if (control) {
    throw new KeyfrontError(
      'OBJECT_KEY_INVALID',
      `The name "${key.slice(0, 80)}" holds a control character (${control.shown}, character ${control.position}), which S3 and browsers handle badly. Rename the file first.`,
    )
  }
  const bytes = Buffer.byteLength(key, 'utf8')
  if (bytes > KEY_MAX_BYTES) {
    throw new KeyfrontError(
      'OBJECT_KEY_INVALID',
      `The file's path in the bucket would be ${bytes} bytes long; S3 allows ${KEY_MAX_BYTES}. Use a shorter name or folder.`,
    )
  }
  if (key.endsWith('/') || key === '') {
    throw new KeyfrontError('OBJECT_KEY_INVALID', 'A file needs a name after its folder.')
  }
}

/** Refuses a folder no file could be put in: control characters, or no room left for a name. */
export function checkFolder(folder: string): void {
  const control = firstControl(folder)
  if (control) {
    throw new KeyfrontError(
      'OBJECT_KEY_INVALID',
      `The folder "${folder.slice(0, 80)}" holds a control character (${control.shown}, character ${control.position}), which S3 and browsers handle badly. Type the folder without it.`,
    )
  }
  const bytes = Buffer.byteLength(folder, 'utf8')
  if (bytes >= KEY_MAX_BYTES) {
    throw new KeyfrontError(
      'OBJECT_KEY_INVALID',
      `The folder is ${bytes} bytes long, which leaves no room for a file's name: S3 allows ${KEY_MAX_BYTES} in all. Use a shorter folder.`,
    )
  }
}

/** "report (2).pdf", "report (3).pdf", … for "report.pdf": the first `taken` says is free. */
export async function keepBothPath(path: string, taken: (path: string) => Promise<boolean>): Promise<string> {
  const slash = path.lastIndexOf('/')
  const folder = path.slice(0, slash + 1)
  const name = path.slice(slash + 1)
  const dot = name.lastIndexOf('.')
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  for (let n = 2; n < KEEP_BOTH_TRIES + 2; n++) {
    const candidate = `${folder}${stem} (${n})${extension}`
    checkKey(candidate)
    if (!(await taken(candidate))) return candidate
  }
  throw new KeyfrontError(
    'OBJECT_EXISTS',
    `There are already ${KEEP_BOTH_TRIES} copies of ${name} in this folder. Choose another name or folder.`,
  )
}

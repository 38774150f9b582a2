// What a failed file operation tells the user. The failures people actually meet — a full disk, a
// read-only or foreign folder, a file where the data folder should be, a folder where an export
// should go — each get their own code and name the place; anything else keeps its errno.
import { dirname } from 'node:path'
import { KeyfrontError, isKeyfrontError } from '../shared/errors.ts'

export function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function isNoSpace(error: unknown): boolean {
  const code = errnoOf(error)
  return code === 'ENOSPC' || code === 'EDQUOT'
}

export function diskFull(folder: string, cause?: unknown): KeyfrontError {
  return new KeyfrontError(
    'DISK_FULL',
    `The disk that holds ${folder} is full, so Keyfront could not save there. Free some space on it and try again.`,
    { cause },
  )
}

export function dataFolderInvalid(folder: string, cause?: unknown): KeyfrontError {
  return new KeyfrontError(
    'DATA_FOLDER_INVALID',
    `Keyfront's data folder ${folder} is not a folder: a file has that name, or sits in its path. Move that file away, or point KEYFRONT_DATA_DIR at a folder.`,
    { cause },
  )
}

/** A file in the data folder (keys.json, the history…) that could not be read or saved. */
export function dataFileError(error: unknown, path: string, doing: 'read' | 'save'): KeyfrontError {
  if (isKeyfrontError(error)) return error
  const folder = dirname(path)
  if (isNoSpace(error)) return diskFull(folder, error)
  const code = errnoOf(error) ?? 'error'
  if (code === 'ENOTDIR') return dataFolderInvalid(folder, error)
  const message =
    doing === 'read'
      ? `Keyfront cannot read ${path} (${code}). Check that it is readable by you.`
      : `Keyfront could not save ${path} (${code}). Check that the folder ${folder} is writable by you.`
  return new KeyfrontError('FILE_UNWRITABLE', message, { cause: error })
}

/** A file the user asked Keyfront to write (an exported key, a CSV). */
export function outputFileError(error: unknown, path: string): KeyfrontError {
  if (isKeyfrontError(error)) return error
  if (isNoSpace(error)) return diskFull(dirname(path), error)
  const code = errnoOf(error) ?? 'error'
  if (code === 'EISDIR') return outputIsFolder(path)
  const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'that folder does not exist' : `${code}`
  return new KeyfrontError(
    'FILE_UNWRITABLE',
    `Keyfront could not write ${path} (${why}). Choose a folder you can write to.`,
    { cause: error },
  )
}

export function outputIsFolder(path: string): KeyfrontError {
  return new KeyfrontError(
    'FILE_IS_FOLDER',
    `${path} is a folder. Give the name of the file to write, inside it or elsewhere.`,
  )
}

// Reading a key file someone names on the command line (`keys import --file`, `sign --key-file`,
// `inspect --public-key`). The size is not asked of the file system first: a device or a FIFO
// reports 0 and then never ends (`--file /dev/zero`), so the reading itself stops one byte past
// the limit, whatever the path turns out to be.
import { open } from 'node:fs/promises'
import { MAX_KEY_TEXT_BYTES } from '../../shared/contract/key-facts.ts'
import { KeyfrontError } from '../../shared/errors.ts'

/**
 * The file's text; KEY_FILE_TOO_LARGE when it holds more than 64 KiB. At most 64 KiB + 1 bytes
 * are read. File-system errors (no such file, a folder, no permission) are thrown as they are,
 * for the caller to word.
 */
export async function readKeyFileText(path: string): Promise<string> {
  const buffer = Buffer.alloc(MAX_KEY_TEXT_BYTES + 1)
  const file = await open(path, 'r')
  try {
    let length = 0
    // A pipe hands over what it has, so one read may return less than asked before the end.
    while (length < buffer.length) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > MAX_KEY_TEXT_BYTES) {
      throw new KeyfrontError(
        'KEY_FILE_TOO_LARGE',
        `${path} is larger than 64 KiB, far larger than any key. Give the key file itself (usually a .pem of 1–3 KiB).`,
      )
    }
    return buffer.toString('utf8', 0, length)
  } finally {
    await file.close()
  }
}

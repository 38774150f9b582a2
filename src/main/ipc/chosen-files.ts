// The files the user chose to upload (in main's open dialog), known to the page only by a token:
// the page can ask to upload what the user picked, never name a path of its own. Tokens live as
// long as the window; a file that changed since is read as it is now.
import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ChosenFile } from '../../shared/contract/files.ts'
import { KeyfrontError } from '../../shared/errors.ts'

export class ChosenFiles {
  readonly #paths = new Map<string, string>()

  /** Remembers the paths (regular files only) and answers what the page may know of them. */
  async add(paths: readonly string[]): Promise<ChosenFile[]> {
    const chosen: ChosenFile[] = []
    for (const path of paths) {
      const info = await stat(path).catch(() => undefined)
      if (!info?.isFile()) continue
      const token = randomUUID()
      this.#paths.set(token, path)
      chosen.push({ token, name: basename(path), size: info.size })
    }
    return chosen
  }

  /** The paths of the tokens, in order; a token not handed out here is refused. */
  pathsOf(tokens: readonly string[]): string[] {
    return tokens.map((token) => {
      const path = this.#paths.get(token)
      if (path === undefined) {
        throw new KeyfrontError(
          'INVALID_INPUT',
          'Keyfront no longer knows one of these files. Choose them again.',
        )
      }
      return path
    })
  }

  /** Their sizes when chosen, for the progress bar's total. */
  async sizeOf(paths: readonly string[]): Promise<number> {
    const sizes = await Promise.all(paths.map(async (p) => (await stat(p).catch(() => undefined))?.size ?? 0))
    return sizes.reduce((a, b) => a + b, 0)
  }
}

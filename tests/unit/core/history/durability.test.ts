// Nothing committed is lost: a process recording batches is killed with SIGKILL at a random moment
// in the middle of a batch, three times over the same file. Every batch it reported committed is
// there in full, no batch is there in part, and the file opens and passes SQLite's integrity check.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { historyPath } from '../../../../src/core/history/database.ts'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import { tempDir, testClock } from './fixtures.ts'

const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url))
const BATCH = 1000

/** Runs the child until it has reported `after` batches, then kills it a random moment later. */
function recordUntilKilled(dataDir: string, first: number, after: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, String(first), String(BATCH)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const committed: number[] = []
    let stderr = ''
    let buffered = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) committed.push(Number(line.replace('committed ', '')))
      if (committed.length === after) setTimeout(() => child.kill('SIGKILL'), Math.random() * 40)
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed)
      else reject(new Error(`The child stopped by itself (code ${code}):\n${stderr}`))
    })
  })
}

describe('history durability', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('keeps every committed batch, whole, when the recording process is killed mid-batch', async () => {
    const reported: number[] = []
    let next = 0
    for (let round = 0; round < 3; round++) {
      const committed = await recordUntilKilled(dir.path, next, 4 + round)
      reported.push(...committed)
      // The batch in flight when killed may or may not have committed; start after it either way.
      next = (committed.at(-1) ?? next) + 2
    }

    const db = new DatabaseSync(historyPath(dir.path))
    const counts = new Map(
      (
        db.prepare('SELECT label, count(*) AS n FROM entries GROUP BY label').all() as {
          label: string
          n: number
        }[]
      ).map((row) => [row.label, row.n]),
    )
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
    db.close()

    // The kill lands a random moment after the last awaited report, so a round may report one more.
    expect(reported.length).toBeGreaterThanOrEqual(4 + 5 + 6)
    for (const id of reported) expect(counts.get(`batch ${id}`), `batch ${id}`).toBe(BATCH)
    for (const [label, n] of counts) expect(n, `${label} is whole`).toBe(BATCH)

    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    expect(store.recoveredFrom).toBeUndefined()
    expect(store.list({ limit: 1, search: `batch ${reported.at(-1)}` }).entries).toHaveLength(1)
    store.close()
  })
})

// JsonFile.update, the one way a data file changes: separate processes changing the same file at
// once all keep their change; a lock left by a process that died, or held far too long, is broken;
// a live holder is waited for; a change that fails writes nothing and leaves nothing behind; and a
// data folder that is really a file is told as such.
import { spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { JsonFile } from '../../../src/core/json-file.ts'
import { STALE_AFTER_MS, lockPathFor } from '../../../src/core/file-lock.ts'

const Counter = z.object({ count: z.number() })
type Counter = z.infer<typeof Counter>

function counterFile(path: string): JsonFile<Counter> {
  return new JsonFile(path, Counter, { count: 0 })
}

const increment = (value: Counter) => ({ write: { count: value.count + 1 }, result: value.count + 1 })

/** A process that adds 1 to the counter `times` times, each a separate update. */
function incrementer(path: string, times: number): Promise<number | null> {
  const script = `
    import { z } from 'zod'
    import { JsonFile } from './src/core/json-file.ts'
    const file = new JsonFile(${JSON.stringify(path)}, z.object({ count: z.number() }), { count: 0 })
    for (let i = 0; i < ${times}; i++) await file.update((v) => ({ write: { count: v.count + 1 }, result: null }))`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' })
    child.on('error', reject)
    child.on('close', resolve)
  })
}

function writeLock(path: string, holder: { pid: number; at: number; host?: string }): void {
  writeFileSync(lockPathFor(path), JSON.stringify({ host: hostname(), token: 'someone-else', ...holder }))
}

describe('JsonFile.update', () => {
  let dir: string
  let path: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfront-json-'))
    path = join(dir, 'counter.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps every change when four processes change the file at once', async () => {
    const codes = await Promise.all([1, 2, 3, 4].map(() => incrementer(path, 25)))
    expect(codes).toEqual([0, 0, 0, 0])
    expect(await counterFile(path).read()).toEqual({ count: 100 })
    expect(readdirSync(dir)).toEqual(['counter.json'])
  })

  it('keeps every change made at once within one process', async () => {
    const file = counterFile(path)
    const results = await Promise.all(Array.from({ length: 20 }, () => file.update(increment)))
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(await file.read()).toEqual({ count: 20 })
  })

  it('breaks a lock whose holder has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    writeLock(path, { pid: dead, at: Date.now() })
    expect(await counterFile(path).update(increment)).toBe(1)
    expect(existsSync(lockPathFor(path))).toBe(false)
  })

  it('breaks a lock held by a live process for longer than any change takes', async () => {
    writeLock(path, { pid: process.pid, at: Date.now() - STALE_AFTER_MS - 1000 })
    expect(await counterFile(path).update(increment)).toBe(1)
  })

  it('waits for a live holder, and changes the file only after it let go', async () => {
    writeLock(path, { pid: process.pid, at: Date.now() })
    writeFileSync(path, JSON.stringify({ count: 10 }))
    const file = counterFile(path)
    const change = file.update(increment)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await file.read()).toEqual({ count: 10 })
    // The holder finishes its own change, then lets go.
    writeFileSync(path, JSON.stringify({ count: 20 }))
    rmSync(lockPathFor(path))
    expect(await change).toBe(21)
  })

  it('writes nothing when the change throws, and leaves no lock or temp file', async () => {
    writeFileSync(path, JSON.stringify({ count: 5 }))
    const file = counterFile(path)
    await expect(
      file.update(() => {
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(await file.read()).toEqual({ count: 5 })
    expect(readdirSync(dir)).toEqual(['counter.json'])
  })

  it('writes the file readable by its owner only, in a folder it creates owner-only', async () => {
    const nested = join(dir, 'new', 'Keyfront', 'counter.json')
    await counterFile(nested).update(increment)
    expect(readFileSync(nested, 'utf8')).toBe('{\n  "count": 1\n}\n')
    expect(statMode(nested)).toBe(0o600)
    expect(statMode(join(dir, 'new', 'Keyfront'))).toBe(0o700)
  })

  it('says the data folder is not a folder when a file has its name', async () => {
    const notAFolder = join(dir, 'Keyfront')
    writeFileSync(notAFolder, 'a file')
    const file = counterFile(join(notAFolder, 'counter.json'))
    const expected = { code: 'DATA_FOLDER_INVALID', message: expect.stringContaining(notAFolder) as unknown }
    await expect(file.read()).rejects.toMatchObject(expected)
    await expect(file.update(increment)).rejects.toMatchObject(expected)
  })

  it('tells a file that is not what it should be from one that cannot be read', async () => {
    writeFileSync(path, '{"count": "many"}')
    await expect(counterFile(path).read()).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    mkdirSync(join(dir, 'folder.json'))
    await expect(counterFile(join(dir, 'folder.json')).read()).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
    })
  })
})

function statMode(path: string): number {
  return statSync(path).mode & 0o777
}

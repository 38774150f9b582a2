// `keyfront sign` (one link, --key-file) side by side with the AWS CLI's `aws cloudfront sign`, the
// same RSA key, URL and expiry: the median wall time of RUNS runs of each, alternated so that both
// see the same machine (target: Keyfront ≤ 0.5× the AWS CLI), and Keyfront's peak resident memory
// (target ≤ 70 MiB). Runs the built CLI, out/cli/index.js (`npm run bench` builds it first).
//
// Peak memory is the kernel's count for the process (getrusage's ru_maxrss), read through GNU time
// (`/usr/bin/time -f %M`, Debian's `time` package) when it is installed; otherwise Keyfront's own
// figure, printed by a preloaded module as the process exits (process.resourceUsage().maxRSS). The
// row says which was used.
import { execFileSync, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchRow } from './report.ts'

const RUNS = 15
const CLI = join(import.meta.dirname, '../out/cli/index.js')
const GNU_TIME = '/usr/bin/time'
const URL_TO_SIGN = 'https://d111111abcdef8.cloudfront.net/reports/q3.pdf'
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F'
const TARGET_RATIO = 0.5
const TARGET_MIB = 70

interface Run {
  ms: number
  /** Peak resident set size in KiB. */
  maxRssKiB: number
}

function hasGnuTime(): boolean {
  if (!existsSync(GNU_TIME)) return false
  return spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build:cli" first.`)
  const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' })
  if (aws.status !== 0) throw new Error('The CLI comparison needs the AWS CLI ("aws") on PATH.')

  const dir = mkdtempSync(join(tmpdir(), 'keyfront-bench-cli-'))
  try {
    const keyFile = join(dir, 'key.pem')
    const rssFile = join(dir, 'rss')
    const recorder = join(dir, 'max-rss.mjs')
    writeFileSync(
      keyFile,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }),
    )
    const write = `process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS))`
    writeFileSync(recorder, `process.on('exit', () => ${write})\n`)
    const gnuTime = hasGnuTime()
    const expires = String(Math.floor(Date.now() / 1000) + 3600)
    const env = { ...process.env, KEYFRONT_DATA_DIR: join(dir, 'data') }
    const keyfront = [CLI, 'sign', URL_TO_SIGN, '--key-file', keyFile, '--key-pair-id', KEY_PAIR_ID]
    keyfront.push('--expires', expires)
    const awsSign = ['cloudfront', 'sign', '--url', URL_TO_SIGN, '--key-pair-id', KEY_PAIR_ID]
    awsSign.push('--private-key', `file://${keyFile}`, '--date-less-than', expires)

    const timed = (command: string, args: string[], nodeRecorder: boolean): Run => {
      const [file, argv] = gnuTime
        ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]]
        : [command, nodeRecorder ? ['--import', recorder, ...args] : args]
      rmSync(rssFile, { force: true })
      const start = performance.now()
      const result = spawnSync(file, argv, { env, encoding: 'utf8' })
      const ms = performance.now() - start
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : NaN
      return { ms, maxRssKiB: rss }
    }

    // One of each first, unmeasured: the files both read come into the page cache.
    execFileSync(process.execPath, keyfront, { env, stdio: 'ignore' })
    execFileSync('aws', awsSign, { env, stdio: 'ignore' })
    const ours: Run[] = []
    const theirs: Run[] = []
    for (let i = 0; i < RUNS; i++) {
      ours.push(timed(process.execPath, keyfront, true))
      theirs.push(timed('aws', awsSign, false))
    }
    const oursMs = median(ours.map((r) => r.ms))
    const theirsMs = median(theirs.map((r) => r.ms))
    const peakMiB = Math.max(...ours.map((r) => r.maxRssKiB)) / 1024
    const how = gnuTime ? 'GNU time' : 'process.resourceUsage'
    const rows: BenchRow[] = [
      { name: `aws cloudfront sign, median of ${RUNS} runs`, value: theirsMs, unit: 'ms' },
      {
        name: `keyfront sign --key-file, median of ${RUNS} runs`,
        value: oursMs,
        unit: 'ms',
        reference: { name: 'aws cloudfront sign', value: theirsMs },
        target: `≤ ${TARGET_RATIO.toFixed(2)}× aws`,
        pass: oursMs <= TARGET_RATIO * theirsMs,
      },
      {
        name: `keyfront sign --key-file, peak memory of ${RUNS} runs (${how})`,
        value: peakMiB,
        unit: 'MiB',
        reference: { name: 'the 70 MiB budget', value: TARGET_MIB },
        target: `≤ ${TARGET_MIB} MiB`,
        pass: peakMiB <= TARGET_MIB,
      },
    ]
    if (gnuTime) {
      const awsPeak = Math.max(...theirs.map((r) => r.maxRssKiB)) / 1024
      rows.push({ name: 'aws cloudfront sign, peak memory (GNU time)', value: awsPeak, unit: 'MiB' })
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

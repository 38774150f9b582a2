// Uploading a 100 MB file to the same moto_server: Keyfront's upload (6 MiB parts, four at a time,
// each read from disk into a buffer reused part after part) side by side with `aws s3 cp`, RUNS runs
// each, alternated; the median throughput of each (target: Keyfront ≥ 0.8× the AWS CLI). Then the
// peak resident memory of this process, which did nothing but Keyfront's uploads (target ≤ 150 MiB
// whatever the size), next to what it held before the first upload: Node, its TypeScript loader
// and the AWS SDK, the floor no upload can go below.
import { CreateBucketCommand } from '@aws-sdk/client-s3'
import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { randomFillSync } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAwsClientFactory } from '../src/core/aws/clients.ts'
import { uploadFile } from '../src/core/files/upload.ts'
import { withSession } from '../src/core/origin/session.ts'
import { startMoto } from '../tests/harness/moto.ts'
import type { BenchRow } from './report.ts'

const RUNS = 3
const SIZE = 100 * 1024 * 1024
const BUCKET = 'bench-uploads'
const TARGET_RATIO = 0.8
const TARGET_MIB = 150

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

export async function run(): Promise<BenchRow[]> {
  if (spawnSync('aws', ['--version']).status !== 0)
    throw new Error('The upload comparison needs the AWS CLI ("aws") on PATH.')
  const moto = await startMoto()
  const dir = mkdtempSync(join(tmpdir(), 'keyfront-bench-upload-'))
  try {
    Object.assign(process.env, moto.env)
    const file = join(dir, 'big.bin')
    // Written through one reused 1 MiB buffer: a fresh buffer per piece would leave 100 MiB of
    // garbage and raise this process's peak before any upload starts (it once counted 60 MiB).
    const piece = Buffer.alloc(1024 * 1024)
    for (let i = 0; i < SIZE / piece.length; i++) appendFileSync(file, randomFillSync(piece))
    const aws = createAwsClientFactory()
    const accounts = { clientOptions: async () => ({}) }
    await withSession(aws, accounts, undefined, (session) =>
      session.s3().send(new CreateBucketCommand({ Bucket: BUCKET })),
    )

    const keyfront = async (n: number): Promise<number> => {
      const handle = await open(file, 'r')
      try {
        const start = performance.now()
        await withSession(aws, accounts, undefined, (session) =>
          uploadFile(
            session,
            { handle, name: 'big.bin', size: SIZE },
            { bucket: BUCKET, region: 'us-east-1', key: `keyfront-${n}.bin` },
          ),
        )
        return performance.now() - start
      } finally {
        await handle.close()
      }
    }
    const awsCli = (n: number): number => {
      const start = performance.now()
      const result = spawnSync(
        'aws',
        [
          's3',
          'cp',
          file,
          `s3://${BUCKET}/aws-${n}.bin`,
          '--endpoint-url',
          moto.endpoint,
          '--only-show-errors',
        ],
        {
          env: process.env,
          encoding: 'utf8',
        },
      )
      if (result.status !== 0) throw new Error(`aws s3 cp failed: ${result.stderr}`)
      return performance.now() - start
    }

    const baselineMiB = process.resourceUsage().maxRSS / 1024
    // One of each first, unmeasured: the file comes into the page cache, connections warm up.
    await keyfront(0)
    awsCli(0)
    const ours: number[] = []
    const theirs: number[] = []
    for (let n = 1; n <= RUNS; n++) {
      ours.push(await keyfront(n))
      theirs.push(awsCli(n))
    }
    const mbPerSecond = (ms: number) => SIZE / 1e6 / (ms / 1000)
    const keyfrontRate = mbPerSecond(median(ours))
    const awsRate = mbPerSecond(median(theirs))
    const peakMiB = process.resourceUsage().maxRSS / 1024
    return [
      {
        name: 'upload 100 MB to moto_server (median of 3)',
        value: keyfrontRate,
        unit: 'MB/s',
        reference: { name: 'aws s3 cp', value: awsRate },
        target: `≥ ${TARGET_RATIO}× aws s3 cp`,
        pass: keyfrontRate >= TARGET_RATIO * awsRate,
      },
      { name: 'aws s3 cp, same file and server', value: awsRate, unit: 'MB/s' },
      {
        name: 'upload peak memory (whole process)',
        value: peakMiB,
        unit: 'MiB',
        target: `≤ ${TARGET_MIB} MiB`,
        pass: peakMiB <= TARGET_MIB,
      },
      { name: 'the same process before its first upload', value: baselineMiB, unit: 'MiB' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await moto.stop()
  }
}

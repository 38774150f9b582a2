// Uploading a 100 MB file to the same moto_server: Keyfront's upload (lib-storage, 8 MiB parts, four
// at a time, read from disk as it goes) side by side with `aws s3 cp`, RUNS runs each, alternated;
// the median throughput of each (target: Keyfront ≥ 0.8× the AWS CLI). Then the peak resident memory
// of this process, which did nothing but Keyfront's uploads (target ≤ 150 MiB whatever the size).
import { CreateBucketCommand } from '@aws-sdk/client-s3'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
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
    // Written in 1 MiB pieces, so the bench process never holds the file.
    for (let i = 0; i < SIZE / (1024 * 1024); i++)
      writeFileSync(file, randomBytes(1024 * 1024), { flag: 'a' })
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
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await moto.stop()
  }
}

// The CLI's conventions: --version, --help, exit codes (0 ok, 1 failed, 2 usage) and --json errors;
// and what a command loads: `--version` no AWS SDK module at all, one signed link no AWS SDK client.
import { execFile } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../harness/cli.ts'

const run = promisify(execFile)
const CLI = join(import.meta.dirname, '../../../src/cli/index.ts')
const RECORDER = join(import.meta.dirname, 'module-recorder.ts')

/** Runs the CLI from its sources in a process of its own; returns its output and the AWS SDK modules it loaded. */
async function cliProcess(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdout, stderr } = await run(process.execPath, ['--import', RECORDER, CLI, ...argv], {
    env: { ...process.env, ...env },
  })
  const line = stderr.split('\n').find((l) => l.startsWith('modules: ')) ?? 'modules: []'
  const modules = JSON.parse(line.slice('modules: '.length)) as string[]
  const awsSdk = [
    ...new Set(modules.flatMap((url) => /\/node_modules\/(@aws-sdk\/[^/]+)/.exec(url)?.[1] ?? [])),
  ]
  return { stdout, awsSdk }
}

describe('keyfront CLI', () => {
  it('prints its version and exits 0', async () => {
    const result = await runCli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: keyfront')
    expect(result.stdout).toContain('--json')
  })

  it('exits 2 with a hint on an unknown command', async () => {
    const result = await runCli(['frobnicate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('keyfront --help')
  })

  describe('loads only what the command needs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfront-cli-modules-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('`--version` loads no AWS SDK module', async () => {
      const { stdout, awsSdk } = await cliProcess(['--version'])
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
      expect(awsSdk).toEqual([])
    })

    it('signing one link with --key-file loads the CloudFront signer and no AWS SDK client', async () => {
      const keyFile = join(dir, 'key.pem')
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }))
      const { stdout, awsSdk } = await cliProcess(
        ['sign', 'https://d111111abcdef8.cloudfront.net/a.pdf', '--key-file', keyFile].concat([
          '--key-pair-id',
          'K2JCJMDEHXQW5F',
          '--expires',
          '1h',
        ]),
        { KEYFRONT_DATA_DIR: join(dir, 'data') },
      )
      expect(stdout).toMatch(/^https:\/\/d111111abcdef8\.cloudfront\.net\/a\.pdf\?Expires=/)
      expect(awsSdk).toEqual(['@aws-sdk/cloudfront-signer'])
    })
  })
})

// The CLI's conventions: --version, --help, exit codes (0 ok, 1 failed, 2 usage) and --json errors.
import { describe, expect, it } from 'vitest'
import { runCli } from '../../harness/cli.ts'

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
})

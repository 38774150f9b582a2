// scripts/preflight.mjs, the first step of `npm test`: on a machine without the tools the tests
// drive, one message up front naming each missing tool and the commands that install it; on this
// machine (which has them all) a one-line all-clear.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const SCRIPT = join(import.meta.dirname, '..', '..', '..', 'scripts', 'preflight.mjs')

function preflight(env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, ...env }, encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('npm test preflight', () => {
  it('names everything a bare machine lacks, once, with the commands that install it, and fails', () => {
    // A PATH holding only Node itself: no Chromium, D-Bus, gnome-keyring, moto, AWS CLI or python3.
    const bare = preflight({ PATH: dirname(process.execPath), KEYFRONT_CHROMIUM: '/nonexistent/chromium' })
    expect(bare.status).toBe(1)
    expect(bare.stdout).toBe('')
    const lines = bare.stderr.split('\n')
    expect(lines.filter((line) => line.includes('stopped before running anything'))).toHaveLength(1)
    for (const tool of [
      'Chromium at /nonexistent/chromium',
      'dbus-run-session',
      'gnome-keyring-daemon',
      'secret-tool',
      'openssl',
      'python3, for',
      'moto_server',
      'AWS CLI',
      'botocore and cryptography',
    ]) {
      expect(
        lines.filter((line) => line.startsWith('  - ') && line.includes(tool)),
        tool,
      ).toHaveLength(1)
    }
    const apt = lines.find((line) => line.includes('apt-get install -y'))
    expect(apt?.split('apt-get install -y ')[1]?.split(' ').sort()).toEqual(
      ['chromium', 'dbus', 'gnome-keyring', 'libsecret-tools', 'openssl', 'python3', 'python3-pip'].sort(),
    )
    expect(lines).toContain("  python3 -m pip install 'moto[server]' awscli botocore cryptography")
    expect(bare.stderr).toContain('bash .ci/run')
    // Node and the npm packages are there: nothing to say about them.
    expect(bare.stderr).not.toContain('npm install')
    expect(bare.stderr).not.toContain('node24.sh')
  })

  it('names only what is missing', () => {
    const result = preflight({ KEYFRONT_CHROMIUM: '/nonexistent/chromium' })
    expect(result.status).toBe(1)
    expect(result.stderr.split('\n').filter((line) => line.startsWith('  - '))).toEqual([
      '  - Chromium at /nonexistent/chromium, for the e2e tests',
    ])
    expect(result.stderr).toMatch(/^ {2}(sudo )?apt-get install -y chromium$/m)
    expect(result.stderr).not.toContain('pip install')
  })

  it('asks for a newer Node and for npm install where the checkout needs them', () => {
    // A checkout whose package.json wants a Node from the future and that has no node_modules yet.
    const checkout = mkdtempSync(join(tmpdir(), 'keyfront-preflight-'))
    try {
      mkdirSync(join(checkout, 'scripts'))
      copyFileSync(SCRIPT, join(checkout, 'scripts', 'preflight.mjs'))
      writeFileSync(join(checkout, 'package.json'), JSON.stringify({ engines: { node: '>=99.1' } }))
      const result = spawnSync(process.execPath, [join(checkout, 'scripts', 'preflight.mjs')], {
        encoding: 'utf8',
      })
      expect(result.status).toBe(1)
      const lines = result.stderr.split('\n')
      expect(lines).toContain(`  - Node 99.1 or newer (this is ${process.versions.node})`)
      expect(lines).toContain('  - the npm packages (keytar compiles against libsecret)')
      expect(lines).toContain('  . scripts/node24.sh')
      expect(lines).toContain('  npm install')
      expect(result.stderr).toMatch(/apt-get install -y libsecret-1-dev python3 make g\+\+$/m)
    } finally {
      rmSync(checkout, { recursive: true, force: true })
    }
  })

  it('passes quietly on this machine, which has every tool', () => {
    const result = preflight({ KEYFRONT_CHROMIUM: undefined })
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^preflight: all \d+ test requirements found/)
    expect(result.status).toBe(0)
  })
})

// The keytar adapter against a real Secret Service (gnome-keyring in a private D-Bus session,
// started by tests/harness/with-keyring.sh), and its message when no keychain is running.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'

const service = `Keyfront-test-${randomBytes(4).toString('hex')}`

describe('keytar keychain (real Secret Service)', () => {
  it('stores, reads and deletes a secret under the service name, visible to secret-tool', async () => {
    const keychain = createKeytarKeychain(service)
    await keychain.set('key-1', 'c2VjcmV0')
    await expect(keychain.get('key-1')).resolves.toBe('c2VjcmV0')
    const found = spawnSync('secret-tool', ['lookup', 'service', service, 'account', 'key-1'], {
      encoding: 'utf8',
    })
    expect(found.stdout).toBe('c2VjcmV0')
    await expect(keychain.delete('key-1')).resolves.toBe(true)
    await expect(keychain.get('key-1')).resolves.toBeNull()
  })

  it('says what to do when no Secret Service is reachable', () => {
    // A child process without a D-Bus session: what a user on a headless box sees.
    const script = `
      import { createKeytarKeychain } from './src/core/keychain/keytar-keychain.ts'
      createKeytarKeychain('x').get('y').then(() => console.log('NO ERROR'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))
    `
    const env: NodeJS.ProcessEnv = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env,
    })
    const outcome = JSON.parse(result.stdout) as { code: string; message: string }
    expect(outcome, result.stderr).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
    expect(outcome.message).toMatch(/Secret Service|keychain/)
  })
})

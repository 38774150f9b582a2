// What libsecret's own client, secret-tool, finds under a keychain service: how tests see what
// Keyfront stored in (and removed from) the real Secret Service without going through keytar.
// secret-tool prints the secrets on stdout and each item's attributes on stderr, in the same order.
import { spawnSync } from 'node:child_process'

function search(service: string): { stdout: string; stderr: string } {
  return spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' })
}

function accountsIn(stderr: string): string[] {
  return [...stderr.matchAll(/^attribute\.account = (.*)$/gm)].map((m) => m[1] ?? '')
}

/** The accounts (Keyfront: key ids) stored under the service. */
export function keychainAccounts(service: string): string[] {
  return accountsIn(search(service).stderr)
}

/** account → secret, for every item stored under the service. */
export function keychainEntries(service: string): Map<string, string> {
  const result = search(service)
  const secrets = [...result.stdout.matchAll(/^secret = (.*)$/gm)].map((m) => m[1] ?? '')
  return new Map(accountsIn(result.stderr).map((account, i) => [account, secrets[i] ?? '']))
}

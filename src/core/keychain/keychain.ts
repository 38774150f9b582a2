// The OS keychain, seen as a small key/value store of secrets. The real one is keytar (macOS
// Keychain, Windows Credential Manager, Secret Service on Linux); there is deliberately no file
// fallback: a private key that cannot go to the keychain is not stored at all.
export interface Keychain {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Keyfront'

export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYFRONT_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE
}

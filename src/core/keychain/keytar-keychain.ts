// The keytar-backed Keychain. keytar is loaded lazily so that commands which never touch a key
// (`keyfront --help`) work on machines without a Secret Service.
import { createRequire } from 'node:module'
import { KeyfrontError } from '../../shared/errors.ts'
import type { Keychain } from './keychain.ts'

type Keytar = typeof import('keytar')

export function createKeytarKeychain(service: string): Keychain {
  let keytar: Keytar | undefined
  const load = (): Keytar => {
    if (!keytar) {
      try {
        keytar = createRequire(import.meta.url)('keytar') as Keytar
      } catch (error) {
        throw new KeyfrontError(
          'KEYCHAIN_UNAVAILABLE',
          'The OS keychain module could not be loaded. On Linux install libsecret (libsecret-1-0) and reinstall Keyfront.',
          { cause: error },
        )
      }
    }
    return keytar
  }
  const guard = async <T>(run: (k: Keytar) => Promise<T>): Promise<T> => {
    try {
      return await run(load())
    } catch (error) {
      throw keychainError(error)
    }
  }
  return {
    get: (account) => guard((k) => k.getPassword(service, account)),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) => guard((k) => k.deletePassword(service, account)),
  }
}

/** Maps what keytar/libsecret report to an error a person can act on. Never includes the secret. */
export function keychainError(error: unknown): KeyfrontError {
  if (error instanceof KeyfrontError) return error
  const text = error instanceof Error ? error.message : String(error)
  if (
    /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|org\.freedesktop\.secrets|not provided by any \.service/i.test(
      text,
    )
  ) {
    return new KeyfrontError(
      'KEYCHAIN_UNAVAILABLE',
      'No OS keychain is running. On Linux start a Secret Service (GNOME Keyring or KWallet) in your desktop session; on a headless machine run Keyfront inside a D-Bus session with gnome-keyring unlocked.',
    )
  }
  if (/locked|unlock|dismissed|cancel/i.test(text)) {
    return new KeyfrontError(
      'KEYCHAIN_LOCKED',
      'The OS keychain is locked. Unlock it (or approve the prompt) and try again.',
    )
  }
  return new KeyfrontError(
    'KEYCHAIN_REFUSED',
    `The OS keychain refused the request (${text.slice(0, 200)}). Check that your keychain is unlocked and allows Keyfront.`,
  )
}

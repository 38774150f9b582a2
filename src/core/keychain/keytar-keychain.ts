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
  // libsecret answers "not there" (null / false) rather than an error when the collection is
  // locked and no unlock prompt could be shown. A trial write tells the two apart: it fails with
  // "locked collection" if locked; if it succeeds the keyring is open now and a second look is
  // the true answer. Only on that rare path, so normal reads cost one call.
  const checkOpen = async (k: Keytar): Promise<void> => {
    await k.setPassword(service, PROBE_ACCOUNT, 'check')
    await k.deletePassword(service, PROBE_ACCOUNT)
  }
  const probes = process.platform === 'linux'
  return {
    get: (account) =>
      guard(async (k) => {
        const secret = await k.getPassword(service, account)
        if (secret !== null || !probes) return secret
        await checkOpen(k)
        return k.getPassword(service, account)
      }),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) =>
      guard(async (k) => {
        const deleted = await k.deletePassword(service, account)
        if (deleted || !probes) return deleted
        await checkOpen(k)
        return k.deletePassword(service, account)
      }),
  }
}

/** An account no key ever uses (key accounts are UUIDs). */
const PROBE_ACCOUNT = 'keyfront-keychain-check'

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
  // gnome-keyring started without a password has no default ("login") keyring to store into.
  if (/collection\/login|Object does not exist at path/i.test(text)) {
    return new KeyfrontError(
      'KEYCHAIN_UNAVAILABLE',
      'The Secret Service is running but has no default keyring to keep keys in. Create one (in "Passwords and Keys", make a keyring and set it as default) or start gnome-keyring unlocked with a password, then try again.',
    )
  }
  // libsecret: "Cannot create an item in a locked collection"; macOS: "User interaction is not allowed."
  if (/locked|unlock|interaction is not allowed/i.test(text)) {
    return new KeyfrontError(
      'KEYCHAIN_LOCKED',
      'The OS keychain is locked, so Keyfront can neither read nor store keys. Unlock it (on Linux: "Passwords and Keys", unlock the Login keyring; on macOS: Keychain Access) and try again.',
    )
  }
  if (/dismissed|cancel/i.test(text)) {
    return new KeyfrontError(
      'KEYCHAIN_REFUSED',
      'The keychain prompt was dismissed, so nothing was read or stored. Try again and allow Keyfront when the keychain asks.',
    )
  }
  return new KeyfrontError(
    'KEYCHAIN_REFUSED',
    `The OS keychain refused the request (${text.slice(0, 200)}). Check that your keychain is unlocked and allows Keyfront.`,
  )
}

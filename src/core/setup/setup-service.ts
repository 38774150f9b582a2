// "Share this setup" and "Import setup": writes a site and the key that signs for it to one
// passphrase-protected file, and turns such a file into a keychain key (or, for a key kept by AWS
// KMS, the same KMS key listed here) and a site on another computer, ready to make links. Import converges: a key already held (same fingerprint) is reused,
// a site already known is brought up to date, and a wrong passphrase changes nothing.
import { createPublicKey, type KeyObject } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import { KEY_NAME_MAX, type KeySummary } from '../../shared/contract/keys.ts'
import type { SetupImported } from '../../shared/contract/setup.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { findSite, siteName, siteNameProblem } from '../../shared/site-link.ts'
import type { Clock } from '../clock.ts'
import type { SignedSites } from '../cloudfront/signed-sites.ts'
import { dataFileError, errnoOf } from '../file-errors.ts'
import { checkExportPassphrase, checkKeyPairIdKind } from '../keys/key-records.ts'
import {
  fingerprint,
  fromKeychainValue,
  keyTypeOf,
  rsaBitsOf,
  spkiDer,
  toKeychainValue,
} from '../keys/key-material.ts'
import type { KeyService } from '../keys/key-service.ts'
import { writeOutputFile } from '../output-file.ts'
import { seal, unseal } from './seal.ts'
import {
  MAX_SETUP_FILE_BYTES,
  SETUP_CONTEXT,
  SETUP_FORMAT,
  SETUP_VERSION,
  invalid,
  parseSetupFile,
  parseSetupPayload,
  setupFileText,
  type SetupFile,
  type SetupPayload,
} from './setup-file.ts'

export interface SetupServiceDeps {
  keys: KeyService
  sites: SignedSites
  clock: Clock
}

export class SetupService {
  readonly #deps: SetupServiceDeps

  constructor(deps: SetupServiceDeps) {
    this.#deps = deps
  }

  /**
   * Writes the setup of `siteRef` (id or address) to `path`, readable by the owner only. An
   * existing file is replaced only with `replace` (a save dialog asked, or `--force`).
   */
  async export(
    siteRef: string,
    passphrase: string,
    path: string,
    options: { replace: boolean },
  ): Promise<SignedSite> {
    checkExportPassphrase(passphrase)
    const site = findSite(await this.#deps.sites.list(), siteRef)
    if (!site) {
      throw new KeyfrontError(
        'SITE_NOT_FOUND',
        `No site "${siteRef}" is set up on this computer. See the sites with "keyfront cloudfront sites".`,
      )
    }
    const payload: SetupPayload = {
      key: await this.#sharedKey(site),
      site: {
        distributionId: site.distributionId,
        domainName: site.domainName,
        aliases: site.aliases,
        ...(site.name !== undefined && { name: site.name }),
        ...(site.comment !== undefined && { comment: site.comment }),
        restrictedPaths: site.restrictedPaths,
        keyGroupId: site.keyGroupId,
        keyGroupName: site.keyGroupName,
        accountId: site.accountId,
      },
    }
    const file: SetupFile = {
      format: SETUP_FORMAT,
      version: SETUP_VERSION,
      readable: { site: siteName(site), address: site.domainName },
      sealed: await seal(JSON.stringify(payload), passphrase, SETUP_CONTEXT),
    }
    await writeOutputFile(path, options, (out) => out.write(setupFileText(file)))
    return site
  }

  /** The key as the file carries it: the private key, or for a KMS key where it is. */
  async #sharedKey(site: SignedSite): Promise<SetupPayload['key']> {
    const summary = await this.#deps.keys.find(site.keyId)
    const facts = { name: summary.name, type: summary.type, keyPairId: site.keyPairId }
    if (summary.kms) {
      const publicKey = createPublicKey(await this.#deps.keys.publicKeyPem(summary.id))
      const { arn, region } = summary.kms
      return { ...facts, kms: { arn, region }, publicKey: spkiDer(publicKey).toString('base64') }
    }
    const key = await this.#deps.keys.loadSigningKey(summary.id)
    if (key.custody !== 'keychain') throw new KeyfrontError('INTERNAL', 'The key changed while it was read.')
    return { ...facts, privateKey: toKeychainValue(key.privateKey) }
  }

  /** Reads the setup file at `path` and adds its key and site (see the module comment). */
  async import(path: string, passphrase: string): Promise<SetupImported> {
    if (!passphrase) {
      throw new KeyfrontError('INVALID_INPUT', 'Enter the passphrase the setup file was saved with.')
    }
    const sealed = parseSetupFile(await readSetupText(path)).sealed
    const file = parseSetupPayload(await unseal(sealed, passphrase, SETUP_CONTEXT))
    const held = await this.#deps.keys.list()
    const { key, same } = await this.#addKey(file.key, held)
    const recorded = key.uploads.some((u) => u.keyPairId === file.key.keyPairId)
    const ready = recorded
      ? key
      : await this.#deps.keys.recordUpload(key.id, {
          keyPairId: file.key.keyPairId,
          accountId: file.site.accountId,
        })
    const known = (await this.#deps.sites.list()).some((s) => s.distributionId === file.site.distributionId)
    // A name this computer could not keep is left out; the site then goes by its address.
    const { name, ...facts } = file.site
    await this.#deps.sites.remember({
      ...facts,
      ...(name !== undefined && siteNameProblem(name) === undefined && { name: name.trim() }),
      keyId: ready.id,
      keyPairId: file.key.keyPairId,
      onboardedAt: this.#deps.clock.now(),
    })
    const site = (await this.#deps.sites.list()).find((s) => s.distributionId === file.site.distributionId)
    if (!site) throw new KeyfrontError('INTERNAL', 'The site was not saved. Import the setup file again.')
    return { key: ready, keyReused: same !== undefined, site, siteUpdated: known }
  }

  /** The file's key, added here — or the key this computer already holds with its fingerprint. */
  async #addKey(
    shared: SetupPayload['key'],
    held: KeySummary[],
  ): Promise<{ key: KeySummary; same: KeySummary | undefined }> {
    const name = freeName(shared.name, held)
    if (shared.kms) {
      const publicKeyDer = Buffer.from(shared.publicKey, 'base64')
      const publicKey = readPublicKey(publicKeyDer)
      checkKeyPairIdKind(shared.keyPairId, keyTypeOf(publicKey), rsaBitsOf(publicKey))
      const same = held.find((key) => key.fingerprint === fingerprint(publicKey))
      return { same, key: same ?? (await this.#deps.keys.addKms({ name, kms: shared.kms, publicKeyDer })) }
    }
    const privateKey = privateKeyOf(shared.privateKey)
    checkKeyPairIdKind(shared.keyPairId, keyTypeOf(privateKey), rsaBitsOf(privateKey))
    const same = held.find((key) => key.fingerprint === fingerprint(privateKey))
    const key =
      same ??
      (await this.#deps.keys.import({
        name,
        // In memory only: KeyService reads a PEM and checks CloudFront can use the key.
        pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }))
    return { key, same }
  }
}

/** A KMS key's public key from the file; one that does not parse is refused. */
function readPublicKey(der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    throw invalid('The key in it cannot be read; it may be damaged. Ask for a new one.')
  }
}

/** The payload's private key; a payload that opened but holds no readable key is refused. */
function privateKeyOf(value: string): KeyObject {
  try {
    return fromKeychainValue(value)
  } catch {
    throw invalid('The key in it cannot be read; it may be damaged. Ask for a new one.')
  }
}

/**
 * The key's own name (cut to what a name may hold), or "name (2)", "name (3)"… when this computer
 * already uses it for another key.
 */
function freeName(name: string, held: KeySummary[]): string {
  const taken = new Set(held.map((key) => key.name.toLowerCase()))
  const base =
    name
      .trim()
      .slice(0, KEY_NAME_MAX - 5)
      .trim() || 'Shared key'
  let candidate = base
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})`
  return candidate
}

/** The file's text, refusing one too large to be a setup file before reading it whole. */
async function readSetupText(path: string): Promise<string> {
  let handle
  try {
    handle = await open(path, 'r')
    const info = await handle.stat()
    if (!info.isFile()) throw invalid(`${path} is not a file.`)
    if (info.size > MAX_SETUP_FILE_BYTES) throw invalid('It is far larger than a setup file is.')
    return await handle.readFile('utf8')
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') {
      throw new KeyfrontError('INVALID_INPUT', `There is no file at ${path}. Check the name and folder.`)
    }
    throw dataFileError(error, path, 'read')
  } finally {
    await handle?.close()
  }
}

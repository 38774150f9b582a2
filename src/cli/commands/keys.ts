// `keyfront keys …`: create, import, list, show, rename, set-id, export-public, export, delete;
// usage, rotate and retire live in key-lifecycle.ts.
// Passphrases come only from an environment variable named on the command line (--passphrase-env),
// never from argv itself, which other users of the machine can read in the process list.
import { Option } from 'commander'
import { readKeyFileText } from '../../core/keys/key-file-text.ts'
import { KeyType, LEGACY_KEY_HINT, keyTypeLabel, type KeySummary } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { clip, table, utcMinute } from '../format.ts'
import { usageError, type Register } from '../program.ts'
import { registerKeyLifecycle } from './key-lifecycle.ts'
import { passphraseFrom } from './shared.ts'

export const registerKeys: Register = (program, run) => {
  const keys = program
    .command('keys')
    .description('create, import and export CloudFront signing keys (private keys stay in the OS keychain)')

  keys
    .command('create')
    .description('generate a new key pair and keep its private key in the OS keychain')
    .requiredOption('--name <name>', 'a name for the key')
    .addOption(
      new Option('--type <type>', 'rsa (RSA 2048: works everywhere) or ecdsa (ECDSA P-256: shorter links)')
        .choices(KeyType.options)
        .default('rsa'),
    )
    .action((options: { name: string; type: KeyType }) =>
      run(async ({ ctx }) => {
        const key = await (await ctx.local()).keys.create(options)
        return { json: key, text: `Created "${key.name}".\n${describeKey(key)}\n${nextStep(key)}` }
      }),
    )

  keys
    .command('import')
    .description('import a PEM private key (PKCS#1, PKCS#8, SEC1 or encrypted PKCS#8)')
    .requiredOption('--name <name>', 'a name for the key')
    .requiredOption('--file <file>', 'the private key file')
    .option('--passphrase-env <VAR>', "environment variable holding the key's passphrase")
    .option(
      '--key-pair-id <id>',
      'the ID CloudFront gave its public key, if it is uploaded already (APKA… for a legacy key pair: RSA 1024, 2048 or 4096)',
    )
    .action((options: { name: string; file: string; passphraseEnv?: string; keyPairId?: string }) =>
      run(async ({ ctx }) => {
        const pem = await readKeyFile(options.file)
        const passphrase = options.passphraseEnv ? passphraseFrom(ctx.io, options.passphraseEnv) : undefined
        const { keys } = await ctx.local()
        const key = await keys
          .import({ name: options.name, pem, passphrase, keyPairId: options.keyPairId })
          .catch((error: unknown) => {
            if (error instanceof KeyfrontError && error.code === 'KEY_PASSPHRASE_REQUIRED') {
              throw new KeyfrontError(
                error.code,
                'This private key is protected by a passphrase. Put it in an environment variable and name that variable with --passphrase-env VAR.',
              )
            }
            throw error
          })
        return { json: key, text: `Imported "${key.name}".\n${describeKey(key)}\n${nextStep(key)}` }
      }),
    )

  keys
    .command('list')
    .description('list the keys Keyfront holds')
    .action(() =>
      run(async ({ ctx }) => {
        const list = await (await ctx.local()).keys.list()
        return {
          json: list,
          text: list.length
            ? keyTable(list)
            : 'No signing keys yet. Create one with: keyfront keys create --name NAME',
        }
      }),
    )

  keys
    .command('show')
    .description('show a key: type, fingerprint, Key-Pair-Ids and its public key')
    .argument('<key>', 'name or id of the key')
    .action((ref: string) =>
      run(async ({ ctx }) => {
        const key = await (await ctx.local()).keys.show(ref)
        return {
          json: key,
          text: `${key.name}\n${describeKey(key)}\nid           ${key.id}\n\n${key.publicKeyPem}`,
        }
      }),
    )

  keys
    .command('rename')
    .description('rename a key')
    .argument('<key>', 'name or id of the key')
    .argument('<new-name>', 'the new name')
    .action((ref: string, name: string) =>
      run(async ({ ctx }) => {
        const key = await (await ctx.local()).keys.rename(ref, name)
        return { json: key, text: `Renamed to "${key.name}".` }
      }),
    )

  keys
    .command('set-id')
    .description('record the Key-Pair-Id of a public key you uploaded to CloudFront yourself')
    .argument('<key>', 'name or id of the key')
    .argument(
      '<key-pair-id>',
      'the CloudFront public key id, like K2JCJMDEHXQW5F (or a legacy key pair’s APKA… id)',
    )
    .action((ref: string, keyPairId: string) =>
      run(async ({ ctx }) => {
        const key = await (await ctx.local()).keys.setKeyPairId(ref, keyPairId)
        return {
          json: key,
          text: `"${key.name}" now signs links with Key-Pair-Id ${key.keyPairId ?? keyPairId}.`,
        }
      }),
    )

  keys
    .command('export-public')
    .description("print a key's public key (SPKI PEM, what CloudFront's public key upload takes)")
    .argument('<key>', 'name or id of the key')
    .action((ref: string) =>
      run(async ({ ctx }) => {
        const key = await (await ctx.local()).keys.show(ref)
        return {
          json: { id: key.id, name: key.name, publicKeyPem: key.publicKeyPem },
          text: key.publicKeyPem,
        }
      }),
    )

  keys
    .command('export')
    .description('save a private key, encrypted with a passphrase (PKCS#8 PEM, readable only by you)')
    .argument('<key>', 'name or id of the key')
    .requiredOption('--out <file>', 'where to save it (a new file, unless --force)')
    .requiredOption(
      '--passphrase-env <VAR>',
      'environment variable holding the passphrase (8 characters or more)',
    )
    .option('--force', 'replace the file if it exists')
    .action((ref: string, options: { out: string; passphraseEnv: string; force?: boolean }) =>
      run(async ({ ctx }) => {
        const passphrase = passphraseFrom(ctx.io, options.passphraseEnv)
        const keyfront = await ctx.local()
        const key = await keyfront.keys.find(ref)
        await keyfront.keys.exportPrivateKey(ref, passphrase, options.out, {
          replace: options.force === true,
        })
        return {
          json: { saved: options.out },
          text: `Saved the private key of "${key.name}" to ${options.out}, encrypted with your passphrase.`,
        }
      }),
    )

  keys
    .command('delete')
    .description('delete a key: its private key is removed from the OS keychain')
    .argument('<key>', 'name or id of the key')
    .option('--yes', 'confirm: deleting cannot be undone')
    .action((ref: string, options: { yes?: boolean }) =>
      run(async ({ ctx }) => {
        if (!options.yes) {
          throw usageError(
            'Deleting a key removes its private key from the keychain and cannot be undone. Add --yes to confirm.',
          )
        }
        const deleted = await (await ctx.local()).keys.delete(ref)
        const warning = deleted.wasUploaded
          ? `\nIts public key is still in CloudFront (${deleted.keyPairIds.join(', ')}): links signed with it keep working until you remove it from its key groups.`
          : ''
        return { json: deleted, text: `Deleted "${deleted.name}".${warning}` }
      }),
    )

  registerKeyLifecycle(keys, run)
}

function describeKey(key: KeySummary): string {
  return [
    `type         ${keyTypeLabel(key)}`,
    `fingerprint  ${key.fingerprint}`,
    `created      ${utcMinute(key.createdAt)}`,
    `key-pair-id  ${key.keyPairId ?? 'not uploaded yet'}`,
    ...(key.legacy ? [LEGACY_KEY_HINT] : []),
  ].join('\n')
}

function nextStep(key: KeySummary): string {
  if (key.keyPairId !== undefined) {
    return `Its private key is in the OS keychain, with Key-Pair-Id ${key.keyPairId}. Sign links with it: keyfront sign URL --key "${key.name}" --expires 1d`
  }
  return `Its private key is in the OS keychain. Next, upload its public key to CloudFront: keyfront cloudfront upload "${key.name}" (or print it for uploading yourself: keyfront keys export-public "${key.name}")`
}

/** The keys as a table; a line under it when a legacy key pair is among them. */
function keyTable(keys: KeySummary[]): string {
  const hint = keys.some((key) => key.legacy) ? `\n\n${LEGACY_KEY_HINT}` : ''
  return `${table([
    ['NAME', 'TYPE', 'KEY-PAIR-ID', 'CREATED', 'FINGERPRINT'],
    ...keys.map((key) => [
      key.name,
      keyTypeLabel(key),
      key.keyPairId ?? '-',
      utcMinute(key.createdAt),
      clip(key.fingerprint, 24),
    ]),
  ])}${hint}`
}

async function readKeyFile(file: string): Promise<string> {
  try {
    return await readKeyFileText(file)
  } catch (error) {
    if (error instanceof KeyfrontError) throw error
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new KeyfrontError('INVALID_INPUT', `Keyfront cannot read ${file} (${code}). Check the path.`)
  }
}

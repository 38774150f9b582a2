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
    .description(
      'create, import and export CloudFront signing keys (private keys stay in the OS keychain, or in AWS KMS for a team)',
    )

  keys
    .command('create')
    .description(
      'generate a new key pair and keep its private key in the OS keychain (or, with --kms, in AWS KMS for a team)',
    )
    .requiredOption('--name <name>', 'a name for the key')
    .addOption(
      new Option('--type <type>', 'rsa (RSA 2048: works everywhere) or ecdsa (ECDSA P-256: shorter links)')
        .choices(KeyType.options)
        .default('rsa'),
    )
    .option('--kms', 'create the key in AWS KMS: its private key never leaves KMS; IAM decides who may sign')
    .option(
      '--profile <profile>',
      'with --kms: the AWS profile to create it with (default: the default chain)',
    )
    .option('--region <region>', 'with --kms: the AWS region to create it in (default: AWS_REGION)')
    .action((options: { name: string; type: KeyType; kms?: boolean; profile?: string; region?: string }) =>
      run(async ({ ctx }) => {
        if (!options.kms) {
          if (options.profile !== undefined || options.region !== undefined) {
            throw usageError(
              '--profile and --region are for a key kept in AWS KMS: add --kms, or leave them out.',
            )
          }
          const key = await (await ctx.local()).keys.create(options)
          return { json: key, text: `Created "${key.name}".\n${describeKey(key)}\n${nextStep(key)}` }
        }
        const added = await (await ctx.keyfront()).kmsKeys.create(options)
        return { json: added.key, text: kmsAddedText('Created', added.key, added.warnings) }
      }),
    )

  keys
    .command('add-kms')
    .description(
      "add a key kept in AWS KMS (a colleague's team key) by its ARN or alias: nothing secret is stored",
    )
    .requiredOption('--name <name>', 'a name for the key in Keyfront')
    .requiredOption('--kms-key <arn-or-alias>', 'the KMS key: arn:aws:kms:REGION:ACCOUNT:key/… or alias/…')
    .option('--profile <profile>', 'the AWS profile to sign with (default: the default chain)')
    .option(
      '--region <region>',
      "the key's region, for an alias (default: the ARN's region, else AWS_REGION)",
    )
    .action((options: { name: string; kmsKey: string; profile?: string; region?: string }) =>
      run(async ({ ctx }) => {
        const added = await (await ctx.keyfront()).kmsKeys.add({ ...options, keyId: options.kmsKey })
        return { json: added.key, text: kmsAddedText('Added', added.key, added.warnings) }
      }),
    )

  keys
    .command('schedule-kms-deletion')
    .description('schedule the deletion of a key in AWS KMS itself (it can be cancelled while KMS waits)')
    .argument('<key>', 'name or id of the key')
    .option('--days <days>', 'how long KMS waits before deleting it: 7 to 30 days', '30')
    .option('--yes', 'confirm: once KMS deletes the key, no link can be signed with it again')
    .action((ref: string, options: { days: string; yes?: boolean }) =>
      run(async ({ ctx }) => {
        if (!options.yes) {
          throw usageError(
            'Once KMS deletes the key, nobody can sign links with it again (links already made keep working until they expire or the public key is removed from CloudFront). Add --yes to confirm.',
          )
        }
        const days = /^\d+$/.test(options.days.trim()) ? Number(options.days) : Number.NaN
        const scheduled = await (await ctx.keyfront()).kmsKeys.scheduleDeletion(ref, days)
        return {
          json: scheduled,
          text: `AWS KMS will delete "${scheduled.name}" (${scheduled.arn}) on ${utcMinute(scheduled.deletionDate)}. Until then it cannot sign. To cancel: ${scheduled.cancelCommand}\nIt is still listed in Keyfront; remove it here with: keyfront keys delete "${scheduled.name}" --yes`,
        }
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
        const keyfront = await ctx.local()
        const key = await keyfront.keys.findExportable(ref)
        const passphrase = passphraseFrom(ctx.io, options.passphraseEnv)
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
    .description(
      'delete a key: its private key is removed from the OS keychain (a key kept in AWS KMS is only forgotten here)',
    )
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
        const { kms } = deleted
        const forgotten = kms
          ? `\nKeyfront has forgotten it; the key itself stays in AWS KMS (${kms.arn}), where colleagues allowed to may still sign with it. To delete it there: aws kms schedule-key-deletion --key-id ${kms.arn} --region ${kms.region}`
          : ''
        const warning = deleted.wasUploaded
          ? `\nIts public key is still in CloudFront (${deleted.keyPairIds.join(', ')}): links signed with it keep working until you remove it from its key groups.`
          : ''
        return { json: deleted, text: `Deleted "${deleted.name}".${forgotten}${warning}` }
      }),
    )

  registerKeyLifecycle(keys, run)
}

function describeKey(key: KeySummary): string {
  return [
    `type         ${keyTypeLabel(key)}`,
    ...(key.kms
      ? [`kept in      AWS KMS, ${key.kms.arn}${key.kms.profile ? ` (profile ${key.kms.profile})` : ''}`]
      : []),
    `fingerprint  ${key.fingerprint}`,
    `created      ${utcMinute(key.createdAt)}`,
    `key-pair-id  ${key.keyPairId ?? 'not uploaded yet'}`,
    ...(key.legacy ? [LEGACY_KEY_HINT] : []),
  ].join('\n')
}

function kmsAddedText(done: string, key: KeySummary, warnings: string[]): string {
  const next =
    key.keyPairId !== undefined
      ? `CloudFront already has its public key. Sign links with it: keyfront sign URL --key "${key.name}" --expires 1d`
      : `Next, upload its public key to CloudFront: keyfront cloudfront upload "${key.name}"`
  const notes = warnings.map((warning) => `\nNote: ${warning}`).join('')
  return `${done} "${key.name}". Its private key stays in AWS KMS; Keyfront keeps only where it is.\n${describeKey(key)}\n${next}${notes}`
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
    ['NAME', 'TYPE', 'KEY-PAIR-ID', 'CREATED', 'FINGERPRINT', 'KEPT IN'],
    ...keys.map((key) => [
      key.name,
      keyTypeLabel(key),
      key.keyPairId ?? '-',
      utcMinute(key.createdAt),
      clip(key.fingerprint, 24),
      key.custody === 'kms' ? 'AWS KMS' : 'keychain',
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

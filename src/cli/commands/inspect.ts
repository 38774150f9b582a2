// `keyfront inspect SIGNED_URL [--key NAME | --public-key PEM]`: what the link says, whether its
// signature checks out, and why CloudFront would refuse it. Exits 0 only when the link works now,
// so scripts can test links (`keyfront inspect "$url" && echo ok`).
import { createPublicKey, type KeyObject } from 'node:crypto'
import { readKeyFileText } from '../../core/keys/key-file-text.ts'
import { isLegacyKeyPairId } from '../../shared/contract/key-facts.ts'
import type { InspectReport } from '../../shared/contract/links.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { describeFromNow, formatLocal, formatUtc } from '../../shared/expiry.ts'
import { EXIT_FAILED, EXIT_OK, usageError, type Register } from '../program.ts'

export const registerInspect: Register = (program, run) => {
  program
    .command('inspect')
    .description(
      'explain a signed URL or signed cookies: when it works, which key, and why CloudFront would refuse it',
    )
    .argument('<signed-url>', 'the signed URL (quote it), or the cookies')
    .option('--key <name>', 'check the signature with this held key')
    .option('--public-key <pem>', 'check the signature with this public key file')
    .action((input: string, options: { key?: string; publicKey?: string }) =>
      run(async ({ ctx }) => {
        if (options.key !== undefined && options.publicKey !== undefined) {
          throw usageError('Check with one key: --key NAME or --public-key PEM, not both.')
        }
        const publicKey = options.publicKey === undefined ? undefined : await readPublicKey(options.publicKey)
        const { links } = await ctx.local()
        const report = await links.inspect({
          input,
          ...(options.key !== undefined && { key: options.key }),
          ...(publicKey && { publicKey }),
        })
        return { json: report, text: describe(report), exitCode: report.validNow ? EXIT_OK : EXIT_FAILED }
      }),
    )
}

async function readPublicKey(path: string): Promise<KeyObject> {
  let text: string
  try {
    text = await readKeyFileText(path)
  } catch (error) {
    if (error instanceof KeyfrontError) throw error
    throw new KeyfrontError(
      'KEY_FILE_NOT_FOUND',
      `Keyfront cannot read ${path}. Check the path and that you may read it.`,
    )
  }
  try {
    return createPublicKey(text)
  } catch {
    throw new KeyfrontError(
      'KEY_UNREADABLE',
      `${path} is not a PEM public key. Give the file that starts with "-----BEGIN PUBLIC KEY-----" (what CloudFront was given).`,
    )
  }
}

function describe(report: InspectReport): string {
  const now = report.checkedAt * 1000
  const time = (epoch: number) =>
    `${formatLocal(epoch)} (${formatUtc(epoch)}, ${describeFromNow(epoch, now)})`
  const signature = {
    verified: 'verified',
    mismatch: 'does NOT match',
    'not-checked': 'not checked (no key to check with)',
  }
  const rows: [string, string | undefined][] = [
    ['URL', report.requestUrl],
    ['Policy', report.canned === undefined ? undefined : report.canned ? 'canned (expiry only)' : 'custom'],
    ['Resource', report.resource],
    ['Key-Pair-Id', report.keyPairId && keyPairIdRow(report.keyPairId, report.heldKey?.name)],
    ['Algorithm', report.signatureAlgorithm ?? `${report.hashAlgorithm} (key type unknown)`],
    ['Starts', report.startsAt === undefined ? undefined : time(report.startsAt)],
    ['Expires', report.expiresAt === undefined ? undefined : time(report.expiresAt)],
    ['IP', report.ipAddress],
    ['Signature', signature[report.signature]],
    [
      'Signed as',
      report.difference &&
        `${report.difference.signed}${report.difference.historyLabel ? ` (history: "${report.difference.historyLabel}")` : ''}`,
    ],
  ]
  const heading = report.validNow
    ? 'SIGNATURE AND DATES VALID'
    : `CLOUDFRONT WOULD REFUSE IT${report.cloudFrontCode ? ` (403 ${report.cloudFrontCode})` : ''}`
  return [
    heading,
    report.verdict,
    '',
    ...rows
      .filter((row): row is [string, string] => row[1] !== undefined)
      .map(([k, v]) => `${k.padEnd(12)}${v}`),
    ...report.notes.map((note) => `Note: ${note}`),
  ].join('\n')
}

/** `K2JCJMDEHXQW5F (key "Main")`, `APKA… (legacy key pair, key "Old")`. */
function keyPairIdRow(keyPairId: string, keyName: string | undefined): string {
  const about = [
    ...(isLegacyKeyPairId(keyPairId) ? ['legacy key pair'] : []),
    ...(keyName !== undefined ? [`key "${keyName}"`] : []),
  ]
  return about.length > 0 ? `${keyPairId} (${about.join(', ')})` : keyPairId
}

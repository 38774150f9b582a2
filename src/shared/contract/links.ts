// Channels of the links area — signing URLs and cookies (one or a batch), inspecting a link, and
// testing it live — with the shapes the screens and `--json` share. Times are epoch seconds.
import { z } from 'zod'
import { DistributionId } from './cloudfront.ts'
import { channel } from './define.ts'
import { SignatureAlgorithm } from './history.ts'
import { HASH_CHOICES, MAX_BATCH_URLS } from './link-facts.ts'

export { HASH_CHOICES, MAX_BATCH_URLS } from './link-facts.ts'

export const HashChoice = z.enum(HASH_CHOICES)
export type HashChoice = z.infer<typeof HashChoice>

const KeyRef = z.string().min(1).max(200)
/** Longer than CloudFront's 8,192 bytes on purpose: the core says why a long URL cannot be signed. */
const Url = z
  .string()
  .min(1)
  .max(32 * 1024)
const Epoch = z.number().int()
/** A QR code of the longest link CloudFront accepts is well under this, as SVG or as base64 PNG. */
const QR_IMAGE_MAX_CHARS = 4 * 1024 * 1024

/** What every link of a request shares: the key, when it works, and restrictions. */
export const SignConditions = z.object({
  key: KeyRef,
  expiresAt: Epoch,
  startsAt: Epoch.optional(),
  /** One IPv4 address or CIDR range (`203.0.113.7` or `203.0.113.0/24`). */
  ipAddress: z.string().max(64).optional(),
  hash: HashChoice.default('sha1'),
})
export type SignConditions = z.input<typeof SignConditions>

export const SignRequest = SignConditions.extend({
  url: Url,
  /**
   * What the link may open (custom policy), instead of exactly `url`: a URL pattern with `*` and
   * `?`, a host pattern (`*example.com/*`), or `*` for every file the key's distributions serve.
   */
  resource: Url.optional(),
  cookies: z.boolean().default(false),
  /** For cookies: the Domain attribute, when the site that sets them is not the distribution's host. */
  cookieDomain: z.string().max(300).optional(),
  /** Bounded for transport only: the core says why a label cannot be kept (plain-text.ts). */
  label: z
    .string()
    .max(32 * 1024)
    .optional(),
  /** The site (onboarded distribution) the URL was built for: recorded in the history. */
  distributionId: DistributionId.optional(),
})
export type SignRequest = z.input<typeof SignRequest>

export const SignedCookie = z.object({
  name: z.string(),
  value: z.string(),
  /** The whole Set-Cookie header value, with the recommended attributes. */
  setCookie: z.string(),
})
export type SignedCookie = z.infer<typeof SignedCookie>

export const SignedLink = z.object({
  kind: z.enum(['url', 'cookies']),
  /** The URL as given. */
  url: z.string(),
  /** The signed URL (kind url). */
  signedUrl: z.string().optional(),
  /** The cookies (kind cookies). */
  cookies: z.array(SignedCookie).optional(),
  resource: z.string(),
  canned: z.boolean(),
  /** The policy JSON exactly as signed. */
  policy: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  keyPairId: z.string(),
  algorithm: SignatureAlgorithm,
  startsAt: Epoch.optional(),
  expiresAt: Epoch,
  ipAddress: z.string().optional(),
  label: z.string().optional(),
  /** Things worth knowing about the link (e.g. IP restrictions and IPv6 viewers). */
  warnings: z.array(z.string()),
})
export type SignedLink = z.infer<typeof SignedLink>

export const BatchRequest = SignConditions.extend({
  /** Ties progress events (`task.progress`) and cancelBatch to this batch. */
  task: z.string().min(1).max(100),
  urls: z.array(Url).min(1).max(MAX_BATCH_URLS),
  /** The site (onboarded distribution) every URL was built for: recorded on each history entry. */
  distributionId: DistributionId.optional(),
})
export type BatchRequest = z.input<typeof BatchRequest>

export const BatchResult = z.object({
  /** One signed URL per input URL, in input order. */
  signedUrls: z.array(z.string()),
  keyPairId: z.string(),
  algorithm: SignatureAlgorithm,
  expiresAt: Epoch,
  /** Wall time of the signing, in milliseconds. */
  elapsedMs: z.number(),
  /** Said to the user with the links: e.g. that the history could not record them. */
  warnings: z.array(z.string()),
})
export type BatchResult = z.infer<typeof BatchResult>

export const InspectRequest = z.object({
  /** A signed URL, or signed cookies (a Cookie header, or Set-Cookie lines). */
  input: z
    .string()
    .min(1)
    .max(64 * 1024),
  /** For cookies: the URL they are sent with. */
  url: Url.optional(),
  /** Check the signature with this held key instead of the one the Key-Pair-Id names. */
  key: KeyRef.optional(),
})
export type InspectRequest = z.input<typeof InspectRequest>

export const VerdictCause = z.enum([
  'valid',
  'missing-key-pair-id',
  'missing-signature',
  'malformed-signature',
  'malformed-policy',
  'unknown-key',
  'signature-mismatch',
  'resource-mismatch',
  'expired',
  'not-yet-valid',
])
export type VerdictCause = z.infer<typeof VerdictCause>

/** Where an edited or re-encoded URL differs from the one that was signed. */
export const UrlDifference = z.object({
  signed: z.string(),
  current: z.string(),
  /** Index of the first differing character, and the differing parts of each. */
  at: z.number().int().nonnegative(),
  signedPart: z.string(),
  currentPart: z.string(),
  /** Where the signed form came from: the policy itself, the history, or a re-encoding that verifies. */
  source: z.enum(['policy', 'history', 'encoding']),
  historyLabel: z.string().optional(),
})
export type UrlDifference = z.infer<typeof UrlDifference>

export const InspectReport = z.object({
  kind: z.enum(['url', 'cookies']),
  /** The URL without CloudFront's parameters: what the policy's resource must match. */
  requestUrl: z.string().optional(),
  canned: z.boolean().optional(),
  policy: z.string().optional(),
  resource: z.string().optional(),
  keyPairId: z.string().optional(),
  /** The held key with that Key-Pair-Id (or the one asked for). */
  heldKey: z.object({ id: z.string(), name: z.string() }).optional(),
  hashAlgorithm: z.enum(['SHA1', 'SHA256']),
  signatureAlgorithm: SignatureAlgorithm.optional(),
  startsAt: Epoch.optional(),
  expiresAt: Epoch.optional(),
  ipAddress: z.string().optional(),
  signature: z.enum(['verified', 'mismatch', 'not-checked']),
  cause: VerdictCause,
  /** True only when CloudFront would serve the link now (as far as Keyfront can tell). */
  validNow: z.boolean(),
  /** One plain sentence naming the cause, and what to do. */
  verdict: z.string(),
  /** Further facts worth knowing (IP restriction, unverified key, …). */
  notes: z.array(z.string()),
  difference: UrlDifference.optional(),
  /** What CloudFront answers for this cause (its error code), when known. */
  cloudFrontCode: z.string().optional(),
  checkedAt: Epoch,
})
export type InspectReport = z.infer<typeof InspectReport>

export const LiveTestRequest = z.object({ input: InspectRequest.shape.input, url: Url.optional() })
export type LiveTestRequest = z.input<typeof LiveTestRequest>

export const LiveTestResult = z.object({
  status: z.number().int(),
  statusText: z.string(),
  /** The error code and message in CloudFront's (or S3's) XML body, if any. */
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** Who answered: CloudFront's signature check, the origin (S3), or unknown. */
  answeredBy: z.enum(['cloudfront', 'origin', 'unknown']),
  /** What the answer means, in plain words. */
  explanation: z.string(),
  elapsedMs: z.number(),
})
export type LiveTestResult = z.infer<typeof LiveTestResult>

export const linksContract = {
  'links.sign': channel(SignRequest, SignedLink),
  /** Signs many URLs with the same conditions on worker threads; progress as `task.progress`. */
  'links.signBatch': channel(BatchRequest, BatchResult),
  'links.cancelBatch': channel(z.object({ task: z.string().min(1).max(100) }), z.undefined()),
  'links.inspect': channel(InspectRequest, InspectReport),
  /** A ranged GET (bytes=0-0) of the link, to see what CloudFront answers. */
  'links.testLive': channel(LiveTestRequest, LiveTestResult),
  /** Asks where to save, then writes the batch output (lines or CSV). */
  'links.saveOutput': channel(
    z.object({ defaultName: z.string().min(1).max(200), text: z.string().max(64 * 1024 * 1024) }),
    z.object({ path: z.string().optional() }),
  ),
  /**
   * Asks where to save, then writes a link's QR code: `image` is the SVG text, or the PNG file as
   * base64. Main checks it is that kind of image before writing it.
   */
  'links.saveQrCode': channel(
    z.object({
      format: z.enum(['png', 'svg']),
      defaultName: z.string().min(1).max(200),
      image: z.string().max(QR_IMAGE_MAX_CHARS),
    }),
    z.object({ path: z.string().optional() }),
  ),
}

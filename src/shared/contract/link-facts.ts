// What the core and the CLI check about links without a schema: the hashes a signature may use
// and the largest batch. Kept free of zod, so that `keyfront sign` does not load the schema library.

/** The hashes CloudFront accepts in a signature (SHA-256 adds Hash-Algorithm=SHA256 to the link). */
export const HASH_CHOICES = ['sha1', 'sha256'] as const

/** The most URLs one batch may hold (the output travels back over IPC in one message). */
export const MAX_BATCH_URLS = 100_000

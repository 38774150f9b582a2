// The shape every IPC response takes, so that an error's code (not only its message) survives the trip.
import type { ErrorInfo } from './errors.ts'

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

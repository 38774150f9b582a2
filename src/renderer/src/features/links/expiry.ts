// The expiry a person picks on screen — a preset or a date and time — turned into epoch seconds
// at the moment of signing, and the datetime-local values the date fields use.
import { EXPIRY_PRESETS, type ExpiryPresetId } from '../../../../shared/expiry.ts'

export type ExpiryChoice = { preset: ExpiryPresetId } | { preset: 'date'; local: string }

/** The preset that lasts `seconds`, else the date and time that far from now. */
export function choiceForDuration(seconds: number, nowMs: number): ExpiryChoice {
  const preset = EXPIRY_PRESETS.find((p) => p.seconds === seconds)
  return preset ? { preset: preset.id } : { preset: 'date', local: toLocalInput(nowMs + seconds * 1000) }
}

/** Epoch seconds; undefined when the date field is empty or not a date. */
export function expiryEpoch(choice: ExpiryChoice, nowMs: number): number | undefined {
  if (choice.preset === 'date') return localEpoch(choice.local)
  const preset = EXPIRY_PRESETS.find((p) => p.id === choice.preset)
  return preset && Math.floor(nowMs / 1000) + preset.seconds
}

/** The expiry counted from this very moment (presets are relative to when the link is signed). */
export function expiryFromNow(choice: ExpiryChoice): number | undefined {
  return expiryEpoch(choice, Date.now())
}

/** A datetime-local value ("2026-12-01T09:00", the user's own time zone) as epoch seconds. */
export function localEpoch(value: string): number | undefined {
  if (!value) return undefined
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

/** The datetime-local value for a moment, in the user's time zone. */
export function toLocalInput(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

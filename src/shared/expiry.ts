// When a link stops working, in words a person understands: the presets the New link screen
// offers, the CLI's `--expires 90m|12h|7d|ISO-8601|epoch`, and "in 3 days" / local time + UTC.
// Times travel as epoch seconds everywhere (the AWS SDK would read a number as milliseconds).
import { KeyfrontError } from './errors.ts'

/** CloudFront reads policy times as 32-bit seconds: 2038-01-19T03:14:07Z is the last one. */
export const MAX_EPOCH_SECONDS = 2_147_483_647

export const EXPIRY_PRESETS = [
  { id: '1h', label: '1 hour', seconds: 3600 },
  { id: '1d', label: '1 day', seconds: 86_400 },
  { id: '3d', label: '3 days', seconds: 3 * 86_400 },
  { id: '7d', label: '7 days', seconds: 7 * 86_400 },
  { id: '30d', label: '30 days', seconds: 30 * 86_400 },
] as const
export type ExpiryPresetId = (typeof EXPIRY_PRESETS)[number]['id']

/** What "expiring soon" means when nothing else is said: History's filter and the sidebar's count. */
export const EXPIRING_SOON_SECONDS = 48 * 3600

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 7 * 86_400 }
const DURATION = /^(\d{1,9})\s*([smhdw])$/i

/**
 * A duration as the CLI writes it (`90m`, `12h`, `7d`, `2w`, `45s`) in seconds; undefined for any
 * other text.
 */
export function durationSeconds(text: string): number | undefined {
  const duration = DURATION.exec(text.trim())
  if (!duration) return undefined
  return Number(duration[1]) * (UNIT_SECONDS[(duration[2] ?? '').toLowerCase()] ?? 1)
}

/** Epoch values at least this large are milliseconds, not seconds (year 5138 in seconds). */
export const MILLISECONDS_FROM = 100_000_000_000

/**
 * Reads a time given on the command line: a duration from now (`90m`, `12h`, `7d`, `2w`, `45s`),
 * an ISO-8601 date (`2026-12-01`, `2026-12-01T09:00` local, `2026-12-01T09:00Z`) or epoch seconds.
 * Returns epoch seconds. `what` names the option in messages ("--expires").
 */
export function parseTimeInput(text: string, nowMs: number, what: string): number {
  const value = text.trim()
  const duration = durationSeconds(value)
  if (duration !== undefined) return Math.floor(nowMs / 1000) + duration
  if (/^\d+$/.test(value)) {
    const epoch = Number(value)
    if (epoch >= MILLISECONDS_FROM) {
      throw new KeyfrontError(
        'EXPIRY_INVALID',
        `${what} ${value} looks like milliseconds. Give epoch seconds instead (${Math.floor(epoch / 1000)}).`,
      )
    }
    return epoch
  }
  const iso = ISO_TIME.exec(value)
  if (iso) {
    const ms = Date.parse(value.replace(' ', 'T'))
    checkRealTime(iso, ms, `${what} ${value}`)
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000)
  }
  throw new KeyfrontError(
    'EXPIRY_INVALID',
    `${what} "${value.slice(0, 40)}" is not a time Keyfront understands. Use a duration (90m, 12h, 7d), a date and time (2026-12-01T09:00, or 2026-12-01T09:00Z for UTC) or epoch seconds.`,
  )
}

/** Date, optional time (with optional seconds, fraction and zone); each part captured for checking. */
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/i

/**
 * Refuses a date or time that does not exist — 31 February, hour 25, a local time the clocks skip
 * when summer time starts — which the JavaScript date parser would otherwise roll into the next
 * month, day or hour without a word. `named` is the option and the text, for the message.
 */
function checkRealTime(iso: RegExpExecArray, ms: number, named: string): void {
  const [
    ,
    year = '',
    month = '',
    day = '',
    hour,
    minute = '',
    second = '00',
    zone,
    zoneHours = '00',
    zoneMinutes = '00',
  ] = iso
  const notReal = (why: string) => new KeyfrontError('EXPIRY_INVALID', `${named} does not exist: ${why}`)
  const monthNumber = Number(month)
  if (monthNumber < 1 || monthNumber > 12)
    throw notReal(`there is no month ${month} (months go from 01 to 12).`)
  if (Number(day) < 1) throw notReal(`there is no day ${day} (days start at 01).`)
  const days = daysInMonth(Number(year), monthNumber)
  if (Number(day) > days) {
    const name = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(2000, monthNumber - 1, 1),
    )
    throw notReal(`${name} ${year} has ${days} days. Check the day and the month.`)
  }
  if (hour === undefined) return
  if (Number(hour) > 23)
    throw notReal('hours go from 00 to 23 (midnight at the end of a day is 00:00 of the next).')
  if (Number(minute) > 59) throw notReal('minutes go from 00 to 59.')
  if (Number(second) > 59) throw notReal('seconds go from 00 to 59.')
  if (Number(zoneHours) > 23 || Number(zoneMinutes) > 59) throw notReal(`${zone} is not a time-zone offset.`)
  if (zone !== undefined || Number.isNaN(ms)) return
  // A local time exists unless the clocks jump over it (the parser then moves it on by the jump).
  const local = new Date(ms)
  if (
    local.getDate() !== Number(day) ||
    local.getHours() !== Number(hour) ||
    local.getMinutes() !== Number(minute)
  ) {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
    throw notReal(
      `the clocks of this computer's time zone (${timeZone}) skip that time. Give a time outside the change, or a UTC time (${year}-${month}-${day}T${hour}:${minute}Z).`,
    )
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * "3 days 4 hours", "45 minutes", "less than a minute": the two largest units, for people. Rounded
 * to the minute, so a 7-day link looked at a second later still reads "7 days".
 */
export function describeDuration(seconds: number): string {
  if (Math.abs(seconds) < 60) return 'less than a minute'
  const total = Math.round(Math.abs(seconds) / 60) * 60
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'day'],
    [Math.floor((total % 86_400) / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
  ]
  const first = parts.findIndex(([n]) => n > 0)
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ')
}

/** "in 3 days 4 hours" or "3 days ago". */
export function describeFromNow(epochSeconds: number, nowMs: number): string {
  const delta = epochSeconds - nowMs / 1000
  return delta >= 0 ? `in ${describeDuration(delta)}` : `${describeDuration(delta)} ago`
}

/** "2026-12-01 09:00:00 UTC". */
export function formatUtc(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** The time in the viewer's own zone, with the zone's name: "Tuesday, 1 December 2026 at 10:00 CET". */
export function formatLocal(epochSeconds: number, locale?: string, timeZone?: string): string {
  return (
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(epochSeconds * 1000)) + ` ${zoneName(epochSeconds, locale, timeZone)}`
  )
}

function zoneName(epochSeconds: number, locale?: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone }).formatToParts(
    new Date(epochSeconds * 1000),
  )
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? ''
}

// Times as people read them on the everyday screens: in their own language and time zone, without
// seconds, zone codes or ISO dates ("Tuesday 8 December, 17:00"), with how far off that is.
import { describeFromNow } from '../../../shared/expiry.ts'
import { whenInWords } from '../../../shared/link-message.ts'

/** "Tuesday 8 December, 17:00" in this computer's language and time zone; the year when not this one. */
export function friendlyWhen(epochSeconds: number, nowMs: number): string {
  return whenInWords(epochSeconds, { nowMs })
}

/** "Tuesday 8 December, 17:00 (in 7 days)". */
export function friendlyWhenFromNow(epochSeconds: number, nowMs: number): string {
  return `${friendlyWhen(epochSeconds, nowMs)} (${describeFromNow(epochSeconds, nowMs)})`
}

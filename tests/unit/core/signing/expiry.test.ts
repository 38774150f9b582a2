// Expiry in words people use: the CLI's time formats, and "in 3 days" / local time + UTC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  describeDuration,
  describeFromNow,
  formatLocal,
  formatUtc,
  parseTimeInput,
} from '../../../../src/shared/expiry.ts'
import { KeyfrontError } from '../../../../src/shared/errors.ts'
import { NOW, NOW_MS } from './fixtures.ts'

describe('reading --expires and --starts', () => {
  it.each([
    ['90m', NOW + 5400],
    ['12h', NOW + 43_200],
    ['7d', NOW + 604_800],
    ['2w', NOW + 1_209_600],
    ['45s', NOW + 45],
    ['1900000000', 1_900_000_000],
    ['2026-12-01T09:00:00Z', Date.UTC(2026, 11, 1, 9) / 1000],
    ['2026-12-01T10:00+01:00', Date.UTC(2026, 11, 1, 9) / 1000],
    ['2026-12-01', Date.UTC(2026, 11, 1) / 1000],
    ['2026-12-01T09:00', new Date(2026, 11, 1, 9).getTime() / 1000],
  ])('%s', (text, epoch) => {
    expect(parseTimeInput(text, NOW_MS, '--expires')).toBe(epoch)
  })

  it('refuses milliseconds with the seconds it probably meant', () => {
    expect(() => parseTimeInput('1900000000000', NOW_MS, '--expires')).toThrow(
      /--expires 1900000000000 looks like milliseconds\. Give epoch seconds instead \(1900000000\)/,
    )
  })

  it.each(['tomorrow', '7 days', '12x', '2026-12-01T9:00', ''])(
    'refuses %j with the formats it accepts',
    (text) => {
      const error = (() => {
        try {
          parseTimeInput(text, NOW_MS, '--starts')
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(KeyfrontError)
      expect((error as KeyfrontError).code).toBe('EXPIRY_INVALID')
      expect((error as KeyfrontError).message).toMatch(/^--starts .*90m, 12h, 7d/)
    },
  )
})

describe('dates and times that do not exist are refused, not rolled forward', () => {
  const refusal = (text: string, what = '--expires'): KeyfrontError => {
    try {
      parseTimeInput(text, NOW_MS, what)
    } catch (error) {
      expect(error).toBeInstanceOf(KeyfrontError)
      expect((error as KeyfrontError).code).toBe('EXPIRY_INVALID')
      return error as KeyfrontError
    }
    return expect.fail(`${text} was accepted`)
  }

  it.each([
    ['2027-02-31', 'February 2027 has 28 days. Check the day and the month.'],
    ['2027-02-29', 'February 2027 has 28 days. Check the day and the month.'],
    ['2100-02-29T12:00Z', 'February 2100 has 28 days. Check the day and the month.'],
    ['2027-04-31', 'April 2027 has 30 days. Check the day and the month.'],
    ['2027-06-31T09:00', 'June 2027 has 30 days. Check the day and the month.'],
    ['2027-01-00', 'there is no day 00 (days start at 01).'],
    ['2027-13-01', 'there is no month 13 (months go from 01 to 12).'],
    ['2027-00-10', 'there is no month 00 (months go from 01 to 12).'],
    ['2027-01-01T25:00', 'hours go from 00 to 23 (midnight at the end of a day is 00:00 of the next).'],
    ['2027-01-01T24:00Z', 'hours go from 00 to 23 (midnight at the end of a day is 00:00 of the next).'],
    ['2027-01-01T23:60', 'minutes go from 00 to 59.'],
    ['2027-01-01T23:59:60Z', 'seconds go from 00 to 59.'],
    ['2027-01-01T09:00+25:00', '+25:00 is not a time-zone offset.'],
  ])('%s', (text, why) => {
    expect(refusal(text).message).toBe(`--expires ${text} does not exist: ${why}`)
  })

  it('names the option it was given with', () => {
    expect(refusal('2027-04-31', '--starts').message).toMatch(/^--starts 2027-04-31 does not exist/)
  })

  it('accepts 29 February in leap years, and the last day of each month', () => {
    expect(parseTimeInput('2028-02-29', NOW_MS, '--expires')).toBe(Date.UTC(2028, 1, 29) / 1000)
    expect(parseTimeInput('2000-02-29T00:00Z', NOW_MS, '--expires')).toBe(Date.UTC(2000, 1, 29) / 1000)
    expect(parseTimeInput('2027-04-30T23:59:59Z', NOW_MS, '--expires')).toBe(
      Date.UTC(2027, 3, 30, 23, 59, 59) / 1000,
    )
    expect(parseTimeInput('2027-12-31', NOW_MS, '--expires')).toBe(Date.UTC(2027, 11, 31) / 1000)
  })

  describe('in a time zone with summer time (Europe/Berlin)', () => {
    let zone: string | undefined
    beforeEach(() => {
      zone = process.env.TZ
      process.env.TZ = 'Europe/Berlin'
    })
    afterEach(() => {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    })

    it('refuses a local time the clocks skip, and offers the UTC form', () => {
      expect(refusal('2027-03-28T02:30').message).toBe(
        "--expires 2027-03-28T02:30 does not exist: the clocks of this computer's time zone (Europe/Berlin) skip that time. Give a time outside the change, or a UTC time (2027-03-28T02:30Z).",
      )
    })

    it('accepts the times around the change, and the hour that happens twice in autumn', () => {
      expect(parseTimeInput('2027-03-28T03:30', NOW_MS, '--expires')).toBe(
        Date.UTC(2027, 2, 28, 1, 30) / 1000,
      )
      expect(parseTimeInput('2027-03-28T01:59', NOW_MS, '--expires')).toBe(
        Date.UTC(2027, 2, 28, 0, 59) / 1000,
      )
      expect(() => parseTimeInput('2027-10-31T02:30', NOW_MS, '--expires')).not.toThrow()
    })
  })
})

describe('showing expiry', () => {
  it('describes durations with their two largest units', () => {
    expect(describeDuration(30)).toBe('less than a minute')
    expect(describeDuration(3600)).toBe('1 hour')
    expect(describeDuration(90 * 60)).toBe('1 hour 30 minutes')
    expect(describeDuration(3 * 86_400 + 4 * 3600 + 59)).toBe('3 days 4 hours')
    expect(describeDuration(30 * 86_400 + 60)).toBe('30 days')
    expect(describeDuration(7 * 86_400 - 1)).toBe('7 days')
  })

  it('says in … or … ago', () => {
    expect(describeFromNow(NOW + 86_400, NOW_MS)).toBe('in 1 day')
    expect(describeFromNow(NOW - 7200, NOW_MS)).toBe('2 hours ago')
  })

  it('formats UTC and local time with the zone', () => {
    expect(formatUtc(NOW)).toBe('2026-11-04 10:00:00 UTC')
    // ICU versions differ in commas and spaces; the date, the local hour and the zone are what matter.
    expect(formatLocal(NOW, 'en-GB', 'Europe/Paris')).toMatch(/^Wednesday,? 4 November 2026 at 11:00 CET$/)
    expect(formatLocal(NOW, 'en-US', 'America/New_York')).toMatch(
      /^Wednesday, November 4, 2026 at 5:00\sAM EST$/,
    )
  })
})

// Expiry in words people use: the CLI's time formats, and "in 3 days" / local time + UTC.
import { describe, expect, it } from 'vitest'
import {
  describeDuration,
  describeFromNow,
  formatLocal,
  formatUtc,
  parseTimeInput,
} from '../../../src/shared/expiry.ts'
import { KeyfrontError } from '../../../src/shared/errors.ts'
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

  it.each(['tomorrow', '7 days', '12x', '2026-13-45', ''])(
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

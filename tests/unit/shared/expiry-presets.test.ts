// The durations a person picks from (New link, Settings' default) and the durations the CLI reads
// (`--expiring 48h`), from the one list and the one reader.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, Settings } from '../../../src/shared/contract/settings.ts'
import { EXPIRY_PRESETS, durationSeconds } from '../../../src/shared/expiry.ts'

describe('durations', () => {
  it('offers 1 hour, 1 day, 3 days, 7 days and 30 days, and Settings takes exactly those', () => {
    expect(EXPIRY_PRESETS.map((preset) => [preset.label, preset.seconds])).toEqual([
      ['1 hour', 3600],
      ['1 day', 86_400],
      ['3 days', 259_200],
      ['7 days', 604_800],
      ['30 days', 2_592_000],
    ])
    expect(Settings.shape.defaultDuration.options).toEqual(EXPIRY_PRESETS.map((preset) => preset.id))
    expect(DEFAULT_SETTINGS.defaultDuration).toBe('1d')
  })

  it.each([
    ['45s', 45],
    ['90m', 5400],
    ['48h', 172_800],
    [' 3d ', 259_200],
    ['2W', 1_209_600],
  ])('reads %s as %i seconds', (text, seconds) => expect(durationSeconds(text)).toBe(seconds))

  it.each(['soon', '48', '1.5h', '-2h', '', '2026-12-01'])('reads %j as no duration', (text) =>
    expect(durationSeconds(text)).toBeUndefined(),
  )
})

// "Copy as message": the link, then one sentence saying until when it works, in the reader's
// language and time zone — the year only when it is not this year, "from … until …" for a link
// that starts later, English around the local date for a language without a sentence of its own.
import { describe, expect, it } from 'vitest'
import { linkMessage, whenInWords, worksUntilSentence } from '../../../src/shared/link-message.ts'

// Tuesday 8 December 2026, 17:00 in London (UTC in winter).
const EXPIRES = Date.UTC(2026, 11, 8, 17, 0) / 1000
const NOW = Date.UTC(2026, 11, 1, 9, 0)
const london = { locale: 'en-GB', timeZone: 'Europe/London', nowMs: NOW }

describe('copy as message', () => {
  it('puts the link first, then the sentence on its own line', () => {
    expect(linkMessage('https://files.example.com/q3.pdf?Expires=1', { expiresAt: EXPIRES }, london)).toBe(
      'https://files.example.com/q3.pdf?Expires=1\nThis link works until Tuesday 8 December, 17:00.',
    )
  })

  it('writes the time in the reader’s time zone', () => {
    expect(whenInWords(EXPIRES, { ...london, timeZone: 'Asia/Tokyo' })).toBe('Wednesday 9 December, 02:00')
    expect(whenInWords(EXPIRES, { locale: 'en-US', timeZone: 'America/New_York', nowMs: NOW })).toBe(
      'Tuesday, December 8, 12:00 PM',
    )
  })

  it('writes the sentence in the reader’s language', () => {
    const sentence = (locale: string) => worksUntilSentence({ expiresAt: EXPIRES }, { ...london, locale })
    expect(sentence('de-DE')).toBe('Dieser Link funktioniert bis Dienstag, 8. Dezember, 17:00.')
    expect(sentence('fr-FR')).toBe('Ce lien fonctionne jusqu’au mardi 8 décembre, 17:00.')
    expect(sentence('es-ES')).toBe('Este enlace funciona hasta el martes, 8 de diciembre, 17:00.')
    expect(sentence('nl-NL')).toBe('Deze link werkt tot dinsdag 8 december, 17:00.')
    expect(sentence('ja-JP')).toMatch(/^This link works until 12月8日火曜日, 17:00\.$/)
  })

  it('adds the year only when it is not this year', () => {
    expect(whenInWords(EXPIRES, { ...london, nowMs: Date.UTC(2025, 11, 1) })).toBe(
      'Tuesday, 8 December 2026, 17:00',
    )
  })

  it('says from when, for a link that starts later', () => {
    expect(worksUntilSentence({ expiresAt: EXPIRES, startsAt: EXPIRES - 86_400 }, london)).toBe(
      'This link works from Monday 7 December, 17:00 until Tuesday 8 December, 17:00.',
    )
    expect(worksUntilSentence({ expiresAt: EXPIRES, startsAt: NOW / 1000 - 60 }, london)).toBe(
      'This link works until Tuesday 8 December, 17:00.',
    )
  })
})

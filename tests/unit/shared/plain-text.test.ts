// Plain text on one line: what counts as a control character, the label rules and their messages,
// the visible form of text that breaks them (valid inside JSON too), and how a label recorded
// before the rules is shown.
import { describe, expect, it } from 'vitest'
import { KeyfrontError } from '../../../src/shared/errors.ts'
import {
  LABEL_MAX_LENGTH,
  checkLabel,
  checkUrlCharacters,
  labelProblem,
  showControlCharacters,
  shownLabel,
} from '../../../src/shared/plain-text.ts'

describe('control characters shown as escapes', () => {
  it('writes C0, DEL, C1, line separators and bidi controls as escapes, and nothing else', () => {
    expect(showControlCharacters('a\u001b[31mb\tc\r\nd\u0000e\u007ff\u009bg\u2028h\u202ei\u2066j')).toBe(
      'a\\u001b[31mb\\tc\\r\\nd\\u0000e\\u007ff\\u009bg\\u2028h\\u202ei\\u2066j',
    )
    const plain = 'Rapport für Ana — 日本語 😀 é ‎ "quoted" \\ back'
    expect(showControlCharacters(plain)).toBe(plain)
  })

  it('keeps line breaks when asked (a command’s own output), escaping the rest', () => {
    expect(showControlCharacters('one\ntwo\u001b', { keepLineBreaks: true })).toBe('one\ntwo\\u001b')
  })

  it('leaves JSON meaning the same: the escapes are JSON escapes', () => {
    const value = { label: 'a\u009b31m\u007f\u202e\u2028b', url: 'https://x.example/\u0085' }
    const json = JSON.stringify(value, null, 2)
    const shown = showControlCharacters(json, { keepLineBreaks: true })
    expect(shown).not.toMatch(/[\u007f-\u009f\u2028\u202e]/)
    expect(JSON.parse(shown)).toEqual(value)
  })
})

describe('labels', () => {
  it('keeps a label of up to 500 characters on one line, trimmed; none when blank', () => {
    expect(checkLabel(`  ${'x'.repeat(LABEL_MAX_LENGTH)}\n`)).toBe('x'.repeat(500))
    expect(checkLabel('Q3 invoice for Ana (final) — 日本語 😀')).toBe(
      'Q3 invoice for Ana (final) — 日本語 😀',
    )
    expect(checkLabel(' \n ')).toBeUndefined()
    expect(checkLabel(undefined)).toBeUndefined()
  })

  it.each([
    ['x'.repeat(501), 'The label is 501 characters long; a label holds at most 500. Shorten it.'],
    ['two\nlines', 'A label is one line of text: remove the line break from it.'],
    ['two\u2029paragraphs', 'A label is one line of text: remove the line break from it.'],
    [
      'bell\u0007',
      'The label contains a control character (\\u0007, character 5), which cannot be shown. Remove it: a label is plain text on one line.',
    ],
  ])('refuses %j with LABEL_INVALID and says what to do', (label, message) => {
    expect(labelProblem(label)).toBe(message)
    expect(() => checkLabel(label)).toThrow(new KeyfrontError('LABEL_INVALID', message))
  })

  it('shows a label recorded before the rules escaped and cut to 500 characters', () => {
    expect(shownLabel('fine')).toBe('fine')
    expect(shownLabel('red \u001b[31m\nnext')).toBe('red \\u001b[31m\\nnext')
    const long = shownLabel(`${'y'.repeat(600)}\u001b`)
    expect(long).toHaveLength(500)
    expect(long.endsWith('y…')).toBe(true)
    expect(shownLabel(`${'z'.repeat(498)}\u001b`)).toBe(`${'z'.repeat(498)}\\…`)
  })
})

describe('URLs', () => {
  it('accepts URLs with no control character, whatever else they hold', () => {
    expect(() => checkUrlCharacters('https://bücher.example/a b/日本.pdf?x=%1B&y="')).not.toThrow()
  })

  it('refuses one with a control character, saying which and where', () => {
    const error = (() => {
      try {
        checkUrlCharacters('https://x.example/a\u001bb')
      } catch (e) {
        return e as KeyfrontError
      }
    })()
    expect(error?.code).toBe('URL_CONTROL_CHARACTER')
    expect(error?.message).toContain('control character (\\u001b, character 20)')
  })
})

// What the error box says when Keyfront cannot start: Keyfront's own message, a file problem in
// plain words with its place, and for anything else only the kind of error (its text may carry input).
import { describe, expect, it } from 'vitest'
import { startupErrorText } from '../../../src/main/startup-error.ts'
import { KeyfrontError } from '../../../src/shared/errors.ts'

describe('the start-up error text', () => {
  it("keeps Keyfront's own message and names the data folder", () => {
    const text = startupErrorText(
      new KeyfrontError('DISK_FULL', 'The disk is full.'),
      '/home/ana/.config/Keyfront',
    )
    expect(text).toMatch(
      /^The disk is full\.\n\nData folder: \/home\/ana\/\.config\/Keyfront\n\nKeyfront will close now/,
    )
  })

  it('says a file problem in plain words, with the path', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/d/keys.json'"), {
      code: 'EACCES',
      path: '/d/keys.json',
    })
    expect(startupErrorText(error, '/d')).toMatch(
      /^Keyfront could not start: Keyfront is not allowed to use a file or folder there \(\/d\/keys\.json\)\./,
    )
  })

  it('gives only the kind of an unexpected error, never its text', () => {
    // An error whose text echoes the start of a pasted key (built here, so no key text is committed).
    const echoed = ['-----BEGIN', 'PRIVATE', 'KEY-----', 'MIIEvQ'].join(' ')
    const text = startupErrorText(new TypeError(echoed), undefined)
    expect(text).toMatch(/^Keyfront could not start because of an unexpected error \(TypeError\)\./)
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).not.toContain('Data folder')
  })
})

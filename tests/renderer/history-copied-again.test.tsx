// What History says after "Copy again": the same link (or cookies) as before, or new ones working
// until the same moment — in words true to what was copied, with the time as people read it.
import { describe, expect, it } from 'vitest'
import { copiedAgainText } from '../../src/renderer/src/features/history/format.ts'

const NOW = Date.UTC(2030, 0, 1, 12)
const IN_A_DAY = NOW / 1000 + 86_400
const link = {
  kind: 'url' as const,
  label: 'For Ana',
  url: 'https://d111111abcdef8.cloudfront.net/reports/Q3 report.pdf',
  expiresAt: IN_A_DAY,
}
const cookies = {
  ...link,
  kind: 'cookies' as const,
  label: undefined,
  url: 'https://d111111abcdef8.cloudfront.net/videos/*',
}

describe('what "Copy again" says it copied', () => {
  it('the same link as before, and until when it works', () => {
    expect(copiedAgainText(link, true, NOW)).toMatch(
      /^Copied “For Ana” to the clipboard: the same link as before\. It works until \w+day, .+\.$/,
    )
  })

  it('a new link to the same file, working until the same moment', () => {
    expect(copiedAgainText(link, false, NOW)).toMatch(
      /^Copied “For Ana” to the clipboard: a new link to the same file, working until \w+day, .+ like the first one\.$/,
    )
  })

  it('cookies as cookies, named by the files they open when they have no label', () => {
    expect(copiedAgainText(cookies, true, NOW)).toMatch(
      /^Copied the cookies for \/videos\/\* to the clipboard: the same cookies as before\. They work until /,
    )
    expect(copiedAgainText(cookies, false, NOW)).toMatch(
      /^Copied the cookies for \/videos\/\* to the clipboard: new cookies for the same files, working until .+ like the first ones\.$/,
    )
  })
})

// The inspector's verdict in plain words, for the summary people read first: whether the link
// works, and if not, what happened to it and what to do — with no policy, signature or key id in
// it. The core's own sentence (CloudFront's error code and all) stays under "Details".
import type { InspectReport } from '../../../../shared/contract/links.ts'
import { describeFromNow } from '../../../../shared/expiry.ts'
import { friendlyWhen } from '../../lib/when.ts'

function when(epoch: number | undefined, nowMs: number): string {
  return epoch === undefined
    ? 'at a time it names'
    : `${friendlyWhen(epoch, nowMs)} (${describeFromNow(epoch, nowMs)})`
}

/** A spaced or empty changed part, in words: “a space”, “nothing”. */
function shown(part: string): string {
  if (part === '') return 'nothing'
  if (part === ' ') return 'a space'
  return `“${part}”`
}

export function plainVerdict(report: InspectReport): { title: string; sentence: string } {
  const now = report.checkedAt * 1000
  const maker = report.heldKey ? `your key “${report.heldKey.name}”` : 'a key Keyfront holds'
  switch (report.cause) {
    case 'valid':
      return {
        // Offline, Keyfront knows the signature and times are right, not that the file is there:
        // only the live test (CloudFront's own answer) can say the link opens it.
        title: 'Signature and dates are valid',
        sentence: `It was made with ${maker} and is valid until ${when(report.expiresAt, now)}. The live test below says whether CloudFront serves the file.`,
      }
    case 'expired':
      return {
        title: 'This link has stopped working',
        sentence: `It stopped working ${when(report.expiresAt, now)}. Make a new link to the same file for the people who need it.`,
      }
    case 'not-yet-valid':
      return {
        title: 'This link does not work yet',
        sentence: `It starts working ${when(report.startsAt, now)}.`,
      }
    case 'signature-mismatch':
      return {
        title: 'This link does not work',
        sentence: report.difference
          ? `It was changed after it was made: where it had ${shown(report.difference.signedPart)} it now has ${shown(report.difference.currentPart)}. Use the link exactly as it was made — copy it again from History.`
          : 'It was changed after it was made, or made with another key than the one it names. Copy the original again, or make a new link.',
      }
    case 'resource-mismatch':
      return {
        title: 'This link does not work',
        sentence:
          'It was made for another file than the one in its address. Open the file it was made for, or make a link to this one.',
      }
    case 'unknown-key':
      return {
        title: 'Keyfront cannot tell whether this link works',
        sentence: 'It was made with a key Keyfront does not hold. Import that key in Keys to check it.',
      }
    case 'missing-key-pair-id':
    case 'missing-signature':
    case 'malformed-signature':
    case 'malformed-policy':
      return {
        title: 'This link does not work',
        sentence:
          'Part of it is missing or was damaged on the way. Copy the whole link again, or make a new one.',
      }
  }
}

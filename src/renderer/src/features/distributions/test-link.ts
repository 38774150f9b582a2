// What a test link's live answer means at the end of onboarding, in the words of someone who just
// set it up. It weighs the signed link's answer, the same address's answer without a signature, and
// whether CloudFront has finished deploying: before that, refusals and an address that does not
// answer yet are expected, not failures.
import type { LiveTestResult } from '../../../../shared/contract/links.ts'

/** A live test's outcome: CloudFront (or whoever serves the address) answered, or nobody did. */
export type LiveAnswer = { reached: true; result: LiveTestResult } | { reached: false; message: string }

export interface Verdict {
  tone: 'ok' | 'warn' | 'error'
  headline: string
  detail?: string
}

/** A path on the distribution's domain, or a whole address typed in full (e.g. an alternate domain). */
export function testLinkUrl(domainName: string, typed: string): string {
  const text = typed.trim()
  if (/^https?:\/\//i.test(text)) return text
  return `https://${domainName}/${text.replace(/^\/+/, '')}`
}

/** How long a test link works: long enough to open it by hand too, short enough not to matter. */
export const TEST_LINK_MINUTES = 10

export const servedFile = (result: LiveTestResult) => result.status === 200 || result.status === 206

const STILL_DEPLOYING =
  'The change is still deploying, and until it is done some CloudFront locations do not know your key yet. Test again once it says Deployed.'

export function testLinkVerdict(test: {
  path: string
  host: string
  deployed: boolean
  signed: LiveAnswer
  unsigned?: LiveAnswer
}): Verdict {
  const { path, host, deployed, signed, unsigned } = test
  if (!signed.reached) {
    return deployed
      ? { tone: 'error', headline: `Keyfront could not reach ${host}.`, detail: signed.message }
      : {
          tone: 'warn',
          headline: `${host} does not answer yet.`,
          detail:
            'A new distribution’s address starts working a few minutes after it is created. Test again once it says Deployed.',
        }
  }
  const result = signed.result
  if (servedFile(result)) return workingVerdict(deployed, unsigned)
  if (result.status === 404) {
    return {
      tone: 'warn',
      headline: `Your link was accepted, but there is no file at “${path}”.`,
      detail: 'Check the name (capital letters count), or upload the file to the bucket, then test again.',
    }
  }
  if (result.status === 403 && result.answeredBy === 'origin') {
    return {
      tone: 'warn',
      headline: `CloudFront accepted your link, but the bucket did not hand over “${path}”.`,
      detail:
        'Most often the file is not there: a private bucket answers “Access Denied” rather than “Not Found” to CloudFront. Check the name (capital letters count). If the file is there, the bucket policy may not allow this distribution, or the file is encrypted with the AWS-managed KMS key (aws/s3), which CloudFront cannot read.',
    }
  }
  if (result.status === 403) {
    const code = result.errorCode ? ` (${result.errorCode})` : ''
    if (!deployed)
      return { tone: 'warn', headline: `CloudFront refused your link${code}.`, detail: STILL_DEPLOYING }
    return {
      tone: 'error',
      headline: `CloudFront refused your link${code}.`,
      detail:
        result.errorCode === 'AccessDenied' ? 'Open it in the inspector to see why.' : result.explanation,
    }
  }
  return {
    tone: 'error',
    headline: `The server answered ${result.status} ${result.statusText}.`,
    detail: result.explanation,
  }
}

function workingVerdict(deployed: boolean, unsigned: LiveAnswer | undefined): Verdict {
  if (unsigned?.reached && servedFile(unsigned.result)) {
    return {
      tone: 'warn',
      headline: 'Your link works — but so does the same address without a signature.',
      detail: deployed
        ? 'This file’s path is not one you restricted to signed links: anyone with the address can open it. Restrict that path too, or test a file under a restricted path.'
        : 'CloudFront is still deploying the restriction; until it is done, some locations serve files to anyone. Test again once it says Deployed.',
    }
  }
  const refused =
    unsigned?.reached === true
      ? ` Without a signature, CloudFront refuses the same address (${unsigned.result.errorCode ?? unsigned.result.status}): only signed links open your files.`
      : ''
  return {
    tone: 'ok',
    headline: 'It works: your link opened the file.',
    detail: `Anyone with this link can open the file for the next ${TEST_LINK_MINUTES} minutes.${refused}`,
  }
}

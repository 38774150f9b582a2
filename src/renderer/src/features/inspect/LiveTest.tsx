// "Test it live": Keyfront asks for the first byte of the file with this link and shows what came
// back — the HTTP status, CloudFront's (or the origin's) error code and message, and what it means.
// Online, it runs by itself: the offline verdict cannot say the file is there, CloudFront can.
import { useEffect, useRef, useState } from 'react'
import type { LiveTestResult } from '../../../../shared/contract/links.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction } from '../../lib/server-state.ts'

const ANSWERED_BY: Record<LiveTestResult['answeredBy'], string> = {
  cloudfront: 'CloudFront',
  origin: 'the origin (S3), after CloudFront accepted the link',
  unknown: 'the server',
}

export function LiveTest(props: { input: string; url?: string }) {
  const [result, setResult] = useState<LiveTestResult>()
  const test = useAction(async () => {
    setResult(undefined)
    setResult(await call('links.testLive', { input: props.input, ...(props.url && { url: props.url }) }))
  })
  const started = useRef(false)
  useEffect(() => {
    if (started.current || !navigator.onLine) return
    started.current = true
    void test.run()
  }, [test])
  const works = result && (result.status === 200 || result.status === 206)
  return (
    <section className="panel inspect-live" aria-labelledby="inspect-live-title">
      <h2 id="inspect-live-title">Test it live</h2>
      <p className="hint">
        Keyfront asks for the first byte of the file with this link and shows what comes back.
      </p>
      <button type="button" className="button" disabled={test.busy} onClick={() => void test.run()}>
        {test.busy ? 'Testing…' : 'Test it live'}
      </button>
      <ErrorNotice error={test.error} />
      <div role="status">
        {result && (
          <div className={`notice ${works ? 'notice-ok' : 'notice-error'} inspect-live-result`}>
            <p>
              <strong>
                HTTP {result.status} {result.statusText}
              </strong>{' '}
              from {ANSWERED_BY[result.answeredBy]} in {result.elapsedMs} ms
              {result.errorCode && (
                <>
                  : <code>{result.errorCode}</code> “{result.errorMessage}”
                </>
              )}
            </p>
            <p>{result.explanation}</p>
          </div>
        )}
      </div>
    </section>
  )
}

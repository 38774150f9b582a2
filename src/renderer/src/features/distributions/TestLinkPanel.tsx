// The end of onboarding: "does it work?" The user names a file; Keyfront signs a short-lived link to
// it with the onboarded key (links.sign, so it is in the history like any link), asks for its first
// byte with the link and once without the signature (links.testLive, the inspector's live test),
// and says what the answers mean in plain words. A file named before the deployment was done is
// tested by itself the moment it is.
import { useEffect, useRef, useState } from 'react'
import { useNavigate } from '../../app/navigation.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { BridgeError } from '../../lib/bridge.ts'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { behaviorLabel } from './format.ts'
import {
  servedFile,
  TEST_LINK_MINUTES,
  testLinkUrl,
  testLinkVerdict,
  type LiveAnswer,
  type Verdict,
} from './test-link.ts'

const ANSWERED_BY = {
  cloudfront: 'CloudFront',
  origin: 'the bucket, through CloudFront',
  unknown: 'the server',
}

async function liveTest(url: string): Promise<LiveAnswer> {
  try {
    return { reached: true, result: await call('links.testLive', { input: url }) }
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'LIVE_TEST_UNREACHABLE') {
      return { reached: false, message: error.message }
    }
    throw error
  }
}

interface Tested {
  signedUrl: string
  verdict: Verdict
  answer: LiveAnswer
}

export function TestLinkPanel(props: {
  domainName: string
  keyId: string
  /** The restricted behaviors' selectors, to suggest a path that needs a signed link. */
  paths: string[]
  deployed: boolean
  /** A file named earlier (while waiting for the deployment): tested at once when `deployed`. */
  initialPath?: string
  onTested?: (verdict: Verdict) => void
}) {
  const navigate = useNavigate()
  const [typed, setTyped] = useState(props.initialPath ?? '')
  const [tested, setTested] = useState<Tested>()
  const test = useAction(async () => {
    setTested(undefined)
    const url = testLinkUrl(props.domainName, typed)
    const signed = await call('links.sign', {
      url,
      key: props.keyId,
      expiresAt: Math.floor(Date.now() / 1000) + TEST_LINK_MINUTES * 60,
      label: `Test link after setting up ${props.domainName}`,
    })
    const signedUrl = signed.signedUrl ?? url
    const answer = await liveTest(signedUrl)
    // Only a link that works raises the question whether the address works without it, too.
    const unsigned = answer.reached && servedFile(answer.result) ? await liveTest(signed.url) : undefined
    const verdict = testLinkVerdict({
      path: typed.trim(),
      host: new URL(url).host,
      deployed: props.deployed,
      signed: answer,
      ...(unsigned && { unsigned }),
    })
    setTested({ signedUrl, verdict, answer })
    props.onTested?.(verdict)
  })
  const autoRun = props.deployed && (props.initialPath ?? '').trim() !== ''
  const ran = useRef(false)
  useEffect(() => {
    if (!autoRun || ran.current) return
    ran.current = true
    void test.run()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the deployment is done
  }, [autoRun])
  const everyPath = props.paths.includes('default')
  const wholeAddress = /^https?:\/\//i.test(typed.trim())

  return (
    <section className="panel inset test-link" aria-labelledby="test-link-title">
      <h3 id="test-link-title">Try it with one of your files</h3>
      <p className="hint">
        Keyfront makes a link to the file that works for {TEST_LINK_MINUTES} minutes and asks CloudFront for
        it — and once without the signature, to check that only signed links open it.
      </p>
      <form noValidate onSubmit={submitTo(test.run)}>
        <Field
          label="File to test"
          hint={
            <>
              The file’s path in the bucket, added to https://{props.domainName}/
              {everyPath
                ? ''
                : ` — under a path you restricted: ${props.paths.map(behaviorLabel).join(', ')}`}
              . Or a whole address, if you open the files through a domain of your own.
            </>
          }
        >
          {(control) => (
            <div className="test-link-address">
              {!wholeAddress && (
                <span className="mono" aria-hidden="true">
                  https://{props.domainName}/
                </span>
              )}
              <input
                {...control}
                type="text"
                value={typed}
                maxLength={2000}
                autoComplete="off"
                spellCheck={false}
                placeholder="reports/q3.pdf"
                onChange={(event) => setTyped(event.target.value)}
              />
            </div>
          )}
        </Field>
        <ErrorNotice error={test.error} />
        <FormActions
          label="Make a test link and try it"
          busyLabel="Testing…"
          busy={test.busy}
          disabled={typed.trim() === ''}
        />
      </form>
      <div role="status">{tested && <TestedView tested={tested} />}</div>
      {tested && (
        <div className="form-actions test-link-actions">
          <button
            type="button"
            className="button"
            onClick={() => navigate({ screen: 'inspect', param: tested.signedUrl })}
          >
            Inspect this link
          </button>
        </div>
      )}
    </section>
  )
}

function TestedView({ tested }: { tested: Tested }) {
  const { verdict, answer } = tested
  return (
    <div className={`notice notice-${verdict.tone} test-link-result`}>
      <p>
        <strong>{verdict.headline}</strong>
      </p>
      {verdict.detail && <p>{verdict.detail}</p>}
      {answer.reached && (
        <p className="notice-code">
          Answer: HTTP {answer.result.status} {answer.result.statusText} from{' '}
          {ANSWERED_BY[answer.result.answeredBy]}
          {answer.result.errorCode && ` — ${answer.result.errorCode}`} · {answer.result.elapsedMs} ms
        </p>
      )}
    </div>
  )
}

// Inspect: paste a signed link (or its cookies) and learn when it works, which key signed it, and
// why CloudFront would answer "Access Denied" — then, if wanted, test it live. History opens this
// screen with a link (`initialUrl`), which is inspected at once.
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { InspectReport } from '../../../../shared/contract/links.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { call } from '../../lib/bridge.ts'
import { useCall } from '../../lib/use-call.ts'
import { InspectReportView } from './InspectReportView.tsx'
import { LiveTest } from './LiveTest.tsx'

interface Inspected {
  report: InspectReport
  input: string
  url?: string
}

async function inspectLink(input: string, url: string, key: string): Promise<Inspected> {
  const request = { input, ...(url.trim() && { url: url.trim() }), ...(key && { key }) }
  const report = await call('links.inspect', request)
  return { report, input, ...(request.url && { url: request.url }) }
}

const looksLikeCookies = (text: string) => !/^\s*https?:\/\//i.test(text) && /cloudfront-/i.test(text)

export function InspectScreen(props: { initialUrl?: string }) {
  const keys = useCall('keys.list', undefined)
  const [input, setInput] = useState(props.initialUrl ?? '')
  const [cookieUrl, setCookieUrl] = useState('')
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(Boolean(props.initialUrl))
  const [error, setError] = useState<unknown>()
  const [inspected, setInspected] = useState<Inspected>()
  const cookies = looksLikeCookies(input)

  const show = useCallback((outcome: Promise<Inspected>) => {
    outcome
      .then(
        (result) => {
          setError(undefined)
          setInspected(result)
        },
        (caught: unknown) => {
          setInspected(undefined)
          setError(caught)
        },
      )
      .finally(() => setBusy(false))
  }, [])

  useEffect(() => {
    if (props.initialUrl) show(inspectLink(props.initialUrl, '', ''))
  }, [props.initialUrl, show])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    show(inspectLink(input, cookies ? cookieUrl : '', key))
  }

  return (
    <Screen
      title="Inspect a link"
      description="See when a signed link works, which key signed it, and why it might say “Access Denied”."
    >
      <form className="panel" noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor="inspect-input">Signed link or cookies</label>
          <textarea
            id="inspect-input"
            rows={5}
            spellCheck={false}
            value={input}
            aria-describedby="inspect-input-hint"
            onChange={(event) => setInput(event.target.value)}
          />
          <span id="inspect-input-hint" className="hint">
            Paste the whole link, or the cookies (CloudFront-Policy=…; CloudFront-Signature=…;
            CloudFront-Key-Pair-Id=…).
          </span>
        </div>
        {cookies && (
          <div className="field">
            <label htmlFor="inspect-cookie-url">URL the cookies are sent with</label>
            <input
              id="inspect-cookie-url"
              type="url"
              spellCheck={false}
              value={cookieUrl}
              onChange={(event) => setCookieUrl(event.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="inspect-key">Check the signature with</label>
          <select id="inspect-key" value={key} onChange={(event) => setKey(event.target.value)}>
            <option value="">The key its Key-Pair-Id names</option>
            {(keys.value ?? []).map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
                {k.keyPairId ? ` (${k.keyPairId})` : ''}
              </option>
            ))}
          </select>
        </div>
        <ErrorNotice error={error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !input.trim()}>
            {busy ? 'Inspecting…' : 'Inspect'}
          </button>
        </div>
      </form>
      {inspected && (
        <>
          <InspectReportView report={inspected.report} />
          <LiveTest
            key={`${inspected.input}\n${inspected.url ?? ''}`}
            input={inspected.input}
            {...(inspected.url && { url: inspected.url })}
          />
        </>
      )}
    </Screen>
  )
}

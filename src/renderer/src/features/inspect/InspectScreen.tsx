// Inspect: paste a signed link (or its cookies) and learn when it works, which key signed it, and
// why CloudFront would answer "Access Denied" — then, if wanted, test it live. History opens this
// screen with a link (`initialUrl`), which is inspected at once.
import { Fragment, useEffect, useState } from 'react'
import type { InspectReport } from '../../../../shared/contract/links.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { Screen } from '../../components/Screen.tsx'
import { call, submitTo, useAction, useRead } from '../../lib/server-state.ts'
import { InspectReportView } from './InspectReportView.tsx'
import { LiveTest } from './LiveTest.tsx'
import './inspect.css'

interface Inspected {
  report: InspectReport
  input: string
  url?: string
}

const looksLikeCookies = (text: string) => !/^\s*https?:\/\//i.test(text) && /cloudfront-/i.test(text)

export function InspectScreen(props: { initialUrl?: string }) {
  const keys = useRead('keys.list', undefined)
  // To name the site a link opens a file on; the address is shown when the sites cannot be read.
  const sites = useRead('cloudfront.sites', undefined)
  const [input, setInput] = useState(props.initialUrl ?? '')
  const [cookieUrl, setCookieUrl] = useState('')
  const [key, setKey] = useState('')
  const [inspected, setInspected] = useState<Inspected>()
  const cookies = looksLikeCookies(input)

  const inspect = useAction(async (text: string, url: string, keyId: string) => {
    const request = { input: text, ...(url.trim() && { url: url.trim() }), ...(keyId && { key: keyId }) }
    try {
      const report = await call('links.inspect', request)
      setInspected({ report, input: text, ...(request.url && { url: request.url }) })
    } catch (error) {
      setInspected(undefined)
      throw error
    }
  })
  const { run } = inspect

  useEffect(() => {
    if (props.initialUrl) void run(props.initialUrl, '', '')
  }, [props.initialUrl, run])

  return (
    <Screen
      title="Inspect a link"
      description="See when a signed link works, which key signed it, and why it might say “Access Denied”."
    >
      <form className="panel" noValidate onSubmit={submitTo(() => run(input, cookies ? cookieUrl : '', key))}>
        <Field
          label="Signed link or cookies"
          hint="Paste the whole link, or the cookies (CloudFront-Policy=…; CloudFront-Signature=…; CloudFront-Key-Pair-Id=…)."
        >
          {(control) => (
            <textarea
              {...control}
              rows={5}
              spellCheck={false}
              value={input}
              onChange={(event) => setInput(event.target.value)}
            />
          )}
        </Field>
        {cookies && (
          <Field label="URL the cookies are sent with">
            {(control) => (
              <input
                {...control}
                type="url"
                spellCheck={false}
                value={cookieUrl}
                onChange={(event) => setCookieUrl(event.target.value)}
              />
            )}
          </Field>
        )}
        <Field
          label="Check it with"
          hint="Keyfront checks a link with the key it names, unless you choose one."
        >
          {(control) => (
            <select {...control} value={key} onChange={(event) => setKey(event.target.value)}>
              <option value="">The key the link names</option>
              {(keys.data ?? []).map((k) => (
                <option key={k.id} value={k.id}>
                  Your key “{k.name}”
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorNotice error={inspect.error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={inspect.busy || !input.trim()}>
            {inspect.busy ? 'Inspecting…' : 'Inspect'}
          </button>
        </div>
      </form>
      {/* key: another link is shown afresh, its Details folded and no live test yet */}
      {inspected && (
        <Fragment key={`${inspected.input}\n${inspected.url ?? ''}`}>
          <InspectReportView report={inspected.report} sites={sites.data ?? []} />
          <LiveTest input={inspected.input} {...(inspected.url && { url: inspected.url })} />
        </Fragment>
      )}
    </Screen>
  )
}

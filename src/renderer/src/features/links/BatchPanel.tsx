// Many links at once: a pasted list or a CSV file, the same key and conditions for all, signed on
// worker threads with progress and a Cancel button; the output (in input order) to copy, or to
// save as text or CSV, and anything worth knowing about it (links the history could not record).
// With a site chosen, each line is a path on it, the site decides the key, and the batch records
// the site.
import { useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import type { BatchResult } from '../../../../shared/contract/links.ts'
import { describeFromNow, formatUtc } from '../../../../shared/expiry.ts'
import { siteLink } from '../../../../shared/site-link.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { errorMessage, on } from '../../lib/bridge.ts'
import { call, submitTo, useAction } from '../../lib/server-state.ts'
import { AdvancedOptions, NO_ADVANCED, type Advanced } from './AdvancedOptions.tsx'
import { toCsv, urlsFromCsv, urlsFromLines } from './batch-text.ts'
import { friendlyWhen } from '../../lib/when.ts'
import { expiryFromNow, localEpoch, type ExpiryChoice } from './expiry.ts'
import { ExpiryPicker } from './ExpiryPicker.tsx'
import { SiteChoice, firstPlace, siteKey, type FilePlace } from './FileLocation.tsx'
import { KeyPicker, SiteKeyNote, defaultKey } from './KeyPicker.tsx'
import type { LinkDefaults } from './SingleLinkForm.tsx'

interface Done {
  urls: string[]
  result: BatchResult
}

export function BatchPanel(props: {
  keys: KeySummary[]
  sites: SignedSite[]
  defaults: LinkDefaults
  now: number
}) {
  const [place, setPlace] = useState<FilePlace>(() => firstPlace(props.sites, props.defaults.siteId))
  const [chosenKey, setKey] = useState(() => defaultKey(props.keys))
  const [text, setText] = useState('')
  const [expiry, setExpiry] = useState<ExpiryChoice>(props.defaults.expiry)
  const [advanced, setAdvanced] = useState<Advanced>(NO_ADVANCED)
  const [task, setTask] = useState<string>()
  const [progress, setProgress] = useState({ done: 0, total: 0 })
  const [saveError, setSaveError] = useState<unknown>()
  const [done, setDone] = useState<Done>()
  const [status, setStatus] = useState('')
  const urls = urlsFromLines(text)
  const host = place.site?.host
  const noun = host ? 'path' : 'URL'
  // A site onboarded with a key this computer holds decides the key: no picker then.
  const decided = siteKey(props.keys, place)
  const key = decided?.id ?? chosenKey

  /** The addresses to sign: the lines as they are, or each path on the chosen site (says which line is wrong). */
  const addresses = (): string[] =>
    urls.map((line, i) => {
      if (!host) return line
      try {
        return siteLink(host, line)
      } catch (caught) {
        throw new Error(`Line ${(i + 1).toLocaleString()} (${line}): ${errorMessage(caught)}`, {
          cause: caught,
        })
      }
    })

  const readFile = async (file: File | undefined) => {
    if (!file) return
    const content = await file.text()
    const list = /\.csv$/i.test(file.name) ? urlsFromCsv(content) : urlsFromLines(content)
    setText(list.join('\n'))
    setStatus(`Read ${list.length.toLocaleString()} ${noun}s from ${file.name}.`)
  }

  const sign = useAction(async () => {
    setSaveError(undefined)
    setDone(undefined)
    setStatus('')
    const expiresAt = expiryFromNow(expiry)
    if (expiresAt === undefined) throw new Error('Choose the date and time the links stop working.')
    const signing = addresses()
    const startsAt = localEpoch(advanced.starts)
    const id = crypto.randomUUID()
    setTask(id)
    setProgress({ done: 0, total: urls.length })
    const unsubscribe = on('task.progress', (event) => {
      if (event.task === id) setProgress({ done: event.done, total: event.total ?? urls.length })
    })
    try {
      const result = await call('links.signBatch', {
        task: id,
        key,
        urls: signing,
        ...(place.site && { distributionId: place.site.distributionId }),
        expiresAt,
        ...(startsAt !== undefined && { startsAt }),
        ...(advanced.ip.trim() && { ipAddress: advanced.ip }),
        hash: advanced.sha256 ? 'sha256' : 'sha1',
      })
      setDone({ urls: signing, result })
    } finally {
      unsubscribe()
      setTask(undefined)
    }
  })

  const copy = (output: string) =>
    navigator.clipboard.writeText(output).then(
      () => setStatus('Copied every link to the clipboard, one per line.'),
      () => setStatus('Keyfront could not use the clipboard: select the text and copy it.'),
    )
  const save = (defaultName: string, output: string) =>
    call('links.saveOutput', { defaultName, text: output }).then(
      (saved) => setStatus(saved.path ? `Saved to ${saved.path}.` : 'Not saved.'),
      (caught: unknown) => setSaveError(caught),
    )

  return (
    <div className="link-batch">
      <form className="panel link-form" noValidate onSubmit={submitTo(sign.run)}>
        <SiteChoice label="Where are the files?" sites={props.sites} value={place} onChange={setPlace} />
        <Field
          label={host ? 'Paths of the files, one per line' : 'URLs, one per line'}
          hint={
            <>
              {urls.length.toLocaleString()} {noun}
              {urls.length === 1 ? '' : 's'}.{' '}
              {host
                ? `Each becomes https://${host}/ followed by the path — spaces and accents are fine — and gets its own link, in the same order.`
                : 'Each gets its own link, in the same order.'}
            </>
          }
        >
          {(control) => (
            <textarea
              {...control}
              rows={8}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Or read them from a CSV or text file"
          hint="From a CSV file Keyfront takes the column named “url”, or else the first column."
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              onChange={(event) => void readFile(event.target.files?.[0])}
            />
          )}
        </Field>
        {decided ? (
          <SiteKeyNote name={decided.name} />
        ) : (
          <KeyPicker keys={props.keys} value={chosenKey} onChange={setKey} />
        )}
        <ExpiryPicker value={expiry} onChange={setExpiry} now={props.now} />
        <AdvancedOptions value={advanced} onChange={setAdvanced} now={props.now} batch />
        <ErrorNotice error={sign.error ?? saveError} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={task !== undefined || urls.length === 0}>
            Sign {urls.length.toLocaleString()} link{urls.length === 1 ? '' : 's'}
          </button>
          {task && (
            <button
              type="button"
              className="button danger"
              onClick={() => void call('links.cancelBatch', { task })}
            >
              Cancel
            </button>
          )}
        </div>
        {task && (
          <div className="link-progress">
            <progress
              id="batch-progress"
              max={Math.max(1, progress.total)}
              value={progress.done}
              aria-label="Signing progress"
            />
            <span>
              {progress.done.toLocaleString()} of {progress.total.toLocaleString()} signed
            </span>
          </div>
        )}
      </form>
      <p role="status" className="link-copied">
        {status}
      </p>
      {done && (
        <section className="panel" aria-labelledby="batch-done-title">
          <h2 id="batch-done-title">
            Signed {done.result.signedUrls.length.toLocaleString()} links in{' '}
            {(done.result.elapsedMs / 1000).toFixed(1)} s
          </h2>
          <p>
            They work until <strong>{friendlyWhen(done.result.expiresAt, props.now)}</strong> (
            {describeFromNow(done.result.expiresAt, props.now)}).
          </p>
          {done.result.warnings.map((warning) => (
            <p key={warning} className="notice notice-warn link-warning batch-warning" role="status">
              {warning}
            </p>
          ))}
          <label htmlFor="batch-output" className="visually-hidden">
            Signed links, one per line
          </label>
          <textarea
            id="batch-output"
            className="link-output"
            readOnly
            rows={8}
            value={done.result.signedUrls.join('\n')}
          />
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              onClick={() => void copy(done.result.signedUrls.join('\n'))}
            >
              Copy all
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void save('signed-links.txt', `${done.result.signedUrls.join('\n')}\n`)}
            >
              Save as text…
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                void save(
                  'signed-links.csv',
                  toCsv(done.urls, done.result.signedUrls, formatUtc(done.result.expiresAt)),
                )
              }
            >
              Save as CSV…
            </button>
          </div>
        </section>
      )}
    </div>
  )
}

// "Retire" and "Stop all links signed with this key…": the key leaves its key groups and CloudFront.
// Retiring is refused while links signed with it still work (how many, until when) or sites here
// still sign with it — the way on is offered instead. Stopping lists the links that stop and the
// distributions affected. Either way, a key group that paths trust is never left without a key of
// its own unless the user ticks a second consent naming those paths. The plan is read again after
// every choice; confirming applies it. Escape leaves, as Cancel does, until it is done.
import { useEffect, useRef, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import type { RetireRequest, RetireResult } from '../../../../shared/contract/key-lifecycle.ts'
import { links } from './lifecycle-words.ts'
import { RetirePlanView } from './RetirePlanView.tsx'
import { RetireResultView } from './RetireResultView.tsx'
import './lifecycle.css'

export function RetireKeyFlow(props: {
  keyId: string
  keyName: string
  profile: string | undefined
  /** Stop every link signed with the key now, rather than wait for them to expire. */
  stop: boolean
  onStopInstead: () => void
  onReplace: () => void
  onClose: () => void
  /** The key itself was deleted from this computer. */
  onKeyDeleted: (message: string) => void
}) {
  const [allowEmpty, setAllowEmpty] = useState<string[]>([])
  const [deletePrivateKey, setDeletePrivateKey] = useState(false)
  const [result, setResult] = useState<RetireResult>()
  const heading = useRef<HTMLHeadingElement>(null)
  // The button that opened this is gone: the heading takes the focus.
  useEffect(() => heading.current?.focus(), [])
  const request: RetireRequest = {
    profile: props.profile,
    key: props.keyId,
    ...(props.stop && { stopLinksNow: true }),
    ...(allowEmpty.length > 0 && { allowEmptyGroups: allowEmpty }),
    ...(deletePrivateKey && { deletePrivateKey: true }),
  }
  const plan = useRead('keys.planRetire', request, { gcTime: 0, keepPrevious: true, enabled: !result })
  const apply = useAction(async () => {
    const done = await call('keys.retire', request)
    if (done.privateKeyDeleted) props.onKeyDeleted(deletedMessage(done))
    else setResult(done)
  })
  const title = props.stop ? `Stop all links signed with “${props.keyName}”` : `Retire “${props.keyName}”`
  return (
    <section
      className="panel"
      aria-labelledby="retire-title"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || result || apply.busy) return
        event.stopPropagation()
        props.onClose()
      }}
    >
      <div className="flow-header">
        <h2 id="retire-title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        {!result && (
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
        )}
      </div>
      {result ? (
        <RetireResultView result={result} onClose={props.onClose} />
      ) : (
        <>
          {plan.isPending && (
            <p className="hint">Reading the key groups and distributions of your account…</p>
          )}
          <ErrorNotice error={plan.error} />
          {plan.data && (
            <RetirePlanView
              plan={plan.data}
              stop={props.stop}
              allowEmpty={allowEmpty}
              onAllowEmpty={setAllowEmpty}
              deletePrivateKey={deletePrivateKey}
              onDeletePrivateKey={setDeletePrivateKey}
              onStopInstead={props.onStopInstead}
              onReplace={props.onReplace}
              onClose={props.onClose}
              busy={apply.busy || plan.isFetching}
              onConfirm={() => void apply.run()}
              applyError={apply.error}
            />
          )}
        </>
      )}
    </section>
  )
}

function deletedMessage(result: RetireResult): string {
  const stopped = result.stoppedLinks > 0 ? ` ${links(result.stoppedLinks)} signed with it stop working.` : ''
  return `Retired and deleted “${result.key.name}”: CloudFront no longer has it, and its private key has left your system keychain.${stopped}`
}

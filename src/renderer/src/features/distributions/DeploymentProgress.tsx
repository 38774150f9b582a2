// Follows one distribution's deployment: CloudFront is polled by the core, each poll arrives as a
// `cloudfront.deployment` event; this shows elapsed time, the last check and its status, and lets
// the user stop following (CloudFront keeps deploying; Keyfront keeps it listed as deploying).
import { useEffect, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { BridgeError, call, on } from '../../lib/bridge.ts'
import type { DeploymentProgress as Progress } from '../../../../shared/contract/cloudfront.ts'
import { formatClock, formatElapsed } from './format.ts'

type State = { is: 'waiting' } | { is: 'deployed' } | { is: 'stopped' } | { is: 'failed'; error: unknown }

export function DeploymentProgress(props: {
  distributionId: string
  profile?: string
  label?: string
  onDeployed?: (progress: Progress) => void
  onStopped?: () => void
}) {
  const { distributionId, profile, onDeployed, onStopped } = props
  const [progress, setProgress] = useState<{ value: Progress; at: number }>()
  const [state, setState] = useState<State>({ is: 'waiting' })
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    let live = true
    const off = on('cloudfront.deployment', (value) => {
      if (live && value.distributionId === distributionId) setProgress({ value, at: Date.now() })
    })
    call('cloudfront.waitDeployed', { distributionId, profile }).then(
      (value) => {
        if (!live) return
        setProgress({ value, at: Date.now() })
        setState({ is: 'deployed' })
        onDeployed?.(value)
      },
      (error: unknown) => {
        if (!live) return
        if (error instanceof BridgeError && error.code === 'CANCELLED') {
          setState({ is: 'stopped' })
          onStopped?.()
        } else setState({ is: 'failed', error })
      },
    )
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      live = false
      off()
      clearInterval(tick)
      // Leaving the screen stops the polling; the deployment itself goes on at CloudFront.
      void call('cloudfront.cancelWait', { distributionId }).catch(() => undefined)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callbacks are notifications, not inputs
  }, [distributionId, profile])

  const elapsed = progress
    ? progress.value.elapsedMs + (state.is === 'waiting' ? Math.max(0, now - progress.at) : 0)
    : undefined
  const title = props.label ?? `Deploying ${distributionId}`
  return (
    <section className="panel dist-deploy" aria-label={title}>
      <h3>{state.is === 'deployed' ? `${distributionId} is deployed` : title}</h3>
      {state.is === 'waiting' && <progress className="dist-progress" aria-label="Deployment in progress" />}
      <p role="status">
        {state.is === 'deployed' && 'Deployed: CloudFront serves the change everywhere.'}
        {state.is === 'waiting' && `CloudFront says: ${progress?.value.status ?? 'checking…'}`}
        {state.is === 'stopped' && 'Stopped following. CloudFront keeps deploying the change.'}
      </p>
      {progress && (
        <p className="hint">
          {formatElapsed(elapsed ?? 0)} since the change · last checked{' '}
          {formatClock(progress.value.lastPollAt)} · {progress.value.polls}{' '}
          {progress.value.polls === 1 ? 'check' : 'checks'}
        </p>
      )}
      {state.is === 'waiting' && (
        <>
          <p className="hint">
            This usually takes a few minutes. You can leave this screen: Keyfront remembers the distribution
            is deploying.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => void call('cloudfront.cancelWait', { distributionId }).catch(() => undefined)}
          >
            Stop waiting
          </button>
        </>
      )}
      {state.is === 'failed' && <ErrorNotice error={state.error} />}
    </section>
  )
}

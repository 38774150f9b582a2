// "Advanced": the restrictions most people never need — a start time, an IP range, a wildcard
// resource (one link opening many files), cookies instead of a link, SHA-256 signatures.
import { toLocalInput } from './expiry.ts'

export interface Advanced {
  /** datetime-local value, or '' for "now". */
  starts: string
  ip: string
  resource: string
  cookies: boolean
  sha256: boolean
}

export const NO_ADVANCED: Advanced = { starts: '', ip: '', resource: '', cookies: false, sha256: false }

export function AdvancedOptions(props: {
  id: string
  value: Advanced
  onChange: (value: Advanced) => void
  now: number
  /** Batches sign each URL for itself: no wildcard resource, no cookies. */
  batch?: boolean
}) {
  const { id, value } = props
  const set = (change: Partial<Advanced>) => props.onChange({ ...value, ...change })
  const changed = value.starts || value.ip || value.resource || value.cookies || value.sha256
  return (
    <details className="link-advanced">
      <summary>Advanced{changed ? ' (in use)' : ''}</summary>
      <div className="field">
        <label htmlFor={`${id}-starts`}>Starts working at (your time)</label>
        <input
          id={`${id}-starts`}
          type="datetime-local"
          value={value.starts}
          min={toLocalInput(props.now)}
          aria-describedby={`${id}-starts-hint`}
          onChange={(event) => set({ starts: event.target.value })}
        />
        <span id={`${id}-starts-hint`} className="hint">
          Leave empty to make it work at once.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-ip`}>Only from this IP address or range</label>
        <input
          id={`${id}-ip`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="203.0.113.0/24"
          value={value.ip}
          aria-describedby={`${id}-ip-hint`}
          onChange={(event) => set({ ip: event.target.value })}
        />
        <span id={`${id}-ip-hint`} className="hint">
          IPv4 only. People on IPv6 cannot open IP-restricted links when the distribution has IPv6 turned on.
        </span>
      </div>
      {!props.batch && (
        <>
          <div className="field">
            <label htmlFor={`${id}-resource`}>Let it open more files (wildcard)</label>
            <input
              id={`${id}-resource`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://d111111abcdef8.cloudfront.net/videos/*"
              value={value.resource}
              aria-describedby={`${id}-resource-hint`}
              onChange={(event) => set({ resource: event.target.value })}
            />
            <span id={`${id}-resource-hint`} className="hint">
              * stands for any characters, ? for exactly one. The pattern must cover the link above.
            </span>
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={value.cookies}
              onChange={(event) => set({ cookies: event.target.checked })}
            />
            Make signed cookies instead of a link (for a website that shows many private files)
          </label>
        </>
      )}
      <label className="choice">
        <input
          type="checkbox"
          checked={value.sha256}
          onChange={(event) => set({ sha256: event.target.checked })}
        />
        Sign with SHA-256 instead of SHA-1
      </label>
    </details>
  )
}

// "Advanced": the restrictions most people never need — a start time, an IP range, a wildcard
// resource (one link opening many files, with a line of warning when it opens more than one site),
// cookies instead of a link (with the domain of a site in front of the distribution), SHA-256
// signatures.
import { Field } from '../../components/Field.tsx'
import { broadResourceWarning } from '../../../../shared/resource-pattern.ts'
import { toLocalInput } from './expiry.ts'

export interface Advanced {
  /** datetime-local value, or '' for "now". */
  starts: string
  ip: string
  resource: string
  cookies: boolean
  /** The cookies' Domain attribute, or '' for none. */
  cookieDomain: string
  sha256: boolean
}

export const NO_ADVANCED: Advanced = {
  starts: '',
  ip: '',
  resource: '',
  cookies: false,
  cookieDomain: '',
  sha256: false,
}

export function AdvancedOptions(props: {
  value: Advanced
  onChange: (value: Advanced) => void
  now: number
  /** Batches sign each URL for itself: no wildcard resource, no cookies. */
  batch?: boolean
}) {
  const { value } = props
  const set = (change: Partial<Advanced>) => props.onChange({ ...value, ...change })
  const changed = value.starts || value.ip || value.resource || value.cookies || value.sha256
  const broad = value.resource.trim() ? broadResourceWarning(value.resource) : undefined
  return (
    <details className="link-advanced">
      <summary>Advanced{changed ? ' (in use)' : ''}</summary>
      <Field label="Starts working at (your time)" hint="Leave empty to make it work at once.">
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={value.starts}
            min={toLocalInput(props.now)}
            onChange={(event) => set({ starts: event.target.value })}
          />
        )}
      </Field>
      <Field
        label="Only from this IP address or range"
        hint="IPv4 only. People on IPv6 cannot open IP-restricted links when the site has IPv6 turned on."
      >
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            placeholder="203.0.113.0/24"
            value={value.ip}
            onChange={(event) => set({ ip: event.target.value })}
          />
        )}
      </Field>
      {!props.batch && (
        <>
          <Field
            label="Let it open more files (wildcard)"
            hint="* stands for any characters, ? for exactly one: …/videos/* opens a folder, *example.com/* every address ending in example.com, * alone every file. It must cover the link above."
          >
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                spellCheck={false}
                placeholder="https://d111111abcdef8.cloudfront.net/videos/*"
                value={value.resource}
                onChange={(event) => set({ resource: event.target.value })}
              />
            )}
          </Field>
          <div role="status">{broad && <p className="notice notice-warn link-warning">{broad}</p>}</div>
          <label className="choice">
            <input
              type="checkbox"
              checked={value.cookies}
              onChange={(event) => set({ cookies: event.target.checked })}
            />
            Make signed cookies instead of a link (for a website that shows many private files)
          </label>
          {value.cookies && (
            <Field
              label="Cookie domain (optional)"
              hint="When a website in front of the distribution sets the cookies, its domain (like example.com). Leave empty when they come from the distribution’s own address."
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="example.com"
                  value={value.cookieDomain}
                  onChange={(event) => set({ cookieDomain: event.target.value })}
                />
              )}
            </Field>
          )}
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

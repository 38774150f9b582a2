// "Where is the file?": a site onboarded from this computer (by its address) and a typed path, or
// another address pasted whole. With no site known, only the pasted address is asked for, as before.
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import { siteAddresses, siteLink } from '../../../../shared/site-link.ts'

/** What the user chose: a site's address and a path, or a whole URL (`site` undefined). */
export interface FilePlace {
  site?: { distributionId: string; host: string; keyId: string }
  path: string
  url: string
}

const ANOTHER = ''

/** Starts at the first site's first address when there is one. */
export function firstPlace(sites: SignedSite[]): FilePlace {
  const site = sites[0]
  const host = site && siteAddresses(site)[0]
  return site && host
    ? { site: { distributionId: site.distributionId, host, keyId: site.keyId }, path: '', url: '' }
    : { path: '', url: '' }
}

/** The address to sign; throws (with what to type) when the path is not usable. */
export function placeUrl(place: FilePlace): string {
  return place.site ? siteLink(place.site.host, place.path) : place.url
}

/** The key the place's site was onboarded with, when this computer holds it. */
export function siteKey(keys: KeySummary[], place: FilePlace): string | undefined {
  return keys.find((k) => k.id === place.site?.keyId)?.id
}

export function isPlaceEmpty(place: FilePlace): boolean {
  return !(place.site ? place.path : place.url).trim()
}

export function FileLocation(props: {
  id: string
  sites: SignedSite[]
  value: FilePlace
  onChange: (place: FilePlace) => void
}) {
  const { id, value, onChange } = props
  return (
    <>
      <SiteChoice {...props} label="Where is the file?" />
      {value.site ? (
        <PathField id={id} host={value.site.host} value={value} onChange={onChange} />
      ) : (
        <div className="field">
          <label htmlFor={`${id}-url`}>Link to the file</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://d111111abcdef8.cloudfront.net/reports/annual-report.pdf"
            value={value.url}
            aria-describedby={`${id}-url-hint`}
            onChange={(event) => onChange({ ...value, url: event.target.value })}
          />
          <span id={`${id}-url-hint`} className="hint">
            The file’s address on your CloudFront distribution. Paste it as it is — spaces and accents are
            fine.
          </span>
        </div>
      )}
    </>
  )
}

/** The choice of a site's address or "Another address"; nothing when no site is known. */
export function SiteChoice(props: {
  id: string
  label: string
  sites: SignedSite[]
  value: FilePlace
  onChange: (place: FilePlace) => void
}) {
  const { id, sites, value, onChange } = props
  const options = sites.flatMap((site) =>
    siteAddresses(site).map((host) => ({ key: `${site.distributionId} ${host}`, host, site })),
  )
  const chosen = value.site ? `${value.site.distributionId} ${value.site.host}` : ANOTHER

  const choose = (optionKey: string) => {
    const option = options.find((o) => o.key === optionKey)
    onChange(
      option
        ? {
            ...value,
            site: { distributionId: option.site.distributionId, host: option.host, keyId: option.site.keyId },
          }
        : { path: value.path, url: value.url },
    )
  }

  if (options.length === 0) return null
  return (
    <div className="field">
      <label htmlFor={`${id}-site`}>{props.label}</label>
      <select id={`${id}-site`} value={chosen} onChange={(event) => choose(event.target.value)}>
        {options.map((option) => (
          <option key={option.key} value={option.key}>
            {option.host}
          </option>
        ))}
        <option value={ANOTHER}>Another address (paste a full link)</option>
      </select>
    </div>
  )
}

function PathField(props: {
  id: string
  host: string
  value: FilePlace
  onChange: (place: FilePlace) => void
}) {
  const { id, host, value } = props
  let preview: string | undefined
  try {
    preview = value.path.trim() ? placeUrl(value) : undefined
  } catch {
    preview = undefined
  }
  return (
    <div className="field">
      <label htmlFor={`${id}-path`}>Path of the file</label>
      <div className="link-path">
        <span aria-hidden="true">https://{host}/</span>
        <input
          id={`${id}-path`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="reports/q3.pdf"
          value={value.path}
          aria-describedby={`${id}-path-hint`}
          onChange={(event) => props.onChange({ ...value, path: event.target.value })}
        />
      </div>
      <span id={`${id}-path-hint`} className="hint" aria-live="polite">
        {preview ? (
          <>
            The link will open <strong className="link-path-preview">{preview}</strong>
          </>
        ) : (
          'Type the folder and file name as they are — spaces and accents are fine.'
        )}
      </span>
    </div>
  )
}

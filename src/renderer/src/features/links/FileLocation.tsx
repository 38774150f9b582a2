// "Where is the file?": a site onboarded from this computer (by the name people know it by) and a
// typed path, or another address pasted whole. With no site known, only the pasted address is
// asked for.
import { useId, useState, type KeyboardEvent } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import { siteAddresses, siteLink, siteName } from '../../../../shared/site-link.ts'
import { Field } from '../../components/Field.tsx'
import { useRead, useReadPages } from '../../lib/server-state.ts'
import { completions, typedFolder, type Completion } from './path-completion.ts'

/** What the user chose: a site's address and a path, or a whole URL (`site` undefined). */
export interface FilePlace {
  site?: { distributionId: string; host: string; keyId: string }
  path: string
  url: string
}

const ANOTHER = ''

/** Starts at the preferred site (Settings' default), else the first, at its first address. */
export function firstPlace(sites: SignedSite[], preferred?: string): FilePlace {
  const site = sites.find((s) => s.distributionId === preferred) ?? sites[0]
  const host = site && siteAddresses(site)[0]
  return site && host
    ? { site: { distributionId: site.distributionId, host, keyId: site.keyId }, path: '', url: '' }
    : { path: '', url: '' }
}

/** The address to sign; throws (with what to type) when the path is not usable. */
export function placeUrl(place: FilePlace): string {
  return place.site ? siteLink(place.site.host, place.path) : place.url
}

/** The key the place's site was onboarded with, when this computer holds it: that key signs. */
export function siteKey(keys: KeySummary[], place: FilePlace): KeySummary | undefined {
  return keys.find((k) => k.id === place.site?.keyId)
}

export function isPlaceEmpty(place: FilePlace): boolean {
  return !(place.site ? place.path : place.url).trim()
}

/** A site's address as an option: its name, and the address when the name is not that address. */
function optionLabel(site: SignedSite, host: string): string {
  const name = siteName(site)
  return name === host ? host : `${name} — ${host}`
}

export function FileLocation(props: {
  sites: SignedSite[]
  value: FilePlace
  onChange: (place: FilePlace) => void
}) {
  const { value, onChange } = props
  return (
    <>
      <SiteChoice {...props} label="Where is the file?" />
      {value.site ? (
        <PathField host={value.site.host} value={value} onChange={onChange} />
      ) : (
        <Field
          label="Link to the file"
          hint="The file’s whole address, as CloudFront serves it. Paste it as it is — spaces and accents are fine."
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://d111111abcdef8.cloudfront.net/reports/annual-report.pdf"
              value={value.url}
              onChange={(event) => onChange({ ...value, url: event.target.value })}
            />
          )}
        </Field>
      )}
    </>
  )
}

/** The choice of a site's address or "Another address"; nothing when no site is known. */
export function SiteChoice(props: {
  label: string
  sites: SignedSite[]
  value: FilePlace
  onChange: (place: FilePlace) => void
}) {
  const { sites, value, onChange } = props
  const options = sites.flatMap((site) =>
    siteAddresses(site).map((host) => ({
      key: `${site.distributionId} ${host}`,
      label: optionLabel(site, host),
      host,
      site,
    })),
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
    <Field label={props.label}>
      {(control) => (
        <select {...control} value={chosen} onChange={(event) => choose(event.target.value)}>
          {options.map((option) => (
            <option key={option.key} value={option.key}>
              {option.label}
            </option>
          ))}
          <option value={ANOTHER}>Another address (paste a full link)</option>
        </select>
      )}
    </Field>
  )
}

/**
 * The path, typed, with completions under it (a combobox): paths used before on the site and the
 * names in the folder typed so far. Down and Up move through them, Enter takes one, Escape closes
 * the list; a folder taken keeps the list open for the next level.
 */
function PathField(props: { host: string; value: FilePlace; onChange: (place: FilePlace) => void }) {
  const { host, value } = props
  const distributionId = value.site?.distributionId ?? ''
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const listId = useId()
  const folder = typedFolder(value.path)
  // The file browser's pages of the same folder: one cache, no second listing.
  const listing = useReadPages('files.browse', { distributionId, folder }, { enabled: open })
  const used = useRead('history.paths', { distributionId }, { enabled: open })
  const offered = open ? completions(value.path, listing.data?.pages[0], used.data ?? []) : []
  const shown = offered.length > 0
  const type = (path: string) => {
    props.onChange({ ...value, path })
    setActive(-1)
    setOpen(true)
  }
  const take = (completion: Completion) => {
    type(completion.path)
    if (completion.kind !== 'folder') setOpen(false)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      const last = offered.length - 1
      setActive((now) => (event.key === 'ArrowDown' ? Math.min(now + 1, last) : Math.max(now - 1, -1)))
    } else if (event.key === 'Enter' && shown && active >= 0 && active < offered.length) {
      // Takes the completion instead of submitting the form.
      event.preventDefault()
      const chosen = offered[active]
      if (chosen) take(chosen)
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault()
      setOpen(false)
    }
  }
  let preview: string | undefined
  try {
    preview = value.path.trim() ? placeUrl(value) : undefined
  } catch {
    preview = undefined
  }
  return (
    <Field
      label="Path of the file"
      liveHint
      hint={
        preview ? (
          <>
            The link will open <strong className="link-path-preview">{preview}</strong>
          </>
        ) : (
          'Type the folder and file name as they are — spaces and accents are fine.'
        )
      }
    >
      {(control) => (
        <div className="link-path">
          <span aria-hidden="true">https://{host}/</span>
          <div className="link-path-box">
            <input
              {...control}
              type="text"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={shown}
              aria-controls={listId}
              {...(shown &&
                active >= 0 &&
                active < offered.length && { 'aria-activedescendant': `${listId}-${active}` })}
              autoComplete="off"
              spellCheck={false}
              placeholder="reports/q3.pdf"
              value={value.path}
              onChange={(event) => type(event.target.value)}
              onFocus={() => setOpen(true)}
              onBlur={() => setOpen(false)}
              onKeyDown={onKeyDown}
            />
            <ul
              id={listId}
              role="listbox"
              aria-label="Paths on this site"
              className="link-path-options"
              hidden={!shown}
            >
              {offered.map((completion, i) => (
                <li
                  key={completion.path}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  // Before the input's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault()
                    take(completion)
                  }}
                >
                  <span>{completion.path}</span> <span className="hint">{KIND_WORDS[completion.kind]}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Field>
  )
}

const KIND_WORDS: Record<Completion['kind'], string> = {
  folder: 'folder',
  file: 'file',
  used: 'used before',
}

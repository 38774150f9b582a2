// Settings → New links: how long a new link works unless chosen otherwise (New link and the quick
// link start with it), and the site New link offers first.
import { useId } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { Settings, SettingsChange } from '../../../../shared/contract/settings.ts'
import { EXPIRY_PRESETS } from '../../../../shared/expiry.ts'
import { siteName } from '../../../../shared/site-link.ts'
import { Field, FieldGroup } from '../../components/Field.tsx'

const NO_SITE = ''

export function LinkDefaultsSection(props: {
  settings: Settings
  sites: SignedSite[]
  choose: (change: SettingsChange) => void
}) {
  const { settings, choose } = props
  const group = useId()
  return (
    <section className="panel" aria-labelledby="settings-links">
      <h2 id="settings-links">New links</h2>
      <FieldGroup
        legend="Works for"
        hint="New link and the quick link start with this; you can change it for each link."
      >
        <div className="choice-row settings-choices">
          {EXPIRY_PRESETS.map((preset) => (
            <label key={preset.id} className="choice">
              <input
                type="radio"
                name={group}
                checked={settings.defaultDuration === preset.id}
                onChange={() => choose({ defaultDuration: preset.id })}
              />
              {preset.label}
            </label>
          ))}
        </div>
      </FieldGroup>
      {props.sites.length > 0 && (
        <Field label="Site to start with" hint="The site New link and the quick link use first.">
          {(control) => (
            <select
              {...control}
              value={settings.defaultSite ?? NO_SITE}
              onChange={(event) => choose({ defaultSite: event.target.value || null })}
            >
              <option value={NO_SITE}>No preference (the first site)</option>
              {props.sites.map((site) => (
                <option key={site.distributionId} value={site.distributionId}>
                  {siteName(site)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </section>
  )
}

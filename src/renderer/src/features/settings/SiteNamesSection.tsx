// Settings → Site names: the name each site is shown by in New link, History and Inspect, instead
// of its address (empty goes back to the default: its alias, the distribution's comment, or its
// address), and the folder uploads to it go to when none is browsed or typed (empty: the top).
import { useState } from 'react'
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import { siteAddresses, siteName, siteNameProblem } from '../../../../shared/site-link.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field } from '../../components/Field.tsx'
import { call, submitTo, useAction } from '../../lib/server-state.ts'

export function SiteNamesSection(props: { sites: SignedSite[] }) {
  return (
    <section className="panel" aria-labelledby="settings-site-names">
      <h2 id="settings-site-names">Site names</h2>
      <p className="hint settings-intro">
        The name each site is shown by in New link, History and Inspect. Leave it empty to use the default.
        Its upload folder is where files shared from this computer go unless you browse or type another.
      </p>
      {props.sites.map((site) => (
        <div key={site.distributionId}>
          <SiteNameForm site={site} />
          <UploadFolderForm site={site} />
        </div>
      ))}
    </section>
  )
}

function SiteNameForm({ site }: { site: SignedSite }) {
  const [name, setName] = useState(site.name ?? '')
  const [saved, setSaved] = useState('')
  const problem = siteNameProblem(name)
  const { name: _given, ...unnamed } = site
  const rename = useAction(async () => {
    setSaved('')
    const renamed = await call('cloudfront.renameSite', { distributionId: site.distributionId, name })
    setSaved(`Saved: shown as “${siteName(renamed)}”.`)
  })
  return (
    <form className="settings-site" noValidate onSubmit={submitTo(rename.run)}>
      <Field
        label={`Name of ${siteAddresses(site).join(', ')}`}
        hint={`Default: ${siteName(unnamed)}`}
        error={problem}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            placeholder={siteName(unnamed)}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={rename.busy || problem !== undefined}>
        Save name
      </button>
      <p role="status" className="settings-saved">
        {saved}
      </p>
      <ErrorNotice error={rename.error} />
    </form>
  )
}

function UploadFolderForm({ site }: { site: SignedSite }) {
  const [folder, setFolder] = useState(site.uploadFolder ?? '')
  const [saved, setSaved] = useState('')
  const save = useAction(async () => {
    setSaved('')
    const changed = await call('cloudfront.setUploadFolder', { distributionId: site.distributionId, folder })
    setFolder(changed.uploadFolder ?? '')
    setSaved(
      changed.uploadFolder
        ? `Saved: uploads go to ${changed.uploadFolder}.`
        : 'Saved: uploads go to the top folder.',
    )
  })
  return (
    <form className="settings-site" noValidate onSubmit={submitTo(save.run)}>
      <Field label={`Upload folder of ${siteName(site)}`} hint="Empty: the top folder.">
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="reports/2026/"
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={save.busy}>
        Save folder
      </button>
      <p role="status" className="settings-saved">
        {saved}
      </p>
      <ErrorNotice error={save.error} />
    </form>
  )
}

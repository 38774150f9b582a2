// Exporting the history (with the filters in use) as CSV. Working links go into the file only if
// the user ticks the box that says plainly what that means.
import { useState } from 'react'
import type { HistoryFilter } from '../../../../shared/contract/history.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction } from '../../lib/server-state.ts'

export function ExportPanel(props: {
  filter: HistoryFilter
  onDone: (message: string) => void
  onCancel: () => void
}) {
  const [includeSignedUrls, setIncludeSignedUrls] = useState(false)
  const exportCsv = useAction(async () => {
    const result = await call('history.export', { ...props.filter, includeSignedUrls })
    if (result.path !== undefined) {
      props.onDone(
        `Exported ${result.count} link${result.count === 1 ? '' : 's'} to ${result.path}.${includeSignedUrls ? ' The file contains working links: keep it private.' : ''}`,
      )
    }
  })

  return (
    <section className="panel" aria-labelledby="history-export-title">
      <h2 id="history-export-title">Export as CSV</h2>
      <p className="hint">
        The links shown with the current search and filters, for a spreadsheet: label, URL, key, dates.
        Without working links unless you ask for them.
      </p>
      <label className="choice history-export-choice">
        <input
          type="checkbox"
          checked={includeSignedUrls}
          onChange={(event) => setIncludeSignedUrls(event.target.checked)}
        />
        Include working links (signed again now). Anyone who gets the file can open them until they expire.
      </label>
      <ErrorNotice error={exportCsv.error} />
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={exportCsv.busy}
          onClick={() => void exportCsv.run()}
        >
          {exportCsv.busy ? 'Exporting…' : 'Choose where to save…'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  )
}

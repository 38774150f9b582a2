// One key: its status and facts, where it is used (KeyUsagePanel: upload, replace, retire, stop its
// links), its public key (to copy into CloudFront), and what else can be done with it — rename, set
// the Key-Pair-Id, export the private key, delete. A key kept in AWS KMS says so: its export is
// refused with the reason, deleting it only forgets it here, and deleting it in KMS is its own
// step. One action form open at a time.
import { useEffect, useRef, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { useRead } from '../../lib/server-state.ts'
import { useNow } from '../../lib/use-now.ts'
import { LEGACY_KEY_HINT, keyTypeLabel } from '../../../../shared/contract/key-facts.ts'
import type { KeyStatusInfo } from '../../../../shared/contract/key-lifecycle.ts'
import type { KeyDeleted } from '../../../../shared/contract/keys.ts'
import { DeleteKeyConfirm } from './DeleteKeyConfirm.tsx'
import { ExportKeyForm } from './ExportKeyForm.tsx'
import { KeyPairIdForm } from './KeyPairIdForm.tsx'
import { KeyStatusChip } from './KeyStatusChip.tsx'
import { KeyUsagePanel, type LifecycleAction } from './KeyUsagePanel.tsx'
import { RenameKeyForm } from './RenameKeyForm.tsx'
import { ScheduleKmsDeletion } from './ScheduleKmsDeletion.tsx'
import { formatDate, uploadLabel } from './format.ts'

type Panel = 'rename' | 'keyPairId' | 'export' | 'delete' | 'kmsDeletion'

export function KeyDetail(props: {
  keyId: string
  status: KeyStatusInfo | undefined
  profile: string | undefined
  onProfileChange: (profile: string | undefined) => void
  onLifecycle: (action: LifecycleAction) => void
  onBack: () => void
  onDeleted: (result: KeyDeleted) => void
}) {
  const shown = useRead('keys.show', { ref: props.keyId })
  const now = useNow()
  const [panel, setPanel] = useState<Panel>()
  const [status, setStatus] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  const details = shown.data
  useEffect(() => {
    if (details) heading.current?.focus()
  }, [details?.id]) // eslint-disable-line react-hooks/exhaustive-deps -- focus once per key, not per refetch

  const changed = (message: string) => {
    setPanel(undefined)
    setStatus(message)
  }
  const copy = async () => {
    if (!details) return
    await navigator.clipboard.writeText(details.publicKeyPem)
    setStatus('Public key copied. Paste it into CloudFront: Public keys → Create public key.')
  }
  const open = (next: Panel) => {
    setStatus('')
    setPanel(panel === next ? undefined : next)
  }

  return (
    <div>
      <button type="button" className="button" onClick={props.onBack}>
        ← All keys
      </button>
      <ErrorNotice error={shown.error} />
      {details && (
        <article className="panel key-detail" aria-labelledby="key-detail-name">
          <header className="key-detail-header">
            <h2 id="key-detail-name" tabIndex={-1} ref={heading}>
              {details.name}
            </h2>
            <KeyStatusChip status={props.status} now={now} />
          </header>
          <dl className="facts">
            <dt>Type</dt>
            <dd>
              {keyTypeLabel(details)}
              {details.legacy && <span className="hint"> — {LEGACY_KEY_HINT}</span>}
            </dd>
            <dt>Kept in</dt>
            <dd>
              {details.kms ? (
                <>
                  AWS KMS (for teams) — <code>{details.kms.arn}</code>
                  {details.kms.profile && <span className="hint"> — profile {details.kms.profile}</span>}
                </>
              ) : (
                'Your system keychain, on this computer'
              )}
            </dd>
            <dt>Fingerprint (SHA-256)</dt>
            <dd>
              <code>{details.fingerprint}</code>
            </dd>
            <dt>Created</dt>
            <dd>{formatDate(details.createdAt)}</dd>
            <dt>Uploaded to CloudFront as</dt>
            <dd>
              {details.uploads.length === 0
                ? 'Not uploaded yet'
                : details.uploads.map((upload) => uploadLabel(upload)).join(', ')}
            </dd>
            <dt>Signs links as</dt>
            <dd>{details.keyPairId ?? 'Needs a Key-Pair-Id first'}</dd>
          </dl>
          <KeyUsagePanel
            details={details}
            status={props.status}
            profile={props.profile}
            onProfileChange={props.onProfileChange}
            onAction={props.onLifecycle}
          />
          <h3>Public key</h3>
          <pre className="key-pem" tabIndex={0} aria-label="Public key (PEM)">
            {details.publicKeyPem}
          </pre>
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => void copy()}>
              Copy public key
            </button>
            <button
              type="button"
              className="button"
              aria-expanded={panel === 'keyPairId'}
              onClick={() => open('keyPairId')}
            >
              Set Key-Pair-Id
            </button>
            <button
              type="button"
              className="button"
              aria-expanded={panel === 'rename'}
              onClick={() => open('rename')}
            >
              Rename
            </button>
            <button
              type="button"
              className="button"
              aria-expanded={panel === 'export'}
              onClick={() => open('export')}
            >
              Export private key…
            </button>
            {details.kms && (
              <button
                type="button"
                className="button danger"
                aria-expanded={panel === 'kmsDeletion'}
                onClick={() => open('kmsDeletion')}
              >
                Schedule deletion in KMS…
              </button>
            )}
            <button
              type="button"
              className="button danger"
              aria-expanded={panel === 'delete'}
              onClick={() => open('delete')}
            >
              {details.kms ? 'Remove from Keyfront…' : 'Delete…'}
            </button>
          </div>
          <p className="key-status" role="status">
            {status}
          </p>
          {panel === 'rename' && (
            <RenameKeyForm
              keyId={details.id}
              current={details.name}
              onDone={(key) => changed(`Renamed to “${key.name}”.`)}
              onCancel={() => setPanel(undefined)}
            />
          )}
          {panel === 'keyPairId' && (
            <KeyPairIdForm
              keyId={details.id}
              onDone={(key) => changed(`Links will be signed with Key-Pair-Id ${key.keyPairId ?? ''}.`)}
              onCancel={() => setPanel(undefined)}
            />
          )}
          {panel === 'export' && details.kms && (
            <div className="notice notice-warn" role="status">
              <p>
                This key cannot be exported: it is kept by AWS KMS and its private half never leaves it.
                Colleagues use it by adding it with “Add a KMS key” and its ARN,{' '}
                <code>{details.kms.arn}</code>.
              </p>
            </div>
          )}
          {panel === 'export' && !details.kms && (
            <ExportKeyForm
              keyId={details.id}
              onDone={(path) => changed(`Private key saved, encrypted, to ${path}.`)}
              onCancel={() => setPanel(undefined)}
            />
          )}
          {panel === 'kmsDeletion' && (
            <ScheduleKmsDeletion
              details={details}
              onScheduled={(result) =>
                changed(
                  `AWS KMS will delete this key on ${formatDate(result.deletionDate)}. To cancel before then: ${result.cancelCommand}`,
                )
              }
              onCancel={() => setPanel(undefined)}
            />
          )}
          {panel === 'delete' && (
            <DeleteKeyConfirm
              details={details}
              onDeleted={props.onDeleted}
              onCancel={() => setPanel(undefined)}
            />
          )}
        </article>
      )}
    </div>
  )
}

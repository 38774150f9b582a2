// The keys Keyfront holds, one row each: name (opens the key), where it is in its life (status),
// type, fingerprint, created, and the CloudFront public key ids it was uploaded as.
import { useNow } from '../../lib/use-now.ts'
import { keyTypeLabel } from '../../../../shared/contract/key-facts.ts'
import type { KeyStatusInfo } from '../../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import { formatDate, shortFingerprint, uploadLabel } from './format.ts'
import { KeyStatusChip } from './KeyStatusChip.tsx'

export function KeyList(props: {
  keys: KeySummary[]
  statuses: KeyStatusInfo[] | undefined
  onOpen: (id: string) => void
}) {
  const now = useNow()
  const statuses = new Map(props.statuses?.map((status) => [status.keyId, status]))
  return (
    <div className="panel">
      <table className="key-table">
        <caption className="visually-hidden">Signing keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Type</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Created</th>
            <th scope="col">Uploaded to CloudFront as</th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((key) => (
            <tr key={key.id}>
              <td className="key-name">
                <button type="button" className="link-button" onClick={() => props.onOpen(key.id)}>
                  {key.name}
                </button>
              </td>
              <td className="nowrap">
                <KeyStatusChip status={statuses.get(key.id)} now={now} />
              </td>
              <td className="nowrap">{keyTypeLabel(key)}</td>
              <td className="nowrap">
                <code title={key.fingerprint}>{shortFingerprint(key.fingerprint)}</code>
              </td>
              <td>{formatDate(key.createdAt)}</td>
              <td>
                {key.uploads.length === 0 ? (
                  // The status says it is not uploaded: no second chip saying the same.
                  <>
                    <span aria-hidden="true">—</span>
                    <span className="visually-hidden">Nowhere</span>
                  </>
                ) : (
                  key.uploads.map((upload) => (
                    <span key={upload.keyPairId} className="chip ok">
                      {uploadLabel(upload)}
                    </span>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

// The keys Keyfront holds, one row each: name (opens the key), type, fingerprint, created, and
// the CloudFront public key ids it was uploaded as.
import { KEY_TYPE_LABEL, type KeySummary } from '../../../../shared/contract/keys.ts'
import { formatDate, shortFingerprint, uploadLabel } from './format.ts'

export function KeyList(props: { keys: KeySummary[]; onOpen: (id: string) => void }) {
  return (
    <div className="panel">
      <table className="key-table">
        <caption className="visually-hidden">Signing keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Created</th>
            <th scope="col">Uploaded to CloudFront as</th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((key) => (
            <tr key={key.id}>
              <td>
                <button type="button" className="link-button" onClick={() => props.onOpen(key.id)}>
                  {key.name}
                </button>
              </td>
              <td className="nowrap">{KEY_TYPE_LABEL[key.type]}</td>
              <td className="nowrap">
                <code title={key.fingerprint}>{shortFingerprint(key.fingerprint)}</code>
              </td>
              <td>{formatDate(key.createdAt)}</td>
              <td>
                {key.uploads.length === 0 ? (
                  <span className="chip muted">Not uploaded</span>
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

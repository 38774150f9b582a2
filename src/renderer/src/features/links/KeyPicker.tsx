// Which key signs the link. Keys without a Key-Pair-Id are listed too, with what is missing and
// where to fix it: CloudFront cannot check a link whose key it was never given.
import { KEY_TYPE_LABEL, type KeySummary } from '../../../../shared/contract/keys.ts'
import { useNavigate } from '../../app/navigation.tsx'

/** The key a new link starts with: the first that can sign, else the first. */
export function defaultKey(keys: KeySummary[]): string {
  return (keys.find((key) => key.keyPairId) ?? keys[0])?.id ?? ''
}

export function KeyPicker(props: {
  id: string
  keys: KeySummary[]
  value: string
  onChange: (id: string) => void
}) {
  const navigate = useNavigate()
  const chosen = props.keys.find((key) => key.id === props.value)
  return (
    <div className="field">
      <label htmlFor={props.id}>Signing key</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.keys.map((key) => (
          <option key={key.id} value={key.id}>
            {key.name} — {KEY_TYPE_LABEL[key.type]}
            {key.keyPairId ? ` · ${key.keyPairId}` : ' · not uploaded yet'}
          </option>
        ))}
      </select>
      {chosen && !chosen.keyPairId && (
        <div className="notice notice-warn link-key-notice" role="status">
          <p>
            “{chosen.name}” has no Key-Pair-Id yet. CloudFront has not been given its public key, so it could
            not check links signed with it. Upload the key to CloudFront, or enter the ID CloudFront gave it.
          </p>
          <button type="button" className="button" onClick={() => navigate({ screen: 'keys' })}>
            Go to Keys
          </button>
        </div>
      )}
    </div>
  )
}

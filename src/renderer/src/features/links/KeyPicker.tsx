// Which key signs the link, when the site does not decide it (another address, or a site whose key
// this computer does not hold). Keys CloudFront was never given are listed too, with what is
// missing and where to fix it: CloudFront could not check a link signed with one. A legacy key
// pair is marked as one, with the line saying key groups replace them.
import { LEGACY_KEY_HINT } from '../../../../shared/contract/key-facts.ts'
import type { KeySummary } from '../../../../shared/contract/keys.ts'
import { useNavigate } from '../../app/navigation.tsx'
import { Field } from '../../components/Field.tsx'

/** The key a new link starts with: the first that can sign, else the first. */
export function defaultKey(keys: KeySummary[]): string {
  return (keys.find((key) => key.keyPairId) ?? keys[0])?.id ?? ''
}

export function KeyPicker(props: { keys: KeySummary[]; value: string; onChange: (id: string) => void }) {
  const chosen = props.keys.find((key) => key.id === props.value)
  return (
    <Field label="Signing key">
      {(control) => (
        <>
          <select {...control} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
            {props.keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
                {key.keyPairId ? '' : ' (not given to CloudFront yet)'}
                {key.legacy ? ' (legacy key pair)' : ''}
              </option>
            ))}
          </select>
          {chosen && !chosen.keyPairId && <NotGivenToCloudFront name={chosen.name} />}
          {chosen?.legacy && <p className="hint">{LEGACY_KEY_HINT}</p>}
        </>
      )}
    </Field>
  )
}

/** Says what a key CloudFront was never given lacks, and where to fix it. */
function NotGivenToCloudFront(props: { name: string }) {
  const navigate = useNavigate()
  return (
    <div className="notice notice-warn link-key-notice" role="status">
      <p>
        CloudFront has not been given “{props.name}” yet, so it could not check links made with it. Upload the
        key to CloudFront from Keys, or enter the ID CloudFront gave it there.
      </p>
      <button type="button" className="button" onClick={() => navigate({ screen: 'keys' })}>
        Go to Keys
      </button>
    </div>
  )
}

/** In place of the picker when the site decides the key: which key that is. */
export function SiteKeyNote(props: { name: string }) {
  return <p className="hint link-site-key">Made with “{props.name}”, the key this site was set up with.</p>
}

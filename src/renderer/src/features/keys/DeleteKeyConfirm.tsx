// Confirms deleting a key. If its public key was uploaded, says plainly that links signed with it
// keep working until that public key leaves its CloudFront key groups — which Retire does. A key
// kept in AWS KMS is only forgotten on this computer: it stays in KMS for everyone else.
import { ConfirmPanel } from '../../components/ConfirmPanel.tsx'
import { call, useAction } from '../../lib/server-state.ts'
import type { KeyDeleted, KeySummary } from '../../../../shared/contract/keys.ts'

export function DeleteKeyConfirm(props: {
  details: KeySummary
  onDeleted: (result: KeyDeleted) => void
  onCancel: () => void
}) {
  const { details } = props
  const remove = useAction(async () => props.onDeleted(await call('keys.delete', { ref: details.id })))
  const uploaded = details.uploads.map((upload) => upload.keyPairId)
  return (
    <ConfirmPanel
      questionId="delete-key-question"
      question={
        details.kms ? (
          <>
            <strong>Remove “{details.name}” from Keyfront?</strong> Only this computer forgets it: the key
            stays in AWS KMS, and you can add it again later with its ARN.
          </>
        ) : (
          <>
            <strong>Delete “{details.name}”?</strong> Its private key is removed from your system keychain.
            This cannot be undone — export it first if you may need it again.
          </>
        )
      }
      action={remove}
      confirmLabel={details.kms ? 'Remove from Keyfront' : 'Delete key'}
      onCancel={props.onCancel}
    >
      {uploaded.length > 0 && (
        <div className="notice notice-warn">
          <p>
            This key was uploaded to CloudFront as {uploaded.join(', ')}. Links signed with it keep working
            while CloudFront has it. To take it out of CloudFront, keep the key and choose Retire… (or Stop
            all links signed with this key…) instead; deleting it here leaves CloudFront as it is.
          </p>
        </div>
      )}
    </ConfirmPanel>
  )
}

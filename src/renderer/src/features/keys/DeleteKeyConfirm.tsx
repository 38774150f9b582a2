// Confirms deleting a key. If its public key was uploaded, says plainly that links signed with it
// keep working until that public key is removed from its CloudFront key groups.
import { ConfirmPanel } from '../../components/ConfirmPanel.tsx'
import { call } from '../../lib/bridge.ts'
import type { KeyDeleted, KeySummary } from '../../../../shared/contract/keys.ts'
import { useAction } from '../../lib/use-action.ts'

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
        <>
          <strong>Delete “{details.name}”?</strong> Its private key is removed from your system keychain. This
          cannot be undone — export it first if you may need it again.
        </>
      }
      action={remove}
      confirmLabel="Delete key"
      onCancel={props.onCancel}
    >
      {uploaded.length > 0 && (
        <div className="notice notice-warn">
          <p>
            This key was uploaded to CloudFront as {uploaded.join(', ')}. Links signed with it keep working
            until you remove that public key from its key groups in CloudFront.
          </p>
        </div>
      )}
    </ConfirmPanel>
  )
}

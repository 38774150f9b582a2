// Confirms removing an access key saved in Keyfront: its secret leaves the system keychain and
// Keyfront forgets it. The key itself stays valid in AWS until it is deactivated there (IAM).
import { ConfirmPanel } from '../../components/ConfirmPanel.tsx'
import { call, useAction } from '../../lib/server-state.ts'

export function RemoveAccessKeyConfirm(props: { name: string; onRemoved: () => void; onCancel: () => void }) {
  const remove = useAction(async () => {
    await call('aws.removeAccessKey', { name: props.name })
    props.onRemoved()
  })
  return (
    <ConfirmPanel
      questionId="remove-access-key-question"
      question={
        <>
          <strong>Remove the access key “{props.name}” from Keyfront?</strong> Its secret is deleted from your
          system keychain, and Keyfront can no longer act in AWS with it.
        </>
      }
      action={remove}
      confirmLabel="Remove access key"
      onCancel={props.onCancel}
    >
      <p className="hint">
        The access key still works in AWS until you deactivate or delete it there (IAM → Users → Security
        credentials).
      </p>
    </ConfirmPanel>
  )
}

// "Schedule deletion in KMS…": asks AWS KMS itself to delete a team key after a waiting period, with
// explicit consent — once KMS deletes it, nobody can make links with it again. Says how to cancel.
import { useState } from 'react'
import { ConfirmPanel } from '../../components/ConfirmPanel.tsx'
import { Field } from '../../components/Field.tsx'
import { call, useAction } from '../../lib/server-state.ts'
import type { KmsDeletionScheduled, KeySummary } from '../../../../shared/contract/keys.ts'

export function ScheduleKmsDeletion(props: {
  details: KeySummary
  onScheduled: (result: KmsDeletionScheduled) => void
  onCancel: () => void
}) {
  const [days, setDays] = useState('30')
  const schedule = useAction(async () =>
    props.onScheduled(await call('keys.scheduleKmsDeletion', { ref: props.details.id, days: Number(days) })),
  )
  return (
    <ConfirmPanel
      questionId="kms-deletion-question"
      question={
        <>
          <strong>Delete “{props.details.name}” in AWS KMS?</strong> After the waiting period AWS deletes the
          key for everyone who uses it: no new links can be made with it, ever. Until then the deletion can be
          cancelled, and the key cannot sign.
        </>
      }
      action={schedule}
      confirmLabel="Schedule deletion in KMS"
      onCancel={props.onCancel}
    >
      <Field label="Days AWS waits before deleting it" hint="From 7 to 30 days.">
        {(control) => (
          <input
            {...control}
            type="number"
            min={7}
            max={30}
            step={1}
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        )}
      </Field>
    </ConfirmPanel>
  )
}

// The account's key groups, opened on request: their keys (marking the ones Keyfront holds), the
// distributions that trust them, and taking a key out of a group (rotation's last step).
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import type { KeyGroupInfo } from '../../../../shared/contract/cloudfront.ts'

export function KeyGroupsPanel(props: { profile: string | undefined }) {
  const [open, setOpen] = useState(false)
  return (
    <details className="panel dist-groups" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Key groups in this account</summary>
      {open && <KeyGroupList profile={props.profile} />}
    </details>
  )
}

function KeyGroupList(props: { profile: string | undefined }) {
  const groups = useRead('cloudfront.keyGroups', { profile: props.profile })
  if (groups.isPending) return <p className="hint">Loading key groups…</p>
  if (groups.isError) return <ErrorNotice error={groups.error} />
  if (!groups.data.length) return <p>No key groups yet. Restricting a distribution creates one.</p>
  return (
    <ul className="dist-group-list">
      {groups.data.map((group) => (
        <KeyGroupItem key={group.id} group={group} profile={props.profile} />
      ))}
    </ul>
  )
}

function KeyGroupItem(props: { group: KeyGroupInfo; profile: string | undefined }) {
  const { group } = props
  const [confirming, setConfirming] = useState<string>()
  const remove = useAction(async (publicKeyId: string) => {
    await call('cloudfront.removeKeyFromGroup', { profile: props.profile, keyGroupId: group.id, publicKeyId })
    setConfirming(undefined)
  })
  const users = group.distributions.map((d) => d.domainName ?? d.id).join(', ')
  return (
    <li>
      <h3 className="mono">{group.name}</h3>
      <p className="hint">
        {group.keys.length} of 5 keys · {users ? `trusted by ${users}` : 'no distribution trusts it'}
      </p>
      <ul>
        {group.keys.map((key) => (
          <li key={key.id} className="dist-group-key">
            <span className="mono">{key.id}</span> {key.name}
            {key.heldKey && <span className="chip ok">Keyfront key “{key.heldKey.name}”</span>}
            {group.keys.length > 1 &&
              (confirming === key.id ? (
                <span className="dist-confirm">
                  Links signed with this key stop working wherever this group is trusted.
                  <button
                    type="button"
                    className="button danger"
                    disabled={remove.busy}
                    onClick={() => void remove.run(key.id)}
                  >
                    Remove it
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${key.name ?? key.id} from ${group.name}`}
                  onClick={() => setConfirming(key.id)}
                >
                  Remove from group
                </button>
              ))}
          </li>
        ))}
      </ul>
      <ErrorNotice error={remove.error} />
    </li>
  )
}

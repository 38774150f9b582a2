// A plan to replace a key, as the user reviews it: each thing Keyfront will do, in order — the new
// key, its upload, how it gets into every key group holding the old key (with the choice to make
// when a group is at CloudFront's 5-key limit), the sites here that switch, the old key marked
// retiring — then what the core wants said, and why it cannot go ahead yet, if it cannot.
import { FieldGroup } from '../../components/Field.tsx'
import { KEY_TYPE_LABEL } from '../../../../shared/contract/key-facts.ts'
import type { RotateGroupPlan, RotatePlan } from '../../../../shared/contract/key-lifecycle.ts'
import { blockerText, pathLabel } from './lifecycle-words.ts'

/** How the new key gets into a full key group: a key id to take out, or 'new-group'. */
export type FullGroupChoices = Record<string, string>

/** Reasons the first step answers with its own controls (the choice, the name field), not words. */
const ANSWERED_BY_CONTROLS = new Set(['CF_TOO_MANY_KEYS_IN_GROUP', 'KEY_NAME_TAKEN'])

export function RotatePlanView(props: {
  plan: RotatePlan
  /** Given on the first step: full key groups offer their choice. */
  choices?: { value: FullGroupChoices; onChange: (value: FullGroupChoices) => void }
  /** The name typed for the new key, before the plan is read with it. */
  newName?: string
}) {
  const { plan, choices } = props
  const oldName = plan.oldKey.name
  const newName = props.newName || plan.newKey.name
  const blocked = plan.blocked.filter((b) => !choices || !ANSWERED_BY_CONTROLS.has(b.code))
  return (
    <>
      <ol className="dist-plan-steps key-plan-steps">
        <li>
          {plan.newKey.action === 'create'
            ? `Make a new key “${newName}” (${KEY_TYPE_LABEL[plan.newKey.type]}); ${
                plan.newKey.kmsRegion
                  ? `it is kept in AWS KMS, ${plan.newKey.kmsRegion}, like “${oldName}”.`
                  : 'its private key goes to your system keychain.'
              }`
            : `Use “${newName}”, which an earlier run already made to replace “${oldName}”.`}
        </li>
        <li>
          {plan.upload.action === 'upload'
            ? `Upload its public key to CloudFront (account ${plan.accountId}).`
            : `Its public key is already in CloudFront as ${plan.upload.id ?? ''}.`}
        </li>
        {plan.keyGroups.length === 0 && (
          <li>No key group holds “{oldName}”: no distribution needs to learn the new key.</li>
        )}
        {plan.keyGroups.map((group) => (
          <li key={group.id}>
            <GroupStep group={group} newName={newName} />
            {choices && (group.action === 'full' || choices.value[group.id] !== undefined) && (
              <FullGroupChoice
                group={group}
                value={choices.value[group.id]}
                onChange={(choice) => choices.onChange({ ...choices.value, [group.id]: choice })}
              />
            )}
          </li>
        ))}
        {plan.sites.map((site) => (
          <li key={site.distributionId}>
            Switch the site <span className="mono">{site.domainName}</span> on this computer to “{newName}”:
            New link signs with it from then on.
          </li>
        ))}
        {plan.markRetiring && (
          <li>
            Mark “{oldName}” as retiring. It stays in its key groups, so every link signed with it keeps
            working until it expires.
          </li>
        )}
      </ol>
      {plan.warnings.length > 0 && (
        <div className="notice notice-ok key-plan-notes" role="note" aria-label="Good to know">
          {plan.warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </div>
      )}
      {blocked.length > 0 && (
        <div className="notice notice-error key-plan-notes" role="note" aria-label="Cannot replace yet">
          {blocked.map((b) => (
            <p key={b.message}>{blockerText(b)}</p>
          ))}
        </div>
      )}
    </>
  )
}

function GroupStep(props: { group: RotateGroupPlan; newName: string }) {
  const { group } = props
  const name = <span className="mono">{group.name}</span>
  const trusted = group.distributions.map((d) => (
    <span key={d.id} className="key-usage-paths">
      Trusted by <span className="mono">{d.domainName}</span> for {d.behaviors.map(pathLabel).join(', ')}
    </span>
  ))
  const removed = group.keys.find((k) => k.id === group.remove)
  switch (group.action) {
    case 'add-key':
      return (
        <>
          Add “{props.newName}” to the key group {name} ({group.keys.length + 1} of 5 keys).
          {trusted}
        </>
      )
    case 'swap':
      return (
        <>
          In the key group {name}, take out {removed ? keyLabel(removed) : group.remove} and add “
          {props.newName}”, in one change.
          {trusted}
        </>
      )
    case 'new-group':
      return (
        <>
          The key group {name} is full: put “{props.newName}” in a new key group{' '}
          <span className="mono">{group.newGroupName}</span>, trusted by the same paths.
          {trusted}
        </>
      )
    case 'none':
      return (
        <>
          The key group {group.newGroupName ? <span className="mono">{group.newGroupName}</span> : name}{' '}
          already holds “{props.newName}”.
          {trusted}
        </>
      )
    case 'full':
      return (
        <>
          The key group {name} already holds 5 keys, CloudFront’s limit.
          {trusted}
        </>
      )
  }
}

function keyLabel(key: RotateGroupPlan['keys'][number]): string {
  const name = key.heldKey?.name ?? key.name
  return name ? `“${name}” (${key.id})` : key.id
}

/** For a key group at 5 keys: take out a key nothing needs, or give the new key a group of its own. */
function FullGroupChoice(props: {
  group: RotateGroupPlan
  value: string | undefined
  onChange: (value: string) => void
}) {
  const { group } = props
  const removable = group.keys.filter((key) => group.removable.includes(key.id))
  return (
    <FieldGroup
      className="key-full-group"
      legend={`How should the new key get into ${group.name}?`}
      hint={
        removable.length > 0
          ? 'Only keys that no site on this computer uses and no working link needs can be taken out.'
          : 'None of its keys can be taken out safely: a site here uses them, links still need them, or Keyfront does not hold them.'
      }
    >
      {removable.map((key) => (
        <label key={key.id} className="choice">
          <input
            type="radio"
            name={`full-${group.id}`}
            checked={props.value === key.id}
            onChange={() => props.onChange(key.id)}
          />
          Take out {keyLabel(key)}
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name={`full-${group.id}`}
          checked={props.value === 'new-group'}
          onChange={() => props.onChange('new-group')}
        />
        Put the new key in a new key group, trusted by the same paths
      </label>
    </FieldGroup>
  )
}

// The end of "Replace a key": what was done, that no link stops working, and until when the old
// key is needed — then on to the new key, or back to the list.
import { useNow } from '../../lib/use-now.ts'
import { friendlyWhenFromNow } from '../../lib/when.ts'
import type { RotateResult } from '../../../../shared/contract/key-lifecycle.ts'
import { links } from './lifecycle-words.ts'

export function ReplaceResult(props: {
  result: RotateResult
  onOpenKey: (keyId: string) => void
  onList: () => void
}) {
  const { result } = props
  const now = useNow()
  const oldName = result.oldKey.name
  const newName = result.newKey.name
  const done: string[] = []
  if (result.keyCreated) {
    done.push(
      result.newKey.kmsRegion
        ? `Made “${newName}” in AWS KMS (${result.newKey.kmsRegion}); its private key stays there.`
        : `Made “${newName}”; its private key is in your system keychain.`,
    )
  }
  done.push(
    result.uploaded
      ? `Uploaded it to CloudFront as ${result.newKey.keyPairId}.`
      : `CloudFront already had it, as ${result.newKey.keyPairId}.`,
  )
  if (result.groupsChanged.length > 0) {
    done.push(`Added it to ${groups(result.groupsChanged)}.`)
  }
  if (result.groupsCreated.length > 0) done.push(`Made ${groups(result.groupsCreated)} for it.`)
  if (result.distributionsChanged.length > 0) {
    done.push(
      `CloudFront is deploying the change to ${result.distributionsChanged.join(', ')} (usually a few minutes; Distributions shows it). Links of “${newName}” work there once it is deployed.`,
    )
  }
  if (result.sitesSwitched.length > 0) {
    done.push(`New link now signs with “${newName}” on ${sites(result.sitesSwitched.length)}.`)
  }
  if (!result.changed) done.push('Nothing else needed doing: an earlier run had done it.')
  const live = result.liveLinks
  return (
    <>
      <ul className="key-result-list">
        {done.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="notice notice-ok" role="status">
        <p>
          No link stops working. “{oldName}” is now retiring: it stays in its key groups
          {live.count > 0 && live.lastExpiresAt !== undefined
            ? `, because ${links(live.count)} signed with it still work, the last until ${friendlyWhenFromNow(live.lastExpiresAt, now)}. Keyfront tells you when it can be retired.`
            : '. No link signed with it still works, so you can retire it now.'}
        </p>
      </div>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={() => props.onOpenKey(result.newKey.id)}>
          Open “{newName}”
        </button>
        <button type="button" className="button" onClick={() => props.onOpenKey(result.oldKey.id)}>
          Open “{oldName}”
        </button>
        <button type="button" className="button" onClick={props.onList}>
          Back to keys
        </button>
      </div>
    </>
  )
}

/** "the key group a" or "the key groups a, b". */
function groups(names: string[]): string {
  return `the key group${names.length === 1 ? '' : 's'} ${names.join(', ')}`
}

function sites(count: number): string {
  return count === 1
    ? 'the site on this computer that used the old key'
    : `the ${count} sites on this computer that used the old key`
}

// Key groups: finding one by name, creating it, and adding or removing a public key. CloudFront
// replaces a group's whole config on UpdateKeyGroup, so every change is read (with its ETag) →
// changed → written with If-Match, and re-read once if someone saved in between.
import type { KeyGroup } from '@aws-sdk/client-cloudfront'
import { KeyfrontError } from '../../shared/errors.ts'
import { retryOnceIfStale, type CloudFrontApi } from './api.ts'

/** CloudFront's quota: public keys in one key group. */
export const MAX_KEYS_PER_GROUP = 5

export function groupName(group: KeyGroup): string {
  return group.KeyGroupConfig?.Name ?? ''
}

export function groupKeyIds(group: KeyGroup): string[] {
  return group.KeyGroupConfig?.Items ?? []
}

export function findGroupByName(groups: KeyGroup[], name: string): KeyGroup | undefined {
  return groups.find((group) => groupName(group) === name)
}

export function fullGroupError(name: string): KeyfrontError {
  return new KeyfrontError(
    'CF_TOO_MANY_KEYS_IN_GROUP',
    `The key group "${name}" already has ${MAX_KEYS_PER_GROUP} keys — CloudFront's limit. Remove one or use another group.`,
  )
}

export interface EnsuredGroup {
  id: string
  name: string
  created: boolean
  keyAdded: boolean
}

/** Makes sure a group of this name exists and holds the key: creates it, or adds the key to it. */
export async function ensureKeyInGroup(
  api: CloudFrontApi,
  name: string,
  publicKeyId: string,
): Promise<EnsuredGroup> {
  let group = findGroupByName(await api.listKeyGroups(), name)
  if (!group) {
    try {
      const created = await api.createKeyGroup({
        Name: name,
        Items: [publicKeyId],
        Comment: 'Managed by Keyfront',
      })
      return { id: created.Id ?? '', name, created: true, keyAdded: true }
    } catch (error) {
      // Created by a retried request whose answer was lost: carry on with that group.
      if (!(error instanceof KeyfrontError && error.code === 'CF_KEY_GROUP_EXISTS')) throw error
      group = findGroupByName(await api.listKeyGroups(), name)
      if (!group) throw error
    }
  }
  const keyAdded = await addKeyToGroup(api, group.Id ?? '', publicKeyId)
  return { id: group.Id ?? '', name, created: false, keyAdded }
}

/** Adds the key unless the group already holds it; true when it was added. */
export function addKeyToGroup(api: CloudFrontApi, groupId: string, publicKeyId: string): Promise<boolean> {
  return editGroupKeys(api, groupId, { add: publicKeyId })
}

/** Removes the key from the group; false when it was not in it. A group keeps at least one key. */
export function removeKeyFromGroup(
  api: CloudFrontApi,
  groupId: string,
  publicKeyId: string,
): Promise<boolean> {
  return editGroupKeys(api, groupId, { remove: [publicKeyId] })
}

/**
 * Adds one key and/or removes some in a single UpdateKeyGroup (read with its ETag, written with
 * If-Match, re-read once if stale), so a swap is one edit. Keys not named stay as they are. True
 * when the group was changed; false when it already was as asked.
 */
export async function editGroupKeys(
  api: CloudFrontApi,
  groupId: string,
  change: { add?: string; remove?: string[] },
): Promise<boolean> {
  return retryOnceIfStale(async () => {
    const { value: group, etag } = await api.getKeyGroup(groupId)
    const items = groupKeyIds(group)
    const kept = items.filter((id) => !change.remove?.includes(id))
    const next = change.add !== undefined && !kept.includes(change.add) ? [...kept, change.add] : kept
    if (next.length === items.length && next.every((id) => items.includes(id))) return false
    if (next.length > MAX_KEYS_PER_GROUP) throw fullGroupError(groupName(group))
    if (next.length === 0) {
      throw new KeyfrontError(
        'CF_LAST_KEY_IN_GROUP',
        `This is the only key in "${groupName(group)}", and a key group needs at least one. Add the new key first, or stop trusting the group (detach it) instead.`,
      )
    }
    await api.updateKeyGroup(groupId, { ...group.KeyGroupConfig, Name: groupName(group), Items: next }, etag)
    return true
  })
}

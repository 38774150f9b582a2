// The renderer's server state, kept by TanStack Query: what screens read from the core (keys,
// history, distributions…) is cached under `[channel, request]`, so screens asking for the same thing
// share one request and one answer; and every write through `call` marks the reads it changes as
// stale (STALE_AFTER), so whatever shows them fetches them again. Screens read with `useRead` (or
// `useReadPages` for keyset-paged lists) and run user actions with `useAction`.
import {
  QueryClient,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useCallback, type FormEvent } from 'react'
import type { Channel, RequestOf, ResponseOf } from '../../../shared/contract/index.ts'
import { invoke } from './bridge.ts'

/**
 * What a new, renewed or deleted link changes: the list, its filters, the "expiring soon" count, and
 * the keys' status (how many of their links still work).
 */
export const HISTORY_READS = [
  'history.list',
  'history.info',
  'history.paths',
  'history.latestExpiryPerKey',
  'history.expiringCount',
  'keys.statuses',
] as const satisfies readonly Channel[]

/** What a change to a key's life in CloudFront (upload, replace, retire) changes. */
const KEY_LIFE_READS = [
  'keys.list',
  'keys.show',
  'keys.statuses',
  'keys.usage',
  'cloudfront.publicKeys',
  'cloudfront.keyGroups',
  'cloudfront.sites',
] as const satisfies readonly Channel[]

/** For each write, the reads whose answers it can change. */
export const STALE_AFTER: Partial<Record<Channel, readonly Channel[]>> = {
  'keys.create': ['keys.list', 'keys.statuses'],
  'keys.import': ['keys.list', 'keys.statuses'],
  'keys.rename': [
    'keys.list',
    'keys.show',
    'keys.statuses',
    'keys.usage',
    'history.list',
    'history.latestExpiryPerKey',
  ],
  'keys.setKeyPairId': ['keys.list', 'keys.show', 'keys.statuses', 'keys.usage'],
  'keys.delete': ['keys.list', 'keys.statuses', 'history.list', 'history.latestExpiryPerKey'],
  'keys.markReminded': ['keys.statuses'],
  'keys.rotate': [...KEY_LIFE_READS, 'cloudfront.distributions', 'cloudfront.deploying'],
  'keys.retire': [...KEY_LIFE_READS, 'history.list', 'history.latestExpiryPerKey'],
  'links.sign': HISTORY_READS,
  'links.signBatch': HISTORY_READS,
  'history.delete': HISTORY_READS,
  'history.renew': HISTORY_READS,
  'settings.update': ['settings.get'],
  'aws.addAccessKey': ['aws.profiles'],
  'aws.removeAccessKey': ['aws.profiles'],
  'cloudfront.upload': KEY_LIFE_READS,
  'cloudfront.removeKeyFromGroup': ['cloudfront.keyGroups', 'cloudfront.publicKeys', 'keys.usage'],
  'cloudfront.onboard': [
    'keys.list',
    'keys.show',
    'keys.statuses',
    'keys.usage',
    'cloudfront.publicKeys',
    'cloudfront.keyGroups',
    'cloudfront.distributions',
    'cloudfront.deploying',
    'cloudfront.sites',
  ],
  'cloudfront.detach': [
    'keys.usage',
    'cloudfront.keyGroups',
    'cloudfront.distributions',
    'cloudfront.deploying',
    'cloudfront.sites',
  ],
  // Waiting ends when a change is deployed: the distribution's status moves on. (Not the list of
  // deployments: the panel that followed one says it is done, in place, until the screen is left.)
  'cloudfront.waitDeployed': ['cloudfront.distributions'],
  'cloudfront.forgetSite': ['cloudfront.sites'],
  'cloudfront.renameSite': ['cloudfront.sites'],
  // A site added by hand may record its key's Key-Pair-Id; an imported setup adds a key and a site.
  'cloudfront.addSite': ['cloudfront.sites', 'keys.list', 'keys.show', 'keys.statuses', 'keys.usage'],
  'setup.import': ['cloudfront.sites', 'keys.list', 'keys.show', 'keys.statuses', 'keys.usage'],
  'cloudfront.setUploadFolder': ['cloudfront.sites'],
  // The new distribution's key is uploaded (recorded on the key), its site remembered.
  'origin.apply': [...KEY_LIFE_READS, 'cloudfront.distributions', 'cloudfront.deploying'],
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // The core runs on this computer: reads and writes go ahead when the network is down (by default
    // the library would wait for the browser to be online). Its errors are answers (no keychain,
    // access denied…) that say what to do: shown at once, not retried. A read is fetched again
    // whenever a screen that shows it opens, and when the window comes back into focus.
    queries: { networkMode: 'always', retry: false },
    mutations: { networkMode: 'always' },
  },
})

/**
 * Calls the core. After a write, what it changed is marked stale, and the reads on screen are fetched
 * again before the call returns: whatever the caller shows next already reflects the write.
 */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const value = await invoke(channel, request)
  await refresh(STALE_AFTER[channel] ?? [])
  return value
}

/** Marks reads stale — after a write here, or a change main reports — and fetches those on screen again. */
export async function refresh(reads: readonly Channel[]): Promise<void> {
  await Promise.all(reads.map((read) => queryClient.invalidateQueries({ queryKey: [read] })))
}

/** What a read gives a component: `data`, `error`, `isPending` (no answer yet), `refetch()`… */
export type Read<T> = UseQueryResult<T>

/** A read of the core, cached and shared by every component that asks for the same request. */
export function useRead<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
  /**
   * `refetchInterval`: read again this often (ms) while shown — for answers that change with time.
   * `keepPrevious`: while a changed request is read, keep the last answer on screen (a plan read
   * again after a choice), rather than nothing.
   */
  options: { enabled?: boolean; gcTime?: number; refetchInterval?: number; keepPrevious?: boolean } = {},
): Read<ResponseOf<C>> {
  const { keepPrevious, ...rest } = options
  return useQuery({
    queryKey: [channel, request],
    queryFn: () => invoke(channel, request),
    ...rest,
    ...(keepPrevious && { placeholderData: keepPreviousData }),
  })
}

/** Channels that answer a page at a time: the request takes a cursor, the answer names the next one. */
type PagedChannel = {
  [C in Channel]: RequestOf<C> extends { cursor?: string }
    ? ResponseOf<C> extends { nextCursor?: string }
      ? C
      : never
    : never
}[Channel]

/**
 * A keyset-paged read: the first page, then the next whenever `fetchNextPage()` asks for it. Its
 * cache is shared with every other paged read of the same request (never mix it with useRead's).
 */
export function useReadPages<C extends PagedChannel>(
  channel: C,
  request: RequestOf<C>,
  options: { enabled?: boolean } = {},
): UseInfiniteQueryResult<InfiniteData<ResponseOf<C>, string | undefined>> {
  return useInfiniteQuery({
    ...options,
    queryKey: [channel, request],
    queryFn: ({ pageParam }) =>
      invoke(channel, { ...request, ...(pageParam !== undefined && { cursor: pageParam }) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (answer: ResponseOf<C>) => answer.nextCursor,
  })
}

/** One user action (create, import, apply…): whether it is running, and the error it ended with. */
export interface Action<A extends unknown[]> {
  /** Runs the action; never rejects — a failure is kept in `error`. */
  run: (...args: A) => Promise<void>
  busy: boolean
  error: unknown
  clearError: () => void
}

export function useAction<A extends unknown[]>(work: (...args: A) => Promise<void>): Action<A> {
  const mutation = useMutation({ mutationFn: (args: A) => work(...args) })
  const { mutateAsync, reset } = mutation
  const run = useCallback((...args: A) => mutateAsync(args).catch(() => undefined), [mutateAsync])
  return { run, busy: mutation.isPending, error: mutation.error ?? undefined, clearError: reset }
}

/** A form's onSubmit: runs the action in place of the browser's own submission. */
export function submitTo(run: () => Promise<void>): (event: FormEvent) => void {
  return (event) => {
    event.preventDefault()
    void run()
  }
}

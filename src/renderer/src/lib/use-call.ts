// Loads data from the bridge for a screen: the value, the error, whether it is loading, reload().
// A call is identified by its channel, the caller's deps and a reload counter; `loading` is
// derived (the last settled call is not the current one) rather than kept in state.
import { useCallback, useEffect, useState } from 'react'
import type { Channel, RequestOf, ResponseOf } from '../../../shared/contract/index.ts'
import { call } from './bridge.ts'

export interface CallState<T> {
  value: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
}

export function useCall<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
  deps: unknown[] = [],
): CallState<ResponseOf<C>> {
  const [generation, setGeneration] = useState(0)
  const key = JSON.stringify([channel, generation, deps])
  const [settled, setSettled] = useState<{ key: string; value: ResponseOf<C> | undefined; error: unknown }>()
  useEffect(() => {
    let live = true
    call(channel, request).then(
      (value) => live && setSettled({ key, value, error: undefined }),
      (error: unknown) => live && setSettled({ key, value: undefined, error }),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures channel and the caller's deps
  }, [key])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return { value: settled?.value, error: settled?.error, loading: settled?.key !== key, reload }
}

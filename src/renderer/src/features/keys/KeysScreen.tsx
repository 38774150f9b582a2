// Keys: the signing keys Keyfront holds. Lists them, makes or imports one, and opens one to copy
// its public key, export, rename, set its Key-Pair-Id or delete it. The welcome opens it straight
// into the import form (`initialView`).
import { useState } from 'react'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useCall } from '../../lib/use-call.ts'
import type { KeyDeleted, KeySummary } from '../../../../shared/contract/keys.ts'
import { ImportKeyForm } from './ImportKeyForm.tsx'
import { KeyDetail } from './KeyDetail.tsx'
import { KeyList } from './KeyList.tsx'
import { NewKeyForm } from './NewKeyForm.tsx'

type View = { show: 'list' } | { show: 'new' } | { show: 'import' } | { show: 'key'; id: string }

export function KeysScreen(props: { initialView?: 'import' }) {
  const keys = useCall('keys.list', undefined)
  const [view, setView] = useState<View>({ show: props.initialView ?? 'list' })
  const [notice, setNotice] = useState<{ text: string; warn?: boolean }>()

  const added = (key: KeySummary, verb: string) => {
    keys.reload()
    setNotice({ text: `${verb} “${key.name}”. Its private key is in your system keychain.` })
    setView({ show: 'key', id: key.id })
  }
  const deleted = (result: KeyDeleted) => {
    keys.reload()
    setNotice(
      result.wasUploaded
        ? {
            warn: true,
            text: `Deleted “${result.name}”. Its public key is still in CloudFront (${result.keyPairIds.join(', ')}): links signed with it keep working until you remove it from its key groups.`,
          }
        : { text: `Deleted “${result.name}”.` },
    )
    setView({ show: 'list' })
  }
  const go = (next: View) => {
    setNotice(undefined)
    setView(next)
  }
  const newButton = (
    <button type="button" className="button primary" onClick={() => go({ show: 'new' })}>
      New key
    </button>
  )
  const importButton = (
    <button type="button" className="button" onClick={() => go({ show: 'import' })}>
      Import a key
    </button>
  )
  const list = keys.value ?? []

  return (
    <Screen
      title="Keys"
      description="Private keys stay in your system keychain; Keyfront keeps only their names and public halves."
      actions={
        view.show === 'list' && list.length > 0 ? (
          <>
            {newButton}
            {importButton}
          </>
        ) : undefined
      }
    >
      {notice && (
        <div className={`notice ${notice.warn ? 'notice-warn' : 'notice-ok'}`} role="status">
          <p>{notice.text}</p>
        </div>
      )}
      <ErrorNotice error={keys.error} />
      {view.show === 'new' && (
        <NewKeyForm onCreated={(key) => added(key, 'Created')} onCancel={() => go({ show: 'list' })} />
      )}
      {view.show === 'import' && (
        <ImportKeyForm onImported={(key) => added(key, 'Imported')} onCancel={() => go({ show: 'list' })} />
      )}
      {view.show === 'key' && (
        <KeyDetail
          keyId={view.id}
          onBack={() => go({ show: 'list' })}
          onChanged={keys.reload}
          onDeleted={deleted}
        />
      )}
      {view.show === 'list' && keys.value && list.length === 0 && (
        <EmptyState
          title="No signing keys yet"
          action={
            <div className="form-actions centered">
              {newButton}
              {importButton}
            </div>
          }
        >
          <p>A signing key lets Keyfront make links to your private files that stop working when you say.</p>
          <p>CloudFront checks each link against the public half of the key, which you upload once.</p>
        </EmptyState>
      )}
      {view.show === 'list' && list.length > 0 && (
        <KeyList keys={list} onOpen={(id) => go({ show: 'key', id })} />
      )}
    </Screen>
  )
}

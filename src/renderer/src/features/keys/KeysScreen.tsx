// Keys: the signing keys Keyfront holds, each with its status. Lists them, makes or imports one,
// and opens one to see where it is used, upload, replace, retire it or stop its links, copy its
// public key, export, rename, set its Key-Pair-Id or delete it. The welcome opens it straight into
// the import form (`initialView`). The AWS profile chosen for one key's life stays for the next.
import { useState } from 'react'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useRead } from '../../lib/server-state.ts'
import { siteName } from '../../../../shared/site-link.ts'
import { ImportSetupForm, importedText } from '../setup/ImportSetupForm.tsx'
import type { KeyDeleted, KeySummary, KmsKeyAdded } from '../../../../shared/contract/keys.ts'
import { AddKmsKeyForm } from './AddKmsKeyForm.tsx'
import { ImportKeyForm } from './ImportKeyForm.tsx'
import { KeyDetail } from './KeyDetail.tsx'
import { KeyList } from './KeyList.tsx'
import { NewKeyForm } from './NewKeyForm.tsx'
import { ReplaceKeyWizard } from './ReplaceKeyWizard.tsx'
import { RetireKeyFlow } from './RetireKeyFlow.tsx'
import { RetireReminders } from './RetireReminder.tsx'
import './keys.css'

type View =
  | { show: 'list' }
  | { show: 'new' }
  | { show: 'import' }
  | { show: 'import-setup' }
  | { show: 'addKms' }
  | { show: 'key'; id: string }
  | { show: 'replace'; id: string }
  | { show: 'retire'; id: string; stop: boolean }

export function KeysScreen(props: { initialView?: 'import' | 'import-setup' }) {
  const keys = useRead('keys.list', undefined)
  const statuses = useRead('keys.statuses', undefined)
  const sites = useRead('cloudfront.sites', undefined)
  const [view, setView] = useState<View>({ show: props.initialView ?? 'list' })
  const [notice, setNotice] = useState<{ text: string; warn?: boolean }>()
  // Until the user picks one: the profile the key's site here was onboarded with, else the default.
  const [chosenProfile, setChosenProfile] = useState<{ profile: string | undefined }>()
  const profileFor = (keyId: string) =>
    chosenProfile
      ? chosenProfile.profile
      : sites.data?.find((site) => site.keyId === keyId && site.profile !== undefined)?.profile

  const added = (key: KeySummary, verb: string, warnings: string[] = []) => {
    const kept =
      key.custody === 'kms'
        ? 'Its private key stays in AWS KMS; this computer keeps only where it is.'
        : 'Its private key is in your system keychain.'
    setNotice({ text: [`${verb} “${key.name}”. ${kept}`, ...warnings].join(' '), warn: warnings.length > 0 })
    setView({ show: 'key', id: key.id })
  }
  const addedKms = (result: KmsKeyAdded, verb: string) => added(result.key, verb, result.warnings)
  const deleted = (result: KeyDeleted) => {
    const done = result.kms
      ? `Removed “${result.name}” from Keyfront. The key is still in AWS KMS (${result.kms.region}); add it again with its ARN if you need it here.`
      : `Deleted “${result.name}”.`
    setNotice(
      result.wasUploaded
        ? {
            warn: true,
            text: `${done} Its public key is still in CloudFront (${result.keyPairIds.join(', ')}): links signed with it keep working until you remove it from its key groups.`,
          }
        : { text: done },
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
  const setupButton = (
    <button type="button" className="button" onClick={() => go({ show: 'import-setup' })}>
      Import setup…
    </button>
  )
  const addKmsButton = (
    <button type="button" className="button" onClick={() => go({ show: 'addKms' })}>
      Add a KMS key
    </button>
  )
  const list = keys.data ?? []
  const nameOf = (id: string) => list.find((key) => key.id === id)?.name ?? ''
  const statusOf = (id: string) => statuses.data?.find((status) => status.keyId === id)

  return (
    <Screen
      title="Keys"
      description="Private keys stay in your system keychain or in AWS KMS; Keyfront keeps only their names and public halves."
      actions={
        view.show === 'list' && list.length > 0 ? (
          <>
            {newButton}
            {importButton}
            {setupButton}
            {addKmsButton}
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
        <NewKeyForm
          onCreated={(result) => addedKms(result, 'Created')}
          onCancel={() => go({ show: 'list' })}
        />
      )}
      {view.show === 'addKms' && (
        <AddKmsKeyForm
          onAdded={(result) => addedKms(result, 'Added')}
          onCancel={() => go({ show: 'list' })}
        />
      )}
      {view.show === 'import' && (
        <ImportKeyForm onImported={(key) => added(key, 'Imported')} onCancel={() => go({ show: 'list' })} />
      )}
      {view.show === 'import-setup' && (
        <ImportSetupForm
          headingLevel={2}
          onImported={(result) => {
            setNotice({ text: importedText(result, siteName(result.site)) })
            setView({ show: 'key', id: result.key.id })
          }}
          onCancel={() => go({ show: 'list' })}
        />
      )}
      {view.show === 'key' && (
        <KeyDetail
          keyId={view.id}
          status={statusOf(view.id)}
          profile={profileFor(view.id)}
          onProfileChange={(profile) => setChosenProfile({ profile })}
          onLifecycle={(action) =>
            go(
              action === 'replace'
                ? { show: 'replace', id: view.id }
                : { show: 'retire', id: view.id, stop: action === 'stop' },
            )
          }
          onBack={() => go({ show: 'list' })}
          onDeleted={deleted}
        />
      )}
      {view.show === 'replace' && (
        <ReplaceKeyWizard
          keyId={view.id}
          keyName={nameOf(view.id)}
          profile={profileFor(view.id)}
          onOpenKey={(id) => go({ show: 'key', id })}
          onClose={() => go({ show: 'key', id: view.id })}
          onList={() => go({ show: 'list' })}
        />
      )}
      {view.show === 'retire' && (
        <RetireKeyFlow
          key={String(view.stop)}
          keyId={view.id}
          keyName={nameOf(view.id)}
          profile={profileFor(view.id)}
          stop={view.stop}
          onStopInstead={() => go({ show: 'retire', id: view.id, stop: true })}
          onReplace={() => go({ show: 'replace', id: view.id })}
          onClose={() => go({ show: 'key', id: view.id })}
          onKeyDeleted={(text) => {
            setView({ show: 'list' })
            setNotice({ text })
          }}
        />
      )}
      {view.show === 'list' && keys.data && list.length === 0 && (
        <EmptyState
          title="No signing keys yet"
          action={
            <div className="form-actions centered">
              {newButton}
              {importButton}
              {setupButton}
              {addKmsButton}
            </div>
          }
        >
          <p>A signing key lets Keyfront make links to your private files that stop working when you say.</p>
          <p>CloudFront checks each link against the public half of the key, which you upload once.</p>
        </EmptyState>
      )}
      {view.show === 'list' && list.length > 0 && (
        <>
          <RetireReminders
            keys={list}
            statuses={statuses.data}
            onRetire={(id) => go({ show: 'retire', id, stop: false })}
          />
          <KeyList keys={list} statuses={statuses.data} onOpen={(id) => go({ show: 'key', id })} />
        </>
      )}
    </Screen>
  )
}

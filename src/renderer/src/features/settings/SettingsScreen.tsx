// Settings: about this copy of Keyfront and where it keeps its data.
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { useCall } from '../../lib/use-call.ts'

export function SettingsScreen() {
  const info = useCall('app.info', undefined)
  return (
    <Screen title="Settings" description="Keyfront follows your system's light or dark appearance.">
      <ErrorNotice error={info.error} />
      {info.value && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.value.version}</dd>
          <dt>Data folder</dt>
          <dd>
            <code>{info.value.dataDir}</code>
          </dd>
          <dt>Private keys</dt>
          <dd>Kept in your system keychain, never in the data folder.</dd>
        </dl>
      )}
    </Screen>
  )
}

// The app shell: a sidebar of areas and the current screen. It opens on the welcome while Keyfront
// holds no signing key (a first run), and on New link once it does.
import { useState } from 'react'
import { DistributionsScreen } from '../features/distributions/DistributionsScreen.tsx'
import { HistoryScreen } from '../features/history/HistoryScreen.tsx'
import { InspectScreen } from '../features/inspect/InspectScreen.tsx'
import { KeysScreen } from '../features/keys/KeysScreen.tsx'
import { NewLinkScreen } from '../features/links/NewLinkScreen.tsx'
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx'
import { WelcomeScreen } from '../features/welcome/WelcomeScreen.tsx'
import { useCall } from '../lib/use-call.ts'
import { NavigationContext, SCREENS, type Route } from './navigation.tsx'

function CurrentScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'links':
      return <NewLinkScreen />
    case 'history':
      return <HistoryScreen />
    case 'inspect':
      return <InspectScreen initialUrl={route.param} />
    case 'keys':
      return <KeysScreen initialView={route.param === 'import' ? 'import' : undefined} />
    case 'distributions':
      return <DistributionsScreen initialFlow={distributionFlow(route.param)} />
    case 'settings':
      return <SettingsScreen />
    case 'welcome':
      return <WelcomeScreen />
  }
}

function distributionFlow(param: string | undefined): 'new-bucket' | 'onboard' | undefined {
  return param === 'new-bucket' || param === 'onboard' ? param : undefined
}

/** Until the user picks a screen: the welcome without keys; New link with keys, or if keys cannot be read (it shows why). */
function firstRoute(keys: { value: unknown[] | undefined; error: unknown }): Route | undefined {
  if (keys.value) return { screen: keys.value.length === 0 ? 'welcome' : 'links' }
  return keys.error === undefined ? undefined : { screen: 'links' }
}

export function App() {
  const keys = useCall('keys.list', undefined)
  const [chosen, setRoute] = useState<Route>()
  const route = chosen ?? firstRoute(keys)
  return (
    <NavigationContext.Provider value={setRoute}>
      <div className="shell">
        <nav className="sidebar" aria-label="Keyfront">
          <div className="brand" aria-hidden="true">
            <span className="brand-mark">K</span> Keyfront
          </div>
          <ul>
            {SCREENS.map((screen) => (
              <li key={screen.id}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={route?.screen === screen.id ? 'page' : undefined}
                  onClick={() => setRoute({ screen: screen.id })}
                >
                  {screen.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content">
          {/* key: a new route mounts a fresh screen, which moves focus to its heading */}
          {route && <CurrentScreen key={`${route.screen}:${route.param ?? ''}`} route={route} />}
        </main>
      </div>
    </NavigationContext.Provider>
  )
}

// The app shell: a sidebar of areas and the current screen.
import { useState } from 'react'
import { DistributionsScreen } from '../features/distributions/DistributionsScreen.tsx'
import { HistoryScreen } from '../features/history/HistoryScreen.tsx'
import { InspectScreen } from '../features/inspect/InspectScreen.tsx'
import { KeysScreen } from '../features/keys/KeysScreen.tsx'
import { NewLinkScreen } from '../features/links/NewLinkScreen.tsx'
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx'
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
      return <KeysScreen />
    case 'distributions':
      return <DistributionsScreen />
    case 'settings':
      return <SettingsScreen />
  }
}

export function App() {
  const [route, setRoute] = useState<Route>({ screen: 'links' })
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
                  aria-current={route.screen === screen.id ? 'page' : undefined}
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
          <CurrentScreen key={`${route.screen}:${route.param ?? ''}`} route={route} />
        </main>
      </div>
    </NavigationContext.Provider>
  )
}

// The app shell: a sidebar of areas (History with how many links stop working soon, Keys with how
// many old keys can be retired) and the current screen, under the notices that concern every
// screen. It opens on the welcome while Keyfront holds no signing key (a first run), and on New
// link once it does. It applies the theme chosen in Settings and carries out the application
// menu's commands.
import { lazy, Suspense, useCallback, useState } from 'react'
import { DeployingBadge } from '../features/distributions/DeployingBadge.tsx'
import { CanBeRetiredCount } from '../features/keys/RetireReminder.tsx'
import { NewLinkScreen } from '../features/links/NewLinkScreen.tsx'
import { WelcomeScreen } from '../features/welcome/WelcomeScreen.tsx'
import { useRead } from '../lib/server-state.ts'
import { useSavedTheme } from '../lib/theme.ts'
import { HistoryResetNotice, useAppEvents } from './AppEvents.tsx'
import { NavigationContext, SCREENS, type Route } from './navigation.tsx'
import './shell.css'

// The two screens the app opens on are in the first bundle; every other screen is its own chunk,
// loaded when first opened, so the window starts without their code.
const HistoryScreen = lazy(() =>
  import('../features/history/HistoryScreen.tsx').then((m) => ({ default: m.HistoryScreen })),
)
const InspectScreen = lazy(() =>
  import('../features/inspect/InspectScreen.tsx').then((m) => ({ default: m.InspectScreen })),
)
const KeysScreen = lazy(() =>
  import('../features/keys/KeysScreen.tsx').then((m) => ({ default: m.KeysScreen })),
)
const DistributionsScreen = lazy(() =>
  import('../features/distributions/DistributionsScreen.tsx').then((m) => ({
    default: m.DistributionsScreen,
  })),
)
const SettingsScreen = lazy(() =>
  import('../features/settings/SettingsScreen.tsx').then((m) => ({ default: m.SettingsScreen })),
)

function CurrentScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'links':
      return <NewLinkScreen renewFrom={entryId(route.param)} />
    case 'history':
      return <HistoryScreen focusSearch={route.param === 'search'} />
    case 'inspect':
      return <InspectScreen initialUrl={route.param} />
    case 'keys':
      return (
        <KeysScreen
          initialView={route.param === 'import' || route.param === 'import-setup' ? route.param : undefined}
        />
      )
    case 'distributions':
      return <DistributionsScreen initialFlow={distributionFlow(route.param)} />
    case 'settings':
      return <SettingsScreen />
    case 'welcome':
      return <WelcomeScreen />
  }
}

function entryId(param: string | undefined): number | undefined {
  return param && /^[1-9]\d*$/.test(param) ? Number(param) : undefined
}

function distributionFlow(param: string | undefined): 'new-bucket' | 'onboard' | undefined {
  return param === 'new-bucket' || param === 'onboard' ? param : undefined
}

/** Until the user picks a screen: the welcome without keys; New link with keys, or if keys cannot be read (it shows why). */
function firstRoute(keys: { data: unknown[] | undefined; error: unknown }): Route | undefined {
  if (keys.data) return { screen: keys.data.length === 0 ? 'welcome' : 'links' }
  return keys.error ? { screen: 'links' } : undefined
}

/** How many links stop working soon, beside History (nothing when none); read again every minute. */
function ExpiringCount() {
  const count = useRead('history.expiringCount', undefined, { refetchInterval: 60_000 }).data?.count ?? 0
  if (count === 0) return null
  return (
    <span className="nav-count">
      <span aria-hidden="true">{count.toLocaleString()}</span>
      <span className="visually-hidden">
        , {count.toLocaleString()} link{count === 1 ? '' : 's'} stop{count === 1 ? 's' : ''} working soon
      </span>
    </span>
  )
}

export function App() {
  const keys = useRead('keys.list', undefined)
  const [chosen, setChosen] = useState<Route>()
  const [said, setSaid] = useState<string>()
  const route = chosen ?? firstRoute(keys)
  const setRoute = useCallback((next: Route) => {
    setSaid(undefined)
    setChosen(next)
  }, [])
  useSavedTheme()
  useAppEvents(setRoute, setSaid)
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
                  {screen.id === 'history' && <ExpiringCount />}
                  {screen.id === 'keys' && <CanBeRetiredCount />}
                  {screen.id === 'distributions' && <DeployingBadge />}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content">
          <HistoryResetNotice />
          <p role="status" className={said ? 'notice notice-warn shell-notice' : 'visually-hidden'}>
            {said}
          </p>
          {/* key: a new route mounts a fresh screen, which moves focus to its heading and reads its
              data afresh — also when the route changes back before a screen's code has loaded */}
          {route && (
            <Suspense key={`${route.screen}:${route.param ?? ''}:${route.visit ?? ''}`} fallback={null}>
              <CurrentScreen route={route} />
            </Suspense>
          )}
        </main>
      </div>
    </NavigationContext.Provider>
  )
}

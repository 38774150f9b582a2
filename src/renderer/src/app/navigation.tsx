// Which screen is showing. The app never navigates the page (main denies navigation); screens are
// switched in state, and a screen may be opened with a small parameter (e.g. a link to inspect).
import { createContext, useContext } from 'react'

export const SCREENS = [
  { id: 'links', label: 'New link' },
  { id: 'history', label: 'History' },
  { id: 'inspect', label: 'Inspect a link' },
  { id: 'keys', label: 'Keys' },
  { id: 'distributions', label: 'Distributions' },
  { id: 'settings', label: 'Settings' },
] as const

/** The areas of the navigation, and the welcome (first run only, so not in the navigation). */
export type ScreenId = (typeof SCREENS)[number]['id'] | 'welcome'

export interface Route {
  screen: ScreenId
  /**
   * Optional input for the screen: the signed URL the inspector should open with, the flow
   * Distributions opens ('new-bucket', 'onboard'), Keys' form ('import', 'import-setup'), the History entry New
   * link makes a new link like (its id), or History's search to focus ('search').
   */
  param?: string
  /** A new value opens the screen afresh even while it is showing (the menu's New Link). */
  visit?: number
}

export const NavigationContext = createContext<(route: Route) => void>(() => {})

export function useNavigate(): (route: Route) => void {
  return useContext(NavigationContext)
}

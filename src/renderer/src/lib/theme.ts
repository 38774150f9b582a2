// The theme chosen in Settings, applied to the page: `data-theme` on <html> pins light or dark
// (tokens.css then sets the colour scheme), and its absence follows the system. Main applies the
// same choice to the window's frame; this keeps the page right wherever it runs.
import { useEffect } from 'react'
import type { Theme } from '../../../shared/contract/settings.ts'
import { useRead } from './server-state.ts'

export function applyTheme(theme: Theme): void {
  const root = document.documentElement
  if (theme === 'system') delete root.dataset.theme
  else root.dataset.theme = theme
}

/** Keeps the page's theme in step with the saved setting (the system's until it is read). */
export function useSavedTheme(): void {
  const theme = useRead('settings.get', undefined).data?.theme ?? 'system'
  useEffect(() => applyTheme(theme), [theme])
}

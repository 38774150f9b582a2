// Starts the renderer: the shared styles first (tokens, then elements, then the building blocks
// every screen uses), so that each feature's own stylesheet, loaded with it, comes after them.
import './styles/tokens.css'
import './styles/base.css'
import './styles/ui.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { queryClient } from './lib/server-state.ts'

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)

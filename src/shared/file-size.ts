// File sizes as people read them ("2.3 MB"), in decimal units like the file managers of macOS
// and Windows' Explorer details; shared by the CLI and the app's file browser.
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`
  let value = bytes
  let unit = 'bytes'
  for (const next of UNITS) {
    if (value < 1000) break
    value /= 1000
    unit = next
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`
}

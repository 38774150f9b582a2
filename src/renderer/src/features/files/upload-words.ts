// An upload's progress in words: how much is sent, how fast, and about how long is left — worked
// out from the bytes sent since the upload started (an average: part uploads arrive in bursts).
import { formatSize } from '../../../../shared/file-size.ts'

export interface UploadProgress {
  sent: number
  total: number
  /** Milliseconds since the upload started. */
  elapsedMs: number
}

export function progressLine({ sent, total, elapsedMs }: UploadProgress): string {
  const parts = [`${formatSize(sent)} of ${formatSize(total)}`]
  if (sent > 0 && elapsedMs > 0) {
    const perSecond = (sent / elapsedMs) * 1000
    parts.push(`${formatSize(Math.round(perSecond))}/s`)
    if (sent < total) parts.push(`about ${timeLeft((total - sent) / perSecond)} left`)
  }
  return parts.join(' · ')
}

function timeLeft(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  const minutes = Math.round(seconds / 60)
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`
}

// The system notification that an old key can be retired: it was replaced, and its last link has
// expired, so taking it out of CloudFront stops nothing. Said once per key (keys.json records when),
// only while notifications are on in Settings, checked at start and then every hour as links
// expire. The badge beside Keys says the same inside the window, whatever this does.
import type { Keyfront } from '../core/app.ts'

const EVERY_HOUR = 3_600_000

type Notify = (title: string, body: string) => void

/** Notifies each key that can be retired and was not yet said to be; returns their names. */
export async function remindRetirableKeys(
  kf: Pick<Keyfront, 'keyLifecycle' | 'keys' | 'settings'>,
  notify: Notify,
): Promise<string[]> {
  const due = (await kf.keyLifecycle.statuses()).filter(
    (status) => status.status === 'can-be-retired' && status.remindedAt === undefined,
  )
  if (due.length === 0 || !(await kf.settings.get()).notifications) return []
  const names = new Map((await kf.keys.list()).map((key) => [key.id, key.name]))
  const said: string[] = []
  for (const { keyId } of due) {
    const name = names.get(keyId)
    if (name === undefined) continue
    notify(
      `Old key “${name}” can be retired`,
      'Its last link has expired, so retiring it stops nothing. Keys → Retire takes it out of CloudFront.',
    )
    // Recorded after each notification: a failure later on does not say this one twice.
    await kf.keyLifecycle.markReminded(keyId)
    said.push(name)
  }
  return said
}

/** Checks now and every hour; returns what stops it. A failed check is logged, not shown. */
export function startRetireReminder(
  kf: Pick<Keyfront, 'keyLifecycle' | 'keys' | 'settings'>,
  notify: Notify,
  log: (line: string) => void,
): () => void {
  const check = () => {
    remindRetirableKeys(kf, notify).catch((error: unknown) => {
      log(`retire reminder not checked: ${error instanceof Error ? error.name : typeof error}`)
    })
  }
  check()
  const timer = setInterval(check, EVERY_HOUR)
  timer.unref?.()
  return () => clearInterval(timer)
}

// Channels about the app itself: version and where its data lives, and opening help pages.
import { z } from 'zod'
import { channel } from './define.ts'

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const appContract = {
  'app.info': channel(z.undefined(), AppInfo),
  /**
   * Opens an https: page in the user's browser (a help page, or a link just made: up to CloudFront's
   * 8,192-byte limit); anything else is refused.
   */
  'app.openExternal': channel(z.object({ url: z.string().max(8192) }), z.undefined()),
}

// Events main sends to the renderer (progress of long work, menu commands, outside changes). Each
// area adds its own here.
import { z } from 'zod'
import { APP_COMMANDS } from '../desktop-commands.ts'
import { DeploymentProgress } from './cloudfront.ts'

export const eventsContract = {
  /** Progress of long work: batch signing, waiting for a deployment. `task` ties events to a request. */
  'task.progress': z.object({
    task: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().optional(),
    message: z.string().optional(),
  }),
  /** A CloudFront distribution's deployment, polled until Deployed (elapsed time, last poll). */
  'cloudfront.deployment': DeploymentProgress,
  /** A command chosen in the application menu (or its shortcut): the window carries it out. */
  'app.command': z.object({ command: z.enum(APP_COMMANDS) }),
  /** Links were recorded outside the window (the tray's quick link): History and its count refresh. */
  'history.changed': z.object({}),
  /**
   * The history file could not be read, so it was moved to `movedTo` and a new history started: the
   * window says so once, whatever screen is open.
   */
  'history.reset': z.object({ movedTo: z.string() }),
}

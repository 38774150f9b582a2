// Every command group of the CLI, in the order `--help` lists them. Each group's module is loaded
// only when its command runs (or for `--help`), so a command does not pay for the others.
import type { CommandGroup } from '../program.ts'

export const commandGroups: CommandGroup[] = [
  { name: 'keys', load: async () => (await import('./keys.ts')).registerKeys },
  { name: 'sign', load: async () => (await import('./sign.ts')).registerSign },
  { name: 'files', load: async () => (await import('./files.ts')).registerFiles },
  { name: 'upload', load: async () => (await import('./upload.ts')).registerUpload },
  { name: 'inspect', load: async () => (await import('./inspect.ts')).registerInspect },
  { name: 'history', load: async () => (await import('./history.ts')).registerHistory },
  { name: 'aws', load: async () => (await import('./aws.ts')).registerAws },
  { name: 'cloudfront', load: async () => (await import('./cloudfront.ts')).registerCloudfront },
  { name: 'setup', load: async () => (await import('./setup.ts')).registerSetup },
]

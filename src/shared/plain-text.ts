// Text that people give Keyfront and that it shows back later — link labels, URLs — must be plain
// text on one line: a control character (an ESC sequence, a line break, a bidi override) stored
// today is replayed into someone's terminal or screen tomorrow. This module owns what counts as
// such a character, the rules for labels and URLs, and the visible form of text that breaks them.
import { KeyfrontError } from './errors.ts'

/** The longest label the history keeps (and the app's History shows). */
export const LABEL_MAX_LENGTH = 500

/**
 * C0 and C1 controls and DEL, the Unicode line and paragraph separators, and the bidi embeddings,
 * overrides and isolates (which reorder the text around them). One character each, so any search
 * is linear. Without the `g` flag, `exec` always starts at the beginning.
 */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u
const CONTROLS = new RegExp(CONTROL.source, 'gu')

/** `\n`, `\t`, `\r`, or `\u001b` and the like: how a control character is shown. */
function escaped(character: string): string {
  if (character === '\n') return '\\n'
  if (character === '\t') return '\\t'
  if (character === '\r') return '\\r'
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * The text with every control character written as a visible escape (`\u001b`, `\n`), so that it
 * can be shown without acting on a terminal or breaking a line. With `keepLineBreaks`, "\n" stays.
 * The escapes are valid inside JSON strings too, so JSON output can go through this unchanged in
 * meaning.
 */
export function showControlCharacters(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return text.replace(CONTROLS, (character) =>
    options.keepLineBreaks && character === '\n' ? character : escaped(character),
  )
}

/** The first control character and where it is (1-based), for messages. */
export function firstControl(text: string): { shown: string; position: number } | undefined {
  const match = CONTROL.exec(text)
  return match ? { shown: escaped(match[0]), position: match.index + 1 } : undefined
}

const LINE_BREAK = /[\n\r\u2028\u2029]/

/** What is wrong with a label (as typed, before trimming), or undefined when it can be kept. */
export function labelProblem(label: string): string | undefined {
  const text = label.trim()
  if (text.length > LABEL_MAX_LENGTH) {
    return `The label is ${text.length.toLocaleString('en-US')} characters long; a label holds at most ${LABEL_MAX_LENGTH}. Shorten it.`
  }
  if (LINE_BREAK.test(text)) return 'A label is one line of text: remove the line break from it.'
  const control = firstControl(text)
  if (!control) return undefined
  return `The label contains a control character (${control.shown}, character ${control.position}), which cannot be shown. Remove it: a label is plain text on one line.`
}

/**
 * The label to record: trimmed, or undefined when there is none. Every way a label reaches the
 * history (the app, the CLI, a batch) passes here, so the History can always show what it holds.
 */
export function checkLabel(label: string | undefined): string | undefined {
  if (label === undefined) return undefined
  const problem = labelProblem(label)
  if (problem) throw new KeyfrontError('LABEL_INVALID', problem)
  return label.trim() || undefined
}

/**
 * A label as the History shows it, whatever the history file holds: labels recorded before the
 * rules above existed may be longer, or hold control characters — they are shown escaped and cut,
 * rather than making the whole list fail.
 */
export function shownLabel(label: string): string {
  const text = showControlCharacters(label)
  return text.length > LABEL_MAX_LENGTH ? `${text.slice(0, LABEL_MAX_LENGTH - 1)}…` : text
}

/**
 * Refuses a URL with a control character in it. Browsers never send one: the URL parser silently
 * drops tabs and line breaks (two URLs pasted as one would be signed as a third) and encodes the
 * rest, while the history would keep the raw text and show it back.
 */
export function checkUrlCharacters(url: string): void {
  const control = firstControl(url)
  if (!control) return
  throw new KeyfrontError(
    'URL_CONTROL_CHARACTER',
    `The URL contains a control character (${control.shown}, character ${control.position}), which browsers never send. Remove it — or, if it is really part of the file name, write it percent-encoded — and give one URL per line.`,
  )
}

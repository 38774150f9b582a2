// "Copy as message": a link followed by one sentence saying until when it works, written in the
// reader's language and time zone, to paste into an e-mail or a chat. Pure (Intl only), so the
// screens, main's quick link and tests share it. Sentences exist for a few languages; any other
// language gets the English sentence around a date written in its own words.

export interface MessageOptions {
  /** A BCP 47 locale ("en-GB", "de"); the runtime's default when left out. */
  locale?: string
  /** An IANA zone ("Europe/Paris"); the runtime's zone when left out. */
  timeZone?: string
  /** Now, in epoch milliseconds: the year is written only when it is not this year. */
  nowMs: number
}

type Sentence = (until: string, from?: string) => string

const ENGLISH: Sentence = (until, from) =>
  from ? `This link works from ${from} until ${until}.` : `This link works until ${until}.`

const SENTENCES: Record<string, Sentence> = {
  en: ENGLISH,
  de: (until, from) =>
    from ? `Dieser Link funktioniert von ${from} bis ${until}.` : `Dieser Link funktioniert bis ${until}.`,
  fr: (until, from) =>
    from ? `Ce lien fonctionne du ${from} au ${until}.` : `Ce lien fonctionne jusqu’au ${until}.`,
  es: (until, from) =>
    from ? `Este enlace funciona del ${from} al ${until}.` : `Este enlace funciona hasta el ${until}.`,
  it: (until, from) =>
    from ? `Questo link funziona da ${from} a ${until}.` : `Questo link funziona fino a ${until}.`,
  nl: (until, from) => (from ? `Deze link werkt van ${from} tot ${until}.` : `Deze link werkt tot ${until}.`),
  pt: (until, from) =>
    from ? `Este link funciona de ${from} até ${until}.` : `Este link funciona até ${until}.`,
}

/** "Tuesday 8 December, 17:00" (en-GB) or "Tuesday, December 8, 5:00 PM" (en-US); the year when not this one. */
export function whenInWords(epochSeconds: number, options: MessageOptions): string {
  const moment = new Date(epochSeconds * 1000)
  const { locale, timeZone } = options
  const year = (date: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(date)
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(year(moment) !== year(new Date(options.nowMs)) && { year: 'numeric' }),
    timeZone,
  }).format(moment)
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(moment)
  return `${day}, ${time}`
}

/** The sentence alone: "This link works until Tuesday 8 December, 17:00." (from … until … before it starts). */
export function worksUntilSentence(
  link: { expiresAt: number; startsAt?: number },
  options: MessageOptions,
): string {
  const language = new Intl.Locale(options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale).language
  const sentence = SENTENCES[language] ?? ENGLISH
  const startsLater = link.startsAt !== undefined && link.startsAt * 1000 > options.nowMs
  return sentence(
    whenInWords(link.expiresAt, options),
    startsLater && link.startsAt !== undefined ? whenInWords(link.startsAt, options) : undefined,
  )
}

/** What "Copy as message" puts on the clipboard: the link, then the sentence on its own line. */
export function linkMessage(
  signedUrl: string,
  link: { expiresAt: number; startsAt?: number },
  options: MessageOptions,
): string {
  return `${signedUrl}\n${worksUntilSentence(link, options)}`
}

// A QR code of the link, so it can be opened on a phone: small beside the link, larger on demand,
// and saved as a PNG or SVG file. Drawn by the `qrcode` package — loaded only once a link is made,
// not with the app — and shown as a data: image (the page's CSP allows data: images, not inline
// scripts or styles). Main writes the file where the user chooses, after checking the image.
import { useEffect, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call } from '../../lib/server-state.ts'

type State = { text: string; svg?: string; failed?: boolean }

const QR_OPTIONS = { errorCorrectionLevel: 'L', margin: 2 } as const
/** The PNG's pixels per module: sharp when printed or shown on a large screen. */
const PNG_SCALE = 10

const SMALL = 200
const LARGE = 420

async function qrcode() {
  return (await import('qrcode')).default
}

export function QrCode(props: { text: string; /** For the file's suggested name. */ name: string }) {
  const [state, setState] = useState<State>()
  const [large, setLarge] = useState(false)
  const [saved, setSaved] = useState('')
  const [saveError, setSaveError] = useState<unknown>()
  useEffect(() => {
    let live = true
    qrcode()
      .then((QRCode) => QRCode.toString(props.text, { type: 'svg', ...QR_OPTIONS }))
      .then(
        (svg) => live && setState({ text: props.text, svg }),
        () => live && setState({ text: props.text, failed: true }),
      )
    return () => {
      live = false
    }
  }, [props.text])
  if (state?.text !== props.text) return null
  if (state.failed || state.svg === undefined) {
    return <p className="hint">This link is too long for a QR code.</p>
  }
  const svg = state.svg

  const save = async (format: 'png' | 'svg') => {
    setSaved('')
    setSaveError(undefined)
    try {
      const image =
        format === 'svg'
          ? svg
          : (await (await qrcode()).toDataURL(props.text, { ...QR_OPTIONS, scale: PNG_SCALE })).replace(
              /^data:image\/png;base64,/,
              '',
            )
      const answer = await call('links.saveQrCode', { format, image, defaultName: `${props.name}.${format}` })
      setSaved(answer.path ? `Saved the QR code to ${answer.path}.` : 'Not saved.')
    } catch (error) {
      setSaveError(error)
    }
  }

  const size = large ? LARGE : SMALL
  return (
    <div className={large ? 'link-qr-box large' : 'link-qr-box'}>
      <img
        className="link-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        alt="QR code of the link, to open it on a phone"
        width={size}
        height={size}
      />
      <div className="link-qr-actions" role="group" aria-label="QR code">
        <button type="button" className="button" aria-pressed={large} onClick={() => setLarge(!large)}>
          Larger QR code
        </button>
        <button type="button" className="button" onClick={() => void save('png')}>
          Save as PNG…
        </button>
        <button type="button" className="button" onClick={() => void save('svg')}>
          Save as SVG…
        </button>
      </div>
      <p role="status" className="link-copied">
        {saved}
      </p>
      <ErrorNotice error={saveError} />
    </div>
  )
}

// A QR code of the link, so it can be opened on a phone. Drawn as SVG by the `qrcode` package and
// shown as a data: image (the page's CSP allows data: images, not inline scripts or styles).
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

type State = { text: string; src?: string; failed?: boolean }

export function QrCode(props: { text: string }) {
  const [state, setState] = useState<State>()
  useEffect(() => {
    let live = true
    QRCode.toString(props.text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }).then(
      (svg) =>
        live &&
        setState({ text: props.text, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
      () => live && setState({ text: props.text, failed: true }),
    )
    return () => {
      live = false
    }
  }, [props.text])
  if (state?.text !== props.text) return null
  if (state.failed) return <p className="hint">This link is too long for a QR code.</p>
  return (
    <img
      className="link-qr"
      src={state.src}
      alt="QR code of the link, to open it on a phone"
      width={220}
      height={220}
    />
  )
}

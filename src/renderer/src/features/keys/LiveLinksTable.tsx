// The links from History that stop working when a key leaves CloudFront: label, address and until
// when each would have worked. The plan lists at most 200; the count covers them all.
import { useNow } from '../../lib/use-now.ts'
import { friendlyWhen } from '../../lib/when.ts'
import type { LiveLinks } from '../../../../shared/contract/key-lifecycle.ts'
import { readableUrl } from '../../../../shared/site-link.ts'
import { links } from './lifecycle-words.ts'

export function LiveLinksTable(props: { liveLinks: LiveLinks; caption: string }) {
  const now = useNow()
  const { shown, count } = props.liveLinks
  return (
    <>
      <div className="key-live-links">
        <table>
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Link</th>
              <th scope="col">Would work until</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((link) => (
              <tr key={link.id}>
                <td>{link.label ?? <span className="hint">No label</span>}</td>
                <td className="mono key-live-url">{readableUrl(link.url)}</td>
                <td>{friendlyWhen(link.expiresAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > shown.length && (
        <p className="hint">
          And {links(count - shown.length)} more: History lists them all (filter by this key).
        </p>
      )}
    </>
  )
}

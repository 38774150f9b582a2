// Why the site's files cannot be browsed from this computer, in one line, and what would enable it:
// s3:ListBucket on the bucket, as a policy an AWS administrator can attach (ready to copy). The
// path field above keeps working all the while.
import { useState } from 'react'
import type { FolderPage } from '../../../../shared/contract/files.ts'
import { fileSharingPolicy } from '../../../../shared/files-permissions.ts'

export function BrowseUnavailable(props: { unavailable: NonNullable<FolderPage['unavailable']> }) {
  const { code, bucket } = props.unavailable
  const [copied, setCopied] = useState(false)
  if (code === 'SITE_ORIGIN_NOT_S3') {
    return (
      <p className="notice notice-warn">
        This site’s files do not come from an S3 bucket, so they cannot be browsed here. Type the path above.
      </p>
    )
  }
  const policy = fileSharingPolicy(bucket ?? 'BUCKET-NAME')
  return (
    <div className="notice notice-warn file-browser-unavailable">
      <p>
        Browsing needs permission to list the bucket (<code>s3:ListBucket</code> on{' '}
        {bucket ? <code>{bucket}</code> : 'the site’s bucket'}); type the path above meanwhile.
      </p>
      <details>
        <summary>A policy to send your AWS administrator</summary>
        <pre tabIndex={0} aria-label="IAM policy">
          {policy}
        </pre>
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard.writeText(policy).then(() => setCopied(true))}
        >
          Copy policy
        </button>
        <span role="status" className="hint">
          {copied ? ' Copied.' : ''}
        </span>
      </details>
    </div>
  )
}

// Step 4 of a new distribution: every resource with its id (created now or reused), what still
// needs the user's attention, and the way on — restricting the distribution to signed links.
import type { OriginResult } from '../../../../shared/contract/origin.ts'
import { NewDistributionNotices } from './NewDistributionNotices.tsx'

const KIND_LABEL: Record<OriginResult['resources'][number]['kind'], string> = {
  'origin-access-control': 'Origin access control',
  distribution: 'Distribution',
  'bucket-policy-statement': 'Bucket policy statement',
}

export function NewDistributionResult(props: { result: OriginResult; onContinue: () => void }) {
  const { distribution, resources, notices } = props.result
  const isNew = resources.some((r) => r.kind === 'distribution' && r.outcome === 'created')
  return (
    <div>
      <div className="notice notice-ok" role="status">
        <p>
          Distribution <span className="mono">{distribution.id}</span> at{' '}
          <span className="mono">{distribution.domainName}</span> is{' '}
          {distribution.status === 'Deployed'
            ? 'deployed.'
            : 'deploying: CloudFront takes a few minutes to make it available everywhere.'}
        </p>
      </div>
      <table className="nd-resources">
        <caption className="visually-hidden">Resources in your AWS account</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Id</th>
            <th scope="col">What it is</th>
            <th scope="col">This time</th>
          </tr>
        </thead>
        <tbody>
          {resources.map((resource) => (
            <tr key={resource.kind}>
              <td>{KIND_LABEL[resource.kind]}</td>
              <td className="mono">{resource.id}</td>
              <td>{resource.description}</td>
              <td>
                <span className={`chip ${resource.outcome === 'created' ? 'ok' : 'muted'}`}>
                  {resource.outcome === 'created' ? 'Created' : 'Already there'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Keyfront never deletes these for you.</p>
      <div className="notice notice-warn">
        <p>
          {isNew
            ? 'Until you restrict it to signed links'
            : 'Unless it is restricted to signed links already'}
          , anyone who knows the address <span className="mono">{distribution.domainName}</span> can open the
          bucket's files through it.
        </p>
      </div>
      <NewDistributionNotices notices={notices.filter((n) => n.level === 'warning')} />
      <div className="form-actions">
        <button type="button" className="button primary" onClick={props.onContinue}>
          Continue: restrict it to signed links
        </button>
      </div>
    </div>
  )
}

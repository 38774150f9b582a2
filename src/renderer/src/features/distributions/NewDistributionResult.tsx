// Step 5 of a new distribution: it exists, and CloudFront deploys it. What was created (or reused),
// with ids, folded away; the deployment as main follows it; and, while waiting, the file to try once
// it is deployed — the flow then moves on to the test by itself.
import { Field } from '../../components/Field.tsx'
import type { OriginResult } from '../../../../shared/contract/origin.ts'
import { DeploymentProgress } from './DeploymentProgress.tsx'
import { NewDistributionNotices } from './NewDistributionNotices.tsx'

const KIND_LABEL: Record<OriginResult['resources'][number]['kind'], string> = {
  'public-key': 'Public key',
  'key-group': 'Key group',
  'origin-access-control': 'Origin access control',
  distribution: 'Distribution',
  'bucket-policy-statement': 'Bucket policy statement',
  'bucket-encryption': 'Default encryption',
}

export function NewDistributionResult(props: {
  result: OriginResult
  testPath: string
  onTestPathChange: (path: string) => void
  onDeployed: () => void
}) {
  const { distribution, resources, notices, signing } = props.result
  return (
    <div>
      <p>
        <span className="mono">{distribution.domainName}</span>{' '}
        {signing.coverage === 'all'
          ? 'accepts only links signed with your key, on every path.'
          : signing.coverage === 'some'
            ? `accepts only signed links under ${signing.restrictedPaths.join(', ')}; other files open for anyone.`
            : 'opens every file for anyone who knows its address.'}
      </p>
      <DeploymentProgress
        distributionId={distribution.id}
        name={distribution.domainName}
        onDeployed={props.onDeployed}
      />
      {signing.coverage !== 'none' && (
        <Field
          label="File to try once it is deployed"
          hint={`Optional. A file in the bucket, such as reports/q3.pdf: Keyfront makes a short-lived link to it and tries it as soon as CloudFront says Deployed.`}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={props.testPath}
              maxLength={2000}
              autoComplete="off"
              spellCheck={false}
              placeholder="reports/q3.pdf"
              onChange={(event) => props.onTestPathChange(event.target.value)}
            />
          )}
        </Field>
      )}
      <details className="nd-made">
        <summary>What Keyfront created in your AWS account</summary>
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
      </details>
      <NewDistributionNotices notices={notices.filter((n) => n.level === 'warning')} />
    </div>
  )
}

// The bucket-policy change as a diff: added and removed lines marked with + and − (not by colour
// alone), long unchanged stretches folded so the change itself is in view.
import type { DiffLine } from '../../../../shared/contract/origin.ts'
import { foldUnchanged } from '../../../../shared/policy-diff.ts'

export function NewDistributionPolicyDiff(props: { diff: DiffLine[]; placeholderId: boolean }) {
  return (
    <>
      <h4 id="nd-diff-title">Bucket policy change</h4>
      <p className="hint" id="nd-diff-hint">
        Lines starting with + are added; lines starting with − are removed.
        {props.placeholderId && ' NEWDISTRIBUTION stands for the id CloudFront gives the new distribution.'}
      </p>
      <pre className="nd-diff" tabIndex={0} aria-labelledby="nd-diff-title" aria-describedby="nd-diff-hint">
        {foldUnchanged(props.diff).map((line, index) =>
          line.op === 'fold' ? (
            <span key={index} className="nd-fold">
              {`  … ${line.count} unchanged lines …\n`}
            </span>
          ) : (
            <span key={index} className={line.op === '+' ? 'nd-add' : line.op === '-' ? 'nd-del' : undefined}>
              {`${line.op === '-' ? '−' : line.op} ${line.text}\n`}
            </span>
          ),
        )}
      </pre>
    </>
  )
}

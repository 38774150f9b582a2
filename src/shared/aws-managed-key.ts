// The one text about buckets that encrypt with SSE-KMS under the AWS-managed key aws/s3: why
// CloudFront cannot read such files, and the two ways on. The core's notice, the CLI and the app all
// say it in these words, so the explanation never differs between them.

export const AWS_MANAGED_KEY = {
  title: 'CloudFront cannot read files encrypted with the aws/s3 key',
  explanation:
    'This bucket encrypts new files with SSE-KMS under the AWS-managed key aws/s3. The policy of that key ' +
    'belongs to AWS and cannot be changed, so CloudFront is never allowed to decrypt those files: a signed ' +
    'link to one gets "Access Denied" from S3.',
  choose: 'Choose how to go on: switch the default encryption to SSE-S3, or keep it as it is.',
  switchLabel: 'Switch the bucket’s default encryption to SSE-S3',
  switchDetail:
    'New files are then encrypted with keys S3 manages, which CloudFront can read. Files already in the ' +
    'bucket keep their aws/s3 encryption until you re-encrypt them.',
  reencryptHint: 'To re-encrypt them, copy each file onto itself with SSE-S3:',
  keepLabel: 'Keep the encryption as it is',
  keepDetail:
    'The distribution is created all the same. Files encrypted with aws/s3 are refused with "Access Denied", ' +
    'even with a valid signed link; files encrypted otherwise work.',
} as const

/** Re-encrypts every file of the bucket with SSE-S3 by copying it onto itself (AWS CLI). */
export function reencryptCommand(bucket: string): string {
  return `aws s3 cp s3://${bucket}/ s3://${bucket}/ --recursive --sse AES256`
}

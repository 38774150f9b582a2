// The IAM permissions sharing a file needs on a site's bucket, and the policy an administrator can
// attach to give them: list the folders, read a file's size and type, put new files (and abort an
// upload's parts when it is cancelled). Shown when S3 says AccessDenied, and in the app as text to copy.

export const FILE_SHARING_IAM_ACTIONS = [
  's3:ListBucket',
  's3:GetObject',
  's3:PutObject',
  's3:AbortMultipartUpload',
] as const

/** An identity policy for one bucket, as pretty JSON (what people paste into the IAM console). */
export function fileSharingPolicy(bucket: string): string {
  const arn = `arn:aws:s3:::${bucket}`
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'KeyfrontBrowseFiles', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: arn },
        {
          Sid: 'KeyfrontShareFiles',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
          Resource: `${arn}/*`,
        },
      ],
    },
    null,
    2,
  )
}

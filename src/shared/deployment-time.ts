// How long CloudFront usually takes to deploy a change, in the words every front end uses beside
// the time a deployment has taken so far (the sidebar, the deployment panel, the CLI).

export const USUAL_DEPLOY_TIME = 'usually 5–15 minutes'

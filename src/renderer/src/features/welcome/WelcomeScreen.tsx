// Welcome: the first screen while Keyfront holds no signing key. It asks, in plain words, where the
// user is starting from and opens the one flow that fits — a new distribution for a private bucket,
// restricting a distribution that exists, importing a colleague's setup file, or adding a key
// someone already has.
import { useNavigate, type Route } from '../../app/navigation.tsx'
import { Screen } from '../../components/Screen.tsx'
import './welcome.css'

interface StartingPoint {
  id: string
  title: string
  text: string
  needs: string
  route: Route
}

const STARTING_POINTS: StartingPoint[] = [
  {
    id: 'bucket',
    title: 'I have a private S3 bucket',
    text: 'Keyfront puts a CloudFront distribution in front of the bucket, makes a signing key, and sets it up so that only your links open the files.',
    needs: 'You need: an AWS access key that may create distributions.',
    route: { screen: 'distributions', param: 'new-bucket' },
  },
  {
    id: 'distribution',
    title: 'My CloudFront distribution already exists',
    text: 'Keyfront makes a signing key and restricts the paths you choose to signed links. Nothing else in the distribution changes.',
    needs: 'You need: an AWS access key that may change the distribution.',
    route: { screen: 'distributions', param: 'onboard' },
  },
  {
    id: 'setup',
    title: 'A colleague sent me a setup file',
    text: 'Import it with the passphrase they gave you: the site and its key are added in one step, and you can make links at once.',
    needs: 'You need: the setup file and its passphrase — no AWS access.',
    route: { screen: 'keys', param: 'import-setup' },
  },
  {
    id: 'key',
    title: 'I already have a key, or someone gave me one',
    text: 'Add the key file and start making links to the files it opens.',
    needs: 'You need: the key file (usually a .pem) and its Key-Pair-Id.',
    route: { screen: 'keys', param: 'import' },
  },
]

export function WelcomeScreen() {
  const navigate = useNavigate()
  return (
    <Screen
      title="Welcome to Keyfront"
      description="Keyfront makes links to your private files that work for as long as you choose — a day, a week — and then stop."
    >
      <section className="welcome" aria-labelledby="welcome-question">
        <h2 id="welcome-question">Where are you starting from?</h2>
        <ul className="welcome-paths">
          {STARTING_POINTS.map((point) => (
            <li key={point.id} className="welcome-path">
              {/* The button's name is the title; the card around it is its click area (see styles). */}
              <button
                type="button"
                className="welcome-path-button"
                aria-describedby={`welcome-${point.id}-text welcome-${point.id}-needs`}
                onClick={() => navigate(point.route)}
              >
                {point.title}
              </button>
              <p id={`welcome-${point.id}-text`} className="welcome-path-text">
                {point.text}
              </p>
              <p id={`welcome-${point.id}-needs`} className="welcome-path-needs">
                {point.needs}
              </p>
              <span className="welcome-path-arrow" aria-hidden="true">
                →
              </span>
            </li>
          ))}
        </ul>
        <p className="hint welcome-promise">
          Nothing changes in your AWS account until you have seen the plan and agreed to it. Private keys stay
          in this computer’s keychain.
        </p>
      </section>
    </Screen>
  )
}

import { useState } from "preact/hooks";

/** The sign-in screen: one token field. The token is posted once and never kept by the page. */
export function SignIn(props: {
  error: string | undefined;
  onSignIn: (token: string) => Promise<void>;
}) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim() || busy) return;
    setBusy(true);
    try {
      await props.onSignIn(token);
    } finally {
      setBusy(false);
      setToken("");
    }
  };
  return (
    <main class="sign-in">
      <h1>Touchpoint results</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby="sign-in-help">
        <h2>Sign in</h2>
        <p id="sign-in-help">
          Paste an access token, or open the sign-in link you were given. Whoever runs the collector
          creates one with <code>npx touchpoint token create --role viewer</code>.
        </p>
        <label for="token">Access token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {props.error && (
          <p role="alert" class="error">
            {props.error}
          </p>
        )}
      </form>
    </main>
  );
}

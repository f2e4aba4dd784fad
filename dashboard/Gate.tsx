import { useCallback, useEffect, useState } from "preact/hooks";
import { App } from "./App";
import { SignIn } from "./components/SignIn";
import { setUnauthorizedHandler } from "./http";
import {
  currentSession,
  readIsPublic,
  type Session,
  signIn,
  signOut,
  takeTokenFromHash,
} from "./session";
import { Studio } from "./studio/Studio";

type State =
  | { kind: "checking" }
  | { kind: "signed-out"; error?: string }
  | { kind: "public" }
  | { kind: "signed-in"; session: Session };

/** Shows the sign-in screen until the collector accepts a session, then the results. */
export function Gate(props: { studio?: boolean }) {
  const [state, setState] = useState<State>({ kind: "checking" });

  const start = useCallback(async (token: string | undefined) => {
    try {
      if (token !== undefined) {
        setState({ kind: "signed-in", session: await signIn(token) });
        return;
      }
      const session = await currentSession();
      if (session) setState({ kind: "signed-in", session });
      else setState((await readIsPublic()) ? { kind: "public" } : { kind: "signed-out" });
    } catch (error) {
      setState({
        kind: "signed-out",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }, []);

  useEffect(() => {
    void start(takeTokenFromHash());
  }, [start]);

  useEffect(() => {
    if (state.kind !== "signed-in") return undefined;
    setUnauthorizedHandler(() =>
      setState({ kind: "signed-out", error: "Your session ended. Sign in again." }),
    );
    return () => setUnauthorizedHandler(undefined);
  }, [state.kind]);

  if (state.kind === "checking") {
    return (
      <main>
        <h1>Touchpoint results</h1>
        <p role="status">Checking your session…</p>
      </main>
    );
  }
  if (state.kind === "signed-out") {
    return <SignIn error={state.error} onSignIn={(token) => start(token)} />;
  }
  const account =
    state.kind === "signed-in"
      ? {
          name: state.session.name,
          role: state.session.role,
          site: state.session.site,
          signOut: async () => {
            await signOut();
            setState({ kind: "signed-out" });
          },
        }
      : undefined;
  return props.studio ? <Studio /> : <App account={account} />;
}

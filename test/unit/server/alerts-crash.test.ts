// @vitest-environment node
// The collector as typed (`touchpoint collect --alerts alerts.json`, from dist/: npm test builds
// first), SIGKILLed after acknowledging an answer and before its alert reached the receiver.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCollect } from "../../../src/cli/collect";
import { alertsFor, collect, startReceiver, until } from "./alert-helpers";
import { batch, makeEvent, post, tempDir } from "./helpers";

describe("touchpoint collect --alerts", () => {
  it("sends the alert after a restart when killed between acknowledging the answer and delivering", async () => {
    let hang = true;
    const receiver = await startReceiver(() =>
      hang ? { status: 200, delayMs: 60_000 } : { status: 200 },
    );
    const dir = tempDir();
    const alertsPath = join(dir, "alerts.json");
    writeFileSync(alertsPath, JSON.stringify(alertsFor(receiver.url)));
    const args = ["--db", join(dir, "feedback.db"), "--alerts", alertsPath];
    const first = await collect(args);
    const answer = makeEvent({ score: 1 });
    expect((await post(`${first.url}/v1/events`, batch([answer]))).status).toBe(200);
    await until(() => receiver.received.length === 1, "the first attempt to reach the receiver");
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;
    hang = false;
    await collect(args);
    await until(() => receiver.received.length === 2, "the alert after restart", 20_000);
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([`${answer.id}.detractors.hook`, `${answer.id}.detractors.hook`]);
  }, 30_000);

  it("refuses to start with a bad alerts file, naming each problem's path", async () => {
    const dir = tempDir();
    const alertsPath = join(dir, "alerts.json");
    writeFileSync(
      alertsPath,
      JSON.stringify({ destinations: {}, rules: [{ name: "x", destinations: ["nope"] }] }),
    );
    let stderr = "";
    const code = await runCollect(
      ["--db", join(dir, "feedback.db"), "--alerts", alertsPath],
      {
        stdout: () => undefined,
        stderr: (text) => {
          stderr += text;
        },
      },
      () => new Promise<string>(() => undefined),
    );
    expect(code).toBe(1);
    expect(stderr).toContain(`--alerts ${alertsPath}: 1 problem`);
    expect(stderr).toContain(
      'rules[0].destinations[0]: expected one of the destinations (none defined), got "nope"',
    );
  });
});

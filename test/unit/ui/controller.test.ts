import { describe, expect, it, vi } from "vitest";
import { createController } from "../../../src/ui/controller";
import { followUpActions } from "../../../src/ui/follow-up";
import type { FollowUpAnswer } from "../../../src/ui/types";
import { MAX_COMMENT_LENGTH } from "../../../src/wire/limits";

function setup(
  options: {
    submitOnTap?: boolean;
    followUpFor?: (v: number) => boolean;
    field?: "email" | "tel" | "text";
  } = {},
) {
  const answer = vi.fn(async (_score: number) => undefined);
  const comment = vi.fn(async (_step: FollowUpAnswer) => undefined);
  const changed = vi.fn();
  const question = createController(
    answer,
    {
      submitOnTap: options.submitOnTap ?? false,
      hasFollowUp: options.followUpFor ?? (() => true),
    },
    changed,
  );
  // The question's actions and the follow-up step's (from the steps part) on one state.
  const controller = { ...question, ...followUpActions(question, comment, options.field) };
  return { controller, answer, comment, changed };
}

describe("the prompt's state", () => {
  it("sends at most the wire format's comment length, whatever the text box holds", async () => {
    const { controller, comment } = setup();
    controller.select(8, false);
    await controller.submit();
    controller.input("x".repeat(MAX_COMMENT_LENGTH + 500));
    await controller.send();
    expect(comment.mock.calls[0]?.[0].comment).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it("submits only a chosen value, then asks the follow-up", async () => {
    const { controller, answer, changed } = setup();
    await controller.submit();
    expect(answer).not.toHaveBeenCalled();
    controller.select(8, false);
    expect(controller.state.value).toBe(8);
    expect(changed).toHaveBeenCalled();
    await controller.submit();
    expect(answer).toHaveBeenCalledWith(8);
    expect(controller.state).toMatchObject({ step: "followUp", busy: false, failed: false });
  });

  it("goes straight to the thank-you when the answer's segment has no follow-up", async () => {
    const { controller } = setup({ followUpFor: (v) => v < 7 });
    controller.select(9, false);
    await controller.submit();
    expect(controller.state.step).toBe("thanks");
  });

  it("never submits on a keyboard choice; a tap submits only when configured", async () => {
    const plain = setup();
    plain.controller.select(3, true);
    plain.controller.select(4, false);
    expect(plain.answer).not.toHaveBeenCalled();
    const tap = setup({ submitOnTap: true });
    tap.controller.select(4, false);
    expect(tap.answer).not.toHaveBeenCalled();
    tap.controller.select(5, true);
    await vi.waitFor(() => expect(tap.controller.state.step).toBe("followUp"));
    expect(tap.answer).toHaveBeenCalledWith(5);
  });

  it("keeps the visitor on the question with an error when the answer cannot be saved, and lets them retry", async () => {
    const { controller, answer } = setup();
    answer.mockRejectedValueOnce(new Error("quota"));
    controller.select(2, false);
    await controller.submit();
    expect(controller.state).toMatchObject({ step: "question", failed: true, busy: false });
    controller.select(3, false);
    expect(controller.state.failed).toBe(false);
    await controller.submit();
    expect(controller.state.step).toBe("followUp");
  });

  it("ignores a second submit while the first is being saved", async () => {
    const { controller, answer } = setup();
    let release: () => void = () => undefined;
    answer.mockImplementationOnce(
      () => new Promise<undefined>((r) => (release = () => r(undefined))),
    );
    controller.select(6, false);
    const first = controller.submit();
    await controller.submit();
    controller.select(1, false);
    expect(controller.state.value).toBe(6);
    release();
    await first;
    expect(answer).toHaveBeenCalledTimes(1);
  });

  it("sends or skips the follow-up, then thanks", async () => {
    const { controller, comment } = setup();
    controller.skip();
    expect(controller.state.step).toBe("question");
    controller.select(7, false);
    await controller.submit();
    controller.input("Faster delivery");
    await controller.send();
    expect(comment).toHaveBeenCalledWith({
      comment: "Faster delivery",
      consent: false,
      contact: "",
    });
    expect(controller.state.step).toBe("thanks");

    const other = setup();
    other.controller.select(1, false);
    await other.controller.submit();
    other.controller.skip();
    expect(other.controller.state.step).toBe("thanks");
    expect(other.comment).not.toHaveBeenCalled();
  });

  it("sends consent with a valid contact, holds a malformed one with a message, and forgets it when unticked", async () => {
    const { controller, comment } = setup({ field: "email" });
    controller.select(2, false);
    await controller.submit();
    controller.typeContact("ignored@example.com");
    controller.agree(true);
    controller.typeContact("ana@example");
    await controller.send();
    expect(comment).not.toHaveBeenCalled();
    expect(controller.state).toMatchObject({ step: "followUp", invalid: true });
    controller.typeContact(" ana@example.com ");
    expect(controller.state.invalid).toBe(false);
    await controller.send();
    expect(comment).toHaveBeenCalledWith({
      comment: "",
      consent: true,
      contact: "ana@example.com",
    });

    const unticked = setup({ field: "email" });
    unticked.controller.select(2, false);
    await unticked.controller.submit();
    unticked.controller.agree(true);
    unticked.controller.typeContact("ana@example.com");
    unticked.controller.agree(false);
    await unticked.controller.send();
    expect(unticked.comment).toHaveBeenCalledWith({ comment: "", consent: false, contact: "" });
  });
});

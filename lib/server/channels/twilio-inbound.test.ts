import { describe, expect, it } from "vitest";
import { smsKeyword } from "./twilio-inbound";

describe("smsKeyword", () => {
  it.each(["STOP", "stop", "  Stop\n", "STOPALL", "unsubscribe", "Cancel", "END", "quit"])("%j opts out", (body) => {
    expect(smsKeyword(body)).toBe("stop");
  });

  it.each(["START", " start ", "UNSTOP", "yes", "Yes"])("%j opts back in", (body) => {
    expect(smsKeyword(body)).toBe("start");
  });

  it.each(["", "Stop please", "STOP!", "don't stop", "yes please", "S T O P", "Thanks!"])("%j is an ordinary reply", (body) => {
    expect(smsKeyword(body)).toBeNull();
  });
});

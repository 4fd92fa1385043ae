import { describe, expect, it } from "vitest";
import type { Forecast } from "@/lib/checks/check-result";
import { channelShares, forecastSentence } from "./publish-check-text";

const forecast = (byChannel: Record<string, number>): Forecast => ({
  messagesPerDay: Object.values(byChannel).reduce((sum, n) => sum + n, 0),
  byChannel,
  notes: [],
});

describe("forecastSentence", () => {
  it("says the total and each channel, busiest first", () => {
    expect(forecastSentence(forecast({ email: 20, push: 100 }))).toBe("About 120 messages a day: 100 push, 20 email");
    expect(forecastSentence(forecast({ sms: 2.5, push: 1250, webhook: 0 }))).toBe("About 1,253 messages a day: 1,250 push, 2.5 SMS");
  });

  it("names the one channel once", () => {
    expect(forecastSentence(forecast({ push: 5, email: 0 }))).toBe("About 5 messages a day, all push");
    expect(forecastSentence(forecast({ sms: 1 }))).toBe("About 1 message a day, all SMS");
    expect(forecastSentence(forecast({ push: 0.3 }))).toBe("About 0.3 messages a day, all push");
  });

  it("says when nothing would be sent", () => {
    expect(forecastSentence(forecast({ push: 0 }))).toBe("No messages expected in a typical day");
    expect(forecastSentence(forecast({}))).toBe("No messages expected in a typical day");
  });
});

describe("channelShares", () => {
  it("puts equal channels in the usual order: push, email, SMS, webhook", () => {
    expect(forecastSentence(forecast({ webhook: 2, email: 2, push: 2 }))).toBe("About 6 messages a day: 2 push, 2 email, 2 webhook");
  });

  it("leaves out silent channels and gives each its share", () => {
    expect(channelShares(forecast({ push: 75, email: 25, sms: 0 }))).toEqual([
      { channel: "push", perDay: 75, share: 0.75 },
      { channel: "email", perDay: 25, share: 0.25 },
    ]);
  });
});

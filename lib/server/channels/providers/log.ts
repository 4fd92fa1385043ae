import type { Provider } from "../provider";

// The default: the recorded message is the delivery. Lets the demo work offline.
export const logProvider: Provider = {
  async send(message) {
    return { ok: true, providerMessageId: `log:${message.id}` };
  },
};

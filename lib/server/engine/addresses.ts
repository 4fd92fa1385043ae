// Whether a user can be reached on a channel, and why not. Webhooks go to the
// connector's URL, so every user is reachable there.
import type { Channel } from "@/lib/engine/nodes/fields";
import type { UserRecord } from "@/lib/engine/types";

export function unreachableReason(channel: Channel, user: UserRecord, hasDevice: boolean): string | null {
  switch (channel) {
    case "email":
      return user.email ? null : "The user has no email address";
    case "sms":
      return user.phone ? null : "The user has no phone number";
    case "push":
      return hasDevice ? null : "The user has no registered push device";
    case "webhook":
      return null;
  }
}

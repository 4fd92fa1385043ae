"use client";

import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { channelKeys, channelsApi, type ChannelSetting } from "@/lib/client/channels";
import type { MessageChannel } from "@/lib/client/messages";
import { ChannelCard } from "./channel-card";

const ORDER: MessageChannel[] = ["email", "push", "sms", "webhook"];

// "/settings/channels#email" opens that channel's form, so docs and other pages can link to it.
const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

export function ChannelSettings({ initial, defaultRates }: { initial: ChannelSetting[]; defaultRates: Record<MessageChannel, number> }) {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash.slice(1), () => "");
  const { data } = useQuery({
    queryKey: channelKeys.all,
    queryFn: ({ signal }) => channelsApi.list(signal),
    initialData: { channels: initial },
    staleTime: 60_000,
  });
  const byChannel = new Map(data.channels.map((setting) => [setting.channel, setting]));

  return (
    <div className="space-y-4">
      {ORDER.map((channel) => {
        const setting = byChannel.get(channel);
        return setting ? (
          <div key={channel} id={channel} className="scroll-mt-8">
            <ChannelCard key={`${channel}-${hash === channel}`} setting={setting} defaultRate={defaultRates[channel]} defaultOpen={hash === channel} />
          </div>
        ) : null;
      })}
    </div>
  );
}

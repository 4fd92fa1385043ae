import type { Metadata } from "next";
import { ChannelSettings } from "@/components/channels/channel-settings";
import { SettingsTabs } from "@/components/channels/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import type { ChannelSetting } from "@/lib/client/channels";
import { listChannels } from "@/lib/server/channels/channel-config";
import { defaultRatePerSecond } from "@/lib/server/channels/registry";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Channels · Settings · Cue" };

export default async function ChannelsSettingsPage() {
  const { prisma, app } = await currentApp();
  const { channels } = await listChannels(prisma, app.id);

  return (
    <>
      <PageHeader
        title="Settings"
        description="How Cue delivers each channel for this application. Secrets are stored encrypted and never shown again."
      />
      <SettingsTabs />
      <ChannelSettings initial={channels as ChannelSetting[]} defaultRates={defaultRatePerSecond} />
    </>
  );
}

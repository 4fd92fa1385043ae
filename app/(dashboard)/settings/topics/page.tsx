import type { Metadata } from "next";
import { SettingsTabs } from "@/components/channels/settings-tabs";
import { TopicsSettings } from "@/components/settings/topics-settings";
import { PageHeader } from "@/components/ui/page-header";
import { listTopics } from "@/lib/server/delivery/topics";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Topics · Settings · Cue" };

export default async function TopicsSettingsPage() {
  const { prisma, app } = await currentApp();
  const topics = await listTopics(prisma, app.id);

  return (
    <>
      <PageHeader title="Settings" description="What people can subscribe to. Someone who leaves a topic stops getting its messages, and only those." />
      <SettingsTabs />
      <TopicsSettings initial={topics} />
    </>
  );
}

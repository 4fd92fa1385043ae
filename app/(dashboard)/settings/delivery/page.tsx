import type { Metadata } from "next";
import { SettingsTabs } from "@/components/channels/settings-tabs";
import { DeliveryPolicyEditor } from "@/components/settings/delivery-policy-editor";
import { PageHeader } from "@/components/ui/page-header";
import { sqlDb } from "@/lib/server/db";
import { getPolicy } from "@/lib/server/delivery/policy-store";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Delivery policy · Settings · Cue" };

export default async function DeliveryPolicyPage() {
  const { app } = await currentApp();
  const policy = await getPolicy(await sqlDb(), app.id);

  return (
    <>
      <PageHeader title="Settings" description="When and how often people may be messaged. Every message passes these rules before it is queued." />
      <SettingsTabs />
      <DeliveryPolicyEditor initial={policy} />
    </>
  );
}
